//! Repaired text built from input lines: lines joined (line-end hyphens kept or
//! removed), split ligatures joined, Latin look-alikes mapped to Cyrillic, and
//! every repair recorded as a [`Diagnostic`] pointing into the input.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::sync::LazyLock;

use rustc_hash::FxHashSet;

use crate::model::{Diagnostic, DiagnosticKind};
use crate::tables::{
    EN_COMPOUND_FIRST_PARTS, EN_SUFFIX_OPENINGS, FUNCTION_WORDS, KK_COMPOUND_FIRST_ENDINGS,
    KK_LETTERS, LIGATURE_CHARS, LIGATURE_SPLITS, LINE_HYPHENS, RU_ADJECTIVE_ENDINGS,
    RU_ADJECTIVE_SUFFIX_OPENINGS, RU_HYPHEN_PARTICLES, RU_HYPHEN_PREFIXES,
    WORDS_ENDING_IN_LIGATURE,
};
use ushtil_lang::case;

fn is_line_hyphen(c: char) -> bool {
    LINE_HYPHENS.contains(&c)
}

use ushtil_lang::lookalike::{is_word_char, word_char_class_at};

/// The words of a document seen in clean contexts (lower-cased): not next to a
/// split ligature and not cut by a line-end hyphen. Hyphenated compounds are
/// kept whole as well as by part, so `re-emigrants` elsewhere keeps `re-`/`emigrants`.
/// Collected when first asked for: many papers never ask (no line-end hyphen,
/// no split ligature). The set holds each word's [`word_hash`], not the word:
/// nothing is copied or allocated per word, and the set stays small enough
/// for the cache (a paper has a few thousand distinct words, so two of them
/// share a 64-bit hash with odds of about one in 10^12).
#[derive(Default)]
pub struct Vocab<'a> {
    /// The text the words come from.
    text: &'a str,
    words: OnceCell<Words>,
}

type Words = FxHashSet<u64>;

impl<'a> Vocab<'a> {
    pub fn from_text(text: &'a str) -> Vocab<'a> {
        Vocab {
            text,
            words: OnceCell::new(),
        }
    }

    fn words(&self) -> &Words {
        self.words.get_or_init(|| words_of(self.text))
    }

    fn contains(&self, word: &str) -> bool {
        self.words().contains(&word_hash(word))
    }
}

/// The hash a [`Vocab`] keeps of a word: of the characters of
/// `word.to_lowercase()`, in order, and their number. ASCII and the
/// Cyrillic block are lower-cased from their bytes ([`CYRILLIC_LOWER`]); a
/// word with any other character is lower-cased whole first.
fn word_hash(word: &str) -> u64 {
    let bytes = word.as_bytes();
    let lower = &*CYRILLIC_LOWER;
    let mut h = CharHasher::default();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let c = match b {
            0x00..=0x7F => {
                i += 1;
                u32::from(b.to_ascii_lowercase())
            }
            0xD0..=0xD3 => {
                i += 2;
                match lower[cyrillic_index(b, bytes[i - 1])] {
                    // U+0482 (҂), not a letter: its own lower case.
                    0 => 0x482,
                    c => u32::from(c),
                }
            }
            _ => return slow_word_hash(word),
        };
        h.add(c);
    }
    h.finish()
}

/// [`word_hash`] through `str::to_lowercase` (final sigma and all).
fn slow_word_hash(word: &str) -> u64 {
    let mut h = CharHasher::default();
    for c in case::to_lowercase(word).chars() {
        h.add(u32::from(c));
    }
    h.finish()
}

/// The lower case of every character of U+0400..=U+04FF, by
/// [`cyrillic_index`] of its two UTF-8 bytes; 0 for U+0482 (҂), the block's
/// one character that is not part of a word (`lookalike::is_word_char`).
/// Each of them lower-cases to one character of the block.
static CYRILLIC_LOWER: LazyLock<[u16; 256]> = LazyLock::new(|| {
    let mut table = [0u16; 256];
    for (slot, code) in table.iter_mut().zip(0x400u32..) {
        let c = char::from_u32(code).unwrap_or_default();
        let mut lower = c.to_lowercase();
        if let (Some(l), None) = (lower.next(), lower.next())
            && is_word_char(c)
        {
            *slot = u16::try_from(u32::from(l)).unwrap_or(0);
        }
    }
    table
});

/// The place in [`CYRILLIC_LOWER`] of the character whose UTF-8 bytes are
/// `lead` (0xD0..=0xD3) and `next`.
#[inline]
fn cyrillic_index(lead: u8, next: u8) -> usize {
    (usize::from(lead & 0x03) << 6) | usize::from(next & 0x3F)
}

/// A multiply-rotate hash of a sequence of characters, finished with
/// MurmurHash3's 64-bit mix so that every bit of the result depends on
/// every character.
struct CharHasher {
    state: u64,
    len: u64,
}

impl Default for CharHasher {
    fn default() -> Self {
        CharHasher {
            state: 0x243F_6A88_85A3_08D3,
            len: 0,
        }
    }
}

impl CharHasher {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;

    #[inline]
    fn add(&mut self, c: u32) {
        self.state = (self.state.rotate_left(23) ^ u64::from(c)).wrapping_mul(Self::K);
        self.len += 1;
    }

