//! Input lines and what each one is on its own: blank, page furniture, a
//! classification code, an abstract/keywords/references label, a byline, an
//! affiliation, or text. Context (front matter or body) is decided later.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use memchr::memmem::Finder;
use ushtil_lang::Lang;
use ushtil_lang::lookalike::is_letter;

use crate::tables::{
    ABSTRACT_LABELS, CODE_PREFIXES, FUNCTION_WORDS, FURNITURE_PREFIXES, HEADING_CUES,
    KEYWORD_LABELS, ORGANISATION_CUES, PLACE_CUES, REFERENCE_LABELS, RUNNING_HEADER_CUES,
};
use ushtil_lang::case;

/// What a line is, judged on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Blank,
    /// Page number, running header, DOI, copyright, e-mail.
    Furniture,
    /// `УДК 94(510)`, `МРНТИ 03.20.00`.
    Code,
    /// An abstract label; the content starts at byte `rest` of the line.
    Abstract {
        lang: Option<Lang>,
        rest: usize,
    },
    /// A keywords label; the terms start at byte `rest` of the line.
    Keywords {
        lang: Lang,
        rest: usize,
    },
    /// A reference-list heading.
    References,
    /// A byline: one or more author names.
    Author,
    /// An affiliation line.
    Affiliation,
    Text,
}

/// One input line, trimmed.
#[derive(Clone, Copy, Debug)]
pub struct Line<'a> {
    /// Byte offset of `text` in the input.
    pub offset: usize,
    pub text: &'a str,
    pub kind: Kind,
}

/// Splits the input into trimmed, classified lines. A form feed (a page break
/// in pdftotext output) also ends a line but does not count as one.
pub fn split(input: &str, classify: bool) -> (Vec<Line<'_>>, Vec<(usize, usize)>) {
    let mut lines = Vec::new();
    // `(offset, line number)` of every physical line start, for diagnostics.
    let mut starts = vec![(0usize, 1usize)];
    let bytes = input.as_bytes();
    let mut no = 1;
    let mut start = 0;
    // Line breaks: `\n`, `\r\n`, a lone `\r` (each counted as a line of
    // the file), and a form feed (a page break, not counted).
    while let Some(k) = memchr::memchr3(b'\n', b'\r', 0x0C, &bytes[start..]) {
        let i = start + k;
        let (width, counts) = match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => (2, true),
            b'\n' | b'\r' => (1, true),
            _ => (1, false),
        };
        push_line(&mut lines, input, start, i, classify);
        if counts {
            no += 1;
            starts.push((i + width, no));
        }
        start = i + width;
    }
    push_line(&mut lines, input, start, bytes.len(), classify);
    (lines, starts)
}

fn push_line<'a>(
    lines: &mut Vec<Line<'a>>,
    input: &'a str,
    start: usize,
    end: usize,
    classify: bool,
) {
    let raw = &input[start..end];
    let text = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    let offset = if text.is_empty() {
        start
    } else {
        start + (text.as_ptr() as usize - raw.as_ptr() as usize)
    };
    lines.push(Line {
        offset,
        text,
        kind: if classify {
            classify_basic(text)
        } else {
            Kind::Text
        },
    });
}

/// Classifies one trimmed line on its own.
#[cfg(test)]
pub fn classify(text: &str) -> Kind {
    refine(classify_basic(text), text)
}

/// What a line is, short of bylines and affiliations (which only the front
/// and back matter need, see [`refine`]).
pub fn classify_basic(text: &str) -> Kind {
    if text.is_empty() {
        return Kind::Blank;
    }
    if is_code(text) {
        return Kind::Code;
    }
    if is_furniture(text) {
        return Kind::Furniture;
    }
    if is_reference_label(text) {
        return Kind::References;
    }
    for i in KEYWORD_CUES.candidates(text) {
        let (label, lang) = KEYWORD_LABELS[i];
        if let Some(rest) = after_label(text, label) {
            return Kind::Keywords { lang, rest };
        }
    }
    for i in ABSTRACT_CUES.candidates(text) {
        let (label, lang) = ABSTRACT_LABELS[i];
        if let Some(rest) = after_label(text, label) {
            return Kind::Abstract { lang, rest };
        }
    }
    Kind::Text
}

/// Tells bylines and affiliations among text lines.
pub fn refine(kind: Kind, text: &str) -> Kind {
    if kind != Kind::Text {
        kind
    } else if is_affiliation(text) {
        Kind::Affiliation
    } else if parse_authors(text).is_some() {
        Kind::Author
    } else {
        Kind::Text
    }
}

