//! The HTML pages: search and paper, rendered on the server with maud (every
//! interpolated string is escaped), plus the embedded CSS and JavaScript.

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::{DOCTYPE, Markup, html};
use ushtil_lang::Lang;
use ushtil_segment::{Keywords, LangText, Paper};

use crate::AppState;
use crate::api::{self, find_paper, paper_id, query_rejection};
use crate::backend::{
    CompareView, Hit, SearchParams, SearchResults, Section, SentenceLinkView, StoredPaper,
};
use crate::params::{DEFAULT_LIMIT, RawSearch};
use crate::snippet;

const STYLE: &str = include_str!("../assets/style.css");
const SCRIPT: &str = include_str!("../assets/app.js");

/// `GET /static/style.css`
pub async fn style() -> Response {
    asset("text/css; charset=utf-8", STYLE)
}

/// `GET /static/app.js`
pub async fn script() -> Response {
    asset("text/javascript; charset=utf-8", SCRIPT)
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

/// `GET /?q=…&lang=…&section=…&page=…`
pub async fn search(
    State(state): State<AppState>,
    query: Result<Query<RawSearch>, QueryRejection>,
) -> Response {
    let raw = match query {
        Ok(Query(raw)) => raw,
        Err(err) => {
            let body = search_page(&RawSearch::default(), Outcome::Error(query_rejection(&err)));
            return (StatusCode::BAD_REQUEST, body).into_response();
        }
    };
    if raw.query().is_none() {
        let papers = state
            .run(|backend| backend.health())
            .await
            .map(|h| h.papers)
            .ok();
        return search_page(&raw, Outcome::Empty { papers }).into_response();
    }
    let params = match raw.validate() {
        Ok(params) => params,
        Err(err) => {
            let body = search_page(&raw, Outcome::Error(err.message));
            return (err.status, body).into_response();
        }
    };
    let request = params.clone();
    match state.run(move |backend| backend.search(&request)).await {
        Ok(results) => {
            search_page(&raw, Outcome::Results(params, api::sanitized(results))).into_response()
        }
        Err(err) => {
            let body = search_page(&raw, Outcome::Error(err.message));
            (err.status, body).into_response()
        }
    }
}

/// `GET /paper/{id}`
pub async fn paper(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
    query: Result<Query<RawSearch>, QueryRejection>,
) -> Response {
    let back = query
        .ok()
        .and_then(|Query(raw)| raw.query().map(str::to_string));
    let id = match paper_id(id) {
        Ok(id) => id,
        Err(err) => {
            return (err.status, message_page("Bad paper id", &err.message)).into_response();
        }
    };
    let stored = match find_paper(&state, id).await {
        Ok(stored) => stored,
        Err(err) => {
            let title = if err.status == StatusCode::NOT_FOUND {
                "Paper not found"
            } else {
                "Cannot show this paper"
            };
            return (err.status, message_page(title, &err.message)).into_response();
        }
    };
    let paper = stored.paper.clone();
    // The page shows the paper even when its comparison fails or is slow
    // (a huge paper): the comparison gets part of the request's time.
    let comparison = tokio::time::timeout(
        state.limits.compare_budget,
        state.run(move |backend| backend.compare(&paper)),
    )
    .await;
    let comparison = match comparison {
        Ok(Ok(view)) => Some(view),
        _ => None,
    };
    paper_page(&stored, comparison.as_ref(), back.as_deref()).into_response()
}

/// Any other path.
pub async fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        message_page("Page not found", "There is no page at this address."),
    )
        .into_response()
}

enum Outcome {
    Empty { papers: Option<u64> },
    Error(String),
    Results(SearchParams, SearchResults),
}

fn layout(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · ushtil" }
                link rel="stylesheet" href="/static/style.css";
                script src="/static/app.js" defer {}
            }
            body {
                a.skip href="#main" { "Skip to content" }
                header.site {
                    a.brand href="/" { "ushtil" }
                    span.tagline { "Kazakh · Russian · English scholarly papers" }
                }
                main #main { (body) }
                footer.site {
                    "ushtil " (env!("CARGO_PKG_VERSION")) " · "
                    a href="/api/health" { "API" }
                }
            }
        }
    }
}

