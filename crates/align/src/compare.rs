//! One paper's titles, abstracts and keywords compared across languages: the
//! [`Comparison`] that `ushtil compare` prints and the paper page renders.

use serde::{Deserialize, Serialize};
use ushtil_lang::Lang;
use ushtil_segment::Paper;

use crate::dp;
use crate::glossary::{Glossary, Miner};
use crate::score::{Features, length_ratio};
use crate::text::{Token, is_stopword, numbers, sentences, tokens};
use crate::translit::{are_cognates, edit_distance, fold};

/// The comparison of one paper across its languages. A plain data structure:
/// its JSON keys are a public interface (`languages`, `sentence_links`,
/// `keyword_links`, `flags` at least).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Languages present in titles, abstracts or keywords, by code.
    pub languages: Vec<Lang>,
    pub titles: Vec<TitleSide>,
    pub abstracts: Vec<AbstractSide>,
    pub keywords: Vec<KeywordSide>,
    /// Sentence links between each pair of abstracts (kk–ru, kk–en, ru–en).
    pub sentence_links: Vec<SentenceLink>,
    /// Keywords matched across the lists; a keyword with no counterpart
    /// appears alone.
    pub keyword_links: Vec<KeywordLink>,
    pub flags: Vec<Flag>,
}

/// One language's title.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TitleSide {
    pub lang: Lang,
    pub text: String,
    pub words: usize,
}

/// One language's abstract, split into sentences (indices in links refer to these).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AbstractSide {
    pub lang: Lang,
    pub text: String,
    pub sentences: Vec<String>,
    pub sentence_count: usize,
    pub words: usize,
}

/// One language's keyword list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeywordSide {
    pub lang: Lang,
    pub terms: Vec<String>,
    pub count: usize,
}

/// Sentences of abstract `a` linked to sentences of abstract `b` (0-based
/// indices into [`AbstractSide::sentences`]; one side empty when a sentence
/// has no counterpart), with a score in 0..1.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SentenceLink {
    pub a: Lang,
    pub b: Lang,
    pub a_sentences: Vec<usize>,
    pub b_sentences: Vec<usize>,
    pub score: f64,
}

/// Keywords that correspond across languages, with a score in 0..1 and what
/// showed the correspondence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeywordLink {
    pub kk: Option<String>,
    pub ru: Option<String>,
    pub en: Option<String>,
    pub score: f64,
    pub evidence: Vec<Evidence>,
}

/// What shows that two words correspond.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// The same number.
    Number,
    /// The same word, same spelling.
    Identical,
    /// The same glossary entry.
    Glossary,
    /// The same word in another script (folded spellings within 1 edit in 5).
    Transliteration,
    /// Stems that share their consonant skeleton (`реформа` ↔ `reform`).
    Cognate,
}

impl Evidence {
    /// The name the JSON uses (`glossary`, `cognate`, …), for text and pages.
    pub fn name(self) -> &'static str {
        match self {
            Evidence::Number => "number",
            Evidence::Identical => "identical",
            Evidence::Glossary => "glossary",
            Evidence::Transliteration => "transliteration",
            Evidence::Cognate => "cognate",
        }
    }
}

/// Something an editor acts on, with the evidence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Flag {
    pub kind: FlagKind,
    /// The language the flag is about (the one missing something, or the one
    /// holding what the other lacks).
    pub lang: Lang,
    /// The language it was compared with, for flags about a pair.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<Lang>,
    pub detail: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
}

/// The kinds of [`Flag`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// A language of the paper has no abstract.
    MissingAbstract,
    /// A language with an abstract has no keyword list while others do.
    MissingKeywords,
    /// A keyword with no counterpart in another language's list.
    UnmatchedKeyword,
    /// Keywords matched only in part (`экономикалық бағыт` ↔ `экономическая стратегия`).
    PartialKeyword,
    /// Numbers present in one abstract and not in another.
    NumberMismatch,
    /// An abstract much shorter than another.
    LengthMismatch,
    /// A sentence of one abstract with no counterpart in another.
    UnmatchedSentence,
    /// Titles with terms that do not correspond.
    TitleMismatch,
}

