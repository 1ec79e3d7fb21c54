"""The build backend (pyproject.toml's build-system): setuptools builds wheels and sdists, and
setup.py compiles the catalogs into the wheel with babel; an editable install is written here.

An editable install (`make run`'s `pip install -e .`) needs neither setuptools nor babel: its
wheel holds only the package's metadata, its command and a finder that points Python at the
checkout's glossary/, where the app reads the catalogs `make compile-translations` compiled.
Asking for nothing to build one spares pip an isolated environment of setuptools and babel to
install, and four setuptools start-ups to run: a sixth of a fresh `make run`.
"""

from __future__ import annotations

import base64
import hashlib
import re
import tomllib
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
#: What a real wheel needs: setuptools to build it, babel for setup.py to compile the catalogs.
WHEEL_REQUIRES = ["setuptools>=70.1", "babel>=2.12"]
SDIST_REQUIRES = ["setuptools>=70.1"]
#: The tag of a wheel of pure Python that any Python 3 installs.
TAG = "py3-none-any"


# Wheels and sdists: setuptools, imported only here (an editable build has not installed it).


def get_requires_for_build_wheel(config_settings: dict[str, Any] | None = None) -> list[str]:
    return list(WHEEL_REQUIRES)


def get_requires_for_build_sdist(config_settings: dict[str, Any] | None = None) -> list[str]:
    return list(SDIST_REQUIRES)


def prepare_metadata_for_build_wheel(
    metadata_directory: str, config_settings: dict[str, Any] | None = None
) -> str:
    from setuptools import build_meta

    return str(build_meta.prepare_metadata_for_build_wheel(metadata_directory, config_settings))


def build_wheel(
    wheel_directory: str,
    config_settings: dict[str, Any] | None = None,
    metadata_directory: str | None = None,
) -> str:
    from setuptools import build_meta

    return str(build_meta.build_wheel(wheel_directory, config_settings, metadata_directory))


def build_sdist(sdist_directory: str, config_settings: dict[str, Any] | None = None) -> str:
    from setuptools import build_meta

    return str(build_meta.build_sdist(sdist_directory, config_settings))


# Editable installs: written here, with the standard library alone.


def get_requires_for_build_editable(config_settings: dict[str, Any] | None = None) -> list[str]:
    return []


def prepare_metadata_for_build_editable(
    metadata_directory: str, config_settings: dict[str, Any] | None = None
) -> str:
    project = _project()
    folder = Path(metadata_directory) / _dist_info(project)
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in _metadata_files(project).items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder.name


def build_editable(
    wheel_directory: str,
    config_settings: dict[str, Any] | None = None,
    metadata_directory: str | None = None,
) -> str:
    project = _project()
    name = _distribution(project)
    dist_info = _dist_info(project)
    files = {f"{dist_info}/{path}": text for path, text in _metadata_files(project).items()}
    files[f"__editable__.{name}.pth"] = f"import __editable___{name}_finder\n"
    files[f"__editable___{name}_finder.py"] = FINDER.format(checkout=str(ROOT))
    wheel = f"{name}-{project['version']}-{TAG}.whl"
    _write_wheel(Path(wheel_directory) / wheel, files, f"{dist_info}/RECORD")
    return wheel


#: The module the editable install's .pth imports at start-up: it finds `glossary` in the
#: checkout, and nothing else there (tests/, bench/ and setup.py stay out of the import path).
FINDER = '''"""Finds the glossary package in its checkout: an editable install (build_backend/)."""

import importlib.machinery
import sys

CHECKOUT = {checkout!r}


class GlossaryFinder:
    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if name != "glossary":
            return None
        return importlib.machinery.PathFinder.find_spec(name, [CHECKOUT])


if GlossaryFinder not in sys.meta_path:
    sys.meta_path.append(GlossaryFinder)
'''


def _project() -> dict[str, Any]:
    with (ROOT / "pyproject.toml").open("rb") as source:
        project: dict[str, Any] = tomllib.load(source)["project"]
    return project


def _distribution(project: dict[str, Any]) -> str:
    """The project's name as wheel file names spell it (PEP 427, PEP 503)."""
    return re.sub(r"[-_.]+", "_", project["name"]).lower()


def _dist_info(project: dict[str, Any]) -> str:
    return f"{_distribution(project)}-{project['version']}.dist-info"


def _metadata_files(project: dict[str, Any]) -> dict[str, str]:
    """METADATA, WHEEL and entry_points.txt of the project, from pyproject.toml's [project]."""
    files = {"METADATA": _metadata(project)}
    files["WHEEL"] = (
        f"Wheel-Version: 1.0\nGenerator: glossary_build\nRoot-Is-Purelib: true\nTag: {TAG}\n"
    )
    scripts = project.get("scripts", {})
    if scripts:
        lines = [f"{name} = {target}" for name, target in scripts.items()]
        files["entry_points.txt"] = "[console_scripts]\n" + "\n".join(lines) + "\n"
    return files


def _metadata(project: dict[str, Any]) -> str:
    """The core metadata (version 2.1) pip reads: name, version, Python, requirements, extras."""
    lines = ["Metadata-Version: 2.1", f"Name: {project['name']}"]
    lines.append(f"Version: {project['version']}")
    if "description" in project:
        lines.append(f"Summary: {project['description']}")
    if "requires-python" in project:
        lines.append(f"Requires-Python: {project['requires-python']}")
    lines += [f"Requires-Dist: {requirement}" for requirement in project.get("dependencies", [])]
    for extra, requirements in project.get("optional-dependencies", {}).items():
        lines.append(f"Provides-Extra: {extra}")
        lines += [f"Requires-Dist: {_in_extra(r, extra)}" for r in requirements]
    return "\n".join(lines) + "\n"


def _in_extra(requirement: str, extra: str) -> str:
    """The requirement, needed only when the extra is asked for."""
    wanted, _, marker = requirement.partition(";")
    condition = f'extra == "{extra}"'
    if marker.strip():
        condition = f"({marker.strip()}) and {condition}"
    return f"{wanted.strip()}; {condition}"


def _write_wheel(path: Path, files: dict[str, str], record: str) -> None:
    """A wheel of these files, with the RECORD of their hashes and sizes (PEP 376, PEP 427)."""
    rows = []
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as wheel:
        for name, text in files.items():
            data = text.encode("utf-8")
            wheel.writestr(name, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
            rows.append(f"{name},sha256={digest.decode()},{len(data)}")
        rows.append(f"{record},,")
        wheel.writestr(record, "\n".join(rows) + "\n")
