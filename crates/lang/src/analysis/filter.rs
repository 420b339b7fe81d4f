//! One generic tantivy token filter that rewrites each token's text through a
//! [`TermMap`] (normalise, fold, stem, or several [`Then`] one another),
//! leaving offsets and positions alone, and remembers what it made of the
//! terms it met (words repeat: most of a text's tokens are words it already
//! had, so most tokens cost a hash look-up instead of a normalisation and a
//! stemming).

use std::mem;

use compact_str::CompactString;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

use crate::memo::{Memo, SharedMemo};

/// A rewrite of one term. Writes the new text into `out` (cleared by the
/// caller) and returns `true`, or returns `false` to keep the term unchanged
/// (`out` is then ignored).
///
/// A map must be a function of the term alone: [`MapFilter`] remembers its
/// answers.
pub trait TermMap: Clone + Send + Sync + 'static {
    fn map(&self, term: &str, out: &mut String) -> bool;

    /// Whether mapping `term` costs less than looking it up in memory (the
    /// filter then maps it afresh each time and does not remember it).
    fn cheap(&self, _term: &str) -> bool {
        false
    }
}

/// Two term maps, the second applied to what the first made.
#[derive(Clone, Copy, Debug, Default)]
pub struct Then<A, B>(pub A, pub B);

impl<A: TermMap, B: TermMap> TermMap for Then<A, B> {
    fn map(&self, term: &str, out: &mut String) -> bool {
        // Room for what maps make of a word (a few bytes more at most): the
        // first map then writes without growing the string letter by letter.
        let mut mid = String::with_capacity(term.len() + 8);
        if !self.0.map(term, &mut mid) {
            return self.1.map(term, out);
        }
        if !self.1.map(&mid, out) {
            out.clear();
            out.push_str(&mid);
        }
        true
    }
}

/// How many distinct terms a filter remembers in each of its memory's two
/// generations ([`crate::memo::Memo`]): the words met since the last
/// turnover are always kept. A 10,000-paper load meets about 49,000 distinct
/// Kazakh words, which one generation holds (with 32,768 a generation it
/// made 43,000 more terms, 0.7% of the load's instructions); a few MB a
/// generation, one memory per analyser and thread and one all its clones
/// share.
const MEMO_TERMS: usize = 1 << 16;

/// Terms met, with what the map made of them (`None`: left unchanged). Short
/// strings sit inline in the table (CompactString: up to 24 bytes, most
/// words), so a look-up reads one bucket instead of following two pointers
/// to the heap: a third of the analysers' cache misses were those pointers.
type TermMemo = Memo<CompactString, Option<CompactString>>;

/// What all clones of one [`MapFilter`] made of the words they met (see
/// [`SharedMemo`]).
type SharedTerms = SharedMemo<CompactString, Option<CompactString>>;

/// A tantivy [`TokenFilter`] applying a [`TermMap`] to every token's text.
#[derive(Clone, Debug)]
pub struct MapFilter<M>(pub M);

impl<M: TermMap> TokenFilter for MapFilter<M> {
    type Tokenizer<T: Tokenizer> = MapFilterWrapper<M, T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> MapFilterWrapper<M, T> {
        MapFilterWrapper {
            map: self.0,
            inner: tokenizer,
            buffer: String::new(),
            memo: Memo::new(MEMO_TERMS),
            shared: SharedMemo::new(MEMO_TERMS),
        }
    }
}

#[derive(Clone, Debug)]
pub struct MapFilterWrapper<M, T> {
    map: M,
    inner: T,
    buffer: String,
    memo: TermMemo,
    shared: SharedTerms,
}

impl<M: TermMap, T: Tokenizer> Tokenizer for MapFilterWrapper<M, T> {
    type TokenStream<'a> = MapFilterStream<'a, M, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        MapFilterStream {
            map: &self.map,
            tail: self.inner.token_stream(text),
            buffer: &mut self.buffer,
            memo: &mut self.memo,
            shared: &self.shared,
        }
    }
}

pub struct MapFilterStream<'a, M, S> {
    map: &'a M,
    tail: S,
    buffer: &'a mut String,
    memo: &'a mut TermMemo,
    shared: &'a SharedTerms,
}