impl FlagKind {
    /// The name the JSON uses (`missing_keywords`, …), for text and pages.
    pub fn name(self) -> &'static str {
        match self {
            FlagKind::MissingAbstract => "missing_abstract",
            FlagKind::MissingKeywords => "missing_keywords",
            FlagKind::UnmatchedKeyword => "unmatched_keyword",
            FlagKind::PartialKeyword => "partial_keyword",
            FlagKind::NumberMismatch => "number_mismatch",
            FlagKind::LengthMismatch => "length_mismatch",
            FlagKind::UnmatchedSentence => "unmatched_sentence",
            FlagKind::TitleMismatch => "title_mismatch",
        }
    }
}

/// Below this score two keywords are not taken as translations.
const KEYWORD_LINK_MIN: f64 = 0.34;
/// Below this score a keyword link is flagged as partial.
const KEYWORD_PARTIAL_BELOW: f64 = 0.75;
/// An abstract shorter than this share of another (in letters) is flagged.
const LENGTH_MISMATCH_BELOW: f64 = 0.6;

/// Compares a paper's titles, abstracts and keywords across its languages.
pub fn compare(paper: &Paper, glossary: &Glossary) -> Comparison {
    let known = |l: Lang| l != Lang::Und;
    let titles: Vec<TitleSide> = first_per_lang(paper.titles.iter().map(|t| (t.lang, &t.text)))
        .into_iter()
        .map(|(lang, text)| TitleSide {
            lang,
            words: count_words(text),
            text: text.clone(),
        })
        .collect();
    let abstracts: Vec<AbstractSide> =
        first_per_lang(paper.abstracts.iter().map(|t| (t.lang, &t.text)))
            .into_iter()
            .map(|(lang, text)| {
                let sentences = sentences(text);
                AbstractSide {
                    lang,
                    sentence_count: sentences.len(),
                    sentences,
                    words: count_words(text),
                    text: text.clone(),
                }
            })
            .collect();
    let keywords: Vec<KeywordSide> =
        first_per_lang(paper.keywords.iter().map(|k| (k.lang, &k.terms)))
            .into_iter()
            .filter(|(_, terms)| !terms.is_empty())
            .map(|(lang, terms)| KeywordSide {
                lang,
                count: terms.len(),
                terms: terms.clone(),
            })
            .collect();

    let mut languages: Vec<Lang> = titles
        .iter()
        .map(|t| t.lang)
        .chain(abstracts.iter().map(|a| a.lang))
        .chain(keywords.iter().map(|k| k.lang))
        .filter(|l| known(*l))
        .collect();
    languages.sort_by_key(|l| l.code());
    languages.dedup();

    let mut flags = Vec::new();
    for &lang in &languages {
        if !abstracts.iter().any(|a| a.lang == lang) {
            flags.push(Flag {
                kind: FlagKind::MissingAbstract,
                lang,
                other: None,
                detail: format!("the paper has a {lang} title or keywords but no {lang} abstract"),
                evidence: vec![],
            });
        }
        if !keywords.is_empty()
            && abstracts.iter().any(|a| a.lang == lang)
            && !keywords.iter().any(|k| k.lang == lang)
        {
            let others: Vec<&str> = keywords.iter().map(|k| k.lang.code()).collect();
            flags.push(Flag {
                kind: FlagKind::MissingKeywords,
                lang,
                other: None,
                detail: format!(
                    "no {lang} keyword list, while {} have one",
                    others.join(" and ")
                ),
                evidence: vec![],
            });
        }
    }

    let sentence_links = align_abstracts(&abstracts, glossary, &mut flags);
    let keyword_links = align_keywords(&keywords, glossary, &mut flags);
    compare_titles(&titles, glossary, &mut flags);

    Comparison {
        languages,
        titles,
        abstracts,
        keywords,
        sentence_links,
        keyword_links,
        flags,
    }
}

