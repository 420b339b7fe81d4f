//! The word tokenizer: Unicode word boundaries (UAX #29), Han runs as bigrams.
//!
//! Every token carries byte offsets into the ORIGINAL text (`offset_from`,
//! `offset_to`), always on char boundaries and in increasing order; the filters
//! that follow change only `text`, never the offsets (tantivy's contract).
//!
//! Decisions:
//! - Words are the segments of [`UnicodeSegmentation::unicode_word_indices`]:
//!   runs with at least one letter or digit. Punctuation and spaces are
//!   dropped. Apostrophes inside words stay (`don't`), hyphens split
//!   (`55-ші` → `55`, `ші`). One departure from UAX #29: a zero-width space
//!   between two words that are not Han joins them (`pro\u{200B}fit` is one
//!   token; PDF extraction leaves these inside words, and the normaliser
//!   drops them from terms). A text made only of Latin and Cyrillic letters,
//!   ASCII digits, spaces and common punctuation (nearly every paragraph of
//!   our papers) is split by the few UAX #29 rules such text needs, in one
//!   pass (a tenth of ingestion went to the general rules); any other
//!   character sends the text to `unicode-segmentation`, and a property test
//!   holds the two to the same answer.
//! - Numbers are kept as tokens, decimals whole (`2010`, `3.7`, `1,5`): years
//!   and figures are things researchers search for, and UAX #29 already keeps
//!   `3.7` together, so `3.7` does not also match `3` and `7`.
//! - Han text has no spaces and UAX #29 cuts it into single characters. A run
//!   of two or more Han characters becomes overlapping character BIGRAMS
//!   (`走出去战略` → `走出 出去 去战 战略`), a lone character a unigram. Bigrams
//!   rather than unigrams because Chinese words are mostly two characters, so a
//!   bigram query (`战略`) matches the word and not every text that merely
//!   holds `战` and `略` apart; the same tokenizer runs on queries, so
//!   `走出去` becomes the phrase `走出 出去`, found inside `走出去战略`. A
//!   single-character query still matches only a single-character run: the
//!   cost of this choice.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use unicode_segmentation::UnicodeSegmentation;

/// Splits text into words on Unicode word boundaries; Han runs into bigrams.
#[derive(Clone, Debug, Default)]
pub struct WordTokenizer {
    spans: Vec<(usize, usize)>,
}

/// Whether `c` is a Han ideograph (CJK Unified Ideographs and extensions,
/// compatibility ideographs).
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}'
        | '\u{30000}'..='\u{3134F}')
}

/// The byte spans of the tokens of `text`, in order (what [`WordTokenizer`] emits).
pub fn token_spans(text: &str, spans: &mut Vec<(usize, usize)>) {
    spans.clear();
    if simple_word_spans(text, spans) {
        return;
    }
    spans.clear();
    // A pending run of adjacent single Han characters: (start, end) of each.
    let mut han: Vec<(usize, usize)> = Vec::new();
    for (start, word) in text.unicode_word_indices() {
        let end = start + word.len();
        let mut chars = word.chars();
        let single_han = matches!((chars.next(), chars.next()), (Some(c), None) if is_han(c));
        if single_han {
            if han.last().is_some_and(|&(_, last_end)| last_end != start) {
                flush_han(&mut han, spans);
            }
            han.push((start, end));
            continue;
        }
        flush_han(&mut han, spans);
        spans.push((start, end));
    }
    flush_han(&mut han, spans);
    if text.contains(ZERO_WIDTH_SPACE) {
        join_across_zero_width_spaces(text, spans);
    }
}

/// U+200B ZERO WIDTH SPACE: a word boundary to UAX #29 (it marks where a
/// line may break), but what PDF extraction leaves inside words of our
/// papers' languages (`pro\u{200B}fit`), as it leaves soft hyphens, which
/// UAX #29 already reads as part of the word.
const ZERO_WIDTH_SPACE: char = '\u{200B}';

/// Joins two words that only zero-width spaces part (neither of them Han,
/// whose text has no spaces), so `pro\u{200B}fit` is one token, which the
/// normaliser makes `profit` (it drops the invisible characters).
fn join_across_zero_width_spaces(text: &str, spans: &mut Vec<(usize, usize)>) {
    let mut joined: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for &(start, end) in spans.iter() {
        if let Some(last) = joined.last_mut()
            && last.1 < start
            && text[last.1..start].chars().all(|c| c == ZERO_WIDTH_SPACE)
            && text[..last.1]
                .chars()
                .next_back()
                .is_some_and(|c| !is_han(c))
            && text[start..].chars().next().is_some_and(|c| !is_han(c))
        {
            last.1 = end;
            continue;
        }
        joined.push((start, end));
    }
    *spans = joined;
}

