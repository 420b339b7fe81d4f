//! Loads the real sentences synthetic papers are built from, at run time, from
//! the evaluation data folder (`../shared/data`); nothing is embedded.

use std::fs;
use std::path::{Path, PathBuf};

use crate::SynthError;
use crate::vocab::{TOPIC_PREFIXES_EN, TOPIC_PREFIXES_KK, TOPIC_PREFIXES_RU};

/// Letters that Kazakh has and Russian does not (plus the Latin look-alikes
/// that stand for them in extracted text).
const KK_LETTERS: &str = "әғқңөұүһіӘҒҚҢӨҰҮҺІəi";

/// Sources of the kk–ru government corpus whose alignment its PROVENANCE.md
/// rates good; only these serve as parallel abstracts and titles.
const GOOD_GOV_SOURCES: &[&str] = &[
    "akorda",
    "almatygov",
    "constcouncil",
    "egov",
    "enu1",
    "minplan",
    "muftyat1",
    "muftyat2",
    "resurs",
];

/// One language's sentences, with the indices of the on-topic ones.
#[derive(Debug, Default)]
pub(crate) struct Pool {
    pub sentences: Vec<String>,
    /// Indices of sentences holding a topic word.
    pub topical: Vec<u32>,
}

impl Pool {
    /// Adds a sentence if it ends like one (sentence-final punctuation).
    fn push(&mut self, sentence: String, prefixes: &[&str]) {
        if !sentence
            .trim_end_matches(['"', '»', ')', '\''])
            .ends_with(['.', '!', '?', '…'])
        {
            return;
        }
        if is_topical(&sentence, prefixes) {
            self.topical.push(self.sentences.len() as u32);
        }
        self.sentences.push(sentence);
    }
}

/// A unit of parallel text: the same content in Kazakh and Russian, and in
/// English when the source has it (UDHR).
#[derive(Debug)]
pub(crate) struct Parallel {
    pub kk: String,
    pub ru: String,
    pub en: Option<String>,
}

/// The real text a [`crate::Synth`] draws from.
#[derive(Debug, Default)]
pub struct Sources {
    pub(crate) kk: Pool,
    pub(crate) ru: Pool,
    pub(crate) en: Pool,
    /// Parallel units long enough for an abstract.
    pub(crate) parallel: Vec<Parallel>,
    pub(crate) parallel_topical: Vec<u32>,
    /// Short single-sentence parallel units, for titles.
    pub(crate) titles: Vec<Parallel>,
    /// Short English sentences, for English titles.
    pub(crate) en_titles: Vec<String>,
}

