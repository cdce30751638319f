"""The words attribution turns on: speech verbs, speaker nouns, titles, places, and the patterns of the forms
articles use ("according to X", "As X concluded:", "Name: answer", ", the fighters say,")."""

from __future__ import annotations

import re

from ..letters import caps

VERBS = (
    "said|says|say|told|tells|added|adds|noted|notes|stated|states|declared|declares|announced|announces|"
    "argued|argues|warned|warns|insisted|insists|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|explained|"
    "replied|responded|concluded|concludes|wrote|writes|tweeted|remarked|acknowledged|acknowledges|observed|"
    "clarified|conceded|concedes|confirmed|confirms|reiterated|recalled|underlined|highlighted|highlight|"
    "indicated|claimed|claims|maintained|predicted|cautioned|admitted|contended|asserted|suggested|demanded|"
    "pointed out|points out|showed|emphasizes|emphasises"
)


# Hearsay: the writer passes on that someone is said to have spoken, without vouching for it ("reportedly
# said", "allegedly told", "was reported to have said", "is said to have warned"). Such words are not the
# speaker's statement: they are left out of the speech index and stay the writer's sentence.
HEARSAY = re.compile(
    rf"\b(?:reportedly|allegedly|purportedly|supposedly|rumou?redly)\s+(?:[a-z]+\s+)?(?:{VERBS})\b"
    rf"|\b(?:is|was|are|were|has\s+been|have\s+been|had\s+been)\s+(?:reported|said|alleged|rumou?red|"
    rf"believed|thought|claimed)\s+to\s+have\s+(?:[a-z]+\s+)?(?:{VERBS}|spoken|speak|called|described)\b"
    rf"|\b(?:{VERBS}),?\s+(?:reportedly|allegedly|purportedly|supposedly)\b",
    re.I,
)


# Adverbs and auxiliaries between a subject and its verb ("have repeatedly stressed", "was quick to").
AUX = (
    r"(?-i:(?:has|have|had|was|were|is|are|also|then|again|later|long|since|previously|privately|publicly|"
    r"equally|quick|to|went|on|once|already|[a-z]+ly)\s+)*"
)


VERB_RE = re.compile(rf"\b{AUX}(?P<verb>{VERBS})\b")


# Verbs that introduce a reported clause only with "that" (said/says/told can drop it).
BARE_OK = {"said", "says", "say"}


PREP = {
    "in", "on", "at", "during", "after", "before", "to", "by", "with", "from", "for", "while", "as", "when",
    "earlier", "later", "last", "this", "of", "about", "afterwards", "yesterday", "today", "so", "it", "and",
    "but", "or", "nothing", "little", "much", "more", "less", "not",
}  # fmt: skip


_PRONOUNS = {"he": "person", "she": "person", "they": "plural"}


# Unnamed and collective speakers: the head noun of the phrase.
SPEAKER_NOUNS = {
    "official", "diplomat", "minister", "leader", "lawmaker", "member", "government", "commander", "officer",
    "expert", "analyst", "observer", "villager", "resident", "fighter", "source", "spokesman", "spokeswoman",
    "spokesperson", "aide", "people", "ally", "senator", "adviser", "advisor", "general", "soldier", "envoy",
    "ambassador", "negotiator", "participant", "witness", "critic", "legislator", "mp",
    "representative", "worker", "authority", "delegate", "investigator", "prosecutor", "police", "military",
    "ministry", "army", "pentagon", "administration", "secretary", "president", "chief",
}  # fmt: skip


PLURAL_SPEAKERS = {"officials", "diplomats", "ministers", "leaders", "lawmakers", "members", "governments",
                    "commanders", "officers", "experts", "analysts", "observers", "villagers", "residents",
                    "fighters", "sources", "allies", "people", "senators", "aides", "authorities"}  # fmt: skip