/// Mines a glossary from many papers: each paper is compared with `base`, and
/// its matched keywords and its sentence links scoring at least 0.5 vote for
/// term translations (see [`Miner`]); pairs seen in `min_count` units with a
/// Dice coefficient of `min_dice` are kept.
pub fn mine(papers: &[Paper], base: &Glossary, min_count: u32, min_dice: f32) -> Glossary {
    let mut miner = Miner::new();
    for paper in papers {
        let c = compare(paper, base);
        for link in &c.keyword_links {
            let terms: Vec<(Lang, &String)> = [
                (Lang::Kk, link.kk.as_ref()),
                (Lang::Ru, link.ru.as_ref()),
                (Lang::En, link.en.as_ref()),
            ]
            .into_iter()
            .filter_map(|(l, t)| t.map(|t| (l, t)))
            .collect();
            for (i, (la, a)) in terms.iter().enumerate() {
                for (lb, b) in &terms[i + 1..] {
                    miner.add(*la, a, *lb, b);
                }
            }
        }
        for link in c.sentence_links.iter().filter(|l| l.score >= 0.5) {
            let side = |lang: Lang, idx: &[usize]| -> Option<String> {
                let a = c.abstracts.iter().find(|a| a.lang == lang)?;
                Some(
                    idx.iter()
                        .filter_map(|&i| a.sentences.get(i).map(String::as_str))
                        .collect::<Vec<_>>()
                        .join(" "),
                )
            };
            if let (Some(a), Some(b)) = (
                side(link.a, &link.a_sentences),
                side(link.b, &link.b_sentences),
            ) {
                miner.add(link.a, &a, link.b, &b);
            }
        }
    }
    miner.finish(min_count, min_dice)
}

/// The first item of each known language, in kk, ru, en order.
fn first_per_lang<'a, T>(items: impl Iterator<Item = (Lang, &'a T)>) -> Vec<(Lang, &'a T)> {
    let items: Vec<(Lang, &T)> = items.collect();
    Lang::KNOWN
        .iter()
        .filter_map(|&lang| items.iter().find(|(l, _)| *l == lang).copied())
        .collect()
}

fn count_words(text: &str) -> usize {
    tokens(text).len()
}

fn pairs<T>(items: &[T]) -> impl Iterator<Item = (&T, &T)> {
    items
        .iter()
        .enumerate()
        .flat_map(move |(i, a)| items[i + 1..].iter().map(move |b| (a, b)))
}

fn align_abstracts(
    abstracts: &[AbstractSide],
    glossary: &Glossary,
    flags: &mut Vec<Flag>,
) -> Vec<SentenceLink> {
    let features: Vec<Vec<Features>> = abstracts
        .iter()
        .map(|a| {
            a.sentences
                .iter()
                .map(|s| Features::new(a.lang, s, glossary))
                .collect()
        })
        .collect();
    let mut links = Vec::new();
    for (ia, a) in abstracts.iter().enumerate() {
        for (ib, b) in abstracts.iter().enumerate().skip(ia + 1) {
            let (fa, fb) = (&features[ia], &features[ib]);
            for link in dp::align(fa, fb, length_ratio(fa, fb)) {
                let (lang, other, lonely) = match (link.a.is_empty(), link.b.is_empty()) {
                    (false, true) => (a.lang, b.lang, Some(&a.sentences[link.a[0]])),
                    (true, false) => (b.lang, a.lang, Some(&b.sentences[link.b[0]])),
                    _ => (a.lang, b.lang, None),
                };
                if let Some(sentence) = lonely {
                    flags.push(Flag {
                        kind: FlagKind::UnmatchedSentence,
                        lang,
                        other: Some(other),
                        detail: format!(
                            "a {lang} sentence has no counterpart in the {other} abstract"
                        ),
                        evidence: vec![sentence.clone()],
                    });
                }
                links.push(SentenceLink {
                    a: a.lang,
                    b: b.lang,
                    a_sentences: link.a,
                    b_sentences: link.b,
                    score: round3(link.score),
                });
            }
            for (x, y) in [(a, b), (b, a)] {
                let ny = numbers(&y.text);
                let mut only: Vec<String> = numbers(&x.text)
                    .into_iter()
                    .filter(|n| !ny.contains(n))
                    .collect();
                only.dedup();
                if !only.is_empty() {
                    flags.push(Flag {
                        kind: FlagKind::NumberMismatch,
                        lang: x.lang,
                        other: Some(y.lang),
                        detail: format!(
                            "the {} abstract has numbers the {} abstract lacks: {}",
                            x.lang,
                            y.lang,
                            only.join(", ")
                        ),
                        evidence: only,
                    });
                }
                let (cx, cy) = (letters(&x.text), letters(&y.text));
                if cy > 0 && (cx as f64) < LENGTH_MISMATCH_BELOW * cy as f64 {
                    flags.push(Flag {
                        kind: FlagKind::LengthMismatch,
                        lang: x.lang,
                        other: Some(y.lang),
                        detail: format!(
                            "the {} abstract has {cx} letters, {:.0}% of the {} abstract's {cy}",
                            x.lang,
                            100.0 * cx as f64 / cy as f64,
                            y.lang
                        ),
                        evidence: vec![],
                    });
                }
            }
        }
    }
    links
}

