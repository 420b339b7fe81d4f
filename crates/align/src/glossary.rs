//! The trilingual glossary: curated kk/ru/en term triples shipped in
//! `corpus/glossary.tsv`, plus translations mined from aligned text by Dice
//! over co-occurrence ([`Miner`]).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use ushtil_lang::Lang;

use crate::text::{Token, is_stopword, stem, tokens};

/// The curated glossary, compiled in from `corpus/glossary.tsv` (written by the
/// project; its header names the sources).
pub const CURATED_TSV: &str = include_str!("../../../corpus/glossary.tsv");

/// One glossary entry: the same term in up to three languages (synonyms
/// allowed), and how sure we are of it (1.0 for curated entries, the Dice
/// score for mined ones).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Entry {
    pub kk: Vec<String>,
    pub ru: Vec<String>,
    pub en: Vec<String>,
    pub score: f32,
}

impl Entry {
    /// The entry's phrases in `lang`.
    pub fn terms(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::Kk => &self.kk,
            Lang::Ru => &self.ru,
            Lang::En => &self.en,
            Lang::Und => &[],
        }
    }

    fn terms_mut(&mut self, lang: Lang) -> Option<&mut Vec<String>> {
        match lang {
            Lang::Kk => Some(&mut self.kk),
            Lang::Ru => Some(&mut self.ru),
            Lang::En => Some(&mut self.en),
            Lang::Und => None,
        }
    }
}

/// The error of reading a glossary file.
#[derive(Debug, thiserror::Error)]
pub enum GlossaryError {
    #[error("cannot read glossary {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "glossary {path} line {line}: expected 3 or 4 tab-separated columns (kk, ru, en, optional score), found {found}"
    )]
    Columns {
        path: String,
        line: usize,
        found: usize,
    },
}

/// A concept id: the index of an entry in its glossary.
pub type ConceptId = u32;

/// Shortest word prefix (in letters) tried when a word's stem is not in the
/// glossary: Kazakh appends endings to the unchanged stem, so a prefix finds
/// `қытай` in `қытайлық`; Russian and English need longer prefixes to stay safe.
fn min_prefix(lang: Lang) -> usize {
    match lang {
        Lang::Kk => 4,
        _ => 6,
    }
}

/// A trilingual glossary with a word index.
#[derive(Clone, Debug, Default)]
pub struct Glossary {
    entries: Vec<Entry>,
    index: HashMap<(Lang, String), Vec<ConceptId>>,
}

impl Glossary {
    /// An empty glossary.
    pub fn new() -> Self {
        Self::default()
    }

    /// The curated glossary shipped with ushtil.
    pub fn curated() -> Self {
        Self::parse(CURATED_TSV, "corpus/glossary.tsv")
            .expect("the curated glossary is checked by a unit test")
    }

    /// Reads a glossary TSV file (see [`Glossary::parse`]).
    pub fn read(path: &Path) -> Result<Self, GlossaryError> {
        let text = std::fs::read_to_string(path).map_err(|source| GlossaryError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Self::parse(&text, &path.display().to_string())
    }

    /// Parses glossary TSV: `#` comment lines, a `kk ru en [score]` header,
    /// then one entry a line; synonyms within a cell separated by `|`; a cell
    /// may be empty.
    pub fn parse(text: &str, path: &str) -> Result<Self, GlossaryError> {
        let mut glossary = Self::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if !(3..=4).contains(&cols.len()) {
                return Err(GlossaryError::Columns {
                    path: path.to_string(),
                    line: n + 1,
                    found: cols.len(),
                });
            }
            if cols[0].trim() == "kk" && cols[1].trim() == "ru" {
                continue;
            }
            let split = |cell: &str| -> Vec<String> {
                cell.split('|')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect()
            };
            let score = cols
                .get(3)
                .and_then(|s| s.trim().parse::<f32>().ok())
                .filter(|s| s.is_finite())
                .unwrap_or(1.0)
                .clamp(0.0, 1.0);
            glossary.push(Entry {
                kk: split(cols[0]),
                ru: split(cols[1]),
                en: split(cols[2]),
                score,
            });
        }
        Ok(glossary)
    }

