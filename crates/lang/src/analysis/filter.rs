//! The analysers' one generic filter, which rewrites each token's text
//! through a [`TermMap`] (normalise, fold, stem, or several [`Then`] one
//! another), leaving offsets and positions alone, and remembers what it made
//! of the terms it met (words repeat: most of a text's tokens are words it
//! already had, so most tokens cost a look-up in memory instead of a
//! normalisation and a stemming). It comes fused with the word tokenizer
//! ([`MapTokenizer`], [`PairTokenizer`]), so that it can ready the memory for
//! the words to come.

use compact_str::CompactString;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::MAX_TOKEN_BYTES;
use super::tokenizer::{WordTokenStream, WordTokenizer};
use crate::memo::{Parking, WordMemo, word_hash};

/// A rewrite of one term. Writes the new text into `out` (cleared by the
/// caller) and returns `true`, or returns `false` to keep the term unchanged
/// (`out` is then ignored).
///
/// A map must be a function of the term alone: [`MapTokenizer`] remembers its
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
/// generations ([`WordMemo`]): the words met since the last turnover are
/// always kept. A 10,000-paper load meets about 49,000 distinct
/// Kazakh words, which one generation holds (with 32,768 a generation it
/// made 43,000 more terms, 0.7% of the load's instructions). A full
/// generation of a filter's memory is 8 MB of slots (16 MB for the
/// Kazakh field's pairs: see [`WordMemo`]); one memory per analyser and
/// thread, and those that its dropped clones parked (`Parking`).
const MEMO_TERMS: usize = 1 << 16;

/// How many tokens ahead of the one it maps a filter touches the memory
/// slot of the word to come ([`WordMemo::touch`]). Measured on the
/// one-thread 1k bench load, pinned, 16 interleaved runs each: 2 tokens
/// ahead 0.954 of the time without touching, 4 ahead 0.966, 8 ahead 0.998
/// (a line touched too early is gone again when its word comes).
const TOUCH_AHEAD: usize = 2;

/// The hashes of the words a token stream touched ahead ([`TOUCH_AHEAD`]),
/// by their positions (a ring of 8), so each word is hashed once.
struct Ahead {
    hashes: [(usize, u64); 8],
}

impl Default for Ahead {
    fn default() -> Self {
        Ahead {
            hashes: [(usize::MAX, 0); 8],
        }
    }
}

impl Ahead {
    /// For the token `words` is at: touches `memo`'s slot of the word
    /// [`TOUCH_AHEAD`] tokens on (if `wanted`), and returns the current
    /// word's hash if it was hashed when touched.
    #[inline]
    fn step<V: Clone + Default>(
        &mut self,
        words: &WordTokenStream<'_>,
        memo: &WordMemo<V>,
        wanted: impl Fn(&str) -> bool,
    ) -> Option<u64> {
        let at = words.token().position;
        if let Some(word) = words.ahead(TOUCH_AHEAD)
            && wanted(word)
        {
            let hash = word_hash(word);
            memo.touch(hash);
            self.hashes[(at + TOUCH_AHEAD) % 8] = (at + TOUCH_AHEAD, hash);
        }
        let (p, hash) = self.hashes[at % 8];
        (p == at).then_some(hash)
    }
}

/// Terms met, with what the map made of them (`None`: left unchanged),
/// inline in the memory's slots (CompactString: up to 24 bytes, most words).
type TermMemo = WordMemo<Option<CompactString>>;

/// A tantivy [`Tokenizer`]: the words of a text ([`WordTokenizer`]; those
/// over [`MAX_TOKEN_BYTES`] dropped, their positions left empty, as
/// tantivy's `RemoveLongFilter` does), each rewritten through a [`TermMap`].
/// The filter is part of the tokenizer, not a `TokenFilter` after it, so it
/// sees the tokens to come and readies their place in its memory
/// (`TOUCH_AHEAD`).
#[derive(Clone, Debug)]
pub struct MapTokenizer<M> {
    map: M,
    words: WordTokenizer,
    buffer: String,
    memo: TermMemo,
    /// Whether it has had a text (and taken up a parked memory, if any).
    started: bool,
    parking: Parking<Option<CompactString>>,
}

impl<M: TermMap> MapTokenizer<M> {
    pub fn new(map: M) -> Self {
        MapTokenizer {
            map,
            words: WordTokenizer::default(),
            buffer: String::new(),
            memo: WordMemo::new(MEMO_TERMS),
            started: false,
            parking: Parking::default(),
        }
    }
}