impl<M: TermMap, S: TokenStream> TokenStream for MapFilterStream<'_, M, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if self.map.cheap(&token.text) {
            self.buffer.clear();
            if self.map.map(&token.text, self.buffer) {
                mem::swap(&mut token.text, self.buffer);
            }
            return true;
        }
        let mapped = match self.memo.get(token.text.as_str()) {
            Some(mapped) => mapped,
            None => {
                let (map, buffer, shared) = (self.map, &mut *self.buffer, self.shared);
                let word = token.text.as_str();
                self.memo.get_or_insert_with(word, || {
                    shared.get_or_make(word, || {
                        buffer.clear();
                        map.map(word, buffer)
                            .then(|| CompactString::from(buffer.as_str()))
                    })
                })
            }
        };
        if let Some(mapped) = mapped {
            token.text.clear();
            token.text.push_str(mapped);
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// A tantivy [`TokenFilter`] that indexes each token under two terms: what
/// the `main` map makes of it and, at the same position and offsets, what
/// the `alt` map makes of it where that differs (a synonym). One pass of the
/// tokenizer and one field's postings give what two analysers and two
/// fields gave, for words whose two terms agree; it remembers both terms of
/// every word it met, as [`MapFilter`] does.
#[derive(Clone, Debug)]
pub struct PairFilter<A, B> {
    pub main: A,
    pub alt: B,
}

impl<A: TermMap, B: TermMap> TokenFilter for PairFilter<A, B> {
    type Tokenizer<T: Tokenizer> = PairFilterWrapper<A, B, T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> PairFilterWrapper<A, B, T> {
        PairFilterWrapper {
            main: self.main,
            alt: self.alt,
            inner: tokenizer,
            memo: Memo::new(MEMO_TERMS),
            shared: SharedMemo::new(MEMO_TERMS),
            pending: String::new(),
        }
    }
}

/// A word's two terms: the main one, and the other where it differs.
type Pair = (CompactString, Option<CompactString>);

/// Words met, with their two terms (inline, as in [`TermMemo`]).
type PairMemo = Memo<CompactString, Pair>;

/// What all clones of one [`PairFilter`] made of the words they met.
type SharedPairs = SharedMemo<CompactString, Pair>;

#[derive(Clone, Debug)]
pub struct PairFilterWrapper<A, B, T> {
    main: A,
    alt: B,
    inner: T,
    memo: PairMemo,
    shared: SharedPairs,
    pending: String,
}

impl<A: TermMap, B: TermMap, T: Tokenizer> Tokenizer for PairFilterWrapper<A, B, T> {
    type TokenStream<'a> = PairFilterStream<'a, A, B, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        PairFilterStream {
            main: &self.main,
            alt: &self.alt,
            tail: self.inner.token_stream(text),
            memo: &mut self.memo,
            shared: &self.shared,
            pending: &mut self.pending,
            has_pending: false,
        }
    }
}

pub struct PairFilterStream<'a, A, B, S> {
    main: &'a A,
    alt: &'a B,
    tail: S,
    memo: &'a mut PairMemo,
    shared: &'a SharedPairs,
    /// The alternative term of the token just given, to give next (when
    /// `has_pending`).
    pending: &'a mut String,
    has_pending: bool,
}

/// Both terms of `word`: `main`'s, and `alt`'s where it differs.
fn pair<A: TermMap, B: TermMap>(main: &A, alt: &B, word: &str) -> Pair {
    let mut m = String::new();
    if !main.map(word, &mut m) {
        m = word.to_string();
    }
    let mut a = String::new();
    if !alt.map(word, &mut a) {
        a = word.to_string();
    }
    let a = (a != m).then(|| CompactString::from(a));
    (CompactString::from(m), a)
}

