"""The view's justering sentences (issue 14): plain text, no Textual.

The review confirmation's question, the sign confirmation's question (with what changed
since the signer last saw the text), and what is said after sending or signing. The
screen (tui/screens/view.py) only wires the keys, the workers and the messages.
"""

from __future__ import annotations

from collections.abc import Iterable

from brotui.core.justering import sign
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
