"""The deadlines as an iCalendar file (RFC 5545), so no date of the application is missed.

One all-day event per deadline, with the rule and its source in the description and a reminder a
week before. UIDs come from the project and the deadline, not from chance: importing a rebuilt
file again updates the events instead of doubling them, and a fixed `created` makes the bytes
reproducible.
"""

from __future__ import annotations

import argparse
import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

from icalendar import Alarm, Calendar, Event

from aeno_core import cli
from aeno_core.deadlines import Deadline
from aeno_core.estimate import Estimate
from aeno_core.safe_text import for_ics
from aeno_core.vocabulary import SCHEME_LABELS

PRODID = "-//Subsidiewijzer//Termijnen A&O fonds Gemeenten//NL"
UID_DOMAIN = "subsidiewijzer.invalid"
"""RFC 5545 suggests `id@domain`; `.invalid` (RFC 2606) can never clash with a real host."""
REMINDER = timedelta(days=-7)
NOTE = "Schatting van de Subsidiewijzer: het A&O fonds Gemeenten beslist."


def build_ics(result: Estimate, *, created: datetime | None = None) -> bytes:
    """The .ics of `result`'s deadlines; a fixed `created` makes two builds byte-identical."""
    stamp = stamp_of(created)
    title = _title(result)
    calendar = new_calendar(f"Subsidietermijnen {title}")
    for deadline in result.deadlines.items:
        calendar.add_component(deadline_event(result, deadline, title, stamp))
    return bytes(calendar.to_ical())


def stamp_of(created: datetime | None) -> datetime:
    """`created` (default: now) in UTC to the second, as DTSTAMP wants it."""
    stamp = created or datetime.now(UTC)
    stamp = stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)
    return stamp.replace(microsecond=0)


def new_calendar(name: str) -> Calendar:
    """An empty calendar with our PRODID and the name a calendar app shows for it."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar


def _title(result: Estimate) -> str:
    project = result.application.project
    title = for_ics(project.title) if project and project.title else ""
    return title or "project zonder titel"


def _uid(result: Estimate, deadline: Deadline) -> str:
    """Stable per project and deadline; an interim report is told apart by its month."""
    app = result.application
    title = app.project.title if app.project else ""
    which = deadline.day.isoformat()[:7] if deadline.code == "interim_report" else ""
    key = "\x1f".join(
        (app.scheme.value, title, app.project_start.isoformat(), deadline.code, which)
    )
    return f"{hashlib.sha256(key.encode()).hexdigest()[:32]}@{UID_DOMAIN}"


def deadline_event(
    result: Estimate, deadline: Deadline, title: str, stamp: datetime, uid: str | None = None
) -> Event:
    """One deadline as an all-day event with its rule, source and a reminder a week before.

    `uid` is the projects map's own (one calendar for many projects); by default the UID comes
    from the project and the deadline, as in a single project's file.
    """
    scheme = SCHEME_LABELS[result.application.scheme]
    event = Event()
    event.add("uid", uid or _uid(result, deadline))
    event.add("dtstamp", stamp)
    event.add("dtstart", deadline.day)
    event.add("dtend", deadline.day + timedelta(days=1))
    event.add("summary", f"{deadline.label}: {title}")
    description = [f"{scheme}, {title}.", f"Regel: {deadline.rule}."]
    if deadline.source:
        description.append(f"Bron: {deadline.source}.")
    description.append(NOTE)
    event.add("description", "\n".join(description))
    event.add("categories", ["Subsidie"])
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", REMINDER)
    alarm.add("description", f"Over een week: {deadline.label.lower()} ({title})")
    event.add_component(alarm)
    return event


def _write(result: Estimate, out: Path, args: argparse.Namespace) -> None:
    out.write_bytes(build_ics(result))


cli.EXTRA_COMMANDS["ics"] = ("schrijf de termijnen als agendabestand (.ics)", _write)
