"""The wizard against a bare Streamlit page, measured in the same run in Debian's chromium.

Prints, for the wizard and for the bare page `bench/bare_page.py` (one text field and one
st.write):
- typing a cost to the new estimate visible: a person types an amount the Dutch way
  (`17.000`) into the amount field of the first external cost line on Kosten en uren (opened
  with its "Regel 1 wijzigen" button) and presses Enter; the time runs from that Enter (keydown, in the page's own clock) to the moment
  the sidebar shows the new estimate (a MutationObserver). On the bare page: from Enter in its
  field to the new st.write text. Median and p95.
- a plain field of the wizard (the declaratie's provisional amount on Project) the same way.
- cold start: process start to a healthy `/_stcore/health`, and to the first page drawn in
  the browser (the script runs only when a browser connects). Median over a few starts.
Then the ratios wizard / bare. Targets (issue 12): typing an amount in a cost line, median at
most 1.15x and p95 at most 1.3x the bare page; cold start to health at most 1.3x the bare page
(issue 4). Only 127.0.0.1 is used.

Each ratio comes with a 90% bootstrap interval: the rounds resampled (a round's pages
together), so that a figure within the noise of one run shows as such.

Usage: .venv/bin/python bench/bench_ui.py [--rounds 100] [--starts 5]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.conftest import APP, CHROMIUM, CHROMIUM_ARGS, start_streamlit  # noqa: E402

BARE = ROOT / "bench" / "bare_page.py"

WATCH = """
([selector, expected]) => { window.__swWatch = new Promise((resolve, reject) => {
  setTimeout(() => reject(new Error('no ' + expected + ' in ' + selector)), 30000);
  let pressed = null;
  const done = () => {
    const el = document.querySelector(selector);
    const text = el ? el.textContent.replace(/\\u00a0/g, ' ') : '';
    if (pressed !== null && text.includes(expected)) {
      observer.disconnect();
      resolve(performance.now() - pressed);
      return true;
    }
    return false;
  };
  const observer = new MutationObserver(done);
  observer.observe(document.body, {subtree: true, childList: true, characterData: true});
  document.addEventListener('keydown', e => {
    if (e.key === 'Enter' && pressed === null) { pressed = performance.now(); done(); }
  }, {capture: true});
}); }
"""
"""Resolves with the milliseconds from the Enter keydown to `expected` inside `selector`.

The text is read with `textContent`, which costs the page nothing. Until 2026-12-03 it was
`innerText`, which makes the browser lay the whole page out at every change it observes,
before it would do so itself: on the wizard's page, with its many changes per keystroke, a
Chromium profile showed this observer as the busiest script (about 5 ms per keystroke, work
no user's browser does), on the bare page hardly anything. Both pages use the same observer."""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def bootstrap(
    values: list[float], baseline: list[float], resamples: int = 2000
) -> tuple[tuple[float, float], tuple[float, float]]:
    """90% intervals of the median and p95 ratios `values` / `baseline`, rounds resampled.

    The two lists are paired by round (the same moment of the machine), so a resample draws
    whole rounds. Seeded: the same timings give the same interval.
    """
    rng = random.Random(12)
    rounds = range(len(values))
    medians: list[float] = []
    p95s: list[float] = []
    for _ in range(resamples):
        picked = rng.choices(rounds, k=len(values))
        mine = [values[i] for i in picked]
        theirs = [baseline[i] for i in picked]
        medians.append(statistics.median(mine) / statistics.median(theirs))
        p95s.append(percentile(mine, 0.95) / percentile(theirs, 0.95))
    return (percentile(medians, 0.05), percentile(medians, 0.95)), (
        percentile(p95s, 0.05),
        percentile(p95s, 0.95),
    )


def idle(page: Any) -> None:
    page.wait_for_timeout(100)
    page.wait_for_function(
        "!document.querySelector('[data-testid=stStatusWidget]')", timeout=30_000
    )


def timed_enter(page: Any, selector: str, expected: str, type_value: Any) -> float:
    """Start watching, let `type_value` type and press Enter, return the measured ms."""
    page.evaluate(WATCH, [selector, expected])
    type_value()
    page.keyboard.press("Enter")
    result: float = page.evaluate("window.__swWatch")
    return result


def bare_round(page: Any, value: int) -> float:
    field = page.get_by_label("Bedrag")
    field.fill(str(value))
    ms = timed_enter(
        page, "[data-testid=stMainBlockContainer]", f"Uitkomst: {value / 3:.2f}", lambda: None
    )
    idle(page)
    return ms