    fn finish(&self) -> u64 {
        let mut h = self.state ^ self.len;
        h ^= h >> 33;
        h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
        h ^= h >> 33;
        h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
        h ^ (h >> 33)
    }
}

/// The words of `text` for a [`Vocab`]: the [`word_hash`] of every word
/// [`for_each_clean_word`] gives, computed while the word is scanned (an
/// ASCII or Cyrillic letter is lower-cased and hashed as it is read; a word
/// with any other letter is hashed again whole). One pass instead of a scan
/// and a second read of every word: this set is built for every paper.
fn words_of(text: &str) -> Words {
    let text = expand_ligature_chars(text);
    let text: &str = &text;
    let bytes = text.as_bytes();
    let lower = &*CYRILLIC_LOWER;
    // Room for the distinct words of a paper (about one per 23 bytes in
    // the reference article), so the set rarely grows.
    let mut words = FxHashSet::with_capacity_and_hasher(text.len() / 24, rustc_hash::FxBuildHasher);
    let mut context = CleanContext::default();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            if !b.is_ascii_alphabetic() {
                i += 1;
                continue;
            }
        } else {
            let (word, _, len) = word_char_class_at(text, i);
            if !word {
                i += len;
                continue;
            }
        }
        let start = i;
        let mut h = CharHasher::default();
        // Whether every character was hashed as it was read.
        let mut hashed = true;
        context.part_starts.clear();
        while let Some(&b) = bytes.get(i) {
            match b {
                b'a'..=b'z' | b'A'..=b'Z' => {
                    h.add(u32::from(b | 0x20));
                    i += 1;
                }
                b'-' if i + 1 < bytes.len() && word_char_class_at(text, i + 1).0 => {
                    context.part_starts.push(i + 1);
                    h.add(u32::from(b'-'));
                    i += 1;
                }
                0x00..=0x7F => break,
                0xD0..=0xD3 => match lower[cyrillic_index(b, bytes[i + 1])] {
                    0 => break,
                    c => {
                        h.add(u32::from(c));
                        i += 2;
                    }
                },
                _ => {
                    let (word, _, len) = word_char_class_at(text, i);
                    if !word {
                        break;
                    }
                    hashed = false;
                    i += len;
                }
            }
        }
        if !context.is_clean(text, start, i) {
            continue;
        }
        let token = &text[start..i];
        words.insert(if hashed { h.finish() } else { word_hash(token) });
        let mut s = start;
        for &next in &context.part_starts {
            words.insert(word_hash(&text[s..next - 1]));
            s = next;
        }
        if s != start {
            words.insert(word_hash(&text[s..i]));
        }
    }
    words
}

/// `text` with its ligature characters (`ﬁ`) read as their letters.
fn expand_ligature_chars(text: &str) -> Cow<'_, str> {
    if !has_ligature_char(text) {
        return Cow::Borrowed(text);
    }
    let mut expanded = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match LIGATURE_CHARS.iter().find(|(l, _)| *l == c) {
            Some((_, letters)) => expanded.push_str(letters),
            None => expanded.push(c),
        }
    }
    Cow::Owned(expanded)
}

/// What tells whether a word of a text, read in order, stands in a clean
/// context ([`CleanContext::is_clean`]).
#[derive(Default)]
struct CleanContext {
    /// Where the previous word ended, if it was a ligature fragment
    /// followed by a space.
    prev_fragment_end: Option<usize>,
    /// Starts of the parts after the first, in the hyphenated compound
    /// being read.
    part_starts: Vec<usize>,
}

impl CleanContext {
    /// Whether the word `text[start..end]` (with its parts' starts in
    /// `part_starts`) is in a clean context: not cut by a line-end hyphen
    /// and not next to a split ligature. Called for every word, in order.
    fn is_clean(&mut self, text: &str, start: usize, end: usize) -> bool {
        let bytes = text.as_bytes();
        // Cut by a line-end hyphen (a soft hyphen cuts wherever it stands),
        // or at the start of a line after one; the blanks around a line
        // break are ASCII, read as bytes.
        // (The line hyphens are `-`, and characters whose UTF-8 opens with
        // 0xC2 or 0xE2: only those bytes need the character read.)
        let cut_at_end = match bytes.get(end) {
            Some(b'-' | 0xC2 | 0xE2) => match text[end..].chars().next() {
                Some('\u{00AD}') => true,
                Some(h) if is_line_hyphen(h) => line_ends_at(bytes, end + h.len_utf8()),
                _ => false,
            },
            _ => false,
        };
        let line_start = trim_blanks_end(bytes, start);
        let cut_at_start = line_start > 0
            && bytes[line_start - 1] == b'\n'
            && text[..trim_blanks_end(bytes, line_start - 1)].ends_with(LINE_HYPHENS);
        // Next to a split ligature.
        let last_part = &text[self.part_starts.last().copied().unwrap_or(start)..end];
        let fragment = bytes.get(end) == Some(&b' ')
            && bytes.get(end + 1).is_some_and(u8::is_ascii_lowercase)
            && ends_like_ligature(bytes[end - 1])
            && is_ligature_fragment(last_part);
        let after_fragment = self.prev_fragment_end.is_some_and(|e| e + 1 == start);
        self.prev_fragment_end = fragment.then_some(end);
        !(cut_at_end || cut_at_start || fragment || after_fragment)
    }
}

