//! Snippets: the part of a segment's text around the query's matches, with
//! the matches marked (`<b>` in HTML with the text escaped, bold on a terminal).
//!
//! Matches are found by running the same analysers the index used over the
//! stored text and keeping the tokens whose terms the query holds, so a
//! highlighted word is exactly a word that matched (`мигранттардың` lights
//! up for the query `мигранттар`).

use std::sync::{RwLock, RwLockReadGuard};

use rustc_hash::{FxHashMap, FxHashSet};

use serde::Serialize;
use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::tokenizer::TextAnalyzer;
use ushtil_lang::Lang;
use ushtil_lang::analysis::filter::TermMap;
use ushtil_lang::analysis::fold::Fold;
use ushtil_lang::analysis::stem::StemLang;
use ushtil_lang::analysis::{self, names};

use crate::schema::Fields;

/// A piece of a segment's text and the byte ranges in it that matched.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Fragment {
    pub text: String,
    /// Sorted, non-overlapping byte ranges into `text`, on char boundaries.
    pub highlights: Vec<(usize, usize)>,
}

impl Fragment {
    /// The fragment as HTML: text escaped, matches in `<b>…</b>`.
    pub fn to_html(&self) -> String {
        self.render("<b>", "</b>", html_escape)
    }

    /// The fragment for a terminal: matches in ANSI bold.
    pub fn to_ansi(&self) -> String {
        self.render("\x1b[1m", "\x1b[0m", |s, out| out.push_str(s))
    }

    /// The fragment as plain text (no marks).
    pub fn to_plain(&self) -> String {
        self.text.clone()
    }

    fn render(&self, open: &str, close: &str, text: impl Fn(&str, &mut String)) -> String {
        let mut out = String::with_capacity(self.text.len() + 16);
        let mut last = 0;
        for &(from, to) in &self.highlights {
            text(&self.text[last..from], &mut out);
            out.push_str(open);
            text(&self.text[from..to], &mut out);
            out.push_str(close);
            last = to;
        }
        text(&self.text[last..], &mut out);
        out
    }
}

/// Escapes `s` into `out`: runs without a special character are copied
/// whole (the five are ASCII, so a byte search finds them and never cuts a
/// character).
fn html_escape(s: &str, out: &mut String) {
    // Most text has none of them: a scan without an early exit, which the
    // compiler vectorises, answers that for a few instructions per 32 bytes.
    let special = |b: u8| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'');
    if !s.bytes().fold(false, |any, b| any | special(b)) {
        out.push_str(s);
        return;
    }
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(entity);
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

/// Finds a query's matches in stored text.
///
/// Every analyser is the plain one (tokenise, normalise) followed by per-token
/// rewrites (fold, stem): see `ushtil_lang::analysis`. So the text is analysed
/// ONCE with the plain analyser, and each token's term in the other fields is
/// derived from its plain term by those rewrites ([`field_term`]), memoised per
/// distinct word in a [`TermMemo`] that searches share. The terms are the ones
/// the registered analysers give (checked by a property test), so what lights
/// up is what matched.
pub(crate) struct Highlighter<'a> {
    /// The registered plain analyser (the head every field shares), taken
    /// when a text is first analysed: a search whose segments are all
    /// cached never needs it (copying it was a fiftieth of such a search).
    plain: Option<TextAnalyzer>,
    index: &'a tantivy::Index,
    /// The query's terms per field kind (`FieldKind as usize`).
    terms: [FxHashSet<String>; FIELD_KINDS],
    shared: &'a TermMemo,
    /// Terms derived during this search, not yet in `shared`.
    fresh: [FxHashMap<Box<str>, Box<str>>; FIELD_KINDS],
    scratch: String,
}

/// The analysed text fields, by what the analyser does after the plain head.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FieldKind {
    Plain = 0,
    Kk = 1,
    Ru = 2,
    En = 3,
    KkFold = 4,
}

const FIELD_KINDS: usize = 5;

