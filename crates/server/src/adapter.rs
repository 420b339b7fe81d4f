//! The one module that knows the index and comparison crates: it maps
//! `ushtil_index` and `ushtil_align` onto the server's [`crate::backend`]
//! types, so a change in their APIs touches this file only.

use std::path::Path;

use ushtil_align::{Comparison, Glossary};
use ushtil_index::{Expansion, Index, IndexError, Kind, SearchRequest};
use ushtil_lang::Lang;
use ushtil_segment::Paper;

use crate::backend::{
    Backend, BackendError, CompareView, Facets, FlagView, Health, Hit, HitSegment, KeywordLinkView,
    SearchParams, SearchResults, Section, SentenceLinkView, StoredPaper,
};

/// A [`Backend`] over an index directory built by `ushtil index`. The index's
/// reader reloads shortly after each commit, so the server keeps answering
/// from the last commit while an ingestion runs and then sees the new one.
pub struct IndexBackend {
    index: Index,
    glossary: Glossary,
}

/// Why the backend could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error(transparent)]
    Glossary(#[from] ushtil_align::GlossaryError),
}

impl IndexBackend {
    /// Opens the index at `dir` with the curated glossary; the error says how
    /// to build or repair the index.
    pub fn open(dir: impl AsRef<Path>) -> Result<IndexBackend, IndexError> {
        Ok(IndexBackend {
            index: Index::open(dir)?,
            glossary: Glossary::curated(),
        })
    }

    /// Opens the index at `dir`, the curated glossary extended by the
    /// glossary TSV files given (as `ushtil compare --glossary`): used for
    /// the comparison and for `cross` searches.
    pub fn open_with_glossaries(
        dir: impl AsRef<Path>,
        glossaries: &[impl AsRef<Path>],
    ) -> Result<IndexBackend, OpenError> {
        let mut glossary = Glossary::curated();
        for path in glossaries {
            glossary.extend(Glossary::read(path.as_ref())?);
        }
        Ok(IndexBackend {
            index: Index::open(dir)?,
            glossary,
        })
    }

    /// The index underneath (for its directory and figures).
    pub fn index(&self) -> &Index {
        &self.index
    }
}

impl Backend for IndexBackend {
    fn search(&self, params: &SearchParams) -> Result<SearchResults, BackendError> {
        let mut request = SearchRequest::new(params.query.clone());
        request.lang = params.lang;
        request.section = params.section.map(kind);
        request.limit = params.limit;
        request.offset = params.offset;
        request.all_words = !params.any;
        request.relatives = !params.exact;
        if params.cross {
            request.expansions = expansions(&params.query, &self.glossary);
        }
        let results = self.index.search(&request).map_err(backend_error)?;
        Ok(SearchResults {
            total: results.total,
            hits: results
                .hits
                .into_iter()
                .map(|hit| Hit {
                    paper: hit.paper,
                    path: hit.path,
                    title: hit.title,
                    score: hit.score,
                    segments: hit
                        .segments
                        .into_iter()
                        .map(|segment| HitSegment {
                            snippet: segment.snippet(),
                            kind: segment.kind.as_str().to_string(),
                            lang: segment.lang,
                            heading: segment.heading,
                        })
                        .collect(),
                })
                .collect(),
            facets: Facets {
                lang: results
                    .facets
                    .lang
                    .into_iter()
                    .filter_map(|(code, n)| Some((code.parse::<Lang>().ok()?, n)))
                    .collect(),
                section: results
                    .facets
                    .section
                    .into_iter()
                    .filter_map(|(name, n)| Some((name.parse::<Section>().ok()?, n)))
                    .collect(),
            },
            any_words_total: results.any_words_total,
        })
    }

    fn paper(&self, id: &str) -> Result<Option<StoredPaper>, BackendError> {
        let stored = self.index.paper(id).map_err(backend_error)?;
        Ok(stored.map(|s| StoredPaper {
            id: s.id,
            path: s.path,
            paper: s.paper,
        }))
    }

    fn compare(&self, paper: &Paper) -> Result<CompareView, BackendError> {
        let comparison = ushtil_align::compare(paper, &self.glossary);
        compare_view(&comparison)
    }

    fn health(&self) -> Result<Health, BackendError> {
        let stats = self.index.stats();
        Ok(Health {
            papers: stats.papers,
            segments: stats.segments,
        })
    }
}

/// The query's words, each with its translations, as `ushtil search --cross`
/// builds them.
fn expansions(query: &str, glossary: &Glossary) -> Vec<Expansion> {
    Expansion::for_query(query, |word| ushtil_align::expand_query(word, glossary))
}

/// The comparison in the page's shape, plus its own JSON for the API.
fn compare_view(comparison: &Comparison) -> Result<CompareView, BackendError> {
    let raw = serde_json::to_value(comparison)
        .map_err(|e| BackendError::Internal(format!("cannot serialise the comparison: {e}")))?;
    let flags = comparison
        .flags
        .iter()
        .map(|flag| {
            let kind = flag.kind.name().to_string();
            FlagView {
                kind,
                lang: Some(flag.lang),
                message: flag.detail.clone(),
            }
        })
        .collect();
    let sentences = |lang: Lang, indices: &[usize]| -> String {
        let side = comparison.abstracts.iter().find(|a| a.lang == lang);
        indices
            .iter()
            .filter_map(|&i| side.and_then(|s| s.sentences.get(i)))
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let sentence_links = comparison
        .sentence_links
        .iter()
        .map(|link| SentenceLinkView {
            left: (link.a, sentences(link.a, &link.a_sentences)),
            right: (link.b, sentences(link.b, &link.b_sentences)),
            score: link.score as f32,
        })
        .collect();
    let keyword_links = comparison
        .keyword_links
        .iter()
        .map(|link| KeywordLinkView {
            terms: [
                (Lang::Kk, &link.kk),
                (Lang::Ru, &link.ru),
                (Lang::En, &link.en),
            ]
            .into_iter()
            .filter_map(|(lang, term)| Some((lang, term.clone()?)))
            .collect(),
            score: link.score as f32,
            evidence: link
                .evidence
                .iter()
                .map(|e| e.name())
                .collect::<Vec<_>>()
                .join(", "),
        })
        .collect();
    Ok(CompareView {
        flags,
        sentence_links,
        keyword_links,
        raw,
    })
}

fn kind(section: Section) -> Kind {
    match section {
        Section::Title => Kind::Title,
        Section::Authors => Kind::Authors,
        Section::Affiliations => Kind::Affiliations,
        Section::Codes => Kind::Codes,
        Section::Abstract => Kind::Abstract,
        Section::Keywords => Kind::Keywords,
        Section::Body => Kind::Body,
        Section::References => Kind::References,
    }
}

fn backend_error(err: IndexError) -> BackendError {
    match err {
        IndexError::Query { .. } => BackendError::BadQuery(err.to_string()),
        other => BackendError::Internal(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_maps_to_the_index_kind_of_the_same_name() {
        for section in Section::ALL {
            assert_eq!(kind(section).as_str(), section.name());
        }
    }
}