/// Calls `f` with every word of `text` a [`Vocab`] keeps: each word in a
/// clean context, and a hyphenated compound's parts too. The plain
/// statement of what [`words_of`] computes, which the tests hold it to.
#[cfg(test)]
fn for_each_clean_word<'t>(text: &'t str, f: &mut impl FnMut(&'t str)) {
    let bytes = text.as_bytes();
    let mut context = CleanContext::default();
    let mut i = 0;
    while i < bytes.len() {
        let (word, _, len) = word_char_class_at(text, i);
        if !word {
            i += len;
            continue;
        }
        // A compound: letter runs joined by single hyphens.
        let start = i;
        i += len;
        context.part_starts.clear();
        while i < bytes.len() {
            let (word, _, len) = word_char_class_at(text, i);
            if word {
                i += len;
            } else if bytes[i] == b'-' && i + 1 < bytes.len() && word_char_class_at(text, i + 1).0 {
                context.part_starts.push(i + 1);
                i += 1;
            } else {
                break;
            }
        }
        let end = i;
        if !context.is_clean(text, start, end) {
            continue;
        }
        f(&text[start..end]);
        if !context.part_starts.is_empty() {
            let mut s = start;
            for &next in &context.part_starts {
                f(&text[s..next - 1]);
                s = next;
            }
            f(&text[s..end]);
        }
    }
}

/// Whether only spaces, tabs and carriage returns stand between byte `i` and
/// the next line feed.
fn line_ends_at(bytes: &[u8], mut i: usize) -> bool {
    while matches!(bytes.get(i), Some(b' ' | b'\t' | b'\r')) {
        i += 1;
    }
    bytes.get(i) == Some(&b'\n')
}

/// `end` moved back over the spaces, tabs and carriage returns before it.
fn trim_blanks_end(bytes: &[u8], mut end: usize) -> usize {
    while end > 0 && matches!(bytes[end - 1], b' ' | b'\t' | b'\r') {
        end -= 1;
    }
    end
}

/// Whether `text` has a ligature character (U+FB00..=U+FB06). Their UTF-8
/// form starts with the byte 0xEF, which a byte search finds fast.
fn has_ligature_char(text: &str) -> bool {
    memchr::memchr(0xEF, text.as_bytes()).is_some()
        && text.chars().any(|c| matches!(c, '\u{FB00}'..='\u{FB06}'))
}

/// Whether `b` can end a ligature fragment: it is the last letter of one
/// of [`LIGATURE_SPLITS`], in either case (a test checks the table). The
/// cheap first question of [`is_ligature_fragment`], asked of every word.
#[inline]
fn ends_like_ligature(b: u8) -> bool {
    matches!(b, b'i' | b'I' | b'l' | b'L' | b'f' | b'F')
}

/// Whether an ASCII-letter token ends in the letters of a ligature glyph.
fn is_ligature_fragment(token: &str) -> bool {
    token
        .as_bytes()
        .last()
        .copied()
        .is_some_and(ends_like_ligature)
        && token.bytes().all(|b| b.is_ascii_alphabetic())
        && LIGATURE_SPLITS.iter().any(|lig| {
            token.len() >= lig.len() && token[token.len() - lig.len()..].eq_ignore_ascii_case(lig)
        })
}

/// Whether `left right` is a split ligature to join into `leftright`: the
/// document has the joined word, or the left part is not a word (`profi`,
/// `infl`, `fi`), or it is one (`off`, `staff`) but the right part is only a
/// suffix (`off er`, `stuff ed`).
fn join_ligature(left: &str, right: &str, vocab: &Vocab<'_>) -> bool {
    if vocab.contains(&format!("{left}{right}")) {
        return true;
    }
    let lower_left = left.to_ascii_lowercase();
    let left_word = vocab.contains(left) || WORDS_ENDING_IN_LIGATURE.contains(&lower_left.as_str());
    !left_word || is_suffix_only(right)
}

/// Whether the part after a fragment that is a word itself is only a suffix
/// (`off er`, `stuff ed`), not a word of its own.
fn is_suffix_only(right: &str) -> bool {
    right.len() <= 2 && !FUNCTION_WORDS.contains(&right.to_ascii_lowercase().as_str())
}

/// Whether `left right` (two words a space parts) may be a split ligature,
/// as far as can be told without the document's words: what a query pasted
/// from a PDF has (`profi t`). The same rule as the repair of papers, with
/// the left part a word only if a known English word (`off the`, `staff
/// members` are not split ligatures; `staff ed` is).
pub fn may_be_split_ligature(left: &str, right: &str) -> bool {
    is_ligature_fragment(left)
        && right.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        && right.bytes().all(|b| b.is_ascii_alphabetic())
        && (!WORDS_ENDING_IN_LIGATURE.contains(&left.to_ascii_lowercase().as_str())
            || is_suffix_only(right))
}

/// What to do with a hyphen at the end of a line between `left` and `right`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Hyphen {
    /// The hyphen only split the word: remove it.
    Join,
    /// The hyphen is part of the word: keep it, without the line break.
    Keep,
}