impl FieldKind {
    /// The kinds of term a field holds: the Kazakh field holds each word's
    /// stemmed term and, beside it, its folded one (`names::KK_INDEX`), so a
    /// query term there matches a word by either.
    fn of(fields: &Fields, field: Field) -> &'static [FieldKind] {
        match field {
            f if f == fields.text_plain => &[FieldKind::Plain],
            f if f == fields.text_kk => &[FieldKind::Kk, FieldKind::KkFold],
            f if f == fields.text_ru => &[FieldKind::Ru],
            f if f == fields.text_en => &[FieldKind::En],
            _ => &[],
        }
    }
}

/// The term a field's analyser makes of a token whose plain term (tokenised,
/// normalised) is `plain`: the rewrites each analyser applies after the
/// plain head (`ushtil_lang::analysis::analyzer`), in the same order.
fn field_term(kind: FieldKind, plain: &str, scratch: &mut String) -> String {
    match kind {
        FieldKind::Plain => plain.to_string(),
        FieldKind::Kk => StemLang::Kazakh.stem(plain),
        FieldKind::Ru => StemLang::Russian.stem(plain),
        FieldKind::En => StemLang::English.stem(plain),
        FieldKind::KkFold => {
            scratch.clear();
            let folded = if Fold.map(plain, scratch) {
                scratch.as_str()
            } else {
                plain
            };
            StemLang::KazakhFolded.stem(folded)
        }
    }
}

/// The kinds of query term a token of a segment in `lang` is compared with,
/// by slot: plain (the token as the plain analyser gives it: the plain field
/// indexes only `und` segments, but a plain query term that equals a token
/// of another segment also matches it stemmed in that segment's field), the
/// language's stemmed term, the folded term (Kazakh only: the Kazakh field
/// holds it beside the stemmed one).
fn segment_kinds(lang: Lang) -> [Option<FieldKind>; 3] {
    match lang {
        Lang::Kk => [
            Some(FieldKind::Plain),
            Some(FieldKind::Kk),
            Some(FieldKind::KkFold),
        ],
        Lang::Ru => [Some(FieldKind::Plain), Some(FieldKind::Ru), None],
        Lang::En => [Some(FieldKind::Plain), Some(FieldKind::En), None],
        Lang::Und => [Some(FieldKind::Plain), None, None],
    }
}

/// Whether a token's byte range can be cut out of `text`.
fn in_bounds(text: &str, from: usize, to: usize) -> bool {
    from < to && to <= text.len() && text.is_char_boundary(from) && text.is_char_boundary(to)
}

/// A plain term's term in a stemmed field, from the shared memo, this
/// search's fresh terms, or derived now (and kept in `fresh`).
fn derived_term<'m>(
    shared: &'m [FxHashMap<Box<str>, Box<str>>; FIELD_KINDS],
    fresh: &'m mut [FxHashMap<Box<str>, Box<str>>; FIELD_KINDS],
    scratch: &mut String,
    kind: FieldKind,
    word: &str,
) -> &'m str {
    let k = kind as usize;
    if let Some(term) = shared[k].get(word) {
        return term;
    }
    fresh[k]
        .entry(word.into())
        .or_insert_with(|| field_term(kind, word, scratch).into_boxed_str())
}

/// A token of a shown segment: its byte range in the text and the ids of its
/// terms in the segment's fields, by the slots of [`segment_kinds`]
/// ([`NO_TERM`] for a field the segment is not in).
#[derive(Clone, Copy, Debug)]
pub(crate) struct TokenTerms {
    pub from: u32,
    pub to: u32,
    pub ids: [u32; 3],
}

/// The id of no term.
pub(crate) const NO_TERM: u32 = u32::MAX;

/// A query's terms per field kind, as ids.
pub(crate) type QueryIds = [Vec<u32>; FIELD_KINDS];

/// Plain terms and what each stemmed field makes of them (a word's stem does
/// not depend on the query), shared by every search of an index: stemming
/// the words of the shown segments was most of a search's time.
#[derive(Default)]
pub(crate) struct TermMemo {
    terms: RwLock<[FxHashMap<Box<str>, Box<str>>; FIELD_KINDS]>,
}