def app_round(page: Any, value: int, expected: str) -> float:
    """Type `value` the Dutch way into line 1's amount and time Enter -> the sidebar estimate."""
    field = page.get_by_role("textbox", name="Bedrag ex BTW (€)").first
    field.fill(dutch(value))
    ms = timed_enter(page, "[data-testid=sw-estimate]", expected, lambda: None)
    idle(page)
    return ms


def caption_round(page: Any, value: int) -> float:
    """The same typing, timed to the line's own "Gelezen als" under the field."""
    field = page.get_by_role("textbox", name="Bedrag ex BTW (€)").first
    field.fill(dutch(value))
    expected = f"Gelezen als € {dutch(value)},00"
    ms = timed_enter(page, ".st-key-sw-line-external_costs-0", expected, lambda: None)
    idle(page)
    return ms


def dutch(value: int) -> str:
    """`17000` -> `17.000`: as a Dutch person types an amount."""
    from decimal import Decimal

    from aeno_core.entry import dutch_amount

    return dutch_amount(Decimal(value), 0)


def expected_estimate(amount: int) -> str:
    """The sidebar text for the Foutenfestival with its first invoice set to `amount`."""
    from aeno_core.answers import Answers, evaluate
    from aeno_core.examples import example
    from aeno_core.formatting import money

    answers = Answers.from_application(example("foutenfestival").application)
    answers.external_costs[0].amount_ex_vat = dutch(amount)
    result = evaluate(answers).estimate
    assert result is not None
    return money(result.calculation.subsidy).replace("\xa0", " ")


def expected_declared(provisional: int) -> str:
    """The sidebar text for the Leerlab example as a declaratie held to `provisional`."""
    from aeno_core.answers import Answers, evaluate
    from aeno_core.examples import example
    from aeno_core.formatting import money
    from aeno_core.models import Phase

    answers = Answers.from_application(example(FIELD_EXAMPLE).application)
    answers.phase = Phase.DECLARATIE
    answers.provisional_subsidy = str(provisional)
    result = evaluate(answers).estimate
    assert result is not None
    return money(result.calculation.subsidy).replace("\xa0", " ")


FIELD_EXAMPLE = "innovatief_leerlab_digitale_balie"


def field_round(page: Any, value: int) -> float:
    field = page.get_by_role("textbox", name="Voorlopige subsidie uit de beschikking (in euro)")
    field.fill(str(value))
    ms = timed_enter(page, "[data-testid=sw-estimate]", expected_declared(value), lambda: None)
    idle(page)
    return ms


def measure_typing(
    browser: Any, app_url: str, bare_url: str, rounds: int
) -> dict[str, list[float]]:
    """Each round types once on the bare page, once in the cost line and once in the plain field.

    Interleaved, in three tabs, so that all three meet the same moment of a shared, noisy
    machine: a baseline measured minutes earlier or later differs by more than the target.
    """
    timings: dict[str, list[float]] = {"wizard": [], "bare": [], "field": [], "caption": []}

    def tab() -> Any:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
        return context.new_page()

    bare = tab()
    bare.goto(bare_url)
    bare.get_by_label("Bedrag").wait_for()
    idle(bare)

    costs = tab()
    costs.goto(app_url)
    costs.get_by_role("button", name="Voorbeeld laden: Foutenfestival").click()
    costs.wait_for_selector("text=is geladen")
    costs.locator("[data-testid=stSidebar]").get_by_role("link", name="5. Kosten en uren").click()
    costs.wait_for_selector("h1:has-text('Kosten en uren')")
    costs.get_by_role("button", name="Regel 1 wijzigen").first.click()  # opens its form
    costs.get_by_role("textbox", name="Bedrag ex BTW (€)").first.wait_for()
    idle(costs)

    # The same person in a plain text field of the wizard (a full page rerun, no lines).
    field = tab()
    field.goto(app_url)
    name = {"innovatief_leerlab_digitale_balie": "Leerlab digitale balie"}[FIELD_EXAMPLE]
    field.get_by_role("button", name=f"Voorbeeld laden: {name}").click()
    field.wait_for_selector("text=is geladen")
    field.locator("[data-testid=stSidebar]").get_by_role("link", name="3. Project").click()
    field.wait_for_selector("h1:has-text('Project')")
    idle(field)
    field.get_by_role("radiogroup", name="Wat wilt u doen?").get_by_text(
        "Declareren na afloop (Innovatieve Projectenregeling)", exact=True
    ).click()
    idle(field)

    for i in range(3 + rounds):  # 3 warm-up rounds
        measured = {
            "bare": bare_round(bare, 3000 + i),
            "wizard": app_round(costs, 17000 + 3 * i, expected_estimate(17000 + 3 * i)),
            "field": field_round(field, 5000 + 7 * i),
            "caption": caption_round(costs, 23000 + 3 * i),
        }
        if i >= 3:
            for key, ms in measured.items():
                timings[key].append(ms)
    for page in (bare, costs, field):
        page.context.close()
    return timings