fn letters(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphanumeric()).count()
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Content words of a phrase (numbers included, function words left out).
fn content_words(lang: Lang, phrase: &str) -> Vec<String> {
    tokens(phrase)
        .into_iter()
        .filter_map(|t| match t {
            Token::Number(n) => Some(n),
            Token::Word(w) if !is_stopword(lang, &w) && w.chars().count() >= 2 => Some(w),
            Token::Word(_) => None,
        })
        .collect()
}

/// How a word of `la` corresponds to a word of `lb`, if it does.
pub fn word_evidence(
    glossary: &Glossary,
    la: Lang,
    wa: &str,
    lb: Lang,
    wb: &str,
) -> Option<Evidence> {
    let is_num = |w: &str| w.chars().all(|c| c.is_ascii_digit() || c == '.');
    if is_num(wa) || is_num(wb) {
        return (wa == wb).then_some(Evidence::Number);
    }
    if wa == wb && wa.chars().count() >= 3 {
        return Some(Evidence::Identical);
    }
    let ca = glossary.concepts(la, wa);
    if !ca.is_empty() && glossary.concepts(lb, wb).iter().any(|id| ca.contains(id)) {
        return Some(Evidence::Glossary);
    }
    let (fa, fb) = (fold(wa), fold(wb));
    let longest = fa.len().max(fb.len());
    if longest >= 4 && edit_distance(&fa, &fb) * 5 <= longest {
        return Some(Evidence::Transliteration);
    }
    if are_cognates(wa, wb) {
        return Some(Evidence::Cognate);
    }
    None
}

/// How two phrases correspond: the share of their content words that find a
/// counterpart, the evidence used, and the words left over on each side.
pub fn phrase_match(
    glossary: &Glossary,
    la: Lang,
    a: &str,
    lb: Lang,
    b: &str,
) -> (f64, Vec<Evidence>, Vec<String>, Vec<String>) {
    let wa = content_words(la, a);
    let wb = content_words(lb, b);
    if wa.is_empty() || wb.is_empty() {
        return (0.0, vec![], wa, wb);
    }
    let mut evidence = Vec::new();
    let mut matched_b = vec![false; wb.len()];
    let mut left_a = Vec::new();
    let mut matched = 0;
    for x in &wa {
        let mut found = false;
        for (j, y) in wb.iter().enumerate() {
            if let Some(e) = word_evidence(glossary, la, x, lb, y) {
                found = true;
                matched_b[j] = true;
                if !evidence.contains(&e) {
                    evidence.push(e);
                }
            }
        }
        if found {
            matched += 1;
        } else {
            left_a.push(x.clone());
        }
    }
    let matched_in_b = matched_b.iter().filter(|m| **m).count();
    let left_b: Vec<String> = wb
        .iter()
        .zip(&matched_b)
        .filter(|(_, m)| !**m)
        .map(|(w, _)| w.clone())
        .collect();
    evidence.sort();
    let score = (matched + matched_in_b) as f64 / (wa.len() + wb.len()) as f64;
    (score, evidence, left_a, left_b)
}

/// Keyword nodes (list, term) grouped as one link: members, edge scores,
/// evidence, words left without a counterpart.
type Group = (Vec<(usize, usize)>, Vec<f64>, Vec<Evidence>, Vec<String>);