fn search_form(raw: &RawSearch) -> Markup {
    html! {
        form.search role="search" action="/" method="get" {
            label for="q" { "Search the full text" }
            div.search-row {
                input #q type="search" name="q" value=[raw.q.as_deref()]
                    placeholder="e.g. мигранттар, миграционная политика, labour export"
                    maxlength="1000" autocomplete="off" spellcheck="false";
                button type="submit" { "Search" }
            }
            div.options {
                label {
                    input type="checkbox" name="cross" checked[raw_flag(&raw.cross)];
                    " Also find translations (kk ↔ ru ↔ en)"
                }
                label {
                    input type="checkbox" name="any" checked[raw_flag(&raw.any)];
                    " Any of the words"
                }
                label title="By default a word also finds its relatives: миграция finds миграционная and миграциялық" {
                    input type="checkbox" name="exact" checked[raw_flag(&raw.exact)];
                    " Only the words' own forms"
                }
            }
            p.hint #search-hint {
                "Any of the three languages; Kazakh words typed on a Russian keyboard work too ("
                span lang="ru" { "кытай" } " finds " span lang="kk" { "Қытай" }
                "), and a word finds its relatives too ("
                span lang="ru" { "миграция" } " finds " span lang="ru" { "миграционная" }
                "). \"Quotes\" for phrases, " code { "AND" } ", " code { "OR" } ", "
                code { "-word" } " to exclude. Authors by name, as citations write it: "
                span lang="kk" { "Н. Болдурукова" } "."
            }
        }
    }
}

/// Whether a yes/no parameter is set (for re-checking the form's boxes).
fn raw_flag(value: &Option<String>) -> bool {
    value.as_deref().is_some_and(|v| {
        matches!(
            v.trim().to_ascii_lowercase().as_str(),
            "1" | "true" | "yes" | "on"
        )
    })
}

fn search_page(raw: &RawSearch, outcome: Outcome) -> Markup {
    let title = match raw.query() {
        Some(q) => format!("{q} – search"),
        None => "Search".to_string(),
    };
    layout(
        &title,
        html! {
            (search_form(raw))
            @match outcome {
                Outcome::Empty { papers } => {
                    section.intro {
                        @if let Some(papers) = papers {
                            p { "The index holds " strong { (papers) } " papers." }
                        }
                        p { "Search titles, abstracts, keywords, body text and references; "
                            "open a paper to compare its abstracts and keywords across languages." }
                    }
                }
                Outcome::Error(message) => {
                    p.error role="alert" { (message) }
                }
                Outcome::Results(params, results) => { (results_view(&params, &results)) }
            }
        },
    )
}

fn results_view(params: &SearchParams, results: &SearchResults) -> Markup {
    let pages = results.total.div_ceil(params.limit).max(1);
    let page = params.offset / params.limit + 1;
    html! {
        div.results-layout {
            nav.filters aria-label="Filters" {
                h2 { "Language" }
                ul {
                    li { (filter_link(params, None, params.section, "All languages", None, params.lang.is_none())) }
                    @for lang in Lang::KNOWN.into_iter().chain([Lang::Und]) {
                        @let count = results.facets.lang.get(&lang).copied();
                        @if count.is_some() || params.lang == Some(lang) {
                            li { (filter_link(params, Some(lang), params.section, lang_name(lang), count, params.lang == Some(lang))) }
                        }
                    }
                }
                h2 { "Section" }
                ul {
                    li { (section_link(params, None, "All sections", None, params.section.is_none())) }
                    @for section in Section::ALL {
                        @let count = results.facets.section.get(&section).copied();
                        @if count.is_some() || params.section == Some(section) {
                            li { (section_link(params, Some(section), section_name(section), count, params.section == Some(section))) }
                        }
                    }
                }
            }
            section.results aria-live="polite" {
                p.summary #summary {
                    @match results.total {
                        0 => {
                            "No papers match " q { (params.query) } "."
                            @if let Some(n) = results.any_words_total {
                                " No segment has every word; "
                                a href=(search_url(&SearchParams { any: true, ..params.clone() }, params.lang, params.section, 1)) {
                                    (n) @if n == 1 { " paper has" } @else { " papers have" } " some of them"
                                }
                                "."
                            }
                        }
                        1 => { "1 paper matches " q { (params.query) } "." }
                        n => { (n) " papers match " q { (params.query) } "." }
                    }
                    @if let Some(lang) = params.lang { " Language: " (lang_name(lang)) "." }
                    @if let Some(section) = params.section { " Section: " (section_name(section)) "." }
                }
                ol.hits start=(params.offset + 1) {
                    @for hit in &results.hits { (hit_view(hit, &params.query)) }
                }
                @if pages > 1 {
                    nav.pager aria-label="Pages" {
                        @if page > 1 {
                            a rel="prev" href=(search_url(params, params.lang, params.section, page - 1)) { "← Previous" }
                        }
                        span { "Page " (page) " of " (pages) }
                        @if page < pages {
                            a rel="next" href=(search_url(params, params.lang, params.section, page + 1)) { "Next →" }
                        }
                    }
                }
            }
        }
    }
}

