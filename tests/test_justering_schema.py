"""The justering's records are parts of the schema (issue 14): the plan, the corrections
and the signatures are declared in brotui.core.schema, so codec, validate, merge,
fielddiff and blame know them from that one declaration, and the file on disk is byte
for byte what it was when they lived in `Protocol.extra`.

tests/golden/justering-approved-corrected.yaml was written by the code before the
change (main at 65eac22, records in `extra`) through the steps of `approved_corrected`
below: the seed minutes with an adjuster and a key brotui does not know, sent for
review, signed by the chair and the adjuster, corrected with a reason."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from brotui.core import blame, codec, fielddiff, merge, ops
from brotui.core.archive import Archive
from brotui.core.justering import record
from brotui.core.justering.correct import correct
from brotui.core.justering.sign import review, sign
from brotui.core.model import Correction, Signature
from brotui.core.validate import check
from brotui.core.values import Commit
from tests.conftest import ALICE, SEED_ID
from tests.test_justering import ADJUSTER, CHAIR

GOLDEN = Path(__file__).parent / "golden" / "justering-approved-corrected.yaml"


def approved_corrected(repo: Path) -> Archive:
    archive = Archive(repo)
    p = archive.load(SEED_ID)
    p.adjusters = [ADJUSTER.name]
    p.extra["egen_nyckel"] = "kvar"  # the records are written after it
    ops.save(archive, SEED_ID, p, ALICE)
    day = dt.date(2020, 3, 2)
    review(archive, SEED_ID, ALICE)
    sign(archive, SEED_ID, CHAIR, today=day)
    sign(archive, SEED_ID, ADJUSTER, today=day)
    q = archive.load(SEED_ID)
    q.location = "Annan plats"
    q.items[0].text = (q.items[0].text or "") + "\nEn rad till."
    correct(archive, SEED_ID, q, "Fel plats i protokollet", ALICE, today=dt.date(2020, 3, 9))
    return archive


def test_an_approved_and_corrected_protocol_is_written_byte_for_byte_as_before(
        repo: Path) -> None:
    golden = GOLDEN.read_bytes()
    archive = approved_corrected(repo)
    assert archive.read(SEED_ID).data == golden
    parsed = codec.load(golden)
    assert parsed.protocol is not None
    assert codec.dump(parsed.protocol).encode("utf-8") == golden  # read and written again
    # The records are the model's own, typed, and no key of theirs is unknown.
    p = parsed.protocol
    assert [(s.name, s.role) for s in p.signatures] == [(CHAIR.name, "chair"),
                                                        (ADJUSTER.name, "adjuster")]
    assert isinstance(p.signatures[0], Signature) and p.signatures[0].date == dt.date(2020, 3, 2)
    assert isinstance(p.corrections[0], Correction)
    assert p.corrections[0].reason == "Fel plats i protokollet"
    assert list(p.extra) == ["egen_nyckel"]
    unknown = [x.path for x in check(golden, SEED_ID).problems if "unknown" in x.message.lower()
               or "okänd" in x.message.lower()]
    assert unknown == ["egen_nyckel"]
    # What a signature signs is still the file without its status and signatures.
    assert golden.rstrip().endswith(p.signatures[-1].content.encode())
    assert record.content_id(golden) != p.signatures[-1].content  # corrected since


def test_diff_merge_and_blame_know_the_records_from_the_schema(repo: Path) -> None:
    p = codec.load(GOLDEN.read_bytes()).protocol
    assert p is not None
    signed = record.with_signature(p, record.SignatureRecord(CHAIR.name, "chair",
                                                             dt.date(2020, 3, 10), "ab" * 20))
    changes = fielddiff.diff(p, signed)
    assert [c.section for c in changes] == ["signature"]
    assert fielddiff.diff(p, record.without_records(p))  # the records are diffed too
    # Blame gives the new signature to its commit, and nothing else.
    c1 = Commit("1" * 40, "A", "a@example.org", 1, "first")
    c2 = Commit("2" * 40, "B", "b@example.org", 2, "second")
    after = blame.step(p, signed, blame.step(None, p, {}, c1), c2)
    assert [k for k, c in after.items() if c is c2] == [("signature", 2)]
    # Each side signing on its own is a conflict on the signatures, never a silent union:
    # the approval must come from one signature commit of the last signer.
    other = record.with_signature(p, record.SignatureRecord(ADJUSTER.name, "adjuster",
                                                            dt.date(2020, 3, 10), "cd" * 20))
    merged = merge.merge(p, signed, other)
    assert [c.label for c in merged.conflicts] == ["Signatures"]
    assert merge.merge(p, signed, p).protocol == signed
