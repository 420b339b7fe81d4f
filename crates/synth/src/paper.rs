//! Builds one synthetic paper: draws a layout and a damage profile, fills the
//! layout with real sentences, and renders it as extracted text.

use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use crate::damage::{self, Wrap};
use crate::sources::{Parallel, Pool, Sources};
use crate::vocab::{self, Headings, TERMS, Term};

/// A language of the closed set, as its code in [`Truth`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum L {
    Kk,
    Ru,
    En,
}

impl L {
    fn code(self) -> &'static str {
        match self {
            L::Kk => "kk",
            L::Ru => "ru",
            L::En => "en",
        }
    }
}

/// A generated paper: its extracted text and what a perfect segmenter would
/// find in it.
#[derive(Clone, Debug)]
pub struct Generated {
    pub text: String,
    pub truth: Truth,
}

/// The structure a generated paper was built with (clean text, before damage).
#[derive(Clone, Debug, Serialize)]
pub struct Truth {
    /// Which front-matter arrangement the paper uses.
    pub layout: &'static str,
    pub titles: Vec<TruthText>,
    pub authors: Vec<String>,
    pub abstracts: Vec<TruthText>,
    pub keywords: Vec<TruthKeywords>,
    /// Body section headings in order, without numbering or capitalisation.
    pub headings: Vec<String>,
    pub body_lang: &'static str,
    /// Number of reference-list entries (0 when the paper has none).
    pub references: usize,
}

/// A title or abstract in one language.
#[derive(Clone, Debug, Serialize)]
pub struct TruthText {
    pub lang: &'static str,
    pub text: String,
}

