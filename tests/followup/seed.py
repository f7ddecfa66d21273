"""Reading the 2007 report (fixtures/sources/mfa-trafficking-report-2007.txt) for the demo
report's tests: its sections and paragraphs, the facts they hold (names, numbers, years), its
headings, its titles, and whether a text copies its sentences. Written with the demo's content
(fixtures/demo/report_2007/) to check it before it was loaded; the tests apply it to the report
the app builds."""

import re
import unicodedata
from collections import OrderedDict, defaultdict

from tests.sources import DOCUMENTS

SEED = DOCUMENTS["Report"]

# Common English words that may start a sentence (or a heading) without being a name.
STOP = {
    "a",
    "about",
    "according",
    "accordingly",
    "activities",
    "after",
    "again",
    "against",
    "all",
    "also",
    "although",
    "altogether",
    "among",
    "an",
    "and",
    "another",
    "anti-trafficking",
    "any",
    "approximately",
    "around",
    "arrangements",
    "as",
    "assistance",
    "at",
    "before",
    "between",
    "bilateral",
    "both",
    "but",
    "by",
    "campaigns",
    "capacity",
    "capacity-building",
    "combating",
    "combatting",
    "competence-building",
    "cooperation",
    "courses",
    "despite",
    "during",
    "each",
    "efforts",
    "estimates",
    "even",
    "exchange",
    "finally",
    "following",
    "for",
    "four",
    "from",
    "funding",
    "further",
    "furthermore",
    "general",
    "given",
    "he",
    "her",
    "here",
    "his",
    "however",
    "how",
    "human",
    "if",
    "important",
    "in",
    "information",
    "input",
    "internal",
    "into",
    "investigations",
    "it",
    "its",
    "local",
    "many",
    "measures",
    "model",
    "monthly",
    "more",
    "moreover",
    "most",
    "my",
    "nearly",
    "no",
    "not",
    "of",
    "on",
    "one",
    "only",
    "other",
    "our",
    "over",
    "paralegal",
    "per",
    "priority",
    "project",
    "renewed",
    "several",
    "she",
    "since",
    "six",
    "some",
    "special",
    "staff",
    "strengthening",
    "such",
    "support",
    "technical",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "three",
    "through",
    "thus",
    "to",
    "together",
    "training",
    "two",
    "under",
    "until",
    "various",
    "visits",
    "we",
    "well",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "with",
    "within",
    "workers",
}

JOINERS = {"of", "and", "the", "for", "on", "to", "in", "de", "dos", "des"}
SPLITTERS = {"and", "in", "to", "on"}  # joiners at which the fallback figure splits a run
MONTHS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
}