# Words of a title or role in front of a name ("Iraqi Foreign Minister", "Maj. Gen.", "Sen.").
TITLE_WORDS = {
    "secretary", "general", "minister", "president", "prime", "deputy", "foreign", "defence", "defense",
    "interior", "armed", "forces", "former", "vice", "chief", "commander", "spokesman", "spokesperson",
    "spokeswoman", "ambassador", "senator", "sen.", "rep.", "gen.", "col.", "colonel", "maj.", "major",
    "lt.", "lieutenant", "brig.", "brig.-gen.", "brigadier", "cmdr.", "adm.", "admiral", "dr.", "mr.", "mrs.",
    "ms.", "prof.", "gov.", "governor", "state", "of", "staff", "chairman", "chair", "king", "prince",
    "queen", "judge", "mayor", "captain", "capt.", "sgt.", "sergeant", "(ret.)", "ret.", "region", "press",
    "national", "security", "adviser", "advisor", "presidential", "ministry", "head", "director", "envoy",
    "special", "representative", "u.s.", "us", "nato", "then", "presidential-candidate", "president-elect",
    "defence-minister", "army", "navy", "air", "force", "homeland", "treasury", "top", "senior", "officer",
    "gen", "col", "lt", "maj", "general,", "critic", "conservative", "labour", "liberal", "democratic",
    "republican", "leader", "the", "and", "for",
}  # fmt: skip


ORG_HINT = re.compile(
    r"\b(?:Institute|Council|Organi[sz]ation|Alliance|Coalition|Ministry|Department|Committee|Agency|Command|"
    r"Cent(?:er|re)|University|Fund|Union|Office|Service|Services|Forces|Army|Government|Pentagon|Operation|"
    r"Commission|Parliament|Assembly|Staff|Congress|Senate|House|Administration|Foundation|Bank|Court|"
    r"Group|Communique|NATO|OTAN|Kremlin|Elysée|White House)\b"
)


DOC_NOUNS = (
    r"readout|statement|report|policy brief|brief|communiqu[eé]|strategy|figures|document|study|survey|"
    r"release|press release|assessment|analysis|paper|letter"
)


DOC = re.compile(rf"^(?:an?|the)\s+(?:[\w’'.-]+\s+){{0,5}}?(?:{DOC_NOUNS})\b(?:\s+(?:of|on)\s+[^,]*)?", re.I)


BY = re.compile(caps(r"\b(?:by|from)\s+(?P<who>(?:the\s+)?[\p{Lu}][^,;:]*)"))


REL = re.compile(r"^(?:who|whose|which|where|when|whom|speaking|asked|according|as|in|on|at|after)\b", re.I)


SKIP_START = {
    "in", "on", "at", "after", "before", "two", "three", "late", "early", "asked", "speaking", "who", "whose", "which",
    "while", "when", "as", "during", "for", "with", "from", "by", "last", "earlier", "later", "meanwhile",
    "however", "elsewhere", "still", "thus", "accordingly", "but", "and", "so", "yet", "also", "then",
    "since", "until", "although", "though", "if", "because", "weeks", "days", "months", "hours",
}  # fmt: skip


_NAME_TOKEN = re.compile(
    r"(?:(?:al|el|bin|ibn|abu|ben|de|van|von|le|la|da|di)[- ])?[^\W\d_][\w’'.-]*\.?|\(ret\.\)"
)


CLAUSE_STOP = re.compile(
    r":|;|\s[—–]\s|,\s+(?:but|though|although|while|whereas|yet|adding|according to|so that|so|going|"
    r"saying|noting|citing)\b|\sbut\s|(?<=\0)\s+(?:so|but|though|although|while|whereas|yet)\b"
)


# Words that start a sentence or a capitalised run without being a name ("Then Austin spoke").
STARTERS = SKIP_START | set(_PRONOUNS) | {
    "the", "a", "an", "this", "that", "these", "those", "there", "here", "it", "its", "his", "her", "their",
    "we", "i", "you", "our", "what", "why", "how", "where", "now", "today", "yesterday", "first", "next",
    "finally", "instead", "indeed", "nor", "not", "no", "even", "only", "both", "each", "every", "all", "some",
    "many", "most", "few", "several", "one", "asked", "mr.", "mrs.", "ms.", "dr.",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
}  # fmt: skip


# After these a capitalised word is a place or a thing, not someone who could speak ("in Brussels").
PLACE_PREP = {
    "in", "at", "to", "from", "into", "across", "near", "visited", "visiting", "toward", "towards", "outside",
    "inside", "over", "around", "through", "via", "of", "between", "against", "within", "throughout", "on",
    "under", "about", "for", "than",
}  # fmt: skip


# After these a person is someone's object ("asked by X", "met X"), not the subject a pronoun points to.
OBJECT_PREV = {
    "by", "with", "about", "asked", "told", "tells", "thanked", "praised", "criticised", "criticized", "met",
    "meets", "called", "urged", "interviewed", "to", "for", "against", "than", "whom",
}  # fmt: skip