fn flush_han(han: &mut Vec<(usize, usize)>, spans: &mut Vec<(usize, usize)>) {
    match han.len() {
        0 => {}
        1 => spans.push(han[0]),
        _ => spans.extend(han.windows(2).map(|w| (w[0].0, w[1].1))),
    }
    han.clear();
}

/// The UAX #29 word-break class of a character, for the characters whose
/// class [`simple_word_spans`] knows (Unicode 15.1, `WordBreakProperty.txt`;
/// UAX #29 § 4.1): most text of our papers is made of nothing else.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Wb {
    /// ALetter: Latin, Latin-1, Latin Extended-A/B and IPA letters, Cyrillic
    /// letters (not the combining marks U+0483..=U+0489).
    Letter,
    /// Numeric: ASCII digits.
    Digit,
    /// MidLetter: `:` `·`; joins two letters.
    MidLetter,
    /// MidNum: `,` `;`; joins two digits.
    MidNum,
    /// MidNumLet and Single_Quote: `.` `'` `‘` `’`; join two letters or two digits.
    MidNumLet,
    /// Other, CR, LF, Newline, WSegSpace: spaces and punctuation that never
    /// join anything.
    Other,
}

/// The class of `c`, or `None` for a character the simple path leaves to
/// `unicode-segmentation` (Han, marks, format characters such as the soft
/// hyphen, `_`, other scripts and symbols).
#[inline]
fn wb_class(c: char) -> Option<Wb> {
    if c.is_ascii() {
        return ASCII_WB[c as usize];
    }
    if matches!(c, '\u{400}'..='\u{481}' | '\u{48A}'..='\u{52F}') {
        return Some(Wb::Letter);
    }
    wb_class_by_rule(c)
}

/// [`wb_class_by_rule`] of every ASCII character, looked up.
static ASCII_WB: [Option<Wb>; 128] = {
    let mut table = [None; 128];
    let mut i = 0;
    while i < 128 {
        table[i] = wb_class_by_rule(i as u8 as char);
        i += 1;
    }
    table
};

const fn wb_class_by_rule(c: char) -> Option<Wb> {
    Some(match c {
        'a'..='z' | 'A'..='Z' => Wb::Letter,
        '0'..='9' => Wb::Digit,
        ':' | '\u{00B7}' => Wb::MidLetter,
        ',' | ';' => Wb::MidNum,
        '.' | '\'' | '\u{2018}' | '\u{2019}' => Wb::MidNumLet,
        '_' => return None,
        '\0'..='\u{7F}' => Wb::Other,
        '\u{A0}' | '\u{AB}' | '\u{B0}' | '\u{BB}' | '\u{2010}' | '\u{2013}' | '\u{2014}'
        | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2026}' | '\u{2116}' => Wb::Other,
        '\u{C0}'..='\u{D6}'
        | '\u{D8}'..='\u{F6}'
        | '\u{F8}'..='\u{2AF}'
        | '\u{400}'..='\u{481}'
        | '\u{48A}'..='\u{52F}' => Wb::Letter,
        _ => return None,
    })
}

