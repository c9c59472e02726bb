"""Bulk reassign: permissions, all or nothing, stale selections, undo, digests, concurrency."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from data import notifications
from data.bulk import (
    COMPLETED,
    NOT_A_TASK,
    NOT_ALLOWED,
    BulkError,
    BulkForm,
    BulkResult,
    Previewed,
    Selection,
    StaleSelection,
    preview,
    preview_form,
    reassign,
    reassign_all_open,
    submit_form,
    undo,
)
from data.errors import InvalidInput
from data.models import AuditEvent, Note, Notification
from data.scope import load_viewer
from tests import factories as f
from tests.factories import FIXED_NOW as NOW


@pytest.fixture
def office(db):
    """Team Ventes (manager Marie; reps Paul, Lea), Omar outside it, an admin."""
    with db.session() as s:
        admin, marie, paul, lea, omar = f.people(s, "admin", "marie", "paul", "lea", "omar")
        gone = f.user(s, "Gone Rep", active=False)
        f.team(s, "Ventes", managers=[marie], members=[paul, lea, gone])
        shop = f.customer(s, "Boulangerie Martin", paul)
        far = f.customer(s, "Garage Lointain", omar)
        paul_tasks = [
            f.note(s, paul, f"Paul {i}", customer=shop, assignee=paul, due_in=timedelta(days=i))
            for i in range(1, 4)
        ]
        lea_tasks = [
            f.note(s, lea, f"Lea {i}", customer=shop, assignee=lea, due_in=timedelta(days=-i))
            for i in range(1, 3)
        ]
        omar_task = f.note(s, omar, "Omar", customer=far, assignee=omar, due_in=timedelta(1))
        plain = f.note(s, paul, "Plain note", customer=shop)
        done = f.note(s, paul, "Done", customer=shop, assignee=paul, completed=True)
        ids = {
            "admin": admin.id,
            "marie": marie.id,
            "paul": paul.id,
            "lea": lea.id,
            "omar": omar.id,
            "gone": gone.id,
            "paul_tasks": [n.id for n in paul_tasks],
            "lea_tasks": [n.id for n in lea_tasks],
            "omar_task": omar_task.id,
            "plain": plain.id,
            "done": done.id,
        }
    return db, ids


def assignees(s, note_ids):
    rows = s.execute(select(Note.id, Note.assignee_id).where(Note.id.in_(note_ids))).all()
    return {row.id: row.assignee_id for row in rows}


def count(s, model, *where):
    return s.scalar(select(func.count()).select_from(model).where(*where))


def test_preview_counts_per_assignee_and_blockers(office):
    db, ids = office
    with db.session() as s:
        marie = load_viewer(s, ids["marie"])
        chosen = [*ids["paul_tasks"], *ids["lea_tasks"]]
        result = preview(s, marie, Selection(note_ids=tuple(chosen)), NOW)
        assert result.tasks == 5
        assert [(name, n) for _, name, n in result.per_assignee] == [
            ("Paul Rep", 3),
            ("Lea Rep", 2),
        ]
        assert result.can_apply

        forged = (ids["plain"], ids["done"], ids["omar_task"], 999_999, ids["paul_tasks"][0])
        blocked = preview(s, marie, Selection(note_ids=forged), NOW)
        assert blocked.tasks == 1
        assert blocked.blocked == {NOT_A_TASK: 1, COMPLETED: 1, NOT_ALLOWED: 2}
        assert not blocked.can_apply


def test_manager_reassigns_with_new_date_audit_and_digests(office):
    db, ids = office
    new_due = NOW + timedelta(days=7)
    chosen = (*ids["paul_tasks"], ids["lea_tasks"][0])
    with db.session() as s:
        marie = load_viewer(s, ids["marie"])
        expected = preview(s, marie, Selection(note_ids=chosen), NOW).fingerprint
        result = reassign(s, marie, Selection(note_ids=chosen), ids["lea"], new_due, NOW, expected)
    assert (result.count, result.assignee_name) == (4, "Lea Rep")
    with db.session() as s:
        rows = s.execute(select(Note).where(Note.id.in_(chosen))).scalars().all()
        assert {n.assignee_id for n in rows} == {ids["lea"]}
        assert {n.due_at for n in rows} == {new_due}
        assert {n.version for n in rows} == {2}
        events = s.execute(
            select(AuditEvent).where(AuditEvent.batch_id == result.batch_id)
        ).scalars()
        by_note = {e.target_id: e for e in events}
        assert set(by_note) == set(chosen)
        first = by_note[ids["paul_tasks"][0]]
        assert first.before["assignee_id"] == ids["paul"]
        assert first.after["assignee_id"] == ids["lea"]
        assert first.after["version"] == 2
        digests = s.execute(
            select(Notification.recipient_id, Notification.kind, Notification.item_count)
            .where(Notification.batch_id == result.batch_id)
            .order_by(Notification.recipient_id)
        ).all()
        # Lea gets the 3 tasks that were Paul's (her own one was not "assigned to her");
        # Paul is told once that 3 of his went to Lea. Never one per note.
        assert sorted(digests) == sorted(
            [(ids["lea"], "assigned", 3), (ids["paul"], "reassigned", 3)]
        )
        subject = s.scalar(
            select(Notification.subject_user_id).where(
                Notification.batch_id == result.batch_id, Notification.kind == "reassigned"
            )
        )
        assert subject == ids["lea"]


def test_all_or_nothing_when_one_note_is_out_of_scope(office):
    db, ids = office
    chosen = (*ids["paul_tasks"], ids["omar_task"])
    with db.session() as s:
        marie = load_viewer(s, ids["marie"])
        with pytest.raises(BulkError) as refused:
            reassign(s, marie, Selection(note_ids=chosen), ids["lea"], None, NOW)
        assert refused.value.preview.blocked == {NOT_ALLOWED: 1}
    with db.session() as s:
        assert assignees(s, chosen) == {
            **{n: ids["paul"] for n in ids["paul_tasks"]},
            ids["omar_task"]: ids["omar"],
        }
        assert count(s, AuditEvent) == 0
        assert count(s, Notification) == 0


def test_rep_may_bulk_reassign_only_their_own_tasks(office):
    db, ids = office
    with db.session() as s:
        paul = load_viewer(s, ids["paul"])
        with pytest.raises(BulkError):
            reassign(s, paul, Selection(note_ids=tuple(ids["lea_tasks"])), ids["paul"], None, NOW)
    with db.session() as s:
        assert set(assignees(s, ids["lea_tasks"]).values()) == {ids["lea"]}
        paul = load_viewer(s, ids["paul"])
        result = reassign(
            s, paul, Selection(note_ids=tuple(ids["paul_tasks"])), ids["lea"], None, NOW
        )
        assert result.count == 3


def test_admin_reassigns_anything_and_all_matching_uses_the_filter(office):
    db, ids = office
    with db.session() as s:
        admin = load_viewer(s, ids["admin"])
        # Overdue open tasks: Lea's two. Plain notes and completed tasks are not tasks to move.
        selection = Selection(query="overdue=1")
        assert preview(s, admin, selection, NOW).tasks == 2
        result = reassign(s, admin, selection, ids["omar"], None, NOW)
        assert result.count == 2
    with db.session() as s:
        assert set(assignees(s, ids["lea_tasks"]).values()) == {ids["omar"]}
        assert set(assignees(s, ids["paul_tasks"]).values()) == {ids["paul"]}


@pytest.mark.parametrize(
    ("assignee", "due", "field"),
    [
        (None, None, "rep"),
        ("abc", None, "rep"),
        ("gone", None, "rep"),
        ("omar", None, "rep"),  # outside the manager's teams
        ("lea", NOW - timedelta(hours=1), "date"),
        ("lea", NOW + timedelta(days=365 * 6), "date"),
    ],
)
def test_bad_target_changes_nothing(office, assignee, due, field):
    db, ids = office
    target = ids.get(assignee, assignee) if assignee else None
    with db.session() as s:
        marie = load_viewer(s, ids["marie"])
        with pytest.raises(BulkError) as refused:
            reassign(s, marie, Selection(note_ids=tuple(ids["paul_tasks"])), target, due, NOW)
        assert field in refused.value.errors
    with db.session() as s:
        assert set(assignees(s, ids["paul_tasks"]).values()) == {ids["paul"]}
        assert count(s, AuditEvent) == 0


@pytest.mark.parametrize(
    ("ids_payload", "all_matching", "query"),
    [([], False, None), (["1", "x; DROP TABLE note"], False, None), ("7", False, None)],
)
def test_empty_or_forged_selection_is_refused(ids_payload, all_matching, query):
    with pytest.raises(BulkError) as refused:
        Selection.from_payload(ids_payload, all_matching, query).clause(None, None, NOW)
    assert "selection" in refused.value.errors


def test_forged_filter_is_refused(office):
    db, ids = office
    with db.session() as s:
        marie = load_viewer(s, ids["marie"])
        with pytest.raises(BulkError) as refused:
            reassign(s, marie, Selection(query="status=abc"), ids["lea"], None, NOW)
        assert "selection" in refused.value.errors
        assert count(s, AuditEvent) == 0


def test_stale_selection_is_refused_with_the_new_preview(office):
    db, ids = office
    chosen = tuple(ids["paul_tasks"])
    with db.session() as s:
        marie = load_viewer(s, ids["marie"])
        seen = preview(s, marie, Selection(note_ids=chosen), NOW).fingerprint
    with db.session() as s:  # someone completes one of them meanwhile
        s.execute(update(Note).where(Note.id == chosen[0]).values(completed_at=NOW, version=2))
    with db.session() as s:
        marie = load_viewer(s, ids["marie"])
        with pytest.raises(BulkError) as refused:
            reassign(s, marie, Selection(note_ids=chosen), ids["lea"], None, NOW, seen)
        assert refused.value.preview.blocked == {COMPLETED: 1}
    with db.session() as s:  # someone edits one of them meanwhile (version bump only)
        marie = load_viewer(s, ids["marie"])
        selection = Selection(note_ids=chosen[1:])
        seen = preview(s, marie, selection, NOW).fingerprint
        s.execute(update(Note).where(Note.id == chosen[1]).values(version=Note.version + 1))
    with db.session() as s:
        marie = load_viewer(s, ids["marie"])
        with pytest.raises(StaleSelection) as stale:
            reassign(s, marie, selection, ids["lea"], None, NOW, seen)
        assert stale.value.preview.tasks == 2
    with db.session() as s:
        assert set(assignees(s, chosen).values()) == {ids["paul"]}
        assert count(s, AuditEvent) == 0


def test_undo_restores_everything_when_nothing_changed(office):
    db, ids = office
    chosen = (*ids["paul_tasks"], *ids["lea_tasks"])
    with db.session() as s:
        before = dict(s.execute(select(Note.id, Note.due_at).where(Note.id.in_(chosen))).all())
        marie = load_viewer(s, ids["marie"])
        batch = reassign(
            s, marie, Selection(note_ids=chosen), ids["lea"], NOW + timedelta(days=2), NOW
        ).batch_id
    with db.session() as s:
        marie = load_viewer(s, ids["marie"])
        result = undo(s, marie, batch, NOW + timedelta(hours=1))
    assert (result.restored, result.not_restored) == (5, {})
    with db.session() as s:
        assert assignees(s, chosen) == {
            **{n: ids["paul"] for n in ids["paul_tasks"]},
            **{n: ids["lea"] for n in ids["lea_tasks"]},
        }
        after = dict(s.execute(select(Note.id, Note.due_at).where(Note.id.in_(chosen))).all())
        assert after == before
        assert {v for (v,) in s.execute(select(Note.version).where(Note.id.in_(chosen)))} == {3}
        # Paul gets his 3 back; Lea loses the 3 that were his (her own 2 never moved).
        digests = s.execute(
            select(Notification.recipient_id, Notification.kind, Notification.item_count).where(
                Notification.kind.in_(["assigned", "reassigned"]),
                Notification.batch_id != batch,
            )
        ).all()
        assert sorted(digests) == sorted(
            [(ids["paul"], "assigned", 3), (ids["lea"], "reassigned", 3)]
        )
    with db.session() as s:
        marie = load_viewer(s, ids["marie"])
        with pytest.raises(BulkError, match="undone already"):
            undo(s, marie, batch, NOW + timedelta(hours=2))


def test_partial_undo_reports_what_could_not_be_restored(office):
    db, ids = office
    chosen = tuple(ids["paul_tasks"])
    with db.session() as s:
        marie = load_viewer(s, ids["marie"])
        batch = reassign(s, marie, Selection(note_ids=chosen), ids["lea"], None, NOW).batch_id
    with db.session() as s:  # Lea edits one, completes another
        s.execute(
            update(Note)
            .where(Note.id == chosen[0])
            .values(version=Note.version + 1, updated_by_id=ids["lea"], body="edited")
        )
        s.execute(
            update(Note)
            .where(Note.id == chosen[1])
            .values(version=Note.version + 1, completed_at=NOW, updated_by_id=ids["lea"])
        )
    with db.session() as s:
        marie = load_viewer(s, ids["marie"])
        result = undo(s, marie, batch, NOW + timedelta(minutes=5))
    assert result.restored == 1
    assert result.not_restored == {"changed": 1, "completed": 1}
    assert result.changed_by == ["Lea Rep"]
    assert "1 changed since by Lea Rep" in [str(m) for m in result.messages()]
    with db.session() as s:
        assert assignees(s, chosen) == {
            chosen[0]: ids["lea"],
            chosen[1]: ids["lea"],
            chosen[2]: ids["paul"],
        }


def test_undo_only_by_the_actor_within_24_hours(office):
    db, ids = office
    with db.session() as s:
        marie = load_viewer(s, ids["marie"])
        batch = reassign(
            s, marie, Selection(note_ids=tuple(ids["paul_tasks"])), ids["lea"], None, NOW
        ).batch_id
    with db.session() as s:
        admin = load_viewer(s, ids["admin"])
        with pytest.raises(BulkError, match="Not allowed"):
            undo(s, admin, batch, NOW)
        marie = load_viewer(s, ids["marie"])
        with pytest.raises(BulkError, match="24 hours"):
            undo(s, marie, batch, NOW + timedelta(hours=25))
        with pytest.raises(BulkError, match="Not allowed"):
            undo(s, marie, "forged-batch", NOW)
    with db.session() as s:
        assert set(assignees(s, ids["paul_tasks"]).values()) == {ids["lea"]}


def test_reassign_all_open_when_a_user_leaves(office):
    db, ids = office
    with db.session() as s:
        admin = load_viewer(s, ids["admin"])
        result = reassign_all_open(s, admin, ids["paul"], ids["lea"], NOW)
        assert result.count == 3
        assert reassign_all_open(s, admin, ids["paul"], ids["lea"], NOW) is None
    with db.session() as s:
        assert count(s, Note, Note.assignee_id == ids["paul"], Note.completed_at.is_(None)) == 0
        # The completed task keeps its history.
        assert assignees(s, [ids["done"]]) == {ids["done"]: ids["paul"]}


def test_concurrent_overlapping_bulk_reassigns_on_postgresql(office, db_url):
    if not db_url.startswith("postgresql"):
        pytest.skip("SQLite serialises writers; the race is PostgreSQL's")
    db, ids = office
    shared = (*ids["paul_tasks"], *ids["lea_tasks"])
    selections = {"lea": shared[:4], "paul": shared[1:]}
    with db.session() as s:
        marie = load_viewer(s, ids["marie"])
        seen = {
            who: preview(s, marie, Selection(note_ids=chosen), NOW).fingerprint
            for who, chosen in selections.items()
        }
    outcomes: dict[str, str] = {}
    start = threading.Barrier(2)

    def run(who: str) -> None:
        start.wait()
        try:
            with db.session() as s:
                marie = load_viewer(s, ids["marie"])
                selection = Selection(note_ids=selections[who])
                reassign(s, marie, selection, ids[who], None, NOW, seen[who])
            outcomes[who] = "applied"
        except StaleSelection:
            outcomes[who] = "stale"

    threads = [threading.Thread(target=run, args=(who,)) for who in selections]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes.values()) == ["applied", "stale"]
    winner = next(who for who, outcome in outcomes.items() if outcome == "applied")
    with db.session() as s:
        now_assigned = assignees(s, selections[winner])
        assert set(now_assigned.values()) == {ids[winner]}
        batches = s.scalars(select(AuditEvent.batch_id).distinct()).all()
        assert len(batches) == 1
        audited = count(s, AuditEvent, AuditEvent.batch_id == batches[0])
        assert audited == len(selections[winner])
        versions = dict(s.execute(select(Note.id, Note.version).where(Note.id.in_(shared))).all())
        assert all(versions[n] == 2 for n in selections[winner])


def test_digests_read_as_one_sentence_per_person_and_can_be_marked_read(office):
    db, ids = office
    with db.session() as s:
        marie = load_viewer(s, ids["marie"])
        reassign(s, marie, Selection(note_ids=tuple(ids["paul_tasks"])), ids["lea"], None, NOW)
    with db.session() as s:
        lea, paul = load_viewer(s, ids["lea"]), load_viewer(s, ids["paul"])
        assert [str(n.message) for n in notifications.recent(s, lea)] == [
            "3 tasks assigned to you by Marie Manager"
        ]
        assert [n.message.translated("fr") for n in notifications.recent(s, paul)] == [
            "3 de vos tâches ont été réassignées à Lea Rep par Marie Manager"
        ]
        assert notifications.unread_count(s, lea) == 1
        assert notifications.mark_all_read(s, lea, NOW) == 1
    with db.session() as s:
        lea, paul = load_viewer(s, ids["lea"]), load_viewer(s, ids["paul"])
        assert notifications.unread_count(s, lea) == 0
        assert notifications.recent(s, lea) == []
        assert notifications.unread_count(s, paul) == 1  # Lea's click reads only hers


def bar(ids, ticked, rep="lea", day=None, **values) -> BulkForm:
    """The bulk bar as a click reads it: ticked rows, the new assignee, the new date."""
    rows = [{"id": note_id} for note_id in ticked]
    fields = {"all_matching": False, "query": "", "at": None, **values}
    return BulkForm.read(rows=rows, rep=ids.get(rep, rep), day=day, time_zone="UTC", **fields)


def test_a_submit_applies_what_was_previewed(office):
    db, ids = office
    form = bar(ids, ids["paul_tasks"])
    with db.session() as s:
        marie = load_viewer(s, ids["marie"])
        shown = preview_form(s, marie, form, NOW)
        assert (shown.preview.tasks, shown.assignee_name) == (3, "Lea Rep")
        result = submit_form(s, marie, form, shown.token, NOW)
    assert isinstance(result, BulkResult) and result.count == 3
    with db.session() as s:
        assert set(assignees(s, ids["paul_tasks"]).values()) == {ids["lea"]}


def test_a_submit_after_the_form_changed_previews_again_and_changes_nothing(office):
    db, ids = office
    with db.session() as s:
        marie = load_viewer(s, ids["marie"])
        token = preview_form(s, marie, bar(ids, ids["paul_tasks"]), NOW).token
        changed = bar(ids, ids["paul_tasks"][:2])
        shown = submit_form(s, marie, changed, token, NOW)
        assert isinstance(shown, Previewed) and shown.form_changed
        assert shown.preview.tasks == 2
        assert shown.token["key"] == changed.key != token["key"]
        assert count(s, AuditEvent) == 0
        # The new preview's token applies.
        assert submit_form(s, marie, changed, shown.token, NOW).count == 2


def test_a_submit_on_a_selection_that_changed_since_the_preview_is_stale(office):
    db, ids = office
    form = bar(ids, ids["paul_tasks"])
    with db.session() as s:
        token = preview_form(s, load_viewer(s, ids["marie"]), form, NOW).token
    with db.session() as s:  # someone edits one of them meanwhile
        s.execute(update(Note).where(Note.id == ids["paul_tasks"][0]).values(version=5))
    with db.session() as s:
        with pytest.raises(StaleSelection) as stale:
            submit_form(s, load_viewer(s, ids["marie"]), form, token, NOW)
        assert form.token(stale.value.preview) != token
    with db.session() as s:
        assert set(assignees(s, ids["paul_tasks"]).values()) == {ids["paul"]}


def test_a_bad_date_in_the_bar_is_refused_on_the_date_field(office):
    _db, ids = office
    with pytest.raises(InvalidInput) as refused:
        bar(ids, ids["paul_tasks"], day="tomorrow")
    assert set(refused.value.errors) == {"date"}


@pytest.mark.parametrize("query", ["status=999999", "option=999998&option=999999", "rep=999999"])
def test_all_matching_a_filter_of_unknown_ids_matches_no_task(office, query):
    db, ids = office
    with db.session() as s:
        admin = load_viewer(s, ids["admin"])
        assert preview(s, admin, Selection(query=query), NOW).tasks == 0
        with pytest.raises(BulkError, match="no open task"):
            reassign(s, admin, Selection(query=query), ids["lea"], None, NOW)
    with db.session() as s:
        assert count(s, AuditEvent) == 0