fn align_keywords(
    keywords: &[KeywordSide],
    glossary: &Glossary,
    flags: &mut Vec<Flag>,
) -> Vec<KeywordLink> {
    // Nodes are (list index, term index); candidate edges between lists.
    struct Edge {
        a: (usize, usize),
        b: (usize, usize),
        score: f64,
        rank: f64,
        evidence: Vec<Evidence>,
        left: Vec<String>,
    }
    let mut edges = Vec::new();
    for (la, a) in keywords.iter().enumerate() {
        for (lb, b) in keywords.iter().enumerate().skip(la + 1) {
            let same_length = a.terms.len() == b.terms.len();
            for (i, x) in a.terms.iter().enumerate() {
                for (j, y) in b.terms.iter().enumerate() {
                    let (score, evidence, left_a, left_b) =
                        phrase_match(glossary, a.lang, x, b.lang, y);
                    if score < KEYWORD_LINK_MIN {
                        continue;
                    }
                    // Parallel lists usually keep their order: a small
                    // preference for the same position breaks ties.
                    let rank = score + if same_length && i == j { 0.05 } else { 0.0 };
                    let left = left_a
                        .iter()
                        .map(|w| format!("{}:{w}", a.lang))
                        .chain(left_b.iter().map(|w| format!("{}:{w}", b.lang)))
                        .collect();
                    edges.push(Edge {
                        a: (la, i),
                        b: (lb, j),
                        score,
                        rank,
                        evidence,
                        left,
                    });
                }
            }
        }
    }
    edges.sort_by(|x, y| {
        y.rank
            .total_cmp(&x.rank)
            .then(x.a.cmp(&y.a))
            .then(x.b.cmp(&y.b))
    });
    // Groups: each node belongs to at most one group, a group holds at most
    // one term per language.
    let mut group_of: Vec<Vec<Option<usize>>> =
        keywords.iter().map(|k| vec![None; k.terms.len()]).collect();
    let mut groups: Vec<Group> = Vec::new();
    for e in &edges {
        let ga = group_of[e.a.0][e.a.1];
        let gb = group_of[e.b.0][e.b.1];
        let members = |g: Option<usize>, n: (usize, usize)| -> Vec<(usize, usize)> {
            g.map_or_else(|| vec![n], |g| groups[g].0.clone())
        };
        if ga.is_some() && ga == gb {
            continue;
        }
        let ma = members(ga, e.a);
        let mb = members(gb, e.b);
        if ma.iter().any(|x| mb.iter().any(|y| x.0 == y.0)) {
            continue;
        }
        let target = match (ga, gb) {
            (Some(g), other) => {
                if let Some(o) = other {
                    let moved = std::mem::take(&mut groups[o]);
                    groups[g].0.extend(moved.0);
                    groups[g].1.extend(moved.1);
                    groups[g].3.extend(moved.3);
                    for ev in moved.2 {
                        if !groups[g].2.contains(&ev) {
                            groups[g].2.push(ev);
                        }
                    }
                } else {
                    groups[g].0.push(e.b);
                }
                g
            }
            (None, Some(g)) => {
                groups[g].0.push(e.a);
                g
            }
            (None, None) => {
                groups.push((vec![e.a, e.b], vec![], vec![], vec![]));
                groups.len() - 1
            }
        };
        groups[target].1.push(e.score);
        groups[target].3.extend(e.left.iter().cloned());
        for ev in &e.evidence {
            if !groups[target].2.contains(ev) {
                groups[target].2.push(*ev);
            }
        }
        for &(l, i) in &groups[target].0.clone() {
            group_of[l][i] = Some(target);
        }
    }
    let term = |(l, i): (usize, usize)| (keywords[l].lang, keywords[l].terms[i].clone());
    let mut links = Vec::new();
    let mut emit = |members: &[(usize, usize)], score: f64, mut evidence: Vec<Evidence>| {
        let mut link = KeywordLink {
            kk: None,
            ru: None,
            en: None,
            score: round3(score),
            evidence: vec![],
        };
        for &m in members {
            let (lang, t) = term(m);
            match lang {
                Lang::Kk => link.kk = Some(t),
                Lang::Ru => link.ru = Some(t),
                Lang::En => link.en = Some(t),
                Lang::Und => {}
            }
        }
        evidence.sort();
        link.evidence = evidence;
        links.push(link);
    };
    for (members, scores, evidence, left) in &groups {
        if members.is_empty() {
            continue;
        }
        let score = scores.iter().sum::<f64>() / scores.len().max(1) as f64;
        emit(members, score, evidence.clone());
        if score < KEYWORD_PARTIAL_BELOW && !left.is_empty() {
            let terms: Vec<String> = members
                .iter()
                .map(|&m| {
                    let (l, t) = term(m);
                    format!("{l} «{t}»")
                })
                .collect();
            let mut left = left.clone();
            left.sort();
            left.dedup();
            flags.push(Flag {
                kind: FlagKind::PartialKeyword,
                lang: keywords[members[0].0].lang,
                other: members.get(1).map(|m| keywords[m.0].lang),
                detail: format!(
                    "{} correspond only in part; no counterpart for {}",
                    terms.join(" ↔ "),
                    left.join(", ")
                ),
                evidence: left,
            });
        }
    }
    for (l, side) in keywords.iter().enumerate() {
        for (i, group) in group_of[l].iter().enumerate() {
            if group.is_none() {
                emit(&[(l, i)], 0.0, vec![]);
                let others: Vec<&str> = keywords
                    .iter()
                    .filter(|k| k.lang != side.lang)
                    .map(|k| k.lang.code())
                    .collect();
                if !others.is_empty() {
                    flags.push(Flag {
                        kind: FlagKind::UnmatchedKeyword,
                        lang: side.lang,
                        other: None,
                        detail: format!(
                            "the {} keyword «{}» has no counterpart in the {} list",
                            side.lang,
                            side.terms[i],
                            others.join(" or ")
                        ),
                        evidence: vec![side.terms[i].clone()],
                    });
                }
            }
        }
    }
    links
}

