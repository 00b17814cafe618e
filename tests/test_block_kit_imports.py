"""The import's messages and forms at their worst (hostile names and headers, thousands of
rows, 200 columns): valid Block Kit within Slack's limits, pinging nobody."""

from __future__ import annotations

import pytest

from handlers.imports.columns_form import columns_modal
from handlers.imports.render import blocks_for, upload_modal
from storage.imports.values import (
    EXACT,
    NEAR,
    NEW,
    PROBLEM,
    REFUSED,
    ContactRow,
    ImportRow,
    Preview,
    Sorted,
)
from tests.support.block_kit import assert_message, assert_view, hostile


def preview(rows: int, status: str = "previewed") -> Preview:
    name = hostile(200)
    contacts = tuple(ContactRow(hostile(200), email="a@b.org") for _ in range(3))
    groups = (NEW, EXACT, NEAR, PROBLEM, REFUSED)
    items = tuple(
        Sorted(
            ImportRow(
                n + 2,
                name,
                contacts=contacts,
                problems=(hostile(300),) * 4 if groups[n % 5] == PROBLEM else (),
                refused=hostile(100) if groups[n % 5] == REFUSED else None,
            ),
            groups[n % 5],
            match_id=1 if groups[n % 5] in (EXACT, NEAR) else None,
            match_name=hostile(200),
        )
        for n in range(rows)
    )
    headers = tuple(hostile(120) for _ in range(200))
    return Preview(
        batch_id=12,
        source=hostile(300),
        status=status,
        created_by="U1",
        rows=items,
        choices={NEW: "add", EXACT: "update", NEAR: "skip", PROBLEM: "skip"},
        mapping={
            "fields": {"name": 0, "industry": 1, "notes": 2},
            "contacts": [{"name": 3 + i, "email": 30 + i} for i in range(20)],
        },
        headers=headers,
        notes=(hostile(500),),
        summary={"added": 9000, "updated": 10, "skipped": 3, "refused": 1, "contacts_added": 5,
                 "undo": {"added": 9000, "updated": 9, "kept": [hostile(200)] * 50}},
    )  # fmt: skip


@pytest.mark.parametrize("rows", [1, 5, 10_000])
@pytest.mark.parametrize("status", ["previewed", "applied", "undone", "cancelled"])
def test_import_messages_stay_within_slacks_limits(rows: int, status: str) -> None:
    text, blocks = blocks_for(preview(rows, status))
    assert_message(text, blocks)
    assert len(blocks) <= 12


def test_import_forms_are_valid_views() -> None:
    assert_view(upload_modal(hostile(900)))
    assert_view(columns_modal(preview(10), {"channel": "D1", "ts": "1.2"}))
