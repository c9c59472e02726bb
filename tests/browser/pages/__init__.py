"""Page objects, one per screen: tests read as a user's steps, Selenium details live here.

`base` holds the browser and what every screen shares (sign-in, navigation, Dash components,
the counters, the console); each other module is one screen, its elements found through
`components.ids`.
"""
