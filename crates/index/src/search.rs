//! Search: the query analysed in every language, BM25 with field and segment
//! boosts, hits grouped by paper with their best segments and snippets, and
//! facet counts per language and section.
//!
//! Where the time goes (measured on the 1,000-paper bench index with
//! `cargo bench -p ushtil-index --bench search` and `perf`): scoring and
//! grouping every matching segment, which the exact `total` and `facets`
//! need, is most of it, and each index segment adds its own term lookups and
//! collector (a bulk run leaves one); what hits show is cached per set of
//! the searcher's segments and their deletes ([`SearchCache`]: titles,
//! stored segments with their tokens as interned term ids, word stems), so a
//! segment or title shown before costs neither a block decompression nor a
//! re-analysis. Only the requested page is sorted, and only its papers' best
//! segments are picked.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, OnceLock};

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use tantivy::collector::{Collector, DocSetCollector, SegmentCollector};
use tantivy::columnar::column_index::{OptionalIndex, Set};
use tantivy::columnar::{Column, ColumnIndex};
#[cfg(test)]
use tantivy::query::QueryParser;
use tantivy::query::{Bm25StatisticsProvider, BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::Value;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{
    DocAddress, DocId, Score, SegmentOrdinal, SegmentReader, TantivyDocument, Term,
    index::SegmentId,
};
use ushtil_lang::Lang;
use ushtil_segment::LangText;

use crate::query::FieldParser;
use crate::schema::{Kind, lang_code};
use crate::snippet::{
    Fragment, Highlighter, NO_TERM, QueryIds, SegmentTokens, TermMemo, TokenTerms, window_counted,
};
use crate::{Index, Result, query};

/// A search.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SearchRequest {
    /// Words, `"phrases"`, `AND`, `OR`, `-excluded`, parentheses.
    pub query: String,
    /// Only segments in this language.
    pub lang: Option<Lang>,
    /// Only segments of this kind (title, authors, abstract, keywords, body,
    /// references; affiliations and codes, searched only when asked for).
    pub section: Option<Kind>,
    /// Papers per page.
    pub limit: usize,
    /// Papers to skip (for paging).
    pub offset: usize,
    /// Best segments shown per paper.
    pub segments_per_paper: usize,
    /// Approximate length of a snippet, in characters.
    pub snippet_chars: usize,
    /// Match all words (`true`, the default) or any word, where the query
    /// has no explicit `AND`/`OR`.
    pub all_words: bool,
    /// A plain word also matches its derivational relatives (`миграция`
    /// finds `миграционная` and `миграциялық`; see
    /// [`ushtil_lang::analysis::relatives`]), scored below the word's own
    /// forms. `true` by default; a quoted word is always asked for as it is.
    #[serde(default = "yes")]
    pub relatives: bool,
    /// Cross-language search: translations of the query's words. A segment
    /// then also matches when, for every group, it holds the group's word or
    /// one of its translations (each analysed in its language); such matches
    /// score a little below matches of the query itself. Empty: off.
    #[serde(default)]
    pub expansions: Vec<Expansion>,
}

/// A query word and its translations (for [`SearchRequest::expansions`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Expansion {
    pub word: String,
    pub terms: Vec<(Lang, String)>,
}

impl Expansion {
    /// One expansion per plain word of `query`, with the terms `translate`
    /// gives it. Operators (`AND`, `OR`), `-excluded` words and the query
    /// syntax around words (quotes, parentheses, `+`) are left out: only what
    /// the user asked to find is worth translating (`search --cross`).
    pub fn for_query(
        query: &str,
        translate: impl Fn(&str) -> Vec<(Lang, String)>,
    ) -> Vec<Expansion> {
        query
            .split_whitespace()
            .filter(|w| !matches!(*w, "AND" | "OR") && !w.starts_with('-'))
            .map(|w| w.trim_matches(|c: char| matches!(c, '"' | '(' | ')' | '+')))
            .filter(|w| !w.is_empty())
            .map(|word| Expansion {
                word: word.to_string(),
                terms: translate(word),
            })
            .collect()
    }
}

impl SearchRequest {
    pub fn new(query: impl Into<String>) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            lang: None,
            section: None,
            limit: 10,
            offset: 0,
            segments_per_paper: 3,
            snippet_chars: 200,
            all_words: true,
            relatives: true,
            expansions: Vec::new(),
        }
    }
}

fn yes() -> bool {
    true
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest::new("")
    }
}

/// The answer: papers matching, best first.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SearchResults {
    /// Papers matching (all pages).
    pub total: usize,
    pub hits: Vec<PaperHit>,
    /// Papers matching per language and per section: each count applies the
    /// other filter but not its own, so a filter list can show what choosing
    /// each value would give.
    pub facets: Facets,
    /// When no paper matches a query of two words or more that had to match
    /// all of them: how many papers match some of them (what `all_words:
    /// false`, `--any`, finds), if any do. A selection pasted from a paper
    /// that runs from one segment into the next (an abstract's end and the
    /// byline) has every word in no one segment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub any_words_total: Option<usize>,
}

/// Facet counts (papers), keyed by language code and by section name.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Facets {
    pub lang: BTreeMap<String, usize>,
    pub section: BTreeMap<String, usize>,
}

/// One paper found.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PaperHit {
    pub paper: String,
    pub path: String,
    pub title: String,
    pub score: f32,
    pub segments: Vec<SegmentHit>,
}

/// One of a paper's best matching segments.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SegmentHit {
    pub kind: Kind,
    pub lang: Lang,
    pub heading: Option<String>,
    /// The snippet: its text and the ranges that match. Serialised as
    /// `snippet`, in HTML ([`SegmentHit::snippet`]); a caller renders it
    /// the way it shows it (HTML, a terminal's colours, plain text), and
    /// a search does not render what its caller may not show (HTML was a
    /// twentieth of a typical search).
    #[serde(rename = "snippet", serialize_with = "snippet_html")]
    pub fragment: Fragment,
}

impl SegmentHit {
    /// The snippet in HTML: the text escaped, matches in `<b>…</b>`.
    pub fn snippet(&self) -> String {
        self.fragment.to_html()
    }
}

fn snippet_html<S: serde::Serializer>(
    fragment: &Fragment,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&fragment.to_html())
}

/// Per paper: its score parts and which languages/sections matched.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct PaperAgg {
    best: f32,
    sum: f32,
    /// Bit `lang_code` set when a segment in that language matched (under the
    /// section filter).
    langs: u8,
    /// Bit `kind code` set when a segment of that kind matched (under the
    /// language filter).
    kinds: u16,
    /// Whether a segment matched both filters.
    hit: bool,
}

/// A segment that matched both filters: its paper, boosted score, address.
type SegmentScore = (u64, f32, DocAddress);

/// What the collector gathers: every matching paper, and every segment
/// that matched both filters (a paper's best segments are picked from these
/// only for the papers on the requested page).
#[derive(Debug, Default, PartialEq)]
struct Collected {
    papers: Vec<(u64, PaperAgg)>,
    segments: Vec<SegmentScore>,
}

impl Collected {
    /// Empty lists, with the room of those a search on this thread gave
    /// back ([`Collected::give_back`]) if there are any: a common word's
    /// thousands of matches grew fresh lists from a few hundred, copying
    /// them at each doubling (2% of a search).
    fn take() -> Collected {
        SPARE_LISTS
            .with_borrow_mut(Vec::pop)
            .unwrap_or_else(|| Collected {
                // Room for a typical query's matches in a segment.
                papers: Vec::with_capacity(64),
                segments: Vec::with_capacity(256),
            })
    }

    /// Keeps the lists' room for the next search on this thread (a few
    /// of them, each of at most [`SPARE_MAX_LEN`] entries).
    fn give_back(mut self) {
        if self.papers.capacity() > SPARE_MAX_LEN || self.segments.capacity() > SPARE_MAX_LEN {
            return;
        }
        self.papers.clear();
        self.segments.clear();
        SPARE_LISTS.with_borrow_mut(|spare| {
            if spare.len() < SPARE_LISTS_KEPT {
                spare.push(self);
            }
        });
    }
}