/// Words remembered per field at most (about 10 MB each); past it that
/// field's memo starts over.
const MAX_MEMO_WORDS: usize = 100_000;

/// The index's plain analyser.
fn plain_analyser(index: &tantivy::Index) -> TextAnalyzer {
    index
        .tokenizers()
        .get(names::PLAIN)
        .or_else(|| analysis::analyzer(names::PLAIN))
        .expect("the plain analyser is always registered")
}

impl TermMemo {
    fn read(&self) -> RwLockReadGuard<'_, [FxHashMap<Box<str>, Box<str>>; FIELD_KINDS]> {
        // The maps stay consistent if a holder panicked: go on.
        self.terms.read().unwrap_or_else(|p| p.into_inner())
    }
}

impl<'a> Highlighter<'a> {
    pub fn new(
        index: &'a tantivy::Index,
        fields: &Fields,
        query: &dyn Query,
        memo: &'a TermMemo,
    ) -> Highlighter<'a> {
        let mut terms: [FxHashSet<String>; FIELD_KINDS] = Default::default();
        query.query_terms(&mut |term, _| {
            if let Some(text) = term.value().as_str() {
                for kind in FieldKind::of(fields, term.field()) {
                    terms[*kind as usize].insert(text.to_string());
                }
            }
        });
        Highlighter {
            plain: None,
            index,
            terms,
            shared: memo,
            fresh: Default::default(),
            scratch: String::new(),
        }
    }

    /// The byte ranges of `text` (a segment in `lang`) that match the query.
    pub fn matches(&mut self, text: &str, lang: Lang) -> Vec<(usize, usize)> {
        // The fields a segment in `lang` is indexed in, that the query has
        // terms in.
        let kinds: Vec<FieldKind> = segment_kinds(lang)[1..]
            .iter()
            .flatten()
            .copied()
            .filter(|k| !self.terms[*k as usize].is_empty())
            .collect();
        let plain_terms = &self.terms[FieldKind::Plain as usize];
        if kinds.is_empty() && plain_terms.is_empty() {
            return Vec::new();
        }
        let shared = self.shared.read();
        let mut ranges = Vec::new();
        let plain = self.plain.get_or_insert_with(|| plain_analyser(self.index));
        let mut stream = plain.token_stream(text);
        while stream.advance() {
            let t = stream.token();
            let (from, to) = (t.offset_from, t.offset_to);
            if !in_bounds(text, from, to) {
                continue;
            }
            let mut hit = plain_terms.contains(&t.text);
            for &kind in &kinds {
                if hit {
                    break;
                }
                let term = derived_term(&shared, &mut self.fresh, &mut self.scratch, kind, &t.text);
                hit = self.terms[kind as usize].contains(term);
            }
            if hit {
                ranges.push((from, to));
            }
        }
        merge(ranges)
    }

    /// The tokens of `text` (a segment in `lang`) with their terms in the
    /// fields [`segment_kinds`] names for such a segment, whatever the
    /// query: what [`Highlighter::matches_terms`] matches later searches against.
    pub fn analyse(&mut self, text: &str, lang: Lang) -> Vec<(usize, usize, [Option<String>; 3])> {
        let kinds = segment_kinds(lang);
        let shared = self.shared.read();
        let mut out = Vec::new();
        let plain = self.plain.get_or_insert_with(|| plain_analyser(self.index));
        let mut stream = plain.token_stream(text);
        while stream.advance() {
            let t = stream.token();
            let (from, to) = (t.offset_from, t.offset_to);
            if !in_bounds(text, from, to) {
                continue;
            }
            let mut terms: [Option<String>; 3] = Default::default();
            terms[0] = Some(t.text.clone());
            for (slot, kind) in terms.iter_mut().zip(kinds).skip(1) {
                if let Some(kind) = kind {
                    let term =
                        derived_term(&shared, &mut self.fresh, &mut self.scratch, kind, &t.text);
                    *slot = Some(term.to_string());
                }
            }
            out.push((from, to, terms));
        }
        out
    }

    /// The query's terms per field kind, as ids in `ids` (terms no token
    /// has are left out: nothing can match them).
    pub fn query_ids(&self, ids: &FxHashMap<Box<str>, u32>) -> QueryIds {
        let mut out: QueryIds = Default::default();
        for (kind, terms) in self.terms.iter().enumerate() {
            out[kind] = terms
                .iter()
                .filter_map(|t| ids.get(t.as_str()).copied())
                .collect();
        }
        out
    }

    /// The byte ranges of a segment in `lang` that match the query, from its
    /// tokens as [`Highlighter::analyse`] gave them, interned: the same
    /// ranges [`Highlighter::matches`] finds in its text.
    pub fn matches_terms(
        &self,
        tokens: &SegmentTokens,
        lang: Lang,
        query: &QueryIds,
    ) -> Vec<(usize, usize)> {
        let kinds = segment_kinds(lang);
        // Per slot, the query's term ids in that slot's field.
        let wanted: [&[u32]; 3] =
            kinds.map(|k| k.map_or(&[][..], |k| query[k as usize].as_slice()));
        if wanted.iter().all(|w| w.is_empty()) {
            return Vec::new();
        }
        let mut hits: Vec<u32> = Vec::new();
        for (by_term, ids) in tokens.by_term.iter().zip(wanted) {
            for &id in ids {
                let start = by_term.partition_point(|&(t, _)| t < id);
                hits.extend(
                    by_term[start..]
                        .iter()
                        .take_while(|&&(t, _)| t == id)
                        .map(|&(_, at)| at),
                );
            }
        }
        hits.sort_unstable();
        hits.dedup();
        let ranges = hits
            .iter()
            .filter_map(|&i| tokens.tokens.get(i as usize))
            .map(|t| (t.from as usize, t.to as usize))
            .collect();
        merge(ranges)
    }
}