/// The case-folded first letter [`match_ci`] compares: two first letters can
/// match only if their keys are equal. `None` for a letter whose lower case
/// is more than one letter (`İ`): such a text is compared with every pattern.
fn first_key(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    if let Some(lower) = case::single_lowercase(c) {
        return Some(lower);
    }
    let mut lower = c.to_lowercase();
    let first = lower.next()?;
    lower.next().is_none().then_some(first)
}

/// The patterns of a cue table by the key of their first letter, so that a
/// line is compared only with the patterns its first letter can open
/// (every line was compared with every cue of five tables: a twentieth of
/// all ingestion).
pub struct Labels {
    by_first: rustc_hash::FxHashMap<char, Vec<u16>>,
    len: usize,
    /// Some pattern opens with a letter without a key (or a space, which
    /// [`match_ci`] reads as any run of whitespace): compare with every one.
    scan_all: bool,
}

impl Labels {
    pub fn new<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Labels {
        let mut by_first: rustc_hash::FxHashMap<char, Vec<u16>> = Default::default();
        let mut len = 0;
        let mut scan_all = false;
        for (i, p) in patterns.into_iter().enumerate() {
            len = i + 1;
            match p.chars().next().filter(|&c| c != ' ').and_then(first_key) {
                Some(k) => by_first.entry(k).or_default().push(i as u16),
                None => scan_all = true,
            }
        }
        Labels {
            by_first,
            len,
            scan_all,
        }
    }

    /// The indices (in table order) of the patterns that may match at the
    /// start of `text`: every one [`match_ci`] could accept, and others.
    pub fn candidates(&self, text: &str) -> impl Iterator<Item = usize> + '_ {
        let key = text.chars().next().map(first_key);
        let (some, all) = match key {
            // Empty text: no pattern (none is empty) matches.
            None => (&[][..], 0..0),
            Some(Some(k)) if !self.scan_all => {
                (self.by_first.get(&k).map_or(&[][..], Vec::as_slice), 0..0)
            }
            Some(_) => (&[][..], 0..self.len),
        };
        some.iter().map(|&i| i as usize).chain(all)
    }
}

static CODE_CUES: LazyLock<Labels> = LazyLock::new(|| Labels::new(CODE_PREFIXES.iter().copied()));
static FURNITURE_CUES: LazyLock<Labels> =
    LazyLock::new(|| Labels::new(FURNITURE_PREFIXES.iter().copied()));
static REFERENCE_CUES: LazyLock<Labels> =
    LazyLock::new(|| Labels::new(REFERENCE_LABELS.iter().copied()));
static KEYWORD_CUES: LazyLock<Labels> =
    LazyLock::new(|| Labels::new(KEYWORD_LABELS.iter().map(|(l, _)| *l)));
static ABSTRACT_CUES: LazyLock<Labels> =
    LazyLock::new(|| Labels::new(ABSTRACT_LABELS.iter().map(|(l, _)| *l)));
static HEADING_INDEX: LazyLock<Labels> =
    LazyLock::new(|| Labels::new(HEADING_CUES.iter().map(|(l, _)| *l)));

/// Case-insensitive prefix match of `label` (its spaces match any run of
/// whitespace); returns where the content after the label and its
/// punctuation starts, or `None` if `text` does not open with the label.
pub fn after_label(text: &str, label: &str) -> Option<usize> {
    let end = match_ci(text, label)?;
    let rest = &text[end..];
    let next = rest.chars().next();
    if next.is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    let trimmed = rest.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '.' | ':' | '—' | '–' | '-' | ';')
    });
    Some(text.len() - trimmed.len())
}

/// The byte length of a keyword or abstract label that opens `text` with
/// its colon, full stop or dash (`Ключевые слова:`, `Аңдатпа.`, `Abstract
/// —`) and the blanks after it: text pasted with the label that headed it.
/// A label needs its punctuation, so `Abstract art` keeps its word.
pub fn leading_label(text: &str) -> Option<usize> {
    // Only the labels that open with the text's first letter are compared.
    let keywords = KEYWORD_CUES.candidates(text).map(|i| KEYWORD_LABELS[i].0);
    let abstracts = ABSTRACT_CUES.candidates(text).map(|i| ABSTRACT_LABELS[i].0);
    keywords.chain(abstracts).find_map(|label| {
        let end = match_ci(text, label)?;
        let punctuated = text[end..].trim_start().starts_with([':', '.', '—', '–']);
        punctuated.then(|| after_label(text, label)).flatten()
    })
}

