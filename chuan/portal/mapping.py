"""The status mapping: Chuẩn's dossier status (and sub-status) → the portal's status code
(TrangThaiHoSo), kept as versioned data in `portal/data/status_mapping.json`. Every message
records the version it was mapped under, so a later change of the table does not rewrite
what was sent."""

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MAPPING_FILE = Path(__file__).with_name("data") / "status_mapping.json"


@dataclass(frozen=True)
class StatusMapping:
    version: str
    by_sub: dict[tuple[int, str], int]
    by_status: dict[int, int]

    def code(self, status: int, sub: str = "") -> int:
        """The portal's code: the row for the status and sub-status first, then the
        status's own row. KeyError for a status the table does not know."""
        if sub and (status, sub) in self.by_sub:
            return self.by_sub[(status, sub)]
        return self.by_status[status]


def parse_mapping(data: dict) -> StatusMapping:
    """Read and check a mapping document: a version, and rows of whole status codes 1–10;
    each status has a row without sub-status. ValueError names what is wrong."""
    version = data.get("version")
    if not isinstance(version, str) or not version.strip():
        raise ValueError("the mapping has no version")
    by_sub: dict[tuple[int, str], int] = {}
    by_status: dict[int, int] = {}
    for index, row in enumerate(data.get("rows") or []):
        status, portal, sub = row.get("status"), row.get("portal"), row.get("sub") or ""
        if not all(isinstance(v, int) and 1 <= v <= 10 for v in (status, portal)):
            raise ValueError(f"row {index + 1}: status and portal code must be 1 to 10")
        target = by_sub if sub else by_status
        key = (status, sub) if sub else status
        if key in target:
            raise ValueError(f"row {index + 1}: {key} is mapped twice")
        target[key] = portal  # type: ignore[index]
    missing = sorted(set(range(1, 11)) - set(by_status))
    if missing:
        raise ValueError(f"statuses without a row: {missing}")
    return StatusMapping(version=version.strip(), by_sub=by_sub, by_status=by_status)


@lru_cache(maxsize=1)
def status_mapping() -> StatusMapping:
    return parse_mapping(json.loads(MAPPING_FILE.read_text(encoding="utf-8")))
