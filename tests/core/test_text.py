"""Vietnamese text (dangvu.core.text): normalization on input, the accent-free search key, and the Vietnamese
sort order of people (given name, then middle names, then family name; a ă â b c d đ e ê … o ô ơ … u ư …;
within the same letters, tones in dictionary order: ngang, huyền, hỏi, ngã, sắc, nặng)."""

import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from dangvu.core.text import fold, normalize, person_sort_key, text_sort_key, word_sort_key


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def by_person(names: list[str]) -> list[str]:
    return sorted(names, key=person_sort_key)


def by_text(words: list[str]) -> list[str]:
    return sorted(words, key=text_sort_key)


# --- normalize ---


def test_normalize_turns_decomposed_input_into_composed_form():
    decomposed = nfd("Nguyễn Thị Hằng")
    assert decomposed != "Nguyễn Thị Hằng"  # the test means something only if the input differs
    assert normalize(decomposed) == "Nguyễn Thị Hằng"
    assert unicodedata.is_normalized("NFC", normalize(decomposed))


def test_normalize_cleans_white_space():
    assert normalize("  Nguyễn \t Thị\n\nHằng  ") == "Nguyễn Thị Hằng"
    assert normalize("Trần\u00a0Văn\u2003An") == "Trần Văn An"  # no-break and em spaces pasted from Word
    assert normalize(None) == ""
    assert normalize("   ") == ""


def test_normalize_keeps_case_and_marks():
    assert normalize("ĐẶNG thị Ánh") == "ĐẶNG thị Ánh"


# --- fold: the search key ---


def test_fold_drops_case_and_marks():
    assert fold("Nguyễn Thị Hằng") == "nguyen thi hang"
    assert fold("NGUYỄN THỊ HẰNG") == "nguyen thi hang"
    assert fold("nguyen thi hang") == "nguyen thi hang"


@given(st.text())
@example("ΟΔΟΣ ΣΑΣ Σ")  # a capital sigma lowers by what follows it
@example("Ả \u0301Nguyễn  \u0303 Đ")  # marks at the start of a word, after a space
def test_fold_word_by_word_is_fold_of_the_whole_text(text):
    """`fold()` folds each word on its own (and keeps each word's form): the same as folding the whole
    normalized text at once, whatever the text (marks, capitals such as a final Greek sigma, any space)."""
    whole = unicodedata.normalize("NFD", normalize(text).lower())
    whole = "".join(ch for ch in whole if not unicodedata.combining(ch)).replace("đ", "d")
    assert fold(text) == whole


def test_fold_turns_d_with_stroke_into_d():
    assert fold("Đặng Đình Đức") == "dang dinh duc"
    assert fold("đ") == fold("Đ") == "d"


def test_fold_is_the_same_for_composed_and_decomposed_input():
    for name in ["Nguyễn Thị Hằng", "Phạm Ngọc Ước", "Đỗ Thị Ơn", "Lưu Quang Vũ"]:
        assert fold(nfd(name)) == fold(name)


def test_fold_of_every_vietnamese_letter_is_ascii():
    letters = "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ"
    for letter in letters + letters.upper():
        folded = fold(letter)
        assert len(folded) == 1 and folded.isascii() and folded.islower(), letter


def test_a_query_is_found_in_a_name_through_fold():
    name = fold("Nguyễn Thị Hằng")
    for query in ["nguyen thi hang", "Nguyen Thi Hang", "hằng", "HANG", "thi h"]:
        assert fold(query) in name
    assert fold("d") in fold("Đinh")
    assert fold("hung") not in name


# --- the Vietnamese alphabet and tones ---


def test_letters_sort_in_the_vietnamese_alphabet():
    alphabet = "a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y".split()  # noqa: SIM905
    shuffled = alphabet[::-1]
    assert by_text(shuffled) == alphabet
    assert by_text([letter.upper() for letter in shuffled]) == [letter.upper() for letter in alphabet]


def test_tones_sort_after_the_letters_in_dictionary_order():
    # Same letters: ngang, huyền, hỏi, ngã, sắc, nặng; the letters decide before any tone.
    words = ["Ha", "Hà", "Hả", "Hã", "Há", "Hạ", "Hai", "Hải", "Hàm", "Hăng", "Hằng", "Hân", "Hậu"]
    assert by_text(list(reversed(words))) == words


