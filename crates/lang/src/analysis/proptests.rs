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
            for (i, t) in toks.iter().enumerate() {
                prop_assert!(t.offset_from < t.offset_to && t.offset_to <= text.len());
                prop_assert!(text.is_char_boundary(t.offset_from) && text.is_char_boundary(t.offset_to));
                // Han bigrams overlap by one char; everything else is in order.
                prop_assert!(t.offset_from >= last || text[t.offset_from..].chars().next().is_some_and(super::tokenizer::is_han));
                prop_assert_eq!(t.position, i);
                prop_assert!(!t.text.is_empty());
                last = t.offset_to;
            }
        }
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
