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
//!   (`55-ші` → `55`, `ші`).
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

use std::cell::RefCell;

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
}

fn flush_han(han: &mut Vec<(usize, usize)>, spans: &mut Vec<(usize, usize)>) {
    match han.len() {
        0 => {}
        1 => spans.push(han[0]),
        _ => spans.extend(han.windows(2).map(|w| (w[0].0, w[1].1))),
    }
    han.clear();
}

/// Texts up to this many bytes are remembered by [`LAST`].
const REMEMBER_BYTES: usize = 64 * 1024;

thread_local! {
    /// The last text this thread split into tokens, and its spans. The index
    /// hands one segment's text to two or three analysers in a row (its
    /// language's, the plain one, for Kazakh the folded one), each with a
    /// tokenizer of its own: the second and third find the spans here
    /// instead of running the word-boundary rules again.
    static LAST: RefCell<(String, Vec<(usize, usize)>)> = const { RefCell::new((String::new(), Vec::new())) };
}

/// [`token_spans`] through [`LAST`].
fn remembered_token_spans(text: &str, spans: &mut Vec<(usize, usize)>) {
    if text.len() > REMEMBER_BYTES {
        token_spans(text, spans);
        return;
    }
    LAST.with_borrow_mut(|(last_text, last_spans)| {
        if last_text == text {
            spans.clone_from(last_spans);
            return;
        }
        token_spans(text, spans);
        last_text.clear();
        last_text.push_str(text);
        last_spans.clone_from(spans);
    });
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordTokenStream<'a> {
        remembered_token_spans(text, &mut self.spans);
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

impl TokenStream for WordTokenStream<'_> {
    fn advance(&mut self) -> bool {
        let Some(&(from, to)) = self.spans.get(self.next) else {
            return false;
        };
        self.token.offset_from = from;
        self.token.offset_to = to;
        self.token.position = self.next;
        self.token.position_length = 1;
        self.token.text.clear();
        self.token.text.push_str(&self.text[from..to]);
        self.next += 1;
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

    #[test]
    fn a_text_split_again_gets_the_same_spans() {
        let mut a = WordTokenizer::default();
        let mut b = WordTokenizer::default();
        let texts = [
            "Қазақ елі 走出去",
            "other words here",
            "Қазақ елі 走出去",
            "",
        ];
        for text in texts.iter().chain(texts.iter()) {
            let mut fresh = Vec::new();
            token_spans(text, &mut fresh);
            for tokenizer in [&mut a, &mut b] {
                let mut stream = tokenizer.token_stream(text);
                let mut got = Vec::new();
                while let Some(t) = stream.next() {
                    got.push((t.offset_from, t.offset_to));
                }
                assert_eq!(got, fresh, "{text:?}");
            }
        }
        let long = "слово ".repeat(REMEMBER_BYTES / 5);
        check(&long, &vec!["слово"; REMEMBER_BYTES / 5]);
    }

    #[test]
    fn empty_and_blank() {
        check("", &[]);
        check(" \n\t—,.", &[]);
    }
}