def test_marked_letters_are_letters_of_their_own_not_tones():
    # ă â ê ô ơ ư come after their base letter, whatever the tone of the base.
    assert by_text(["Ăn", "Ân", "Ạn", "An"]) == ["An", "Ạn", "Ăn", "Ân"]
    assert by_text(["Ơn", "Ôn", "Ọn", "On"]) == ["On", "Ọn", "Ôn", "Ơn"]
    assert by_text(["Ưu", "Ừu", "Uy", "Ụy"]) == ["Uy", "Ụy", "Ưu", "Ừu"]
    assert by_text(["Đức", "Dũng", "Dương", "Đào"]) == ["Dũng", "Dương", "Đào", "Đức"]
    assert by_text(["Ê", "E", "É"]) == ["E", "É", "Ê"]


def test_word_sort_key_splits_letters_and_tones():
    assert word_sort_key("Hằng")[0] == word_sort_key("hăng")[0]
    assert word_sort_key("Hằng")[1] != word_sort_key("hăng")[1]


# --- people ---


def test_people_sort_by_given_name_then_middle_then_family_name():
    names = [
        "Trần Văn Bình",
        "Nguyễn Thị An",
        "Lê Văn An",
        "Nguyễn An",
        "Phạm Thị Ánh",
        "Đỗ Văn An",
        "Hoàng Thị Ân",
    ]
    assert by_person(names) == [
        "Nguyễn An",  # given name An, no middle name: "An Nguyễn" comes before "An Thị …"
        "Nguyễn Thị An",
        "Đỗ Văn An",  # same given and middle name: family name decides, D… đ… L…
        "Lê Văn An",
        "Phạm Thị Ánh",  # "anh" after "an"
        "Hoàng Thị Ân",  # â after a, so Ân after Ánh
        "Trần Văn Bình",
    ]


def test_people_sort_with_the_vietnamese_letters_of_given_names():
    names = ["Lê Thị Ước", "Trần Văn Uy", "Ngô Thị Vân", "Vũ Văn Ơn", "Bùi Thị Oanh", "Phan Văn Ôn"]
    assert by_person(names) == [
        "Bùi Thị Oanh",
        "Phan Văn Ôn",
        "Vũ Văn Ơn",
        "Trần Văn Uy",
        "Lê Thị Ước",
        "Ngô Thị Vân",
    ]


def test_people_sort_by_tone_when_the_letters_are_the_same():
    names = ["Lê Thị Hạnh", "Lê Thị Hanh", "Lê Thị Hạnh", "Lê Thị Hánh", "Lê Thị Hành"]
    assert by_person(names) == ["Lê Thị Hanh", "Lê Thị Hành", "Lê Thị Hánh", "Lê Thị Hạnh", "Lê Thị Hạnh"]


def test_the_sort_key_ignores_case_form_and_white_space():
    key = person_sort_key("Nguyễn Thị Hằng")
    assert person_sort_key(nfd("Nguyễn Thị Hằng")) == key
    assert person_sort_key("  NGUYỄN   thị hằng ") == key


def test_a_single_word_name_sorts_by_that_word():
    assert by_person(["Bình", "Nguyễn Văn An"]) == ["Nguyễn Văn An", "Bình"]


# --- properties over random Vietnamese text ---

VIETNAMESE = "aàảãáạăằắặâầấậbcdđeèéêềếệghiìíklmnoòóọôồốộơờớợpqrstuùúụưừứựvxyỳý"
words = st.text(alphabet=VIETNAMESE + VIETNAMESE.upper(), min_size=1, max_size=7)
names = st.lists(words, min_size=1, max_size=4).map(" ".join)
spacing = st.sampled_from([" ", "  ", "\t", "\u00a0", "\n"])


@given(names)
def test_normalize_is_idempotent_and_composed(name):
    once = normalize(name)
    assert normalize(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert normalize(nfd(name)) == once


@given(names)
def test_fold_is_plain_lower_case_ascii(name):
    folded = fold(name)
    assert folded == fold(nfd(name)) == fold(name.upper())
    assert folded.isascii() and folded == folded.lower()
    assert fold(folded) == folded


@given(st.lists(words, min_size=1, max_size=4), spacing)
def test_sort_keys_do_not_depend_on_form_or_spacing(parts, space):
    name = " ".join(parts)
    messy = space + space.join(nfd(p) for p in parts) + space
    assert person_sort_key(messy) == person_sort_key(name)
    assert text_sort_key(messy) == text_sort_key(name)


@given(words, words)
def test_words_order_by_letters_before_tones(first, second):
    """If two words differ in their letters (tones aside), the letters decide the order."""
    letters_1, tones_1 = word_sort_key(first)
    letters_2, tones_2 = word_sort_key(second)
    if letters_1 != letters_2:
        assert (text_sort_key(first) < text_sort_key(second)) == (letters_1 < letters_2)
    else:
        assert (text_sort_key(first) < text_sort_key(second)) == (tones_1 < tones_2)
