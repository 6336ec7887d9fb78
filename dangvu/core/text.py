"""Vietnamese text: normalization on input, accent-folded search keys and the Vietnamese sort order.

Every name and free text is stored NFC-normalized with its white space collapsed. Search compares the
`fold()` of the query with a stored folded copy, so it ignores case and marks identically on SQLite and
PostgreSQL ("nguyen thi hang" finds "Nguyễn Thị Hằng", "d" finds "đ"). People sort by given name, then
middle name(s), then family name, in the Vietnamese alphabet (a ă â b c d đ e ê ... o ô ơ ... u ư ...),
each word by its letters and then its tone (ngang, huyền, hỏi, ngã, sắc, nặng), through `person_sort_key()` stored beside the name.
"""

import functools
import unicodedata

# Letters of the Vietnamese alphabet in dictionary order; f, j, w, z follow for foreign names.
_ALPHABET = [
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n",
    "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
]  # fmt: skip
_LETTER_RANK = {letter: index for index, letter in enumerate(_ALPHABET)}
# Tone marks as combining characters, in dictionary order after the unmarked tone (ngang).
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Marks that make a distinct letter (ă â ê ô ơ ư) rather than a tone.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}


def normalize(value: str | None) -> str:
    """NFC, trimmed, inner white space collapsed to one space. None becomes ''."""
    if value is None:
        return ""
    text = str(value)
    if not unicodedata.is_normalized("NFC", text):  # most text already is: the check is cheaper
        text = unicodedata.normalize("NFC", text)
    # str.split() splits at runs of the same white space as the regular expression's \s, and trims.
    return " ".join(text.split())


def fold(value: str | None) -> str:
    """Lower case without marks, đ as d: the form both the stored search key and the query take. Word by
    word (nothing of it crosses a space), each word's form kept: a bulk import folds a few thousand words
    again and again."""
    return " ".join(_fold_word(word) for word in normalize(value).split(" "))


@functools.lru_cache(maxsize=1 << 16)
def _fold_word(word: str) -> str:
    text = unicodedata.normalize("NFD", word.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.replace("đ", "d")


def _split_letter(ch: str) -> tuple[str, int]:
    """A lower-case NFC letter → (base letter of the Vietnamese alphabet, tone rank)."""
    decomposed = unicodedata.normalize("NFD", ch)
    base = decomposed[0]
    tone = 0
    letter_marks = ""
    for mark in decomposed[1:]:
        if mark in _TONES:
            tone = _TONES[mark]
        elif mark in _LETTER_MARKS:
            letter_marks += mark
    letter = unicodedata.normalize("NFC", base + letter_marks)
    return letter, tone


# Names are made of a few thousand words: a bulk import asks for the same ones again and again.
@functools.lru_cache(maxsize=1 << 16)
def word_sort_key(word: str) -> tuple[str, str]:
    """(primary, secondary) keys of one word as ASCII strings that sort like the Vietnamese dictionary."""
    primary = []
    secondary = []
    for ch in normalize(word).lower():
        letter, tone = _split_letter(ch)
        rank = _LETTER_RANK.get(letter)
        if rank is not None:
            primary.append(chr(0x41 + rank))  # 'A'.. for letters
        elif letter.isdigit():
            primary.append(chr(0x30 + int(letter)))  # digits before letters
        elif letter.isalpha():
            primary.append("~" + fold(letter)[:1])  # other scripts after the alphabet
        else:
            continue
        secondary.append(str(tone))
    return "".join(primary), "".join(secondary)


def _words_key(words: list[str]) -> str:
    # Each word compares by its letters first, then by its tones ('!' sorts below every letter code,
    # and the word separator ' ' below '!'), so "Ha" < "Hà" < "Hạ" < "Hai".
    keys = [word_sort_key(word) for word in words if word]
    return " ".join(f"{primary}!{secondary}" for primary, secondary in keys)


def person_sort_key(full_name: str) -> str:
    """Key that orders people by given name, then middle names, then family name (Vietnamese order)."""
    parts = normalize(full_name).split(" ")
    ordered = [parts[-1], *parts[1:-1], parts[0]] if len(parts) > 1 else parts
    return _words_key(ordered)


def text_sort_key(value: str) -> str:
    """Vietnamese order for a plain text (organization names): the words in their own order."""
    return _words_key(normalize(value).split(" "))