impl<A: TermMap, B: TermMap, S: TokenStream> TokenStream for PairFilterStream<'_, A, B, S> {
    fn advance(&mut self) -> bool {
        if self.has_pending {
            self.has_pending = false;
            let token = self.tail.token_mut();
            std::mem::swap(&mut token.text, self.pending);
            return true;
        }
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        let (main, alt) = match self.memo.get(token.text.as_str()) {
            Some(pair) => pair,
            None => {
                let (m, a, shared) = (self.main, self.alt, self.shared);
                let word = token.text.as_str();
                self.memo
                    .get_or_insert_with(word, || shared.get_or_make(word, || pair(m, a, word)))
            }
        };
        token.text.clear();
        token.text.push_str(main);
        if let Some(alt) = alt {
            self.pending.clear();
            self.pending.push_str(alt);
            self.has_pending = true;
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tokenizer::WordTokenizer;
    use tantivy::tokenizer::TextAnalyzer;

    /// Appends `!` to words starting with `a`, leaves the rest.
    #[derive(Clone, Copy)]
    struct Bang;

    impl TermMap for Bang {
        fn map(&self, term: &str, out: &mut String) -> bool {
            if !term.starts_with('a') {
                out.push_str("garbage the filter must ignore");
                return false;
            }
            out.push_str(term);
            out.push('!');
            true
        }
    }

    fn run(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn remembered_terms_come_out_as_when_first_mapped() {
        let mut a = TextAnalyzer::builder(WordTokenizer::default())
            .filter(MapFilter(Bang))
            .build();
        let text = "ab b ab c ab b";
        let expected = ["ab!", "b", "ab!", "c", "ab!", "b"];
        assert_eq!(run(&mut a, text), expected);
        // Again, now every term comes from memory.
        assert_eq!(run(&mut a, text), expected);
        // More distinct terms than a generation holds: it turns over, same terms.
        let many: String = (0..MEMO_TERMS + 10)
            .map(|i| format!("a{i} x{i} "))
            .collect();
        let got = run(&mut a, &many);
        assert_eq!(got.len(), 2 * (MEMO_TERMS + 10));
        assert_eq!(got[0], "a0!");
        assert_eq!(got[got.len() - 2], format!("a{}!", MEMO_TERMS + 9));
        assert_eq!(got[got.len() - 1], format!("x{}", MEMO_TERMS + 9));
        assert_eq!(run(&mut a, text), expected);
    }

    fn run_tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.position, t.offset_from));
        }
        out
    }

    #[test]
    fn a_pair_filter_gives_the_alternative_term_beside_the_main_one_where_it_differs() {
        /// Upper-cases words starting with `b`, leaves the rest.
        #[derive(Clone, Copy)]
        struct Upper;
        impl TermMap for Upper {
            fn map(&self, term: &str, out: &mut String) -> bool {
                if !term.starts_with('b') {
                    return false;
                }
                out.push_str(&term.to_uppercase());
                true
            }
        }
        let mut a = TextAnalyzer::builder(WordTokenizer::default())
            .filter(PairFilter {
                main: Bang,
                alt: Upper,
            })
            .build();
        let text = "ab b c ab";
        let expected = vec![
            // `ab`: main `ab!`, alternative `ab` (unchanged by Upper): differs.
            ("ab!".to_string(), 0, 0),
            ("ab".to_string(), 0, 0),
            // `b`: main `b` (Bang leaves it), alternative `B`.
            ("b".to_string(), 1, 3),
            ("B".to_string(), 1, 3),
            // `c`: both maps leave it: one term.
            ("c".to_string(), 2, 5),
            ("ab!".to_string(), 3, 7),
            ("ab".to_string(), 3, 7),
        ];
        assert_eq!(run_tokens(&mut a, text), expected);
        // Again, every pair from memory.
        assert_eq!(run_tokens(&mut a, text), expected);
    }

    /// Clones of an analyser (tantivy gives one to each indexing thread)
    /// map a word once between them, and give the same terms.
    #[test]
    fn clones_of_an_analyser_map_each_word_once_between_them() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static MAPPED: AtomicUsize = AtomicUsize::new(0);
        #[derive(Clone, Copy)]
        struct Counted;
        impl TermMap for Counted {
            fn map(&self, term: &str, out: &mut String) -> bool {
                MAPPED.fetch_add(1, Ordering::Relaxed);
                Bang.map(term, out)
            }
        }
        let mut single = TextAnalyzer::builder(WordTokenizer::default())
            .filter(MapFilter(Counted))
            .build();
        let mut pair = TextAnalyzer::builder(WordTokenizer::default())
            .filter(PairFilter {
                main: Counted,
                alt: Bang,
            })
            .build();
        let (mut single2, mut pair2) = (single.clone(), pair.clone());
        assert_eq!(run(&mut single, "ab b"), ["ab!", "b"]);
        assert_eq!(run(&mut single2, "b ab c"), ["b", "ab!", "c"]);
        // `ab` and `b` once, by the first clone; `c` by the second.
        assert_eq!(MAPPED.swap(0, Ordering::Relaxed), 3);
        let first = run_tokens(&mut pair, "ab b");
        assert_eq!(run_tokens(&mut pair2, "ab b"), first);
        assert_eq!(MAPPED.swap(0, Ordering::Relaxed), 2);
    }

    #[test]
    fn then_applies_the_second_map_to_the_first_ones_output() {
        let mut out = String::new();
        assert!(Then(Bang, Bang).map("ab", &mut out));
        assert_eq!(out, "ab!!");
        out.clear();
        assert!(!Then(Bang, Bang).map("b", &mut out));
    }
}
