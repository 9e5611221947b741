"""Records the golden files of tests/test_golden.py: run once, on the code before a change.

    .venv/bin/python -m tests.golden.record

For every protocol file in protocols/ and tests/corpus/ that reads into a protocol (and
for `full()`, a protocol with every field and an unknown key in every part), it writes
the canonical dump (`codec.dump`) and the search texts (`textparts.parts`) as they come
out of the code now. The test then asserts both, byte for byte, after the change.
"""

from __future__ import annotations

import json

from tests.golden import HERE, outputs


def main() -> None:
    out = outputs()
    dumps, parts = out["dumps"], out["parts"]
    (HERE / "golden.json").write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n",
                                      encoding="utf-8")
    print(f"{len(dumps)} dumps, {sum(map(len, parts.values()))} search texts")


if __name__ == "__main__":
    main()