# Names and titles (>= 10 words in some spelling, or likely to be copied whole) that may be
# reproduced exactly. Italic and quoted spans of the seed are added automatically.
TITLES = [
    "Protocol to Prevent, Suppress and Punish Trafficking in Persons, especially Women and "
    "Children, supplementing the Convention against Transnational Organised Crime",
    "Council of Europe Convention on Action against Trafficking in Human Beings",
    "Southern Africa Counter-Trafficking Assistance Programme",
    "Southern Africa Regional Network against Trafficking and Abuse of Children",
    "Coordinated Mekong Ministerial Initiative against Trafficking",
    "Supplementary Human Dimension Implementation Meeting on Combating Sexual Exploitation of "
    "Children",
    "Decision on Combating Trafficking in Human Beings for Labour Exploitation",
    "OSCE Special Representative on Combating Trafficking in Human Beings",
    "Inter-Agency Cooperation Group against Trafficking in Persons",
    "UN Global Initiative to Fight Human Trafficking",
    "Global Initiative to Fight Human Trafficking",
    "Vienna Forum to Fight Human Trafficking",
    "UN Convention against Transnational Organized Crime",
    "Toolkit to Combat Trafficking in Persons",
    "Sixth Alliance against Trafficking in Persons Conference",
    "Alliance against Trafficking in Persons Conference",
    "EU Experts Group on Trafficking in Human Beings",
    "Special Representative to the UN Secretary-General on violence against children",
    "Special Rapporteur on Trafficking in Persons",
    "Human Dimension Implementation Meeting",
    "National Plan to Combat Human Trafficking",
    "Section for Global Initiatives and Gender Equality",
    "Department for UN, Peace and Humanitarian Affairs",
    "Ministry of Justice and the Police",
    "Coalition Against Trafficking of Women",
    "International Centre for Migration Policy Development",
    "Trafficking Information Management System",
    "UN Inter-Agency Project on Human Trafficking",
    "Union of Women's Organisations of Macedonia",
    "Euro-Atlantic Partnership Council",
    "Office for Democratic Institutions and Human Rights",
    "Office of the High Commissioner on Human Rights",
    "Swedish International Development Cooperation Agency",
    "Vice President of the European Commission with responsibility for justice, freedom and "
    "security",
    "Norwegian Minister of Justice and the Police",
    "Directive 2004/81 on the issue of residence permits for victims of human trafficking "
    "who cooperate with the authorities",
    "Ministry of Foreign Affairs",
    "Ministry of Labour and Social Inclusion",
    "Ministry of Health and Care Services",
    "Ministry of Children and Equality",
    "Permanent Delegation of Norway to the OSCE",
    "Norwegian Delegation to the OSCE",
    "Mission of Norway to the EU",
    "Consulates General in Murmansk and St Petersburg",
    "UN Office on Drugs and Crime",
    "United Nations Office on Drugs and Crime",
    "United Nations Special Session on Children",
    "group of experts on action against trafficking in human beings",
    "Norwegian Agency for Development Cooperation",
    "Child Rights Centre in Konjic",
    "Youth Council of Ohrid",
    "Bishops' Conference of Guatemala",
    "European Women's Lobby",
    "Council of the Baltic Sea States",
    "Forum for Women and Development",
    "Vietnam Women's Union",
    "Bulgarian Ministry of Interior",
]

ASIDE_PATTERNS = [
    r"\bthe report\b",
    r"\bnot stated\b",
    r"\bnot named\b",
    r"\bdoes not say\b",
    r"\bdo not say\b",
    r"\bunknown\b",
    r"\(not ",
    r"\bnot mentioned\b",
    r"\bnot specified\b",
    r"\bnot given (in|by)\b",
    r"\bunclear\b",
    r"\bunspecified\b",
    r"\bunnamed\b",
    r"\bthe seed\b",
    r"\bthe source\b",
    r"\bsic\b",
    r"\?\?",
    r"\binferred\b",
    r"\bpresumably\b",
]


SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SUP_TO_DIGIT = {c: str(i) for i, c in enumerate(SUPERSCRIPTS)}


def fold(s: str) -> str:
    """Accent-fold, normalise quotes/apostrophes/dashes, lower-case."""
    s = (
        s.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
    )
    s = s.replace("\u2009", " ").replace("\u202f", " ").replace("\u00a0", " ")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.lower()


def norm(s: str) -> str:
    """Normalised text for substring matching of names: words separated by single spaces."""
    s = fold(s)
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^0-9a-z\u00c0-\u024f\u00f8\u00e6\u00e5]+", " ", s)
    return " " + " ".join(s.split()) + " "


def words(s: str) -> list[str]:
    """Word sequence for copy detection (punctuation stripped)."""
    return norm(s).split()


SEC_RE = re.compile(r"^(\d{1,2})\.\s+(INTRODUCTION|SUMMARY|MEASURE (\d+):.*)$")
SUB_RE = re.compile(r"^(2\.[123])\s+(\S.*)$")