/// A segment's tokens with the ids of their terms, and where each term
/// occurs: a query's matches are its few terms looked up, where reading
/// every token of the hits' segments was a ninth of a typical search on
/// the 1,000-paper bench.
pub(crate) struct SegmentTokens {
    pub tokens: Vec<TokenTerms>,
    /// Per slot, `(term id, token index)` for every token with a term in
    /// it, sorted (a segment's text is under 4 GB: its token indices fit).
    by_term: [Vec<(u32, u32)>; 3],
}

impl SegmentTokens {
    pub fn new(tokens: Vec<TokenTerms>) -> SegmentTokens {
        let by_term = std::array::from_fn(|slot| {
            let mut by_term: Vec<(u32, u32)> = tokens
                .iter()
                .zip(0u32..)
                .filter(|(t, _)| t.ids[slot] != NO_TERM)
                .map(|(t, i)| (t.ids[slot], i))
                .collect();
            by_term.sort_unstable();
            by_term
        });
        SegmentTokens { tokens, by_term }
    }
}

impl Drop for Highlighter<'_> {
    /// Hands the terms this search derived to the shared memo.
    fn drop(&mut self) {
        if self.fresh.iter().all(|m| m.is_empty()) {
            return;
        }
        let mut shared = self.shared.terms.write().unwrap_or_else(|p| p.into_inner());
        for (memo, fresh) in shared.iter_mut().zip(&mut self.fresh) {
            if memo.len() + fresh.len() > MAX_MEMO_WORDS {
                memo.clear();
            }
            memo.extend(fresh.drain());
        }
    }
}

fn merge(mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    ranges.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (from, to) in ranges {
        match out.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => out.push((from, to)),
        }
    }
    out
}

/// [`window_counted`], counting the text's chars itself.
#[cfg(test)]
pub(crate) fn window(text: &str, matches: &[(usize, usize)], max_chars: usize) -> Fragment {
    window_counted(text, text.chars().count(), matches, max_chars)
}

