"""Demo mode through the real app (AppTest): switched on by URL or button, one-click examples,
reset, the projector stylesheet on every page, and nothing stored (issue 7).

Expected amounts come from the core (`aeno_core.answers.evaluate`) and, for the Foutenfestival,
from the fund's worked example in ../shared/cases; the tests check that the page shows them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from aeno_core.answers import Answers, evaluate
from aeno_core.drafts import DraftStore
from aeno_core.examples import examples
from aeno_core.formatting import money
from tests.paths import ROOT, SHARED_CASES
from ui import demo
from ui.pages import PAGES, PageSpec
from ui.state import SESSION_KEY

APP = str(ROOT / "app.py")
OWN_EXAMPLES = ("innovatief_leerlab_digitale_balie", "innovatief_talentenruil")


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[DraftStore]:
    """The draft store the app uses in this test (a fresh SQLite file), opened to look inside."""
    path = tmp_path / "drafts.sqlite3"
    monkeypatch.delenv("SUBSIDIEWIJZER_DB_URL", raising=False)
    monkeypatch.setenv("SUBSIDIEWIJZER_DRAFTS_PATH", str(path))
    store = DraftStore(f"sqlite+pysqlite:///{path}")
    yield store
    store.dispose()


def tab(**params: str) -> AppTest:
    """A fresh browser tab on the Start page, opened with the given URL parameters."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    ok(at)
    return at


def ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def answers_of(at: AppTest) -> Answers:
    answers = at.session_state[SESSION_KEY].answers
    assert isinstance(answers, Answers)
    return answers


def page_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [m.value for m in at.sidebar.markdown]
    parts += [e.value for kind in (at.info, at.success, at.warning, at.error) for e in kind]
    return "\n".join(str(p) for p in parts)


def has_demo_css(at: AppTest) -> bool:
    """Is the projector stylesheet among the page's injected HTML?"""
    marker = demo.CSS_FILE.read_text(encoding="utf-8").splitlines()[0]
    return any(marker in str(element.proto.body) for element in at.get("html"))


def in_demo(at: AppTest) -> bool:
    return "sw-demo-reset" in {b.key for b in at.button}


def expected_amount(key: str) -> str:
    outcome = evaluate(Answers.from_application(examples()[key].application))
    assert outcome.estimate is not None
    return money(outcome.estimate.calculation.subsidy)


def test_the_shipped_examples_are_the_foutenfestival_and_two_innovatief_projects() -> None:
    shipped = examples()
    assert "foutenfestival" in shipped
    for key in OWN_EXAMPLES:
        example = shipped[key]
        assert example.application.scheme.value == "innovatief"
        assert len(example.description) > 100, "described in our own words"
        outcome = evaluate(Answers.from_application(example.application))
        assert outcome.estimate is not None
        assert not outcome.estimate.problems, [p.message for p in outcome.estimate.problems]


def test_url_parameter_switches_demo_mode_on_and_the_page_says_nothing_is_stored() -> None:
    normal = tab()
    assert not in_demo(normal)
    assert not has_demo_css(normal)

    at = tab(demo="1")
    assert in_demo(at)
    assert has_demo_css(at)
    text = page_text(at)
    assert "er wordt niets bewaard" in text
    assert demo.NOTHING_STORED in text
    for key in examples():
        assert f"sw-demo-load-{key}" in {b.key for b in at.button}


@pytest.mark.parametrize("key", list(examples()))
def test_each_example_loads_with_one_click(key: str) -> None:
    at = tab(demo="1")
    at.button(key=f"sw-demo-load-{key}").click().run()
    ok(at)
    assert answers_of(at) == Answers.from_application(examples()[key].application)
    assert expected_amount(key) in page_text(at)
    assert f"geladen: voorbeeld {examples()[key].name}" in page_text(at)


def test_the_foutenfestival_gives_the_funds_own_amount() -> None:
    case = yaml.safe_load((SHARED_CASES / "01_foutenfestival.yaml").read_text(encoding="utf-8"))
    at = tab(demo="1")
    at.button(key="sw-demo-load-foutenfestival").click().run()
    assert money(Decimal(case["expect"]["subsidy"])) in page_text(at)


