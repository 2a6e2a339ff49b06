"""Properties over thousands of generated applications (hypothesis).

- building and estimating from any raw data raises nothing but a pydantic ValidationError
  (or, through the case-file reader, a CaseFileError);
- 0 <= subsidy <= the scheme's maximum, and the subsidy is 0 or at least the minimum;
- raising a positive external amount, or the hours of an existing internal line, never lowers
  the estimate before limits;
- a declaratie is never above the provisional subsidy;
- the lines' subsidies add up to before_limits; every amount is a Decimal with two places.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from aeno_core.advice import advise
from aeno_core.calculation import Calculation
from aeno_core.casefile import CaseFileError, application_from_data, parse_document
from aeno_core.errors import dutch_errors
from aeno_core.estimate import estimate, to_json
from aeno_core.models import (
    Application,
    ExternalCost,
    InternalStaff,
    NewFor,
    Organisation,
    OrganisationType,
    Phase,
    Project,
    ProjectStatus,
    Scheme,
)


def _examples(count: int) -> settings:
    """`count` examples, no per-example deadline (CI shares two cores with browser tests)."""
    return settings(
        max_examples=count,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# About 4,000 generated applications in all; the file runs in well under a minute on one core.
MANY = _examples(1000)
SOME = _examples(500)
TODAY = date(2026, 11, 25)

# ------------------------------------------------------------------------------ raw data
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12)
    | st.sampled_from(["", "1e400", "NaN", "-0", "12,50", "2019-02-30", "0x10", "∞", "٣"])
)
garbage = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


def _or_garbage(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(strategy, strategy, strategy, garbage)


raw_dates = _or_garbage(
    st.dates(min_value=date(1900, 1, 1), max_value=date(9999, 12, 31)).flatmap(
        lambda d: st.sampled_from([d, d.isoformat()])
    )
)
raw_money = _or_garbage(
    st.decimals(min_value=-1000, max_value=10**13, places=3, allow_nan=False).map(str)
    | st.integers(min_value=-5, max_value=10**7)
    | st.floats(min_value=-1, max_value=1e7)
)
raw_external = st.fixed_dictionaries(
    {"amount_ex_vat": raw_money},
    optional={
        "description": _or_garbage(st.text(max_size=40)),
        "staff_development": _or_garbage(st.booleans()),
        "extra": garbage,
    },
)
raw_internal = st.fixed_dictionaries(
    {
        "scale": _or_garbage(st.integers(min_value=-2, max_value=25)),
        "step": _or_garbage(st.integers(min_value=-2, max_value=35)),
        "hours": raw_money,
    },
    optional={
        "role": _or_garbage(st.text(max_size=20)),
        "project_leader": _or_garbage(st.booleans()),
        "hourly_rate": raw_money,
    },
)
raw_organisation = st.fixed_dictionaries(
    {},
    optional={
        "type": _or_garbage(st.sampled_from([t.value for t in OrganisationType] + ["provincie"])),
        "applies_car_uwo": _or_garbage(st.booleans() | st.none()),
        "collaboration": _or_garbage(st.booleans() | st.none()),
        "share_gemeenten": raw_money,
        "via_external_bureau": _or_garbage(st.booleans() | st.none()),
    },
)
raw_project = st.fixed_dictionaries(
    {},
    optional={
        "title": _or_garbage(st.text(max_size=30)),
        "theme": _or_garbage(st.integers(min_value=-1, max_value=8) | st.none()),
        "new_for": _or_garbage(st.sampled_from(["gemeente", "sector", "none", "provincie"])),
        "status": _or_garbage(st.sampled_from(["planned", "running", "finished", "gestopt"])),
        "participants_per_training": _or_garbage(st.integers(min_value=-3, max_value=50)),
        "partner_gemeenten": _or_garbage(st.integers(min_value=-3, max_value=10)),
        "internal_assignment_date": raw_dates,
    },
)
raw_applications = st.fixed_dictionaries(
    {
        "scheme": _or_garbage(st.sampled_from(["impuls", "innovatief", "Impuls", "talent"])),
        "project_start": raw_dates,
        "project_end": raw_dates,
    },
    optional={
        "phase": _or_garbage(st.sampled_from(["aanvraag", "declaratie", "bezwaar"])),
        "provisional_subsidy": raw_money,
        "external_costs": _or_garbage(st.lists(raw_external, max_size=4)),
        "internal_staff": _or_garbage(st.lists(raw_internal, max_size=4)),
        "submitted_on": raw_dates,
        "organisation": _or_garbage(raw_organisation),
        "project": _or_garbage(raw_project),
        "unknown": garbage,
    },
)


@MANY
@given(raw=raw_applications, today=st.dates(min_value=date(1990, 1, 1), max_value=date(2300, 1, 1)))
def test_raw_data_gives_an_estimate_or_a_validation_error_nothing_else(
    raw: dict[str, Any], today: date
) -> None:
    try:
        application = Application.model_validate(raw)
    except ValidationError as error:
        errors = dutch_errors(error)
        assert errors and all(e.path and e.message for e in errors)
        return
    result = estimate(application, today)
    to_json(result)
    _check_amounts(result.calculation)


@_examples(200)
@given(raw=raw_applications)
def test_advice_on_raw_data_raises_nothing_but_a_validation_error(raw: dict[str, Any]) -> None:
    try:
        application = Application.model_validate(raw)
    except ValidationError:
        return
    advice = advise(application, TODAY)
    assert advice.recommended in {option.scheme for option in advice.options}


@SOME
@given(
    raw=st.binary(max_size=300)
    | st.text(max_size=300).map(str.encode)
    | raw_applications.map(lambda d: repr(d).encode())
)
def test_any_bytes_are_read_or_refused_with_a_case_file_error(raw: bytes) -> None:
    try:
        application_from_data(parse_document(raw))
    except CaseFileError as error:
        assert str(error)


# ------------------------------------------------------------------------------ valid models
cents = st.integers(min_value=0, max_value=200_000_00).map(lambda c: Decimal(c).scaleb(-2))
half_hours = st.integers(min_value=0, max_value=4000).map(lambda h: Decimal(h) / 2)
any_hours = st.integers(min_value=0, max_value=200_000).map(lambda h: Decimal(h).scaleb(-2))


# Strategies are built once: building them inside the composite costs more than the estimate.
external_lines = st.lists(
    st.builds(
        ExternalCost,
        description=st.text(max_size=10),
        amount_ex_vat=cents,
        staff_development=st.booleans(),
    ),
    max_size=6,
)
internal_lines = st.lists(
    st.builds(
        InternalStaff,
        role=st.text(max_size=10),
        scale=st.integers(min_value=1, max_value=18),
        step=st.integers(min_value=0, max_value=14),
        hours=half_hours | any_hours,
        hourly_rate=st.none()
        | st.integers(min_value=1, max_value=150_00).map(lambda c: Decimal(c).scaleb(-2)),
    ),
    max_size=6,
)
provisional_amounts = st.none() | cents | st.integers(min_value=0, max_value=60_000).map(Decimal)
organisations = st.none() | st.builds(
    Organisation,
    type=st.none() | st.sampled_from(OrganisationType),
    applies_car_uwo=st.none() | st.booleans(),
    collaboration=st.none() | st.booleans(),
    share_gemeenten=st.none() | st.integers(min_value=0, max_value=100).map(Decimal),
    via_external_bureau=st.none() | st.booleans(),
)
projects = st.none() | st.builds(
    Project,
    title=st.text(max_size=10),
    theme=st.none() | st.integers(min_value=1, max_value=6),
    new_for=st.none() | st.sampled_from(NewFor),
    status=st.none() | st.sampled_from(ProjectStatus),
    participants_per_training=st.none() | st.integers(min_value=0, max_value=30),
    partner_gemeenten=st.none() | st.integers(min_value=0, max_value=6),
    internal_assignment_date=st.none()
    | st.dates(min_value=date(2016, 1, 1), max_value=date(2031, 12, 31)),
)
starts = st.dates(min_value=date(2016, 1, 1), max_value=date(2030, 12, 31))
durations = st.integers(min_value=0, max_value=700)
submission_dates = st.none() | st.dates(min_value=date(2016, 1, 1), max_value=date(2032, 12, 31))


@st.composite
def applications(draw: st.DrawFn, phase: Phase | None = None) -> Application:
    scheme = Scheme.INNOVATIEF if phase is Phase.DECLARATIE else draw(st.sampled_from(Scheme))
    if phase is None:
        phase = draw(st.sampled_from(Phase)) if scheme is Scheme.INNOVATIEF else Phase.AANVRAAG
    start = draw(starts)
    staff = draw(internal_lines)
    if staff:
        leader = draw(st.none() | st.integers(min_value=0, max_value=len(staff) - 1))
        if leader is not None:
            staff[leader] = staff[leader].model_copy(update={"project_leader": True})
    return Application(
        scheme=scheme,
        phase=phase,
        project_start=start,
        project_end=start + timedelta(days=draw(durations)),
        provisional_subsidy=draw(provisional_amounts),
        external_costs=draw(external_lines),
        internal_staff=staff,
        submitted_on=draw(submission_dates),
        organisation=draw(organisations),
        project=draw(projects),
    )


def _check_amounts(calc: Calculation) -> None:
    amounts = [calc.before_limits, calc.subsidy, calc.project_leader_rule_cost]
    amounts += [line.subsidy for line in calc.lines] + [line.cost for line in calc.lines]
    for amount in amounts:
        assert isinstance(amount, Decimal)
        assert amount.as_tuple().exponent == -2, amount
    assert sum((line.subsidy for line in calc.lines), Decimal("0.00")) == calc.before_limits


@MANY
@given(application=applications())
def test_the_subsidy_stays_within_the_schemes_limits(application: Application) -> None:
    calc = estimate(application, TODAY).calculation
    assert Decimal(0) <= calc.subsidy <= calc.maximum
    assert calc.subsidy == 0 or calc.subsidy >= calc.minimum
    assert calc.subsidy <= calc.before_limits
    _check_amounts(calc)


@SOME
@given(application=applications(phase=Phase.DECLARATIE))
def test_a_declaratie_is_never_above_the_provisional_subsidy(application: Application) -> None:
    calc = estimate(application, TODAY).calculation
    if application.provisional_subsidy is not None:
        assert calc.subsidy <= application.provisional_subsidy


@SOME
@given(application=applications(), pick=st.integers(min_value=0), raise_by=cents.filter(bool))
def test_raising_a_positive_external_amount_never_lowers_before_limits(
    application: Application, pick: int, raise_by: Decimal
) -> None:
    lines = list(application.external_costs)
    positive = [i for i, line in enumerate(lines) if line.amount_ex_vat > 0]
    if not positive:  # give it one rather than throw the example away
        lines.append(ExternalCost(amount_ex_vat=Decimal("1.00")))
        positive = [len(lines) - 1]
    base = application.model_copy(update={"external_costs": lines})
    index = positive[pick % len(positive)]
    lines = list(lines)
    lines[index] = lines[index].model_copy(
        update={"amount_ex_vat": lines[index].amount_ex_vat + raise_by}
    )
    raised = base.model_copy(update={"external_costs": lines})
    before = estimate(base, TODAY).calculation.before_limits
    assert estimate(raised, TODAY).calculation.before_limits >= before


@SOME
@given(application=applications(), pick=st.integers(min_value=0), raise_by=half_hours.filter(bool))
def test_raising_the_hours_of_an_existing_line_never_lowers_before_limits(
    application: Application, pick: int, raise_by: Decimal
) -> None:
    lines = list(application.internal_staff)
    if not lines:
        lines.append(InternalStaff(scale=10, step=6, hours=Decimal(1)))
    base = application.model_copy(update={"internal_staff": lines})
    index = pick % len(lines)
    lines = list(lines)
    hours = min(lines[index].hours + raise_by, Decimal(100_000))
    lines[index] = lines[index].model_copy(update={"hours": hours})
    raised = base.model_copy(update={"internal_staff": lines})
    before = estimate(base, TODAY).calculation.before_limits
    assert estimate(raised, TODAY).calculation.before_limits >= before