/// Cuts the window of `text` (of `n_chars` chars: a shown segment counts
/// them once, when it is cached, not at every hit) holding the most
/// matches, at word boundaries, with `…` where it was cut. `matches` are
/// sorted, non-overlapping byte ranges on char boundaries.
///
/// Positions are reckoned in chars: those of the matches' ends are counted
/// once, in one pass, and the few bytes of chars needed (the window's ends)
/// are found by walking from the nearest match, never by indexing every
/// char of the text (which was most of a snippet's cost).
pub(crate) fn window_counted(
    text: &str,
    n_chars: usize,
    matches: &[(usize, usize)],
    max_chars: usize,
) -> Fragment {
    debug_assert_eq!(n_chars, text.chars().count());
    let max_chars = max_chars.max(20);
    if n_chars <= max_chars {
        return Fragment {
            text: text.to_string(),
            highlights: matches.to_vec(),
        };
    }
    let chars = CharPositions::new(text, matches);
    // Try a window starting a little before each match; keep the one
    // covering the most matches (the first on ties).
    let lead = max_chars / 5;
    let mut best = (0usize, 0usize);
    for &(from, _) in &chars.matches {
        let start = from.saturating_sub(lead);
        let end = (start + max_chars).min(n_chars);
        let count = chars
            .matches
            .iter()
            .filter(|m| m.0 >= start && m.1 <= end)
            .count();
        if count > best.1 {
            best = (start, count);
        }
    }
    let mut start = best.0.min(n_chars.saturating_sub(max_chars));
    let mut end = (start + max_chars).min(n_chars);
    // Snap to word boundaries (without losing a match).
    if start > 0 {
        // The chars from index `start - 1` on, as far as the snap may look.
        let head: Vec<char> = text[chars.byte_of(start - 1)..]
            .chars()
            .take((end - start).min(15) + 1)
            .collect();
        let at = |i: usize| head.get(i + 1 - start).copied().unwrap_or(' ');
        let mut s = start;
        while s < end && s < start + 15 && !at(s - 1).is_whitespace() {
            s += 1;
        }
        if s < end
            && at(s - 1).is_whitespace()
            && !chars.matches.iter().any(|m| m.0 < s && m.1 > start)
        {
            start = s;
        }
    }
    if end < n_chars {
        // The chars from the lowest index the snap may look at up to `end`.
        let lowest = (start + 1).max(end.saturating_sub(15)).min(end);
        let tail: Vec<char> = text[chars.byte_of(lowest)..]
            .chars()
            .take(end - lowest + 1)
            .collect();
        let at = |i: usize| tail.get(i - lowest).copied().unwrap_or(' ');
        let mut e = end;
        while e > start + 1 && e + 15 > end && !at(e).is_whitespace() {
            e -= 1;
        }
        if at(e).is_whitespace() && !chars.matches.iter().any(|m| m.0 < end && m.1 > e) {
            end = e;
        }
    }
    let (s, e) = (chars.byte_of(start), chars.byte_of(end));
    let prefix = if start > 0 { "…" } else { "" };
    let suffix = if end < n_chars { "…" } else { "" };
    let body = text[s..e].trim_end();
    let highlights = matches
        .iter()
        .filter(|m| m.0 >= s && m.1 <= s + body.len())
        .map(|m| (m.0 - s + prefix.len(), m.1 - s + prefix.len()))
        .collect();
    let mut text = String::with_capacity(prefix.len() + body.len() + suffix.len());
    text.push_str(prefix);
    text.push_str(body);
    text.push_str(suffix);
    Fragment { text, highlights }
}

/// The char indices of the matches' ends in a text, and the byte offset of
/// any char index, found from the nearest match end.
struct CharPositions<'t> {
    text: &'t str,
    /// Each match as char indices.
    matches: Vec<(usize, usize)>,
    /// (char index, byte offset) of the match ends that are char
    /// boundaries, in order, after `(0, 0)`.
    anchors: Vec<(usize, usize)>,
}

