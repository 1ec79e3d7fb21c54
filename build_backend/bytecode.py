"""`make bytecode`: compile the package and the libraries it runs on, so that a server starts
without compiling them.

pip installs the libraries without their bytecode (`--no-compile`: a quarter of a fresh
`make run`'s install), and Python writes a module's bytecode when it first imports it only where
it may: not under PYTHONDONTWRITEBYTECODE (containers often set it), nor into a checkout or an
environment the service's user cannot write. There, every `glossary serve` compiled Flask,
Werkzeug, Jinja and the rest again, some 500 modules: 1.9-2.5 s to the first answer on the
2-core development machine against 1.1 s with their bytecode. The libraries are those the
package's metadata asks for at run time (its extras, for tests and development, left out), and
theirs; pip, which sqlite-utils asks for only for a command of its own, is left out too.
compileall writes only what is missing or older than its source.
"""

from __future__ import annotations

import compileall
import re
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOT_RUN = {"pip"}  # installed beside the server, never imported by it
# A requirement's name (PEP 508), and an environment marker naming an extra.
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
EXTRA = re.compile(r";.*\bextra\s*==")


def canonical(name: str) -> str:
    """A distribution's name as PEP 503 compares them."""
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_distributions(name: str = "glossary") -> dict[str, metadata.Distribution]:
    """The installed distributions a distribution needs to run, itself included, by name."""
    found: dict[str, metadata.Distribution] = {}
    waiting = [name]
    while waiting:
        key = canonical(waiting.pop())
        if key in found or key in NOT_RUN:
            continue
        try:
            found[key] = distribution = metadata.distribution(key)
        except metadata.PackageNotFoundError:
            continue  # a requirement of another platform or Python, not installed here
        for requirement in distribution.requires or []:
            if not EXTRA.search(requirement) and (named := NAME.match(requirement)):
                waiting.append(named.group(0))
    return found


def modules(distributions: dict[str, metadata.Distribution]) -> list[Path]:
    """The Python modules the distributions installed."""
    return [
        Path(str(distribution.locate_file(file)))
        for distribution in distributions.values()
        for file in distribution.files or []
        if file.suffix == ".py"
    ]


def main() -> int:
    """Compile the package and its libraries; 1 if a module failed to compile."""
    compiled = compileall.compile_dir(ROOT / "glossary", quiet=1)
    for path in modules(runtime_distributions()):
        compiled = compileall.compile_file(path, quiet=1) and compiled
    return 0 if compiled else 1


if __name__ == "__main__":
    sys.exit(main())
