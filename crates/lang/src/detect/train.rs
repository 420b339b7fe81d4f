//! Counting the n-grams of training text into the tables the detector ships
//! (the file reading and the choice of sources live in `ushtil train langid`).

use super::model::{Counts, ModelLang, WordScript, for_each_word};

/// Counts the n-grams of the words of `lines` that are written in `lang`'s
/// script (Latin for English, Cyrillic for the rest); other words (a Latin
/// name in a Russian sentence) are skipped. Deterministic.
pub fn count<'a>(lang: ModelLang, lines: impl IntoIterator<Item = &'a str>) -> Counts {
    let want = if lang.is_latin() {
        WordScript::Latin
    } else {
        WordScript::Cyrillic
    };
    let mut counts = Counts::default();
    let mut buf = Vec::new();
    for line in lines {
        for_each_word(line, &mut buf, |script, _, codes| {
            if script == want {
                counts.add_word(codes);
            }
            true
        });
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counting_keeps_only_the_language_script() {
        let c = count(ModelLang::Ru, ["Метод SVM"]);
        let table = c.to_table("t");
        assert!(table.contains("_мет\t1"));
        assert!(!table.lines().any(|l| l.contains('s')));
    }
}
