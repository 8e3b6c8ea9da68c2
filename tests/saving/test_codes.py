"""Return codes: strength, the words used, and how forgiving typing them is."""

import math
import re
from pathlib import Path

import pytest
from mnemonic import Mnemonic

from decisionaid.saving import codes

BIP39 = Mnemonic("english").wordlist
README = Path(__file__).resolve().parents[2] / "README.md"


def test_a_code_holds_at_least_64_bits_of_randomness():
    assert len(BIP39) == 2048
    assert codes.bits_of_randomness() == pytest.approx(6 * math.log2(len(codes.WORDS)))
    assert codes.bits_of_randomness() >= 64
    assert len(codes.WORDS) ** codes.WORDS_IN_CODE >= 2**64


def test_every_word_left_out_is_in_the_list_so_none_is_a_typo():
    assert codes.LEFT_OUT <= set(BIP39)
    assert not codes.LEFT_OUT & set(codes.WORDS)
    for unkind in ("blood", "cancel", "fatal", "grief", "hospital", "orphan", "sick", "tragic", "weapon"):
        assert unkind not in codes.WORDS


def test_the_first_four_letters_identify_each_word():
    prefixes = [w[:4] for w in codes.WORDS]
    assert len(prefixes) == len(set(prefixes))
    assert len(codes.WORDS) == len(set(codes.WORDS))


def test_the_readme_states_the_numbers_in_force():
    text = README.read_text()
    assert f"{len(codes.WORDS):,}" in text
    assert f"{len(codes.LEFT_OUT)} words" in text
    assert f"{codes.bits_of_randomness():.1f} bits" in text


def test_new_codes_are_six_words_from_the_list():
    code = codes.new_code()
    assert len(code.split()) == 6 and set(code.split()) <= set(codes.WORDS)
    assert codes.normalise(code) == code


CODE = "maple river jacket honey orbit tenant"


@pytest.mark.parametrize(
    "typed",
    [
        CODE,
        CODE.upper(),
        "  Maple   River\tjacket\nhoney  orbit tenant  ",
        "maple-river-jacket-honey-orbit-tenant",
        "MAPLE - RIVER - JACKET - HONEY - ORBIT - TENANT",
        "1 maple 2 river 3 jacket 4 honey 5 orbit 6 tenant",
        "maple, river, jacket, honey, orbit, tenant.",
        "mapl rive jack hone orbi tena",  # the first four letters are enough
        "maples rivers jacketz honeys orbits tenants",  # autocorrect or a slip after four letters
    ],
)
def test_what_a_tired_parent_types_still_opens(typed):
    assert set(CODE.split()) <= set(codes.WORDS)
    assert codes.normalise(typed) == CODE


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "maple river jacket honey orbit",  # five words
        "maple river jacket honey orbit tenant zoo",  # seven
        "maple river jacket honey orbit xyzzy",  # not a word in the list
        "maple river jacket honey orbit blood",  # a word never used in codes
        "map river jacket honey orbit tenant",  # too short to know the word
        "maplerIverjackethoneyorbittenant",
        "мaple river jacket honey orbit tenant",  # a Cyrillic letter that looks like m
    ],
)
def test_anything_else_is_not_a_code(typed):
    assert codes.normalise(typed) is None


def test_the_link_form_joins_the_words_with_hyphens():
    assert codes.for_link(CODE) == "maple-river-jacket-honey-orbit-tenant"
    assert re.fullmatch(r"[a-z]+(-[a-z]+){5}", codes.for_link(codes.new_code()))
