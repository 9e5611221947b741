"""Golden outputs taken before the schema refactor (issue 11, package B): the canonical
dumps and search texts of every readable file of protocols/ and tests/corpus/, and of
`full()`. Recorded by tests/golden/record.py; asserted by tests/test_golden.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from brotui.core.model import Attendee, Contact, Item, Meeting, Protocol

HERE = Path(__file__).parent
ROOT = HERE.parent.parent


def sources() -> Iterator[tuple[str, bytes]]:
    """(name, bytes) of every protocol file of the seed and the corpus, in a fixed order."""
    for folder in (ROOT / "protocols", ROOT / "tests" / "corpus"):
        for path in sorted(folder.rglob("*.yaml")):
            if path.is_file() and not path.is_symlink():
                yield str(path.relative_to(ROOT)), path.read_bytes()


def full() -> Protocol:
    """A protocol with every field set away from its default, and an unknown key in each
    part (so the golden dump covers what the seed leaves out)."""
    return Protocol(
        schema=1, council="Rådet för Test", date=dt.date(2023, 4, 5), start="08:30",
        end="10:00", location="Salen, plan 2", status="approved", chair="Anna Ek",
        secretary="Bo Ek", adjusters=["Cai Ek", "Dan Ek"],
        attendees=[
            Attendee("Anna Ek", "ordförande", "Stadsdelen", "present", "kom sent",
                     {"x-a": "ett"}),
            Attendee("Bo Ek", None, "Polisen", "excused"),
            Attendee("Cai Ek", "sekreterare", None, "adjunct"),
            Attendee("Dan Ek", presence="absent", note="yes"),
        ],
        items=[
            Item(1, "Öppnande", "Mötet öppnas.\nAndra raden.", ["Beslut ett",
                 "Beslut två\nmed rad"], ["bilaga.pdf", "12:30"], extra={"x-i": [1, 2]}),
            Item(2, None, "Bara text"),
            Item(3, "Bara rubrik", decisions=["070123456"]),
        ],
        next_meetings=[
            Meeting(dt.date(2023, 6, 1), "09:00", "11:00", "Rummet", {"x-m": {"a": "b"}}),
            Meeting(dt.date(2023, 9, 1)),
        ],
        contact=Contact("Kim Ek", "08-123 45", "kim@example.org", {"x-c": True}),
        extra={"x-top": "kvar", "x-list": ["a", "b"]},
    )


def changed() -> Protocol:
    """`full()` with a change in every part: what the golden diff lines show."""
    p = full()
    p.council, p.status, p.start, p.adjusters = "Rådet för Prov", "draft", "08:45", ["Cai Ek"]
    p.attendees[0].role, p.attendees[1].presence = "ordförande och värd", "present"
    p.attendees[2].extra = {"x-b": 2}
    del p.attendees[3]
    p.items[0].text = "Mötet öppnas av ordföranden.\nAndra raden."
    p.items[0].decisions = ["Beslut ett", "Beslut tre"]
    p.items[1].number, p.items[2].number = 3, 2
    p.next_meetings[0].location = "Salen"
    p.next_meetings[1].start = "10:00"
    assert p.contact is not None
    p.contact.phone = "08-999"
    p.extra["x-top"] = "ändrad"
    return p


def outputs() -> dict[str, dict[str, object]]:
    """What the code makes of the golden sources now, as plain JSON data."""
    from brotui.core import codec, diffrender, fielddiff, render, textparts, validate
    from brotui.i18n import set_language

    out: dict[str, dict[str, object]] = {"dumps": {}, "parts": {}, "problems": {},
                                         "minutes": {}, "diff": {}}
    protocols: list[tuple[str, Protocol]] = []
    for name, data in sources():
        for lang in ("en", "sv"):
            set_language(lang)
            out["problems"][f"{name} {lang}"] = [
                p.format() for p in validate.check(data, None).problems]
        parsed = codec.load(data)
        if parsed.protocol is not None:
            protocols.append((name, parsed.protocol))
    protocols.append(("full", full()))
    protocols.append(("changed", changed()))
    for name, p in protocols:
        out["dumps"][name] = codec.dump(p)
        out["parts"][name] = [[part.as_json(), text] for part, text in textparts.parts(p)]
        for lang in ("en", "sv"):
            set_language(lang)
            out["minutes"][f"{name} {lang}"] = render.render_text(p)
    seed = protocols[0][1]
    for lang in ("en", "sv"):
        set_language(lang)
        for a, b, label in ((full(), changed(), "full-changed"), (seed, full(), "seed-full"),
                            (changed(), full(), "changed-full")):
            changes = fielddiff.diff(a, b)
            out["diff"][f"{label} {lang}"] = {
                "json": [c.as_json() for c in changes],
                "lines": [diffrender.plain(x) for x in diffrender.lines(changes)],
                "message": diffrender.message("r/2023-04-05", changes)}
    set_language("en")
    return out
