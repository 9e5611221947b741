"""Justering: minutes become the council's record, signed by the people named, and never
change silently after (issue 14). No Textual below this folder.

- record: the `justering`, `corrections` and `signatures` keys of a protocol, read and
  written in that one module; what a signature signs (`content_id`).
- state: who must sign, who has signed this text, who is missing, the 14-day rule, the
  validation problems (a protocol for review needs a chair).
- rules: which changes approved minutes may take (this archive and the central hook).
- lock: approved minutes refuse ordinary writes.
- sign: `review` and `sign` (a commit by the signer; the last one approves and tags).
- correct: a rättelse, recorded in the protocol.
- verify: signatures, content and tags check out, with git alone.
- numbering: paragraph numbers per meeting or through the year.
- export: signatures and corrections for brotui.core.publish's Minutes.

This package's __init__ imports nothing: brotui.core.hook and validate import
`rules` and `state` without paying for the rest.
"""
