"""The demo data generator behind `flask --app app seed-demo`."""