thread_local! {
    /// Lists of finished searches, for [`Collected::take`].
    static SPARE_LISTS: std::cell::RefCell<Vec<Collected>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// How many lists a thread keeps (one per index segment of a search).
const SPARE_LISTS_KEPT: usize = 8;
/// The longest list kept: 1 << 16 segments is 1.5 MB.
const SPARE_MAX_LEN: usize = 1 << 16;

/// Best first; ties by address, so the order is total.
fn by_score(a: &(f32, DocAddress), b: &(f32, DocAddress)) -> std::cmp::Ordering {
    b.0.total_cmp(&a.0).then(a.1.cmp(&b.1))
}

/// Per segment of the index: each document's paper, kind and language, read
/// once from the fast fields (three column reads per matching document were
/// a tenth of a search).
struct DocTable {
    /// The segment's paper ids, in the order first met.
    papers: Vec<u64>,
    /// Per document: index in `papers` << 8 | kind code << 4 | language
    /// code (at most 15); [`SKIP`] for a paper record or a document
    /// without those fields.
    docs: Vec<u32>,
}

/// A document the collector skips.
const SKIP: u32 = u32::MAX;

impl DocTable {
    /// The table of a segment; `None` when it holds more papers than the
    /// packing allows (the collector then reads the columns).
    fn build(reader: &SegmentReader) -> tantivy::Result<Option<DocTable>> {
        DocTable::build_in_chunks(reader, SCAN_CHUNK)
    }

    /// [`DocTable::build`], reading the columns `chunk` documents at a time.
    fn build_in_chunks(reader: &SegmentReader, chunk: usize) -> tantivy::Result<Option<DocTable>> {
        let ff = reader.fast_fields();
        let (paper, kind, lang) = (ff.u64("paper_n")?, ff.u64("kind_n")?, ff.u64("lang_n")?);
        let max_doc = reader.max_doc();
        let mut scans = [
            ColumnScan::new(&paper),
            ColumnScan::new(&kind),
            ColumnScan::new(&lang),
        ];
        let chunk = chunk.max(1);
        let mut values = [vec![None; chunk], vec![None; chunk], vec![None; chunk]];
        let mut index: FxHashMap<u64, usize> = FxHashMap::default();
        let mut papers = Vec::new();
        let mut docs = Vec::with_capacity(max_doc as usize);
        let mut last: Option<(u64, usize)> = None;
        let mut start: DocId = 0;
        while start < max_doc {
            let n = chunk.min((max_doc - start) as usize);
            for (scan, out) in scans.iter_mut().zip(&mut values) {
                scan.fill(start, &mut out[..n]);
            }
            let [papers_n, kinds_n, langs_n] = &values;
            let rows = papers_n.iter().zip(kinds_n).zip(langs_n).take(n);
            for ((&p, &k), &l) in rows {
                let (Some(p), Some(k), Some(l)) = (p, k, l) else {
                    docs.push(SKIP);
                    continue;
                };
                if Kind::from_code(k).is_none_or(|k| k == Kind::Paper) {
                    docs.push(SKIP);
                    continue;
                }
                // A paper's documents are consecutive: most repeat the last.
                let i = match last {
                    Some((q, i)) if q == p => i,
                    _ => *index.entry(p).or_insert_with(|| {
                        papers.push(p);
                        papers.len() - 1
                    }),
                };
                last = Some((p, i));
                let Ok(i) = u32::try_from(i) else {
                    return Ok(None);
                };
                if i >= 1 << 24 {
                    return Ok(None);
                }
                docs.push(i << 8 | (k as u32) << 4 | l.min(15) as u32);
            }
            start += n as DocId;
        }
        Ok(Some(DocTable { papers, docs }))
    }
}

/// Documents a [`ColumnScan`] reads at a time.
const SCAN_CHUNK: usize = 4096;

/// A fast-field column read for every document of a segment in order, a
/// chunk at a time. Asked document by document, a column whose documents do
/// not all have a value (paper records have no language) finds each one's
/// row through the optional index's rank: building the [`DocTable`]s that
/// way was nine tenths of a fresh process's search (`ushtil search` at
/// 10,000 papers: 108 of 116 M instructions). Here a chunk's rows are found
/// with one rank and a membership test per document (a chunk's documents
/// with a value have consecutive rows), and their values read in bulk.
enum ColumnScan<'a> {
    /// Every document has one value: its row is its id.
    Full {
        column: &'a Column<u64>,
        vals: Vec<u64>,
    },
    /// Some documents have one value.
    Optional {
        column: &'a Column<u64>,
        index: &'a OptionalIndex,
        at: Vec<usize>,
        vals: Vec<u64>,
    },
    /// Anything else (empty or multivalued): document by document.
    Each(&'a Column<u64>),
}

impl<'a> ColumnScan<'a> {
    fn new(column: &'a Column<u64>) -> ColumnScan<'a> {
        match &column.index {
            ColumnIndex::Full => ColumnScan::Full {
                column,
                vals: Vec::new(),
            },
            ColumnIndex::Optional(index) => ColumnScan::Optional {
                column,
                index,
                at: Vec::new(),
                vals: Vec::new(),
            },
            _ => ColumnScan::Each(column),
        }
    }

    /// The first value of each of the documents `start..start + out.len()`.
    fn fill(&mut self, start: DocId, out: &mut [Option<u64>]) {
        let end = start.saturating_add(out.len() as DocId);
        let num_vals = |column: &Column<u64>| u64::from(column.values.num_vals());
        match self {
            ColumnScan::Full { column, vals } if u64::from(end) <= num_vals(column) => {
                vals.resize(out.len(), 0);
                column.values.get_range(u64::from(start), vals);
                for (o, &v) in out.iter_mut().zip(vals.iter()) {
                    *o = Some(v);
                }
            }
            ColumnScan::Optional {
                column,
                index,
                at,
                vals,
            } if end <= index.num_docs() => {
                at.clear();
                for (i, doc) in (start..end).enumerate() {
                    if index.contains(doc) {
                        at.push(i);
                    }
                }
                let first = index.rank(start);
                if u64::from(first) + at.len() as u64 > num_vals(column) {
                    // Not what tantivy writes; read what can be read.
                    for (o, doc) in out.iter_mut().zip(start..end) {
                        *o = column.first(doc);
                    }
                    return;
                }
                vals.resize(at.len(), 0);
                column.values.get_range(u64::from(first), vals);
                out.fill(None);
                for (&i, &v) in at.iter().zip(vals.iter()) {
                    out[i] = Some(v);
                }
            }
            ColumnScan::Full { column, .. }
            | ColumnScan::Optional { column, .. }
            | ColumnScan::Each(column) => {
                for (o, doc) in out.iter_mut().zip(start..end) {
                    *o = column.first(doc);
                }
            }
        }
    }
}

/// Collects every matching segment into per-paper aggregates, applying the
/// segment-kind boost and the filters.
struct PaperCollector {
    lang: Option<u64>,
    kind: Option<u64>,
    /// The [`DocTable`] of each segment (by ordinal), where there is one.
    tables: Vec<Option<Arc<DocTable>>>,
}

/// Where a segment collector reads a document's paper, kind and language.
enum DocSource {
    Table(Arc<DocTable>),
    Columns(Box<Columns>),
}

/// The fast-field columns of a segment without a [`DocTable`].
struct Columns {
    paper: Column<u64>,
    kind: Column<u64>,
    lang: Column<u64>,
}

impl DocSource {
    /// The document's paper id, its index in the table (when there is a
    /// table), kind code and language code; `None` for a document to skip.
    #[inline]
    fn get(&self, doc: DocId) -> Option<(u64, Option<usize>, u64, u64)> {
        match self {
            DocSource::Table(t) => {
                let v = *t.docs.get(doc as usize)?;
                if v == SKIP {
                    return None;
                }
                let i = (v >> 8) as usize;
                let paper = *t.papers.get(i)?;
                Some((paper, Some(i), u64::from(v >> 4 & 15), u64::from(v & 15)))
            }
            DocSource::Columns(c) => Some((
                c.paper.first(doc)?,
                None,
                c.kind.first(doc)?,
                c.lang.first(doc)?,
            )),
        }
    }
}

struct PaperSegmentCollector {
    segment: SegmentOrdinal,
    source: DocSource,
    lang_filter: Option<u64>,
    kind_filter: Option<u64>,
    /// Papers in the order first met, and where each is in that list: a
    /// paper's segments are mostly consecutive documents, so most segments
    /// add to the same paper as the one before and skip the lookup.
    collected: Collected,
    position: FxHashMap<u64, usize>,
    /// With a table: each of its papers' place in `papers` ([`SKIP`] before
    /// the paper's first segment), so no paper id is hashed.
    table_position: Vec<u32>,
    /// The paper of the last segment collected and its place in `papers`.
    last: Option<(u64, usize)>,
}

impl Collector for PaperCollector {
    /// Each index segment's papers and segments, kept apart.
    type Fruit = Vec<Collected>;
    type Child = PaperSegmentCollector;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        let source = match self.tables.get(segment as usize).cloned().flatten() {
            Some(table) => DocSource::Table(table),
            None => {
                let ff = reader.fast_fields();
                DocSource::Columns(Box::new(Columns {
                    paper: ff.u64("paper_n")?,
                    kind: ff.u64("kind_n")?,
                    lang: ff.u64("lang_n")?,
                }))
            }
        };
        let table_position = match &source {
            DocSource::Table(t) => vec![SKIP; t.papers.len()],
            DocSource::Columns(_) => Vec::new(),
        };
        Ok(PaperSegmentCollector {
            segment,
            source,
            table_position,
            lang_filter: self.lang,
            kind_filter: self.kind,
            // Room for a typical query's matches in a segment: growing the
            // lists from nothing, match by match, was a twentieth of a
            // search over 1,000 papers.
            collected: Collected::take(),
            position: FxHashMap::default(),
            last: None,
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Collected>) -> tantivy::Result<Self::Fruit> {
        // A paper's documents all sit in one index segment (ingestion adds
        // them, with the delete of its old version, as one batch, which
        // tantivy indexes into one segment; merges keep them together), so
        // the segments' papers are disjoint: their lists are read one after
        // the other, as they are. (A map of papers to merge their parts was
        // a fifth of a query's time on a two-segment index; joining the
        // lists into one copied them.)
        let (out, empty): (Vec<Collected>, Vec<Collected>) =
            fruits.into_iter().partition(|f| !f.papers.is_empty());
        empty.into_iter().for_each(Collected::give_back);
        debug_assert!(
            {
                let mut ids: Vec<u64> = out
                    .iter()
                    .flat_map(|f| &f.papers)
                    .map(|(id, _)| *id)
                    .collect();
                ids.sort_unstable();
                ids.windows(2).all(|w| w[0] != w[1])
            },
            "a paper's documents are in more than one index segment"
        );
        Ok(out)
    }
}

impl SegmentCollector for PaperSegmentCollector {
    type Fruit = Collected;

    fn collect(&mut self, doc: DocId, score: Score) {
        let Some((paper, in_table, kind_code, lang)) = self.source.get(doc) else {
            return;
        };
        let Some(kind) = Kind::from_code(kind_code) else {
            return;
        };
        if kind == Kind::Paper {
            return;
        }
        let lang_ok = self.lang_filter.is_none_or(|l| l == lang);
        let kind_ok = match self.kind_filter {
            Some(k) => k == kind_code,
            None => kind.searched_by_default(),
        };
        if !lang_ok && !kind_ok {
            return;
        }
        let at = match self.last {
            Some((last, at)) if last == paper => at,
            _ => {
                let papers = &mut self.collected.papers;
                let mut add = || {
                    papers.push((paper, PaperAgg::default()));
                    papers.len() - 1
                };
                let at = match in_table.and_then(|i| self.table_position.get_mut(i)) {
                    Some(slot) if *slot != SKIP => *slot as usize,
                    Some(slot) => {
                        let at = add();
                        // At most the table's papers (under 2^24): it fits.
                        *slot = u32::try_from(at).unwrap_or(SKIP);
                        at
                    }
                    None => *self.position.entry(paper).or_insert_with(add),
                };
                self.last = Some((paper, at));
                at
            }
        };
        let agg = &mut self.collected.papers[at].1;
        if kind_ok {
            agg.langs |= 1 << lang.min(7);
        }
        if lang_ok {
            agg.kinds |= 1 << kind_code.min(15);
        }
        if lang_ok && kind_ok {
            let boosted = score * kind.boost();
            agg.hit = true;
            agg.best = agg.best.max(boosted);
            agg.sum += boosted;
            self.collected
                .segments
                .push((paper, boosted, DocAddress::new(self.segment, doc)));
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.collected
    }
}

/// What searches reuse, kept in the [`Index`]: the query parsers (built once,
/// not per query), what hits show of the current searcher's segments (titles
/// and segments: a paper's record holds its whole text, so fetching it for a
/// title cost more than the rest of a hit, and a stored segment costs a block
/// decompression), and the stems of the words snippets were made of.
#[derive(Default)]
pub(crate) struct SearchCache {
    /// The query parsers (see [`field_parsers`]), built once: `[all words,
    /// any word]`.
    parsers: OnceLock<[Vec<FieldParser>; 2]>,
    /// What each segment of the index has of a [`DocTable`].
    tables: Mutex<FxHashMap<SegmentId, TableSlot>>,
    shown: Mutex<ShownCache>,
    /// Words of shown segments and their stems, for snippets.
    terms: TermMemo,
    /// The statistics scores are made of, for the current searcher.
    stats: Mutex<StatsMemo>,
}

/// The document frequencies and field lengths of one searcher's contents
/// (see [`contents_key`]): looking a term up in a segment's dictionary for
/// its frequency, once to weigh it and again to read its postings, was a
/// tenth of a search over 1,000 papers, and the words of queries repeat.
#[derive(Default)]
struct StatsMemo {
    contents: u64,
    doc_freq: FxHashMap<Term, u64>,
    tokens: FxHashMap<Field, u64>,
}

/// Terms whose frequency is remembered at most; past it the memory starts
/// over.
const MAX_MEMO_TERMS: usize = 1 << 16;

/// A searcher's statistics, remembered in a [`StatsMemo`].
struct CachedStats<'a> {
    searcher: &'a tantivy::Searcher,
    contents: u64,
    memo: &'a Mutex<StatsMemo>,
}

impl CachedStats<'_> {
    /// The memo, emptied first if it holds another searcher's statistics.
    fn memo(&self) -> std::sync::MutexGuard<'_, StatsMemo> {
        let mut memo = self.memo.lock().unwrap_or_else(|p| p.into_inner());
        if memo.contents != self.contents || memo.doc_freq.len() >= MAX_MEMO_TERMS {
            memo.doc_freq.clear();
            memo.tokens.clear();
            memo.contents = self.contents;
        }
        memo
    }
}

impl Bm25StatisticsProvider for CachedStats<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        if let Some(&n) = self.memo().tokens.get(&field) {
            return Ok(n);
        }
        let n = self.searcher.total_num_tokens(field)?;
        self.memo().tokens.insert(field, n);
        Ok(n)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        self.searcher.total_num_docs()
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        if let Some(&n) = self.memo().doc_freq.get(term) {
            return Ok(n);
        }
        let n = self.searcher.doc_freq(term)?;
        self.memo().doc_freq.insert(term.clone(), n);
        Ok(n)
    }
}

