"""Return codes: six everyday words, easy to read aloud, write down and type.

Pure functions, no database. The words come from the BIP39 English list (2,048 words, shipped
by the `mnemonic` package). BIP39 words are 3 to 8 letters long and no two share their first
four letters, so the first four letters of each word are enough to know it: a tired parent
who types "rivr" or "Maples" or an autocorrected plural still gets in.

Some words in that list are unkind to read for a family whose child is very ill (illness,
death, violence, blame, faith), or sound the same as another word when read aloud. They are never
used. Every remaining word is equally likely, chosen with `secrets`, so a code holds
6 x log2(len(WORDS)) bits of randomness: at least 64 (a test and a system check hold it).
"""

import math
import re
import secrets

from mnemonic import Mnemonic

WORDS_IN_CODE = 6
MINIMUM_BITS = 64
PREFIX = 4  # BIP39: the first four letters identify a word

# Words a family should never be handed in a code for their very ill child (illness, death,
# violence, blame, faith), and words that sound like another word in the list when read aloud
# (write/right, wear/where, pear/pair, piece/peace). Reviewed by reading the whole list; keep
# it sorted.
LEFT_OUT = frozenset(
    """
    abandon absent abuse accident accuse addict afraid alarm alcohol alien alone anger angry
    anxiety armed arrest asthma attack awful baby battle betray blade blame bleak bless blind
    blood bomb bone brain broken bullet bunker burden cage cancel cannon casino chaos child
    chronic cigar clinic crash crazy crime cruel crush cry damage danger daughter debris
    decline demise denial deny depart despair destroy disease disorder divorce dizzy doctor
    dose dumb empty end enemy erase error eternal evil execute exhaust exile expire fade faint
    false fatal fatigue fault fever final ghost gloom goddess gospel grief guilt gun harsh
    hazard horror hospital hurt ill illegal illness immune infant inflict inject injury inmate
    insane isolate jealous kid kidney knife lawsuit liar lonely lottery mad mass mercy miracle
    misery mistake nasty negative neglect nuclear nurse orphan panic patient pear penalty piece
    pill pistol poverty prison problem pulse punch reject rifle riot risk rude sad sadness
    satoshi scan scare shock shoot sick siege skull slam sorry soul spirit spread struggle
    suffer suspect sword symptom tired tissue tobacco toddler tragic trap trash trial trouble
    ugly unfair unhappy upset useless vanish vicious virus void warfare waste weapon wear wreck
    write wrong
    """.split()
)
WORDS = tuple(w for w in Mnemonic("english").wordlist if w not in LEFT_OUT)
_BY_PREFIX = {w[:PREFIX]: w for w in WORDS}


def bits_of_randomness() -> float:
    return WORDS_IN_CODE * math.log2(len(WORDS))


def new_code() -> str:
    """A fresh code: six words, each chosen by the operating system's secure random source."""
    return " ".join(secrets.choice(WORDS) for _ in range(WORDS_IN_CODE))


def normalise(typed: str) -> str | None:
    """The canonical code ("six words in small letters") for what a family typed, or None.

    Capitals, spaces, hyphens, commas, full stops, numbers (as in "1 maple 2 river") and line
    breaks are all ignored; the first four letters of each word are enough.
    """
    tokens = re.findall(r"[a-z]+", typed.lower())
    if len(tokens) != WORDS_IN_CODE:
        return None
    words = []
    for token in tokens:
        word = _BY_PREFIX.get(token[:PREFIX])
        if word is None or (len(token) < PREFIX and token != word):
            return None
        words.append(word)
    return " ".join(words)


def words(code: str) -> list[str]:
    return code.split()


def for_link(code: str) -> str:
    """The code as it goes after the '#' of a return link: maple-river-..."""
    return "-".join(words(code))