impl<'t> CharPositions<'t> {
    fn new(text: &'t str, matches: &[(usize, usize)]) -> CharPositions<'t> {
        let bytes = text.as_bytes();
        // Chars starting before `byte`, counted on from the last answer
        // when `byte` lies after it (match ends come in order).
        let mut last = (0usize, 0usize);
        let mut char_at = |byte: usize| {
            let byte = byte.min(bytes.len());
            let (from, mut count) = if byte >= last.0 { last } else { (0, 0) };
            count += bytes[from..byte]
                .iter()
                .filter(|&&b| !is_continuation(b))
                .count();
            last = (byte, count);
            count
        };
        let mut anchors = vec![(0, 0)];
        let matches = matches
            .iter()
            .map(|&(from, to)| {
                let (a, b) = (char_at(from), char_at(to));
                for (c, byte) in [(a, from), (b, to)] {
                    if text.is_char_boundary(byte) && anchors.last().is_some_and(|l| l.0 <= c) {
                        anchors.push((c, byte));
                    }
                }
                (a, b)
            })
            .collect();
        CharPositions {
            text,
            matches,
            anchors,
        }
    }

    /// The byte offset of char index `i` (the text's length past its end),
    /// walked to from the nearer of the match ends around it.
    fn byte_of(&self, i: usize) -> usize {
        let k = self.anchors.partition_point(|a| a.0 <= i);
        // `anchors[0]` is `(0, 0)`, so some anchor lies at or before `i`.
        let (c, byte) = self.anchors[k.saturating_sub(1)];
        if let Some(&(c_after, byte_after)) = self.anchors.get(k)
            && c_after - i < i - c
        {
            return back_chars(self.text.as_bytes(), byte_after, c_after - i);
        }
        forward_chars(self.text.as_bytes(), byte, i - c)
    }
}

/// How many of the 8 bytes of `word` start a char (are not `10xxxxxx`).
fn char_starts(word: &[u8]) -> usize {
    let x = u64::from_le_bytes(word.try_into().expect("eight bytes"));
    8 - (x & !(x << 1) & 0x8080_8080_8080_8080).count_ones() as usize
}

/// The byte offset of the char `n` chars after the one starting at `from`
/// (`bytes.len()` past the end). Eight bytes are passed at a time while
/// they cannot hold the char sought: walking char by char was half of a
/// snippet's cost.
fn forward_chars(bytes: &[u8], mut from: usize, mut n: usize) -> usize {
    while n >= 8 && from + 8 <= bytes.len() {
        // At most eight chars start in them: the one sought is further on.
        n -= char_starts(&bytes[from..from + 8]);
        from += 8;
    }
    // `from` may now be inside a char: its continuation bytes start none.
    while from < bytes.len() {
        if !is_continuation(bytes[from]) {
            if n == 0 {
                return from;
            }
            n -= 1;
        }
        from += 1;
    }
    bytes.len()
}

/// The byte offset of the char `n` chars before the one starting at `to`
/// (0 if there are fewer), eight bytes at a time as [`forward_chars`].
fn back_chars(bytes: &[u8], mut to: usize, mut n: usize) -> usize {
    while n > 8 && to >= 8 {
        n -= char_starts(&bytes[to - 8..to]);
        to -= 8;
    }
    while n > 0 {
        if to == 0 {
            return 0;
        }
        to -= 1;
        if !is_continuation(bytes[to]) {
            n -= 1;
        }
    }
    to
}

/// Whether `b` continues a UTF-8 sequence (`10xxxxxx`).
fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn html_escapes_the_text_and_marks_matches() {
        let f = Fragment {
            text: "a <script> & b".into(),
            highlights: vec![(13, 14)],
        };
        assert_eq!(f.to_html(), "a &lt;script&gt; &amp; <b>b</b>");
        assert_eq!(f.to_ansi(), "a <script> & \x1b[1mb\x1b[0m");
    }

    #[test]
    fn window_centres_on_the_densest_matches_and_marks_cuts() {
        let text = format!(
            "{} мигранттар and мигранты here {}",
            "word ".repeat(60),
            "tail ".repeat(60)
        );
        let from = text.find("мигранттар").unwrap();
        let from2 = text.find("мигранты").unwrap();
        let m = vec![
            (from, from + "мигранттар".len()),
            (from2, from2 + "мигранты".len()),
        ];
        let f = window(&text, &m, 80);
        assert!(
            f.text.starts_with('…') && f.text.ends_with('…'),
            "{}",
            f.text
        );
        assert_eq!(f.highlights.len(), 2);
        let html = f.to_html();
        assert!(
            html.contains("<b>мигранттар</b>") && html.contains("<b>мигранты</b>"),
            "{html}"
        );
    }

