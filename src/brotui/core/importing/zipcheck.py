"""Limits on a zipped document (DOCX, ODT) before any library unpacks it."""

from __future__ import annotations

import io
import zipfile

from brotui.core.importing.errors import refuse

MAX_UNPACKED = 200 * 1024 * 1024  # a zip bomb is a few kB that unpack to gigabytes
MAX_ENTRIES = 10_000
MAX_RATIO = 200  # text compresses about 5 to 20 times; 1,000 times is a bomb


def open_zip(data: bytes) -> zipfile.ZipFile:
    """The zip archive of a document, or a refusal naming why it is not one we open."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        refuse("refused_damaged", kind="DOCX/ODT", detail="BadZipFile")
    if len(infos) > MAX_ENTRIES:
        refuse("refused_zip_bomb")
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos)
    if total > MAX_UNPACKED or (total > 10 * 1024 * 1024 and total > MAX_RATIO * max(packed, 1)):
        refuse("refused_zip_bomb")
    if any(i.flag_bits & 0x1 for i in infos):
        refuse("refused_encrypted", kind="DOCX/ODT")
    return archive


def check_zip(data: bytes) -> None:
    open_zip(data).close()
