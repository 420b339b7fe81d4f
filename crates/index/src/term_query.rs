//! A term query that remembers what tantivy's `TermQuery` looks up anew
//! for every search: where each index segment keeps the term's postings
//! (its `TermInfo`, a walk of the segment's term dictionary) and the term's
//! BM25 weight (an explanation built of strings, and a table of 256
//! length norms). A search of ours asks for each query word in several
//! fields and with its relatives, so these were 7% of a search's
//! instructions on the bench's two-segment index of 1,000 papers, and an
//! index of more segments walks more dictionaries (BENCHMARKS.md, "Where
//! query time goes").
//!
//! Both memories are valid for ever: a segment's postings never change
//! (deletes are a separate bit set, merges make new segments with new ids),
//! and a BM25 weight is a function of the numbers it is keyed by.

use std::sync::{LazyLock, Mutex, MutexGuard};

use rustc_hash::FxHashMap;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::index::SegmentId;
use tantivy::postings::{Postings, SegmentPostings, TermInfo};
use tantivy::query::{
    Bm25Weight, EmptyScorer, EnableScoring, Explanation, Query, Scorer, TermQuery, Weight,
};
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, TantivyError};

/// Term infos the memory holds at most (a few MB); past it, it starts over.
const MAX_ENTRIES: usize = 1 << 16;

/// BM25 weights the memory holds at most: each owns its table of 256 norms
/// (1 KB), so 4,096 of them are 4 MB. Past it, it starts over.
const MAX_WEIGHTS: usize = 1 << 12;

/// Term infos by segment, then by term (`None`: not in that segment), and
/// how many they are: looked up by segment and `&Term`, so that a search
/// copies no term to ask.
#[derive(Default)]
struct TermInfos {
    segments: FxHashMap<SegmentId, FxHashMap<Term, Option<TermInfo>>>,
    entries: usize,
}

static TERM_INFOS: LazyLock<Mutex<TermInfos>> = LazyLock::new(Default::default);

/// Document frequency, documents, and the bits of the average field length.
type WeightKey = (u64, u64, u32);

/// BM25 weights by what they are computed from.
static WEIGHTS: LazyLock<Mutex<FxHashMap<WeightKey, Bm25Weight>>> = LazyLock::new(Default::default);

/// A memory, usable after a holder panicked (what it holds is whole).
fn lock<T>(memo: &Mutex<T>) -> MutexGuard<'_, T> {
    memo.lock().unwrap_or_else(|p| p.into_inner())
}

/// One term of a field, scored by BM25 as tantivy's `TermQuery` with
/// frequencies scores it.
#[derive(Clone)]
pub(crate) struct MemoTermQuery {
    pub term: Term,
}

/// Written as tantivy writes its `TermQuery`, for which it stands: the
/// query builder's tests compare the two queries by their `Debug` text.
impl std::fmt::Debug for MemoTermQuery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TermQuery({:?})", self.term)
    }
}

impl MemoTermQuery {
    pub fn new(term: Term) -> MemoTermQuery {
        MemoTermQuery { term }
    }
}

