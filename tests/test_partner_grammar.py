"""The `/partner` grammar, read the way people type it."""

from __future__ import annotations

import pytest

from handlers.common.grammar import GrammarError
from handlers.partners.grammar import (
    Add,
    Archive,
    Edit,
    Find,
    Help,
    ListPartners,
    Show,
    parse_partner_command,
)
from storage.models import Stage
from storage.partners.names import name_key


def test_add_with_fields() -> None:
    parsed = parse_partner_command(
        "add Acme Health industry: Healthcare pathway: Nursing, Health Science stage: active"
    )
    assert parsed == Add(
        name="Acme Health",
        stage=Stage.ACTIVE,
        industry="Healthcare",
        pathways=("Nursing", "Health Science"),
    )


def test_add_without_a_name_opens_the_form() -> None:
    assert parse_partner_command("add") == Add(name="")


def test_add_with_fields_but_no_name_is_refused() -> None:
    with pytest.raises(GrammarError, match="name first"):
        parse_partner_command("add industry: Healthcare")


def test_bad_stage_lists_the_stages() -> None:
    with pytest.raises(GrammarError, match="prospect, contacted, engaged, active, paused"):
        parse_partner_command("add Acme stage: hot")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", Help()),
        ("help", Help()),
        ("acme", Show("acme")),
        ("acme  helth", Show("acme helth")),
        ("list", ListPartners()),
        ("list mine", ListPartners(mine=True)),
        ("list active", ListPartners(stage=Stage.ACTIVE)),
        ("list Nursing", ListPartners(words=("Nursing",))),
        ("list cold mine", ListPartners(mine=True, cold=True)),
        ("list going cold", ListPartners(cold=True)),
        ("list <@U0JUAN|juan>", ListPartners(person="U0JUAN")),
        ("list active welding", ListPartners(stage=Stage.ACTIVE, words=("welding",))),
        ("find nurs", Find("nurs")),
        ("edit Acme Health", Edit("Acme Health")),
        ("archive Acme", Archive("Acme")),
    ],
)
def test_subcommands(text: str, expected: object) -> None:
    assert parse_partner_command(text) == expected


@pytest.mark.parametrize("text", ["find", "edit", "archive"])
def test_missing_arguments_say_how_to_write_it(text: str) -> None:
    with pytest.raises(GrammarError, match="/partner"):
        parse_partner_command(text)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Acme Health", "acme  health"),
        ("Acme Health, Inc.", "ACME HEALTH"),
        ("Acme Health LLC", "Acme Health"),
        ("Riverside Auto L.L.C.", "riverside auto"),
        ("Smith & Sons Co.", "smith and sons"),
    ],
)
def test_names_that_are_the_same_partner(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def test_names_that_differ() -> None:
    assert name_key("Acme Health") != name_key("Acme Auto")
    assert name_key("Co") == "co"  # a name that is only a suffix keeps it
