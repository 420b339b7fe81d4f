//! Invariants on arbitrary Unicode: nothing panics, scores stay in 0..1,
//! every sentence appears in exactly one link.

use proptest::prelude::*;
use ushtil_align::score::{Features, Idf, score};
use ushtil_align::text::{sentences, tokens};
use ushtil_align::translit::{fold, to_cyrillic, to_latin};
use ushtil_align::{Glossary, compare, dp, expand_query};
use ushtil_segment::{Keywords, Lang, LangText, Paper};

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[а-яәғқңөұүһіА-Я .,!?«»0-9]{0,80}",
        "[a-zA-Z .,!?0-9]{0,80}",
    ]
}

proptest! {
    #[test]
    fn text_functions_never_panic(s in text()) {
        let _ = tokens(&s);
        let _ = fold(&s);
        let _ = to_latin(&s);
        let _ = to_cyrillic(&s);
        let _ = expand_query(&s, &Glossary::curated());
        for sentence in sentences(&s) {
            prop_assert!(!sentence.trim().is_empty());
            prop_assert!(s.contains(sentence.as_str()));
        }
    }

    #[test]
    fn scores_stay_in_unit_range(a in text(), b in text()) {
        let g = Glossary::curated();
        let s = score(&Features::new(Lang::Kk, &a, &g), &Features::new(Lang::En, &b, &g), &Idf::default(), 1.0);
        prop_assert!((0.0..=1.0).contains(&s), "{s}");
    }

    #[test]
    fn every_sentence_is_linked_once(a in text(), b in text(), c in text()) {
        let paper = Paper {
            titles: vec![LangText { lang: Lang::En, text: c.clone() }],
            abstracts: vec![
                LangText { lang: Lang::Kk, text: a.clone() },
                LangText { lang: Lang::Ru, text: b.clone() },
            ],
            keywords: vec![Keywords { lang: Lang::Kk, terms: vec![a.clone(), c.clone()] }],
            ..Paper::default()
        };
        let cmp = compare(&paper, &Glossary::curated());
        for (lang, side) in [(Lang::Kk, 0), (Lang::Ru, 1)] {
            let n = cmp.abstracts[side].sentences.len();
            let mut seen = vec![0; n];
            for l in &cmp.sentence_links {
                let idx = if l.a == lang { &l.a_sentences } else if l.b == lang { &l.b_sentences } else { continue };
                for &i in idx {
                    seen[i] += 1;
                }
            }
            prop_assert!(seen.iter().all(|&k| k == 1), "{lang}: {seen:?}");
        }
        for l in &cmp.sentence_links {
            prop_assert!((0.0..=1.0).contains(&l.score));
        }
        let _ = dp::align(&[], &[], 1.0);
    }
}