fn decide_hyphen(left: &str, right: &str, vocab: &Vocab<'_>) -> Hyphen {
    let right_first = right.chars().next();
    if right_first.is_some_and(|c| c.is_uppercase()) {
        return Hyphen::Keep;
    }
    let lower_left = left.to_lowercase();
    let lower_right = right.to_lowercase();
    if vocab.contains(&format!("{lower_left}-{lower_right}")) {
        return Hyphen::Keep;
    }
    if vocab.contains(&format!("{lower_left}{lower_right}")) {
        return Hyphen::Join;
    }
    let latin = left.chars().all(|c| c.is_ascii_alphabetic());
    if latin {
        if EN_COMPOUND_FIRST_PARTS.contains(&lower_left.as_str()) {
            return Hyphen::Keep;
        }
        if EN_SUFFIX_OPENINGS
            .iter()
            .any(|s| lower_right.starts_with(s) && lower_right.len() <= s.len() + 2)
        {
            return Hyphen::Join;
        }
        // English typesetting in these journals rarely breaks words: a hyphen
        // between two parts is taken as a compound.
        return Hyphen::Keep;
    }
    if RU_HYPHEN_PARTICLES.contains(&lower_right.as_str())
        || RU_HYPHEN_PREFIXES.contains(&lower_left.as_str())
    {
        return Hyphen::Keep;
    }
    let both_words = lower_left.chars().count() >= 3
        && lower_right.chars().count() >= 3
        && vocab.contains(&lower_left)
        && vocab.contains(&lower_right);
    if both_words {
        return Hyphen::Keep;
    }
    let left_len = lower_left.chars().count();
    let kazakh = lower_left
        .chars()
        .chain(lower_right.chars())
        .any(|c| KK_LETTERS.contains(c));
    if kazakh
        && left_len >= 4
        && lower_right.chars().count() >= 5
        && KK_COMPOUND_FIRST_ENDINGS
            .iter()
            .any(|e| lower_left.ends_with(e))
    {
        return Hyphen::Keep;
    }
    if left_len >= 4
        && (lower_left.ends_with('о') || lower_left.ends_with('е'))
        && lower_right.chars().count() >= 5
        && RU_ADJECTIVE_ENDINGS
            .iter()
            .any(|e| lower_right.ends_with(e))
        && !RU_ADJECTIVE_SUFFIX_OPENINGS
            .iter()
            .any(|o| lower_right.starts_with(o))
    {
        return Hyphen::Keep;
    }
    Hyphen::Join
}

/// Text being built, with anchors mapping its byte offsets back to the input.
#[derive(Default)]
struct Mapped {
    text: String,
    /// `(offset in text, offset in input)`, sorted; text after an anchor is a
    /// verbatim copy of the input after it, up to the next anchor.
    anchors: Vec<(usize, usize)>,
}

impl Mapped {
    fn push_verbatim(&mut self, s: &str, input_offset: usize) {
        if !s.is_empty() {
            self.anchors.push((self.text.len(), input_offset));
            self.text.push_str(s);
        }
    }

    fn input_at(&self, at: usize) -> usize {
        let k = self.anchors.partition_point(|a| a.0 <= at);
        match k.checked_sub(1) {
            Some(k) => self.anchors[k].1 + (at - self.anchors[k].0),
            None => self.anchors.first().map_or(0, |a| a.1),
        }
    }

    /// Applies sorted, non-overlapping edits `(start, end, replacement)`,
    /// keeping the anchors of the text around them.
    fn apply(&mut self, edits: &[(usize, usize, String)]) {
        if edits.is_empty() {
            return;
        }
        let mut text = String::with_capacity(self.text.len());
        let mut anchors = Vec::with_capacity(self.anchors.len() + 2 * edits.len());
        let mut last = 0;
        let mut a = 0;
        for (start, end, replacement) in edits {
            let base = text.len();
            while a < self.anchors.len() && self.anchors[a].0 < *start {
                let (o, i) = self.anchors[a];
                anchors.push((base + o - last, i));
                a += 1;
            }
            text.push_str(&self.text[last..*start]);
            anchors.push((text.len(), self.input_at(*start)));
            while a < self.anchors.len() && self.anchors[a].0 < *end {
                a += 1;
            }
            text.push_str(replacement);
            anchors.push((text.len(), self.input_at(*end)));
            last = *end;
        }
        let base = text.len();
        for &(o, i) in &self.anchors[a..] {
            anchors.push((base + o - last, i));
        }
        text.push_str(&self.text[last..]);
        self.text = text;
        self.anchors = anchors;
    }
}

/// One input line: its trimmed text and the byte offset where that text starts.
#[derive(Clone, Copy, Debug)]
pub struct LineRef<'a> {
    pub offset: usize,
    pub text: &'a str,
}

/// Builds repaired text and collects the diagnostics of its repairs.
pub struct Repairer<'a> {
    input: &'a str,
    pub diagnostics: Vec<Diagnostic>,
}

fn diag(kind: DiagnosticKind, offset: usize, before: String, after: String) -> Diagnostic {
    Diagnostic {
        kind,
        line: 0,
        offset,
        before,
        after,
    }
}

/// Paragraph text after its lines are joined, waiting for the word-level repairs.
pub struct Joined {
    mapped: Mapped,
}

impl Joined {
    pub fn text(&self) -> &str {
        &self.mapped.text
    }
}

