//! Property tests of the analysers on arbitrary Unicode: no panic, offsets on
//! char boundaries, in order, within the text; folding idempotent.

use proptest::prelude::*;

use super::{fold, names, stem, stem_folded, tokens};
use crate::Lang;

/// Strings mixing the scripts we meet (Cyrillic incl. Kazakh letters, Latin
/// with diacritics and look-alikes, Han, digits, marks, punctuation) with
/// arbitrary chars.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[а-яёәғқңөұүһі ӘҒҚҢӨҰҮҺІaeiopxyəǒū走出去战略0-9.,\u{0301}\u{00AD}\u{200B} -]{0,60}",
    ]
}

proptest! {
    #[test]
    fn offsets_are_valid_and_ordered(text in text()) {
        for name in names::ALL {
            let toks = tokens(name, &text).expect("listed name");
            let mut last = 0;
            let mut previous: Option<&super::Token> = None;
            let mut position = 0;
            for t in &toks {
                prop_assert!(t.offset_from < t.offset_to && t.offset_to <= text.len());
                prop_assert!(text.is_char_boundary(t.offset_from) && text.is_char_boundary(t.offset_to));
                prop_assert!(!t.text.is_empty());
                // A second term at the same position (the Kazakh index
                // analyser's folded one) has the same offsets and differs.
                if let Some(p) = previous.filter(|p| p.position == t.position) {
                    prop_assert_eq!(name, names::KK_INDEX);
                    prop_assert!(p.offset_from == t.offset_from && p.offset_to == t.offset_to);
                    prop_assert!(p.text != t.text);
                    previous = Some(t);
                    continue;
                }
                // Han bigrams overlap by one char; everything else is in order.
                prop_assert!(t.offset_from >= last || text[t.offset_from..].chars().next().is_some_and(super::tokenizer::is_han));
                prop_assert_eq!(t.position, position);
                position += 1;
                last = t.offset_to;
                previous = Some(t);
            }
        }
    }

    /// The Kazakh field holds, position by position, the Kazakh analyser's
    /// term and the folded analyser's term (once where they agree): what a
    /// query finds with either analyser, the index holds.
    #[test]
    fn the_kazakh_index_terms_are_the_kazakh_and_folded_terms(text in text()) {
        let both = tokens(names::KK_INDEX, &text).expect("listed name");
        let main = tokens(names::KK, &text).expect("listed name");
        let folded = tokens(names::KK_FOLD, &text).expect("listed name");
        prop_assert_eq!(main.len(), folded.len());
        let mut expected = Vec::new();
        for (m, f) in main.iter().zip(&folded) {
            expected.push((m.position, m.text.clone()));
            if f.text != m.text {
                expected.push((f.position, f.text.clone()));
            }
        }
        let got: Vec<(usize, String)> = both.into_iter().map(|t| (t.position, t.text)).collect();
        prop_assert_eq!(got, expected);
    }

    #[test]
    fn stemming_never_panics_and_fold_is_idempotent(word in text()) {
        for lang in [Lang::Kk, Lang::Ru, Lang::En, Lang::Und] {
            let _ = stem(lang, &word);
        }
        let folded = stem_folded(&word);
        prop_assert_eq!(fold::fold(&folded), folded);
        let once = fold::fold(&word);
        prop_assert_eq!(fold::fold(&once), once);
    }
}