impl Query for MemoTermQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let EnableScoring::Enabled {
            statistics_provider: stats,
            ..
        } = enable_scoring
        else {
            // Counting: tantivy's own, which needs no weight.
            return TermQuery::new(self.term.clone(), IndexRecordOption::WithFreqs)
                .weight(enable_scoring);
        };
        let docs = stats.total_num_docs()?;
        let tokens = stats.total_num_tokens(self.term.field())?;
        let doc_freq = stats.doc_freq(&self.term)?;
        // As `Bm25Weight::for_terms` computes it.
        let average = tokens as Score / docs as Score;
        let key = (doc_freq, docs, average.to_bits());
        let mut weights = lock(&WEIGHTS);
        if weights.len() >= MAX_WEIGHTS {
            weights.clear();
        }
        let bm25 = weights
            .entry(key)
            .or_insert_with(|| Bm25Weight::for_one_term_without_explain(doc_freq, docs, average))
            .clone();
        drop(weights);
        Ok(Box::new(MemoTermWeight {
            term: self.term.clone(),
            bm25,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        visitor(&self.term, false);
    }
}

struct MemoTermWeight {
    term: Term,
    bm25: Bm25Weight,
}

impl MemoTermWeight {
    /// The term's scorer in a segment, or `None` where it does not occur.
    fn term_scorer(
        &self,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Option<Box<TermScorer>>> {
        let field = self.term.field();
        let segment = reader.segment_id();
        let known = lock(&TERM_INFOS)
            .segments
            .get(&segment)
            .and_then(|terms| terms.get(&self.term))
            .cloned();
        let info = match known {
            Some(info) => info,
            None => {
                let info = reader.inverted_index(field)?.get_term_info(&self.term)?;
                let mut memo = lock(&TERM_INFOS);
                if memo.entries >= MAX_ENTRIES {
                    *memo = TermInfos::default();
                }
                memo.entries += 1;
                let terms = memo.segments.entry(segment).or_default();
                terms.insert(self.term.clone(), info.clone());
                info
            }
        };
        let Some(info) = info else {
            return Ok(None);
        };
        let postings = reader
            .inverted_index(field)?
            .read_postings_from_terminfo(&info, IndexRecordOption::WithFreqs)?;
        let fieldnorms = match reader.fieldnorms_readers().get_field(field)? {
            Some(fieldnorms) => fieldnorms,
            None => FieldNormReader::constant(reader.max_doc(), 1),
        };
        Ok(Some(Box::new(TermScorer {
            postings,
            fieldnorms,
            bm25: self.bm25.boost_by(boost),
        })))
    }
}

impl Weight for MemoTermWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(match self.term_scorer(reader, boost)? {
            Some(scorer) => scorer,
            None => Box::new(EmptyScorer),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let scorer = self.term_scorer(reader, 1.0)?;
        let Some(mut scorer) = scorer.filter(|s| s.doc() <= doc) else {
            return Err(does_not_match(doc));
        };
        if scorer.seek(doc) != doc {
            return Err(does_not_match(doc));
        }
        let fieldnorm = scorer.fieldnorms.fieldnorm_id(doc);
        let mut explanation = scorer.bm25.explain(fieldnorm, scorer.postings.term_freq());
        explanation.add_context(format!("Term={:?}", self.term));
        Ok(explanation)
    }

    fn for_each(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        if let Some(mut scorer) = self.term_scorer(reader, 1.0)? {
            let mut doc = scorer.doc();
            while doc != TERMINATED {
                callback(doc, scorer.score());
                doc = scorer.advance();
            }
        }
        Ok(())
    }
}

fn does_not_match(doc: DocId) -> TantivyError {
    TantivyError::InvalidArgument(format!("document #({doc}) does not match"))
}

/// A term's postings in a segment, scored as tantivy's term scorer scores
/// them (which tantivy does not export).
struct TermScorer {
    postings: SegmentPostings,
    fieldnorms: FieldNormReader,
    bm25: Bm25Weight,
}

impl DocSet for TermScorer {
    #[inline]
    fn advance(&mut self) -> DocId {
        self.postings.advance()
    }

    #[inline]
    fn seek(&mut self, target: DocId) -> DocId {
        self.postings.seek(target)
    }

    #[inline]
    fn doc(&self) -> DocId {
        self.postings.doc()
    }

    fn size_hint(&self) -> u32 {
        self.postings.size_hint()
    }
}

impl Scorer for TermScorer {
    #[inline]
    fn score(&mut self) -> Score {
        let fieldnorm = self.fieldnorms.fieldnorm_id(self.postings.doc());
        self.bm25.score(fieldnorm, self.postings.term_freq())
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::{EnableScoring, Query, TermQuery};
    use tantivy::schema::IndexRecordOption;

    use super::*;
    use crate::Index;
    use ushtil_lang::Lang;

    /// Every document `query` finds in every segment, with its score.
    fn visited(searcher: &tantivy::Searcher, query: &dyn Query) -> Vec<(u32, DocId, Score)> {
        let scoring = EnableScoring::enabled_from_searcher(searcher);
        crate::search::tests::matches(searcher, &*query.weight(scoring).unwrap())
    }

    /// On an index of several segments, searched again after it grows (a
    /// new segment, the old ones remembered), the query finds, scores,
    /// counts and explains as tantivy's `TermQuery` does, for terms in
    /// every segment, in some, and in none.
    #[test]
    fn finds_and_scores_as_tantivys_term_query() {
        let dir = tempfile::tempdir().unwrap();
        let index = Index::open_or_create(dir.path().join("index")).unwrap();
        let paper = |i: usize, extra: &str| {
            let text = format!("Статья номер {i}\n\nАннотация. Трудовая миграция растёт.{extra}\n");
            (format!("p/{i}"), text)
        };
        let field = index.fields.text_field(Lang::Ru);
        let terms = ["миграц", "трудов", "деньг", "редк", "нет-такого"];
        let mut found: std::collections::HashMap<(usize, &str), usize> = Default::default();
        let batches = [
            (0..20, " Деньги отправляют домой."),
            (20..30, " Редкий случай."),
        ];
        for (batch_no, (batch, extra)) in batches.into_iter().enumerate() {
            let texts = batch
                .map(|i| paper(i, if i % 3 == 0 { extra } else { "" }))
                .collect();
            index
                .ingest_texts(texts, &crate::IngestOptions::default(), &|_| {})
                .unwrap();
            index.reload().unwrap();
            let searcher = index.reader.searcher();
            for text in terms {
                let term = Term::from_field_text(field, text);
                let ours = MemoTermQuery::new(term.clone());
                let theirs = TermQuery::new(term, IndexRecordOption::WithFreqs);
                // Twice: the second time from the memories.
                for _ in 0..2 {
                    let (got, want) = (visited(&searcher, &ours), visited(&searcher, &theirs));
                    assert_eq!(got, want, "{text}");
                    found.insert((batch_no, text), got.len());
                    assert_eq!(
                        searcher.search(&ours, &Count).unwrap(),
                        searcher.search(&theirs, &Count).unwrap()
                    );
                    let top = TopDocs::with_limit(5).order_by_score();
                    let hits = searcher.search(&ours, &top).unwrap();
                    assert_eq!(hits, searcher.search(&theirs, &top).unwrap(), "{text}");
                    for (score, address) in hits {
                        let explained = ours.explain(&searcher, address).unwrap();
                        assert_eq!(explained.value(), score, "{text}");
                    }
                }
            }
        }
        assert_eq!(index.reader.searcher().segment_readers().len(), 2);
        // In every segment, in the first only, in the second only, in none.
        assert_eq!(found[&(1, "миграц")], 30);
        assert_eq!((found[&(0, "деньг")], found[&(1, "деньг")]), (7, 7));
        assert_eq!((found[&(0, "редк")], found[&(1, "редк")]), (0, 3));
        assert_eq!(found[&(1, "нет-такого")], 0);
    }
}
