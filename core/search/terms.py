"""French words made into search terms, and excerpts with the matched words marked.

Accents, case and ligatures are folded and each word is reduced to its French Snowball stem, the
same way for the text indexed and for what a visitor types. The highlighter marks a word when its
terms are among the query's, so it marks exactly what the search matched.
"""

import functools
import html
import re
import threading
import unicodedata
from dataclasses import dataclass

import snowballstemmer
from django.utils.safestring import mark_safe

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
STOP_WORDS = frozenset(FRENCH_STOP_WORDS.split())

# A Snowball stemmer keeps the word it works on: one per thread.
_stemmers = threading.local()


def fold(word):
    """Lower case without accents or ligatures: « Sécurité » → « securite », « Œil » → « oeil »."""
    decomposed = unicodedata.normalize("NFKD", word.casefold().translate(LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def stem(folded_word):
    if not hasattr(_stemmers, "french"):
        _stemmers.french = snowballstemmer.stemmer("french")
    stemmed = _stemmers.french.stemWord(folded_word)
    # The u of "-gue" only keeps the g hard: radiologue and radiologie share « radiolog ».
    return stemmed[:-1] if stemmed.endswith("gu") else stemmed


# A vocabulary is small next to the text written with it: each word is analysed once.
@functools.lru_cache(maxsize=200_000)
def word_terms(word):
    """The index terms of one word as written (folding may split it: « ½ » → 1, 2)."""
    if len(word) > MAX_WORD_LENGTH:
        return ()
    return tuple(stem(part) for part in WORD.findall(fold(word)))


def terms(text):
    """The index terms of a text, in order."""
    return [term for word in WORD.findall(text) for term in word_terms(word)]


@dataclass(frozen=True)
class Query:
    """What a visitor typed, cleaned for display, and the terms it searches for."""

    text: str
    terms: tuple

    @classmethod
    def parse(cls, raw):
        """Keep plain words only: operators, quotes and control characters mean nothing here."""
        printable = "".join(
            " " if unicodedata.category(char) == "Cc" else char for char in raw[:1000]
        )
        text = " ".join(printable.split())[:MAX_QUERY_LENGTH]
        words = [word for word in WORD.findall(text) if len(word) <= MAX_WORD_LENGTH]
        meaningful = [word for word in words if fold(word) not in STOP_WORDS] or words
        found = dict.fromkeys(term for word in meaningful for term in word_terms(word))
        return cls(text=text, terms=tuple(found)[:MAX_QUERY_WORDS])


def mentions(text, terms):
    """Whether a word of `text` has one of `terms`."""
    return any(terms.intersection(word_terms(word)) for word in WORD.findall(text))


def escape(text):
    """What django.utils.html.escape() does, without its lazy-string wrapper: a search page
    escapes thousands of words."""
    return html.escape(text, quote=True)


def highlight(text, terms, *, words=None):
    """`text` escaped, with the words matching `terms` in <mark>; cut around the first match.

    Every piece of the editor's text goes through escape() before the pieces are joined:
    only the <mark> tags added here are markup.
    """
    tokens = list(WORD.finditer(text))
    matched = [bool(terms.intersection(word_terms(token[0]))) for token in tokens]
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
