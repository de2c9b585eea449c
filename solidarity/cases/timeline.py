"""The timeline of a case, apart from the database: the order events happened in, the status
a person is in after them, and what cannot be right across them.

Works on anything shaped like a CaseEvent (kind, start, end, date_precision, date_calendar,
sort_order, pk, date_text), so the admin form can check events not yet saved. Dates are compared
by the first and last day of their period (start, end), in whichever calendar each event's month
or year is known, so a Jalali month sorts among Gregorian ones by the days it covers.
"""

import heapq
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import partialdates


class Status(models.TextChoices):
    NONE = "", _("No events recorded")
    SUMMONED = "summoned", _("Summoned")
    CHARGED = "charged", _("Facing charges")
    DETAINED = "detained", _("Detained")
    HUNGER_STRIKE = "hunger_strike", _("On hunger strike")
    SENTENCED = "sentenced", _("Sentenced, not in prison")
    IMPRISONED = "imprisoned", _("Imprisoned")
    ON_BAIL = "on_bail", _("Released on bail")
    RELEASED = "released", _("Released")
    DISMISSED = "dismissed", _("Dismissed from work")
    DECEASED = "deceased", _("Died in custody")


IN_CUSTODY = {Status.DETAINED, Status.HUNGER_STRIKE, Status.IMPRISONED}


class Kind(models.TextChoices):
    """What happened: the kinds of CaseEvent."""

    ARREST = "arrest", _("Arrest")
    DETENTION = "detention", _("Detention")
    INTERROGATION = "interrogation", _("Interrogation")
    CHARGE = "charge", _("Charge")
    TRIAL = "trial", _("Trial")
    SENTENCE = "sentence", _("Sentence")
    APPEAL = "appeal", _("Appeal")
    TRANSFER = "transfer", _("Transfer")
    HUNGER_STRIKE = "hunger_strike", _("Hunger strike")
    MEDICAL_NEED = "medical_need", _("Medical need")
    BAIL = "bail", _("Release on bail")
    RELEASE = "release", _("Release")
    REARREST = "rearrest", _("Re-arrest")
    SUMMONS = "summons", _("Summons")
    DISMISSAL = "dismissal", _("Dismissal from work")
    DEATH_IN_CUSTODY = "death_in_custody", _("Death in custody")


def in_order(events):
    """Events in the order they happened.

    An event whose period ends before another's begins comes first. Where the periods overlap
    ("2023" and "12 March 2023") the dates cannot tell, so the order the editor gave the events
    in the timeline decides, then the earlier start.
    """
    events = list(events)
    count = len(events)
    before = [0] * count
    after = [[] for _ in range(count)]
    for i, first in enumerate(events):
        for j, second in enumerate(events):
            if i != j and first.end < second.start:
                after[i].append(j)
                before[j] += 1

    def priority(i):
        event = events[i]
        order = event.sort_order if event.sort_order is not None else 1 << 30
        return (order, event.start, partialdates.RANK[event.date_precision], event.pk or 0, i)

    ready = [priority(i) for i in range(count) if not before[i]]
    heapq.heapify(ready)
    ordered = []
    while ready:
        i = heapq.heappop(ready)[-1]
        ordered.append(events[i])
        for j in after[i]:
            before[j] -= 1
            if not before[j]:
                heapq.heappush(ready, priority(j))
    return ordered


def status_after(events):
    """The status a person is in after these events (in the order they happened)."""
    status = Status.NONE
    for event in events:
        status = _next_status(status, event.kind)
        if status == Status.DECEASED:
            break
    return status


def _next_status(status, kind):
    """What one event does. Custody and the courts decide the status; a summons, an
    interrogation or a dismissal only name it when nothing weightier is going on."""
    in_custody = status in IN_CUSTODY
    at_liberty_without_proceedings = status in (Status.NONE, Status.SUMMONED, Status.RELEASED, Status.DISMISSED)
    if kind in (Kind.ARREST, Kind.DETENTION, Kind.REARREST):
        return Status.DETAINED
    if kind == Kind.SENTENCE:
        return Status.IMPRISONED if in_custody else Status.SENTENCED
    if kind == Kind.TRANSFER:
        # Taken to prison to serve a sentence, or moved between prisons.
        if in_custody:
            return status
        return Status.IMPRISONED if status == Status.SENTENCED else Status.DETAINED
    if kind == Kind.HUNGER_STRIKE:
        return Status.HUNGER_STRIKE
    if kind == Kind.BAIL:
        return Status.ON_BAIL
    if kind == Kind.RELEASE:
        return Status.RELEASED
    if kind == Kind.DEATH_IN_CUSTODY:
        return Status.DECEASED
    if not at_liberty_without_proceedings:
        # In custody, on bail, charged or sentenced: an interrogation, charge, trial, appeal,
        # medical need, summons or dismissal does not change that.
        return status
    if kind in (Kind.SUMMONS, Kind.INTERROGATION):
        return Status.SUMMONED
    if kind == Kind.DISMISSAL:
        return Status.DISMISSED
    if kind in (Kind.CHARGE, Kind.TRIAL):
        return Status.CHARGED
    # An appeal or a medical need with no proceedings under way changes nothing.
    return status


