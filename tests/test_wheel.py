"""The built package works on its own: a wheel installed away from the checkout serves every
language and seeds its database (setup.py compiles the catalogs into it, through the build
backend in build_backend/, which asks for setuptools and babel only to build a real wheel)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

SERVE_ONE_PAGE = """
import glossary, sys
from glossary import create_app
print(glossary.__file__)
app = create_app({"DATABASE": sys.argv[1], "SECRET_KEY": "test"})
from glossary.cli import init_database
print(init_database(app)[0])
client = app.test_client()
for lang in ("zh_Hans", "zh_Hant", "en"):
    page = client.get("/?lang=" + lang).get_data(as_text=True)
    print(lang, page.split("<html", 1)[1].split(">", 1)[0].strip())
    print(lang, page.split("<title>", 1)[1].split("</title>", 1)[0].strip())
"""


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the tracked files, as a clean checkout has them."""
    source = tmp_path_factory.mktemp("source")
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    for name in filter(None, tracked.split("\0")):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    return source


def build_wheel(source: Path, out: Path) -> Path:
    """The wheel pip builds from source (a folder or an sdist), through the build backend."""
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"]
        + ["-w", str(out), str(source)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("glossary-*.whl")
    return built


@pytest.fixture(scope="module")
def wheel(source: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel from a clean checkout's files."""
    return build_wheel(source, tmp_path_factory.mktemp("wheel"))


def test_the_wheel_carries_catalogs_templates_readings_and_the_seed(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for locale in ("zh_Hans", "zh_Hant"):
        assert f"glossary/translations/{locale}/LC_MESSAGES/messages.mo" in names
    assert "glossary/data/glossary.json" in names
    assert "glossary/templates/base.html" in names
    assert "glossary/static/glossary.css" in names
    assert "glossary/text/readings/syllables.tsv" in names
    assert "glossary/web/api/openapi/examples.json" in names


def test_the_installed_wheel_serves_every_language(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target)]
        + [str(wheel)],
        check=True,
        capture_output=True,
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith("GLOSSARY_")}
    environment["PYTHONPATH"] = str(target)
    result = subprocess.run(
        [sys.executable, "-c", SERVE_ONE_PAGE, str(tmp_path / "glossary.db")],
        cwd=tmp_path,  # away from the checkout, whose glossary/ must not be the one imported
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    lines = result.stdout.splitlines()
    assert lines[0].startswith(str(target))
    assert int(lines[1]) == 60  # the seed, from inside the package
    assert 'lang="zh-Hans"' in lines[2] and lines[3].startswith("zh_Hans ")
    assert 'lang="zh-Hant"' in lines[4]
    assert 'lang="en"' in lines[6]
    # Each language's title is its own: the catalogs were found.
    titles = {line.split(" ", 1)[1] for line in (lines[3], lines[5], lines[7])}
    assert len(titles) == 3


def test_the_sdist_carries_what_building_the_wheel_needs(source, tmp_path):
    build = "import sys; sys.path.insert(0, 'build_backend'); import glossary_build as b; "
    build += "print(b.build_sdist(sys.argv[1]))"
    result = subprocess.run(
        [sys.executable, "-c", build, str(tmp_path)],
        cwd=source,  # PEP 517: hooks run in the source tree
        check=True,
        capture_output=True,
        text=True,
    )
    sdist = tmp_path / result.stdout.splitlines()[-1]
    with tarfile.open(sdist) as archive:
        names = set(archive.getnames())
    for name in ("build_backend/glossary_build.py", "setup.py", "data/glossary.json"):
        assert f"glossary-0.1.0/{name}" in names
    assert "glossary-0.1.0/translations/zh_Hans/LC_MESSAGES/messages.po" in names
    # and a wheel built from it compiles its catalogs
    built = build_wheel(sdist, tmp_path / "wheel")
    with zipfile.ZipFile(built) as archive:
        catalogs = [n for n in archive.namelist() if n.endswith("messages.mo")]
    assert sorted(catalogs) == [
        f"glossary/translations/{locale}/LC_MESSAGES/messages.mo"
        for locale in ("zh_Hans", "zh_Hant", "zh_Hant_HK")
    ]


def test_the_editable_install_requires_what_the_wheel_requires(wheel, tmp_path):
    """The build backend writes an editable install's metadata itself: it must ask for what
    setuptools' metadata of the real wheel asks for."""
    build = "import sys; sys.path.insert(0, 'build_backend'); import glossary_build as b; "
    build += "print(b.prepare_metadata_for_build_editable(sys.argv[1]))"
    folder = subprocess.run(
        [sys.executable, "-c", build, str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    editable = (tmp_path / folder / "METADATA").read_text(encoding="utf-8")
    with zipfile.ZipFile(wheel) as built:
        real = built.read("glossary-0.1.0.dist-info/METADATA").decode()

    def fields(metadata: str) -> list[str]:
        wanted = ("Name:", "Version:", "Requires-Python:", "Requires-Dist:", "Provides-Extra:")
        return sorted(line for line in metadata.splitlines() if line.startswith(wanted))

    assert fields(editable) == fields(real)
    assert len(fields(real)) > 30