# Last words of places and bodies that look like a first name and a surname ("Saudi Arabia").
PLACE_TAIL = {
    "Arabia", "States", "Kingdom", "East", "West", "North", "South", "Republic", "Emirates", "Gulf", "Sea",
    "Africa", "America", "Europe", "Asia", "Nations", "Front", "Party", "Times", "Post", "News", "Street",
    "Journal", "Guard", "Brigade", "Brigades", "Units", "Mobilization", "Mobilisation", "Zealand", "Korea",
    "Bank", "Strip", "Heights", "Island", "Islands", "Coast", "Valley", "River", "Province", "City", "Square",
    "Day", "War", "Treaty", "Accord", "Agreement", "Summit", "Wire", "Press", "Herald", "Tribune", "Monitor",
}  # fmt: skip


# Countries and the cities this library's news is filed from: never someone who could be "he".
PLACES = frozenset(
    """Afghanistan Albania Algeria Armenia Australia Austria Azerbaijan Bahrain Belarus Belgium Bosnia Brazil
    Britain Bulgaria Canada Chad China Croatia Cyprus Czechia Denmark Egypt England Estonia Ethiopia Europe
    Finland France Georgia Germany Greece Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy Japan
    Jordan Kazakhstan Kosovo Kurdistan Kuwait Latvia Lebanon Libya Lithuania Luxembourg Mali Malta Moldova
    Montenegro Morocco Netherlands Niger Nigeria Norway Oman Pakistan Palestine Poland Portugal Qatar Romania
    Russia Scotland Serbia Slovakia Slovenia Somalia Spain Sudan Sweden Switzerland Syria Tunisia Turkey
    Turkiye Türkiye Ukraine Wales Yemen Gaza Crimea Donbas Sinai Levant Baghdad Basra Mosul Erbil Kirkuk
    Sinjar Fallujah Ramadi Tikrit Raqqa Damascus Aleppo Idlib Ankara Istanbul Tehran Moscow Kyiv Kiev Brussels
    Paris Berlin London Rome Madrid Warsaw Washington Ottawa Vilnius Riga Tallinn Oslo Stockholm Helsinki
    Copenhagen Prague Bucharest Sofia Athens Vienna Geneva Hague Amman Beirut Cairo Riyadh Doha Kabul Mons
    Norfolk Naples Munich Madrid Lisbon Dublin Tokyo Beijing
    Kurdish Iraqi Syrian Turkish Iranian American British French German Russian Ukrainian European Arab Arabic
    Western Eastern Canadian Italian Spanish Polish Dutch Belgian Danish Norwegian Swedish Finnish Greek Israeli
    Palestinian Lebanese Jordanian Saudi Egyptian Libyan Afghan Pakistani Chinese Japanese Indian Sunni Shia
    Shiite Yazidi Muslim Islamic Baltic Nordic Atlantic Transatlantic Allied Kurd Kurds Arabs Yazidis Sunnis
    Shias Americans Russians Europeans Turks Iraqis Syrians Iranians""".split()
)


# Words that may follow someone's name when the sentence is about that person doing something.
AFTER_NAME = re.compile(
    # English adverbs and verbs: ASCII on purpose.
    rf"\s*(?:[,.;:!?)\0]|$)|\s+(?:[a-z]+ly\s+)?(?:{VERBS}|[a-z]+ed|was|is|had|has|have|were|are|spoke|"
    r"met|meets|will|would|could|can|may|might|must|did|does|went|came|took|gave|made|sent|stood|left|flew|"
    r"held|and|that|who|also|then|later|again|himself|herself)\b"
)


NAME_RUN = re.compile(
    caps(r"(?<![\w’'-])(?:(?:al|el|bin|ibn|abu|de|van|von|le|la|da|di)[- ])?[\p{Lu}][\w’'.-]*"
    r"(?: (?:(?:al|el|bin|ibn|abu|de|van|von|le|la|da|di)[- ])?[\p{Lu}][\w’'.-]*)*")
)


