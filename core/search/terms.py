"""French and English words made into search terms, and excerpts with the matched words marked.

Accents, case and ligatures are folded and each word is reduced to its Snowball stem in its
language (French text with the French stemmer, English with the English one), the same way for
the text indexed and for what a visitor types. The highlighter marks a word when its terms are
among the query's, so it marks exactly what the search matched.
"""

import functools
import html
import re
import threading
import unicodedata
from dataclasses import dataclass

import snowballstemmer
from django.utils.safestring import SafeString, mark_safe

# Letters and digits only: what FTS5's unicode61 tokenizer and PostgreSQL's parser call a word.
WORD = re.compile(r"[^\W_]+")
LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})
# Longer "words" are pasted identifiers or garbage; neither side indexes nor searches them.
MAX_WORD_LENGTH = 50
MAX_QUERY_WORDS = 10
MAX_QUERY_LENGTH = 200
EXCERPT_WORDS = 30
# Left out of a query that has other words: they would only make it stricter.
FRENCH_STOP_WORDS = (
    "a au aux avec ce ces d dans de des du elle en est et il l la le les leur lui mais me meme mes "
    "mon ne nos notre nous on ou par pas pour qu que qui s sa se ses son sur ta te tes ton tu un "
    "une vos votre vous y"
)
ENGLISH_STOP_WORDS = (
    "a an and are as at be by for from has in is it its of on or that the their this to was "
    "were which with"
)
STOP_WORDS = {
    "fr": frozenset(FRENCH_STOP_WORDS.split()),
    "en": frozenset(ENGLISH_STOP_WORDS.split()),
}
# The languages of the site, by code, as snowballstemmer names them.
STEMMER_LANGUAGES = {"fr": "french", "en": "english"}
SOURCE_LANGUAGE = "fr"

# A Snowball stemmer keeps the word it works on: one per thread.
_stemmers = threading.local()


def fold(word: str) -> str:
    """Lower case without accents or ligatures: « Sécurité » → « securite », « Œil » → « oeil »."""
    decomposed = unicodedata.normalize("NFKD", word.casefold().translate(LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def stem(folded_word: str, language: str = SOURCE_LANGUAGE) -> str:
    if not hasattr(_stemmers, language):
        setattr(_stemmers, language, snowballstemmer.stemmer(STEMMER_LANGUAGES[language]))
    stemmed = getattr(_stemmers, language).stemWord(folded_word)
    # The u of "-gue" only keeps the g hard: radiologue and radiologie share « radiolog ».
    if language == "fr" and stemmed.endswith("gu"):
        return stemmed[:-1]
    return stemmed


# A vocabulary is small next to the text written with it: each word is analysed once.
@functools.lru_cache(maxsize=200_000)
def word_terms(word: str, language: str = SOURCE_LANGUAGE) -> tuple[str, ...]:
    """The index terms of one word as written (folding may split it: « ½ » → 1, 2)."""
    if len(word) > MAX_WORD_LENGTH:
        return ()
    return tuple(stem(part, language) for part in WORD.findall(fold(word)))


def terms(text: str, language: str = SOURCE_LANGUAGE) -> list[str]:
    """The index terms of a text written in `language`, in order."""
    return [term for word in WORD.findall(text) for term in word_terms(word, language)]


@dataclass(frozen=True)
class Query:
    """What a visitor typed, cleaned for display, and the terms it searches for."""

    text: str
    terms: tuple[str, ...]
    language: str = SOURCE_LANGUAGE

    @classmethod
    def parse(cls, raw: str, language: str = SOURCE_LANGUAGE) -> "Query":
        """Keep plain words only: operators, quotes and control characters mean nothing here.

        The words are read as `language` (the page's), French when it is not one of the site's.
        """
        if language not in STEMMER_LANGUAGES:
            language = SOURCE_LANGUAGE
        printable = "".join(
            " " if unicodedata.category(char) == "Cc" else char for char in raw[:1000]
        )
        text = " ".join(printable.split())[:MAX_QUERY_LENGTH]
        words = [word for word in WORD.findall(text) if len(word) <= MAX_WORD_LENGTH]
        stop_words = STOP_WORDS[language]
        meaningful = [word for word in words if fold(word) not in stop_words] or words
        found = dict.fromkeys(term for word in meaningful for term in word_terms(word, language))
        return cls(text=text, terms=tuple(found)[:MAX_QUERY_WORDS], language=language)

    def in_language(self, language: str) -> "Query":
        """The same words read as `language`: a French name typed on the English site."""
        return Query.parse(self.text, language)


def mentions(text: str, terms: set[str], language: str = SOURCE_LANGUAGE) -> bool:
    """Whether a word of `text` has one of `terms`."""
    return any(terms.intersection(word_terms(word, language)) for word in WORD.findall(text))


def escape(text: str) -> str:
    """What django.utils.html.escape() does, without its lazy-string wrapper: a search page
    escapes thousands of words."""
    return html.escape(text, quote=True)


def highlight(
    text: str, terms: set[str], *, words: int | None = None, language: str = SOURCE_LANGUAGE
) -> SafeString:
    """`text` escaped, with the words matching `terms` in <mark>; cut around the first match.

    Every piece of the editor's text goes through escape() before the pieces are joined:
    only the <mark> tags added here are markup.
    """
    tokens = list(WORD.finditer(text))
    matched = [bool(terms.intersection(word_terms(token[0], language))) for token in tokens]
    shown = range(len(tokens))
    if words is not None and len(tokens) > words:
        first = matched.index(True) if True in matched else 0
        # A little context before the match, then the words that follow it.
        begin = max(0, min(first - min(5, words // 3), len(tokens) - words))
        shown = range(begin, begin + words)
    if not shown:
        return mark_safe(escape(" ".join(text.split())))
    start, end = tokens[shown[0]].start(), tokens[shown[-1]].end()
    if shown[0] == 0:
        start = 0
    if shown[-1] == len(tokens) - 1:
        end = len(text)
    pieces, position = [], start
    for number in shown:
        token = tokens[number]
        pieces.append(escape(text[position : token.start()]))
        pieces.append(f"<mark>{escape(token[0])}</mark>" if matched[number] else escape(token[0]))
        position = token.end()
    pieces.append(escape(text[position:end]))
    excerpt = " ".join("".join(pieces).split())
    if start > 0:
        excerpt = f"… {excerpt}"
    if end < len(text):
        excerpt = f"{excerpt} …"
    return mark_safe(excerpt)