@dataclass(frozen=True)
class TimelineProblem:
    event: object  # a CaseEvent, saved or not
    field: str | None  # the field of the event the message belongs next to
    message: str
    is_error: bool  # an error refuses the timeline; a warning is only shown


def surely_before(first, second):
    """True only when the dates say so whatever day they stand for: "2023" is not before
    "March 2023", "February 2023" is before "3 March 2023"."""
    return first.end < second.start


def may_precede(first, second):
    return not surely_before(second, first)


# Kinds of event that need the person alive. After a death in custody the case goes on with
# the family and the courts: relatives are summoned, questioned, charged, tried and sentenced
# for speaking about the death, and a ruling on an appeal lodged before may come after. A
# release (even of the body), a transfer or a dismissal after the death is a wrong date or kind.
NEEDS_THE_PERSON_ALIVE = {
    Kind.ARREST, Kind.DETENTION, Kind.REARREST, Kind.TRANSFER, Kind.HUNGER_STRIKE, Kind.MEDICAL_NEED,
    Kind.BAIL, Kind.RELEASE, Kind.DISMISSAL,
}
# Events that show the person was held, so that a release or bail can follow.
SHOWS_CUSTODY = {Kind.ARREST, Kind.DETENTION, Kind.REARREST, Kind.TRANSFER, Kind.HUNGER_STRIKE}
NEEDS_EARLIER_CUSTODY = {Kind.RELEASE, Kind.BAIL, Kind.DEATH_IN_CUSTODY}


def check_timeline(events):
    """What cannot be right, or should be looked at, across the events of one case.

    Sources are partial and conflict, so an order counts only when the dates settle it
    (`surely_before`): "died 2023" and "released March 2023" may be in either order and pass.

    Errors (the timeline is refused, nothing is stored):
    - a second death in custody, whatever the dates: a person dies once; conflicting reports
      of the date go in the sources of one event;
    - an event that needs the person alive (arrest, detention, re-arrest, transfer, hunger
      strike, medical need, release on bail, release, dismissal) dated surely after a death in
      custody. A summons, interrogation, charge, trial, sentence or appeal may follow: the
      family and the proceedings go on.

    Warnings (shown to the editor, saved all the same, because a source may simply not say):
    - a release, release on bail or death in custody with no arrest, detention, re-arrest,
      transfer or hunger strike that may have come before it;
    - an appeal with no sentence that may have come before it (an appeal court's ruling is
      recorded as a sentence after the appeal, so a sentence after an appeal alone is fine);
    - the same kind of event on the same date twice: most often one report from two sources.
    """
    events = list(events)
    problems = []
    deaths = [event for event in in_order(events) if event.kind == Kind.DEATH_IN_CUSTODY]
    if deaths:
        first_death = deaths[0]
        for death in deaths[1:]:
            problems.append(TimelineProblem(death, "kind", gettext(
                "A person dies only once, and this timeline already has a death in custody (%(date)s). "
                "Keep one event and note the conflicting reports in its sources."
            ) % {"date": first_death.date_text()}, True))
        for event in events:
            if event.kind in NEEDS_THE_PERSON_ALIVE and any(surely_before(death, event) for death in deaths):
                death = next(death for death in deaths if surely_before(death, event))
                problems.append(TimelineProblem(event, "date", gettext(
                    "This is dated after the death in custody (%(date)s). After a death only a summons, an "
                    "interrogation, a charge, a trial, a sentence or an appeal can be recorded; check the date "
                    "and what happened."
                ) % {"date": death.date_text()}, True))
    for event in events:
        if event.kind in NEEDS_EARLIER_CUSTODY and not any(
            other.kind in SHOWS_CUSTODY and may_precede(other, event) for other in events if other is not event
        ):
            problems.append(TimelineProblem(event, "kind", gettext(
                "Nothing before this in the timeline shows the person held: add the arrest or detention if it "
                "is known, even with only its year."
            ), False))
        if event.kind == Kind.APPEAL and not any(
            other.kind == Kind.SENTENCE and may_precede(other, event) for other in events if other is not event
        ):
            problems.append(TimelineProblem(event, "kind", gettext(
                "No sentence comes before this appeal in the timeline. Add it if it is known, even with only its "
                "year; the appeal court's ruling is recorded as a sentence after the appeal."
            ), False))
    seen = set()
    for event in in_order(events):
        key = (event.kind, event.start, event.end)
        if key in seen and event.kind != Kind.DEATH_IN_CUSTODY:  # a second death is an error already
            problems.append(TimelineProblem(event, "kind", gettext(
                "The same event on the same date is already in the timeline. If it is one report from two "
                "sources, keep one event and list both sources."
            ), False))
        seen.add(key)
    return problems
