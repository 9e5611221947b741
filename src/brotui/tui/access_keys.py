"""Which writing keys a person is offered, per the archive's access file (issue 18, item 4).

A reader sees no key that edits, creates, deletes, restores or signs: the screens'
`check_action` asks `hidden` and returns False (the footer, the help and the palette then
leave the key out), and each action asks `refusal` first, so one reached anyway (a
binding run by name) says the access file's sentence and does nothing. The write path
refuses as well (commit.commit_change): this only keeps people from being offered what
they may not do. The access file is read at the app's start and again, in a thread, each
time a full screen comes up (base.Base), so a change to it is seen on the next screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from brotui.core.access import ALL, Decision

if TYPE_CHECKING:
    from brotui.tui.app import BrotuiApp

# A screen's action, and what it asks of the access file.
ASKS = {
    "new": "create", "import": "create",
    "edit": "edit", "rename": "edit", "review": "edit", "correct": "edit",
    "delete": "delete", "restore": "restore",
    "sign": "sign", "sign_item": "sign",
}


def decision(app: BrotuiApp, action: str, protocol_id: str | None = None,
             protocol: Any = None) -> Decision | None:
    """What the access file says of `action` (a screen's action name) for the app's person
    on `protocol_id` (None: anywhere, for creating), or None when the action writes
    nothing or the answer needs what is not known yet (signing before the minutes are
    read)."""
    asked = ASKS.get(action)
    if asked is None:
        return None
    access, person = app.access, app.identity
    if not access.present:
        return None
    if protocol_id is None:  # a new protocol: allowed if in some council
        councils = [ALL, *(c for c in access.councils if c != ALL)]
        answers = [access.can(person, asked, c) for c in councils]
        return next((a for a in answers if a.allowed), answers[0])
    council = protocol_id.split("/", 1)[0]
    if asked == "sign":
        if protocol is None:
            return None
        return access.can(person, asked, council, protocol)
    return access.can(person, asked, council)


def hidden(app: BrotuiApp, action: str, protocol_id: str | None = None,
           protocol: Any = None) -> bool:
    """Whether the key of `action` is not to be offered (for check_action)."""
    answer = decision(app, action, protocol_id, protocol)
    return answer is not None and not answer.allowed


def refusal(app: BrotuiApp, action: str, protocol_id: str | None = None,
            protocol: Any = None) -> str | None:
    """The sentence refusing `action`, or None when it may go ahead."""
    answer = decision(app, action, protocol_id, protocol)
    return answer.reason if answer is not None and not answer.allowed else None
