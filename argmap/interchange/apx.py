"""APX, the Aspartix format of the ICCMA competitions, read as a map (`argmap.interchange.iccma`
does the work)."""

from __future__ import annotations

from argmap.files import Limits
from argmap.interchange import ImportedMap
from argmap.interchange.iccma import framework_maps

NAME = "apx"
DESCRIPTION = (
    "APX, the Aspartix format of the ICCMA competitions: an abstract framework (arguments and attacks)"
)


def read(data: bytes, name: str, limits: Limits) -> list[ImportedMap]:
    return framework_maps(data, name, NAME)
