"""The build step that pyproject.toml cannot say: the package carries its compiled catalogs
and its seed, so that a wheel (pip install ., a container, a deploy) speaks every language.

Setuptools runs it for wheels and sdists only: an editable install is written by the build
backend (build_backend/glossary_build.py) without setuptools or babel."""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithCatalogs(build_py):
    """Compile translations/*/LC_MESSAGES/messages.po into the built package's translations/,
    and copy data/glossary.json into its data/."""

    def run(self) -> None:
        super().run()
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        package = Path(self.build_lib) / "glossary"
        for po in sorted((ROOT / "translations").glob("*/LC_MESSAGES/messages.po")):
            mo = package / "translations" / po.relative_to(ROOT / "translations")
            mo = mo.with_suffix(".mo")
            mo.parent.mkdir(parents=True, exist_ok=True)
            with po.open("rb") as source:
                catalog = read_po(source, locale=po.parts[-3])
            with mo.open("wb") as target:
                write_mo(target, catalog)
        seed = package / "data" / "glossary.json"
        seed.parent.mkdir(parents=True, exist_ok=True)
        seed.write_bytes((ROOT / "data" / "glossary.json").read_bytes())


setup(cmdclass={"build_py": BuildWithCatalogs})