/// Byte length of `text`'s prefix that equals `pattern` case-insensitively.
fn match_ci(text: &str, pattern: &str) -> Option<usize> {
    // Most lines are refused on their first byte: an ASCII letter in the
    // pattern asks for the same letter in either case; a non-ASCII character
    // never matches an ASCII one.
    if let (Some(&t0), Some(&p0)) = (text.as_bytes().first(), pattern.as_bytes().first())
        && (p0.is_ascii_alphabetic() && !t0.eq_ignore_ascii_case(&p0)
            || !p0.is_ascii() && t0.is_ascii())
    {
        return None;
    }
    let mut t = text.char_indices().peekable();
    for p in pattern.chars() {
        if p == ' ' || p == '-' && pattern.starts_with("Key-") {
            // any run of whitespace (at least one) or a hyphen
            let mut seen = false;
            while let Some(&(_, c)) = t.peek() {
                if c.is_whitespace() || (p == '-' && c == '-') {
                    seen = true;
                    t.next();
                } else {
                    break;
                }
            }
            if !seen {
                return None;
            }
            continue;
        }
        let (_, c) = t.next()?;
        if c != p
            && !(c.is_ascii() && c.eq_ignore_ascii_case(&p))
            && (c.is_ascii() || p.is_ascii() || !case::eq_lowercase(c, p))
        {
            return None;
        }
    }
    Some(t.peek().map_or(text.len(), |&(i, _)| i))
}

/// `text` without a trailing colon, period or space: the form [`is_whole`]
/// compares, trimmed once before testing a table of labels.
pub fn without_final_stop(text: &str) -> &str {
    text.trim_end_matches([':', '.', ' '])
}

/// Whether the whole of `core` (a text [`without_final_stop`]) is `pattern`,
/// case-insensitive.
pub fn is_whole(core: &str, pattern: &str) -> bool {
    match_ci(core, pattern).is_some_and(|end| end == core.len())
}

/// Strips a heading number (`1.`, `2 `, `3.1.`, `IV.`); returns whether one was found.
pub fn strip_numbering(text: &str) -> (bool, &str) {
    let digits = text
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b'.')
        .count();
    if digits > 0 && text.as_bytes()[0].is_ascii_digit() && digits <= 8 {
        let rest = &text[digits..];
        let number = &text[..digits];
        let ok_number = number.split('.').all(|p| p.len() <= 2);
        if ok_number && rest.starts_with([' ', '\t']) {
            return (true, rest.trim_start());
        }
        // `1.Introduction`
        if ok_number && number.ends_with('.') && rest.starts_with(char::is_alphabetic) {
            return (true, rest);
        }
    }
    for roman in ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"] {
        if let Some(rest) = text.strip_prefix(roman).and_then(|r| r.strip_prefix(". ")) {
            return (true, rest.trim_start());
        }
    }
    (false, text)
}

pub fn is_reference_label(text: &str) -> bool {
    let (_, core) = strip_numbering(text);
    let core = without_final_stop(core);
    REFERENCE_CUES
        .candidates(core)
        .any(|i| is_whole(core, REFERENCE_LABELS[i]))
}

/// A heading from the cue table, possibly numbered.
pub fn is_heading_cue(text: &str) -> bool {
    heading_cue_lang(text).is_some()
}

/// The language of a heading from the cue table (`Кіріспе` → kk).
pub fn heading_cue_lang(text: &str) -> Option<Lang> {
    let (_, core) = strip_numbering(text);
    let core = without_final_stop(core);
    HEADING_INDEX
        .candidates(core)
        .map(|i| HEADING_CUES[i])
        .find(|(l, _)| is_whole(core, l))
        .map(|(_, lang)| lang)
}

fn is_code(text: &str) -> bool {
    CODE_CUES
        .candidates(text)
        .map(|i| CODE_PREFIXES[i])
        .any(|p| {
            match_ci(text, p).is_some_and(|end| {
                let rest = &text[end..];
                !rest.starts_with(char::is_alphabetic)
                    && rest.contains(|c: char| c.is_ascii_digit())
            })
        })
}

