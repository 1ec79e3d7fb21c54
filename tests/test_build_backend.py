"""The build backend's editable install: nothing to install first, no setuptools, no babel, and a
wheel that points Python at the checkout's glossary/ and nothing else of it
(tests/test_wheel.py builds the real wheel and the sdist)."""

from __future__ import annotations

import base64
import hashlib
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Builds the editable wheel in a Python that cannot import setuptools or babel: -S leaves
# site-packages (where both are installed, for the tests) off the path.
BUILD_WITHOUT_SITE_PACKAGES = """
import sys
sys.path.insert(0, "build_backend")
import glossary_build
for name in ("setuptools", "babel"):
    try:
        __import__(name)
    except ImportError:
        print("no", name)
print(glossary_build.get_requires_for_build_editable())
print(glossary_build.build_editable(sys.argv[1]))
print(sorted(name for name in sys.modules if name.split(".")[0] in ("setuptools", "babel")))
"""


@pytest.fixture(scope="module")
def editable(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], zipfile.ZipFile]:
    """The lines the build printed, and the editable wheel it wrote."""
    out = tmp_path_factory.mktemp("editable")
    result = subprocess.run(
        [sys.executable, "-S", "-c", BUILD_WITHOUT_SITE_PACKAGES, str(out)],
        cwd=ROOT,  # PEP 517: hooks run in the source tree
        capture_output=True,
        text=True,
        check=True,
    )
    lines = result.stdout.splitlines()
    return lines, zipfile.ZipFile(out / lines[3])


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_an_editable_install_asks_pip_to_install_nothing():
    build_system = project()["build-system"]
    assert build_system["requires"] == []
    assert build_system["build-backend"] == "glossary_build"
    assert build_system["backend-path"] == ["build_backend"]


def test_the_editable_wheel_is_built_without_setuptools_or_babel(editable):
    lines, wheel = editable
    assert lines[:3] == ["no setuptools", "no babel", "[]"]
    assert lines[3] == "glossary-0.1.0-py3-none-any.whl"
    assert lines[4] == "[]"  # neither was imported along the way


def test_a_real_wheel_asks_for_setuptools_and_babel():
    sys.path.insert(0, str(ROOT / "build_backend"))
    try:
        import glossary_build
    finally:
        sys.path.remove(str(ROOT / "build_backend"))
    assert glossary_build.get_requires_for_build_wheel() == ["setuptools>=70.1", "babel>=2.12"]
    assert glossary_build.get_requires_for_build_sdist() == ["setuptools>=70.1"]


def test_the_editable_wheel_holds_metadata_the_command_and_a_finder(editable):
    _, wheel = editable
    assert sorted(wheel.namelist()) == [
        "__editable__.glossary.pth",
        "__editable___glossary_finder.py",
        "glossary-0.1.0.dist-info/METADATA",
        "glossary-0.1.0.dist-info/RECORD",
        "glossary-0.1.0.dist-info/WHEEL",
        "glossary-0.1.0.dist-info/entry_points.txt",
    ]
    assert wheel.read("__editable__.glossary.pth") == b"import __editable___glossary_finder\n"
    entry_points = wheel.read("glossary-0.1.0.dist-info/entry_points.txt").decode()
    assert entry_points == "[console_scripts]\nglossary = glossary.__main__:main\n"
    assert b"Tag: py3-none-any\n" in wheel.read("glossary-0.1.0.dist-info/WHEEL")


def test_the_editable_metadata_names_every_requirement_and_extra(editable):
    _, wheel = editable
    metadata = wheel.read("glossary-0.1.0.dist-info/METADATA").decode().splitlines()
    assert metadata[:3] == ["Metadata-Version: 2.1", "Name: glossary", "Version: 0.1.0"]
    assert "Requires-Python: >=3.11" in metadata
    required = [line.split(": ", 1)[1] for line in metadata if line.startswith("Requires-Dist")]
    assert "Flask>=3.0" in required
    assert "flask-babel>=4.0" in required
    assert 'pytest>=8; extra == "test"' in required
    assert 'ruff>=0.6; extra == "dev"' in required
    assert 'mutmut>=3.8; extra == "mutation"' in required
    listed = project()["project"]
    extras = listed["optional-dependencies"]
    assert len(required) == len(listed["dependencies"]) + sum(map(len, extras.values()))
    assert [line for line in metadata if line.startswith("Provides-Extra")] == [
        "Provides-Extra: test",
        "Provides-Extra: dev",
        "Provides-Extra: mutation",
    ]


def test_the_record_lists_every_file_with_its_hash(editable):
    _, wheel = editable
    rows = wheel.read("glossary-0.1.0.dist-info/RECORD").decode().splitlines()
    recorded = {row.rsplit(",", 2)[0]: row.rsplit(",", 2)[1:] for row in rows}
    assert set(recorded) == set(wheel.namelist())
    assert recorded["glossary-0.1.0.dist-info/RECORD"] == ["", ""]
    for name in wheel.namelist():
        if name.endswith("RECORD"):
            continue
        data = wheel.read(name)
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        assert recorded[name] == [f"sha256={digest}", str(len(data))]


def test_the_finder_finds_glossary_in_the_checkout_and_nothing_else(editable, tmp_path):
    _, wheel = editable
    finder = tmp_path / "finder.py"
    finder.write_bytes(wheel.read("__editable___glossary_finder.py"))
    found = subprocess.run(
        [sys.executable, "-S", "-c", FIND, str(finder)],
        cwd=tmp_path,  # away from the checkout, as an installed command runs
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert found == [str(ROOT / "glossary" / "__init__.py"), "None", "None", "None"]


FIND = """
import runpy, sys
finder = runpy.run_path(sys.argv[1])["GlossaryFinder"]
assert finder in sys.meta_path
for name in ("glossary", "tests", "bench", "setup"):
    spec = finder.find_spec(name)
    print(spec.origin if spec else None)
"""
