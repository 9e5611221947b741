"""An example archive with a short, believable history, built from the seed minutes.

The minutes of 20 February 2020 are written, corrected by colleagues over a
week (a role, a missing attendee, a date in item 2), and the next meeting's
minutes are started from them. Every step is a real save through `ops.save`.
"""

from __future__ import annotations

import copy
import subprocess
from pathlib import Path

from brotui.core import codec, ops
from brotui.core.archive import Archive
from brotui.core.identity import Identity
from brotui.core.model import Item, Protocol
from brotui.core.new import following

SEED_ID = "hagersten-liljeholmen/2020-02-20"
NEXT_ID = "hagersten-liljeholmen/2020-05-14"

CLAS = Identity("Clas Cederlid", "clas.cederlid@stockholm.se")
MARTIN = Identity("Martin Hämmerli", "martin.hammerli@example.org")
ABIT = Identity("Abit Dundar", "abit.dundar@example.org")

_ITEM4_LAST = ("\n\nI den nya samverkansöverenskommelsen kommer prioriteringar göras utifrån "
               "den lokala lägesbild som tagits fram.")


def example_protocols() -> Path:
    """The example minutes: shipped in the package, or protocols/ in a source checkout."""
    packaged = Path(__file__).resolve().parent.parent / "example_protocols"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "protocols"


def seed_protocol() -> Protocol:
    parsed = codec.load((example_protocols() / f"{SEED_ID}.yaml").read_bytes())
    assert parsed.protocol is not None, parsed.problems
    return parsed.protocol


def _first_draft(final: Protocol) -> Protocol:
    """The minutes as first written: three slips that colleagues later correct."""
    draft = copy.deepcopy(final)
    draft.attendees = [a for a in draft.attendees if a.name != "Micael Pettersson"]
    for a in draft.attendees:
        if a.name == "Martin Hämmerli":
            a.role = "Polis"
    item2 = draft.items[1]
    item2.text = (item2.text or "").replace("den 28 februari", "den 28 mars")
    item4 = draft.items[3]
    item4.text = (item4.text or "").replace(_ITEM4_LAST, "")
    return draft


def build_demo(path: Path) -> Archive:
    """Make a new archive at `path` holding the example minutes and their history."""
    path.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(path)], check=True,
                   capture_output=True)
    (path / "protocols").mkdir(exist_ok=True)
    archive = Archive(path)
    final = seed_protocol()
    draft = _first_draft(final)
    ops.save(archive, SEED_ID, draft, CLAS, date="2020-02-21T09:12:00+01:00")

    step = copy.deepcopy(draft)
    for a in step.attendees:
        if a.name == "Martin Hämmerli":
            a.role = "Kommunpolis"
    ops.save(archive, SEED_ID, step, MARTIN, date="2020-02-24T10:03:00+01:00")

    step = copy.deepcopy(step)
    step.attendees = copy.deepcopy(final.attendees)
    step.items[3].text = final.items[3].text
    ops.save(archive, SEED_ID, step, CLAS, date="2020-02-25T14:30:00+01:00")

    ops.save(archive, SEED_ID, final, ABIT, date="2020-02-27T08:45:00+01:00")

    upcoming = following(final)
    assert upcoming is not None
    upcoming.items[0].title = "Sammanträdets öppnande"
    # As an earlier brotui wrote it, which still copied the "Kommande möten" item: the
    # demo's commits (and every snapshot showing their ids) stay as they were.
    upcoming.items.append(Item(number=7, title="Kommande möten"))
    ops.save(archive, NEXT_ID, upcoming, CLAS, date="2020-05-07T16:20:00+02:00")
    return archive
