//! What the server needs from the index and the comparison, as plain types:
//! the handlers and pages depend on this module only, and `adapter` maps the
//! index and align crates onto it, so API churn there touches one file.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use ushtil_lang::Lang;
use ushtil_segment::Paper;

/// The part of a paper a search can be restricted to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    Title,
    Authors,
    Abstract,
    Keywords,
    Body,
    References,
    Affiliations,
    Codes,
}

impl Section {
    /// Every section, in the order the page lists them.
    pub const ALL: [Section; 8] = [
        Section::Title,
        Section::Authors,
        Section::Abstract,
        Section::Keywords,
        Section::Body,
        Section::References,
        Section::Affiliations,
        Section::Codes,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Section::Title => "title",
            Section::Authors => "authors",
            Section::Abstract => "abstract",
            Section::Keywords => "keywords",
            Section::Body => "body",
            Section::References => "references",
            Section::Affiliations => "affiliations",
            Section::Codes => "codes",
        }
    }
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The error of parsing a section name.
#[derive(Debug, thiserror::Error)]
#[error(
    "unknown section '{0}': use title, authors, abstract, keywords, body, references, affiliations or codes"
)]
pub struct ParseSectionError(pub String);

impl FromStr for Section {
    type Err = ParseSectionError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Section::ALL
            .into_iter()
            .find(|section| section.name() == s.trim())
            .ok_or_else(|| ParseSectionError(s.to_string()))
    }
}

/// A validated search: the handlers check lengths and ranges before building it.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchParams {
    pub query: String,
    pub lang: Option<Lang>,
    pub section: Option<Section>,
    /// Papers per page.
    pub limit: usize,
    /// Papers to skip.
    pub offset: usize,
    /// Match papers with any of the words rather than all of them.
    pub any: bool,
    /// Also match each word's translations into the other languages.
    pub cross: bool,
    /// Match only the words' own forms, not their derivational relatives.
    pub exact: bool,
}

/// One page of results, grouped by paper. Serialises to the JSON.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// Papers that match (all pages).
    pub total: usize,
    pub hits: Vec<Hit>,
    /// Matching papers per language and per section, for the filters.
    pub facets: Facets,
    /// When no paper has every word of a query of two words or more: how
    /// many have some of them (what `any=on` finds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub any_words_total: Option<usize>,
}

/// One paper that matches, with its best segments.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    pub paper: String,
    pub path: String,
    pub title: String,
    pub score: f32,
    pub segments: Vec<HitSegment>,
}

/// One matching segment of a paper. `snippet` is HTML: escaped text whose only
/// markup is `<b>…</b>` around matched terms.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HitSegment {
    pub kind: String,
    pub lang: Lang,
    pub heading: Option<String>,
    pub snippet: String,
}

/// Counts of matching papers per value of each filter, ignoring that filter.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Facets {
    pub lang: BTreeMap<Lang, usize>,
    pub section: BTreeMap<Section, usize>,
}

/// A paper as the index stored it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredPaper {
    pub id: String,
    pub path: String,
    pub paper: Paper,
}

/// The comparison of a paper's languages, in the shape the page renders.
/// `raw` is the comparison crate's own JSON, served as is by the API.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CompareView {
    pub flags: Vec<FlagView>,
    pub sentence_links: Vec<SentenceLinkView>,
    pub keyword_links: Vec<KeywordLinkView>,
    pub raw: serde_json::Value,
}

/// A problem an editor acts on (`missing_keywords`, `title_mismatch`, …).
#[derive(Clone, Debug, PartialEq)]
pub struct FlagView {
    pub kind: String,
    pub lang: Option<Lang>,
    pub message: String,
}

/// Two abstract sentences (or runs of sentences) that translate each other.
#[derive(Clone, Debug, PartialEq)]
pub struct SentenceLinkView {
    pub left: (Lang, String),
    pub right: (Lang, String),
    pub score: f32,
}

/// Keywords of different languages that correspond.
#[derive(Clone, Debug, PartialEq)]
pub struct KeywordLinkView {
    pub terms: Vec<(Lang, String)>,
    pub score: f32,
    pub evidence: String,
}

/// Figures for `/api/health`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Health {
    pub papers: u64,
    pub segments: u64,
}

/// What can go wrong answering from the index.
#[derive(Debug, thiserror::Error)]
pub enum BackendError {
    /// The user's query cannot be parsed; the message says where and what.
    #[error("{0}")]
    BadQuery(String),
    /// The comparison is not available (e.g. not built in).
    #[error("{0}")]
    Unavailable(String),
    /// Anything else: a damaged index, an I/O error.
    #[error("{0}")]
    Internal(String),
}

/// The index and comparison as the server sees them. Calls block (tantivy
/// reads segment files); handlers run them on tokio's blocking pool.
pub trait Backend: Send + Sync + 'static {
    fn search(&self, params: &SearchParams) -> Result<SearchResults, BackendError>;
    /// `id` has already passed [`valid_id`].
    fn paper(&self, id: &str) -> Result<Option<StoredPaper>, BackendError>;
    fn compare(&self, paper: &Paper) -> Result<CompareView, BackendError>;
    fn health(&self) -> Result<Health, BackendError>;
}

/// Paper ids are short tokens (letters, digits, `-`, `_`): anything else is
/// rejected before it reaches the index, and no id is ever used as a path.
pub fn valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_with_path_characters_are_rejected() {
        for bad in [
            "",
            "../etc/passwd",
            "a/b",
            "a.b",
            "%2e%2e",
            "a b",
            "я",
            &"a".repeat(65),
        ] {
            assert!(!valid_id(bad), "{bad:?} should be rejected");
        }
        for good in ["3f9a0c12", "paper-1", "A_b9"] {
            assert!(valid_id(good), "{good:?} should be accepted");
        }
    }

    #[test]
    fn sections_round_trip_through_their_names() {
        for section in Section::ALL {
            assert_eq!(section.name().parse::<Section>().unwrap(), section);
            assert_eq!(
                serde_json::to_string(&section).unwrap(),
                format!("\"{section}\"")
            );
        }
        assert!("bodies".parse::<Section>().is_err());
    }
}