/// A segment's [`DocTable`], built on its second search. The first reads
/// the columns for the documents it matches: a table costs a pass over
/// every document of the segment, which only a second search repays, and a
/// process that answers one search (`ushtil search`) never makes one. At
/// 100,000 papers that pass was 98% of such a process's instructions.
enum TableSlot {
    /// Searched once, without a table.
    Asked,
    Built(Arc<DocTable>),
    /// Holds more papers than a table packs: the columns are read always.
    TooLarge,
}

/// Titles and segments read for hits, valid while the searcher holds the
/// same segments with the same deletes (document addresses change when
/// segments merge; a changed paper is a delete and a new segment), and the
/// ids of the terms of those segments' tokens.
#[derive(Default)]
struct ShownCache {
    /// [`contents_key`] of the searcher the cache holds the documents of.
    contents: u64,
    /// Bumped whenever the cache starts over, so that term ids of an older
    /// epoch are never compared with this one's.
    epoch: u64,
    papers: FxHashMap<u64, Arc<ShownPaper>>,
    segments: FxHashMap<DocAddress, Arc<ShownSegment>>,
    /// Text bytes and tokens held in `segments`, roughly.
    segment_bytes: usize,
    term_ids: FxHashMap<Box<str>, u32>,
}

impl ShownCache {
    /// The cache for a searcher with these `contents` ([`contents_key`]):
    /// emptied when it held another's.
    fn at(&mut self, contents: u64) -> &mut ShownCache {
        if self.contents != contents {
            self.start_over(contents);
        }
        self
    }

    fn start_over(&mut self, contents: u64) {
        *self = ShownCache {
            contents,
            epoch: self.epoch + 1,
            ..ShownCache::default()
        };
    }

    /// Interns a segment's analysed tokens.
    fn intern(&mut self, analysed: Vec<(usize, usize, [Option<String>; 3])>) -> SegmentTokens {
        let tokens = analysed
            .into_iter()
            .map(|(from, to, terms)| {
                let ids = terms.map(|term| match term {
                    Some(term) => {
                        let next = self.term_ids.len() as u32;
                        *self.term_ids.entry(term.into_boxed_str()).or_insert(next)
                    }
                    None => NO_TERM,
                });
                TokenTerms {
                    from: from as u32,
                    to: to as u32,
                    ids,
                }
            })
            .collect();
        SegmentTokens::new(tokens)
    }
}

/// Papers' titles cached at most (about 15 MB); past it they start over.
const MAX_CACHED_TITLES: usize = 50_000;

