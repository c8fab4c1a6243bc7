"""Did-you-mean hints: the closest ids, also among thousands, and always the same ones."""

from __future__ import annotations

from macros.model.hints import Vocabulary, closest, did_you_mean, listing


def test_closest_names_first() -> None:
    assert closest("onwer", ["owner", "name", "team"]) == ["owner"]
    assert closest("weeky", ["daily", "weekly", "biweekly", "monthly"]) == ["weekly", "biweekly"]


def test_hint_lists_the_valid_names_when_nothing_is_close() -> None:
    assert did_you_mean("zzz", ["b", "a"], "role ids") == "the valid role ids are a, b"
    assert did_you_mean("x", [], "term ids") == "there are no term ids yet"


def test_long_listings_are_cut_short() -> None:
    names = [f"id-{n:02d}" for n in range(20)]
    assert listing(names).endswith("id-11, … (8 more)")


def test_large_vocabularies_find_the_near_id() -> None:
    names = [f"{word}-{n}" for n in range(1000) for word in ("lead", "deal", "quota")]
    vocabulary = Vocabulary(names)
    near = vocabulary.closest("lead-42x")
    assert near[0] == "lead-42"
    assert len(near) == 3
    assert all(name.startswith("lead-") for name in near)
    assert vocabulary.closest("qouta-999", limit=1) == ["quota-999"]
    assert vocabulary.closest("lead-42x") == Vocabulary(reversed(names)).closest("lead-42x")