/// Word spans by the UAX #29 rules that apply to the classes of [`Wb`]:
/// letters and digits join (WB5, WB8–WB10); a MidLetter or MidNumLet
/// between two letters joins them (WB6, WB7); a MidNum or MidNumLet between
/// two digits joins them (WB11, WB12); everything else breaks, and only runs
/// of letters and digits are words. Returns `false`, with `spans` partly
/// filled, when `text` holds a character of no known class: the caller then
/// asks `unicode-segmentation` (which a property test checks this against).
fn simple_word_spans(text: &str, spans: &mut Vec<(usize, usize)>) -> bool {
    let bytes = text.as_bytes();
    // The word being read: its start and the class of its last character.
    let mut word: Option<(usize, Wb)> = None;
    let mut i = 0;
    while i < bytes.len() {
        let (class, len) = wb_class_at(text, i);
        let Some(class) = class else {
            return false;
        };
        match (class, word) {
            (Wb::Letter | Wb::Digit, _) => {
                // The rest of a run of letters and digits in a tight loop:
                // ASCII by table, two-byte Cyrillic letters by their lead
                // byte. Anything else ends the run and goes through the
                // general rules below.
                let start = word.map_or(i, |(start, _)| start);
                let mut last = class;
                i += len;
                loop {
                    match bytes.get(i) {
                        Some(&b) if b < 0x80 => match ASCII_WB[b as usize] {
                            Some(k @ (Wb::Letter | Wb::Digit)) => {
                                last = k;
                                i += 1;
                            }
                            _ => break,
                        },
                        Some(_) if crate::lookalike::is_cyrillic_letter_at(bytes, i) => {
                            last = Wb::Letter;
                            i += 2;
                        }
                        _ => break,
                    }
                }
                word = Some((start, last));
                continue;
            }
            (Wb::MidLetter | Wb::MidNum | Wb::MidNumLet, Some((start, last))) => {
                let next = if i + len < bytes.len() {
                    match wb_class_at(text, i + len).0 {
                        Some(n) => Some(n),
                        None => return false,
                    }
                } else {
                    None
                };
                let joins = match (last, next) {
                    (Wb::Letter, Some(Wb::Letter)) => class != Wb::MidNum,
                    (Wb::Digit, Some(Wb::Digit)) => class != Wb::MidLetter,
                    _ => false,
                };
                if !joins {
                    spans.push((start, i));
                    word = None;
                }
            }
            (_, Some((start, _))) => {
                spans.push((start, i));
                word = None;
            }
            (_, None) => {}
        }
        i += len;
    }
    if let Some((start, _)) = word {
        spans.push((start, text.len()));
    }
    true
}

/// [`wb_class`] of the character at byte `i` of `text` (a character
/// boundary), and its length in bytes.
#[inline]
fn wb_class_at(text: &str, i: usize) -> (Option<Wb>, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        return (ASCII_WB[b as usize], 1);
    }
    match text[i..].chars().next() {
        Some(c) => (wb_class(c), c.len_utf8()),
        None => (None, 1),
    }
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordTokenStream<'a> {
        token_spans(text, &mut self.spans);
        WordTokenStream {
            text,
            spans: &self.spans,
            next: 0,
            token: Token::default(),
        }
    }
}

/// The token stream of [`WordTokenizer`].
pub struct WordTokenStream<'a> {
    text: &'a str,
    spans: &'a [(usize, usize)],
    next: usize,
    token: Token,
}

impl<'a> WordTokenStream<'a> {
    /// Moves to the next token of at most `max_bytes` bytes (longer ones are
    /// dropped, their positions left empty, as tantivy's `RemoveLongFilter`
    /// drops them) and returns its text. The token's offsets and position
    /// are set; its text is left to the caller, a filter that writes its
    /// term there (copying the word in first cost a copy a token).
    pub fn next_word(&mut self, max_bytes: usize) -> Option<&'a str> {
        while let Some(&(from, to)) = self.spans.get(self.next) {
            let at = self.next;
            self.next += 1;
            if to - from <= max_bytes {
                self.token.offset_from = from;
                self.token.offset_to = to;
                self.token.position = at;
                self.token.position_length = 1;
                return self.text.get(from..to);
            }
        }
        None
    }

    /// The text of the token `k` places after the current one (long ones
    /// counted), for a filter that readies its memory for what comes.
    pub fn ahead(&self, k: usize) -> Option<&'a str> {
        let &(from, to) = self.spans.get((self.next + k).checked_sub(1)?)?;
        self.text.get(from..to)
    }
}

