"""Uploaded files kept between an import's dry run and the editor's confirmation.

Each is kept in the instance folder under a random name, with who uploaded it and how it is to be
imported; only that account can use it, and only for an hour. Never in the session cookie.
Together they are kept within a quota of files and bytes: keeping one more drops the oldest.
"""

from __future__ import annotations

import json
import re
import secrets
import time
from pathlib import Path
from typing import TypedDict

LIFETIME = 3600  # seconds
# At most this many uploads, of at most this many bytes together (each is at most the largest
# request, 5 MB): without a quota, editors' dry runs could fill the disk within the hour.
MAX_KEPT = 20
MAX_KEPT_BYTES = 50 * 1024 * 1024
NAME = re.compile(r"[A-Za-z0-9_-]{32}")


class Details(TypedDict):
    """Who uploaded a file and when, and how it is to be imported."""

    account_id: int
    name: str  # the file's name, as uploaded
    format: str
    at: float  # time.time() when it was kept
    on_duplicate: str
    skip_invalid: bool


def keep(folder: str | Path, raw: bytes, details: Details) -> str:
    """Keep an upload and the details of its import; return the name to confirm it by."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    forget_old(folder)
    make_room(folder, len(raw))
    name = secrets.token_urlsafe(24)
    (folder / f"{name}.upload").write_bytes(raw)
    (folder / f"{name}.json").write_text(json.dumps(details), encoding="utf-8")
    return name


def take(folder: str | Path, name: str, account_id: int) -> tuple[bytes, Details] | None:
    """Return a kept upload and its details, and forget it; None if it is gone, too old or
    someone else's."""
    if not NAME.fullmatch(name):
        return None
    folder = Path(folder)
    upload, details_path = folder / f"{name}.upload", folder / f"{name}.json"
    try:
        details: Details = json.loads(details_path.read_text(encoding="utf-8"))
        raw = upload.read_bytes()
    except (OSError, ValueError):
        return None
    if details.get("account_id") != account_id:
        return None
    upload.unlink(missing_ok=True)
    details_path.unlink(missing_ok=True)
    if time.time() - details.get("at", 0) > LIFETIME:
        return None
    return raw, details


def forget_old(folder: Path) -> None:
    """Delete kept uploads older than their lifetime."""
    for path in folder.glob("*.*"):
        try:
            if time.time() - path.stat().st_mtime > LIFETIME:
                path.unlink()
        except OSError:
            continue


def make_room(folder: Path, size: int) -> None:
    """Drop the oldest kept uploads until one more of size bytes fits the quota."""
    kept = []
    for path in folder.glob("*.upload"):
        try:
            stat = path.stat()
        except OSError:
            continue
        kept.append((stat.st_mtime_ns, path.name, stat.st_size, path))
    kept.sort()
    total = sum(entry[2] for entry in kept)
    while kept and (len(kept) + 1 > MAX_KEPT or total + size > MAX_KEPT_BYTES):
        _, _, dropped_size, oldest = kept.pop(0)
        oldest.unlink(missing_ok=True)
        oldest.with_suffix(".json").unlink(missing_ok=True)
        total -= dropped_size