def parse_seed(path=SEED):
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "1. INTRODUCTION")
    lines = lines[start:]
    section = None
    measure_of = {}
    blocks = []  # (section, text)
    cur: list[str] = []

    def flush():
        if cur:
            blocks.append((section, "\n".join(cur)))
            cur.clear()

    for line in lines:
        s = line.strip()
        m = SEC_RE.match(s)
        m2 = SUB_RE.match(s)
        if m or m2:
            flush()
            if m:
                section = m.group(1)
                if m.group(3):
                    measure_of[section] = int(m.group(3))
            else:
                section = m2.group(1)
            continue
        if not s:
            flush()
            continue
        cur.append(s)
    flush()

    # footnotes: blocks starting with a superscript digit
    footnotes = []
    body = []
    for sec, b in blocks:
        if b[0] in SUPERSCRIPTS:
            footnotes.append((sec, b))
        else:
            body.append([sec, b])
    # join paragraphs broken by a page break
    joined = []
    for sec, b in body:
        if joined:
            psec, pb = joined[-1]
            ends_open = not re.search(r"[.!?:;)\"”*]$", pb)
            if (
                psec == sec
                and ends_open
                and (b[0].islower() or pb.endswith(",") or len(pb.split()) > 12)
            ):
                joined[-1][1] = pb + " " + b
                continue
        joined.append([sec, b])
    # assign each footnote to the section that carries its marker
    paras = [(sec, b) for sec, b in joined]
    for fsec, fb in footnotes:
        mark = fb[0]
        owner = fsec
        for sec, b in joined:
            if mark in b:
                owner = sec
                break
        paras.append((owner, fb))
    return paras, measure_of


def clean_para(p: str) -> str:
    """Remove footnote markers, list numbering, emphasis markers."""
    p = (
        "".join(c for c in p if c not in SUPERSCRIPTS)
        if p[0] not in SUPERSCRIPTS
        else p[1:].lstrip()
    )
    p = "\n".join(re.sub(r"^\d+\.\s+", "", l) for l in p.split("\n"))
    return p.replace("**", "").replace("*", "")


WORD_RE = re.compile(r"[^\W_](?:\w|['’\-.](?=[^\W_]))*")
NUM_RE = re.compile(
    r"(?<![\w.])(\d{1,3}(?:[ \u2009\u202f\u00a0]\d{3})+(?!\d)|\d+(?:[.,]\d+)*)(\s?%)?"
)


def numbers_in(text: str):
    out = []
    for m in NUM_RE.finditer(text.replace("–", " – ")):
        raw = re.sub(r"[ \u2009\u202f\u00a0]", "", m.group(1))
        if m.group(2):
            out.append(("percent", raw + "%"))
        elif re.fullmatch(r"(19|20)\d\d", raw):
            out.append(("year", raw))
        else:
            out.append(("number", raw))
    return out


def strip_poss(w: str) -> str:
    return re.sub(r"['’]s$", "", w)


def is_cap(w: str) -> bool:
    return w[0].isalpha() and w[0].isupper()


def name_runs(text: str):
    """Return (runs, singles): runs are lists of words (joiners kept inside)."""
    runs, singles = [], []
    for segment in text.split("\n"):
        toks = list(WORD_RE.finditer(segment))
        run: list[tuple[str, bool]] = []  # (word, sentence_start)
        pending: list[str] = []

        def close():
            if run:
                ws = [w for w, _ in run]
                if run[0][1] and ws[0].lower() in STOP:
                    ws = ws[1:]
                    while ws and ws[0].lower() in JOINERS:
                        ws = ws[1:]
                if ws:
                    runs.append(ws)
                    singles.extend(
                        w
                        for w in ws
                        if is_cap(w) and not (w.lower() in STOP and w == run[0][0] and run[0][1])
                    )
            run.clear()
            pending.clear()

        prev_end = 0
        for i, m in enumerate(toks):
            w = strip_poss(m.group(0))
            gap = segment[prev_end : m.start()]
            before = segment[: m.start()].rstrip().rstrip("“\"*('‘")
            sent_start = before == "" or before[-1] in ".!?:"
            contiguous = i > 0 and gap.strip() == ""
            if run and not contiguous:
                close()
            if w.lower() in MONTHS and is_cap(w):
                close()
                runs.append([w])
                singles.append(w)
            elif is_cap(w):
                if run:
                    run.extend((p, False) for p in pending)
                pending.clear()
                run.append((w, sent_start and not run))
            elif w.lower() in JOINERS and run and len(pending) < 2 and not w[0].isdigit():
                pending.append(w)
            else:
                close()
            prev_end = m.end()
            # a possessive or trailing apostrophe breaks the run after this word
            if m.group(0) != w:
                close()
        close()
    return runs, singles