impl TokenStream for WordTokenStream<'_> {
    fn advance(&mut self) -> bool {
        let Some(word) = self.next_word(usize::MAX) else {
            return false;
        };
        self.token.text.clear();
        self.token.text.push_str(word);
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: &[&str]) {
        let mut tokenizer = WordTokenizer::default();
        let mut stream = tokenizer.token_stream(text);
        let mut got = Vec::new();
        while let Some(token) = stream.next() {
            assert_eq!(token.text, &text[token.offset_from..token.offset_to]);
            got.push(token.text.clone());
        }
        assert_eq!(got, expected);
    }

    #[test]
    fn words_numbers_and_punctuation() {
        check(
            "Еуровидение 2010, конкурсы (55-ші) 3.7% don't",
            &[
                "Еуровидение",
                "2010",
                "конкурсы",
                "55",
                "ші",
                "3.7",
                "don't",
            ],
        );
    }

    #[test]
    fn han_runs_become_bigrams() {
        check(
            "«走出去战略» policy",
            &["走出", "出去", "去战", "战略", "policy"],
        );
        check("走出去", &["走出", "出去"]);
        check("战 略", &["战", "略"]);
    }

    #[test]
    fn han_next_to_latin_and_pinyin() {
        check(
            "Zǒuchūqū (走出去) strategy",
            &["Zǒuchūqū", "走出", "出去", "strategy"],
        );
    }

    #[test]
    fn positions_are_consecutive() {
        let mut tokenizer = WordTokenizer::default();
        let mut stream = tokenizer.token_stream("a 走出去 b");
        let mut positions = Vec::new();
        while let Some(token) = stream.next() {
            positions.push(token.position);
        }
        assert_eq!(positions, [0, 1, 2, 3]);
    }

    /// The simple path and `unicode-segmentation` split alike, on texts
    /// made of the classes the simple path knows and of others.
    #[track_caller]
    fn check_simple(text: &str) {
        let mut simple = Vec::new();
        let handled = simple_word_spans(text, &mut simple);
        let uax: Vec<(usize, usize)> = text
            .unicode_word_indices()
            .map(|(i, w)| (i, i + w.len()))
            .collect();
        if handled {
            assert_eq!(simple, uax, "{text:?}");
        }
    }

    #[test]
    fn the_simple_path_splits_as_unicode_segmentation() {
        for text in [
            "Еуровидение 2010, конкурсы (55-ші) 3.7% don't",
            "a.b a..b a. .b 1.5 1..5 1,5 1;5 a:b a,b 1:2 a.1 1.a a'b 1'2 a’b",
            "«Қазақстан» — 2010–2015 жж. әлеуеті: 3,7% “quoted” „low“",
            "e.g. U.S.A. 12.5.2020 v2.0 Zǒuchūqū naïve façade",
            "№5 №a a№b 1№2 a…b 1…2 a‐b 20°C",
            "end with mid: a. b, c; d: e'",
            "",
            "   ",
        ] {
            check_simple(text);
            let mut spans = Vec::new();
            assert!(
                simple_word_spans(text, &mut spans),
                "{text:?} is all simple"
            );
        }
        // Characters the simple path leaves to unicode-segmentation.
        for text in [
            "a_b",
            "эконо\u{AD}мика",
            "走出去",
            "x\u{301}y",
            "αβγ δ",
            "м²",
            // Cyrillic combining marks and the thousands sign, inside a
            // run of Cyrillic letters the fast loop reads.
            "слово\u{483}",
            "дв\u{482}а",
        ] {
            let mut spans = Vec::new();
            assert!(!simple_word_spans(text, &mut spans), "{text:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn the_simple_path_agrees_with_unicode_segmentation(
            text in proptest::prop_oneof![
                // Only characters of known classes: the simple path answers.
                "[a-zA-Zа-яәғқңөұүһі0-9 .,;:'’‘·\\-«»—–‐…№°\n\u{A0}ǒəÀ-ÖØ-öø-ÿ]{0,40}",
                // With characters it leaves to unicode-segmentation.
                "[a-zа-яә0-9 .,;:'’_\u{AD}\u{301}×走]{0,40}",
            ]
        ) {
            let mut simple = Vec::new();
            if simple_word_spans(&text, &mut simple) {
                let uax: Vec<(usize, usize)> = text
                    .unicode_word_indices()
                    .map(|(i, w)| (i, i + w.len()))
                    .collect();
                proptest::prop_assert_eq!(simple, uax, "{:?}", text);
            }
        }
    }

    #[test]
    fn a_zero_width_space_inside_a_word_does_not_split_it() {
        check("pro\u{200B}fit ok", &["pro\u{200B}fit", "ok"]);
        check("мигра\u{200B}\u{200B}ция", &["мигра\u{200B}\u{200B}ция"]);
        // Between words it stays a space; in Han text, a boundary.
        check("labour \u{200B}export", &["labour", "export"]);
        check("a\u{200B} b", &["a", "b"]);
        check("走出\u{200B}去", &["走出", "去"]);
        check("走\u{200B}ok", &["走", "ok"]);
    }

    #[test]
    fn empty_and_blank() {
        check("", &[]);
        check(" \n\t—,.", &[]);
    }
}