/// What a hit shows of its paper: its id as users see it (formatting it
/// at every hit was 1.5% of a median search) and its titles.
struct ShownPaper {
    id: String,
    titles: Vec<LangText>,
}

/// Bytes of segments cached at most, their text and their tokens counted
/// (a token 44 bytes with its terms' index, [`SegmentTokens`]); past it the
/// cache starts over.
const MAX_CACHED_SEGMENT_BYTES: usize = 16 << 20;

/// Distinct terms interned at most (about 30 MB); past it the cache starts
/// over.
const MAX_TERM_IDS: usize = 1 << 19;

/// A segment's tokens with the ids of their terms.
struct InternedTokens {
    /// The [`ShownCache::epoch`] the ids belong to.
    epoch: u64,
    /// Every id is below this (the number of terms interned after them).
    below: usize,
    tokens: SegmentTokens,
}

/// A query's term ids: for an epoch, and for the terms interned by then.
struct InternedQuery {
    epoch: u64,
    below: usize,
    ids: QueryIds,
}

/// A segment's stored fields as a hit shows them.
struct ShownSegment {
    text: String,
    heading: Option<String>,
    lang: Lang,
    kind: Kind,
    path: String,
    /// The text's tokens, interned in the cache of an epoch (`None` for a
    /// text too long for `u32` offsets).
    tokens: Option<InternedTokens>,
    /// How many chars the text has (a snippet's window counts in chars).
    chars: usize,
}

impl Index {
    /// The [`DocTable`] of each of the searcher's segments that has one,
    /// built the second time a segment is searched (see [`TableSlot`]).
    fn doc_tables(&self, searcher: &tantivy::Searcher) -> Result<Vec<Option<Arc<DocTable>>>> {
        let mut cache = self
            .search_cache
            .tables
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut out = Vec::with_capacity(searcher.segment_readers().len());
        for reader in searcher.segment_readers() {
            let id = reader.segment_id();
            let table = match cache.get(&id) {
                Some(TableSlot::Built(table)) => Some(table.clone()),
                Some(TableSlot::TooLarge) => None,
                None => {
                    cache.insert(id, TableSlot::Asked);
                    None
                }
                Some(TableSlot::Asked) => {
                    let table = DocTable::build(reader)
                        .map_err(|e| self.tantivy_err(e))?
                        .map(Arc::new);
                    let slot = match &table {
                        Some(table) => TableSlot::Built(table.clone()),
                        None => TableSlot::TooLarge,
                    };
                    cache.insert(id, slot);
                    table
                }
            };
            out.push(table);
        }
        // Tables of segments merged away since go.
        if cache.len() > out.len() {
            let current: FxHashSet<SegmentId> = searcher
                .segment_readers()
                .iter()
                .map(|r| r.segment_id())
                .collect();
            cache.retain(|id, _| current.contains(id));
        }
        Ok(out)
    }

    /// One parser per way a query reads the analysed fields.
    fn field_parsers(&self, all_words: bool) -> &[FieldParser] {
        let parsers = self.search_cache.parsers.get_or_init(|| {
            [
                field_parsers(&self.fields, true),
                field_parsers(&self.fields, false),
            ]
        });
        &parsers[usize::from(!all_words)]
    }
}

/// One query parser per way a query reads the analysed fields
/// ([`crate::schema::Fields::text_fields`]), each over its one field, with
/// the boost its matches get (applied by [`FieldParser::boosted`], not by the
/// parser, so that readings that come out the same can be joined); with
/// `all_words` every word is required. Each reads the query's words with
/// the query's analyser, not the field's indexing one: the Kazakh field is
/// read once with the query's words stemmed and once with them folded,
/// never with the indexing analyser, which adds each word's folded term
/// beside it (a query of `қытай` would be a phrase of both terms).
pub(crate) fn field_parsers(fields: &crate::schema::Fields, all_words: bool) -> Vec<FieldParser> {
    fields
        .text_fields()
        .into_iter()
        .map(|(field, analyser, boost)| {
            let query_analyser = ushtil_lang::analysis::analyzer(analyser)
                .expect("every text field's query analyser is an ushtil analyser");
            FieldParser::new(
                field,
                boost,
                analyser,
                query_analyser,
                all_words,
                #[cfg(test)]
                tantivy_parser(fields, field, analyser, all_words),
            )
        })
        .collect()
}

/// tantivy's query parser over `field`, reading queries with the analyser
/// `analyser`: what [`FieldParser`] is tested against.
#[cfg(test)]
fn tantivy_parser(
    fields: &crate::schema::Fields,
    field: tantivy::schema::Field,
    analyser: &str,
    all_words: bool,
) -> QueryParser {
    let tokenizers = tantivy::tokenizer::TokenizerManager::default();
    ushtil_lang::analysis::register(&tokenizers);
    let indexed_with = match fields.schema.get_field_entry(field).field_type() {
        tantivy::schema::FieldType::Str(options) => options
            .get_indexing_options()
            .map(|o| o.tokenizer().to_string()),
        _ => None,
    };
    if let (Some(name), Some(query_analyser)) =
        (indexed_with, ushtil_lang::analysis::analyzer(analyser))
    {
        tokenizers.register(&name, query_analyser);
    }
    let mut parser = QueryParser::new(fields.schema.clone(), vec![field], tokenizers);
    if all_words {
        parser.set_conjunction_by_default();
    }
    parser
}

