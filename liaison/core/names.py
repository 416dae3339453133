"""Name normalisation for matching people across spellings and scripts.

The same Uzbek, Turkmen, Russian or Portuguese name reaches agencies as Шахзода, Shahzoda,
Shaxzoda or Shakhzoda; as Karimova or Karimov; with or without diacritics and patronymic
markers. ``name_keys`` reduces each part of a name to a key on which those spellings agree, and
``name_similarity`` compares two full names whatever the order of their parts.
"""

from __future__ import annotations

import re
import unicodedata

# Russian, Uzbek and Turkmen Cyrillic letters to a plain Latin spelling.
_CYRILLIC = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "yo",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    "ў": "o",
    "қ": "q",
    "ғ": "g",
    "ҳ": "h",
    "ң": "ng",
    "ә": "a",
    "ө": "o",
    "ү": "u",
    "җ": "j",
    "і": "i",
}
# Spelling variants that name the same sound, applied in order.
_FOLDS = [
    ("shch", "sh"),
    ("sch", "sh"),
    ("tch", "ch"),
    ("kh", "h"),
    ("x", "h"),
    ("q", "k"),
    ("ck", "k"),
    ("zh", "j"),
    ("dj", "j"),
    ("dzh", "j"),
    ("ph", "f"),
    ("th", "t"),
    ("w", "v"),
    ("yu", "u"),
    ("iu", "u"),
    ("ya", "a"),
    ("ia", "a"),
    ("yo", "o"),
    ("io", "o"),
    ("ye", "e"),
    ("y", "i"),
]
# Words that mark a patronymic or join surnames, not names themselves.
_PARTICLES = frozenset(
    {
        "de",
        "da",
        "do",
        "dos",
        "das",
        "e",
        "ugli",
        "ogli",
        "uli",
        "ogly",
        "ugly",
        "kizi",
        "qizi",
        "gizi",
        "kyzy",
        "uly",
    }
)
_APOSTROPHES = re.compile(r"[ʻʼ'`´‘’]")
_SEPARATORS = re.compile(r"[^a-z]+")


def to_latin(text: str) -> str:
    """Lower-case Latin letters: Cyrillic transliterated, diacritics removed."""
    lowered = unicodedata.normalize("NFC", text).casefold()
    transliterated = "".join(_CYRILLIC.get(char, char) for char in lowered)
    decomposed = unicodedata.normalize("NFKD", _APOSTROPHES.sub("", transliterated))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def fold(token: str) -> str:
    """One name part reduced to a key shared by its usual spellings."""
    for old, new in _FOLDS:
        token = token.replace(old, new)
    token = re.sub(r"(.)\1+", r"\1", token)  # double letters
    for feminine, masculine in (
        ("ova", "ov"),
        ("eva", "ev"),
        ("ina", "in"),
        ("skaya", "ski"),
        ("ska", "ski"),
    ):
        if token.endswith(feminine) and len(token) > len(feminine) + 2:
            return token[: -len(feminine)] + masculine
    return token


def name_parts(name: str) -> list[str]:
    parts = [part for part in _SEPARATORS.split(to_latin(name)) if part]
    return [fold(part) for part in parts if part not in _PARTICLES]


def name_keys(*names: str) -> set[str]:
    """Keys of every part of every given name (given names, surname, patronymic, aliases)."""
    return {part for name in names for part in name_parts(name) if len(part) > 1}


def jaro_winkler(left: str, right: str) -> float:
    if left == right:
        return 1.0
    if not left or not right:
        return 0.0
    window = max(max(len(left), len(right)) // 2 - 1, 0)
    left_hits = [False] * len(left)
    right_hits = [False] * len(right)
    matches = 0
    for i, char in enumerate(left):
        for j in range(max(0, i - window), min(i + window + 1, len(right))):
            if not right_hits[j] and right[j] == char:
                left_hits[i] = right_hits[j] = True
                matches += 1
                break
    if not matches:
        return 0.0
    right_matched = [c for c, hit in zip(right, right_hits, strict=True) if hit]
    left_matched = [c for c, hit in zip(left, left_hits, strict=True) if hit]
    transpositions = sum(a != b for a, b in zip(left_matched, right_matched, strict=True)) / 2
    jaro = (matches / len(left) + matches / len(right) + (matches - transpositions) / matches) / 3
    prefix = 0
    for a, b in zip(left[:4], right[:4], strict=False):
        if a != b:
            break
        prefix += 1
    return jaro + prefix * 0.1 * (1 - jaro)


def name_similarity(left: str, right: str) -> float:
    """0–1: how alike two full names are, part by part, whatever their order."""
    left_parts, right_parts = name_parts(left), name_parts(right)
    if not left_parts or not right_parts:
        return 0.0
    shorter, longer = sorted((left_parts, right_parts), key=len)
    best = [max(jaro_winkler(part, other) for other in longer) for part in shorter]
    return sum(best) / len(best)