def section_tokens(paras):
    toks = defaultdict(OrderedDict)  # section -> {(cat, value): display}
    singles = defaultdict(OrderedDict)
    for sec, p in paras:
        c = clean_para(p)
        for cat, val in numbers_in(c):
            toks[sec].setdefault((cat, val), val)
        runs, sing = name_runs(c)
        for r in runs:
            disp = " ".join(r)
            toks[sec].setdefault(("name", norm(disp).strip()), disp)
        for w in sing:
            singles[sec].setdefault(("word", norm(w).strip()), w)
    return toks, singles


def title_spans(paras):
    titles = set()
    for _, p in paras:
        for m in re.finditer(r"\*([^*]+)\*", p):
            titles.add(m.group(1))
        for m in re.finditer(r"[“\"]([^”\"]+)[”\"]", p):
            titles.add(m.group(1))
    titles.update(TITLES)
    tw = [words(t) for t in titles]
    tw = [t for t in tw if len(t) >= 2]
    tw.sort(key=len, reverse=True)
    return tw


def collapse_titles(ws, tws):
    out = []
    i = 0
    while i < len(ws):
        for k, t in enumerate(tws):
            if ws[i : i + len(t)] == t:
                out.append(f"<title{k}>")
                i += len(t)
                break
        else:
            out.append(ws[i])
            i += 1
    return out


ASIDES = [
    r"\bthe report\b", r"\bnot stated\b", r"\bnot named\b", r"\bdoes not say\b", r"\bdo not say\b",
    r"\bunknown\b", r"\(not ", r"\bnot mentioned\b", r"\bnot specified\b", r"\bunclear\b",
    r"\bunspecified\b", r"\bunnamed\b", r"\bthe seed\b", r"\bthe source\b", r"\binferred\b",
    r"\bpresumably\b", r"\bSource:",
]  # fmt: skip


def facts():
    """Every name, number and year of the seed's sections 1-15: {(kind, value): as written}."""
    paras, _measures = parse_seed()
    tokens, _singles = section_tokens(paras)
    out = {}
    for section in tokens.values():
        out.update(section)
    return out


def missing_facts(text):
    """The seed's facts `text` does not hold (names whole, numbers as numbers)."""
    found_names, found_numbers = norm(text), {value for _k, value in numbers_in(text)}
    return sorted(
        shown
        for (kind, value), shown in facts().items()
        if not (value in found_numbers if kind != "name" else f" {value} " in found_names)
    )


def copied(text, length=10):
    """The seed's sentences (of six words or more) in `text`, and the runs of `length` words
    or more the two share outside titles (a title counts as one word)."""
    paras, _measures = parse_seed()
    own = norm(text)
    sentences = []
    for _section, para in paras:
        for sentence in re.split(
            r"(?<=[.!?])\s+(?=[A-Z“\"(])", clean_para(para).replace("\n", " ")
        ):
            if len(words(sentence)) >= 6 and " " + " ".join(words(sentence)) + " " in own:
                sentences.append(sentence)
    titles = title_spans(paras)
    mine = collapse_titles(words(text), titles)
    grams = {tuple(mine[i : i + length]) for i in range(len(mine) - length + 1)}
    runs = []
    for _section, para in paras:
        theirs = collapse_titles(words(clean_para(para)), titles)
        runs += [
            " ".join(theirs[i : i + length])
            for i in range(len(theirs) - length + 1)
            if tuple(theirs[i : i + length]) in grams
        ]
    return sentences, runs


def asides(text):
    return [m.group(0) for pattern in ASIDES for m in re.finditer(pattern, text, re.I)]


def seed_headings():
    """{measure number: the headings of its section, in order}: a heading is a one-line block
    of at most eight words that does not end a sentence."""
    paras, measure_of = parse_seed()
    out = {}
    for section, para in paras:
        if section not in measure_of or para[0] in SUPERSCRIPTS or "\n" in para:
            continue
        if len(para.split()) <= 8 and not re.search(r"[.,;:)]$", para) and para[0].isupper():
            out.setdefault(measure_of[section], []).append(para.strip())
    return out