    #[test]
    fn short_text_is_kept_whole() {
        let f = window("short text", &[(6, 10)], 200);
        assert_eq!(f.to_html(), "short <b>text</b>");
    }

    /// The snippet's shortcut (plain analyser once, then each field's
    /// rewrites per token) must give the terms the registered analysers give,
    /// or a highlighted word would not be a word that matched.
    #[track_caller]
    fn check_field_terms(text: &str) {
        let plain = analysis::tokens(names::PLAIN, text).unwrap();
        for (kind, name) in [
            (FieldKind::Plain, names::PLAIN),
            (FieldKind::Kk, names::KK),
            (FieldKind::Ru, names::RU),
            (FieldKind::En, names::EN),
            (FieldKind::KkFold, names::KK_FOLD),
        ] {
            let full = analysis::tokens(name, text).unwrap();
            let mut scratch = String::new();
            let derived: Vec<(usize, usize, String)> = plain
                .iter()
                .map(|t| {
                    (
                        t.offset_from,
                        t.offset_to,
                        field_term(kind, &t.text, &mut scratch),
                    )
                })
                .collect();
            let full: Vec<(usize, usize, String)> = full
                .into_iter()
                .map(|t| (t.offset_from, t.offset_to, t.text))
                .collect();
            assert_eq!(derived, full, "{name} on {text:?}");
        }
    }

    #[test]
    fn field_terms_are_the_analysers_terms() {
        check_field_terms(
            "Мигранттардың ҚЫТАЙ саясаты; migrants' policies, миграционной политики 走出去 2010",
        );
        check_field_terms("əлеуеті Ёлки Zǒuchūqū халқы қазақтың");
    }

    /// The window as first written, indexing every char of the text: what
    /// [`window`] must cut.
    fn window_by_every_char(text: &str, matches: &[(usize, usize)], max_chars: usize) -> Fragment {
        let max_chars = max_chars.max(20);
        let n_chars = text.chars().count();
        if n_chars <= max_chars {
            return Fragment {
                text: text.to_string(),
                highlights: matches.to_vec(),
            };
        }
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let char_at = |byte: usize| bounds.partition_point(|&b| b < byte);
        // Try a window starting a little before each match; keep the one
        // covering the most matches (the first on ties).
        let lead = max_chars / 5;
        let mut best = (0usize, 0usize);
        for &(from, _) in matches {
            let start = char_at(from).saturating_sub(lead);
            let end = (start + max_chars).min(n_chars);
            let (s, e) = (bounds[start], bounds[end]);
            let count = matches.iter().filter(|m| m.0 >= s && m.1 <= e).count();
            if count > best.1 {
                best = (start, count);
            }
        }
        let mut start = best.0.min(n_chars.saturating_sub(max_chars));
        let mut end = (start + max_chars).min(n_chars);
        // The character at a char index (always below `n_chars` here).
        let char_at_index = |i: usize| text[bounds[i]..].chars().next().unwrap_or(' ');
        // Snap to word boundaries (without losing a match).
        if start > 0 {
            let mut s = start;
            while s < end && s < start + 15 && !char_at_index(s - 1).is_whitespace() {
                s += 1;
            }
            if s < end
                && char_at_index(s - 1).is_whitespace()
                && !matches
                    .iter()
                    .any(|m| char_at(m.0) < s && char_at(m.1) > start)
            {
                start = s;
            }
        }
        if end < n_chars {
            let mut e = end;
            while e > start + 1 && e + 15 > end && !char_at_index(e).is_whitespace() {
                e -= 1;
            }
            if char_at_index(e).is_whitespace()
                && !matches
                    .iter()
                    .any(|m| char_at(m.0) < end && char_at(m.1) > e)
            {
                end = e;
            }
        }
        let (s, e) = (bounds[start], bounds[end]);
        let prefix = if start > 0 { "…" } else { "" };
        let suffix = if end < n_chars { "…" } else { "" };
        let body = text[s..e].trim_end();
        let highlights = matches
            .iter()
            .filter(|m| m.0 >= s && m.1 <= s + body.len())
            .map(|m| (m.0 - s + prefix.len(), m.1 - s + prefix.len()))
            .collect();
        Fragment {
            text: format!("{prefix}{body}{suffix}"),
            highlights,
        }
    }