/// Flags title pairs where each side has glossary terms the other lacks
/// (`going out` against `вне`), or where almost nothing corresponds.
fn compare_titles(titles: &[TitleSide], glossary: &Glossary, flags: &mut Vec<Flag>) {
    for (a, b) in pairs(titles) {
        let (score, _, left_a, left_b) = phrase_match(glossary, a.lang, &a.text, b.lang, &b.text);
        let known = |lang: Lang, words: &[String]| -> Vec<String> {
            words
                .iter()
                .filter(|w| !glossary.concepts(lang, w).is_empty())
                .cloned()
                .collect()
        };
        let (ka, kb) = (known(a.lang, &left_a), known(b.lang, &left_b));
        let diverging_terms = !ka.is_empty() && !kb.is_empty();
        if diverging_terms || score < 0.25 {
            let show = |lang: Lang, words: &[String]| {
                if words.is_empty() {
                    format!("{lang}: —")
                } else {
                    format!("{lang}: {}", words.join(", "))
                }
            };
            let detail = if diverging_terms {
                format!(
                    "the {} and {} titles use terms that do not correspond ({}; {})",
                    a.lang,
                    b.lang,
                    show(a.lang, &ka),
                    show(b.lang, &kb)
                )
            } else {
                format!(
                    "the {} and {} titles barely correspond ({:.0}% of their words matched)",
                    a.lang,
                    b.lang,
                    100.0 * score
                )
            };
            let evidence = ka
                .iter()
                .map(|w| format!("{}:{w}", a.lang))
                .chain(kb.iter().map(|w| format!("{}:{w}", b.lang)))
                .collect();
            flags.push(Flag {
                kind: FlagKind::TitleMismatch,
                lang: a.lang,
                other: Some(b.lang),
                detail,
                evidence,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ushtil_segment::{Keywords, LangText};

    #[test]
    fn names_are_the_json_names() {
        use Evidence::*;
        for e in [Number, Identical, Glossary, Transliteration, Cognate] {
            assert_eq!(serde_json::to_value(e).unwrap(), e.name());
        }
        use FlagKind::*;
        for k in [
            MissingAbstract,
            MissingKeywords,
            UnmatchedKeyword,
            PartialKeyword,
            NumberMismatch,
            LengthMismatch,
            UnmatchedSentence,
            TitleMismatch,
        ] {
            assert_eq!(serde_json::to_value(k).unwrap(), k.name());
        }
    }

    fn text(lang: Lang, t: &str) -> LangText {
        LangText {
            lang,
            text: t.to_string(),
        }
    }

    /// The reference article's front matter (corpus/going-out-policy-migration.txt),
    /// as the segmenter should give it.
    fn reference() -> Paper {
        Paper {
            titles: vec![
                text(
                    Lang::En,
                    "Migration Aspect in the Realization of the Chinese «Going Out Policy» Strategy",
                ),
                text(
                    Lang::Kk,
                    "«Саясаттан тыс болу» қытайлық стратегияның жүзеге асуының миграциялық аспектісі",
                ),
                text(
                    Lang::Ru,
                    "Миграционный аспект в реализации китайской стратегии «Быть вне политики»",
                ),
            ],
            abstracts: vec![
                text(
                    Lang::En,
                    "The article examines the potential of the Chinese diaspora abroad. Investigate the influence of the People’s Republic of foreign economic strategy of «Going to the outside» on the investment activity of Chinese enterprises abroad, the export of labor.",
                ),
                text(
                    Lang::Kk,
                    "Мақалада шетелдегі Қытай диаспораларының əлеуеті сарапталады. Қытай Халық Республикасының сыртқы экономикалық «Сыртқа тыс» стратегиясының Қытай мекемелерінің инвестициялық белсенділігіне, жұмыс күшін экспорттауға əсері зерттелді.",
                ),
                text(
                    Lang::Ru,
                    "В статье анализируется потенциал китайских диаспор зарубежом. Исследуется влияние достижений КНР внешне экономической стратегии на инвестиционную активность китайских предприятий за-рубежом, экспорт рабочей силы.",
                ),
            ],
            keywords: vec![
                Keywords {
                    lang: Lang::Kk,
                    terms: [
                        "Қытай",
                        "мигранттар",
                        "реформа",
                        "экономикалық бағыт",
                        "миграциялық саясат",
                    ]
                    .map(String::from)
                    .to_vec(),
                },
                Keywords {
                    lang: Lang::Ru,
                    terms: [
                        "Китай",
                        "мигранты",
                        "реформа",
                        "экономическая стратегия",
                        "миграционная политика",
                    ]
                    .map(String::from)
                    .to_vec(),
                },
            ],
            ..Paper::default()
        }
    }

    fn has_flag(c: &Comparison, kind: FlagKind, lang: Lang, other: Option<Lang>) -> bool {
        c.flags
            .iter()
            .any(|f| f.kind == kind && f.lang == lang && (other.is_none() || f.other == other))
    }

    #[test]
    fn reference_article_flags_missing_english_keywords() {
        let c = compare(&reference(), &Glossary::curated());
        assert_eq!(c.languages, vec![Lang::En, Lang::Kk, Lang::Ru]);
        assert!(
            has_flag(&c, FlagKind::MissingKeywords, Lang::En, None),
            "{:#?}",
            c.flags
        );
        assert!(!has_flag(&c, FlagKind::MissingKeywords, Lang::Kk, None));
        assert!(!c.flags.iter().any(|f| f.kind == FlagKind::MissingAbstract));
    }

    #[test]
    fn reference_article_titles_do_not_correspond_to_the_english() {
        let c = compare(&reference(), &Glossary::curated());
        assert!(
            has_flag(&c, FlagKind::TitleMismatch, Lang::Kk, Some(Lang::En)),
            "{:#?}",
            c.flags
        );
        assert!(
            has_flag(&c, FlagKind::TitleMismatch, Lang::Ru, Some(Lang::En)),
            "{:#?}",
            c.flags
        );
        assert!(
            !has_flag(&c, FlagKind::TitleMismatch, Lang::Kk, Some(Lang::Ru)),
            "{:#?}",
            c.flags
        );
    }

    #[test]
    fn reference_article_keywords_link_across_languages() {
        let c = compare(&reference(), &Glossary::curated());
        let link = |kk: &str| {
            c.keyword_links
                .iter()
                .find(|l| l.kk.as_deref() == Some(kk))
                .unwrap()
        };
        let china = link("Қытай");
        assert_eq!(china.ru.as_deref(), Some("Китай"));
        assert!(china.evidence.contains(&Evidence::Glossary));
        assert!(china.score >= 0.9);
        assert_eq!(link("мигранттар").ru.as_deref(), Some("мигранты"));
        assert_eq!(
            link("миграциялық саясат").ru.as_deref(),
            Some("миграционная политика")
        );
        assert_eq!(
            link("экономикалық бағыт").ru.as_deref(),
            Some("экономическая стратегия")
        );
        assert!(
            has_flag(&c, FlagKind::PartialKeyword, Lang::Kk, Some(Lang::Ru)),
            "{:#?}",
            c.flags
        );
        assert!(
            !c.flags.iter().any(|f| f.kind == FlagKind::UnmatchedKeyword),
            "{:#?}",
            c.flags
        );
    }

    #[test]
    fn reference_article_abstracts_align_sentence_by_sentence() {
        let c = compare(&reference(), &Glossary::curated());
        for (a, b) in [
            (Lang::Kk, Lang::Ru),
            (Lang::Kk, Lang::En),
            (Lang::Ru, Lang::En),
        ] {
            let links: Vec<(&[usize], &[usize])> = c
                .sentence_links
                .iter()
                .filter(|l| l.a == a && l.b == b)
                .map(|l| (l.a_sentences.as_slice(), l.b_sentences.as_slice()))
                .collect();
            assert_eq!(
                links,
                vec![(&[0][..], &[0][..]), (&[1][..], &[1][..])],
                "{a}-{b}"
            );
        }
        assert!(
            c.sentence_links.iter().all(|l| l.score > 0.4),
            "{:#?}",
            c.sentence_links
        );
        assert!(!c.flags.iter().any(|f| f.kind == FlagKind::LengthMismatch));
    }

    #[test]
    fn numbers_and_short_abstracts_are_flagged() {
        let paper = Paper {
            abstracts: vec![
                text(
                    Lang::Kk,
                    "1978 жылдан бастап Қытай реформалары 30 жыл бойы экономиканы өзгертті және шетелдегі инвестициялар мен еңбек көші-қонын ұлғайтты.",
                ),
                text(Lang::Ru, "С 1978 года реформы Китая изменили экономику."),
            ],
            ..Paper::default()
        };
        let c = compare(&paper, &Glossary::curated());
        let numbers = c
            .flags
            .iter()
            .find(|f| f.kind == FlagKind::NumberMismatch)
            .unwrap();
        assert_eq!((numbers.lang, numbers.other), (Lang::Kk, Some(Lang::Ru)));
        assert_eq!(numbers.evidence, vec!["30"]);
        assert!(has_flag(
            &c,
            FlagKind::LengthMismatch,
            Lang::Ru,
            Some(Lang::Kk)
        ));
        assert!(!has_flag(&c, FlagKind::MissingAbstract, Lang::En, None));
    }

    #[test]
    fn missing_abstract_is_flagged_for_a_language_with_a_title() {
        let paper = Paper {
            titles: vec![
                text(Lang::En, "Labour migration"),
                text(Lang::Ru, "Трудовая миграция"),
            ],
            abstracts: vec![text(Lang::Ru, "Исследуется трудовая миграция.")],
            ..Paper::default()
        };
        let c = compare(&paper, &Glossary::curated());
        assert!(has_flag(&c, FlagKind::MissingAbstract, Lang::En, None));
        assert!(c.sentence_links.is_empty());
    }

    #[test]
    fn mining_over_papers_learns_keyword_translations() {
        // Made-up papers whose keyword lists share a term the curated
        // glossary lacks (ауыл шаруашылығы is in it; «бидай» / «пшеница» is not).
        let paper = |kk: &str, ru: &str| Paper {
            keywords: vec![
                Keywords {
                    lang: Lang::Kk,
                    terms: vec!["Қытай".into(), format!("{kk} экспорты")],
                },
                Keywords {
                    lang: Lang::Ru,
                    terms: vec!["Китай".into(), format!("экспорт {ru}")],
                },
            ],
            ..Paper::default()
        };
        let papers = vec![
            paper("бидай", "пшеницы"),
            paper("бидай", "пшеницы"),
            paper("мұнай", "нефти"),
        ];
        let mined = mine(&papers, &Glossary::curated(), 2, 0.5);
        let wheat = mined.concepts(Lang::Kk, "бидай");
        assert!(!wheat.is_empty(), "{:?}", mined.entries());
        assert!(
            mined
                .concepts(Lang::Ru, "пшеница")
                .iter()
                .any(|id| wheat.contains(id))
        );
    }

    #[test]
    fn an_empty_paper_compares_to_nothing() {
        let c = compare(&Paper::default(), &Glossary::curated());
        assert!(c.languages.is_empty() && c.flags.is_empty() && c.keyword_links.is_empty());
        let json = serde_json::to_value(&c).unwrap();
        for key in ["languages", "sentence_links", "keyword_links", "flags"] {
            assert!(json.get(key).is_some(), "{key}");
        }
    }
}
