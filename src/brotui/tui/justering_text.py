"""The view's justering sentences (issue 14): plain text, no Textual.

The review confirmation's question, the sign confirmation's question (with what changed
since the signer last saw the text), a correction's and one item's questions, and what
is said after sending, signing or correcting. The
screen (tui/screens/view.py) only wires the keys, the workers and the messages.
"""

from __future__ import annotations

from collections.abc import Iterable

from brotui.core.justering import correct, sign
from brotui.core.justering import state as justering
from brotui.core.justering.messages import say
from brotui.core.model import Protocol
from brotui.i18n import t


def names(signers: Iterable[justering.Signer]) -> str:
    """The signers' names, comma separated; "nobody" in the language when none."""
    return ", ".join(s.name for s in signers) or say("nobody")


def review_question(protocol: Protocol) -> str:
    """Asked before sending for justering: who are to sign (name and role)."""
    signers = ", ".join(s.said() for s in justering.signers(protocol)) or say("nobody")
    return t("tui_review_question", signers=signers)


def reviewed(protocol_id: str, state: justering.State) -> str:
    """Said once the minutes are sent for justering: who is still to sign."""
    return t("tui_reviewed", id=protocol_id, missing=names(state.missing))


def sign_question(what: sign.ToSign) -> str:
    """Asked before signing: as whom, the content id signed, and the text's changes since
    the signer last saw it (one indented line each), when there are any."""
    question = t("tui_sign_question", name=what.signer.name,
                 role=say("role_" + what.signer.role), content=what.content)
    if what.changes:
        question += "\n\n" + t("tui_sign_changed") + "\n" + "\n".join(
            f"  {line}" for line in what.changes)
    return question


def signed(done: sign.Signed) -> str:
    """Said after signing: the commit, and the tag if the minutes are now justerade, or
    who is still to sign."""
    role = say("role_" + done.signer.role)
    commit = (done.commit or "")[:10]
    if done.approved:
        return t("tui_signed_approved", id=done.id, name=done.signer.name, role=role,
                 commit=commit, tag=done.tag or "")
    return t("tui_signed", id=done.id, name=done.signer.name, role=role, commit=commit,
             missing=names(done.state.missing))


def correction_question(changes: list[str]) -> str:
    """Asked before a correction is saved: what it records, and what it changes (one
    indented line each)."""
    return t("tui_correct_question") + "\n" + "\n".join(f"  {line}" for line in changes)


def corrected(done: correct.Corrected) -> str:
    """Said after a correction: the commit, and who is to sign it again (if anyone)."""
    said = t("tui_corrected", id=done.id, commit=(done.commit or "")[:10])
    if done.resign:
        said += " " + say("resign_needed", id=done.id,
                          signers=", ".join(s.said() for s in done.resign))
    return said


def item_numbers(protocol: Protocol) -> str:
    return ", ".join(i.label for i in protocol.items if i.number is not None)


def sign_item_question(what: sign.ItemToSign) -> str:
    return t("tui_sign_item_question", number=what.label, title=what.title or "—",
             name=what.signer.name, role=say("role_" + what.signer.role),
             content=what.content)


def signed_item(done: sign.Signed) -> str:
    return t("tui_signed_item", number=done.item, id=done.id, name=done.signer.name,
             role=say("role_" + done.signer.role), commit=(done.commit or "")[:10])