    /// Writes the glossary as TSV that [`Glossary::parse`] reads back.
    pub fn to_tsv(&self, header_comment: &str) -> String {
        let mut out = String::new();
        for line in header_comment.lines() {
            let _ = writeln!(out, "# {line}");
        }
        out.push_str("kk\tru\ten\tscore\n");
        for e in &self.entries {
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{:.3}",
                e.kk.join("|"),
                e.ru.join("|"),
                e.en.join("|"),
                e.score
            );
        }
        out
    }

    /// Adds an entry and indexes its words.
    pub fn push(&mut self, entry: Entry) {
        let id = self.entries.len() as ConceptId;
        for lang in Lang::KNOWN {
            for phrase in entry.terms(lang) {
                for token in tokens(phrase) {
                    let Token::Word(word) = token else { continue };
                    if is_stopword(lang, &word) || word.chars().count() < 2 {
                        continue;
                    }
                    let stemmed = stem(lang, &word);
                    // Snowball stems Russian nouns inconsistently across
                    // cases (`китай` → `кита`, `китая` → `кит`): also index
                    // the stem less its last letter.
                    let shorter = (lang == Lang::Ru && stemmed.chars().count() >= 4).then(|| {
                        let mut s = stemmed.clone();
                        s.pop();
                        s
                    });
                    for key in [Some(stemmed), Some(word), shorter].into_iter().flatten() {
                        let ids = self.index.entry((lang, key)).or_default();
                        if !ids.contains(&id) {
                            ids.push(id);
                        }
                    }
                }
            }
        }
        self.entries.push(entry);
    }

    /// Adds every entry of `other`.
    pub fn extend(&mut self, other: Glossary) {
        for e in other.entries {
            self.push(e);
        }
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn entry(&self, id: ConceptId) -> Option<&Entry> {
        self.entries.get(id as usize)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The concepts a normalised word of `lang` belongs to: by its stem, else
    /// by its longest prefix that is a glossary stem (at least `min_prefix`
    /// letters), else none.
    pub fn concepts(&self, lang: Lang, word: &str) -> &[ConceptId] {
        if let Some(ids) = self.index.get(&(lang, stem(lang, word))) {
            return ids;
        }
        if let Some(ids) = self.index.get(&(lang, word.to_string())) {
            return ids;
        }
        let bounds: Vec<usize> = word.char_indices().map(|(i, _)| i).skip(1).collect();
        let min = min_prefix(lang);
        for (n, &end) in bounds.iter().enumerate().rev() {
            if n + 1 < min {
                break;
            }
            if let Some(ids) = self.index.get(&(lang, word[..end].to_string())) {
                return ids;
            }
        }
        &[]
    }

    /// The concepts of every word of a phrase, deduplicated.
    pub fn phrase_concepts(&self, lang: Lang, phrase: &str) -> Vec<ConceptId> {
        let mut ids = Vec::new();
        for token in tokens(phrase) {
            if let Token::Word(w) = token {
                for &id in self.concepts(lang, &w) {
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
            }
        }
        ids
    }
}

/// Mines term translations from aligned text: every aligned unit (a keyword
/// pair, a sentence pair) votes for the pairs of content stems it holds, and a
/// pair is kept when its Dice coefficient `2·c(a,b) / (c(a) + c(b))` and its
/// count pass the thresholds and each side is the other's best partner.
#[derive(Debug, Default)]
pub struct Miner {
    /// Per language pair (a < b in `Lang` order): co-occurrence counts.
    pairs: HashMap<(Lang, Lang), HashMap<(String, String), u32>>,
    /// Per language pair, per side: how many units of that pair hold the stem.
    counts: HashMap<(Lang, Lang), [HashMap<String, u32>; 2]>,
}

fn content_stems(lang: Lang, text: &str) -> Vec<String> {
    let mut out: Vec<String> = tokens(text)
        .into_iter()
        .filter_map(|t| match t {
            Token::Word(w) if w.chars().count() >= 3 && !is_stopword(lang, &w) => {
                Some(stem(lang, &w))
            }
            _ => None,
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

impl Miner {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records one aligned unit: `a` in `la` translates `b` in `lb`.
    pub fn add(&mut self, la: Lang, a: &str, lb: Lang, b: &str) {
        if la == lb || la == Lang::Und || lb == Lang::Und {
            return;
        }
        let (la, a, lb, b) = if la < lb {
            (la, a, lb, b)
        } else {
            (lb, b, la, a)
        };
        let sa = content_stems(la, a);
        let sb = content_stems(lb, b);
        if sa.is_empty() || sb.is_empty() {
            return;
        }
        let counts = self.counts.entry((la, lb)).or_default();
        for s in &sa {
            *counts[0].entry(s.clone()).or_default() += 1;
        }
        for s in &sb {
            *counts[1].entry(s.clone()).or_default() += 1;
        }
        let pairs = self.pairs.entry((la, lb)).or_default();
        for x in &sa {
            for y in &sb {
                *pairs.entry((x.clone(), y.clone())).or_default() += 1;
            }
        }
    }

    /// The mined glossary: one entry per kept stem pair (the third language
    /// empty), scored by its Dice coefficient, best first.
    pub fn finish(&self, min_count: u32, min_dice: f32) -> Glossary {
        let mut mined: Vec<(f32, Lang, String, Lang, String)> = Vec::new();
        let mut keys: Vec<&(Lang, Lang)> = self.pairs.keys().collect();
        keys.sort();
        for key in keys {
            let pairs = &self.pairs[key];
            let counts = &self.counts[key];
            let mut best_a: HashMap<&str, (f32, &str)> = HashMap::new();
            let mut best_b: HashMap<&str, (f32, &str)> = HashMap::new();
            let mut scored = Vec::new();
            for ((x, y), &c) in pairs {
                if c < min_count {
                    continue;
                }
                let dice = 2.0 * c as f32 / (counts[0][x] + counts[1][y]) as f32;
                if dice < min_dice {
                    continue;
                }
                scored.push((dice, x.as_str(), y.as_str()));
                let ba = best_a.entry(x).or_insert((0.0, ""));
                if dice > ba.0 || (dice == ba.0 && y.as_str() < ba.1) {
                    *ba = (dice, y);
                }
                let bb = best_b.entry(y).or_insert((0.0, ""));
                if dice > bb.0 || (dice == bb.0 && x.as_str() < bb.1) {
                    *bb = (dice, x);
                }
            }
            for (dice, x, y) in scored {
                if best_a[x].1 == y && best_b[y].1 == x {
                    mined.push((dice, key.0, x.to_string(), key.1, y.to_string()));
                }
            }
        }
        mined.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then_with(|| (&a.2, &a.4).cmp(&(&b.2, &b.4)))
        });
        let mut glossary = Glossary::new();
        for (dice, la, x, lb, y) in mined {
            let mut entry = Entry {
                kk: vec![],
                ru: vec![],
                en: vec![],
                score: dice,
            };
            if let Some(t) = entry.terms_mut(la) {
                t.push(x);
            }
            if let Some(t) = entry.terms_mut(lb) {
                t.push(y);
            }
            glossary.push(entry);
        }
        glossary
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curated_glossary_parses_and_covers_the_domain() {
        let g = Glossary::parse(CURATED_TSV, "corpus/glossary.tsv").unwrap();
        assert!(g.len() >= 100, "only {} entries", g.len());
        for e in g.entries() {
            let filled = [&e.kk, &e.ru, &e.en]
                .iter()
                .filter(|t| !t.is_empty())
                .count();
            assert_eq!(
                filled, 3,
                "curated entry must have all three languages: {e:?}"
            );
        }
    }

    #[test]
    fn inflected_words_find_their_concept() {
        let g = Glossary::curated();
        let china_kk = g.concepts(Lang::Kk, "қытай");
        assert!(!china_kk.is_empty());
        for (lang, word) in [
            (Lang::Kk, "қытайлық"),
            (Lang::Kk, "қытайдың"),
            (Lang::Ru, "китая"),
            (Lang::Ru, "китайских"),
            (Lang::En, "china"),
            (Lang::En, "chinese"),
        ] {
            let ids = g.concepts(lang, word);
            assert!(
                ids.iter().any(|id| china_kk.contains(id)),
                "{word} ({lang}) should share a concept with қытай"
            );
        }
        let migrant = g.concepts(Lang::Kk, "мигранттар");
        assert!(
            g.concepts(Lang::Ru, "мигранты")
                .iter()
                .any(|id| migrant.contains(id))
        );
        assert!(
            g.concepts(Lang::En, "migrants")
                .iter()
                .any(|id| migrant.contains(id))
        );
        assert!(g.concepts(Lang::En, "zebra").is_empty());
    }

    #[test]
    fn parse_reports_the_bad_line() {
        let err = Glossary::parse("kk\tru\ten\nоne column\n", "g.tsv").unwrap_err();
        assert_eq!(
            err.to_string(),
            "glossary g.tsv line 2: expected 3 or 4 tab-separated columns (kk, ru, en, optional score), found 1"
        );
    }

    #[test]
    fn tsv_round_trips() {
        let mut g = Glossary::new();
        g.push(Entry {
            kk: vec!["еңбек".into()],
            ru: vec!["труд".into(), "работа".into()],
            en: vec!["labour".into()],
            score: 0.5,
        });
        let back = Glossary::parse(&g.to_tsv("test\nglossary"), "x").unwrap();
        assert_eq!(back.entries(), g.entries());
    }

    #[test]
    fn miner_finds_consistent_translations() {
        let mut m = Miner::new();
        let pairs = [
            ("еңбек нарығы", "рынок труда"),
            ("еңбек көші-қоны", "трудовая миграция"),
            ("еңбек ресурстары", "трудовые ресурсы"),
            ("ауыл шаруашылығы", "сельское хозяйство"),
            ("нарық экономикасы", "рыночная экономика"),
        ];
        for (kk, ru) in pairs {
            m.add(Lang::Kk, kk, Lang::Ru, ru);
        }
        let g = m.finish(2, 0.5);
        let labour = g.concepts(Lang::Kk, "еңбек");
        assert!(!labour.is_empty(), "еңбек was not mined: {:?}", g.entries());
        assert!(
            g.concepts(Lang::Ru, "трудовая")
                .iter()
                .any(|id| labour.contains(id))
        );
        assert!(
            g.concepts(Lang::Ru, "сельское").is_empty(),
            "single votes are not kept"
        );
    }
}
