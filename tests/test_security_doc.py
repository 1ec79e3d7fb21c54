"""SECURITY.md names real tests and real files: every test it cites exists where it says."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECURITY = (ROOT / "SECURITY.md").read_text(encoding="utf-8")


def test_every_cited_file_exists():
    paths = set(re.findall(r"`((?:glossary|tests)/[\w/]+\.(?:py|json))", SECURITY))
    assert len(paths) >= 15
    assert sorted(p for p in paths if not (ROOT / p).is_file()) == []


def test_every_cited_test_exists_in_the_file_named_before_it():
    cited = []
    # "`tests/test_x.py` (`test_a`, `test_b`)" and "`tests/test_x.py::test_a`"
    for path, names in re.findall(r"`(tests/[\w/]+\.py)` \(([^)]*)\)", SECURITY):
        cited += [(path, name) for name in re.findall(r"`(test_\w+)`", names)]
    cited += re.findall(r"`(tests/[\w/]+\.py)::(test_\w+)`", SECURITY)
    assert len(cited) >= 40
    missing = [
        (path, name)
        for path, name in cited
        if not re.search(rf"^def {name}\(", (ROOT / path).read_text(), re.MULTILINE)
    ]
    assert missing == []