/// One language's keyword list.
#[derive(Clone, Debug, Serialize)]
pub struct TruthKeywords {
    pub lang: &'static str,
    pub terms: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layout {
    /// As the reference article: English title and abstract unlabelled on
    /// top, then the Kazakh and Russian blocks, each with its author.
    Reference,
    /// The three blocks in some order, labelled, then the body.
    MainFirst,
    /// The body language's block, the body, references, then the two
    /// translated blocks.
    TranslationsAfter,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum HeadingStyle {
    Plain,
    NumberedDot,
    NumberedSpace,
    Upper,
    NumberedUpper,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LabelStyle {
    None,
    OwnLine,
    RunInDot,
    RunInColon,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PageStyle {
    /// Only a blank line where the page broke (as in the reference article).
    Blank,
    /// Page number and running header lines between blank lines.
    HeaderAndNumber,
    /// A page number line only.
    Number,
}

/// Everything drawn once per paper.
struct Style {
    layout: Layout,
    body_lang: L,
    order: [L; 3],
    wrap: Wrap,
    ligatures: f64,
    lookalikes: f64,
    k_for_q: f64,
    headings: HeadingStyle,
    labels: LabelStyle,
    kw_separator: &'static str,
    kw_final_stop: bool,
    en_keywords: bool,
    class_code: bool,
    affiliation: bool,
    initials: bool,
    markers: bool,
    references: usize,
    ref_numbering: u8,
    page_len: usize,
    page_style: PageStyle,
    first_page: usize,
    header: String,
}

impl Style {
    fn draw(rng: &mut ChaCha8Rng) -> Style {
        let layout = match rng.random_range(0..20) {
            0..7 => Layout::Reference,
            7..16 => Layout::MainFirst,
            _ => Layout::TranslationsAfter,
        };
        let body_lang = match (layout, rng.random_range(0..10)) {
            (Layout::Reference, 0..7) => L::En,
            (_, 0..4) => L::En,
            (_, 4..7) => L::Ru,
            _ => L::Kk,
        };
        let mut order = [L::Kk, L::Ru, L::En];
        rand::seq::SliceRandom::shuffle(&mut order[..], rng);
        let header_template = *vocab::RUNNING_HEADERS.choose(rng).expect("headers exist");
        let header = header_template
            .replace("{n}", &rng.random_range(1..=4).to_string())
            .replace("{v}", &rng.random_range(40..=90).to_string())
            .replace("{y}", &rng.random_range(2008..=2024).to_string());
        Style {
            layout,
            body_lang,
            order,
            wrap: Wrap {
                width: rng.random_range(48..=62),
                hyphenate: *[0.0, 0.3, 0.7].choose(rng).expect("non-empty"),
                trailing_space: rng.random_bool(0.6),
            },
            ligatures: *[0.0, 0.5, 0.9].choose(rng).expect("non-empty"),
            lookalikes: if rng.random_bool(0.3) {
                rng.random_range(0.1..0.5)
            } else {
                0.0
            },
            k_for_q: if rng.random_bool(0.15) { 0.3 } else { 0.0 },
            headings: *[
                HeadingStyle::Plain,
                HeadingStyle::Plain,
                HeadingStyle::NumberedDot,
                HeadingStyle::NumberedSpace,
                HeadingStyle::Upper,
                HeadingStyle::NumberedUpper,
            ]
            .choose(rng)
            .expect("non-empty"),
            labels: *[
                LabelStyle::None,
                LabelStyle::OwnLine,
                LabelStyle::RunInDot,
                LabelStyle::RunInColon,
            ]
            .choose(rng)
            .expect("non-empty"),
            kw_separator: if rng.random_bool(0.7) { ", " } else { "; " },
            kw_final_stop: rng.random_bool(0.5),
            en_keywords: rng.random_bool(if layout == Layout::Reference {
                0.3
            } else {
                0.7
            }),
            class_code: rng.random_bool(0.5),
            affiliation: rng.random_bool(0.6),
            initials: rng.random_bool(0.4),
            markers: rng.random_bool(0.4),
            references: if rng.random_bool(0.7) {
                rng.random_range(5..=15)
            } else {
                0
            },
            ref_numbering: rng.random_range(0..3),
            page_len: rng.random_range(40..=56),
            page_style: *[
                PageStyle::Blank,
                PageStyle::HeaderAndNumber,
                PageStyle::Number,
            ]
            .choose(rng)
            .expect("non-empty"),
            first_page: rng.random_range(3..=300),
            header,
        }
    }
}

struct Gen<'a> {
    src: &'a Sources,
    rng: ChaCha8Rng,
    style: Style,
    lines: Vec<String>,
    truth: Truth,
}

/// Generates paper number `index` of the corpus for `seed`. Each paper has its
/// own random stream, so papers can be made in any order, in parallel, and a
/// corpus of N papers is a prefix of a corpus of N + 1.
pub(crate) fn generate(src: &Sources, seed: u64, index: u64) -> Generated {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(index);
    let style = Style::draw(&mut rng);
    let truth = Truth {
        layout: match style.layout {
            Layout::Reference => "reference",
            Layout::MainFirst => "main_first",
            Layout::TranslationsAfter => "translations_after",
        },
        titles: Vec::new(),
        authors: Vec::new(),
        abstracts: Vec::new(),
        keywords: Vec::new(),
        headings: Vec::new(),
        body_lang: style.body_lang.code(),
        references: style.references,
    };
    let mut g = Gen {
        src,
        rng,
        style,
        lines: Vec::with_capacity(400),
        truth,
    };
    g.build();
    let mut text = String::with_capacity(g.lines.iter().map(|l| l.len() + 1).sum());
    for line in &g.lines {
        text.push_str(line);
        text.push('\n');
    }
    Generated {
        text,
        truth: g.truth,
    }
}

/// The content of one front-matter block before rendering.
struct Front {
    lang: L,
    title: String,
    abstract_: String,
    keywords: Option<Vec<&'static str>>,
}

impl<'a> Gen<'a> {
    fn build(&mut self) {
        let n_terms = 4 + self.rng.random_range(0..=2usize);
        let terms: Vec<&'static Term> =
            rand::seq::index::sample(&mut self.rng, TERMS.len(), n_terms)
                .into_iter()
                .map(|i| &TERMS[i])
                .collect();
        let authors = self.authors();
        let titles = self.titles();
        let abstracts = self.abstracts();
        let fronts: Vec<Front> = [L::Kk, L::Ru, L::En]
            .into_iter()
            .map(|lang| {
                let pick = |t: &(String, String, String)| match lang {
                    L::Kk => t.0.clone(),
                    L::Ru => t.1.clone(),
                    L::En => t.2.clone(),
                };
                let with_keywords = lang != L::En || self.style.en_keywords;
                Front {
                    lang,
                    title: pick(&titles),
                    abstract_: pick(&abstracts),
                    keywords: with_keywords.then(|| {
                        terms
                            .iter()
                            .map(|t| match lang {
                                L::Kk => t.kk,
                                L::Ru => t.ru,
                                L::En => t.en,
                            })
                            .collect()
                    }),
                }
            })
            .collect();
        let front = |lang: L| &fronts[lang as usize];
        self.truth.authors = authors.iter().map(|(name, _)| name.clone()).collect();

        let body_start;
        match self.style.layout {
            Layout::Reference => {
                let en = front(L::En);
                let lead = if self.rng.random_bool(0.5) { " " } else { "" };
                self.lines.push(format!("{lead}{}", en.title));
                self.lines.push(String::new());
                self.push_abstract(en, LabelStyle::None);
                self.push_keywords(en);
                let (a, b) = if self.rng.random_bool(0.7) {
                    (L::Kk, L::Ru)
                } else {
                    (L::Ru, L::Kk)
                };
                for lang in [a, b] {
                    self.push_authors(&authors, false);
                    self.push_block(front(lang));
                }
                self.record(front(L::En));
                self.record(front(a));
                self.record(front(b));
                body_start = self.lines.len();
                self.body();
            }
            Layout::MainFirst => {
                if self.style.class_code {
                    self.push_class_code();
                }
                let order = self.style.order;
                for (i, lang) in order.into_iter().enumerate() {
                    if i == 0 || self.rng.random_bool(0.5) {
                        self.push_authors(&authors, i == 0 && self.style.affiliation);
                    }
                    self.push_block(front(lang));
                    self.record(front(lang));
                }
                body_start = self.lines.len();
                self.body();
            }
            Layout::TranslationsAfter => {
                if self.style.class_code {
                    self.push_class_code();
                }
                let main = self.style.body_lang;
                self.push_authors(&authors, self.style.affiliation);
                self.push_block(front(main));
                self.record(front(main));
                body_start = self.lines.len();
                self.body();
                for lang in self.style.order.into_iter().filter(|&l| l != main) {
                    self.push_authors(&authors, false);
                    self.push_block(front(lang));
                    self.record(front(lang));
                }
            }
        }
        self.paginate(body_start);
    }

    fn record(&mut self, front: &Front) {
        let lang = front.lang.code();
        self.truth.titles.push(TruthText {
            lang,
            text: front.title.clone(),
        });
        self.truth.abstracts.push(TruthText {
            lang,
            text: front.abstract_.clone(),
        });
        if let Some(terms) = &front.keywords {
            self.truth.keywords.push(TruthKeywords {
                lang,
                terms: terms.iter().map(|t| t.to_string()).collect(),
            });
        }
    }

    /// One to three authors as (name as printed in the truth, printed form).
    fn authors(&mut self) -> Vec<(String, String)> {
        let n = *[1usize, 1, 2, 3].choose(&mut self.rng).expect("non-empty");
        let russian = self.rng.random_bool(0.3);
        let mut out: Vec<(String, String)> = Vec::new();
        for k in 0..n {
            let given = vocab::GIVEN_NAMES
                .choose(&mut self.rng)
                .expect("names exist");
            let surname = vocab::SURNAMES.choose(&mut self.rng).expect("names exist");
            let (g, s) = if russian {
                (given.1, surname.1)
            } else {
                (given.0, surname.0)
            };
            let name = if self.style.initials {
                let initial = g.chars().next().expect("names are not empty");
                format!("{s} {initial}.")
            } else {
                format!("{g} {s}")
            };
            if out.iter().any(|(n, _)| *n == name) {
                continue;
            }
            let marker = if !self.style.markers {
                String::new()
            } else if n == 1 {
                "*".to_string()
            } else {
                ["¹", "²", "³"][k].to_string()
            };
            out.push((name.clone(), format!("{name}{marker}")));
        }
        out
    }

    fn push_authors(&mut self, authors: &[(String, String)], affiliation: bool) {
        let lead = if self.rng.random_bool(0.3) { " " } else { "" };
        let printed: Vec<&str> = authors.iter().map(|(_, p)| p.as_str()).collect();
        self.lines.push(format!("{lead}{}", printed.join(", ")));
        if affiliation {
            let table = match self.style.order[0] {
                L::Kk => vocab::AFFILIATIONS_KK,
                L::Ru => vocab::AFFILIATIONS_RU,
                L::En => vocab::AFFILIATIONS_EN,
            };
            let aff = table.choose(&mut self.rng).expect("affiliations exist");
            let marker = if self.style.markers { "¹" } else { "" };
            self.lines.push(format!("{marker}{aff}"));
        }
    }

    fn push_class_code(&mut self) {
        let code = vocab::CLASS_CODES
            .choose(&mut self.rng)
            .expect("codes exist");
        let a = self.rng.random_range(10..=340);
        let b = self.rng.random_range(1..=99);
        self.lines.push(format!("{code} {a}.{b}"));
        self.lines.push(String::new());
    }

    /// Title, blank line, abstract, keywords, closing blank line.
    fn push_block(&mut self, front: &Front) {
        self.lines.push(front.title.clone());
        self.lines.push(String::new());
        self.push_abstract(front, self.style.labels);
        self.push_keywords(front);
    }

    fn push_abstract(&mut self, front: &Front, labels: LabelStyle) {
        let table = match front.lang {
            L::Kk => vocab::ABSTRACT_LABELS_KK,
            L::Ru => vocab::ABSTRACT_LABELS_RU,
            L::En => vocab::ABSTRACT_LABELS_EN,
        };
        let label = *table.choose(&mut self.rng).expect("labels exist");
        let text = self.damage(&front.abstract_, front.lang, false);
        let text = match labels {
            LabelStyle::None => text,
            LabelStyle::OwnLine => {
                self.lines.push(label.to_string());
                text
            }
            LabelStyle::RunInDot => format!("{label}. {text}"),
            LabelStyle::RunInColon => format!("{label}: {text}"),
        };
        self.wrap(&text);
    }

    fn push_keywords(&mut self, front: &Front) {
        if let Some(terms) = &front.keywords {
            let table = match front.lang {
                L::Kk => vocab::KEYWORD_LABELS_KK,
                L::Ru => vocab::KEYWORD_LABELS_RU,
                L::En => vocab::KEYWORD_LABELS_EN,
            };
            let label = table.choose(&mut self.rng).expect("labels exist");
            let stop = if self.style.kw_final_stop { "." } else { "" };
            let line = format!("{label}: {}{stop}", terms.join(self.style.kw_separator));
            // Keyword lines wrap but are not hyphenated: a broken term cannot be
            // told from a hyphenated one (`eco-`/`nomic` vs `көші-`/`қон`).
            let wrap = Wrap {
                hyphenate: 0.0,
                ..self.style.wrap
            };
            damage::wrap_into(&line, wrap, &mut self.rng, &mut self.lines);
        }
        self.lines.push(String::new());
    }

    fn wrap(&mut self, text: &str) {
        damage::wrap_into(text, self.style.wrap, &mut self.rng, &mut self.lines);
    }

    fn damage(&mut self, text: &str, lang: L, body: bool) -> String {
        match lang {
            L::En => damage::split_ligatures(text, self.style.ligatures, &mut self.rng),
            L::Ru => text.to_string(),
            L::Kk => {
                let text = damage::kazakh_lookalikes(text, self.style.lookalikes, &mut self.rng);
                if body {
                    damage::k_for_q(&text, self.style.k_for_q, &mut self.rng)
                } else {
                    text
                }
            }
        }
    }

    /// Parallel titles: (kk, ru, en).
    fn titles(&mut self) -> (String, String, String) {
        let unit = self
            .src
            .titles
            .choose(&mut self.rng)
            .expect("titles are not empty");
        let en = self
            .src
            .en_titles
            .choose(&mut self.rng)
            .expect("titles are not empty");
        (unit.kk.clone(), unit.ru.clone(), en.clone())
    }

    /// Abstracts: (kk, ru, en); kk and ru are translations of each other, and
    /// en too when the parallel unit has English.
    fn abstracts(&mut self) -> (String, String, String) {
        let units = self.rng.random_range(1..=2);
        let (mut kk, mut ru, mut en) = (String::new(), String::new(), String::new());
        for _ in 0..units {
            let unit: &Parallel =
                if !self.src.parallel_topical.is_empty() && self.rng.random_bool(0.7) {
                    let i = *self
                        .src
                        .parallel_topical
                        .choose(&mut self.rng)
                        .expect("not empty");
                    &self.src.parallel[i as usize]
                } else {
                    self.src
                        .parallel
                        .choose(&mut self.rng)
                        .expect("parallel units exist")
                };
            for (out, text) in [(&mut kk, &unit.kk), (&mut ru, &unit.ru)] {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(text);
            }
            let en_text = match &unit.en {
                Some(en) => en.clone(),
                None => {
                    let n = self.rng.random_range(2..=3);
                    self.sentences(L::En, n, 0)
                }
            };
            if !en.is_empty() {
                en.push(' ');
            }
            en.push_str(&en_text);
        }
        (kk, ru, en)
    }

    fn pool(&self, lang: L) -> &'a Pool {
        let src: &'a Sources = self.src;
        match lang {
            L::Kk => &src.kk,
            L::Ru => &src.ru,
            L::En => &src.en,
        }
    }

    /// `n` sentences of `lang`, mostly on topic, some ending in a citation
    /// `[k]` with `k` up to `cites`.
    fn sentences(&mut self, lang: L, n: usize, cites: usize) -> String {
        let mut out = String::new();
        for _ in 0..n {
            let pool = self.pool(lang);
            let sentence = if !pool.topical.is_empty() && self.rng.random_bool(0.6) {
                let i = *pool.topical.choose(&mut self.rng).expect("not empty");
                &pool.sentences[i as usize]
            } else {
                pool.sentences
                    .choose(&mut self.rng)
                    .expect("pools are not empty")
            };
            if !out.is_empty() {
                out.push(' ');
            }
            if cites > 0 && self.rng.random_bool(0.2) {
                let k = self.rng.random_range(1..=cites);
                match sentence.strip_suffix(['.', '!', '?']) {
                    Some(stem) => {
                        let stop = &sentence[stem.len()..];
                        out.push_str(&format!("{stem} [{k}]{stop}"));
                    }
                    None => out.push_str(&format!("{sentence} [{k}]")),
                }
            } else {
                out.push_str(sentence);
            }
        }
        out
    }

    fn body(&mut self) {
        let lang = self.style.body_lang;
        let table: Headings = match lang {
            L::Kk => vocab::HEADINGS_KK,
            L::Ru => vocab::HEADINGS_RU,
            L::En => vocab::HEADINGS_EN,
        };
        let mut headings = vec![*table.first.choose(&mut self.rng).expect("non-empty")];
        let middle = self.rng.random_range(1..=4);
        for i in rand::seq::index::sample(&mut self.rng, table.middle.len(), middle) {
            headings.push(table.middle[i]);
        }
        headings.push(*table.last.choose(&mut self.rng).expect("non-empty"));
        let cites = self.style.references;
        for (i, heading) in headings.iter().enumerate() {
            let printed = match self.style.headings {
                HeadingStyle::Plain => heading.to_string(),
                HeadingStyle::NumberedDot => format!("{}. {heading}", i + 1),
                HeadingStyle::NumberedSpace => format!("{} {heading}", i + 1),
                HeadingStyle::Upper => heading.to_uppercase(),
                HeadingStyle::NumberedUpper => format!("{}. {}", i + 1, heading.to_uppercase()),
            };
            self.lines.push(String::new());
            damage::wrap_into(
                &printed,
                Wrap {
                    hyphenate: 0.0,
                    ..self.style.wrap
                },
                &mut self.rng,
                &mut self.lines,
            );
            self.lines.push(String::new());
            let last = i + 1 == headings.len();
            let paragraphs = if last {
                self.rng.random_range(1..=3)
            } else {
                self.rng.random_range(3..=6)
            };
            for p in 0..paragraphs {
                if p > 0 {
                    self.lines.push(String::new());
                }
                let n = self.rng.random_range(4..=8);
                let text = self.sentences(lang, n, cites);
                let text = self.damage(&text, lang, true);
                self.wrap(&text);
            }
            self.truth.headings.push(heading.to_string());
        }
        if cites > 0 {
            self.references(lang, cites);
        }
        self.lines.push(String::new());
    }

    fn references(&mut self, lang: L, n: usize) {
        let table = match lang {
            L::Kk => vocab::HEADINGS_KK,
            L::Ru => vocab::HEADINGS_RU,
            L::En => vocab::HEADINGS_EN,
        };
        let heading = *table.references.choose(&mut self.rng).expect("non-empty");
        self.lines.push(String::new());
        self.lines.push(heading.to_string());
        self.lines.push(String::new());
        for k in 1..=n {
            let (surname, given) = (
                vocab::SURNAMES.choose(&mut self.rng).expect("non-empty").1,
                vocab::GIVEN_NAMES
                    .choose(&mut self.rng)
                    .expect("non-empty")
                    .1,
            );
            let initial = given.chars().next().expect("names are not empty");
            let title_lang = *[L::Kk, L::Ru, L::En, lang]
                .choose(&mut self.rng)
                .expect("non-empty");
            let title = self.sentences(title_lang, 1, 0);
            let title = title.trim_end_matches(['.', '!', '?']);
            let journal = vocab::JOURNALS.choose(&mut self.rng).expect("non-empty");
            let year = self.rng.random_range(1995..=2023);
            let issue = self.rng.random_range(1..=4);
            let page = self.rng.random_range(5..=200);
            let number = match self.style.ref_numbering {
                0 => format!("{k}. "),
                1 => format!("[{k}] "),
                _ => format!("{k} "),
            };
            let entry = format!(
                "{number}{surname} {initial}. {title} // {journal}. – {year}. – №{issue}. – С. {page}–{}.",
                page + self.rng.random_range(3..=20)
            );
            self.wrap(&entry);
        }
    }

    /// Inserts page furniture every `page_len` lines from `start` on: the
    /// page break may fall inside a paragraph, even inside a sentence.
    fn paginate(&mut self, start: usize) {
        let len = self.style.page_len;
        // The first break falls where page one ends, but at least a few
        // lines into the body.
        let first = len.max(start + 3);
        if first >= self.lines.len() {
            return;
        }
        let mut out = Vec::with_capacity(self.lines.len() + 64);
        let mut page = self.style.first_page;
        let mut since = 0usize;
        for (i, line) in std::mem::take(&mut self.lines).into_iter().enumerate() {
            if i >= first && since >= len {
                since = 0;
                page += 1;
                match self.style.page_style {
                    PageStyle::Blank => out.push(String::new()),
                    PageStyle::Number => {
                        out.push(String::new());
                        out.push(page.to_string());
                        out.push(String::new());
                    }
                    PageStyle::HeaderAndNumber => {
                        out.push(String::new());
                        out.push(page.to_string());
                        out.push(String::new());
                        out.push(self.style.header.clone());
                        out.push(String::new());
                    }
                }
            }
            since += 1;
            out.push(line);
        }
        self.lines = out;
    }
}