/// A line of page furniture (see the tables' sources).
pub fn is_furniture(text: &str) -> bool {
    // Page number, also `– 15 –` or `- 15 -`.
    let core = text.trim_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—' | '|'));
    if !core.is_empty() && core.len() <= 4 && core.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    // A furniture opening followed by a date, number or address (`Received
    // 12 March 2016`, `DOI 10.…`, `e-mail: a@b.kz`), never by prose.
    if FURNITURE_CUES
        .candidates(text)
        .map(|i| FURNITURE_PREFIXES[i])
        .any(|p| {
            match_ci(text, p).is_some_and(|end| {
                let rest = text[end..].trim_start_matches([':', ' ', '\t', '/']);
                rest.starts_with(|c: char| c.is_ascii_digit()) || has_at_sign(rest) || p == "©"
            })
        })
    {
        return true;
    }
    if has_at_sign(text) && !text.contains(' ') {
        return true;
    }
    // What follows needs a digit (an ISSN's, or a header's year or number):
    // most lines, prose, are refused here on one byte scan.
    if !has_ascii_digit(text) {
        return false;
    }
    if text.chars().count() > 250 {
        return false;
    }
    if let Some(i) = ISSN.find(text.as_bytes())
        && text[i..].contains(|c: char| c.is_ascii_digit())
    {
        return true;
    }
    // A reference entry's continuation (`Хабаршысы. – 2015. – №1. – 45-52 б.`)
    // names a journal too, but with the dashes and slashes of a citation.
    if has_citation_mark(text) {
        return false;
    }
    // Two of the cues, each anywhere (`сериясы` holds `серия` too).
    let lower = case::to_lowercase(text);
    RUNNING_HEADER_SEARCH
        .iter()
        .filter(|f| f.find(lower.as_bytes()).is_some())
        .take(2)
        .count()
        == 2
}

static ISSN: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("ISSN"));

/// Whether `text` has an ASCII digit. Every line asks, and most have none:
/// read 32 bytes at a time with no early exit inside a block, which the
/// compiler turns into vector compares (a byte-by-byte `any` cost 5 times
/// as many instructions).
fn has_ascii_digit(text: &str) -> bool {
    let is_digit = |b: &u8| b.wrapping_sub(b'0') < 10;
    let mut blocks = text.as_bytes().chunks_exact(32);
    blocks
        .by_ref()
        .any(|block| block.iter().fold(false, |any, b| any | is_digit(b)))
        || blocks.remainder().iter().any(is_digit)
}

/// Whether `text` has one of the marks of a citation that a running header
/// does not have: ` – `, ` - ` or `//`. One vectorised pass for the bytes
/// that can start them (`–` is 0xE2 0x80 0x93 in UTF-8).
fn has_citation_mark(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr3_iter(b'-', b'/', 0xE2, bytes).any(|i| {
        let before_space = i > 0 && bytes[i - 1] == b' ';
        match bytes[i] {
            b'-' => before_space && bytes.get(i + 1) == Some(&b' '),
            b'/' => bytes.get(i + 1) == Some(&b'/'),
            _ => before_space && bytes[i..].starts_with("– ".as_bytes()),
        }
    })
}

/// Whether `text` has an `@` (a vectorised search: every line asks).
fn has_at_sign(text: &str) -> bool {
    memchr::memchr(b'@', text.as_bytes()).is_some()
}

/// A vectorised search for each of [`RUNNING_HEADER_CUES`] (a dozen
/// searches of a short line cost less than one automaton walking it).
static RUNNING_HEADER_SEARCH: LazyLock<Vec<Finder<'static>>> =
    LazyLock::new(|| RUNNING_HEADER_CUES.iter().map(Finder::new).collect());

fn is_affiliation(text: &str) -> bool {
    if text.chars().count() > 250 {
        return false;
    }
    let lower = case::to_lowercase(text);
    let marker = text.starts_with(['¹', '²', '³', '⁴', '⁵', '*'])
        || (text.starts_with(|c: char| c.is_ascii_digit())
            && text[1..].starts_with(|c: char| c.is_alphabetic()));
    let organisation = has_cue(&ORGANISATION_SEARCH, &lower);
    let place = has_cue(&PLACE_SEARCH, &lower);
    // `Almaty, Kazakhstan`: short comma-separated place names.
    let place_list =
        place && text.contains(',') && text.split(',').all(|p| p.split_whitespace().count() <= 2);
    (organisation && (place || marker || text.contains(','))) || place_list || (marker && place)
}