fn hit_view(hit: &Hit, query: &str) -> Markup {
    let href = format!(
        "/paper/{}?{}",
        hit.paper,
        form_urlencoded::Serializer::new(String::new())
            .append_pair("q", query)
            .finish()
    );
    html! {
        li.hit {
            h3 { a.paper-link href=(href) lang=[lang_attr(&hit.title)] { (non_empty(&hit.title, "(untitled paper)")) } }
            p.meta { span.path { (hit.path) } " · score " (format!("{:.2}", hit.score)) }
            ul.segments {
                @for segment in &hit.segments {
                    li {
                        span.badge { (segment.kind) }
                        span.badge.lang { (segment.lang.code()) }
                        @if let Some(heading) = &segment.heading { span.heading { (heading) } }
                        p.snippet lang=(segment.lang.code()) { (snippet_markup(&segment.snippet)) }
                    }
                }
            }
        }
    }
}

/// A sanitised snippet: plain text escaped, matched terms in `<mark>`.
fn snippet_markup(snippet: &str) -> Markup {
    html! {
        @for fragment in snippet::parse(snippet) {
            @if fragment.highlighted { mark { (fragment.text) } } @else { (fragment.text) }
        }
    }
}

fn filter_link(
    params: &SearchParams,
    lang: Option<Lang>,
    section: Option<Section>,
    label: &str,
    count: Option<usize>,
    current: bool,
) -> Markup {
    facet_link(
        search_url(params, lang, section, 1),
        label,
        count,
        current,
        lang.map(|l| l.code()),
    )
}

fn section_link(
    params: &SearchParams,
    section: Option<Section>,
    label: &str,
    count: Option<usize>,
    current: bool,
) -> Markup {
    facet_link(
        search_url(params, params.lang, section, 1),
        label,
        count,
        current,
        section.map(|s| s.name()),
    )
}

fn facet_link(
    href: String,
    label: &str,
    count: Option<usize>,
    current: bool,
    value: Option<&str>,
) -> Markup {
    html! {
        a.facet href=(href) aria-current=[current.then_some("page")] data-value=(value.unwrap_or("all")) {
            span { (label) }
            @if let Some(count) = count { span.count { (count) } }
        }
    }
}

fn search_url(
    params: &SearchParams,
    lang: Option<Lang>,
    section: Option<Section>,
    page: usize,
) -> String {
    let mut url = form_urlencoded::Serializer::new(String::new());
    url.append_pair("q", &params.query);
    if let Some(lang) = lang {
        url.append_pair("lang", lang.code());
    }
    if let Some(section) = section {
        url.append_pair("section", section.name());
    }
    if params.any {
        url.append_pair("any", "on");
    }
    if params.cross {
        url.append_pair("cross", "on");
    }
    if params.exact {
        url.append_pair("exact", "on");
    }
    if params.limit != DEFAULT_LIMIT {
        url.append_pair("limit", &params.limit.to_string());
    }
    if page > 1 {
        url.append_pair("page", &page.to_string());
    }
    format!("/?{}", url.finish())
}

/// The search page for a query, without filters (the paper page's way back).
fn back_url(query: &str) -> String {
    let url = form_urlencoded::Serializer::new(String::new())
        .append_pair("q", query)
        .finish();
    format!("/?{url}")
}

