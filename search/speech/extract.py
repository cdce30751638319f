"""The extractor: every statement in a source, passage by passage, sentence by sentence (interview
transcripts, quotations running over paragraphs, split quotations), each checked verbatim against the
source's text before it is kept."""

from __future__ import annotations

from ..model import Source
from ..names import name_key
from .antecedents import State, remember
from .persons import Ctx, Speaker, classify, clean, clean_role
from .reported import reported
from .sentences import RAW, mask, quote_spans, sentences
from .speakers import adjacent, colon_speaker, foreign_quote, quote_speaker
from .statement import SpeakerQuote
from .words import HEARSAY, HINTS, RELAYED, TRANSCRIPT


def find_statements(src: Source, persons: dict[str, str]) -> list[SpeakerQuote]:
    """Every statement in a source, passage by passage, with the state carried across paragraphs."""
    ctx = Ctx(
        persons,
        {a.split()[-1].lower() for a in src.authors if a.split()},
        src.outlet,
        src.text,
    )
    st = State(passages=list(src.passages))
    out: list[SpeakerQuote] = []
    transcript = _transcript_names(src, ctx)
    for pi, p in enumerate(src.passages):
        st.pi, st.sent = pi, -1
        out.extend(_passage(src, p, pi, ctx, st, transcript))
    return out


def _transcript_names(src: Source, ctx: Ctx) -> set[str]:
    """Names that open two or more paragraphs as "Name: ..." (an interview transcript's speakers)."""
    seen: dict[str, int] = {}
    for p in src.passages:
        if m := TRANSCRIPT.match(p.text):
            seen[m.group("who")] = seen.get(m.group("who"), 0) + 1
    names = {w for w, n in seen.items() if n >= 2}
    if len(names) < 1 or sum(seen.get(w, 0) for w in names) < 3:
        return set()
    return names


def _emit(src, p, s: int, e: int, sp: Speaker, direct: bool, out: list, st: State, pi: int) -> None:
    text = p.text
    while s < e and text[s] in " ,\0\n":
        s += 1
    while e > s and text[e - 1] in " ,;:\n":
        e -= 1
    if e - s < 3 or len(text[s:e].split()) < (1 if direct else 3):
        return
    if src.text[p.start + s : p.start + e] != text[s:e]:
        return  # never store words that are not verbatim in the source
    key = name_key(sp.entity or sp.speaker) if sp.named else ""
    out.append(
        SpeakerQuote(
            src.id,
            p.id,
            p.start + s,
            p.start + e,
            sp.speaker,
            key,
            sp.named,
            direct,
            sp.entity,
            clean_role(sp.role),
        )
    )
    if direct:
        st.quoted.add((pi, st.sent))
    remember(sp, st, pi)


