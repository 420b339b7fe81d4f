//! Query expansion for `ushtil search --cross`: a query's words in the other
//! two languages, through the glossary and transliteration.

use ushtil_lang::Lang;

use crate::glossary::Glossary;
use crate::text::{Token, is_stopword, tokens};
use crate::translit::{to_cyrillic, to_latin};

/// Letters only Kazakh writes (among kk, ru and en).
const KAZAKH_LETTERS: &[char] = &['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і'];

/// The languages a normalised query word may be in, most likely first.
fn word_langs(word: &str) -> &'static [Lang] {
    if word.chars().any(|c| KAZAKH_LETTERS.contains(&c)) {
        &[Lang::Kk]
    } else if word.chars().any(ushtil_lang::lookalike::is_cyrillic) {
        &[Lang::Ru, Lang::Kk]
    } else {
        &[Lang::En]
    }
}

/// Expands a query into the other languages: for each word, the glossary
/// terms of its concepts in every other language; a word the glossary does not
/// know (a name, a borrowed word) is transliterated instead (Cyrillic → Latin
/// for English, Latin → Cyrillic for Russian and Kazakh). Returns (language,
/// term) pairs, deduplicated, without the query's own words; the search ORs
/// them into the query with each language's analyser.
pub fn expand_query(query: &str, glossary: &Glossary) -> Vec<(Lang, String)> {
    let mut out: Vec<(Lang, String)> = Vec::new();
    let push = |lang: Lang, term: String, out: &mut Vec<(Lang, String)>| {
        if !term.is_empty() && !out.iter().any(|(l, t)| *l == lang && *t == term) {
            out.push((lang, term));
        }
    };
    let words: Vec<String> = tokens(query)
        .into_iter()
        .filter_map(|t| match t {
            Token::Word(w) => Some(w),
            Token::Number(_) => None,
        })
        .collect();
    for word in &words {
        let langs = word_langs(word);
        if langs.iter().all(|&l| is_stopword(l, word)) {
            continue;
        }
        let found = langs
            .iter()
            .map(|&l| (l, glossary.concepts(l, word)))
            .find(|(_, ids)| !ids.is_empty());
        match found {
            Some((source, ids)) => {
                for &id in ids {
                    let Some(entry) = glossary.entry(id) else {
                        continue;
                    };
                    for target in Lang::KNOWN {
                        if target == source {
                            continue;
                        }
                        for term in entry.terms(target) {
                            push(target, term.to_lowercase(), &mut out);
                        }
                    }
                }
            }
            None if word.chars().count() >= 3 => {
                if langs[0] == Lang::En {
                    let cyr = to_cyrillic(word);
                    push(Lang::Ru, cyr.clone(), &mut out);
                    push(Lang::Kk, cyr, &mut out);
                } else {
                    push(Lang::En, to_latin(word), &mut out);
                }
            }
            None => {}
        }
    }
    out.retain(|(_, t)| !words.contains(t));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(exp: &[(Lang, String)], lang: Lang, term: &str) -> bool {
        exp.iter().any(|(l, t)| *l == lang && t == term)
    }

    #[test]
    fn english_query_expands_to_kazakh_and_russian_terms() {
        let exp = expand_query("labour migration", &Glossary::curated());
        assert!(has(&exp, Lang::Kk, "еңбек"), "{exp:?}");
        assert!(has(&exp, Lang::Ru, "труд"), "{exp:?}");
        assert!(has(&exp, Lang::Kk, "көші-қон"), "{exp:?}");
        assert!(has(&exp, Lang::Ru, "миграция"), "{exp:?}");
        assert!(!exp.iter().any(|(l, _)| *l == Lang::En), "{exp:?}");
    }

    #[test]
    fn inflected_kazakh_query_expands() {
        let exp = expand_query("Қытайдың диаспоралары", &Glossary::curated());
        assert!(has(&exp, Lang::En, "china"), "{exp:?}");
        assert!(has(&exp, Lang::Ru, "китай"), "{exp:?}");
        assert!(has(&exp, Lang::En, "diaspora"), "{exp:?}");
    }

    #[test]
    fn unknown_names_are_transliterated() {
        let exp = expand_query("Boldurukova", &Glossary::curated());
        assert!(has(&exp, Lang::Ru, "болдурукова"), "{exp:?}");
        let exp = expand_query("Болдурукова", &Glossary::curated());
        assert!(has(&exp, Lang::En, "boldurukova"), "{exp:?}");
    }

    #[test]
    fn stopwords_and_empty_queries_expand_to_nothing() {
        assert!(expand_query("", &Glossary::curated()).is_empty());
        assert!(expand_query("the of and", &Glossary::curated()).is_empty());
        assert!(expand_query("!!! 42", &Glossary::curated()).is_empty());
    }
}