    proptest! {
        #[test]
        fn field_terms_are_the_analysers_terms_on_any_text(text in "\\PC{0,200}") {
            check_field_terms(&text);
        }

        #[test]
        fn field_terms_are_the_analysers_terms_on_cyrillic_words(text in "[а-яёәғқңөұүһі A-Za-z]{0,120}") {
            check_field_terms(&text);
        }

        /// The run-copying escape gives what escaping char by char gives.
        #[test]
        fn html_escape_is_the_char_by_char_escape(text in "[a<>&\"'ә\\PC]{0,80}") {
            let mut expected = String::new();
            for c in text.chars() {
                match c {
                    '&' => expected.push_str("&amp;"),
                    '<' => expected.push_str("&lt;"),
                    '>' => expected.push_str("&gt;"),
                    '"' => expected.push_str("&quot;"),
                    '\'' => expected.push_str("&#39;"),
                    c => expected.push(c),
                }
            }
            let mut out = String::new();
            html_escape(&text, &mut out);
            prop_assert_eq!(out, expected);
        }

        /// The window reckoned from the matches cuts what indexing every
        /// char cut.
        #[test]
        fn window_cuts_what_indexing_every_char_cut(text in "[a-zа-яә ,.\\PC]{0,400}", max in 0usize..300, picks in proptest::collection::vec((0usize..400, 1usize..20), 0..6)) {
            let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let ranges: Vec<(usize, usize)> = picks.iter().filter_map(|&(a, len)| {
                let a = *bounds.get(a % bounds.len())?;
                let b = *bounds.iter().find(|&&b| b >= a + len).unwrap_or(&text.len());
                (a < b).then_some((a, b))
            }).collect();
            let ranges = merge(ranges);
            prop_assert_eq!(window(&text, &ranges, max), window_by_every_char(&text, &ranges, max));
        }

        /// Walking chars eight bytes at a time lands where walking them
        /// one by one does.
        #[test]
        fn char_walks_land_on_the_chars_counted(text in "[a-zа-яә ,.\\PC]{0,200}", from in 0usize..220, n in 0usize..120) {
            let starts: Vec<usize> = text.char_indices().map(|(at, _)| at).chain([text.len()]).collect();
            let k = from.min(starts.len() - 1);
            let forward = starts.get(k + n).copied().unwrap_or(text.len());
            prop_assert_eq!(forward_chars(text.as_bytes(), starts[k], n), forward);
            let back = k.checked_sub(n).map_or(0, |i| starts[i]);
            prop_assert_eq!(back_chars(text.as_bytes(), starts[k], n), back);
        }

        #[test]
        fn window_never_panics_and_highlights_stay_in_bounds(text in "\\PC{0,400}", max in 0usize..300, picks in proptest::collection::vec((0usize..400, 1usize..20), 0..6)) {
            let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let ranges: Vec<(usize, usize)> = picks.iter().filter_map(|&(a, len)| {
                let a = *bounds.get(a % bounds.len())?;
                let b = *bounds.iter().find(|&&b| b >= a + len).unwrap_or(&text.len());
                (a < b).then_some((a, b))
            }).collect();
            let f = window(&text, &merge(ranges), max);
            for (a, b) in &f.highlights {
                prop_assert!(a < b && *b <= f.text.len());
                prop_assert!(f.text.is_char_boundary(*a) && f.text.is_char_boundary(*b));
            }
            let _ = f.to_html();
        }
    }
}
