"""What each form accepts, as pure functions: field -> message for every field that is wrong.

The forms show the messages beside their fields and return nothing until the dict is empty;
the messages say what is wrong and what is allowed. Nothing here knows about widgets.

A date field is read by ``dates.parse_past``, the parser the forms' date fields use, so
"yesterday", "3d ago", "last fri" and YYYY-MM-DD are valid here exactly when they are there.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from referral_tui.domain.dates import DateParseError, parse_past
from referral_tui.domain.fields import MAX_FIELD, email_problem, is_tag, link_problem, split_words
from referral_tui.domain.packet import MAX_POINTS, MIN_POINTS
from referral_tui.domain.roles import parse_roles

#: The longest interaction summary (the notes hold more).
MAX_SUMMARY = 500
#: How the date fields are named in messages, and what a day in the future is told to do.
ASK_DATE, ASK_DATE_HINT = "the ask date", "use today or the day you asked"
INTERACTION_DATE, INTERACTION_DATE_HINT = "the date", "log what already happened"

Errors = dict[str, str]


def contact_errors(values: Mapping[str, str]) -> Errors:
    """The referrer form: name, company, title, tags, links, email (by field name)."""
    errors: Errors = {}
    if not values["name"].strip():
        errors["name"] = "a name is required"
    for key in ("name", "company", "title"):
        if len(values[key].strip()) > MAX_FIELD:
            errors[key] = f"at most {MAX_FIELD} characters"
    problem = email_problem(values["email"])
    if problem:
        errors["email"] = problem
    for link in split_words(values["links"]):
        problem = link_problem(link)
        if problem:
            errors["links"] = problem
            break
    for tag in split_words(values["tags"]):
        if not is_tag(tag.lstrip("#")):
            errors["tags"] = f"'{tag}' is not a tag; use letters, digits, - or _"
            break
    return errors


def ask_errors(values: Mapping[str, str], points: Sequence[str], today: date) -> tuple[date | None, Errors]:
    """The ask form: the role is named, links are links, the day has happened (``values["day"]``
    as the form's date field reads it), 5 points at most.

    An incomplete packet is not an error (the coach says so); too many points is, because a
    referrer cannot repeat more than a few."""
    errors: Errors = {}
    if not values["role_title"].strip():
        errors["role_title"] = "name the role you are asking about"
    for key in ("role_url", "resume_url"):
        problem = link_problem(values[key])
        if problem:
            errors[key] = problem
    day: date | None = None
    try:
        day = parse_past(values["day"], today, ASK_DATE, ASK_DATE_HINT)
    except DateParseError as exc:
        errors["day"] = str(exc)
    if len(points) > MAX_POINTS:
        errors["points"] = f"{len(points)} points; keep it to {MIN_POINTS}-{MAX_POINTS} so they are easy to repeat"
    return day, errors


def interaction_errors(
    day_text: str, today: date, summary: str, insider: bool, insider_text: str
) -> tuple[date | None, Errors]:
    """The interaction form: the parsed date (``day_text`` as its date field reads it: today,
    3d ago, a weekday, YYYY-MM-DD...) and field -> message for each problem."""
    errors: Errors = {}
    day: date | None = None
    try:
        day = parse_past(day_text, today, INTERACTION_DATE, INTERACTION_DATE_HINT)
    except DateParseError as exc:
        errors["day"] = str(exc)
    if len(summary) > MAX_SUMMARY:
        errors["summary"] = f"the summary is {len(summary)} characters; keep it to {MAX_SUMMARY} (use notes for more)"
    if insider and not insider_text.strip():
        errors["insider_text"] = "say what you learned, or untick 'insider information'"
    return day, errors


def company_errors(
    name: str, taken: set[str], careers_url: str, roles: str, today: date
) -> tuple[list[dict[str, str]], Errors]:
    """The company form: a name not already in the list (``taken`` holds casefolded names),
    a careers link, and the open-role lines; returns the parsed roles too."""
    errors: Errors = {}
    name = name.strip()
    if not name:
        errors["name"] = "a company needs a name"
    elif name.casefold() in taken:
        errors["name"] = f"'{name}' is already in your list"
    problem = link_problem(careers_url)
    if problem:
        errors["careers_url"] = problem
    parsed, roles_error = parse_roles(roles, today)
    if roles_error:
        errors["open_roles"] = roles_error
    return parsed, errors
