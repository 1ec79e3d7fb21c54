"""The parameters of the name pages and the API's name routes, checked at the edge."""

from __future__ import annotations

from collections.abc import Mapping

from glossary.messages import N_, BadParameter
from glossary.text import hanzi
from glossary.text.names import KINDS_READ


def hanzi_parameter(args: Mapping[str, str], name: str = "hanzi") -> str:
    """Check a parameter that must hold Chinese characters; raise BadParameter if it does not."""
    value = " ".join((args.get(name) or "").split())
    if not value:
        raise BadParameter(name, N_("is required"))
    if len(value) > 100:
        raise BadParameter(name, N_("must be at most %(max)s characters long"), max=100)
    if "\x00" in value:
        raise BadParameter(name, N_("must not contain NUL characters"))
    if not hanzi.has_cjk(value):
        raise BadParameter(name, N_("must contain Chinese characters"))
    return value


def english_parameter(args: Mapping[str, str]) -> str:
    """Check the written (romanized) name; raise BadParameter if it is missing or too long."""
    value = " ".join((args.get("english") or "").split())
    if not value:
        raise BadParameter("english", N_("is required"))
    if len(value) > 100 or "\x00" in value:
        raise BadParameter("english", N_("must be at most %(max)s characters long"), max=100)
    return value


def kind_parameter(args: Mapping[str, str], *, empty_ok: bool = True) -> str:
    """Check the kind of reading asked for (default person; kind= too, when empty_ok)."""
    kind = (args.get("kind") or "person") if empty_ok else args.get("kind", "person")
    if kind not in KINDS_READ:
        raise BadParameter("kind", N_("must be one of %(kinds)s"), kinds=", ".join(KINDS_READ))
    return kind


def region_parameter(args: Mapping[str, str], *, empty_ok: bool = True) -> str | None:
    """Check the region whose character conventions apply: tw (Taiwan), hk (Hong Kong) or none
    (left out, or region= when empty_ok)."""
    region = (args.get("region") or None) if empty_ok else args.get("region")
    if region not in hanzi.REGIONS:
        raise BadParameter("region", N_("must be one of %(values)s"), values="tw, hk")
    return region