impl<M: TermMap> Tokenizer for MapTokenizer<M> {
    type TokenStream<'a> = MapTokenStream<'a, M>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        if !std::mem::replace(&mut self.started, true)
            && let Some(memo) = self.parking.take()
        {
            self.memo = memo;
        }
        MapTokenStream {
            map: &self.map,
            words: self.words.token_stream(text),
            ahead: Ahead::default(),
            buffer: &mut self.buffer,
            memo: &mut self.memo,
        }
    }
}

impl<M> Drop for MapTokenizer<M> {
    /// Parks its memory for the next clone (see `Parking`).
    fn drop(&mut self) {
        self.parking
            .park(std::mem::replace(&mut self.memo, WordMemo::new(MEMO_TERMS)));
    }
}

pub struct MapTokenStream<'a, M> {
    map: &'a M,
    words: WordTokenStream<'a>,
    ahead: Ahead,
    buffer: &'a mut String,
    memo: &'a mut TermMemo,
}

impl<M: TermMap> TokenStream for MapTokenStream<'_, M> {
    fn advance(&mut self) -> bool {
        let Some(word) = self.words.next_word(MAX_TOKEN_BYTES) else {
            return false;
        };
        let map = self.map;
        let hashed = self
            .ahead
            .step(&self.words, self.memo, |word| !map.cheap(word));
        let text = &mut self.words.token_mut().text;
        text.clear();
        if map.cheap(word) {
            if !map.map(word, text) {
                text.clear();
                text.push_str(word);
            }
            return true;
        }
        let hash = hashed.unwrap_or_else(|| word_hash(word));
        let mapped = match self.memo.get(hash, word) {
            Some(mapped) => mapped,
            None => {
                let buffer = &mut *self.buffer;
                self.memo.get_or_insert_with(hash, word, || {
                    buffer.clear();
                    map.map(word, buffer)
                        .then(|| CompactString::from(buffer.as_str()))
                })
            }
        };
        text.push_str(mapped.as_deref().unwrap_or(word));
        true
    }

    fn token(&self) -> &Token {
        self.words.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.words.token_mut()
    }
}

/// A tantivy [`Tokenizer`], as [`MapTokenizer`], that indexes each word under
/// two terms: what the `main` map makes of it and, at the same position and
/// offsets, what the `alt` map makes of it where that differs (a synonym).
/// One pass of the tokenizer and one field's postings give what two
/// analysers and two fields gave, for words whose two terms agree; it
/// remembers both terms of every word it met.
#[derive(Clone, Debug)]
pub struct PairTokenizer<A, B> {
    main: A,
    alt: B,
    words: WordTokenizer,
    memo: PairMemo,
    /// As [`MapTokenizer`]'s.
    started: bool,
    parking: Parking<Pair>,
    pending: String,
}

impl<A: TermMap, B: TermMap> PairTokenizer<A, B> {
    pub fn new(main: A, alt: B) -> Self {
        PairTokenizer {
            main,
            alt,
            words: WordTokenizer::default(),
            memo: WordMemo::new(MEMO_TERMS),
            started: false,
            parking: Parking::default(),
            pending: String::new(),
        }
    }
}

impl<A, B> Drop for PairTokenizer<A, B> {
    /// As [`MapTokenizer`]'s.
    fn drop(&mut self) {
        self.parking
            .park(std::mem::replace(&mut self.memo, WordMemo::new(MEMO_TERMS)));
    }
}

/// A word's two terms: the main one, and the other where it differs.
type Pair = (CompactString, Option<CompactString>);

/// Words met, with their two terms (inline, as in [`TermMemo`]).
type PairMemo = WordMemo<Pair>;

impl<A: TermMap, B: TermMap> Tokenizer for PairTokenizer<A, B> {
    type TokenStream<'a> = PairTokenStream<'a, A, B>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        if !std::mem::replace(&mut self.started, true)
            && let Some(memo) = self.parking.take()
        {
            self.memo = memo;
        }
        PairTokenStream {
            main: &self.main,
            alt: &self.alt,
            words: self.words.token_stream(text),
            ahead: Ahead::default(),
            memo: &mut self.memo,
            pending: &mut self.pending,
            has_pending: false,
        }
    }
}

pub struct PairTokenStream<'a, A, B> {
    main: &'a A,
    alt: &'a B,
    words: WordTokenStream<'a>,
    ahead: Ahead,
    memo: &'a mut PairMemo,
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

