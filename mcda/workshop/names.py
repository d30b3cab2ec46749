"""Display names, titles and pseudonyms: plain text, nothing invisible, look-alikes count as one.

A display name identifies a participant to the facilitator, so two names that look the same must
not both be admitted: 'Anna' and 'Аnna' (Cyrillic А) or 'Ａnna' (full width) would let someone pass
for someone else. ``name_key`` is what names are compared by: Unicode NFKC (full-width,
mathematical and ligature forms become plain letters), case folding, and a skeleton that maps
letters of other scripts that look like Latin letters (Cyrillic, Greek, Latin small capitals and
IPA letters) to those Latin letters, in the spirit of Unicode TR39's confusables. Accents are kept
(René and Rene are different names). Look-alikes inside the Latin script (l and I, rn and m, 0 and
O) are not merged: names are compared case-insensitively, so merging l and I would make real names
such as Lia and Ila collide.

Bidirectional controls (which reorder what a reader sees) and zero-width characters (which make
two different names look identical) are refused with a message, not silently dropped: the person
typing should know that the name they see is not the name they sent.
"""

from __future__ import annotations

import hashlib
import unicodedata

from mcda.model import BIDI_CONTROLS, ZERO_WIDTH
from mcda.workshop.models import NAME_MAX

#: Characters that reorder the text on screen or take no room on it (the data model's sets).
INVISIBLE = BIDI_CONTROLS | ZERO_WIDTH
#: Longest key (the column's size); a longer one (NFKC expands some characters) is hashed.
KEY_MAX = 4 * NAME_MAX

# After case folding: letters of other scripts -> the Latin letter they look like (as capitals or
# as small letters; where the two differ, the capital's look wins, since names start with one).
_LOOKALIKES: dict[str, str] = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "һ": "h", "н": "h", "і": "i", "ӏ": "l", "ј": "j",
    "к": "k", "м": "m", "п": "n", "о": "o", "р": "p", "ԛ": "q", "с": "c", "ѕ": "s", "т": "t",
    "у": "y", "ү": "y", "ԝ": "w", "х": "x", "ԁ": "d", "ɡ": "g",
    # Greek
    "α": "a", "β": "b", "ε": "e", "ζ": "z", "η": "h", "ι": "i", "κ": "k", "μ": "m", "ν": "n",
    "ο": "o", "ρ": "p", "τ": "t", "υ": "y", "χ": "x", "ϲ": "c", "ϳ": "j",
    # Latin small capitals and IPA letters
    "ᴀ": "a", "ʙ": "b", "ᴄ": "c", "ᴅ": "d", "ᴇ": "e", "ɢ": "g", "ʜ": "h", "ɪ": "i", "ᴊ": "j",
    "ᴋ": "k", "ʟ": "l", "ᴍ": "m", "ɴ": "n", "ᴏ": "o", "ᴘ": "p", "ʀ": "r", "ᴛ": "t", "ᴜ": "u",
    "ᴠ": "v", "ᴡ": "w", "ʏ": "y", "ᴢ": "z", "ɑ": "a", "ı": "i", "ȷ": "j", "ɩ": "i", "ɒ": "a",
}
_SKELETON = str.maketrans(_LOOKALIKES)


def invisible(text: str) -> str | None:
    """The first bidirectional control or zero-width character in ``text`` as ``U+XXXX``, or
    None when there is none."""
    for ch in text:
        if ch in INVISIBLE:
            return f"U+{ord(ch):04X}"
    return None


def name_key(name: str) -> str:
    """The key display names are compared by (see the module docstring): equal keys mean the
    names look alike. Decomposed before mapping so that Cyrillic ё compares like Latin ë."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    decomposed = unicodedata.normalize("NFD", folded)
    key = unicodedata.normalize("NFC", decomposed.translate(_SKELETON))
    if len(key) > KEY_MAX:
        key = "#" + hashlib.sha256(key.encode("utf-8")).hexdigest()
    return key


#: The pseudonym alphabet (the join codes' one: no 0/O, 1/I/L look-alikes).
PSEUDONYM_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def pseudonym(seed_hex: str) -> str:
    """A pseudonym ``P-XXXX`` from a hex digest (a token hash or random bytes): unrelated to the
    name and to the order of joining."""
    digest = int(seed_hex[:16], 16)
    chars = []
    for _ in range(4):
        digest, rest = divmod(digest, len(PSEUDONYM_ALPHABET))
        chars.append(PSEUDONYM_ALPHABET[rest])
    return "P-" + "".join(chars)