fn paper_page(
    stored: &StoredPaper,
    comparison: Option<&CompareView>,
    back: Option<&str>,
) -> Markup {
    let paper = &stored.paper;
    let title = paper
        .titles
        .iter()
        .find(|t| t.lang == Lang::En)
        .or(paper.titles.first())
        .map(|t| t.text.as_str())
        .unwrap_or("(untitled paper)");
    let langs = paper_langs(paper);
    layout(
        title,
        html! {
            p.back {
                @match back {
                    Some(q) => a href=(back_url(q)) { "← Back to results for " q { (q) } },
                    None => a href="/" { "← Search" },
                }
            }
            article.paper {
                header.paper-head {
                    @if paper.titles.is_empty() { h1 { "(untitled paper)" } }
                    @for (i, t) in paper.titles.iter().enumerate() {
                        @if i == 0 {
                            h1 lang=(t.lang.code()) { (t.text) span.badge.lang { (t.lang.code()) } }
                        } @else {
                            p.alt-title lang=(t.lang.code()) { (t.text) span.badge.lang { (t.lang.code()) } }
                        }
                    }
                    @if !paper.authors.is_empty() {
                        p.authors { (paper.authors.join(", ")) }
                    }
                    dl.facts {
                        dt { "File" } dd { code { (stored.path) } }
                        dt { "Id" } dd { code #paper-id { (stored.id) } }
                        dt { "Sections" } dd { (paper.sections.len()) }
                        dt { "References" } dd { (paper.references.len()) }
                    }
                }
                (flags_view(comparison))
                section #abstracts aria-labelledby="abstracts-h" {
                    h2 #abstracts-h { "Abstracts" }
                    div.columns {
                        @for lang in &langs {
                            @let text = texts_in(&paper.abstracts, *lang);
                            div.column {
                                h3 { (lang_name(*lang)) }
                                @if text.is_empty() {
                                    p.missing { "No abstract in this language." }
                                } @else {
                                    @for t in text { p lang=(lang.code()) { (t) } }
                                }
                            }
                        }
                    }
                }
                section #keywords aria-labelledby="keywords-h" {
                    h2 #keywords-h { "Keywords" }
                    div.columns {
                        @for lang in &langs {
                            @let terms = terms_in(&paper.keywords, *lang);
                            div.column {
                                h3 { (lang_name(*lang)) }
                                @if terms.is_empty() {
                                    p.missing { "No keywords in this language." }
                                } @else {
                                    ul.chips lang=(lang.code()) {
                                        @for term in terms { li { (term) } }
                                    }
                                }
                            }
                        }
                    }
                }
                @if let Some(view) = comparison { (links_view(view)) }
                @if !paper.sections.is_empty() {
                    section #sections aria-labelledby="sections-h" {
                        h2 #sections-h { "Sections" }
                        @for section in &paper.sections {
                            section.body-section lang=(section.lang.code()) {
                                h3 { (non_empty(&section.heading, "(no heading)")) }
                                @for paragraph in &section.paragraphs { p { (paragraph) } }
                            }
                        }
                    }
                }
                @if !paper.references.is_empty() {
                    section #references aria-labelledby="references-h" {
                        h2 #references-h { "References" }
                        ol.references { @for reference in &paper.references { li lang=[lang_attr(reference)] { (reference) } } }
                    }
                }
                @if !paper.diagnostics.is_empty() {
                    details.diagnostics {
                        summary { (paper.diagnostics.len()) " repairs of the extracted text" }
                        table {
                            thead { tr { th { "Kind" } th { "Line" } th { "Before" } th { "After" } } }
                            tbody {
                                @for d in &paper.diagnostics {
                                    tr {
                                        td { (format!("{:?}", d.kind).to_lowercase()) }
                                        td { (d.line) }
                                        td { code { (d.before) } }
                                        td { code { (d.after) } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

fn flags_view(comparison: Option<&CompareView>) -> Markup {
    html! {
        section #flags aria-labelledby="flags-h" {
            h2 #flags-h { "Cross-language check" }
            @match comparison {
                None => p.missing { "The comparison is not available for this paper." },
                Some(view) if view.flags.is_empty() => p.ok { "No problems found across the languages." },
                Some(view) => {
                    ul.flags {
                        @for flag in &view.flags {
                            li.flag {
                                span.badge.flag-kind { (flag.kind) }
                                @if let Some(lang) = flag.lang { span.badge.lang { (lang.code()) } }
                                " " (flag.message)
                            }
                        }
                    }
                }
            }
        }
    }
}

fn links_view(view: &CompareView) -> Markup {
    // Sentence links come pair by pair (kk–ru, kk–en, ru–en): one table each.
    let mut pairs: Vec<((Lang, Lang), Vec<&SentenceLinkView>)> = Vec::new();
    for link in &view.sentence_links {
        let pair = (link.left.0, link.right.0);
        match pairs.iter_mut().find(|(p, _)| *p == pair) {
            Some((_, links)) => links.push(link),
            None => pairs.push((pair, vec![link])),
        }
    }
    html! {
        @if !view.keyword_links.is_empty() {
            section #keyword-links aria-labelledby="keyword-links-h" {
                h2 #keyword-links-h { "Keyword correspondences" }
                table.links {
                    thead {
                        tr {
                            @for lang in Lang::KNOWN { th { (lang_name(lang)) } }
                            th { "Score" } th { "Evidence" }
                        }
                    }
                    tbody {
                        @for link in &view.keyword_links {
                            tr {
                                @for lang in Lang::KNOWN {
                                    @match link.terms.iter().find(|(l, _)| *l == lang) {
                                        Some((_, term)) => td lang=(lang.code()) { (term) },
                                        None => td.none { "—" },
                                    }
                                }
                                td.num { (format!("{:.2}", link.score)) }
                                td { (link.evidence) }
                            }
                        }
                    }
                }
            }
        }
        @if !pairs.is_empty() {
            section #sentence-links aria-labelledby="sentence-links-h" {
                h2 #sentence-links-h { "Aligned abstract sentences" }
                @for ((left, right), links) in &pairs {
                    table.links.sentences {
                        caption { (lang_name(*left)) " ↔ " (lang_name(*right)) }
                        thead { tr { th { (left.code()) } th { (right.code()) } th { "Score" } } }
                        tbody {
                            @for link in links {
                                tr {
                                    (sentence_cell(&link.left))
                                    (sentence_cell(&link.right))
                                    td.num { (format!("{:.2}", link.score)) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn sentence_cell((lang, text): &(Lang, String)) -> Markup {
    html! {
        @if text.is_empty() {
            td.none { "(no counterpart)" }
        } @else {
            td lang=(lang.code()) { (text) }
        }
    }
}

fn message_page(title: &str, message: &str) -> Markup {
    layout(
        title,
        html! {
            h1 { (title) }
            p.error role="alert" { (message) }
            p { a href="/" { "← Search" } }
        },
    )
}

/// The languages shown side by side: kk, ru, en always (a missing one is a
/// finding), then `und` when the paper has text the detector could not tell.
fn paper_langs(paper: &Paper) -> Vec<Lang> {
    let mut langs = Lang::KNOWN.to_vec();
    let und = paper.abstracts.iter().any(|t| t.lang == Lang::Und)
        || paper.keywords.iter().any(|k| k.lang == Lang::Und);
    if und {
        langs.push(Lang::Und);
    }
    langs
}

fn texts_in(texts: &[LangText], lang: Lang) -> Vec<&str> {
    texts
        .iter()
        .filter(|t| t.lang == lang)
        .map(|t| t.text.as_str())
        .collect()
}

fn terms_in(keywords: &[Keywords], lang: Lang) -> Vec<&str> {
    keywords
        .iter()
        .filter(|k| k.lang == lang)
        .flat_map(|k| k.terms.iter().map(String::as_str))
        .collect()
}

/// The `lang` attribute for text whose language the index did not record
/// (a hit's title, a reference): detected, and left out when undetermined.
fn lang_attr(text: &str) -> Option<&'static str> {
    match ushtil_lang::detect(text).lang {
        Lang::Und => None,
        lang => Some(lang.code()),
    }
}

fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Kk => "Қазақша (kk)",
        Lang::Ru => "Русский (ru)",
        Lang::En => "English (en)",
        Lang::Und => "Undetermined",
    }
}

fn section_name(section: Section) -> &'static str {
    match section {
        Section::Title => "Titles",
        Section::Authors => "Authors",
        Section::Affiliations => "Affiliations",
        Section::Codes => "Classification codes",
        Section::Abstract => "Abstracts",
        Section::Keywords => "Keywords",
        Section::Body => "Body text",
        Section::References => "References",
    }
}

fn non_empty<'a>(text: &'a str, fallback: &'a str) -> &'a str {
    if text.trim().is_empty() {
        fallback
    } else {
        text
    }
}
