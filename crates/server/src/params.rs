//! Query-string parameters of searches, as typed and then validated against
//! the server's limits (one place for both the API and the page).

use serde::Deserialize;
use ushtil_lang::Lang;

use crate::backend::{SearchParams, Section};
use crate::error::ApiError;

/// The longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 1_000;
/// The deepest nesting of parentheses accepted in a query: the query parser
/// recurses per level, and a few hundred levels overflow a thread's stack
/// (which aborts the whole server, not just the request).
pub const MAX_NESTING: usize = 32;
/// The most papers one request may ask for.
pub const MAX_LIMIT: usize = 100;
/// The deepest page: results past it cost memory and nobody reads them.
pub const MAX_OFFSET: usize = 10_000;
/// Papers per page when `limit` is not given.
pub const DEFAULT_LIMIT: usize = 10;

/// Search parameters exactly as they came in the query string.
#[derive(Debug, Default, Deserialize)]
pub struct RawSearch {
    pub q: Option<String>,
    pub lang: Option<String>,
    pub section: Option<String>,
    pub limit: Option<String>,
    pub offset: Option<String>,
    /// The page's 1-based page number (the API uses `offset`).
    pub page: Option<String>,
    /// `true`/`1`/`on`: any word matches (default: all words).
    pub any: Option<String>,
    /// `true`/`1`/`on`: also search the words' translations.
    pub cross: Option<String>,
    /// `true`/`1`/`on`: only the words' own forms, not their derivational
    /// relatives.
    pub exact: Option<String>,
}

impl RawSearch {
    /// The query, trimmed; `None` when absent or blank.
    pub fn query(&self) -> Option<&str> {
        self.q.as_deref().map(str::trim).filter(|q| !q.is_empty())
    }

    /// Checks every parameter; the error names the parameter and the fix.
    pub fn validate(&self) -> Result<SearchParams, ApiError> {
        let query = self
            .query()
            .ok_or_else(|| ApiError::bad_request("missing query: add q=… to the request"))?;
        let chars = query.chars().count();
        if chars > MAX_QUERY_CHARS {
            return Err(ApiError::bad_request(format!(
                "query is too long: {chars} characters, the limit is {MAX_QUERY_CHARS}"
            )));
        }
        let depth = nesting(query);
        if depth > MAX_NESTING {
            return Err(ApiError::bad_request(format!(
                "query nests parentheses {depth} deep, the limit is {MAX_NESTING}: simplify the query"
            )));
        }
        let lang = match blank_to_none(&self.lang) {
            None => None,
            Some(code) => Some(
                code.parse::<Lang>()
                    .map_err(|err| ApiError::bad_request(format!("bad lang: {err}")))?,
            ),
        };
        let section = match blank_to_none(&self.section) {
            None => None,
            Some(name) => Some(
                name.parse::<Section>()
                    .map_err(|err| ApiError::bad_request(format!("bad section: {err}")))?,
            ),
        };
        let limit = number("limit", &self.limit, DEFAULT_LIMIT)?;
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(ApiError::bad_request(format!(
                "bad limit: {limit}; use 1 to {MAX_LIMIT}"
            )));
        }
        let offset = match blank_to_none(&self.page) {
            Some(_) => {
                let page = number("page", &self.page, 1)?;
                if page == 0 {
                    return Err(ApiError::bad_request("bad page: pages count from 1"));
                }
                (page - 1).saturating_mul(limit)
            }
            None => number("offset", &self.offset, 0)?,
        };
        if offset > MAX_OFFSET {
            return Err(ApiError::bad_request(format!(
                "bad offset: {offset}; the deepest is {MAX_OFFSET}, narrow the query instead"
            )));
        }
        Ok(SearchParams {
            query: query.to_string(),
            lang,
            section,
            limit,
            offset,
            any: flag("any", &self.any)?,
            cross: flag("cross", &self.cross)?,
            exact: flag("exact", &self.exact)?,
        })
    }
}