def test_reset_gives_a_clean_application_from_any_page() -> None:
    at = tab(demo="1")
    at.button(key="sw-demo-load-innovatief_talentenruil").click().run()
    at.switch_page("pages/kosten.py").run()
    ok(at)
    assert answers_of(at) != Answers()
    at.button(key="sw-demo-reset").click().run()
    ok(at)
    assert answers_of(at) == Answers()
    assert at.session_state[SESSION_KEY].example is None
    assert "Nog geen schatting" in page_text(at)


@pytest.mark.parametrize("spec", PAGES, ids=[p.key for p in PAGES])
def test_every_page_has_the_banner_and_the_projector_style(spec: PageSpec) -> None:
    at = tab(demo="1")
    at.button(key="sw-demo-load-foutenfestival").click().run()
    at.switch_page(spec.file).run()
    ok(at)
    assert in_demo(at)
    assert has_demo_css(at)


def test_demo_mode_stores_no_draft_while_normal_mode_does(db: DraftStore) -> None:
    at = tab(demo="1")
    at.button(key="sw-demo-load-foutenfestival").click().run()
    at.switch_page("pages/project.py").run()
    at.text_input(key="w.project.title").input("Persoonlijke gegevens in een demo").run()
    ok(at)
    assert answers_of(at).project.title == "Persoonlijke gegevens in een demo"
    assert db.count() == 0
    assert "concept" not in at.query_params

    normal = tab()
    normal.button(key="example.foutenfestival").click().run()
    ok(normal)
    assert db.count() == 1, "the control: outside demo mode the same click stores a draft"


def test_start_button_switches_demo_on_and_off_and_leaving_keeps_nothing(db: DraftStore) -> None:
    at = tab()
    at.button(key="sw-demo-enable").click().run()
    ok(at)
    assert in_demo(at)
    assert at.query_params["demo"] == "1"
    at.button(key="sw-demo-load-innovatief_leerlab_digitale_balie").click().run()
    assert db.count() == 0

    at.button(key="sw-demo-disable").click().run()
    ok(at)
    assert not in_demo(at)
    assert not has_demo_css(at)
    assert "demo" not in at.query_params
    assert answers_of(at) == Answers(), "nothing typed in the demo carries over"
    assert db.count() == 0

    at.button(key="example.foutenfestival").click().run()
    assert db.count() == 1, "normal mode saves again"


def test_projector_colours_meet_wcag_aa_with_margin() -> None:
    """Every colour variable of the demo stylesheet used for text reaches 7:1 on white."""
    css = demo.CSS_FILE.read_text(encoding="utf-8")
    colours = dict(re.findall(r"--(sw-[a-z-]+):\s*(#[0-9a-fA-F]{6})", css))
    text_colours = {k: v for k, v in colours.items() if not k.endswith(("-bg", "-soft"))}
    assert {"sw-accent", "sw-text", "sw-muted", "sw-ok", "sw-problem", "sw-check"} <= set(
        text_colours
    )
    for name, colour in text_colours.items():
        assert contrast(colour, "#ffffff") >= 7, (name, colour, contrast(colour, "#ffffff"))


def contrast(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio of two sRGB colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("spec", PAGES, ids=[p.key for p in PAGES])
def test_the_address_keeps_demo_on_every_page_so_f5_stays_in_demo(spec: PageSpec) -> None:
    at = tab(demo="1")
    at.button(key="sw-demo-load-foutenfestival").click().run()
    at.query_params.clear()  # a page link drops the address's parameters
    at.switch_page(spec.file).run()
    ok(at)
    assert at.query_params["demo"] == "1"
    assert {"sw-demo-load-foutenfestival", "sw-demo-reset"} <= {b.key for b in at.button}


def test_after_f5_a_new_session_from_the_address_is_in_demo_again() -> None:
    first = tab(demo="1")
    first.switch_page("pages/kosten.py").run()
    address = dict(first.query_params)
    again = tab(**{key: str(value) for key, value in address.items()})
    assert in_demo(again) and has_demo_css(again)