def measure_start(
    browser: Any, script: Path, starts: int, env: dict[str, str]
) -> dict[str, list[float]]:
    health: list[float] = []
    first_page: list[float] = []
    for _ in range(starts):
        begin = time.perf_counter()
        server = start_streamlit(script, env=env)
        try:
            health.append(server.started_in * 1000)
            context = browser.new_context(viewport={"width": 1280, "height": 720})
            page = context.new_page()
            page.goto(server.url)
            page.wait_for_selector("[data-testid=stMainBlockContainer] p", timeout=60_000)
            first_page.append((time.perf_counter() - begin) * 1000)
            context.close()
        finally:
            server.stop()
    return {"health": health, "first_page": first_page}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rounds",
        type=int,
        default=100,
        help="typing rounds per page (100: with 25, the median of the bare page, whose times"
        " fall in two groups, moved by more than the target between runs)",
    )
    parser.add_argument("--starts", type=int, default=5, help="cold starts per server")
    args = parser.parse_args()

    load_before = Path("/proc/loadavg").read_text().split()[:3]
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        env = {"SUBSIDIEWIJZER_DRAFTS_PATH": str(Path(tmp) / "drafts.sqlite3")}
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        app = start_streamlit(APP, env=env)
        bare = start_streamlit(BARE, env=env)
        try:
            typing = measure_typing(browser, app.url, bare.url, args.rounds)
        finally:
            app.stop()
            bare.stop()
        starts = {
            "wizard": {"health": [], "first_page": []},
            "bare": {"health": [], "first_page": []},
        }
        for _ in range(args.starts):  # interleaved, so both see the same machine
            for name, script in (("bare", BARE), ("wizard", APP)):
                one = measure_start(browser, script, 1, env)
                for key, values in one.items():
                    starts[name][key].extend(values)
        browser.close()

    print(
        f"bench_ui: {args.rounds} typing rounds, {args.starts} cold starts each (chromium, 127.0.0.1)"
    )
    print(
        f"load average before {load_before}, after {Path('/proc/loadavg').read_text().split()[:3]}"
        f" ({os.cpu_count()} cores)"
    )
    print("typing a cost -> new result visible (ms, from the Enter key)")
    rows = (
        ("bare", "bare page, text field -> st.write"),
        ("wizard", "wizard, cost line amount -> sidebar estimate"),
        ("caption", "wizard, cost line amount -> its Gelezen als"),
        ("field", "wizard, plain field -> sidebar estimate"),
    )
    for name, label in rows:
        values = typing[name]
        print(
            f"  {label:44s} median {statistics.median(values):6.1f}"
            f"   p95 {percentile(values, 0.95):6.1f}   min {min(values):6.1f}   max {max(values):6.1f}"
        )

    def ratio(name: str, baseline: str) -> str:
        median = statistics.median(typing[name]) / statistics.median(typing[baseline])
        p95 = percentile(typing[name], 0.95) / percentile(typing[baseline], 0.95)
        (m_low, m_high), (p_low, p_high) = bootstrap(typing[name], typing[baseline])
        return (
            f"median {median:.2f}x ({m_low:.2f}-{m_high:.2f})"
            f"   p95 {p95:.2f}x ({p_low:.2f}-{p_high:.2f})"
        )

    print(
        f"  cost line vs bare text field: {ratio('wizard', 'bare')}"
        "  (target <= 1.15x median, <= 1.3x p95)"
    )
    print(f"  the line's own Gelezen als vs bare text field: {ratio('caption', 'bare')}")
    print(f"  plain field vs bare text field: {ratio('field', 'bare')}")
    print("cold start (ms)")
    for key, label in (("health", "to /_stcore/health"), ("first_page", "to first page drawn")):
        bare_median = statistics.median(starts["bare"][key])
        app_median = statistics.median(starts["wizard"][key])
        print(
            f"  {label:22s} bare {bare_median:7.1f}   wizard {app_median:7.1f}"
            f"   ratio {app_median / bare_median:.2f}x"
            + ("  (target <= 1.3x)" if key == "health" else "")
        )


if __name__ == "__main__":
    main()