/// The deepest nesting of parentheses outside `"quoted phrases"`.
fn nesting(query: &str) -> usize {
    let (mut depth, mut deepest, mut quoted) = (0usize, 0usize, false);
    for c in query.chars() {
        match c {
            '"' => quoted = !quoted,
            '(' if !quoted => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            ')' if !quoted => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// A yes/no parameter: absent or blank is no; `on` is what a checkbox sends.
fn flag(name: &str, value: &Option<String>) -> Result<bool, ApiError> {
    match blank_to_none(value).map(str::to_ascii_lowercase).as_deref() {
        None | Some("0" | "false" | "no" | "off") => Ok(false),
        Some("1" | "true" | "yes" | "on") => Ok(true),
        Some(other) => Err(ApiError::bad_request(format!(
            "bad {name}: '{other}'; use true or false"
        ))),
    }
}

fn blank_to_none(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn number(name: &str, value: &Option<String>, default: usize) -> Result<usize, ApiError> {
    match blank_to_none(value) {
        None => Ok(default),
        Some(text) => text.parse::<usize>().map_err(|_| {
            ApiError::bad_request(format!(
                "bad {name}: '{text}' is not a non-negative whole number"
            ))
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(pairs: &[(&str, &str)]) -> RawSearch {
        let mut raw = RawSearch::default();
        for (key, value) in pairs {
            let value = Some(value.to_string());
            match *key {
                "q" => raw.q = value,
                "lang" => raw.lang = value,
                "section" => raw.section = value,
                "limit" => raw.limit = value,
                "offset" => raw.offset = value,
                "page" => raw.page = value,
                "any" => raw.any = value,
                "exact" => raw.exact = value,
                "cross" => raw.cross = value,
                _ => unreachable!(),
            }
        }
        raw
    }

    fn error(pairs: &[(&str, &str)]) -> String {
        raw(pairs).validate().unwrap_err().message
    }

    #[test]
    fn defaults_fill_what_is_missing() {
        let params = raw(&[("q", "  мигранты ")]).validate().unwrap();
        assert_eq!(params.query, "мигранты");
        assert_eq!((params.limit, params.offset), (DEFAULT_LIMIT, 0));
        assert_eq!((params.lang, params.section), (None, None));
    }

    #[test]
    fn filters_and_pages_are_parsed() {
        let params = raw(&[
            ("q", "x"),
            ("lang", "kk"),
            ("section", "abstract"),
            ("limit", "20"),
            ("page", "3"),
        ])
        .validate()
        .unwrap();
        assert_eq!(params.lang, Some(Lang::Kk));
        assert_eq!(params.section, Some(Section::Abstract));
        assert_eq!((params.limit, params.offset), (20, 40));
    }

    #[test]
    fn bad_parameters_are_named_in_the_error() {
        assert!(error(&[]).contains("missing query"));
        assert!(error(&[("q", "   ")]).contains("missing query"));
        assert!(error(&[("q", "x"), ("lang", "de")]).contains("bad lang"));
        assert!(error(&[("q", "x"), ("section", "intro")]).contains("bad section"));
        assert!(error(&[("q", "x"), ("limit", "0")]).contains("bad limit"));
        assert!(error(&[("q", "x"), ("limit", "101")]).contains("bad limit"));
        assert!(error(&[("q", "x"), ("limit", "-1")]).contains("bad limit"));
        assert!(error(&[("q", "x"), ("offset", "1e3")]).contains("bad offset"));
        assert!(error(&[("q", "x"), ("offset", "10001")]).contains("bad offset"));
        assert!(error(&[("q", "x"), ("page", "0")]).contains("bad page"));
        let huge = "Қ".repeat(MAX_QUERY_CHARS + 1);
        assert!(error(&[("q", &huge)]).contains("too long"));
        assert!(
            raw(&[("q", &"Қ".repeat(MAX_QUERY_CHARS))])
                .validate()
                .is_ok()
        );
    }

    /// Regression (tests/robustness/server.rs): 400 nested parentheses
    /// overflowed the stack of the thread parsing the query and aborted the
    /// server.
    #[test]
    fn deeply_nested_queries_are_refused_before_parsing() {
        let deep = format!(
            "{}x{}",
            "(".repeat(MAX_NESTING + 1),
            ")".repeat(MAX_NESTING + 1)
        );
        assert!(error(&[("q", &deep)]).contains("nests parentheses"));
        let ok = format!("{}x{}", "(".repeat(MAX_NESTING), ")".repeat(MAX_NESTING));
        assert!(raw(&[("q", &ok)]).validate().is_ok());
        let quoted = format!("\"{}\"", "(".repeat(100));
        assert!(raw(&[("q", &quoted)]).validate().is_ok());
    }

    #[test]
    fn yes_no_options_accept_checkbox_and_api_spellings() {
        let params = raw(&[("q", "x"), ("any", "on"), ("cross", "true")])
            .validate()
            .unwrap();
        assert!(params.any && params.cross);
        let params = raw(&[("q", "x"), ("any", "0")]).validate().unwrap();
        assert!(!params.any && !params.cross && !params.exact);
        let params = raw(&[("q", "x"), ("exact", "on")]).validate().unwrap();
        assert!(params.exact);
        assert!(error(&[("q", "x"), ("cross", "maybe")]).contains("bad cross"));
    }

    #[test]
    fn a_huge_page_number_does_not_overflow() {
        let message = error(&[("q", "x"), ("page", &usize::MAX.to_string())]);
        assert!(message.contains("bad offset"), "{message}");
    }
}
