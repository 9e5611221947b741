"""Justering from a screen (issue 14): send for review, sign, sign one item at once, and
correct approved minutes, each after a confirmation of exactly what is committed, the
work in a thread, and the outcome said.

Any brotui screen may offer these (the view does: `j`, `s`, `o` and `c`); the sentences are in
tui/justering_text.py, the rules and the commits in core/justering/.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from brotui.core import codec
from brotui.core.archive import Archive
from brotui.core.identity import Identity
from brotui.core.justering import correct, record, sign
from brotui.core.justering import state as justering
from brotui.core.justering.messages import say
from brotui.core.model import Protocol, item_key
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


def correct_in_editor(screen: Base[Any], protocol_id: str, data: bytes, base: str,
                      identity: Identity) -> None:
    """A correction (rättelse) of approved minutes: the editor on the text as it is; its
    ctrl+s shows what changes and asks for the reason, then saves through
    core.justering.correct (one commit, the record in the minutes) and closes."""
    old = codec.load(data).protocol
    assert old is not None

    def save(editor: Any, corrected: Protocol) -> None:
        changes = correct.summary(old, record.with_records_of(corrected, old))
        if not changes:
            editor.tell(say("no_change"), severity="warning")
            return

        def saved(done_: correct.Corrected) -> None:
            editor.tell(words.corrected(done_), timeout=10)
            editor.push_after_save()
            editor.saved_elsewhere()

        def answered(reason: str | None) -> None:
            if not reason:
                return
            editor.run_then(lambda archive: correct.correct(
                archive, protocol_id, corrected, reason, identity, base=base), saved,
                doing=f"correcting {protocol_id}", group="save")

        screen.app.ask_line(t("tui_correct_title", id=protocol_id),
                            words.correction_question(changes), t("tui_correct_reason"),
                            t("tui_correct_save"), answered)

    screen.app.open_editor(protocol_id, data, base, save_with=save)
    app = screen.app  # said on the editor once it is up (a toast of the view goes with it)
    app.set_timer(0.2, lambda: app.screen.notify(t("tui_correct_opened", id=protocol_id),
                                                 timeout=10, markup=False))


def sign_item(screen: Base[Any], protocol_id: str, protocol: Protocol, identity: Identity,
              done: Callable[[], None]) -> None:
    """Omedelbar justering: ask which item, show exactly what is signed (the item's
    content id), sign that item as the person, say the outcome and call `done`."""
    numbers = words.item_numbers(protocol)
    known = {i.key for i in protocol.items if i.number is not None}

    def check(answer: str) -> str | None:  # "17", "§ 17", "17 a", "17a"
        return None if item_key(answer) in known else t("tui_item_not_a_number", answer=answer,
                                               numbers=numbers)

    def signed(result: sign.Signed) -> None:
        screen.tell(words.signed_item(result))
        screen.push_after_save()
        done()

    def ready(what: sign.ItemToSign) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                screen.run_then(lambda archive: sign.sign(
                    archive, protocol_id, identity, item=what.number, content=what.content),
                    signed, doing=f"signing {protocol_id}", group="change")

        screen.app.confirm(t("tui_sign_item_title", number=what.label, id=protocol_id),
                           words.sign_item_question(what), t("key_sign"), "s", answered)

    def chosen(answer: str | None) -> None:
        if answer is None:
            return
        number = item_key(answer)
        if number is None:
            return
        screen.run_then(lambda archive: sign.to_sign_item(archive, protocol_id, identity.name,
                                                          number),
                        ready, doing=f"signing {protocol_id}", group="change")

    screen.app.ask_line(t("tui_item_title", id=protocol_id),
                        t("tui_item_question", numbers=numbers), t("tui_item_label"),
                        t("tui_item_next"), chosen, check=check)
