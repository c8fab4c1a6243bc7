"""The small formatters every output shares: counts, capitals, code spans and fences."""

from __future__ import annotations

from macros.model.formatting import capitalized, code_span, count, fence


def test_counts_capitals_and_code_spans() -> None:
    assert [count(1, "error"), count(0, "error"), count(2, "change")] == [
        "1 error",
        "0 errors",
        "2 changes",
    ]
    assert [capitalized("KPIs"), capitalized("teams"), capitalized("")] == ["KPIs", "Teams", ""]
    assert fence("a ``b`` c") == "```"
    assert fence("plain", 3) == "```"
    assert code_span("`x`") == "`` `x` ``"