impl Index {
    /// Runs a search. A malformed query is [`crate::IndexError::Query`].
    /// When nothing has all the words of two or more, the papers with some
    /// of them are counted too ([`SearchResults::any_words_total`]).
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        let mut results = self.search_page(request)?;
        if results.total == 0
            && request.all_words
            && request.query.split_whitespace().nth(1).is_some()
        {
            // Counted only: no page, no snippets.
            let any = SearchRequest {
                all_words: false,
                limit: 0,
                offset: 0,
                ..request.clone()
            };
            let n = self.search_page(&any)?.total;
            results.any_words_total = (n > 0).then_some(n);
        }
        Ok(results)
    }

    /// One page of results for `request`, as asked.
    fn search_page(&self, request: &SearchRequest) -> Result<SearchResults> {
        let searcher = self.reader.searcher();
        let contents = contents_key(&searcher);
        let stats = CachedStats {
            searcher: &searcher,
            contents,
            memo: &self.search_cache.stats,
        };
        // A term in no document (a failed frequency look-up counts as one
        // that may be in some).
        let known = |term: &Term| stats.doc_freq(term).map_or(true, |n| n > 0);
        let parsed = query::parse(
            self.field_parsers(request.all_words),
            &request.query,
            Some(&known),
            request.relatives,
        )?;
        let query = match self.cross_query(&request.expansions) {
            Some(cross) => Box::new(BooleanQuery::new(vec![
                (Occur::Should, parsed.query),
                (Occur::Should, Box::new(BoostQuery::new(cross, 0.8))),
            ])) as Box<dyn Query>,
            None => parsed.query,
        };
        let tables = self.doc_tables(&searcher)?;
        let excluded: FxHashSet<u64> = match &parsed.excluded {
            Some(q) => searcher
                .search_with_statistics_provider(
                    &**q,
                    &PaperCollector {
                        lang: None,
                        kind: None,
                        tables: tables.clone(),
                    },
                    &stats,
                )
                .map_err(|e| self.tantivy_err(e))?
                .into_iter()
                .flat_map(|f| f.papers)
                .map(|(id, _)| id)
                .collect(),
            None => FxHashSet::default(),
        };
        let keep = request.segments_per_paper.max(1);
        let collector = PaperCollector {
            lang: request.lang.map(lang_code),
            kind: request.section.map(|k| k.code()),
            tables,
        };
        let mut fruits = searcher
            .search_with_statistics_provider(&*query, &collector, &stats)
            .map_err(|e| self.tantivy_err(e))?;
        if !excluded.is_empty() {
            for f in &mut fruits {
                f.papers.retain(|(id, _)| !excluded.contains(id));
            }
        }
        let papers = || fruits.iter().flat_map(|f| &f.papers);

        let mut facets = Facets::default();
        let (mut langs, mut kinds) = ([0usize; 8], [0usize; 16]);
        // A paper has a few of the bits set: visit those only.
        let count_bits = |mut bits: u64, counts: &mut [usize]| {
            while bits != 0 {
                if let Some(count) = counts.get_mut(bits.trailing_zeros() as usize) {
                    *count += 1;
                }
                bits &= bits - 1;
            }
        };
        for (_, agg) in papers() {
            count_bits(u64::from(agg.langs), &mut langs);
            count_bits(u64::from(agg.kinds), &mut kinds);
        }
        for lang in [Lang::Kk, Lang::Ru, Lang::En, Lang::Und] {
            let n = langs[lang_code(lang) as usize];
            if n > 0 {
                facets.lang.insert(lang.code().to_string(), n);
            }
        }
        for kind in Kind::SECTIONS {
            let n = kinds.get(kind.code() as usize).copied().unwrap_or(0);
            if n > 0 {
                facets.section.insert(kind.as_str().to_string(), n);
            }
        }

        // Paper score: the best segment, plus a little for every other
        // matching segment (a paper that keeps returning to the subject
        // outranks one that mentions it once).
        let mut ranked: Vec<(f32, u64)> = papers()
            .filter(|(_, a)| a.hit)
            .map(|&(id, a)| (a.best + 0.1 * (a.sum - a.best), id))
            .collect();
        let total = ranked.len();
        // Only the requested page needs sorting; (score, id) is a total
        // order, so this page is the one a full sort gives.
        let order = |a: &(f32, u64), b: &(f32, u64)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
        let page_end = request.offset.saturating_add(request.limit).min(total);
        if page_end == 0 {
            ranked.clear();
        } else if page_end < total {
            ranked.select_nth_unstable_by(page_end - 1, order);
            ranked.truncate(page_end);
        }
        ranked.sort_by(order);
        let page: Vec<(f32, u64)> = ranked.into_iter().skip(request.offset).collect();

        // The page's papers' best segments.
        let mut top: FxHashMap<u64, Vec<(f32, DocAddress)>> =
            page.iter().map(|&(_, id)| (id, Vec::new())).collect();
        if !top.is_empty() {
            for &(paper, score, address) in fruits.iter().flat_map(|f| &f.segments) {
                if let Some(segments) = top.get_mut(&paper) {
                    segments.push((score, address));
                }
            }
        }
        for segments in top.values_mut() {
            segments.sort_by(by_score);
            segments.truncate(keep);
        }
        fruits.into_iter().for_each(Collected::give_back);

        let mut highlighter =
            Highlighter::new(&self.index, &self.fields, &*query, &self.search_cache.terms);
        let mut query_ids = None;
        let mut hits = Vec::with_capacity(page.len());
        for (score, id_n) in page {
            let best: &[(f32, DocAddress)] = top.get(&id_n).map_or(&[], Vec::as_slice);
            let mut segments = Vec::with_capacity(best.len());
            let mut path = String::new();
            let mut best_lang = None;
            for (_, address) in best {
                let shown = self.shown_segment(&searcher, contents, *address, &mut highlighter)?;
                path.clone_from(&shown.path);
                best_lang.get_or_insert(shown.lang);
                let matches = self.segment_matches(&shown, &mut highlighter, &mut query_ids);
                let fragment =
                    window_counted(&shown.text, shown.chars, &matches, request.snippet_chars);
                segments.push(SegmentHit {
                    kind: shown.kind,
                    lang: shown.lang,
                    heading: shown.heading.clone(),
                    fragment,
                });
            }
            let paper = self.shown_paper(&searcher, contents, id_n)?;
            let title = pick_title(&paper.titles, request.lang.or(best_lang))
                .unwrap_or_else(|| file_name(&path));
            hits.push(PaperHit {
                paper: paper.id.clone(),
                path,
                title,
                score,
                segments,
            });
        }
        Ok(SearchResults {
            total,
            hits,
            facets,
            any_words_total: None,
        })
    }

    /// The cross-language part of a query: every word group matched by its
    /// word (in every field) or a translation (in its language's fields).
    fn cross_query(&self, expansions: &[Expansion]) -> Option<Box<dyn Query>> {
        let parsers = self.field_parsers(true);
        // `text` as a phrase read by `p`, with its reading's boost.
        let phrase = |p: &FieldParser, text: &str| -> Option<Box<dyn Query>> {
            if text.trim().is_empty() {
                return None;
            }
            Some(p.boosted(p.phrase(text)?))
        };
        let mut groups: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for e in expansions {
            let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            alternatives.extend(
                parsers
                    .iter()
                    .filter_map(|p| phrase(p, &e.word))
                    .map(|q| (Occur::Should, q)),
            );
            for (lang, term) in &e.terms {
                // The translation in its language's field, read every way
                // that field is read (Kazakh: stemmed and folded).
                let field = self.fields.text_field(*lang);
                alternatives.extend(
                    parsers
                        .iter()
                        .filter(|p| p.field == field)
                        .filter_map(|p| phrase(p, term))
                        .map(|q| (Occur::Should, q)),
                );
            }
            if !alternatives.is_empty() {
                groups.push((Occur::Must, Box::new(BooleanQuery::new(alternatives))));
            }
        }
        (!groups.is_empty()).then(|| Box::new(BooleanQuery::new(groups)) as Box<dyn Query>)
    }

    /// The paper's id and titles, from the cache or its title segments.
    /// `contents` is the searcher's [`contents_key`].
    fn shown_paper(
        &self,
        searcher: &tantivy::Searcher,
        contents: u64,
        id_n: u64,
    ) -> Result<Arc<ShownPaper>> {
        if let Some(paper) = self.shown_cache().at(contents).papers.get(&id_n) {
            return Ok(paper.clone());
        }
        let paper = Arc::new(ShownPaper {
            id: crate::ingest::paper_id(id_n),
            titles: self.title_segments(searcher, id_n)?,
        });
        let mut cache = self.shown_cache();
        let cache = cache.at(contents);
        if cache.papers.len() >= MAX_CACHED_TITLES {
            cache.papers.clear();
        }
        cache.papers.insert(id_n, paper.clone());
        Ok(paper)
    }

    /// The paper's titles, read from its title segments in the order they
    /// were added (the paper's own order): a few small documents, where the
    /// paper record would decompress and parse the whole paper.
    fn title_segments(&self, searcher: &tantivy::Searcher, id_n: u64) -> Result<Vec<LangText>> {
        let term = |field, text: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, text),
                IndexRecordOption::Basic,
            ))
        };
        let query = BooleanQuery::intersection(vec![
            term(self.fields.paper, &crate::ingest::paper_id(id_n)),
            term(self.fields.kind, Kind::Title.as_str()),
        ]);
        let mut addresses: Vec<DocAddress> = searcher
            .search(&query, &DocSetCollector)
            .map_err(|e| self.tantivy_err(e))?
            .into_iter()
            .collect();
        addresses.sort();
        let mut titles = Vec::with_capacity(addresses.len());
        for address in addresses {
            let doc: TantivyDocument = searcher.doc(address).map_err(|e| self.tantivy_err(e))?;
            let get = |f| {
                doc.get_first(f)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
            };
            titles.push(LangText {
                lang: get(self.fields.lang).parse().unwrap_or(Lang::Und),
                text: get(self.fields.text).to_string(),
            });
        }
        Ok(titles)
    }

    /// A segment's stored fields, from the cache or the store (and then
    /// analysed by `highlighter` for later searches' snippets); `contents`
    /// is the searcher's [`contents_key`].
    fn shown_segment(
        &self,
        searcher: &tantivy::Searcher,
        contents: u64,
        address: DocAddress,
        highlighter: &mut Highlighter<'_>,
    ) -> Result<Arc<ShownSegment>> {
        if let Some(segment) = self.shown_cache().at(contents).segments.get(&address) {
            return Ok(segment.clone());
        }
        let doc: TantivyDocument = searcher.doc(address).map_err(|e| self.tantivy_err(e))?;
        let get = |f| {
            doc.get_first(f)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let text = get(self.fields.text);
        let lang: Lang = get(self.fields.lang).parse().unwrap_or(Lang::Und);
        let analysed =
            (u32::try_from(text.len()).is_ok()).then(|| highlighter.analyse(&text, lang));
        let mut cache = self.shown_cache();
        let cache = cache.at(contents);
        // Tokens hold 20 bytes each, their terms' index up to 24.
        let bytes = text.len() + analysed.as_ref().map_or(0, |a| a.len() * 44);
        if cache.segment_bytes + bytes > MAX_CACHED_SEGMENT_BYTES
            || cache.term_ids.len() > MAX_TERM_IDS
        {
            cache.start_over(contents);
        }
        let tokens = analysed.map(|a| {
            let tokens = cache.intern(a);
            InternedTokens {
                epoch: cache.epoch,
                below: cache.term_ids.len(),
                tokens,
            }
        });
        let segment = Arc::new(ShownSegment {
            chars: text.chars().count(),
            text,
            heading: doc
                .get_first(self.fields.heading)
                .and_then(|v| v.as_str())
                .map(str::to_string),
            lang,
            kind: get(self.fields.kind).parse().unwrap_or(Kind::Body),
            path: get(self.fields.path),
            tokens,
        });
        if cache.segments.insert(address, segment.clone()).is_none() {
            cache.segment_bytes += bytes;
        }
        Ok(segment)
    }

    /// The query's matches in a shown segment: from its interned tokens when
    /// the cache still holds their epoch, else by analysing its text.
    fn segment_matches(
        &self,
        segment: &ShownSegment,
        highlighter: &mut Highlighter<'_>,
        query: &mut Option<InternedQuery>,
    ) -> Vec<(usize, usize)> {
        if let Some(interned) = &segment.tokens {
            // The query's ids must know every term the segment's ids name.
            if query
                .as_ref()
                .is_none_or(|q| q.epoch != interned.epoch || q.below < interned.below)
            {
                let cache = self.shown_cache();
                *query = (cache.epoch == interned.epoch).then(|| InternedQuery {
                    epoch: cache.epoch,
                    below: cache.term_ids.len(),
                    ids: highlighter.query_ids(&cache.term_ids),
                });
            }
            if let Some(q) = query.as_ref() {
                return highlighter.matches_terms(&interned.tokens, segment.lang, &q.ids);
            }
        }
        highlighter.matches(&segment.text, segment.lang)
    }

    fn shown_cache(&self) -> std::sync::MutexGuard<'_, ShownCache> {
        // A panic while holding the lock leaves consistent maps: go on.
        self.search_cache
            .shown
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// What a searcher holds, as far as the addresses of its documents go: its
/// segments in order, each with the opstamp of its deletes. A reader's
/// reload gives a new generation even when nothing changed (tantivy's file
/// watcher fires once after opening), and the shown cache need not start
/// over for that.
fn contents_key(searcher: &tantivy::Searcher) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    for reader in searcher.segment_readers() {
        reader.segment_id().hash(&mut hasher);
        reader.delete_opstamp().hash(&mut hasher);
    }
    hasher.finish()
}

