//! One generic tantivy token filter that rewrites each token's text through a
//! [`TermMap`] (normalise, fold, stem), leaving offsets and positions alone.

use std::mem;

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// A rewrite of one term. Writes the new text into `out` (cleared by the
/// caller) and returns `true`, or returns `false` to keep the term unchanged.
pub trait TermMap: Clone + Send + Sync + 'static {
    fn map(&self, term: &str, out: &mut String) -> bool;
}

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
        }
    }
}

#[derive(Clone, Debug)]
pub struct MapFilterWrapper<M, T> {
    map: M,
    inner: T,
    buffer: String,
}

impl<M: TermMap, T: Tokenizer> Tokenizer for MapFilterWrapper<M, T> {
    type TokenStream<'a> = MapFilterStream<'a, M, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        MapFilterStream {
            map: &self.map,
            tail: self.inner.token_stream(text),
            buffer: &mut self.buffer,
        }
    }
}

pub struct MapFilterStream<'a, M, S> {
    map: &'a M,
    tail: S,
    buffer: &'a mut String,
}

impl<M: TermMap, S: TokenStream> TokenStream for MapFilterStream<'_, M, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        self.buffer.clear();
        if self.map.map(&self.tail.token().text, self.buffer) {
            mem::swap(&mut self.tail.token_mut().text, self.buffer);
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
