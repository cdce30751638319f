"""Who said what: quoted and reported statements inside a source's passages, each with its speaker.

Run per source at index time by :func:`.mining.mine_source`. Precision before recall: a statement is kept
only when its sentence names who spoke (a name, a titled role, an unnamed official, a body), or when a
pronoun or "the spokesman" points back to the nearest person named (see ``antecedents``); a quotation with no such cue is left
out (shown nowhere as anyone's words). Every statement's text is an exact span of its passage.

Forms handled (see tests/test_speech.py): ``X said/told/added/... "..."`` and ``"...," X said`` (either
order, inverted ``said X, role``), quotes split around the attribution, colon introductions
(``X told reporters: "..."``, ``In the words of X: "..."``, ``As X concluded: "..."``), quotes running over
paragraphs, interview transcripts (``Name: answer``), reported speech (``X said (that) ...``, ``X announced
on Monday that ...``, ``X was quick to highlight that ...``, ``, adding that ...``, ``X told Y that ...``),
``according to X`` before or after the clause, the speaker after the clause (``…, a defense official told
CNN.``), and back-references (he/she/they, "the spokesman").
A reported clause ends at the end of its sentence, a colon or semicolon, or before ", but", ", though",
", while": the writer's comment that follows is never the speaker's. Relayed words ("quoting a minister") and denials
("never said", "denied saying") are nobody's statement.

Rooms: ``extract`` (find_statements: passages and sentences), ``speakers`` (whose quotation or clause),
``reported`` (indirect speech), ``antecedents`` (he/she/"the spokesman"), ``persons`` (who a name is),
``sentences`` (quotation marks and sentences), ``words`` (verbs, nouns, titles, patterns), ``statement`` (the
stored shape).
"""

from .extract import find_statements
from .persons import known_persons
from .sentences import quote_spans
from .statement import SpeakerQuote, speakers_by_passage

__all__ = ["SpeakerQuote", "find_statements", "known_persons", "quote_spans", "speakers_by_passage"]
