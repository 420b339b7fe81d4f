//! The tantivy schema: one document per segment plus one `paper` document per
//! paper, and the segment kinds with their ranking boosts.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use tantivy::schema::{
    FAST, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use ushtil_lang::Lang;
use ushtil_lang::analysis::names;

/// What a document holds: a segment of a paper, or the paper record itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Title,
    Keywords,
    Abstract,
    Body,
    References,
    /// The per-paper record (stored `Paper` JSON, content hash); never a hit.
    Paper,
    /// The authors' names as the paper's bylines print them, in one
    /// document. (This kind and the ones after it come after `Paper`, so
    /// the codes of the kinds before, stored in every index, stay.)
    Authors,
    /// The authors' institutions: searched only when asked for
    /// ([`Kind::searched_by_default`]).
    Affiliations,
    /// Library classification codes above the title (`УДК 94(510)`,
    /// `МРНТИ 03.20.00`): searched only when asked for.
    Codes,
}

impl Kind {
    /// The segment kinds, in the order a user lists sections.
    pub const SECTIONS: [Kind; 8] = [
        Kind::Title,
        Kind::Authors,
        Kind::Abstract,
        Kind::Keywords,
        Kind::Body,
        Kind::References,
        Kind::Affiliations,
        Kind::Codes,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Title => "title",
            Kind::Keywords => "keywords",
            Kind::Abstract => "abstract",
            Kind::Body => "body",
            Kind::References => "references",
            Kind::Paper => "paper",
            Kind::Authors => "authors",
            Kind::Affiliations => "affiliations",
            Kind::Codes => "codes",
        }
    }

    /// The multiplier applied to a segment's BM25 score: a match in a title or
    /// the keywords says more about the paper than one in its body, and a match
    /// in the references says least.
    pub fn boost(self) -> f32 {
        match self {
            Kind::Title => 3.0,
            Kind::Keywords => 2.5,
            // A name found is the paper asked for, as a title word is.
            Kind::Authors => 2.5,
            // Searched alone (an institution's papers), so the boost only
            // orders them among themselves.
            Kind::Affiliations | Kind::Codes => 1.0,
            Kind::Abstract => 1.8,
            Kind::Body => 1.0,
            Kind::References => 0.4,
            Kind::Paper => 0.0,
        }
    }

    /// Whether a search without a section filter looks in this kind. An
    /// institution's name (`Institute of Economics`) is not what a paper is
    /// about, nor is a classification code (its numbers would match a year
    /// or a figure), so these answer only `--section affiliations` or
    /// `--section codes`.
    pub fn searched_by_default(self) -> bool {
        !matches!(self, Kind::Affiliations | Kind::Codes)
    }

    /// The kind's code in the index. Codes fit in four bits: a search's
    /// table of documents packs them so (`search::DocTable`).
    pub(crate) fn code(self) -> u64 {
        const { assert!((Kind::Codes as u64) < 16) };
        self as u64
    }

    pub(crate) fn from_code(code: u64) -> Option<Kind> {
        [
            Kind::Title,
            Kind::Keywords,
            Kind::Abstract,
            Kind::Body,
            Kind::References,
            Kind::Paper,
            Kind::Authors,
            Kind::Affiliations,
            Kind::Codes,
        ]
        .into_iter()
        .find(|k| k.code() == code)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error of parsing a section name.
#[derive(Debug, thiserror::Error)]
#[error(
    "unknown section '{0}': use title, authors, abstract, keywords, body, references, affiliations or codes"
)]
pub struct ParseKindError(pub String);

impl FromStr for Kind {
    type Err = ParseKindError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "title" | "titles" => Ok(Kind::Title),
            "authors" | "author" => Ok(Kind::Authors),
            "affiliations" | "affiliation" => Ok(Kind::Affiliations),
            "codes" | "code" | "udc" => Ok(Kind::Codes),
            "abstract" | "abstracts" => Ok(Kind::Abstract),
            "keywords" | "keyword" => Ok(Kind::Keywords),
            "body" | "paragraph" | "paragraphs" => Ok(Kind::Body),
            "references" | "reference" | "refs" => Ok(Kind::References),
            _ => Err(ParseKindError(s.to_string())),
        }
    }
}

pub(crate) fn lang_code(lang: Lang) -> u64 {
    match lang {
        Lang::Kk => 0,
        Lang::Ru => 1,
        Lang::En => 2,
        Lang::Und => 3,
    }
}

/// The analyser a segment in `lang` is indexed with, in its one field
/// (`Fields::text_field`): its language's, for Kazakh with each word's
/// keyboard-folded term beside it at the same position (`KK_INDEX`), and
/// the plain one for `und` text only (the language analysers keep the same
/// tokens, Han bigrams, folded pinyin, numbers and stopwords, and differ
/// from it only by stemming; a plain copy of every segment was a third of
/// indexing and of a query's postings).
pub fn index_analyser(lang: Lang) -> &'static str {
    match lang {
        Lang::Kk => names::KK_INDEX,
        Lang::Ru => names::RU,
        Lang::En => names::EN,
        Lang::Und => names::PLAIN,
    }
}

