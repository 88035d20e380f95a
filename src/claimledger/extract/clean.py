"""Drop page furniture from scraped report text and repair broken lines.

Scrapers and copy-paste leave things in a report's text that are not part of
it: related-article headlines between paragraphs, image captions and credits,
embed links, placeholders ("undefined", "featured-image"), share/subscribe
lines, and teaser cards of other articles cut off with "…". They also break
sentences and numbers across paragraphs ("as many as 4.⏎⏎8 million").

Why hand-written: boilerplate removers such as trafilatura work on the HTML
tree; once a page is flat text (a .txt file, a JSONL field, trafilatura's own
output) the furniture is only recognisable by the *shape* of a line: whether
it is a sentence, title-cased, a credit, a placeholder. These rules look at
shape, never at the words of a particular story.

Section subheads of the report itself ("Why It Matters") are dropped with the
related headlines: they are title-cased lines that are not sentences, and
keeping them would glue them onto the next sentence when it is parsed; they
state nothing a reader needs in the ledger.

Every kept character remembers where it came from, so spans found in the
cleaned text map back to the original exactly (:class:`CleanText.offsets`).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from claimledger.extract.times import DATELINE, HEADER_LINES
from claimledger.records import CleanText

_SPACES = "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u2008\u205f\u3000\t"
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_LINE_BREAKS = "\x0b\x0c\u2028\u2029\x85"
_CLOSERS = "\"'”’»)]}"
#: Function words a title-cased headline may leave in lower case.
_MINOR = frozenset(
    "a an and as at but by for from in into of off on onto or over per the to up upon via vs with nor so yet is are "
    "was be its it's after before about than that down out if amid under near against between during without "
    "within through across behind".split()
)

# Embeds whose URL is all that is left of a tweet or image ("pic.twitter.com/Ab12"),
# possibly split over a line break by the scraper ("pic.⏎⏎twitter.com/Ab12").
_EMBED = re.compile(r"[ \t]*(?<![\w/])(?:pic\.\s*twitter\.com|https?://t\.co)/\w+[ \t]*")

# Whole lines that are site chrome. Applied only to short lines (see _BOILERPLATE_MAX_WORDS).
_BOILERPLATE = re.compile(
    r"""^(?:
        comments?\ (?:are|is)\ (?:closed|disabled)
      | (?:leave\ a|post\ a|add\ a)\ (?:comment|reply)
      | \d+\ comments?
      | (?:show|view|load)\ (?:\d+\ )?comments?
      | share | share\ (?:this|on|via|the\ (?:article|story))\b.*
      | (?:subscribe|sign\ up|signup)\b.*
      | (?:click|tap)\ here\b.*
      | follow\ us\b.*
      | (?:join|download)\ (?:us|our)\b.* | download\ the\ app\b.*
      | advertisement|advertisment|sponsored(?:\ content)?|ad|promoted|paid\ content
      | (?:most|top)\ (?:read|popular|viewed|shared|stories)
      | (?:trending|recommended|popular)(?:\ now|\ stories|\ articles|\ news)?
      | (?:related|more)(?:\ articles?|\ stories|\ coverage|\ news|\ reading|\ on\ this\ story)?
      | (?:read|see)\ (?:more|also|next|full\ story)\b.*
      | (?:also|must)\ read\b.*
      | (?:related|watch|listen|video|photos?|gallery)\s*[:|»›>\-–—].*
      | (?:image|photo|picture|video)s?(?:\ \d+\ of\ \d+)?
      | (?:image|photo|picture)\ (?:caption|source|credit)s?\b.*
      | (?:credit|source|caption)s?\s*:.*
      | (?:file\ )?photo\b.*\b(?:getty\ images|afp|reuters|ap|epa|shutterstock)\b.*
      | .{0,60}/\ ?(?:getty\ images|afp|reuters|ap|epa|shutterstock)
      | (?:getty\ images|shutterstock|afp|reuters|ap\ photo|epa)
      | (?:©|\(c\)|copyright\b).*
      | all\ rights\ reserved\b.*
      | skip\ to\ (?:main\ )?content | back\ to\ top | print(?:\ this)?(?:\ (?:article|page))? | email
      | loading(?:\.\.\.|…)?
      | (?:previous|next)\ (?:article|story|post)\b.*
      | (?:tags?|topics?|filed\ under)\s*:.*
    )[.!…]?$""",
    re.IGNORECASE | re.VERBOSE,
)
_BOILERPLATE_MAX_WORDS = 15

# A caption credit at the end of a line: "… (Via X)", "… (Photo: Reuters)", "… Via Reddit".
_CREDIT = re.compile(
    r"(?:\((?:via|photo|image|picture|credit|source|courtesy|pictured|file)\b[^()]{0,80}\)"
    r"|(?:^|[.!?]\s+|\s)Via\s+\S[^.!?]{0,40}"
    r"|\b(?:Photo|Image|Picture)\s*(?:credit)?\s*:\s*[^.!?]{1,60})\.?$",
    re.IGNORECASE,
)
_CREDIT_VIA = re.compile(r"(?:^|[.!?]\s+|\s)Via\s+\S[^.!?]{0,40}\.?$")  # capitalised "Via" only
_CREDIT_MAX_WORDS = 45
# A quotation of a few words and a verb of saying next to it: reported speech, which no caption or credit is.
_SPEECH_VERB = r"\b(?:said|says|told|tells|added|claimed|stated|according\s+to)\b"
_REPORTED_SPEECH = re.compile(rf"[“\"][^”\"]{{12,}}[”\"][^“\"]{{0,80}}{_SPEECH_VERB}|{_SPEECH_VERB}[^“\"]{{0,40}}[“\"][^”\"]{{12,}}[”\"]",
                              re.IGNORECASE)

# Notes on where a report came from or how its images may be used: syndication, "for more"
# pointers, wire-photo licensing.
_NOTE = re.compile(
    r"""^(?:
        (?:this|the)\ (?:article|story|post|report|piece)\ (?:was\ )?(?:originally|first)\ (?:appeared|published|ran|posted)\b.*
      | (?:this|the)\ (?:article|story|post|report|piece)\ (?:originally|first)?\ ?appeared\ (?:in|on|at)\b.*
      | for\ more(?:\ (?:on\ this|information|news|stories))?,?\ (?:head|go|visit|read|see|click)\b.*
      | (?:this|the)\ (?:image|photo|photograph|picture)s?\ (?:is|are)\ available\b.*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_NOTE_MAX_WORDS = 25
# A headline of another story under a section kicker: "ANALYSIS | …", "NEWS: …", "PHOTOS: …".
_KICKER = re.compile(r"^[A-Z][A-Z&]{2,}(?:\s[A-Z&]{2,})?\s*[|:]\s*\S")
_EMAIL_LINE = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
#: An unpunctuated line of at least this many words standing alone between paragraphs is a
#: caption when it restates the report: at least _CAPTION_RESTATED of its content words occur
#: in the report's other lines (a scraper also drops the stop of a sentence, which then says
#: something new). _CAPTION_RESTATED is set by scripts/check_furniture.py: the lowest share at
#: which the rule drops no line of the 840 PolNeAR train articles (their own text, no captions);
#: _CAPTION_MIN_WORDS is a short sentence's length, not fitted.
_CAPTION_MIN_WORDS = 8
_CAPTION_RESTATED = 0.8
#: A run of unpunctuated lines, each of at most this many words, is a list of other stories'
#: headlines (a headline's length; scripts/check_furniture.py checks that the rule drops no line
#: of PolNeAR train or dev articles).
_LIST_MAX_WORDS = 20
# A dateline with no date: a place in capitals and the agency, "WASHINGTON (AP) —", "MIAMI _".
_AGENCY_DATELINE = re.compile(r"^[A-Z]{3,}(?:[ .,'-]+[A-Z][A-Za-z.]*){0,3}\s*(?:\([A-Za-z .&-]{1,30}\)\s*)?(?:[-\u2013\u2014]+|_)\s+")
_PLACEHOLDER = re.compile(r"^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$")  # "undefined", "featured-image", "null"
_URL_LINE = re.compile(r"^(?:(?:https?://|www\.)\S+|[@#][\w.]+(?:\s+[@#][\w.]+)*)$", re.IGNORECASE)
# Style sheet rules leaked into the text by a scraper: "}", ".bio-text {", "margin-bottom:30px;".
_STYLE_LINE = re.compile(r"^(?:[.#@]?[\w-]+(?:[\s,>:.#-]+[\w-]+)*\s*\{|[a-z-]+\s*:\s*(?:[^;{}\s]+|[^;{}]{1,80}!important)\s*;|\}\.?)$")
_TWEET_SIGNATURE = re.compile(r"^[—–-]\s*.{1,80}\(@\w{1,15}\)\s+\w+\.?\s+\d{1,2},\s+\d{4}$")
_SENTENCE_BREAK = re.compile(r"(\S+)[.!]\s+[\"'“‘(\[]?[A-Z]")
_TEASER_END = re.compile(r"(?:\w|\s)(?:…|\.\.\.)$")
_SPLIT_NUMBER_HEAD = re.compile(r"(?<![\d,.])\d{1,3}\.$")
_SPLIT_NUMBER_TAIL = re.compile(r"^\d+(?:[.,]\d+)*(?:\s+[a-z%]|%)")


def clean_text(text: str) -> CleanText:
    """Return the report's own text without furniture, with an exact offsets map."""
    removed: list[str] = []
    chars, offsets = _normalise(text)
    chars, offsets = _drop_embeds(chars, offsets, removed)
    lines = _split_lines(chars, offsets)
    _drop_dateline(lines, removed)
    keep = _classify(lines, removed)
    _drop_teasers(lines, keep, removed)
    out_chars, out_offsets = _assemble(lines, keep, chars, offsets)
    return CleanText(text="".join(out_chars), offsets=out_offsets, removed=removed)


# Shape of a line ----------------------------------------------------------


def headline_shape(line: str) -> bool:
    """A line that reads as a title, not a sentence.

    At most 30 words, no sentence break inside, and it does not end like a
    sentence (a final "?" is allowed: headlines ask questions).
    """
    line = line.strip()
    words = line.split()
    if not words or len(words) > 30 or len(line) > 250:
        return False
    end = line.rstrip(_CLOSERS)
    if not end or end[-1] in ".!:;,…":
        return False
    return not any(not _is_abbreviation(m.group(1)) for m in _SENTENCE_BREAK.finditer(line))


def title_cased(line: str) -> bool:
    """Every word that carries meaning starts with a capital or a digit (one slip allowed in long lines)."""
    capital = lower = 0
    first = True
    for raw in line.split():
        word = raw.strip("‘’“”\"'()[]{}–—-:;,.?!&|/«»*")
        if not word or not any(c.isalpha() or c.isdigit() for c in word):
            continue
        if word[0].isupper() or word[0].isdigit():
            capital += 1
        elif first:
            return False
        elif word.lower() not in _MINOR:
            lower += 1
        first = False
    return capital > 0 and (lower == 0 or lower == 1 and capital >= 5)


def _is_abbreviation(token: str) -> bool:
    """"U.S", "Gen", "Mr", "S.E": a period after these does not end a sentence."""
    token = token.lstrip("\"'“‘(")
    return "." in token or len(token) <= 3 and token[:1].isupper()


def _ends_sentence(line: str) -> bool:
    end = line.rstrip(_CLOSERS)
    return bool(end) and end[-1] in ".!?:;…"


# Steps --------------------------------------------------------------------


def _normalise(text: str) -> tuple[list[str], list[int]]:
    """Unify spaces, line breaks and double quotation marks, drop invisible characters, keeping offsets.

    Two apostrophes are one double quotation mark in some wire and newspaper styles (''It is over,'' he
    said.): they become '"', kept at the first one's offset, so that quotations read the same in every style.
    """
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        if ch in _INVISIBLE or ch == "\r" and text[i + 1 : i + 2] == "\n":
            continue
        if ch == "'" and i and text[i - 1] == "'" and offsets and offsets[-1] == i - 1 and chars[-1] == '"':
            continue  # the second apostrophe of a mark made '"' below
        if ch == "'" and text[i + 1 : i + 2] == "'":
            ch = '"'
        if ch in _SPACES:
            ch = " "
        elif ch == "\r" or ch in _LINE_BREAKS:
            ch = "\n"
        elif ch < " " and ch != "\n" or ch == "\x7f":
            continue
        chars.append(ch)
        offsets.append(i)
    return chars, offsets


def _drop_embeds(chars: list[str], offsets: list[int], removed: list[str]) -> tuple[list[str], list[int]]:
    """Remove embed links; text around one that sat inside a line is rejoined with one space."""
    text = "".join(chars)
    out_chars: list[str] = []
    out_offsets: list[int] = []
    pos = 0
    for m in _EMBED.finditer(text):
        out_chars.extend(chars[pos : m.start()])
        out_offsets.extend(offsets[pos : m.start()])
        removed.append(re.sub(r"\s+", "", m.group()))
        before = text[m.start() - 1] if m.start() else "\n"
        after = text[m.end()] if m.end() < len(text) else "\n"
        space = next((m.start() + j for j, c in enumerate(m.group()) if c.isspace()), None)
        if before != "\n" and after != "\n" and space is not None:
            out_chars.append(" ")
            out_offsets.append(offsets[space])
        pos = m.end()
    out_chars.extend(chars[pos:])
    out_offsets.extend(offsets[pos:])
    return out_chars, out_offsets


@dataclass(slots=True)
class _Line:
    text: str
    offsets: list[int]
    start: int  # index of its first character in the normalised text
    end: int  # index just past its last character (its newline, if any, is at ``end``)


def _split_lines(chars: list[str], offsets: list[int]) -> list[_Line]:
    """Cut at newlines; strip each line and squeeze runs of spaces to one."""
    lines: list[_Line] = []
    start = 0
    for i in range(len(chars) + 1):
        if i < len(chars) and chars[i] != "\n":
            continue
        text: list[str] = []
        offs: list[int] = []
        for j in range(start, i):
            if chars[j] == " " and (not text or text[-1] == " "):
                continue
            text.append(chars[j])
            offs.append(offsets[j])
        if text and text[-1] == " ":
            text.pop()
            offs.pop()
        lines.append(_Line("".join(text), offs, start, i))
        start = i + 1
    return lines


def _drop_dateline(lines: list[_Line], removed: list[str]) -> None:
    """Cut a dateline from the head of the first paragraph ("GDANSK, June 10 (Europa Wire) -",
    "WASHINGTON (AP) —"): it is the report's metadata (the pipeline reads its date from the raw
    text), and left in place its place name or agency would read as a source.

    The paragraph may come after a title, a byline and a date line, so the header's lines are
    looked at (:data:`~claimledger.extract.times.HEADER_LINES`, those the report's date is read
    from); after the first, only a dateline with a date or an agency in brackets counts, or a
    place the report also writes in title case ("HARWICK —" and "the Harwick plant"): "NATO — the
    alliance said" opening a text is a sentence, and an acronym is in capitals wherever it is written."""
    texts = [line for line in lines if line.text]
    for k, line in enumerate(texts[:HEADER_LINES]):
        m = DATELINE.match(line.text) or _AGENCY_DATELINE.match(line.text)
        if m is not None and k and not DATELINE.match(line.text) and "(" not in m.group(0) \
                and not _place_named_elsewhere(m.group(0), texts):
            m = None
        if m is None or m.end() >= len(line.text):
            continue
        removed.append(line.text[: m.end()].strip())
        line.text, line.offsets = line.text[m.end():], line.offsets[m.end():]
        return


def _place_named_elsewhere(dateline: str, lines: list[_Line]) -> bool:
    """Whether the words in capitals of an undated dateline ("HARWICK —", "NEW DELHI —") are written in title
    case elsewhere in the report ("Harwick", "New Delhi"), as a place is and an acronym is not."""
    words = re.findall(r"[A-Z][A-Z.'’-]+", dateline)
    if not words:
        return False
    place = " ".join(w.capitalize() for w in words)
    return any(re.search(rf"\b{re.escape(place)}\b", line.text) for line in lines)


def _classify(lines: list[_Line], removed: list[str]) -> list[bool]:
    """Decide which lines are the report's own text."""
    keep = [bool(line.text) for line in lines]
    vocabulary = _Vocabulary(lines)
    for i, line in enumerate(lines):
        if keep[i] and _is_furniture(lines, i, vocabulary):
            keep[i] = False
            removed.append(line.text)
    if not any(keep):  # a report that is only its headline ("X, swimming star, dies at 91") keeps it
        for i, line in enumerate(lines):
            if line.text and headline_shape(line.text) and not _URL_LINE.match(line.text) \
                    and sum(c.isalpha() for c in line.text) > len(line.text) // 2:
                keep[i] = True
                removed.remove(line.text)
    return keep


def _is_furniture(lines: list[_Line], i: int, vocabulary: _Vocabulary) -> bool:
    text = lines[i].text
    words = len(text.split())
    if not text.strip("”\"’»"):
        return False  # a stranded closing quote: joined to its sentence later
    if _wrapped(lines, i):
        return False  # a piece of a sentence broken over lines ("regularly⏎incites⏎political violence")
    if _PLACEHOLDER.match(text) or not any(c.isalpha() for c in text):
        return True
    if _URL_LINE.match(text) or _EMAIL_LINE.match(text) or _TWEET_SIGNATURE.match(text) or _STYLE_LINE.match(text):
        return True
    if words <= _NOTE_MAX_WORDS and _NOTE.match(text):
        return True
    if headline_shape(text) and (_kicker(text) or _caption(lines, i, vocabulary)
                                 or (i != vocabulary.first and _in_headline_list(lines, i))):
        return True
    if words <= _BOILERPLATE_MAX_WORDS and _BOILERPLATE.match(text):
        return True
    if words <= _CREDIT_MAX_WORDS and _is_credit(text):
        return True
    return headline_shape(text) and title_cased(text) and _standalone(lines, i)


def _kicker(text: str) -> bool:
    """A kicker and a title ("ANALYSIS | …", "NEWS: Hero dog saves …"); a transcript's speaker label
    before a question ("TAPPER: Do you think …?") is not one."""
    m = _KICKER.match(text)
    return bool(m) and ("|" in m.group() or _unpunctuated(text))


def _unpunctuated(text: str) -> bool:
    """Ends without a stop or question mark (before any closing quotes): a title or a caption, not a sentence."""
    end = text.rstrip().rstrip(_CLOSERS)
    return bool(end) and end[-1] not in ".!?:;…"


def _caption(lines: list[_Line], i: int, vocabulary: _Vocabulary) -> bool:
    """A sentence-long line with no final stop, standing alone: a photo caption ("Pope Francis
    confirmed that … in St. Peter's Square"), or a caption's credit line ("- Vatican's deputy
    spokesman, Father Ciro Benedettini"). Never the first line (a report's title)."""
    text = lines[i].text
    if i <= vocabulary.first or not _unpunctuated(text):
        return False
    if text[:2] in ("- ", "– ", "— ") and len(text.split()) <= 12:
        return True
    return (len(text.split()) >= _CAPTION_MIN_WORDS and _standalone(lines, i)
            and vocabulary.restated(i) >= _CAPTION_RESTATED)


_CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")


class _Vocabulary:
    """The content words (four letters or more) of each line, in how many lines each occurs, and
    the first line with text: found once per report, so a report of many lines is not rescanned
    for each."""

    def __init__(self, lines: list[_Line]):
        self.words = [{w.lower() for w in _CONTENT_WORD.findall(line.text)} for line in lines]
        self.lines_with = Counter(w for words in self.words for w in words)
        # The title: the first line with text that is not the page's address or date line.
        self.first = next((j for j, line in enumerate(lines) if line.text and not _address_line(line.text)
                           and not _date_line(line.text)), len(lines))

    def restated(self, i: int) -> float:
        """The share of line ``i``'s content words found in the report's other lines."""
        own = self.words[i]
        return sum(self.lines_with[w] > 1 for w in own) / len(own) if own else 0.0


_MONTH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b", re.I)


def _address_line(text: str) -> bool:
    """The page's address, also as tokenised text keeps it ("http : / / www . example . com / …")."""
    return bool(_URL_LINE.match(text) or re.match(r"https?\s*:\s*/\s*/", text))


_DATE_WORDS = re.compile(r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*|am|pm|a|m|p|et|edt|est|gmt|utc|bst|cet|"
                         r"published|updated|posted|last|on|at", re.I)


def _date_line(text: str) -> bool:
    """A line that only dates the page ("June 06 , 2013", "PUBLISHED: WEDNESDAY, MARCH 13, 2013, 1:32 PM")."""
    if not re.search(r"\b(?:19|20)\d\d\b", text) or not _MONTH.search(text):
        return False
    words = re.findall(r"[A-Za-z]+", _MONTH.sub(" ", text))
    return all(_DATE_WORDS.fullmatch(w) for w in words)


def _in_headline_list(lines: list[_Line], i: int) -> bool:
    """One of two or more unpunctuated short lines in a row with no blank line between them, or
    an unpunctuated one beside a kicker headline ("ANALYSIS | Has … launched a revolution?").

    A page's address or date line beside a headline makes no list: that is a report's own
    title under its page furniture.
    """
    def short(j: int) -> bool:
        return 0 <= j < len(lines) and bool(lines[j].text) and _unpunctuated(lines[j].text) \
            and len(lines[j].text.split()) <= _LIST_MAX_WORDS and headline_shape(lines[j].text) \
            and not _address_line(lines[j].text) and not _date_line(lines[j].text)

    def listed(j: int) -> bool:
        return short(j) or 0 <= j < len(lines) and headline_shape(lines[j].text) and _kicker(lines[j].text)
    return short(i) and (listed(i - 1) or listed(i + 1))


def _is_credit(text: str) -> bool:
    m = _CREDIT.search(text)
    if not m or _REPORTED_SPEECH.search(text[:m.start()]):
        return False  # a quotation with its speaker, then "(Via …)": the report's text, credit and all
    if m.group().lstrip(" .!?").lower().startswith("via") and not m.group().startswith("("):
        return bool(_CREDIT_VIA.search(text))
    return True


def _wrapped(lines: list[_Line], i: int) -> bool:
    text = lines[i].text
    prev = lines[i - 1].text if i > 0 else ""
    nxt = lines[i + 1].text if i + 1 < len(lines) else ""
    return _continues(prev, text) == " " or _continues(text, nxt) == " "


def _standalone(lines: list[_Line], i: int) -> bool:
    """Not a piece of a sentence wrapped over several lines."""
    prev = lines[i - 1].text if i > 0 else ""
    nxt = lines[i + 1].text if i + 1 < len(lines) else ""
    return (not prev or _ends_sentence(prev) or headline_shape(prev)) and not _continues(lines[i].text, nxt)


def _drop_teasers(lines: list[_Line], keep: list[bool], removed: list[str]) -> None:
    """Drop cards of other articles: a teaser cut off with "…", with its headline.

    A teaser is the last paragraph ending in an ellipsis, or any such
    paragraph right after a headline-shaped line (kept or already dropped).
    """
    kept = [i for i, k in enumerate(keep) if k]
    for n, i in enumerate(kept):
        if not _TEASER_END.search(lines[i].text):
            continue
        head = next((j for j in range(i - 1, -1, -1) if lines[j].text), None)
        headed = head is not None and headline_shape(lines[head].text)
        if n == len(kept) - 1 or headed:
            keep[i] = False
            removed.append(lines[i].text)
            if headed and keep[head]:
                keep[head] = False
                removed.append(lines[head].text)


def _continues(prev: str, line: str) -> str | None:
    """How ``line`` continues ``prev`` when a break cut a sentence: "" to join, " " to join with a space."""
    if not prev or not line:
        return None
    if line[0] in ".,;:!?)]}…" or line[0] in "”\"»" and (len(line) == 1 or line[1] == " "):
        return ""  # "them.⏎⏎.. Here", a closing quote stranded on the next line
    if _SPLIT_NUMBER_HEAD.search(prev) and _SPLIT_NUMBER_TAIL.match(line):
        return ""  # "4.⏎⏎8 million"
    if line[0].islower() and prev.rstrip(_CLOSERS)[-1:] not in (".", "!", "?", "…"):
        return " "  # a sentence wrapped over lines
    return None


def _assemble(lines: list[_Line], keep: list[bool], chars: list[str], offsets: list[int]) -> tuple[list[str], list[int]]:
    """Join kept lines: repaired breaks are closed, paragraph breaks become one blank line."""
    out_chars: list[str] = []
    out_offsets: list[int] = []
    prev: _Line | None = None
    for line, k in zip(lines, keep):
        if not k:
            continue
        if prev is not None:
            breaks = [offsets[j] for j in range(prev.end, line.start) if chars[j] == "\n"]
            joint = _continues(prev.text, line.text)
            if joint == " ":
                out_chars.append(" ")
                out_offsets.append(breaks[0])
            elif joint is None and len(breaks) >= 2:
                out_chars.extend("\n\n")
                out_offsets.extend((breaks[0], breaks[-1]))
            elif joint is None:
                out_chars.append("\n")
                out_offsets.append(breaks[0])
        out_chars.extend(line.text)
        out_offsets.extend(line.offsets)
        prev = line
    return out_chars, out_offsets
