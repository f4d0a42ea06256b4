"""Text normalisation for search that ignores Vietnamese diacritics and case.

"chu se" must find "Chư Sê" and "ho so" must find "hồ sơ": both sides are folded to lower-case
ASCII letters and digits separated by single spaces before comparing.
"""

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Return `text` lower-cased, without diacritics (đ → d) and with single spaces."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", stripped.lower()).strip()


def search_tokens(query: str, *, limit: int = 8) -> list[str]:
    """Split a user's query into folded tokens (at most `limit`, duplicates dropped)."""
    seen: dict[str, None] = {}
    for token in fold(query).split():
        seen.setdefault(token, None)
    return list(seen)[:limit]