/// The title in `lang` if the paper has one, else the first.
fn pick_title(titles: &[LangText], lang: Option<Lang>) -> Option<String> {
    lang.and_then(|l| titles.iter().find(|t| t.lang == l))
        .or_else(|| titles.first())
        .map(|t| t.text.clone())
}

fn file_name(path: &str) -> String {
    path.rsplit('/').next().unwrap_or(path).to_string()
}

#[cfg(test)]
pub(crate) mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::schema::Fields;

    /// Words in the three languages and their inflections, with Kazakh
    /// letters, a look-alike Latin letter and Han, for queries and texts.
    const WORDS: &[&str] = &[
        "мигранттар",
        "мигранттардың",
        "Қытай",
        "кытай",
        "саясаты",
        "мигрантов",
        "мигранты",
        "политики",
        "migrants",
        "migration",
        "policies",
        "policy",
        "əлеуеті",
        "走出去",
        "2010",
        "labour",
        "export",
    ];

    /// Searches' snippets come from a segment's interned tokens when it is
    /// cached and from its text otherwise: both must light up the same words.
    #[track_caller]
    fn check_interned_matches_as_text(query: &str, text: &str, lang: Lang) {
        let fields = Fields::new();
        let index = tantivy::Index::create_in_ram(fields.schema.clone());
        ushtil_lang::analysis::register(index.tokenizers());
        let Ok(query) = query::parse(&field_parsers(&fields, true), query, None, false) else {
            return;
        };
        let query = query.query;
        let memo = TermMemo::default();
        let mut highlighter = Highlighter::new(&index, &fields, &*query, &memo);
        let from_text = highlighter.matches(text, lang);
        let mut cache = ShownCache::default();
        // Another segment interned first, so ids do not start at 0.
        let other = highlighter.analyse("мигранты labour Қытай", Lang::Ru);
        cache.intern(other);
        let tokens = cache.intern(highlighter.analyse(text, lang));
        let ids = highlighter.query_ids(&cache.term_ids);
        let from_tokens = highlighter.matches_terms(&tokens, lang, &ids);
        assert_eq!(from_tokens, from_text, "{query:?} in {text:?} ({lang})");
    }

    #[test]
    fn interned_tokens_match_like_the_text() {
        let text = "Мигранттардың саясаты: migrants' policies, мигрантов политики, \
                    кытай 走出去战略 2010 əлеуеті";
        for lang in [Lang::Kk, Lang::Ru, Lang::En, Lang::Und] {
            for query in WORDS {
                check_interned_matches_as_text(query, text, lang);
            }
            check_interned_matches_as_text("мигранттар OR policy", text, lang);
        }
    }

    /// Every document `weight` visits in every index segment, with its
    /// score, in segment and document order.
    pub(crate) fn matches(
        searcher: &tantivy::Searcher,
        weight: &dyn tantivy::query::Weight,
    ) -> Vec<(u32, DocId, Score)> {
        let mut out: Vec<(u32, DocId, Score)> = Vec::new();
        for (ord, reader) in searcher.segment_readers().iter().enumerate() {
            weight
                .for_each(reader, &mut |doc, score| out.push((ord as u32, doc, score)))
                .unwrap();
        }
        out.sort_by_key(|&(ord, doc, _)| (ord, doc));
        out
    }

    /// The same documents with the same scores, but for the last bits
    /// (scores summed in another order).
    fn assert_same(got: &[(u32, DocId, Score)], want: &[(u32, DocId, Score)], what: &str) {
        assert_eq!(got.len(), want.len(), "{what}");
        for (g, w) in got.iter().zip(want) {
            assert_eq!((g.0, g.1), (w.0, w.1), "{what}");
            assert!((g.2 - w.2).abs() <= 1e-5 * w.2.abs(), "{what}: {g:?} {w:?}");
        }
    }

    /// An index of three papers, one in each language.
    fn three_papers(dir: &std::path::Path) -> Index {
        let index = Index::open_or_create(dir.join("index")).unwrap();
        let paper = |title: &str, body: &str| {
            format!(
                "{title}\n\nAbstract. {body}\n\nKeywords: migration, labour\n\n\
                 1. Introduction\n\n{body} The export of labour grows.\n"
            )
        };
        let texts = vec![
            (
                "mem/a".to_string(),
                paper("Labour migration", "Migrants send money home."),
            ),
            (
                "mem/b".to_string(),
                paper("Еңбек көші-қоны", "Мигранттар ақша жібереді."),
            ),
            (
                "mem/c".to_string(),
                paper("Трудовая миграция", "Мигранты отправляют деньги."),
            ),
        ];
        index
            .ingest_texts(texts, &crate::IngestOptions::default(), &|_| {})
            .unwrap();
        index.reload().unwrap();
        index
    }

    /// The main query visits each field's matches in turn, and asks a field
    /// once where its readings come out the same: that must find the
    /// documents, with the scores, that the plain union of every reading
    /// with its boost finds. It holds because no document is in two fields'
    /// parts, and scores are linear in the boost.
    #[test]
    fn the_main_query_matches_and_scores_as_the_union_of_all_readings() {
        use tantivy::collector::TopDocs;
        use tantivy::query::EnableScoring;
        let dir = tempfile::tempdir().unwrap();
        let index = three_papers(dir.path());
        let searcher = index.reader.searcher();
        let scoring = EnableScoring::enabled_from_searcher(&searcher);
        let visit = |weight: &dyn tantivy::query::Weight| matches(&searcher, weight);
        let queries = [
            "labour",
            "мигрант",
            "migration OR мигранттар",
            "Мигранттар ақша",
            "\"send money\"",
            "кытай OR кощи",
            "Еңбек",
            "миграционный",
            "labour -мигранттар",
            "+labour money",
            "labour OR (money -ақша)",
            "\"labour export\" OR \"отправляют деньги\"~1",
        ];
        let (mut matched, mut joined, mut dropped, mut summed) = (0, 0, 0, 0);
        let mut related = 0;
        for query in queries {
            for all_words in [true, false] {
                let parsers = index.field_parsers(all_words);
                let parsed = query::parse(parsers, query, None, false).unwrap().query;
                let disjoint = parsed
                    .downcast_ref::<query::DisjointUnion>()
                    .expect("the main query is a disjoint union");
                summed += disjoint
                    .parts
                    .iter()
                    .filter(|p| p.downcast_ref::<query::SumUnion>().is_some())
                    .count();
                let ast = tantivy::query_grammar::parse_query(query).unwrap();
                let mut distinct = FxHashSet::default();
                let readings: Vec<(Occur, Box<dyn Query>)> = parsers
                    .iter()
                    .map(|p| {
                        let q = p.parser.build_query_from_user_input_ast(ast.clone());
                        let q = q.unwrap();
                        distinct.insert(format!("{:?} {q:?}", p.field));
                        (Occur::Should, p.boosted(q))
                    })
                    .collect();
                joined += readings.len() - distinct.len();
                let union = BooleanQuery::new(readings);
                // The premise: no document in two parts.
                let mut seen = FxHashSet::default();
                for part in &disjoint.parts {
                    for (ord, doc, _) in visit(&*part.weight(scoring).unwrap()) {
                        assert!(seen.insert((ord, doc)), "{query}: a document in two parts");
                    }
                }
                // The same documents, with the same scores.
                let same = |got: &[_], want: &[_]| assert_same(got, want, query);
                let got = visit(&*parsed.weight(scoring).unwrap());
                same(&got, &visit(&*union.weight(scoring).unwrap()));
                matched += got.len();
                // What needs one scorer gets the union's answer.
                let top = TopDocs::with_limit(5).order_by_score();
                let (a, b) = (
                    searcher.search(&*parsed, &top).unwrap(),
                    searcher.search(&union, &top).unwrap(),
                );
                assert_eq!(
                    a.iter().map(|x| x.1).collect::<Vec<_>>(),
                    b.iter().map(|x| x.1).collect::<Vec<_>>(),
                    "{query}"
                );
                assert_eq!(
                    parsed.count(&searcher).unwrap(),
                    union.count(&searcher).unwrap()
                );
                // Without the readings and parts that cannot match, the
                // same documents with the same scores.
                let known = |t: &Term| searcher.doc_freq(t).unwrap() > 0;
                let pruned = query::parse(parsers, query, Some(&known), false)
                    .unwrap()
                    .query;
                let parts = |q: &dyn Query| {
                    let q = q.downcast_ref::<query::DisjointUnion>().unwrap();
                    q.parts.len()
                };
                dropped += parts(&*parsed) - parts(&*pruned);
                same(&visit(&*pruned.weight(scoring).unwrap()), &got);
                // With each word's derivational relatives, too: only those
                // in the index are asked for, and that changes nothing.
                let every = query::parse(parsers, query, None, true).unwrap().query;
                let asked = query::parse(parsers, query, Some(&known), true)
                    .unwrap()
                    .query;
                let with_relatives = visit(&*every.weight(scoring).unwrap());
                related += with_relatives.len() - got.len();
                same(&visit(&*asked.weight(scoring).unwrap()), &with_relatives);
            }
        }
        assert!(matched > 20, "the queries match: {matched}");
        // Some queries read the Kazakh field the same both ways.
        assert!(joined > 0, "no Kazakh readings were joined");
        assert!(dropped > 0, "no reading was left out");
        // And some read it two ways, summed.
        assert!(summed > 0, "no field was read two ways");
        // Some words' relatives match more.
        assert!(related > 0, "no relative matched");
    }

    /// The collector reads documents' papers, kinds and languages from a
    /// [`DocTable`] where a segment has one and from the columns where not:
    /// the two must gather the same.
    #[test]
    fn doc_tables_give_what_the_columns_give() {
        let dir = tempfile::tempdir().unwrap();
        let index = three_papers(dir.path());
        let searcher = index.reader.searcher();
        // The first search of a segment reads its columns; the second
        // builds its table.
        let first = index.doc_tables(&searcher).unwrap();
        assert!(first.iter().all(Option::is_none));
        let tables = index.doc_tables(&searcher).unwrap();
        assert!(tables.iter().all(Option::is_some));
        let again = index.doc_tables(&searcher).unwrap();
        assert!(again.iter().zip(&tables).all(|(a, t)| match (a, t) {
            (Some(a), Some(t)) => Arc::ptr_eq(a, t),
            _ => false,
        }));
        for query in ["labour", "мигрант", "migration OR мигранттар", "money"] {
            let query = query::parse(index.field_parsers(false), query, None, false)
                .unwrap()
                .query;
            for (lang, kind) in [
                (None, None),
                (Some(lang_code(Lang::En)), Some(Kind::Body.code())),
            ] {
                let collect = |tables| {
                    searcher
                        .search(&*query, &PaperCollector { lang, kind, tables })
                        .unwrap()
                };
                let with_tables = collect(tables.clone());
                assert!(!with_tables.is_empty() || lang.is_some());
                assert_eq!(with_tables, collect(Vec::new()));
            }
        }
    }

    /// Reading a column a chunk at a time gives what asking each document
    /// gives, whatever the chunk's size and wherever the documents without
    /// a value fall (paper records have no kind or language).
    #[test]
    fn column_scans_read_what_each_document_holds() {
        let dir = tempfile::tempdir().unwrap();
        let index = three_papers(dir.path());
        let searcher = index.reader.searcher();
        let mut optional = 0;
        for reader in searcher.segment_readers() {
            let ff = reader.fast_fields();
            for name in ["paper_n", "kind_n", "lang_n"] {
                let column = ff.u64(name).unwrap();
                optional += usize::from(matches!(column.index, ColumnIndex::Optional(_)));
                let each: Vec<Option<u64>> =
                    (0..reader.max_doc()).map(|d| column.first(d)).collect();
                for chunk in [1, 2, 3, 7, 64, SCAN_CHUNK] {
                    let mut scan = ColumnScan::new(&column);
                    let mut got = Vec::new();
                    let mut start = 0;
                    while start < reader.max_doc() {
                        let n = chunk.min((reader.max_doc() - start) as usize);
                        let mut out = vec![Some(u64::MAX); n];
                        scan.fill(start, &mut out);
                        got.extend(out);
                        start += n as DocId;
                    }
                    assert_eq!(got, each, "{name}, chunks of {chunk}");
                }
            }
            for chunk in [1, 5, SCAN_CHUNK] {
                let table = DocTable::build_in_chunks(reader, chunk).unwrap().unwrap();
                let whole = DocTable::build(reader).unwrap().unwrap();
                assert_eq!((&table.papers, &table.docs), (&whole.papers, &whole.docs));
            }
        }
        assert!(optional > 0, "no column without a value for every document");
    }

    /// [`query::AnyTerm`] finds, alone and inside an intersection (where
    /// it is sought rather than walked), the documents with the scores of
    /// tantivy's union of its terms' boosted queries, and explains them.
    #[test]
    fn any_term_matches_and_scores_as_the_union_of_its_terms() {
        use tantivy::collector::TopDocs;
        use tantivy::query::{BoostQuery, EnableScoring, TermQuery};
        use tantivy::schema::IndexRecordOption;
        let dir = tempfile::tempdir().unwrap();
        let index = Index::open_or_create(dir.path().join("index")).unwrap();
        // Papers where the terms of the unions are common and the term they
        // are intersected with is rare, so that they are sought past many
        // documents at a time.
        let texts = (0..60)
            .map(|i| {
                let mut abstract_ = String::from("Трудовая политика страны.");
                for (every, sentence) in [
                    (2, " Миграция растёт."),
                    (3, " Мигранты приезжают."),
                    (7, " Деньги отправляют домой."),
                ] {
                    if i % every == 0 {
                        abstract_.push_str(sentence);
                    }
                }
                let text = format!("Статья номер {i}\n\nАннотация. {abstract_}\n");
                (format!("mem/{i}"), text)
            })
            .collect();
        index
            .ingest_texts(texts, &crate::IngestOptions::default(), &|_| {})
            .unwrap();
        index.reload().unwrap();
        let searcher = index.reader.searcher();
        let scoring = EnableScoring::enabled_from_searcher(&searcher);
        let field = index.fields.text_field(Lang::Ru);
        let term = |text: &str| Term::from_field_text(field, text);
        let term_query =
            |text: &str| Box::new(TermQuery::new(term(text), IndexRecordOption::WithFreqs));
        let visit = |query: &dyn Query| matches(&searcher, &*query.weight(scoring).unwrap());
        let sets: [&[(&str, f32)]; 3] = [
            &[("миграц", 1.0), ("мигрант", 0.5)],
            &[("трудов", 1.0), ("приезжа", 0.5), ("нет-такого", 0.5)],
            &[("нет-такого", 1.0), ("мигрант", 0.5)],
        ];
        // Matches alone and in the intersection.
        let mut matched = [0, 0];
        for set in sets {
            let any = query::AnyTerm {
                terms: set.iter().map(|&(t, b)| (term(t), b)).collect(),
            };
            let union = BooleanQuery::new(
                set.iter()
                    .map(|&(t, b)| {
                        let q: Box<dyn Query> = if b == 1.0 {
                            term_query(t)
                        } else {
                            Box::new(BoostQuery::new(term_query(t), b))
                        };
                        (Occur::Should, q)
                    })
                    .collect(),
            );
            let both = |q: Box<dyn Query>| {
                BooleanQuery::new(vec![(Occur::Must, q), (Occur::Must, term_query("деньг"))])
            };
            for (k, (ours, theirs)) in [
                (
                    Box::new(any.clone()) as Box<dyn Query>,
                    Box::new(union.clone()) as Box<dyn Query>,
                ),
                (
                    Box::new(both(Box::new(any.clone()))),
                    Box::new(both(Box::new(union.clone()))),
                ),
            ]
            .into_iter()
            .enumerate()
            {
                let (got, want) = (visit(&*ours), visit(&*theirs));
                assert_same(&got, &want, &format!("{set:?}"));
                matched[k] += got.len();
                assert_eq!(
                    ours.count(&searcher).unwrap(),
                    theirs.count(&searcher).unwrap()
                );
                let top = TopDocs::with_limit(3).order_by_score();
                let (a, b) = (
                    searcher.search(&*ours, &top).unwrap(),
                    searcher.search(&*theirs, &top).unwrap(),
                );
                assert_eq!(a.len(), b.len());
                for ((sa, da), (sb, db)) in a.iter().zip(&b) {
                    assert_eq!(da, db);
                    assert!((sa - sb).abs() <= 1e-5 * sb.abs());
                    let explained = ours.explain(&searcher, *da).unwrap().value();
                    assert!(
                        (explained - sa).abs() <= 1e-5 * sa.abs(),
                        "{explained} {sa}"
                    );
                }
            }
        }
        assert!(
            matched[0] > 0 && matched[1] > 0,
            "the sets match: {matched:?}"
        );
    }

    /// A word finds the papers that write its derivational relative
    /// (`миграция` → `миграционная`, `миграциялық`), below a paper that
    /// writes the word itself, with the relative marked in the snippet; a
    /// quoted word, or a request without relatives, finds only the word.
    #[test]
    fn a_word_finds_its_relatives_below_itself() {
        let dir = tempfile::tempdir().unwrap();
        let index = Index::open_or_create(dir.path().join("index")).unwrap();
        let texts = [
            (
                "mem/noun",
                "Миграция\n\nАннотация. Миграция населения растёт.\n",
            ),
            (
                "mem/adj",
                "Политика\n\nАннотация. Миграционная политика Китая.\n",
            ),
            ("mem/kk", "Саясат\n\nАңдатпа. Миграциялық саясат өзгерді.\n"),
            ("mem/none", "Экспорт\n\nАннотация. Экспорт труда растёт.\n"),
        ];
        let texts = texts.map(|(p, t)| (p.to_string(), t.to_string())).to_vec();
        index
            .ingest_texts(texts, &crate::IngestOptions::default(), &|_| {})
            .unwrap();
        index.reload().unwrap();
        let papers = |request: SearchRequest| -> Vec<String> {
            let r = index.search(&request).unwrap();
            assert_eq!(r.total, r.hits.len());
            r.hits.iter().map(|h| h.path.clone()).collect()
        };
        let found = papers(SearchRequest::new("миграция"));
        assert_eq!(
            found.first().map(String::as_str),
            Some("mem/noun"),
            "{found:?}"
        );
        let mut rest = found[1..].to_vec();
        rest.sort();
        assert_eq!(rest, ["mem/adj", "mem/kk"]);
        // The snippet marks the relative.
        let r = index.search(&SearchRequest::new("миграция")).unwrap();
        let adj = r.hits.iter().find(|h| h.path == "mem/adj").unwrap();
        assert!(
            adj.segments
                .iter()
                .any(|s| s.snippet().contains("<b>Миграционная</b>")),
            "{:?}",
            adj.segments
        );
        // And the other way: the adjective finds the noun.
        let mut found = papers(SearchRequest::new("миграционный"));
        found.sort();
        assert_eq!(found, ["mem/adj", "mem/noun"]);
        // As asked, without relatives.
        assert_eq!(papers(SearchRequest::new("\"миграция\"")), ["mem/noun"]);
        let exact = SearchRequest {
            relatives: false,
            ..SearchRequest::new("миграция")
        };
        assert_eq!(papers(exact), ["mem/noun"]);
    }

    /// Ingests `text` as the paper `mem/a` and reloads the reader.
    fn ingest_one(index: &Index, text: &str) {
        index
            .ingest_texts(
                vec![("mem/a".to_string(), text.to_string())],
                &crate::IngestOptions::default(),
                &|_| {},
            )
            .unwrap();
        index.reload().unwrap();
    }

    /// A reload that finds nothing new (tantivy's file watcher fires one
    /// after opening) gives a new generation of the same segments: what hits
    /// showed stays cached.
    #[test]
    fn a_reload_without_changes_keeps_what_hits_showed() {
        let dir = tempfile::tempdir().unwrap();
        let index = Index::open_or_create(dir.path().join("index")).unwrap();
        ingest_one(
            &index,
            "Title\n\nAbstract. Labour export grows in spring.\n",
        );
        let first = index.search(&SearchRequest::new("labour")).unwrap();
        let generation = index.reader.searcher().generation().generation_id();
        let epoch = index.shown_cache().epoch;
        assert!(!index.shown_cache().segments.is_empty());
        index.reload().unwrap();
        assert_ne!(
            index.reader.searcher().generation().generation_id(),
            generation
        );
        assert_eq!(index.search(&SearchRequest::new("labour")).unwrap(), first);
        assert_eq!(index.shown_cache().epoch, epoch);
    }

    /// Hits' segments and titles are cached per set of segments and their
    /// deletes: after a paper changes, a search shows its new text and title, not the cached
    /// ones (document addresses are reused across commits).
    #[test]
    fn a_changed_paper_shows_its_new_text_and_title() {
        let dir = tempfile::tempdir().unwrap();
        let index = Index::open_or_create(dir.path().join("index")).unwrap();
        let ingest = |title: &str, body: &str| {
            ingest_one(
                &index,
                &format!("{title}\n\nAbstract. Labour export {body}.\n"),
            );
            let r = index.search(&SearchRequest::new("labour")).unwrap();
            assert_eq!(r.total, 1);
            let snippets: Vec<String> =
                r.hits[0].segments.iter().map(SegmentHit::snippet).collect();
            (r.hits[0].title.clone(), snippets.join(" | "))
        };
        let (title, snippets) = ingest("Old title", "grows in spring");
        assert_eq!(title, "Old title");
        assert!(snippets.contains("spring"), "{snippets}");
        // The same search again comes from the caches.
        assert_eq!(ingest("Old title", "grows in spring").1, snippets);
        let (title, snippets) = ingest("New title", "falls in autumn");
        assert_eq!(title, "New title");
        assert!(
            snippets.contains("autumn") && !snippets.contains("spring"),
            "{snippets}"
        );
    }

    fn lang() -> impl Strategy<Value = Lang> {
        prop_oneof![
            Just(Lang::Kk),
            Just(Lang::Ru),
            Just(Lang::En),
            Just(Lang::Und)
        ]
    }

    proptest! {
        #[test]
        fn interned_tokens_match_like_the_text_on_any_words(
            words in proptest::collection::vec(proptest::sample::select(WORDS), 0..12),
            noise in "\\PC{0,40}",
            query in proptest::collection::vec(proptest::sample::select(WORDS), 1..3),
            lang in lang(),
        ) {
            let text = format!("{} {noise}", words.join(" "));
            check_interned_matches_as_text(&query.join(" OR "), &text, lang);
        }
    }

    /// The three papers' index, built once for the property below.
    fn shared_three_papers() -> &'static Index {
        static INDEX: OnceLock<(tempfile::TempDir, Index)> = OnceLock::new();
        &INDEX
            .get_or_init(|| {
                let dir = tempfile::tempdir().unwrap();
                let index = three_papers(dir.path());
                (dir, index)
            })
            .1
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        /// Relatives only add alternatives to words: without an exclusion
        /// (which excludes a word's relatives too), a query with them
        /// matches every document the query without them matches.
        #[test]
        fn relatives_only_add_matches(
            words in proptest::collection::vec(
                proptest::sample::select(&[
                    "labour", "миграция", "миграционный", "Трудовая", "мигранты",
                    "Еңбек", "ақша", "Китая", "деньги", "migration", "\"send money\"",
                    "OR", "AND", "(", ")", "экономика", "көші-қоны",
                ][..]),
                1..5,
            ),
            all_words in any::<bool>(),
        ) {
            let index = shared_three_papers();
            let query = words.join(" ");
            let searcher = index.reader.searcher();
            let scoring = tantivy::query::EnableScoring::enabled_from_searcher(&searcher);
            let parsers = index.field_parsers(all_words);
            let docs = |relatives: bool| {
                let parsed = query::parse(parsers, &query, None, relatives).ok()?;
                let weight = parsed.query.weight(scoring).unwrap();
                Some(matches(&searcher, &*weight).into_iter().map(|(o, d, _)| (o, d)).collect::<Vec<_>>())
            };
            if let (Some(exact), Some(related)) = (docs(false), docs(true)) {
                for doc in &exact {
                    prop_assert!(related.contains(doc), "{query}: {doc:?} lost");
                }
            }
        }
    }
}