/// One search for all of [`ORGANISATION_CUES`], one for all of [`PLACE_CUES`].
static ORGANISATION_SEARCH: LazyLock<Cues> = LazyLock::new(|| Cues::new(ORGANISATION_CUES));
static PLACE_SEARCH: LazyLock<Cues> = LazyLock::new(|| Cues::new(PLACE_CUES));

/// The most cues a table may hold (checked when the tables compile).
const MAX_CUES: usize = 64;
const _: () = assert!(ORGANISATION_CUES.len() <= MAX_CUES && PLACE_CUES.len() <= MAX_CUES);

struct Cues {
    search: AhoCorasick,
}

impl Cues {
    fn new(cues: &[&str]) -> Cues {
        Cues {
            search: AhoCorasick::new(cues).expect("the cue tables are a few short strings"),
        }
    }
}

/// Whether a cue occurs in `lower` at the start of a word (not after a letter
/// or digit). Each cue's occurrences are taken as `str::match_indices` takes
/// them (left to right, each after the end of the one before), so the answer
/// is that of searching for the cues one by one.
fn has_cue(cues: &Cues, lower: &str) -> bool {
    // Where each cue's next occurrence may start.
    let mut free_from = [0usize; MAX_CUES];
    for m in cues.search.find_overlapping_iter(lower) {
        let k = m.pattern().as_usize();
        if m.start() < free_from[k] {
            continue;
        }
        free_from[k] = m.end();
        let at_word_start = !lower[..m.start()]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        if at_word_start {
            return true;
        }
    }
    false
}

/// Superscript and symbol markers that tie an author to an affiliation.
const AUTHOR_MARKERS: &[char] = &[
    '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹', '⁰', '*', '†', '‡',
];

/// Parses a byline into names (`Назира Болдурукова`, `Н.Б. Болдурукова`,
/// `Boldurukova N.B.¹*, Smith J.²`), or `None` if the line is not one.
pub fn parse_authors(text: &str) -> Option<Vec<String>> {
    if text.chars().count() > 200 || text.ends_with(':') || has_lower_case_token(text) {
        return None;
    }
    parse_authors_of(text)
}

/// The words a byline joins names with (see [`split_on_and`]).
const NAME_JOINERS: [&str; 3] = ["and", "и", "және"];

/// Whether a piece of `text` (a run between whitespace, `,`, `;` and `&`,
/// without digits and author markers) opens with a character that is not
/// upper case and is not one of the [`NAME_JOINERS`]: such a piece is a
/// token of some name and neither initials nor a name word, so `text` is no
/// byline. Most lines of prose or references are refused here at their
/// first lower-case word, before the byline is taken apart.
fn has_lower_case_token(text: &str) -> bool {
    let is_cut = |c: char| c.is_whitespace() || matches!(c, ',' | ';' | '&');
    let is_dropped = |c: char| c.is_ascii_digit() || AUTHOR_MARKERS.contains(&c);
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| !is_cut(c) && !is_dropped(c)) {
        let piece = &rest[start..];
        let end = piece.find(is_cut).unwrap_or(piece.len());
        let (piece, after) = piece.split_at(end);
        let first = piece.chars().next().unwrap_or(' ');
        if !case::is_uppercase(first) {
            let cleaned: String = piece.chars().filter(|&c| !is_dropped(c)).collect();
            if !NAME_JOINERS.contains(&cleaned.as_str()) {
                return true;
            }
        }
        rest = after;
    }
    false
}

/// [`parse_authors`] past its quick refusals.
fn parse_authors_of(text: &str) -> Option<Vec<String>> {
    // Digits only as markers right after a name or another marker.
    let (mut prev2, mut prev) = (' ', ' ');
    for c in text.chars() {
        if c.is_ascii_digit() {
            let marker_position = is_letter(prev)
                || prev.is_ascii_digit()
                || AUTHOR_MARKERS.contains(&prev)
                || prev == ',' && prev2.is_ascii_digit();
            if !marker_position {
                return None;
            }
        }
        (prev2, prev) = (prev, c);
    }
    let mut cleaned = String::with_capacity(text.len());
    cleaned.extend(
        text.chars()
            .filter(|c| !c.is_ascii_digit() && !AUTHOR_MARKERS.contains(c)),
    );
    let mut names = Vec::new();
    for part in cleaned.split([',', ';', '&']) {
        for name in split_on_and(part) {
            let tokens: Vec<&str> = name.split_whitespace().collect();
            if tokens.is_empty() {
                continue;
            }
            if tokens.len() > 4 {
                return None;
            }
            let initials = tokens.iter().filter(|t| is_initials(t)).count();
            let words = tokens.iter().filter(|t| is_name_word(t)).count();
            if initials + words != tokens.len() {
                return None;
            }
            let ok = (initials == 0 && (2..=3).contains(&words))
                || (initials >= 1 && (1..=2).contains(&words));
            if !ok {
                return None;
            }
            names.push(tokens.join(" "));
        }
    }
    (!names.is_empty()).then_some(names)
}