impl Sources {
    /// Loads the sentence pools from the evaluation data folder `data`.
    pub fn load(data: &Path) -> Result<Sources, SynthError> {
        if !data.is_dir() {
            return Err(SynthError::DataMissing(data.to_path_buf()));
        }
        let read = |rel: &str| -> Result<String, SynthError> {
            let path = data.join(rel);
            fs::read_to_string(&path).map_err(|source| SynthError::Read { path, source })
        };
        let mut s = Sources::default();

        // Kazakh–Russian government lines: parallel units from the well-aligned
        // sources, monolingual sentences from all of them.
        let gov_path = "kk_ru_parallel_gov_apertium/kk_ru_gov.aligned.tsv";
        for row in read(gov_path)?.lines().skip(1) {
            let mut cols = row.split('\t');
            let (Some(source), Some(_), Some(kk), Some(ru)) =
                (cols.next(), cols.next(), cols.next(), cols.next())
            else {
                continue;
            };
            let (kk, ru) = (clean(kk), clean(ru));
            let kk_ok = kk_letter_count(&kk) > 0 && usable(&kk, 20, 600);
            let ru_ok = kk_letter_count(&ru) == 0 && usable(&ru, 20, 600);
            if kk_ok && ru_ok && GOOD_GOV_SOURCES.contains(&source) {
                let ratio = kk.len() as f64 / ru.len() as f64;
                if (0.6..=1.7).contains(&ratio) {
                    let single = sentences(&kk).len() == 1 && sentences(&ru).len() == 1;
                    let title_like = |t: &str| {
                        let t = t.trim_end_matches('.');
                        t.split(' ').count() >= 4
                            && !t.starts_with(|c: char| c.is_ascii_digit() || c == '-')
                            && t.ends_with(|c: char| c.is_alphabetic() || c == '»')
                            && t.matches('«').count() == t.matches('»').count()
                            && !t.contains([';', ':', '(', '"', '“'])
                    };
                    if single
                        && kk.chars().count() <= 110
                        && ru.chars().count() <= 120
                        && title_like(&kk)
                        && title_like(&ru)
                    {
                        s.titles.push(Parallel {
                            kk: strip_final_stop(&kk),
                            ru: strip_final_stop(&ru),
                            en: None,
                        });
                    } else if kk.chars().count() >= 80 {
                        s.push_parallel(Parallel {
                            kk: kk.clone(),
                            ru: ru.clone(),
                            en: None,
                        });
                    }
                }
            }
            if kk_ok {
                for sentence in sentences(&kk) {
                    if kk_letter_count(sentence) > 0 && usable(sentence, 25, 350) {
                        s.kk.push(sentence.to_string(), TOPIC_PREFIXES_KK);
                    }
                }
            }
            if ru_ok {
                for sentence in sentences(&ru) {
                    if usable(sentence, 25, 350) {
                        s.ru.push(sentence.to_string(), TOPIC_PREFIXES_RU);
                    }
                }
            }
        }

        // UDHR kk/ru/en paragraphs: fully parallel units.
        for row in read("udhr_parallel/udhr_kk_ru_en.aligned.tsv")?
            .lines()
            .skip(1)
        {
            let cols: Vec<&str> = row.split('\t').collect();
            if let [_, _, kk, ru, en] = cols[..] {
                let (kk, ru, en) = (clean(kk), clean(ru), clean(en));
                if [&kk, &ru, &en].iter().all(|t| usable(t, 40, 1200)) {
                    s.push_parallel(Parallel {
                        kk,
                        ru,
                        en: Some(en),
                    });
                }
            }
        }

        // Tatoeba: short everyday sentences in each language.
        for (rel, lang) in [
            ("langid_tatoeba_laser/kaz.txt", 'k'),
            ("langid_tatoeba_laser/rus.txt", 'r'),
            ("langid_tatoeba_laser/kaz-eng.eng.txt", 'e'),
            ("langid_tatoeba_laser/rus-eng.eng.txt", 'e'),
        ] {
            for line in read(rel)?.lines() {
                let line = clean(line);
                if usable(&line, 15, 350) {
                    s.push_mono(lang, line);
                }
            }
        }

        // Universal Dependencies sentences (`# text = …`).
        for (rel, lang) in [
            ("ud_en_ewt/en_ewt-ud-dev.conllu", 'e'),
            (
                "ud_en_gum_academic/en_gum-ud-dev.academic+textbook.conllu",
                'e',
            ),
            ("ud_ru_gsd/ru_gsd-ud-dev.conllu", 'r'),
        ] {
            for line in read(rel)?.lines() {
                if let Some(text) = line.strip_prefix("# text = ") {
                    let text = clean(text);
                    if usable(&text, 25, 350) {
                        s.push_mono(lang, text);
                    }
                }
            }
        }

        // Kazakh encyclopedic texts and the segmentation corpus's sentences.
        for doc in [
            "akhmet_baitursynuly",
            "makhambet_otemisuly",
            "mirzhaqyp_dulatuly",
            "mukhtar_auezov",
            "muqagali_maqataev",
            "qazaqstan",
            "ybyrai_altynsarin",
        ] {
            let text = read(&format!("kk_morph_apertium/raw/texts2/{doc}.raw.txt"))?;
            for para in text.lines() {
                for sentence in sentences(&clean(para)) {
                    if kk_letter_count(sentence) > 0 && usable(sentence, 25, 350) {
                        s.kk.push(sentence.to_string(), TOPIC_PREFIXES_KK);
                    }
                }
            }
        }
        for row in read("kk_morph_apertium/raw/segmentation-corpus.tsv")?.lines() {
            let Some(sentence) = row.split('\t').next() else {
                continue;
            };
            let sentence = detokenize(sentence);
            if kk_letter_count(&sentence) > 0 && usable(&sentence, 25, 350) {
                s.kk.push(sentence, TOPIC_PREFIXES_KK);
            }
        }

        // English titles: short on-topic sentences first, any short ones after.
        for (i, sentence) in s.en.sentences.iter().enumerate() {
            let n = sentence.chars().count();
            let words = sentence.split(' ').count();
            if (25..=100).contains(&n)
                && words >= 4
                && sentence.ends_with('.')
                && !sentence.contains(['"', ':', ';', '(', '#', '$'])
                && s.en.topical.binary_search(&(i as u32)).is_ok()
            {
                s.en_titles.push(strip_final_stop(sentence));
            }
        }

        for (name, empty) in [
            ("Kazakh sentences", s.kk.sentences.is_empty()),
            ("Russian sentences", s.ru.sentences.is_empty()),
            ("English sentences", s.en.sentences.is_empty()),
            ("parallel kk-ru paragraphs", s.parallel.is_empty()),
            ("parallel kk-ru titles", s.titles.is_empty()),
            ("English titles", s.en_titles.is_empty()),
        ] {
            if empty {
                return Err(SynthError::Empty {
                    what: name,
                    data: data.to_path_buf(),
                });
            }
        }
        Ok(s)
    }

