"""Reading a briefing question: its topic words, the authors it asks for, the entities it names, and in the
chat, whether it is a follow-up of the previous question (and what it keeps from it)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .letters import caps
from .library import Library
from .text import fold

QUESTION_WORDS = {
    "what", "did", "does", "do", "say", "says", "said", "about", "how", "why", "who", "whom", "which", "when",
    "where", "is", "are", "was", "were", "the", "a", "an", "of", "on", "in", "to", "and", "tell", "me",
    "think", "thinks", "write", "wrote", "writes", "argue", "argued", "view", "views", "position", "regarding",
    "concerning", "according", "their", "his", "her", "they", "there", "any", "anything", "sources", "source",
    "authors", "author", "library", "please", "summarise", "summarize", "explain", "describe", "also", "else",
    "than", "that", "this", "these", "those", "with", "for", "from", "by", "it", "its", "be", "been", "has",
    "have", "had", "can", "could", "should", "would", "will", "we", "you", "i", "compare", "brief",
    "article", "articles", "piece", "essay", "he", "she", "him", "them", "hers", "theirs",
}  # fmt: skip


@dataclass
class BriefContext:
    """What a chat remembers between questions, for follow-ups (see :func:`read_follow_up`)."""

    topic: str = ""  # the last answer's topic words, without the people's names
    authors: list[str] = field(default_factory=list)  # the authors the last question asked for
    names: list[str] = field(default_factory=list)  # the people it was about: authors asked for, speakers
    shown: set[tuple[str, int, int]] = field(default_factory=set)  # (source_id, start, end) shown so far


# A follow-up says so: it opens with "and", "also", "what/how about", asks "what else" / "anything else" /
# "more", or has a pronoun for its subject and names nobody. Anything else is a new question that stands alone.
_FOLLOW_OPENERS = re.compile(r"^\W*(?:and|also|plus|what\s+about|how\s+about)\b", re.I)
_MORE = re.compile(
    r"^\W*(?:and\s+)?(?:what|anything|something|who)\s+else\b|^\W*(?:(?:tell\s+me\s+|show\s+me\s+|any\s+)?more)\W*$",
    re.I,
)
_PRONOUNS = {"he", "she", "they", "him", "her", "them", "his", "their", "hers", "theirs"}


def read_follow_up(lib: Library, question: str, ctx: BriefContext | None) -> tuple[str, bool]:
    """The question as the briefing reads it, and whether it is "more of the same" (what else).

    A question that names its own subject (a person, an author) or is not phrased as a follow-up stands
    alone: nothing of the previous question is kept. A follow-up keeps what it does not say itself:
    "and Kristensen?" keeps the topic with a new person; "what did he say about Iraq?" keeps the people
    with a new topic; "what else?" keeps both and leaves out the quotes already shown.
    """
    if ctx is None or not (ctx.topic or ctx.names):
        return question, False
    more = bool(_MORE.match(question))
    words = set(re.findall(r"[\w'-]+", fold(question)))
    opener = bool(_FOLLOW_OPENERS.match(question))
    topic, authors, _ents = read_question(lib, question)
    persons = list(
        dict.fromkeys(e.name for _, _, e in lib.alias_index().in_query(question) if e.kind == "person")
    )
    names = list(authors) + [p for p in persons if not any(fold(p) in fold(a) for a in authors)]
    if not names and (
        opener or more
    ):  # "and Donfried?": a name the gazetteer lacks, who speaks in the library
        from .said import statements

        names = [
            c for c in dict.fromkeys(_ANYWHERE.findall(question)) if statements(lib, c, flag_twins=False)
        ]
    if m := _SUBJECT.search(question):  # "What did he say …", "What did his colleagues say …"
        pronoun = (fold(m.group("subj")).split() or [""])[0] in _PRONOUNS and not names
    else:
        pronoun = bool(words & _PRONOUNS) and not names
    if not (more or opener or pronoun):
        return question, False
    named = {w for n in names for w in fold(n).split()}
    topic = " ".join(w for w in topic.split() if w not in named and w not in _PRONOUNS and w != "more")
    names = names or list(ctx.names)
    topic = topic or ctx.topic
    if names:
        read = f"What did {' and '.join(names)} say" + (f" about {topic}?" if topic else "?")
    else:
        read = f"What about {topic}?"
    return read, more


def unresolved_pronoun(lib: Library, question: str, ctx: BriefContext | None) -> str | None:
    """Why a follow-up cannot be read: its pronoun's gender is not the one the library's text gives a person it
    would carry over ("and him?" after a question on Karen Donfried, whom the text calls "she"); None when it
    can be read. Nobody else is put in her place: the answer asks for the name."""
    from .gender import pronoun_gender, text_gender

    want = pronoun_gender(question)
    if want is None or ctx is None or not ctx.names:
        return None
    read, _more = read_follow_up(lib, question, ctx)
    carried = [n for n in ctx.names if n in read and fold(n) not in fold(question)]
    other = [n for n in carried if text_gender(lib, n) not in (None, want)]
    if not other:
        return None
    typed = next(w for w in re.findall(r"[\w']+", question) if pronoun_gender(w) == want)
    them = "his" if want == "f" else "her"
    called = "he" if want == "f" else "she"
    return (
        f"Follow-up not read: “{typed}” cannot be {' or '.join(other)}, whom the library's text calls "
        f"“{called}”, and no one else is taken in {them} place. Ask again with the name you mean."
    )


def _known_authors(lib: Library) -> dict[str, str]:
    """folded surname or full name -> author name, for every author in the library."""
    out: dict[str, str] = {}
    for src in lib.sources():
        for a in src.authors:
            k = fold(a)
            out[k] = a
            words = a.split()
            # Surnames stand for people only: an organisation author ("Global Coalition to Defeat
            # Daesh/ISIS") is recognised by its full name, never by its last word.
            if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and "/" not in a:
                last = k.split()[-1]
                if len(last) > 3:
                    out.setdefault(last, a)
    return out


def read_question(lib: Library, question: str) -> tuple[str, list[str], list[str]]:
    """(topic words, author filter, entity names) from a natural-language question, on its own (follow-ups
    are read first by :func:`read_follow_up`)."""
    q = fold(question)
    known = _known_authors(lib)
    authors: list[str] = []
    for k in sorted(known, key=len, reverse=True):
        if re.search(rf"\b{re.escape(k)}\b", q) and known[k] not in authors:
            authors.append(known[k])
            q = re.sub(rf"\b{re.escape(k)}\b", " ", q)
    words = [w for w in re.findall(r"[\w'-]+", q) if w not in QUESTION_WORDS and len(w) > 1]
    topic = " ".join(words)
    ents = list(dict.fromkeys(e.name for _, _, e in lib.alias_index().in_query(question)))  # each once
    return topic, authors, ents


# "What did X say …", "What has X said …", "What does X think …": X is whom the question asks about; a name in
# the rest of the question is its topic ("What did German leaders say about NATO?" asks nothing of NATO).
_SUBJECT = re.compile(
    r"\b(?:did|does|do|has|have|had|will|would|could|can)\s+(?P<subj>.+?)\s+(?:say|said|think|thought|argue|"
    r"argued|write|written|wrote|tell|told|claim|claimed|make\s+of|want|propose|proposed|suggest|suggested|"
    r"warn|warned|believe|feel|mean|report|reported|add|added|state|stated|announce|announced)\b",
    re.I,
)
_IN_SUBJECT = re.compile(
    caps(r"\b(?P<name>[\p{Lu}][\w’'-]+(?:\s+[\p{Lu}][\w’'-]+)*)(?:\s+(?P<group>[\p{Ll}][\w-]+))?")
)
_ANYWHERE = re.compile(caps(r"(?<!^)(?<![.?!] )\b[\p{Lu}][\w’'-]+(?:\s+[\p{Lu}][\w’'-]+)*"))
_NOT_GROUP = {"and", "or", "nor", "of", "in", "at", "on", "the", "about", "to", "for", "with", "from", "by"}


def asked_speakers(question: str, ents: list[str]) -> list[tuple[str, str]]:
    """(name, group noun or "") for each speaker the question asks about: from its subject when it has one
    ("French diplomats" -> ("French", "diplomat"); "they" -> nobody by name), else every entity and
    capitalised name in it."""
    if m := _SUBJECT.search(question):
        out = []
        subj = m.group("subj")
        for n in _IN_SUBJECT.finditer(subj):
            group = n.group("group") or ""
            out.append((n.group("name"), "" if group.lower() in _NOT_GROUP else _singular(group)))
        # An entity the subject names by part ("Secretary General Stoltenberg" -> Jens Stoltenberg).
        out += [
            (e, "")
            for e in ents
            if e.split() and fold(e.split()[-1]) in fold(subj).split() and not _namesake(e, subj)
        ]
        return out
    return [(c, "") for c in list(ents) + _ANYWHERE.findall(question)]


def _namesake(entity: str, subj: str) -> bool:
    """Whether the subject names someone else with the entity's surname: a first name before it that the
    entity does not have ("Ingrid Halvorsen" asked, "Anders Halvorsen" known)."""
    from .speech.words import TITLE_WORDS

    last, mine = fold(entity.split()[-1]), set(fold(entity).split())
    words = subj.split()
    return any(
        fold(w) == last and words[i - 1][:1].isupper() and fold(words[i - 1]) not in mine
        and words[i - 1].lower() not in TITLE_WORDS
        for i, w in enumerate(words) if i > 0
    )  # fmt: skip


def _singular(w: str) -> str:
    w = w.lower()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    return w[:-1] if w.endswith("s") and not w.endswith("ss") else w


def speaker_nouns(who: str) -> set[str]:
    """The words of a speaker as written, singular and lower case ("leaders" -> "leader")."""
    return {_singular(w) for w in re.findall(r"[\w-]+", who)}
