"""Justering from a screen (issue 14): send for review and sign, each after a confirmation
of exactly what is committed, the work in a thread, and the outcome said.

Any brotui screen may offer these (the view does: `j` and `s`); the sentences are in
tui/justering_text.py, the rules and the commits in core/justering/.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from brotui.core.archive import Archive
from brotui.core.identity import Identity
from brotui.core.justering import sign
from brotui.core.justering import state as justering
from brotui.core.model import Protocol
from brotui.i18n import t
from brotui.tui import justering_text as words
from brotui.tui.base import Base


def send_for_review(screen: Base[Any], protocol_id: str, protocol: Protocol,
                    identity: Identity, base: Callable[[], str | None],
                    done: Callable[[], None]) -> None:
    """Ask, naming who are to sign; then set status review on top of `base()` (the commit
    shown when the person answered), say who is still to sign and call `done`."""
    def sent(state: justering.State) -> None:
        screen.tell(words.reviewed(protocol_id, state))
        screen.push_after_save()
        done()

    def answered(yes: bool | None) -> None:
        at = base()
        if not yes or at is None:
            return
        screen.run_then(lambda archive: sign.review(archive, protocol_id, identity, base=at),
                        sent, doing=f"sending {protocol_id} for approval", group="change")

    screen.app.confirm(t("tui_review_title", id=protocol_id),
                       words.review_question(protocol), t("key_review"), "j", answered)


def sign_as(screen: Base[Any], protocol_id: str, identity: Identity,
            done: Callable[[], None]) -> None:
    """Read what the person would sign (the content id, the changes since they last saw
    the text), ask, sign exactly that content, say the outcome and call `done`."""
    def signed(result: sign.Signed) -> None:
        screen.tell(words.signed(result))
        screen.push_after_save()  # the signature, and the tag where it approved
        done()

    def ready(what: sign.ToSign) -> None:
        def answered(yes: bool | None) -> None:
            if not yes:
                return

            def signing(archive: Archive) -> sign.Signed:
                return sign.sign(archive, protocol_id, identity, content=what.content)

            screen.run_then(signing, signed, doing=f"signing {protocol_id}", group="change")

        screen.app.confirm(t("tui_sign_title", id=protocol_id), words.sign_question(what),
                           t("key_sign"), "s", answered)

    screen.run_then(lambda archive: sign.to_sign(archive, protocol_id, identity.name),
                    ready, doing=f"signing {protocol_id}", group="change")