# An unnamed person the text speaks of ("a senior diplomat", "the spokesman", "one official").
UNNAMED_PERSON = re.compile(
    r"\b(?:[Aa]n?|[Oo]ne|[Aa]nother|[Tt]he|[Tt]his|[Tt]hat)\s+(?:[\w’'-]+\s+){0,3}?"
    r"(?:official|diplomat|minister|spokes(?:man|woman|person)|officer|commander|general|aide|advis[eo]r|"
    r"senator|envoy|ambassador|lawmaker|analyst|expert|source|soldier|resident|villager|witness|negotiator|"
    r"president|secretary|chief|leader|member|representative|delegate|investigator|prosecutor|critic|"
    r"legislator|colonel|captain|man|woman)\b"
)
# Someone else's words a speaker answers ("responded to claims that …", "replied to reports that …").
CLAIM_NOUNS = re.compile(
    r"\b(?:claims?|reports?|suggestions?|allegations?|accusations?|ideas?|notions?|rumou?rs?|speculation|"
    r"criticism|charges?|assertions?|fears?|concerns?|views?|arguments?|perceptions?|impressions?|beliefs?|"
    r"theory|theories|insinuations?|questions?|statements?|remarks?|comments?|words?|warnings?|calls?)\b",
    re.I,
)
RELAYED = re.compile(r"\b(?:quoting|citing|paraphrasing|relaying|reading out|reading from|repeating)\b")


DENIAL = re.compile(
    r"\b(?:den(?:ied|ies|y|ying)|never|not|no longer|n[’']t|refused|refuses|declined|declines|rejected|"
    r"rejects|dismissed|dismisses|disputed|disputes|refuted|contradicted|disavowed)\b",
    re.I,
)


DATELINE = re.compile(caps(r"^[\p{Lu}][\p{Lu} .,'’-]{2,40}(?:,\s+[\p{Lu}][\w .'’-]{1,30})?\s+[—–-]+\s+"))


TRANSCRIPT = re.compile(caps(r"^(?P<who>[\p{Lu}][\w’'.-]*(?:\s+[\p{Lu}][\w’'.-]*){0,3}):\s+(?P<what>\S.*)$"), re.S)


ACCORDING_BEFORE = re.compile(
    # An opening phrase before "According to" ("In Ankara,"): its first word capitalised in any spelling.
    caps(r"^(?:[\p{Lu}][\p{Ll}]*(?: [\p{Ll}]+){0,4},\s*|")
    + r"(?:Also|And|But|Yet|Moreover|However),?\s+)?"
    r"(?:[Aa]ccording to|[Ii]n the words of)\s+(?P<who>[^,:\0]+?)"
    r"(?:,\s*(?:which|who|whose|where)\b[^,:\0]*"
    # an appositive role: "According to Karen Donfried, President of the German Marshall Fund, …"
    r"|,\s*(?:(?:the|a|an)\s+)?(?i:president|director|head|chief|secretary|minister|professor|fellow|analyst|"
    r"researcher|spokes(?:man|woman|person)|chair(?:man|woman)?|founder|commander|ambassador|senator|deputy|"
    r"former|senior|executive)\b[^,:\0]*)?\s*[,:]\s*"
)
# "CLAUSE, X said." / "CLAUSE, a defense official told CNN.": the speaker after the clause, at the end.
SAID_AFTER = re.compile(
    rf",\s+(?P<who>[^,;:\0]{{1,80}}?)\s+(?:{VERBS})(?P<obj>(?:\s+[^\s,;:\0]+){{0,5}})\s*[.!]?\s*$"
)


ACCORDING_AFTER = re.compile(r"(?:,|\0(?=\s))\s+according to\s+(?P<who>[^;:\0]+?)\s*[.;]?\s*$")


AS_CONCLUDED = re.compile(
    rf"^(?:[Aa]s|[Ii]n the words of)\s+(?P<who>.+?)(?:\s+(?:{VERBS}|put it|described it)\b[^:\0]*)?[:,]\s*$"
)


PARENTHETICAL = re.compile(
    rf",\s+(?P<who>(?:the\s+)?[\w -]+?)\s+(?:{VERBS})(?:\s+(?:in|on|last|this)\s+[\w ]{{1,20}})?,\s+"
)


# Every statement needs one of these strings in its passage: a cheap test (substring search) before the
# patterns, which would otherwise run over every paragraph of a long report.
HINTS = tuple({w.split("[")[0] for w in VERBS.split("|")} | {'"', "“", "”", ":", "ccording to", "words of"})


VERB_THAT = re.compile(r"\s+(?P<obj>(?:[^\s,;:\0]+\s+){0,9}?)that\s+")


SAID_THAT = re.compile(
    r"\s+(?P<obj>(?:(?:on|in|this|last|at|during)\s+[^\s,;:\0]+(?:\s+[^\s,;:\0]+){0,6}?\s+)?)that\s+"
)


SAID_BARE = re.compile(r"\s+(?P<obj>)")
