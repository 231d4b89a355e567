"""Dutch text analysis for BM25: fold, tokenise, drop stopwords, split compounds, stem.

``analyze("De mantelzorgondersteuning in Delft")`` gives the terms BM25 indexes. Dutch writes
compounds as one word ("mantelzorgondersteuning", "welzijnsbeleid"), so a query for "mantelzorg"
misses a passage that only has the compound. A :class:`CompoundSplitter` learns the words of the
corpus being indexed and emits, beside the whole word, the known words a compound is made of;
queries are analysed with the same splitter so both sides meet on the parts.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping

import Stemmer

# The Snowball Dutch stopword list (as shipped by bm25s and NLTK), kept here as a table.
STOPWORDS: frozenset[str] = frozenset(
    """
    aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus
    een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand
    iets ik in is ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets
    nog nu of om omdat onder ons ook op over reeds te tegen toch toen tot u uit uw van veel
    voor want waren was wat werd wezen wie wil worden wordt zal ze zelf zich zij zijn zo
    zonder zou
    """.split()
)

# Letters and digits; "&" inside a word keeps "b&w" and "p&c" as one term.
_TOKEN = re.compile(r"[^\W_]+(?:&[^\W_]+)*")
_COMBINING = re.compile(r"[\u0300-\u036f]")

# Snowball "dutch" (Snowball 3). "dutch_porter" measured the same within noise (BM25 MRR@10:
# dev .733 vs .727, Rekenkamer .625 vs .630). Both have odd conflations ("dutch" maps
# "gemeente" and "menen" to "meen"); BM25 tolerates them. A longer stopword list (question
# words such as "welke", "wanneer", "kunt") gained under .01 MRR, so the standard list stays.
_STEMMER = Stemmer.Stemmer("dutch")
_STEMMER.maxCacheSize = 200_000


def fold_accents(text: str) -> str:
    """Lowercase and drop diacritics: "Cliëntondersteuning" -> "clientondersteuning"."""
    text = text.lower()
    if text.isascii():
        return text
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


def tokenize(text: str) -> list[str]:
    """Folded words and numbers of ``text``, without stopwords and single letters (unstemmed)."""
    return [
        t
        for t in _TOKEN.findall(fold_accents(text))
        if t not in STOPWORDS and (len(t) > 1 or t.isdigit())
    ]


# Linking morphemes between the parts of a compound: welzijn-s-beleid, boek-en-kast,
# pann-e-koek.
LINKING_MORPHEMES: tuple[str, ...] = ("s", "en", "e")

# Endings of a tail that is known in its base form: "regisseur-s", "kracht-en", "regel-s".
INFLECTIONS: tuple[str, ...] = ("s", "en", "n", "e")

# Suffixes that are also (rare) words; as the tail of a split they are almost always the suffix:
# "aanzien-lijk", "orde-lijk", "eet-baar".
NOT_TAILS: frozenset[str] = frozenset({"lijk", "lijke", "baar", "bare", "heid", "loos", "loze", "ling"})

# A doubled vowel before a final consonant is written single when a syllable follows:
# "logeer" + "en" -> "logeren", "woon" + "en" -> "wonen".
_OPEN_SYLLABLE = re.compile(r"([aeou])\1([^aeiou])$")


class CompoundSplitter:
    """Splits Dutch compounds into words seen in a corpus.

    A word splits as ``head + [link] + tail`` when the head (without its linking morpheme) and
    the tail are both known words of at least ``MIN_PART`` letters and the head is no stopword
    (which stops "onder-steuning" and "over-heid"). The tail may be known in another inflection
    ("wijk" + "regisseurs" when the corpus has "regisseur"). Of several splits the one whose
    parts are most frequent wins (Koehn & Knight, 2003). Parts are not split again: on the eval
    sets that gained nothing and added splits like "vastgoed" -> "vast" + "goed". Results are
    cached, so analysing a large corpus costs one look-up per word after its first time.
    """

    MIN_PART = 4
    MIN_WORD = 8

    def __init__(self, counts: Mapping[str, int]) -> None:
        self.counts: dict[str, int] = {
            w: c for w, c in counts.items() if len(w) >= self.MIN_PART and w not in STOPWORDS
        }
        self._cache: dict[str, tuple[str, ...]] = {}

    @classmethod
    def fit(cls, texts: Iterable[str]) -> CompoundSplitter:
        """Learn the known words (with their frequencies) from the texts of a corpus."""
        counts: Counter[str] = Counter()
        for text in texts:
            counts.update(tokenize(text))
        return cls(counts)

    def split(self, word: str) -> tuple[str, ...]:
        """The parts of a folded, lowercase ``word``; empty when it is no known compound.

        >>> CompoundSplitter({"mantelzorg": 3, "ondersteuning": 5}).split("mantelzorgondersteuning")
        ('mantelzorg', 'ondersteuning')
        """
        parts = self._cache.get(word)
        if parts is None:
            parts = self._split(word)
            if len(self._cache) < 1_000_000:
                self._cache[word] = parts
        return parts

    def _split(self, word: str) -> tuple[str, ...]:
        n = len(word)
        if n < self.MIN_WORD or not word.isalpha():
            return ()
        best: tuple[float, str, str] | None = None
        for i in range(self.MIN_PART, n - self.MIN_PART + 1):
            tail_count = self._frequency(word[i:])
            if not tail_count:
                continue
            head, head_count = self._head(word[:i])
            if not head_count:
                continue
            score = (head_count * tail_count) ** 0.5
            if best is None or score > best[0]:
                best = (score, head, word[i:])
        if best is None:
            return ()
        _, head, tail = best
        return (head, tail)

    def _frequency(self, tail: str) -> int:
        """How often ``tail`` occurs as a word, or in its base form ("regisseurs" -> "regisseur")."""
        if tail in NOT_TAILS:
            return 0
        count = self.counts.get(tail)
        if count:
            return count
        for ending in INFLECTIONS:
            base = tail[: -len(ending)]
            if tail.endswith(ending) and len(base) >= self.MIN_PART:
                count = self.counts.get(base)
                if count:
                    return count
        return 0

    def _head(self, head: str) -> tuple[str, int]:
        """The known word a head stands for, and its frequency (0 if none).

        Tried: the head itself and the head without a linking morpheme ("welzijns" ->
        "welzijn"; the bare form first when the head ends in "s"), then the infinitive of a
        verb stem ("logeer" -> "logeren", "werk" -> "werken"). The part emitted is thus a word
        that also occurs on its own, and stems like it.
        """
        if head in STOPWORDS:
            return head, 0
        for word in self._head_forms(head):
            count = self.counts.get(word, 0)
            if count:
                return word, count
        return head, 0

    def _head_forms(self, head: str) -> Iterable[str]:
        bare_forms = [
            head[: -len(link)]
            for link in LINKING_MORPHEMES
            if head.endswith(link) and len(head) - len(link) >= self.MIN_PART
        ]
        # "vermogens" -> "vermogen" before "vermogens": the bare word is what stands alone.
        if head.endswith("s"):
            yield from bare_forms
            yield head
        else:
            yield head
            yield from bare_forms
        yield _OPEN_SYLLABLE.sub(r"\1\2", head) + "en"

    def to_dict(self) -> dict[str, int]:
        """The known words and their frequencies, for saving beside an index."""
        return dict(sorted(self.counts.items()))


def analyze(text: str, splitter: CompoundSplitter | None = None) -> list[str]:
    """The BM25 terms of ``text``: stems of its words, plus stems of compound parts.

    >>> analyze("De wijkregisseurs van Cliëntondersteuning")
    ['wijkregisseur', 'clientondersteun']
    """
    return terms(tokenize(text), splitter)


def terms(words: list[str], splitter: CompoundSplitter | None = None) -> list[str]:
    """The BM25 terms of words from :func:`tokenize` (``analyze`` without the tokenising)."""
    if splitter is not None:
        expanded: list[str] = []
        for word in words:
            expanded.append(word)
            expanded.extend(splitter.split(word))
        words = expanded
    return _STEMMER.stemWords(words)