/// The schema's fields. Field names are part of the on-disk format: changing
/// one makes old indexes "from another version" (they must be rebuilt).
#[derive(Clone, Debug)]
pub(crate) struct Fields {
    pub schema: Schema,
    /// Paper id (12 hex digits), exact term; on every document.
    pub paper: Field,
    /// The paper id as a number (fast field) for grouping hits by paper.
    pub paper_n: Field,
    /// The path the paper was read from (the key of incremental indexing,
    /// read from the fast field; stored for hits). Not indexed: no query
    /// looks a path up.
    pub path: Field,
    /// Segment kind name (exact term: the paper records and title segments
    /// are looked up by it); `kind_n` is the fast field `--section` filters on.
    pub kind: Field,
    pub kind_n: Field,
    /// Language code (stored, for hits); `lang_n` is the fast field `--lang`
    /// filters on.
    pub lang: Field,
    pub lang_n: Field,
    /// Section heading of a body paragraph (stored; searched through the
    /// section's first paragraph, whose language field also gets it).
    pub heading: Field,
    /// The segment's text, stored for snippets (not indexed).
    pub text: Field,
    /// The text analysed for its language; Kazakh words also under their
    /// term folded to the Russian keyboard (`Қытай` → `кытай`), at the same
    /// position, where it differs.
    pub text_kk: Field,
    pub text_ru: Field,
    pub text_en: Field,
    /// Segments in none of our languages (`und`), analysed without stemming
    /// (see [`index_analyser`]).
    pub text_plain: Field,
    /// On the `paper` document: the content hash (file bytes + pipeline), a
    /// fast field so incremental runs read it without loading stored papers.
    pub hash: Field,
    /// On the `paper` document: the serialised `Paper`, without the texts
    /// its segment documents keep (`record::skeleton`).
    pub paper_json: Field,
    /// On the `paper` document: the titles as JSON `[{lang, text}]`.
    pub titles_json: Field,
}

fn analysed(tokenizer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

impl Fields {
    pub fn new() -> Fields {
        let mut b = Schema::builder();
        let paper = b.add_text_field("paper", STRING | STORED);
        let paper_n = b.add_u64_field("paper_n", FAST);
        let path = b.add_text_field("path", STORED | FAST);
        let kind = b.add_text_field("kind", STRING | STORED);
        let kind_n = b.add_u64_field("kind_n", FAST);
        let lang = b.add_text_field("lang", STORED);
        let lang_n = b.add_u64_field("lang_n", FAST);
        let heading = b.add_text_field("heading", STORED);
        let text = b.add_text_field("text", STORED);
        let text_kk = b.add_text_field("text_kk", analysed(names::KK_INDEX));
        let text_ru = b.add_text_field("text_ru", analysed(names::RU));
        let text_en = b.add_text_field("text_en", analysed(names::EN));
        let text_plain = b.add_text_field("text_plain", analysed(names::PLAIN));
        let hash = b.add_u64_field("hash", STORED | FAST);
        let paper_json = b.add_text_field("paper_json", STORED);
        let titles_json = b.add_text_field("titles_json", STORED);
        Fields {
            schema: b.build(),
            paper,
            paper_n,
            path,
            kind,
            kind_n,
            lang,
            lang_n,
            heading,
            text,
            text_kk,
            text_ru,
            text_en,
            text_plain,
            hash,
            paper_json,
            titles_json,
        }
    }

    /// The analysed field for text in `lang` (`und` text only goes to plain).
    pub fn lang_field(&self, lang: Lang) -> Option<Field> {
        match lang {
            Lang::Kk => Some(self.text_kk),
            Lang::Ru => Some(self.text_ru),
            Lang::En => Some(self.text_en),
            Lang::Und => None,
        }
    }

    /// The one field a segment in `lang` is indexed in.
    pub fn text_field(&self, lang: Lang) -> Field {
        self.lang_field(lang).unwrap_or(self.text_plain)
    }

    /// How a query reads the analysed fields: each field with the analyser
    /// the query's words go through and the boost a match gets. A stemmed
    /// match in the segment's own language counts most; the Kazakh field is
    /// read a second time with the query folded to the Russian keyboard,
    /// which finds the folded terms indexed beside the Kazakh ones (a typed
    /// `кытай` finds `Қытай`) and counts less, so a word found both ways is
    /// not counted twice at full weight; the plain field holds only `und`
    /// segments.
    pub fn text_fields(&self) -> [(Field, &'static str, f32); 5] {
        [
            (self.text_kk, names::KK, 1.0),
            (self.text_ru, names::RU, 1.0),
            (self.text_en, names::EN, 1.0),
            (self.text_kk, names::KK_FOLD, 0.6),
            (self.text_plain, names::PLAIN, 0.5),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_codes_round_trip() {
        for k in Kind::SECTIONS.into_iter().chain([Kind::Paper]) {
            assert_eq!(Kind::from_code(k.code()), Some(k));
            if k != Kind::Paper {
                assert_eq!(k.as_str().parse::<Kind>().unwrap(), k);
            }
        }
        assert!("chapter".parse::<Kind>().is_err());
    }

    #[test]
    fn boosts_rank_title_and_keywords_above_abstract_above_body_above_references() {
        assert!(Kind::Title.boost() > Kind::Abstract.boost());
        assert!(Kind::Keywords.boost() > Kind::Abstract.boost());
        assert!(Kind::Abstract.boost() > Kind::Body.boost());
        assert!(Kind::Body.boost() > Kind::References.boost());
    }
}