    fn push_parallel(&mut self, unit: Parallel) {
        if is_topical(&unit.ru, TOPIC_PREFIXES_RU) {
            self.parallel_topical.push(self.parallel.len() as u32);
        }
        self.parallel.push(unit);
    }

    fn push_mono(&mut self, lang: char, sentence: String) {
        match lang {
            'k' if kk_letter_count(&sentence) > 0 => self.kk.push(sentence, TOPIC_PREFIXES_KK),
            'r' if kk_letter_count(&sentence) == 0 => self.ru.push(sentence, TOPIC_PREFIXES_RU),
            'e' => self.en.push(sentence, TOPIC_PREFIXES_EN),
            _ => {}
        }
    }

    /// Counts of what was loaded, for messages: (kk, ru, en, parallel).
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        (
            self.kk.sentences.len(),
            self.ru.sentences.len(),
            self.en.sentences.len(),
            self.parallel.len(),
        )
    }
}

/// The default evaluation data folder, relative to the working directory.
pub fn default_data_dir() -> PathBuf {
    PathBuf::from("../shared/data")
}

fn kk_letter_count(text: &str) -> usize {
    text.chars().filter(|c| KK_LETTERS.contains(*c)).count()
}

fn is_topical(sentence: &str, prefixes: &[&str]) -> bool {
    sentence
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| w.len() >= 3)
        .any(|w| {
            let w = w.to_lowercase();
            prefixes.iter().any(|p| w.starts_with(p))
        })
}

/// Collapses whitespace and drops characters that would only be noise in a
/// paper (control characters, replacement characters).
fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().filter(|c| !c.is_control() && *c != '\u{FFFD}'));
    }
    out
}

/// Joins a tokenised sentence (`сөз , сөз .`) back into running text.
fn detokenize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for token in text.split_whitespace() {
        let attach = token.chars().all(|c| ".,;:!?)»".contains(c));
        if !out.is_empty() && !attach && !out.ends_with(['(', '«']) {
            out.push(' ');
        }
        out.push_str(token);
    }
    out
}

/// Whether a sentence is fit for a paper: a sane length, mostly letters, no
/// markup or web debris, starting like a sentence.
fn usable(text: &str, min_chars: usize, max_chars: usize) -> bool {
    let n = text.chars().count();
    if n < min_chars || n > max_chars {
        return false;
    }
    if [
        "http", "www.", "@", "&#", "JUser", "_", "|", "\\", "{", "}", "<", ">",
    ]
    .iter()
    .any(|bad| text.contains(bad))
    {
        return false;
    }
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    if letters * 10 < n * 6 {
        return false;
    }
    text.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '«')
}

/// Splits running text into sentences at `.`, `!` or `?` followed by a space
/// and a capital letter (or an opening quote).
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for w in 0..chars.len() {
        let (i, c) = chars[w];
        if matches!(c, '.' | '!' | '?')
            && chars.get(w + 1).is_some_and(|&(_, n)| n == ' ')
            && chars
                .get(w + 2)
                .is_some_and(|&(_, n)| n.is_uppercase() || n == '«')
        {
            // Not after an initial (`А. Байтұрсынұлы`).
            let before = text[start..i]
                .chars()
                .rev()
                .take_while(|c| c.is_alphabetic())
                .count();
            if before > 1 {
                out.push(text[start..=i].trim());
                start = i + 2;
            }
        }
    }
    let rest = text[start.min(text.len())..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

fn strip_final_stop(text: &str) -> String {
    text.trim_end_matches(['.', ' ']).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_at_stops_before_capitals_but_not_after_initials() {
        assert_eq!(
            sentences("Бірінші сөйлем. Екінші сөйлем! А. Байтұрсынұлы келді. Соңы"),
            vec![
                "Бірінші сөйлем.",
                "Екінші сөйлем!",
                "А. Байтұрсынұлы келді.",
                "Соңы"
            ]
        );
    }

    #[test]
    fn detokenize_attaches_punctuation() {
        assert_eq!(
            detokenize("Өсімдіктер мен жануарлар ( адам ) , пайдалы ."),
            "Өсімдіктер мен жануарлар (адам), пайдалы."
        );
    }

    #[test]
    fn usable_rejects_debris() {
        assert!(usable("Мигранттар саны артты.", 10, 100));
        assert!(!usable("JUser: :_load failed", 10, 100));
        assert!(!usable("строчная буква в начале.", 10, 100));
        assert!(!usable("12 34 56 78 90 12 34", 10, 100));
    }

    #[test]
    fn missing_data_folder_names_the_flag() {
        let err = Sources::load(Path::new("/nonexistent/ushtil-data")).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("/nonexistent/ushtil-data"), "{msg}");
        assert!(msg.contains("pass --data PATH"), "{msg}");
    }
}