impl<A: TermMap, B: TermMap> TokenStream for PairTokenStream<'_, A, B> {
    fn advance(&mut self) -> bool {
        if self.has_pending {
            self.has_pending = false;
            let token = self.words.token_mut();
            std::mem::swap(&mut token.text, self.pending);
            return true;
        }
        let Some(word) = self.words.next_word(MAX_TOKEN_BYTES) else {
            return false;
        };
        let hashed = self.ahead.step(&self.words, self.memo, |_| true);
        let hash = hashed.unwrap_or_else(|| word_hash(word));
        let (main, alt) = match self.memo.get(hash, word) {
            Some(pair) => pair,
            None => {
                let (m, a) = (self.main, self.alt);
                self.memo
                    .get_or_insert_with(hash, word, || pair(m, a, word))
            }
        };
        let text = &mut self.words.token_mut().text;
        text.clear();
        text.push_str(main);
        if let Some(alt) = alt {
            self.pending.clear();
            self.pending.push_str(alt);
            self.has_pending = true;
        }
        true
    }

    fn token(&self) -> &Token {
        self.words.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.words.token_mut()
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
        let mut a = TextAnalyzer::from(MapTokenizer::new(Bang));
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
        let mut a = TextAnalyzer::from(PairTokenizer::new(Bang, Upper));
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

    /// A clone of an analyser (tantivy gives one to each segment writer)
    /// starts with the memory a dropped clone parked; clones at work at the
    /// same time keep their own.
    #[test]
    fn a_clone_takes_up_the_words_a_dropped_clone_met() {
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
        let registered = TextAnalyzer::from(MapTokenizer::new(Counted));
        let pair_registered = TextAnalyzer::from(PairTokenizer::new(Counted, Bang));
        let (mut single, mut pair) = (registered.clone(), pair_registered.clone());
        assert_eq!(run(&mut single, "ab b ab"), ["ab!", "b", "ab!"]);
        assert_eq!(run(&mut pair, "ab b"), ["ab!", "b"]);
        assert_eq!(MAPPED.swap(0, Ordering::Relaxed), 4);
        // One thread's segment writers, one after the other: the next clone
        // starts with what the last one met.
        drop((single, pair));
        let (mut single, mut pair) = (registered.clone(), pair_registered.clone());
        assert_eq!(run(&mut single, "c ab b"), ["c", "ab!", "b"]);
        assert_eq!(run(&mut pair, "b ab"), ["b", "ab!"]);
        assert_eq!(MAPPED.swap(0, Ordering::Relaxed), 1);
        // A clone at work at the same time starts afresh.
        let mut other = registered.clone();
        assert_eq!(run(&mut other, "ab"), ["ab!"]);
        assert_eq!(MAPPED.swap(0, Ordering::Relaxed), 1);
    }

    #[test]
    fn then_applies_the_second_map_to_the_first_ones_output() {
        let mut out = String::new();
        assert!(Then(Bang, Bang).map("ab", &mut out));
        assert_eq!(out, "ab!!");
        out.clear();
        assert!(!Then(Bang, Bang).map("b", &mut out));
    }

    /// The terms a fused tokenizer gives are those of the word tokenizer,
    /// tantivy's `RemoveLongFilter` and the map applied afresh to every
    /// token: memory, its turnovers and the touches ahead change nothing.
    fn unfused(text: &str, map: &impl TermMap) -> Vec<(String, usize, usize, usize)> {
        use tantivy::tokenizer::RemoveLongFilter;
        let mut a = TextAnalyzer::builder(WordTokenizer::default())
            .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES + 1))
            .build();
        let mut stream = a.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            let mut mapped = String::new();
            if !map.map(&t.text, &mut mapped) {
                mapped = t.text.clone();
            }
            out.push((mapped, t.position, t.offset_from, t.offset_to));
        }
        out
    }

    fn all_tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn fused_tokenizers_give_the_terms_of_the_unfused_pipeline(
            texts in proptest::collection::vec("(a{1,3}|ab|b{1,4}|x{195,205}|ж{1,3}| |, ){0,40}", 1..4)
        ) {
            // A small memory, so that the texts turn it over.
            let mut single = MapTokenizer::new(Bang);
            single.memo = WordMemo::new(4);
            let mut single = TextAnalyzer::from(single);
            let mut both = PairTokenizer::new(Bang, Then(Bang, Bang));
            both.memo = WordMemo::new(4);
            let mut both = TextAnalyzer::from(both);
            for text in &texts {
                proptest::prop_assert_eq!(all_tokens(&mut single, text), unfused(text, &Bang));
                let mut expected = Vec::new();
                for (m, a) in unfused(text, &Bang).into_iter().zip(unfused(text, &Then(Bang, Bang))) {
                    let differs = a.0 != m.0;
                    expected.push(m);
                    if differs {
                        expected.push(a);
                    }
                }
                proptest::prop_assert_eq!(all_tokens(&mut both, text), expected);
            }
        }
    }
}