fn split_on_and(part: &str) -> Vec<&str> {
    let mut out = vec![part];
    for joiner in NAME_JOINERS {
        let sep = format!(" {joiner} ");
        out = out
            .into_iter()
            .flat_map(|p| p.split(sep.as_str()))
            .collect();
    }
    out
}

fn is_initials(token: &str) -> bool {
    // `Н.`, `Н.Б.`, `Zh.`, `N.B.`
    token.ends_with('.')
        && token.split_terminator('.').all(|p| {
            let n = p.chars().count();
            (1..=2).contains(&n)
                && p.chars().next().is_some_and(case::is_uppercase)
                && p.chars().all(is_letter)
        })
}

fn is_name_word(token: &str) -> bool {
    let mut chars = token.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    case::is_uppercase(first)
        && token.chars().count() >= 2
        && chars.all(|c| case::is_lowercase(c) || c == '-' || c == '\'' || c == '’')
        && !FUNCTION_WORDS.contains(&case::to_lowercase(token).as_str())
        && !{
            let core = without_final_stop(token);
            HEADING_INDEX
                .candidates(core)
                .any(|i| is_whole(core, HEADING_CUES[i].0))
        }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_leading_label_needs_its_punctuation() {
        use super::leading_label;
        fn cut(t: &str) -> Option<&str> {
            leading_label(t).map(|n| &t[n..])
        }
        assert_eq!(
            cut("Ключевые слова: Китай, мигранты"),
            Some("Китай, мигранты")
        );
        assert_eq!(cut("ТҮЙІН СӨЗДЕР: Қытай"), Some("Қытай"));
        assert_eq!(cut("Аңдатпа. Мақалада"), Some("Мақалада"));
        assert_eq!(cut("Abstract — The article"), Some("The article"));
        assert_eq!(cut("Keywords : China"), Some("China"));
        for t in [
            "Abstract art",
            "Keywordsmith: a",
            "Summary",
            "China: keywords",
        ] {
            assert_eq!(cut(t), None, "{t:?}");
        }
    }

    use super::*;

    #[test]
    fn lines_keep_numbers_and_offsets() {
        let input = "a\r\n  b \n\u{0C}c\rd";
        let (lines, starts) = split(input, true);
        let got: Vec<_> = lines.iter().map(|l| l.text).collect();
        assert_eq!(got, ["a", "b", "", "c", "d"]);
        assert_eq!(starts.iter().map(|s| s.1).collect::<Vec<_>>(), [1, 2, 3, 4]);
        for l in &lines {
            assert_eq!(&input[l.offset..l.offset + l.text.len()], l.text);
        }
        assert_eq!(starts.last(), Some(&(input.len() - 1, 4)));
        // A final break opens an empty last line; `\r` at the very end too.
        let (lines, starts) = split("x\r\n", false);
        assert_eq!(lines.iter().map(|l| l.text).collect::<Vec<_>>(), ["x", ""]);
        assert_eq!(starts, [(0, 1), (3, 2)]);
        let (lines, starts) = split("\u{0C}\r", false);
        assert_eq!(lines.len(), 3);
        assert_eq!(starts, [(0, 1), (2, 2)]);
    }

    #[test]
    fn labels_and_furniture() {
        assert!(matches!(
            classify("Түйін сөздер: Қытай, мигранттар."),
            Kind::Keywords {
                lang: Lang::Kk,
                rest: 25
            }
        ));
        assert!(matches!(
            classify("Key words: China"),
            Kind::Keywords { lang: Lang::En, .. }
        ));
        assert!(matches!(
            classify("Аңдатпа. Мақалада"),
            Kind::Abstract {
                lang: Some(Lang::Kk),
                ..
            }
        ));
        assert_eq!(classify("Abstracts of the world"), Kind::Text);
        assert_eq!(classify("Список литературы"), Kind::References);
        assert_eq!(classify("ӘДЕБИЕТТЕР ТІЗІМІ"), Kind::References);
        assert_eq!(classify("УДК 94(510)"), Kind::Code);
        assert_eq!(classify("МРНТИ 03.20.00"), Kind::Code);
        assert_eq!(classify("15"), Kind::Furniture);
        assert_eq!(
            classify("ISSN 1563-0285 ҚазҰУ Хабаршысы. Вестник КазНУ. Bulletin. №2 (74). 2016"),
            Kind::Furniture
        );
        assert_eq!(
            classify("Вестник КазНУ. Серия историческая. №1. 2019"),
            Kind::Furniture
        );
        // Two cues make a running header, one does not; `сериясы` holds
        // `серия` as well.
        assert_eq!(classify("ҚазҰУ Сериясы 3, 2019"), Kind::Furniture);
        assert_eq!(
            classify("The journal published 40 papers in 2019 on labour migration"),
            Kind::Text
        );
    }

    proptest::proptest! {
        /// The quick refusal refuses only lines the full parse refuses.
        #[test]
        fn a_lower_case_token_refuses_only_what_the_parse_refuses(
            text in "((Smith|Назира|N\\.B\\.|Н\\.|J\\.|and|и|және|an1d|mith|et|al\\.|¹|\\*|2)[ ,;&]{1,2}){1,8}"
        ) {
            if has_lower_case_token(&text) {
                proptest::prop_assert_eq!(parse_authors_of(&text), None);
            }
        }
    }

    #[test]
    fn bylines_and_affiliations() {
        assert_eq!(
            parse_authors("Назира Болдурукова"),
            Some(vec!["Назира Болдурукова".to_string()])
        );
        assert_eq!(
            parse_authors("Болдурукова Н.Б.¹*, Smith J.²"),
            Some(vec!["Болдурукова Н.Б.".to_string(), "Smith J.".to_string()])
        );
        assert_eq!(
            parse_authors("A.K. Sultanova and B. Omarov"),
            Some(vec!["A.K. Sultanova".to_string(), "B. Omarov".to_string()])
        );
        assert_eq!(parse_authors("Introduction"), None);
        assert_eq!(parse_authors("Huaqiao and China"), None);
        assert_eq!(parse_authors("The Going Out"), None);
        assert_eq!(classify("Going Out Policy of China"), Kind::Text);
        assert_eq!(
            classify("¹Әл-Фараби атындағы Қазақ ұлттық университеті, Алматы, Қазақстан"),
            Kind::Affiliation
        );
        assert_eq!(classify("Almaty, Kazakhstan"), Kind::Affiliation);
    }

    /// The cue test as it was written first: each cue searched on its own.
    fn has_cue_one_by_one(cues: &[&str], lower: &str) -> bool {
        cues.iter().any(|c| {
            lower.match_indices(c).any(|(i, _)| {
                !lower[..i]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
            })
        })
    }

    /// `match_ci` as first written, without its first-byte refusal.
    fn match_ci_reference(text: &str, pattern: &str) -> Option<usize> {
        let mut t = text.char_indices().peekable();
        for p in pattern.chars() {
            if p == ' ' || p == '-' && pattern.starts_with("Key-") {
                let mut seen = false;
                while let Some(&(_, c)) = t.peek() {
                    if c.is_whitespace() || (p == '-' && c == '-') {
                        seen = true;
                        t.next();
                    } else {
                        break;
                    }
                }
                if !seen {
                    return None;
                }
                continue;
            }
            let (_, c) = t.next()?;
            if c != p
                && !(c.is_ascii() && c.eq_ignore_ascii_case(&p))
                && (c.is_ascii() || p.is_ascii() || !c.to_lowercase().eq(p.to_lowercase()))
            {
                return None;
            }
        }
        Some(t.peek().map_or(text.len(), |&(i, _)| i))
    }

    proptest::proptest! {
        /// The block-wise digit test and the one-pass search for citation
        /// marks answer as the plain searches do.
        #[test]
        fn the_line_scans_answer_as_the_plain_searches(
            text in "([a-zа-я0-9 /–—-]|//| – | - ){0,60}|\\PC{0,70}",
        ) {
            proptest::prop_assert_eq!(
                has_ascii_digit(&text),
                text.bytes().any(|b| b.is_ascii_digit())
            );
            proptest::prop_assert_eq!(
                has_citation_mark(&text),
                [" – ", "//", " - "].iter().any(|m| text.contains(m))
            );
        }

        #[test]
        fn label_matching_matches_the_first_version(
            label in proptest::sample::select(
                KEYWORD_LABELS.iter().map(|l| l.0)
                    .chain(ABSTRACT_LABELS.iter().map(|l| l.0))
                    .chain(CODE_PREFIXES.iter().copied())
                    .chain(FURNITURE_PREFIXES.iter().copied())
                    .chain(REFERENCE_LABELS.iter().copied())
                    .chain(["Key-words", " x", "İ", "K"])
                    .collect::<Vec<_>>()
            ),
            cut in 0usize..20,
            upper in proptest::bool::ANY,
            tail in "\\PC{0,6}",
            noise in "\\PC{0,12}",
        ) {
            let mut text: String = label.chars().take(cut).collect();
            if upper {
                text = text.to_uppercase();
            }
            text.push_str(&tail);
            for t in [text.as_str(), noise.as_str()] {
                proptest::prop_assert_eq!(match_ci(t, label), match_ci_reference(t, label), "{:?}", t);
            }
        }

        /// A table's first-letter index never leaves out a pattern that
        /// matches: the index only skips what cannot.
        #[test]
        fn a_label_index_offers_every_label_that_matches(
            table in 0usize..4,
            pick in 0usize..64,
            cut in 0usize..20,
            upper in proptest::bool::ANY,
            tail in "\\PC{0,6}",
            noise in "\\PC{0,12}",
        ) {
            let tables: [Vec<&str>; 4] = [
                HEADING_CUES.iter().map(|l| l.0).collect(),
                KEYWORD_LABELS.iter().map(|l| l.0).chain(ABSTRACT_LABELS.iter().map(|l| l.0)).collect(),
                CODE_PREFIXES.iter().chain(FURNITURE_PREFIXES).copied().collect(),
                // Odd first letters: a space, `İ` (two letters in lower case),
                // the Kelvin sign (lower case ASCII `k`).
                vec!["İstanbul", " x", "\u{212A}elvin", "kelvin", "Kelvin", "Ключевые"],
            ];
            let patterns = &tables[table];
            let label = patterns[pick % patterns.len()];
            let labels = Labels::new(patterns.iter().copied());
            let mut text: String = label.chars().take(cut).collect();
            if upper {
                text = text.to_uppercase();
            }
            text.push_str(&tail);
            for t in [text.as_str(), noise.as_str(), "İSTANBUL", "\u{212A}ELVIN"] {
                let offered: Vec<usize> = labels.candidates(t).collect();
                proptest::prop_assert!(offered.windows(2).all(|w| w[0] < w[1]), "in table order");
                for (i, p) in patterns.iter().enumerate() {
                    if match_ci(t, p).is_some() {
                        proptest::prop_assert!(offered.contains(&i), "{:?} matches {:?}", t, p);
                    }
                }
            }
        }
    }

    #[test]
    fn cue_search_finds_word_starts_only() {
        assert!(has_cue(&PLACE_SEARCH, "алматы, қазақстан"));
        assert!(has_cue(&PLACE_SEARCH, "xchina china"));
        assert!(!has_cue(&PLACE_SEARCH, "xchina"));
        assert!(has_cue(
            &ORGANISATION_SEARCH,
            "¹әл-фараби атындағы университеті"
        ));
        assert!(!has_cue(&ORGANISATION_SEARCH, "the multiuniversity"));
    }

    proptest::proptest! {
        #[test]
        fn cue_search_matches_searching_cue_by_cue(
            words in proptest::collection::vec(
                "(university|universiteti|school of|research centre|ғылыми-зерттеу|алматы|china|nur-sultan|x|1|-| |, )",
                0..12,
            )
        ) {
            let lower = words.concat();
            for (search, cues) in [(&ORGANISATION_SEARCH, ORGANISATION_CUES), (&PLACE_SEARCH, PLACE_CUES)] {
                proptest::prop_assert_eq!(has_cue(search, &lower), has_cue_one_by_one(cues, &lower), "{}", lower);
            }
        }
    }

    #[test]
    fn numbered_headings() {
        assert_eq!(strip_numbering("1. Introduction"), (true, "Introduction"));
        assert_eq!(strip_numbering("2 Кіріспе"), (true, "Кіріспе"));
        assert_eq!(strip_numbering("3.1 Data"), (true, "Data"));
        assert_eq!(strip_numbering("1978 was"), (false, "1978 was"));
        assert!(is_heading_cue("1. INTRODUCTION"));
        assert!(is_heading_cue("Қорытынды"));
    }
}