impl<'a> Repairer<'a> {
    pub fn new(input: &'a str) -> Repairer<'a> {
        Repairer {
            input,
            diagnostics: Vec::new(),
        }
    }

    fn boundary(&self, mut at: usize) -> usize {
        at = at.min(self.input.len());
        while !self.input.is_char_boundary(at) {
            at -= 1;
        }
        at
    }

    /// Joins lines into one paragraph: whitespace runs become single spaces,
    /// and a line-end hyphen is removed or kept as [`decide_hyphen`] says.
    pub fn join_lines(&mut self, lines: &[LineRef<'_>], vocab: &Vocab<'_>) -> Joined {
        // The joined text is at most the lines and a space between each.
        let mut m = Mapped {
            text: String::with_capacity(lines.iter().map(|l| l.text.len() + 1).sum()),
            anchors: Vec::with_capacity(lines.len()),
        };
        for line in lines {
            let text = line.text;
            let first_end = find_whitespace(text).unwrap_or(text.len());
            let first = &text[..first_end];
            if first.is_empty() {
                continue;
            }
            if !m.text.is_empty() {
                self.line_boundary(&mut m, first, vocab);
            }
            // Most lines are single-spaced: copy them whole.
            if is_single_spaced(text) {
                m.push_verbatim(text, line.offset);
                continue;
            }
            m.push_verbatim(first, line.offset);
            for (pos, token) in split_whitespace_indices(text).skip(1) {
                m.text.push(' ');
                m.push_verbatim(token, line.offset + pos);
            }
        }
        Joined { mapped: m }
    }

    /// Decides how the previous line (in `m`) meets the next line's first token.
    fn line_boundary(&mut self, m: &mut Mapped, next: &str, vocab: &Vocab<'_>) {
        let Some(hyphen) = m.text.chars().next_back() else {
            return;
        };
        // Most lines do not end with a hyphen: they meet the next at a space.
        if !is_line_hyphen(hyphen) {
            m.text.push(' ');
            return;
        }
        let before_hyphen = &m.text[..m.text.len() - hyphen.len_utf8()];
        let left_start = before_hyphen
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_word_char(*c))
            .last()
            .map(|(i, _)| i);
        let right_len: usize = next
            .chars()
            .take_while(|c| is_word_char(*c))
            .map(char::len_utf8)
            .sum();
        let digits = before_hyphen.ends_with(|c: char| c.is_ascii_digit())
            && next.starts_with(|c: char| c.is_ascii_digit());
        if is_line_hyphen(hyphen) && digits {
            return; // `1-` / `2 million`: a range, kept as printed
        }
        let (Some(left_start), true) = (left_start, is_line_hyphen(hyphen) && right_len > 0) else {
            m.text.push(' ');
            return;
        };
        let cut = before_hyphen.len();
        let left = before_hyphen[left_start..].to_string();
        let left = left.as_str();
        let right = &next[..right_len];
        let offset = self.boundary(m.input_at(left_start));
        let decision = if hyphen == '\u{00AD}' {
            Hyphen::Join
        } else {
            decide_hyphen(left, right, vocab)
        };
        let before = format!("{left}{hyphen} {right}");
        match decision {
            Hyphen::Join => {
                m.text.truncate(cut);
                self.diagnostics.push(diag(
                    DiagnosticKind::Hyphenation,
                    offset,
                    before,
                    format!("{left}{right}"),
                ));
            }
            Hyphen::Keep => {
                self.diagnostics.push(diag(
                    DiagnosticKind::HyphenKept,
                    offset,
                    before,
                    format!("{left}-{right}"),
                ));
            }
        }
    }

    /// Joins split ligatures and maps look-alike letters, recording each repair.
    pub fn repair_words(&mut self, joined: Joined, vocab: &Vocab<'_>) -> String {
        let mut m = joined.mapped;
        self.ligatures(&mut m, vocab);
        self.lookalikes(&mut m);
        m.text
    }

    fn ligatures(&mut self, m: &mut Mapped, vocab: &Vocab<'_>) {
        let mut edits = Vec::new();
        let text = &m.text;
        // Ligature characters extracted as such.
        if has_ligature_char(text) {
            for (i, c) in text.char_indices() {
                if let Some((_, letters)) = LIGATURE_CHARS.iter().find(|(l, _)| *l == c) {
                    edits.push((i, i + c.len_utf8(), (*letters).to_string()));
                    self.diagnostics.push(diag(
                        DiagnosticKind::Ligature,
                        self.boundary(m.input_at(i)),
                        c.to_string(),
                        (*letters).to_string(),
                    ));
                }
            }
        }
        // Expand them first, so a split next to one is seen whole.
        m.apply(&edits);
        let mut edits = Vec::new();
        let text = &m.text;
        // Split ligatures: `profi t`.
        let bytes = text.as_bytes();
        // The last join: where its word starts, the word, and its space.
        let mut carry: Option<(usize, String, usize)> = None;
        // Every space after a word ending in a ligature's letters: only such a
        // word can be a fragment (see `is_ligature_fragment`), found by a
        // vectorised search for spaces.
        let candidates = memchr::memchr_iter(b' ', bytes)
            .filter(|&space| space > 0 && ends_like_ligature(bytes[space - 1]));
        for space in candidates {
            let left_start = bytes[..space]
                .iter()
                .rposition(|b| !b.is_ascii_alphabetic())
                .map_or(0, |p| p + 1);
            if left_start == space {
                continue;
            }
            // The word must not continue with a non-ASCII letter before it (Cyrillic).
            if text[..left_start]
                .chars()
                .next_back()
                .is_some_and(is_word_char)
            {
                continue;
            }
            let token = &text[left_start..space];
            if !is_ligature_fragment(token) {
                continue;
            }
            // After a join just before this token, the word so far is the
            // joined one (`diffi cult` after `e ffi`), as a second pass sees it.
            let (left, left_at) = match &carry {
                Some((at, word, end)) if *end + 1 == left_start => (format!("{word}{token}"), *at),
                _ => (token.to_string(), left_start),
            };
            let right_end = bytes[space + 1..]
                .iter()
                .position(|b| !b.is_ascii_lowercase())
                .map_or(bytes.len(), |p| space + 1 + p);
            if right_end == space + 1 {
                continue;
            }
            if text[right_end..].chars().next().is_some_and(is_word_char) {
                continue;
            }
            let right = &text[space + 1..right_end];
            if join_ligature(&left, right, vocab) {
                edits.push((space, space + 1, String::new()));
                self.diagnostics.push(diag(
                    DiagnosticKind::Ligature,
                    self.boundary(m.input_at(left_at)),
                    format!("{left} {right}"),
                    format!("{left}{right}"),
                ));
                carry = Some((left_at, left, space));
            }
        }
        edits.sort_by_key(|e| e.0);
        m.apply(&edits);
    }

    fn lookalikes(&mut self, m: &mut Mapped) {
        // Text without a Cyrillic letter is answered at once.
        let (_, repairs) = ushtil_lang::lookalike::repair_text(&m.text);
        if repairs.is_empty() {
            return;
        }
        let mut edits = Vec::with_capacity(repairs.len());
        for r in repairs {
            self.diagnostics.push(diag(
                DiagnosticKind::Lookalike,
                self.boundary(m.input_at(r.start)),
                r.before,
                r.after.clone(),
            ));
            edits.push((r.start, r.end, r.after));
        }
        m.apply(&edits);
    }
}

/// `input` with its Kazakh letters put back if it reads as Kazakh set in a
/// legacy font (`lookalike::is_legacy_kazakh`: `Ќазаќстан`), and a
/// look-alike diagnostic for each word repaired. The letters are swapped
/// one for one and each pair is two bytes in UTF-8, so every offset in the
/// text is the input's; without the font, `input` itself.
pub fn legacy_font(input: &str) -> (Cow<'_, str>, Vec<Diagnostic>) {
    if !ushtil_lang::lookalike::is_legacy_kazakh(input) {
        return (Cow::Borrowed(input), Vec::new());
    }
    let (text, repairs) = ushtil_lang::lookalike::repair_legacy_kazakh(input);
    debug_assert_eq!(text.len(), input.len());
    let diagnostics = repairs
        .into_iter()
        .map(|r| diag(DiagnosticKind::Lookalike, r.start, r.before, r.after))
        .collect();
    (text, diagnostics)
}

/// See [`crate::repair`]: `text` as one paragraph, its lines joined and repaired.
pub fn repair(text: &str) -> (String, Vec<Diagnostic>) {
    // Kazakh set in a legacy font first (see `segmenter::segment_full`).
    let (legacy, legacy_diagnostics) = legacy_font(text);
    let text: &str = &legacy;
    let (lines, starts) = crate::lines::split(text, false);
    let refs: Vec<LineRef<'_>> = lines
        .iter()
        .map(|l| LineRef {
            offset: l.offset,
            text: l.text,
        })
        .collect();
    let line_vocab = Vocab::from_text(text);
    let mut r = Repairer::new(text);
    let joined = r.join_lines(&refs, &line_vocab);
    // The joined text is handed over to the word repairs: its vocabulary
    // reads a copy, collected only if asked for.
    let joined_text = joined.text().to_string();
    let word_vocab = Vocab::from_text(&joined_text);
    let out = r.repair_words(joined, &word_vocab);
    let mut diagnostics = r.diagnostics;
    diagnostics.extend(legacy_diagnostics);
    diagnostics.sort_by_key(|d| d.offset);
    for d in &mut diagnostics {
        let k = starts.partition_point(|s| s.0 <= d.offset);
        d.line = starts[k.saturating_sub(1)].1;
    }
    (out, diagnostics)
}

/// Whether `text` separates its words by single ASCII spaces only.
fn is_single_spaced(text: &str) -> bool {
    use memchr::{memchr, memchr2, memchr3, memmem};
    let bytes = text.as_bytes();
    // Vectorised scans (a line is some eighty bytes): no ASCII whitespace
    // but single spaces, and no wider whitespace character.
    if memchr3(b'\t', b'\n', b'\r', bytes).is_some()
        || memchr2(0x0B, 0x0C, bytes).is_some()
        || memmem::find(bytes, b"  ").is_some()
    {
        return false;
    }
    let wide = |i: usize| whitespace_len_at(text, i) > 0;
    let [a, b, c, d] = WIDE_WHITESPACE_LEADS;
    !(memchr3(a, b, c, bytes).is_some() || memchr(d, bytes).is_some())
        || !(0..bytes.len()).any(|i| may_open_wide_whitespace(bytes[i]) && wide(i))
}

/// Byte offset of the first whitespace character of `text` (`char::is_whitespace`).
fn find_whitespace(text: &str) -> Option<usize> {
    // Spaces answered at once; other bytes asked only if they may open one.
    text.bytes().enumerate().find_map(|(i, b)| match b {
        b' ' => Some(i),
        b if (b.is_ascii() || may_open_wide_whitespace(b)) && whitespace_len_at(text, i) > 0 => {
            Some(i)
        }
        _ => None,
    })
}

/// The bytes that open the whitespace characters beyond ASCII: U+0085 and
/// U+00A0 (0xC2), U+1680 (0xE1), U+2000..=U+205F (0xE2), U+3000 (0xE3).
/// They never continue a character.
const WIDE_WHITESPACE_LEADS: [u8; 4] = [0xC2, 0xE1, 0xE2, 0xE3];

/// Whether byte `b` opens a character that may be whitespace beyond ASCII.
#[inline]
fn may_open_wide_whitespace(b: u8) -> bool {
    WIDE_WHITESPACE_LEADS.contains(&b)
}

/// The length in bytes of the whitespace character (`char::is_whitespace`)
/// at byte `i` of `text`, 0 if none starts there. Read from the bytes: every
/// whitespace character is ASCII or opens with one of
/// [`WIDE_WHITESPACE_LEADS`], so the bytes of Cyrillic letters are refused
/// without decoding them.
#[inline]
fn whitespace_len_at(text: &str, i: usize) -> usize {
    match text.as_bytes()[i] {
        b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' => 1,
        b if may_open_wide_whitespace(b) => text[i..]
            .chars()
            .next()
            .filter(|c| c.is_whitespace())
            .map_or(0, char::len_utf8),
        _ => 0,
    }
}

/// `(byte offset, token)` of each whitespace-separated token of `s`.
fn split_whitespace_indices(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split(char::is_whitespace)
        .filter(|t| !t.is_empty())
        .map(move |t| (t.as_ptr() as usize - s.as_ptr() as usize, t))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repair(text: &str) -> (String, Vec<Diagnostic>) {
        super::repair(text)
    }

    #[test]
    fn split_ligatures_join_when_a_side_is_not_a_word() {
        let (out, diags) = repair("got really great profi t and infl uence, fi ve-year plan");
        assert_eq!(out, "got really great profit and influence, five-year plan");
        assert_eq!(diags.len(), 3);
        assert_eq!(diags[0].before, "profi t");
        assert_eq!(diags[0].after, "profit");
    }

    #[test]
    fn two_real_words_are_never_joined() {
        let (out, diags) = repair("they took off the coat; the staff members met");
        assert_eq!(out, "they took off the coat; the staff members met");
        assert!(diags.is_empty());
    }

    #[test]
    fn a_ligature_join_is_taken_when_the_document_has_the_word() {
        let (out, _) = repair("the staff ed the office. They staffed it.");
        assert_eq!(out, "the staffed the office. They staffed it.");
    }

    #[test]
    fn line_end_hyphens_join_or_stay() {
        let (out, _) = repair("китайских диаспор зарубежом и за-\nрубежом");
        assert_eq!(out, "китайских диаспор зарубежом и зарубежом");
        let (out, _) = repair("large-\nscale foreign and high-\nqualifi ed, January-\nAugust");
        assert_eq!(
            out,
            "large-scale foreign and high-qualified, January-August"
        );
        let (out, _) = repair("association of re-emigrants and re-\nemigrants");
        assert_eq!(out, "association of re-emigrants and re-emigrants");
        let (out, _) = repair("социально-\nэкономический и что-\nто и эконо-\nмика");
        assert_eq!(out, "социально-экономический и что-то и экономика");
        let (out, _) = repair("the govern-\nment");
        assert_eq!(out, "the government");
    }

    #[test]
    fn lookalikes_are_repaired_with_their_input_offsets() {
        let text = "Мақалада\nдиаспораларының əлеуеті";
        let (out, diags) = repair(text);
        assert_eq!(out, "Мақалада диаспораларының әлеуеті");
        assert_eq!(diags.len(), 1);
        assert!(text[diags[0].offset..].starts_with("əлеуеті"));
    }

    #[test]
    fn offsets_after_joins_still_point_at_the_word() {
        let text = "a large-\nscale profi t of\nthe infl uence";
        let (_, diags) = repair(text);
        let lig: Vec<_> = diags
            .iter()
            .filter(|d| d.kind == DiagnosticKind::Ligature)
            .collect();
        assert_eq!(lig.len(), 2);
        assert!(text[lig[0].offset..].starts_with("profi t"));
        assert!(text[lig[1].offset..].starts_with("infl uence"));
    }

    /// The words a [`Vocab`] keeps, as lower-cased strings.
    fn clean_words(text: &str) -> std::collections::HashSet<String> {
        let mut words = std::collections::HashSet::new();
        for_each_clean_word(&expand_ligature_chars(text), &mut |w| {
            words.insert(w.to_lowercase());
        });
        words
    }

    #[test]
    fn the_vocabulary_keeps_clean_words_and_the_parts_of_compounds() {
        let text = "Re-emigrants and ҚАЗАҚ тілі; profi t, eco-\nnomy";
        let words = clean_words(text);
        for w in ["re-emigrants", "re", "emigrants", "and", "қазақ", "тілі"] {
            assert!(words.contains(w), "{w}");
        }
        // Next to a split ligature or cut by a line-end hyphen: not clean.
        for w in ["profi", "t", "eco", "nomy"] {
            assert!(!words.contains(w), "{w}");
        }
        let vocab = Vocab::from_text(text);
        assert!(vocab.contains("Қазақ") && vocab.contains("RE-EMIGRANTS"));
        assert!(!vocab.contains("profi") && !vocab.contains("economy"));
    }

    #[test]
    fn whitespace_is_told_from_bytes_as_char_is_whitespace_tells_it() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            let expected = if c.is_whitespace() { c.len_utf8() } else { 0 };
            assert_eq!(whitespace_len_at(&text, 1), expected, "U+{:04X}", c as u32);
            assert_eq!(find_whitespace(&text), c.is_whitespace().then_some(1));
        }
    }

    proptest::proptest! {
        #[test]
        fn single_spacing_is_told_as_by_chars(text in "([a-zа-яә]{0,3}[ \t\u{00A0}\u{2009}\u{3000}«–]{0,2}){0,8}") {
            let by_chars = !text.contains("  ")
                && !text.chars().any(|c| c.is_whitespace() && c != ' ');
            proptest::prop_assert_eq!(is_single_spaced(&text), by_chars);
        }
    }

    #[test]
    fn every_ligature_split_ends_like_a_ligature_and_nothing_else_does() {
        for b in 0..=u8::MAX {
            let ends_a_split = LIGATURE_SPLITS.iter().any(|l| {
                l.as_bytes()
                    .last()
                    .is_some_and(|&e| e.eq_ignore_ascii_case(&b))
            });
            assert_eq!(ends_like_ligature(b), ends_a_split, "{b:#04x}");
        }
    }

    /// The vocabulary reads the character after a word only when its
    /// first byte can open a line hyphen: every one of the table's must.
    #[test]
    fn every_line_hyphen_opens_with_a_byte_the_vocabulary_checks() {
        for h in LINE_HYPHENS {
            let mut utf8 = [0; 4];
            let first = h.encode_utf8(&mut utf8).as_bytes()[0];
            assert!(matches!(first, b'-' | 0xC2 | 0xE2), "U+{:04X}", h as u32);
        }
    }

    #[test]
    fn the_cyrillic_table_lower_cases_every_word_character_of_the_block() {
        for c in '\u{0400}'..='\u{04FF}' {
            let mut utf8 = [0; 2];
            let bytes = c.encode_utf8(&mut utf8).as_bytes();
            let entry = CYRILLIC_LOWER[cyrillic_index(bytes[0], bytes[1])];
            let expected = if is_word_char(c) {
                c.to_lowercase().collect::<String>()
            } else {
                String::new()
            };
            let got = char::from_u32(u32::from(entry))
                .filter(|_| entry != 0)
                .map(String::from)
                .unwrap_or_default();
            assert_eq!(got, expected, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn word_hash_reads_every_cyrillic_letter_as_its_lower_case() {
        for c in ('\u{0400}'..='\u{04FF}').chain(['A', 'z', 'İ', 'Σ']) {
            let word = format!("a{c}я");
            assert_eq!(
                word_hash(&word),
                slow_word_hash(&word),
                "U+{:04X}",
                c as u32
            );
        }
    }

    proptest::proptest! {
        /// A word's hash is that of its lower case, character by character.
        #[test]
        fn word_hash_is_the_hash_of_the_lower_case(w in "\\PC{0,12}|[A-Za-zА-яЁёӘәҚқҢңӨөҰұҮүҺһІіΣσİǅ-]{0,12}") {
            let mut h = CharHasher::default();
            for c in w.to_lowercase().chars() {
                h.add(u32::from(c));
            }
            proptest::prop_assert_eq!(word_hash(&w), h.finish());
        }

        /// The one-pass vocabulary holds the hash of every word the plain
        /// scan gives, and nothing else, whatever letters the words have.
        #[test]
        fn the_vocabulary_hashes_the_words_of_the_plain_scan(
            text in "([A-Za-zА-яӘәҚқІіÉéΣσǅə\u{0482}\u{0483}]{1,6}([ ,.\n-]|\u{00AD}|\u{2010}\n){1,2}|ﬁ|profi t ){0,40}",
        ) {
            let mut expected = FxHashSet::default();
            for_each_clean_word(&expand_ligature_chars(&text), &mut |w| {
                expected.insert(word_hash(w));
            });
            proptest::prop_assert_eq!(words_of(&text), expected);
        }

        /// The hashed vocabulary answers as a set of the lower-cased words
        /// would, for the text's own tokens and for words it lacks.
        #[test]
        fn the_hashed_vocabulary_answers_as_the_set_of_words(
            text in "([A-Za-zА-яӘәҚқІі]{1,6}[ ,.\n-]{1,2}|ﬁ|profi t ){0,40}",
            extra in "[a-zа-яәқі]{1,8}",
        ) {
            let expected = clean_words(&text);
            let vocab = Vocab::from_text(&text);
            let candidates = text
                .split(|c: char| !c.is_alphabetic() && c != '-')
                .chain([extra.as_str()]);
            for q in candidates.filter(|q| !q.is_empty()) {
                proptest::prop_assert_eq!(
                    vocab.contains(q),
                    expected.contains(&q.to_lowercase()),
                    "{:?}", q
                );
            }
        }
    }

    #[test]
    fn ligature_characters_are_expanded() {
        let (out, diags) = repair("the \u{FB01}rst e\u{FB03}cient");
        assert_eq!(out, "the first efficient");
        assert_eq!(diags.len(), 2);
    }
}
