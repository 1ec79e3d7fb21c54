"""Uploaded files kept between an import's dry run and the editor's confirmation.

Each is kept in the instance folder under a random name, with who uploaded it and how it is to be
imported; only that account can use it, and only for an hour. Never in the session cookie.
"""

from __future__ import annotations

import json
import re
import secrets
import time
from pathlib import Path
from typing import Any

LIFETIME = 3600  # seconds
NAME = re.compile(r"[A-Za-z0-9_-]{32}")


def keep(folder: str | Path, raw: bytes, details: dict[str, Any]) -> str:
    """Keep an upload and the details of its import; return the name to confirm it by."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    forget_old(folder)
    name = secrets.token_urlsafe(24)
    (folder / f"{name}.upload").write_bytes(raw)
    (folder / f"{name}.json").write_text(json.dumps(details), encoding="utf-8")
    return name


def take(folder: str | Path, name: str, account_id: int) -> tuple[bytes, dict[str, Any]] | None:
    """Return a kept upload and its details, and forget it; None if it is gone, too old or
    someone else's."""
    if not NAME.fullmatch(name):
        return None
    folder = Path(folder)
    upload, details_path = folder / f"{name}.upload", folder / f"{name}.json"
    try:
        details = json.loads(details_path.read_text(encoding="utf-8"))
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
