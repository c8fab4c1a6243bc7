"""The funnel model: the default targets agree, and changing any link of the chain warns."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from macros.check.checker import check_loaded
from macros.check.funnel import model
from macros.read.load import load_directory

from .conftest import ROOT

H = "make the targets agree, or widen funnel_tolerance (10% now)"
BOOKINGS = (
    "playbook_data/kpis.yml:461:5: warning: KPI 'new-business-bookings' target "
    "USD 3,000,000 a quarter × 'marketing-sourced-pipeline' 50% is USD {stated} a quarter, "
    "but the funnel from 'mql-volume' at {mqls} a month × 'average-deal-size' USD {deal} "
    "implies USD {implied} a quarter; " + H
)
SPAN = (
    "playbook_data/kpis.yml:257:5: warning: KPI 'mql-to-sql-rate' target {stated}% "
    "contradicts the funnel: 'mql-to-sal-rate' × 'sal-to-sql-rate' implies {implied}%; " + H
)


def _bookings(
    implied: str, stated: str = "1,500,000", mqls: str = "400", deal: str = "25,000"
) -> str:
    return BOOKINGS.format(implied=implied, stated=stated, mqls=mqls, deal=deal)


CHAIN = {
    "inquiry-volume": (
        2000,
        [
            "playbook_data/kpis.yml:79:5: warning: KPI 'mql-volume' target 400 a month "
            "contradicts the funnel: 'inquiry-volume' at 2,000 a month implies 300 a month; " + H
        ],
    ),
    "inquiry-to-mql-rate": (
        20,
        [
            "playbook_data/kpis.yml:79:5: warning: KPI 'mql-volume' target 400 a month "
            "contradicts the funnel: 'inquiry-volume' at 2,700 a month implies 540 a month; " + H
        ],
    ),
    "mql-volume": (
        300,
        [
            "playbook_data/kpis.yml:79:5: warning: KPI 'mql-volume' target 300 a month "
            "contradicts the funnel: 'inquiry-volume' at 2,700 a month implies 405 a month; " + H,
            _bookings("1,125,000", mqls="300"),
        ],
    ),
    "mql-to-sal-rate": (
        40,
        [SPAN.format(stated=25, implied=20), _bookings("1,200,000")],
    ),
    "sal-to-sql-rate": (
        60,
        [SPAN.format(stated=25, implied=30), _bookings("1,800,000")],
    ),
    "mql-to-sql-rate": (35, [SPAN.format(stated=35, implied=25)]),
    "sql-to-sao-rate": (60, [_bookings("1,125,000")]),
    "win-rate": (20, [_bookings("1,200,000")]),
    "average-deal-size": (20000, [_bookings("1,200,000", deal="20,000")]),
    "new-business-bookings": (
        4000000,
        [
            BOOKINGS.format(
                implied="1,500,000", stated="2,000,000", mqls="400", deal="25,000"
            ).replace("USD 3,000,000", "USD 4,000,000")
        ],
    ),
    "marketing-sourced-pipeline": (
        40,
        [_bookings("1,500,000", stated="1,200,000").replace("' 50%", "' 40%")],
    ),
}
"""Each link of the chain: its new target and the exact warnings it gets."""


def _project(tmp_path: Path, kpi: str | None = None, value: float = 0) -> Path:
    shutil.copytree(ROOT / "playbook_data", tmp_path / "playbook_data")
    if kpi is not None:
        path = tmp_path / "playbook_data" / "kpis.yml"
        text = path.read_text("utf-8")
        pattern = rf"(  - id: {kpi}\n(?:    .*\n|      .*\n)*?    target:\n      value: )\S+"
        changed, n = re.subn(pattern, rf"\g<1>{value:g}", text, count=1)
        assert n == 1, kpi
        path.write_text(changed, "utf-8")
    return tmp_path


def _warnings(project: Path, tolerance: float = 0.1) -> list[str]:
    loaded = load_directory(project, ".")
    problems = check_loaded(loaded, tolerance=tolerance)
    return [str(p) for p in problems if p.code == "funnel-mismatch"]


def test_the_default_targets_agree(tmp_path: Path) -> None:
    assert _warnings(_project(tmp_path)) == []


@pytest.mark.parametrize("kpi", sorted(CHAIN))
def test_changing_one_link_warns_naming_both_ends(
    kpi: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _project(tmp_path, kpi, CHAIN[kpi][0])
    monkeypatch.chdir(project)
    assert _warnings(Path()) == CHAIN[kpi][1]


def test_a_wider_tolerance_accepts_the_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _project(tmp_path, "win-rate", 20)
    monkeypatch.chdir(project)
    assert _warnings(Path(), tolerance=0.25) == []


def test_the_model_holds_each_stage_volume_a_month(tmp_path: Path) -> None:
    loaded = load_directory(_project(tmp_path), ".")
    volumes = {s.stage: s.monthly for s in model(loaded.playbook)}
    assert volumes == {
        "awareness": 90000,
        "inquiry": 2700,
        "mql": pytest.approx(405),
        "sal": 200,
        "sql": 100,
        "opportunity": 80,
        "customer": 20,
        "evangelist": None,
    }