def _passage(src, p, pi: int, ctx: Ctx, st: State, transcript: set[str]) -> list[SpeakerQuote]:
    text = p.text
    out: list[SpeakerQuote] = []
    if transcript and (m := TRANSCRIPT.match(text)):
        who = m.group("who")
        if who in transcript and not (ctx.outlet and name_key(who) == name_key(ctx.outlet)):
            sp = classify(who, None, ctx)
            # An interviewer's question is not a statement ("Jane Roe: Is the alliance adrift?").
            if sp and sp.named and not text.rstrip().rstrip('”"’').endswith("?"):
                _emit(src, p, m.start("what"), len(text), sp, True, out, st, pi)
        return out
    if not st.pending_colon and not _hinted(text):
        st.last_quote_speaker = None
        return out  # no quotation mark, no speech verb: nothing anyone said (most passages of a long text)
    spans = quote_spans(text)
    masked = mask(text, spans)
    RAW[0] = text
    # A paragraph that is all quotation, after "X described the task:" or after another such paragraph.
    if st.pending_colon and spans and spans[0][0] == 1:
        if spans[0][1] == len(text):
            _emit(src, p, 1, len(text), st.pending_colon, True, out, st, pi)
            return out  # the quotation goes on in the next paragraph
        if len(spans) == 1 and not text[spans[0][1] + 1 :].strip():
            _emit(src, p, 1, spans[0][1], st.pending_colon, True, out, st, pi)
            st.pending_colon = None
            return out
    st.pending_colon = None
    prev_quote_speaker = st.last_quote_speaker if pi - st.last_passage <= 0 else None
    quoted_by: dict[int, Speaker] = {}  # sentence start -> who its quotation is (for _runs_on)
    for s0, e0 in sentences(masked):
        sent = masked[s0:e0]
        st.sent = s0
        n0 = len(out)
        qs = [(a, b) for a, b in spans if s0 <= a - 1 and b <= e0]
        used: list[tuple[int, int]] = []
        # Reported speech first: its clause may hold a quoted fragment ("called it a “back door”").
        for cs, ce, sp, *direct in reported(sent, s0, ctx, st, pi):
            if sp is not None:  # None: a nested statement nobody can be sure of, given to no one
                _emit(src, p, cs, ce, sp, bool(direct), out, st, pi)
            used.append((cs - 1, ce + 1))
        sentence_speaker: Speaker | None = None
        if qs:
            sentence_speaker = quote_speaker(masked, text, s0, e0, qs, ctx, st, pi)
        prev_end = s0
        for a, b in qs:
            relayed = RELAYED.search(masked, prev_end, a)  # "…, quoting an old proverb: “…”"
            frame, prev_end = masked[prev_end : a - 1], b + 1
            if sentence_speaker is not None and foreign_quote(frame, sentence_speaker, (a, b) == qs[0]):
                continue  # "“…,” X said, a claim Y called “…”": the second quotation is not X's
            if relayed or any(cs <= a and b <= ce for cs, ce in used):
                continue
            sp = sentence_speaker
            only_quote = not clean(masked[s0:e0].replace("\0", ""))
            if sp is None and only_quote and prev_quote_speaker is not None:
                sp = prev_quote_speaker  # the second half of a split quote
            if sp is None:
                continue
            if not only_quote and not adjacent(masked, s0, e0, a, b):
                continue  # a quoted phrase inside the writer's sentence ("a new “surge” in Iraq")
            _emit(src, p, a, b, sp, True, out, st, pi)
        if len(out) > n0 and (said := [p.start + s0 + m.start() for m in HEARSAY.finditer(sent)]):
            out[n0:] = _not_hearsay(out[n0:], said, p.start + s0, p.start + e0)
        if qs and sentence_speaker is not None:
            prev_quote_speaker = quoted_by[s0] = sentence_speaker
        elif qs and not clean(sent.replace("\0", "")) and prev_quote_speaker is not None:
            pass
        else:
            prev_quote_speaker = None
    st.last_quote_speaker = prev_quote_speaker
    if prev_quote_speaker is not None:
        st.last_passage = pi
    # "…described the task in an interview last autumn:" closing a paragraph: the next one is the quotation.
    tail = masked.rstrip()
    if tail.endswith(":") and not spans:
        sent_start = sentences(masked)[-1][0]
        sp = colon_speaker(masked[sent_start:].rstrip()[:-1], ctx, st, pi, len(masked))
        st.pending_colon = sp
    if (runs := _runs_on(text, masked, spans, quoted_by)) is not None:
        a, sp = runs
        _emit(src, p, a, len(text), sp, True, out, st, pi)
        st.pending_colon = sp  # the next paragraph opening with a quotation mark goes on with his words
    return out


def _runs_on(
    text: str, masked: str, spans: list, quoted_by: dict[int, Speaker]
) -> tuple[int, Speaker] | None:
    """A quotation opened by a paragraph's last sentence and never closed, right after a sentence quoting a
    named speaker ("“…,” said X. “Every month we are told …"): the convention for a quotation going on into
    the next paragraph. (where its words start, X), else None."""
    at = text.rfind("“")
    if at <= 0 or "”" in text[at:] or (spans and spans[-1][1] > at):
        return None
    sents = sentences(masked)
    k = next((i for i, (s0, _e) in enumerate(sents) if s0 == at), None)
    if not k:
        return None  # not a sentence of its own that opens with the mark
    sp = quoted_by.get(sents[k - 1][0])
    return (at + 1, sp) if sp is not None and sp.named and sp.person else None


def _not_hearsay(found: list[SpeakerQuote], hearsay: list[int], s0: int, e0: int) -> list[SpeakerQuote]:
    """The statements of one sentence (offsets in the source) less those attributed by hearsay: a hearsay
    phrase ("reportedly said") in the words just before a statement, or after the sentence's last one
    ("“…,” Stoltenberg reportedly said.")."""
    kept: list[SpeakerQuote] = []
    spans = sorted(found, key=lambda q: q.start)
    prev = s0
    for k, q in enumerate(spans):
        after = e0 if k == len(spans) - 1 else q.end
        if not any(prev <= h < q.start or q.end <= h < after for h in hearsay):
            kept.append(q)
        prev = q.end
    return kept


def _hinted(text: str) -> bool:
    return any(h in text for h in HINTS)
