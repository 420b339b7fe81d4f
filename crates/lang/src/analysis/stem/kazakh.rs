//! Our rule-based Kazakh stemmer: strips ordered suffix classes (predicative
//! person, finite verb, case, possessive, plural, aspect, negation, voice) from
//! the end of a word, checking vowel harmony, consonant assimilation and a
//! minimum stem; the data lives in [`super::kazakh_rules`].
//!
//! The stemmer works in two modes built from the same tables: plain Kazakh
//! and Kazakh folded to the Russian keyboard (`қ` → `к`, …, see
//! [`crate::analysis::fold`]). In folded mode every suffix variant and letter
//! class goes through the fold table, and harmony is checked only on vowels
//! that the fold leaves unambiguous (`ы` back, `е` front), so `казактын`
//! stems like `қазақтың` folded.

use rustc_hash::FxHashMap as HashMap;
use smallvec::SmallVec;
use std::sync::LazyLock;

use super::kazakh_rules::{
    ALTERNATIONS, ANY, BACK_VOWELS, CLASSES, ELIDED_VOWEL_CLUSTERS, EXCEPTIONS,
    FRONT_FINAL_CONSONANTS, FRONT_VOWELS, HIGH_VOWELS, K, L, LATERALS, MIN_STEM_CHARS, N,
    NAME_ENDING_AS_CASE, NAME_ENDINGS, NASALS, NEUTRAL_VOWELS, NO_CONVERB_AFTER,
    NOUN_CASE_AFTER_AT, Needs, PROTECTED_ENDINGS, S, SIGNS, SONORANTS, STEM_EXCEPTIONS,
    STEM_FINAL_ALTERNATIONS, SURNAME_SUFFIXES, V, VOICED, VOICELESS, Y, Z,
};
use crate::analysis::fold::fold_char;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Harmony {
    Back,
    Front,
}

#[derive(Clone, Debug)]
struct Variant {
    chars: Vec<char>,
    left: u8,
    harmony: Option<Harmony>,
    bound: bool,
    min_stem: usize,
}

#[derive(Clone, Debug)]
struct ClassVariants {
    /// Longest first, so the first that fits is the longest match.
    variants: Vec<Variant>,
    /// Indices into `variants` (in their order) by the variant's last
    /// letter, sorted by letter: only those variants can fit a word ending
    /// in that letter, so the search skips the rest without comparing them.
    by_last: Vec<(char, Vec<usize>)>,
    verbal: bool,
    finite: bool,
    needs: Needs,
    min_stem: usize,
    not_after_finite: bool,
}

/// The Kazakh stemmer (build once; see [`KazakhStemmer::get`]).
#[derive(Clone, Debug)]
pub struct KazakhStemmer {
    folded: bool,
    classes: Vec<ClassVariants>,
    exceptions: HashMap<String, String>,
    protected: Vec<Vec<char>>,
    /// Every pair of adjacent letters in a protected string: a cut between
    /// two letters that are no such pair splits none (most cuts).
    protected_pairs: Vec<(char, char)>,
    no_converb_after: Vec<Vec<char>>,
    /// [`SURNAME_SUFFIXES`].
    surnames: Vec<Vec<char>>,
    /// [`SIGNS`].
    signs: Vec<char>,
    /// [`NAME_ENDING_AS_CASE`].
    case_ending: (Vec<char>, Vec<char>),
    /// [`FRONT_FINAL_CONSONANTS`] (none when folded: a folded `к` may be
    /// a `қ`).
    front_finals: Vec<char>,
    /// Protected participles and the endings before which they are nouns.
    noun_case_after_at: (Vec<Vec<char>>, Vec<Vec<char>>),
    final_alternations: Vec<(char, char)>,
    stem_exceptions: HashMap<String, String>,
    /// What each letter of U+0400..=U+04FF is, for the checks made on
    /// every suffix tried (every letter of the tables lies there).
    letters: LetterTable,
    elided: Vec<Vec<char>>,
    high_back: char,
    high_front: char,
    /// Indices into `classes` of the nominal chain read from the end of a
    /// word: case, possessive, plural.
    nominal_chain: Vec<usize>,
}

/// What [`KazakhStemmer::loan_reading`] reads a stem's suffix class as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LoanReading {
    /// Either class.
    Either,
    /// Front.
    Front,
}

/// Flags of [`LetterTable`].
const VOWEL: u8 = 1;
const BACK: u8 = 2;
const FRONT: u8 = 4;
const HIGH: u8 = 8;
const HAS_CLASS: u8 = 16;

/// The vowel flags and consonant classes of the letters of U+0400..=U+04FF,
/// read by index instead of searching the letter lists.
#[derive(Clone, Debug)]
struct LetterTable {
    flags: [u8; 256],
    class: [u8; 256],
}

impl LetterTable {
    fn new(
        back: &[char],
        front: &[char],
        vowels: &[char],
        high: &[char],
        class: &HashMap<char, u8>,
    ) -> LetterTable {
        let mut t = LetterTable {
            flags: [0; 256],
            class: [0; 256],
        };
        let index = |c: char| Self::index(c).expect("the stemmer's letters are in U+0400..=U+04FF");
        for (letters, flag) in [(back, BACK), (front, FRONT), (vowels, VOWEL), (high, HIGH)] {
            for &c in letters {
                t.flags[index(c)] |= flag;
            }
        }
        for (&c, &k) in class {
            t.flags[index(c)] |= HAS_CLASS;
            t.class[index(c)] = k;
        }
        t
    }

    fn index(c: char) -> Option<usize> {
        let i = (c as u32).wrapping_sub(0x400) as usize;
        (i < 256).then_some(i)
    }

    fn flags(&self, c: char) -> u8 {
        Self::index(c).map_or(0, |i| self.flags[i])
    }

    fn class(&self, c: char) -> Option<u8> {
        Self::index(c)
            .filter(|&i| self.flags[i] & HAS_CLASS != 0)
            .map(|i| self.class[i])
    }
}

static PLAIN: LazyLock<KazakhStemmer> = LazyLock::new(|| KazakhStemmer::build(false));
static FOLDED: LazyLock<KazakhStemmer> = LazyLock::new(|| KazakhStemmer::build(true));

fn harmonise(c: char, harmony: Harmony) -> Option<char> {
    let back = harmony == Harmony::Back;
    Some(match c {
        'А' => {
            if back {
                'а'
            } else {
                'е'
            }
        }
        'Ы' => {
            if back {
                'ы'
            } else {
                'і'
            }
        }
        'Ғ' => {
            if back {
                'ғ'
            } else {
                'г'
            }
        }
        'Қ' => {
            if back {
                'қ'
            } else {
                'к'
            }
        }
        _ => return None,
    })
}

/// Expands a template into its harmony and assimilation variants.
fn expand(template: &str, left_override: u8, bound: bool, min_stem: usize) -> Vec<Variant> {
    let chars: Vec<char> = template.chars().collect();
    let Some(&first) = chars.first() else {
        return Vec::new();
    };
    let initials: Vec<(char, u8)> = match ALTERNATIONS.iter().find(|(a, _)| *a == first) {
        Some((_, alts)) => alts.to_vec(),
        None => vec![(first, ANY)],
    };
    let harmonic = chars
        .iter()
        .chain(initials.iter().map(|(c, _)| c))
        .any(|&c| harmonise(c, Harmony::Back).is_some());
    let mut out = Vec::new();
    for harmony in [Harmony::Back, Harmony::Front] {
        for &(initial, alt_left) in &initials {
            let text: Vec<char> = std::iter::once(initial)
                .chain(chars[1..].iter().copied())
                .map(|c| harmonise(c, harmony).unwrap_or(c))
                .collect();
            out.push(Variant {
                chars: text,
                left: if left_override != 0 {
                    left_override & alt_left
                } else {
                    alt_left
                },
                harmony: harmonic.then_some(harmony),
                bound,
                min_stem,
            });
        }
        if !harmonic {
            break;
        }
    }
    out
}

/// The variants of a suffix template (`ЛЫҚ` → `лық`, `дық`, `тық`, `лік`,
/// `дік`, `тік`), back-vowel ones first, as the stemmer expands its own
/// (see [`kazakh_rules`](super::kazakh_rules)): each with the stem-final
/// classes it follows ([`ALTERNATIONS`]) and whether it is the back-vowel
/// variant (`None`: the template has no harmony).
pub fn template_variants(template: &str) -> Vec<(String, u8, Option<bool>)> {
    expand(template, 0, false, 0)
        .into_iter()
        .map(|v| {
            let back = v.harmony.map(|h| h == Harmony::Back);
            (v.chars.into_iter().collect(), v.left, back)
        })
        .collect()
}

impl KazakhStemmer {
    /// The shared stemmer: plain Kazakh, or Kazakh folded to the Russian keyboard.
    pub fn get(folded: bool) -> &'static KazakhStemmer {
        if folded { &FOLDED } else { &PLAIN }
    }

    fn build(folded: bool) -> KazakhStemmer {
        let f = |c: char| if folded { fold_char(c) } else { c };
        let fold_str = |s: &str| s.chars().map(f).collect::<String>();
        let classes = CLASSES
            .iter()
            .map(|class| {
                let mut variants: Vec<Variant> = Vec::new();
                for suffix in class.suffixes {
                    for mut v in expand(
                        suffix.template,
                        suffix.left,
                        suffix.bound,
                        suffix.min_stem.max(class.min_stem),
                    ) {
                        v.chars = v.chars.iter().map(|&c| f(c)).collect();
                        match variants
                            .iter_mut()
                            .find(|w| w.chars == v.chars && w.bound == v.bound)
                        {
                            Some(w) => {
                                w.left |= v.left;
                                if w.harmony != v.harmony {
                                    w.harmony = None;
                                }
                            }
                            None => variants.push(v),
                        }
                    }
                }
                variants.sort_by_key(|v| std::cmp::Reverse(v.chars.len()));
                let mut by_last: Vec<(char, Vec<usize>)> = Vec::new();
                for (i, v) in variants.iter().enumerate() {
                    let last = *v.chars.last().expect("expand never makes an empty variant");
                    match by_last.iter_mut().find(|(c, _)| *c == last) {
                        Some((_, list)) => list.push(i),
                        None => by_last.push((last, vec![i])),
                    }
                }
                by_last.sort_by_key(|(c, _)| *c);
                ClassVariants {
                    variants,
                    by_last,
                    verbal: class.verbal,
                    finite: class.finite,
                    needs: class.needs,
                    min_stem: class.min_stem.max(MIN_STEM_CHARS),
                    not_after_finite: class.not_after_finite,
                }
            })
            .collect();
        // A vowel keeps a definite harmony class only if no vowel of the other
        // class folds onto it.
        let folded_back: Vec<char> = BACK_VOWELS.chars().map(f).collect();
        let folded_front: Vec<char> = FRONT_VOWELS.chars().map(f).collect();
        let back: Vec<char> = folded_back
            .iter()
            .copied()
            .filter(|c| !folded_front.contains(c))
            .collect();
        let front: Vec<char> = folded_front
            .iter()
            .copied()
            .filter(|c| !folded_back.contains(c))
            .collect();
        let vowels: Vec<char> = BACK_VOWELS
            .chars()
            .chain(FRONT_VOWELS.chars())
            .chain(NEUTRAL_VOWELS.chars())
            .map(f)
            .collect();
        let high: Vec<char> = HIGH_VOWELS.chars().map(f).collect();
        let mut letter_class: HashMap<char, u8> = HashMap::default();
        for (letters, class) in [
            (SONORANTS, S),
            (LATERALS, L),
            (NASALS, N),
            (VOICED, Z),
            (VOICELESS, K),
        ] {
            for c in letters.chars().map(f) {
                *letter_class.entry(c).or_insert(0) |= class;
            }
        }
        let exceptions = EXCEPTIONS
            .iter()
            .map(|(form, stem)| (fold_str(form), fold_str(stem)))
            .collect();
        let protected: Vec<Vec<char>> = NAME_ENDINGS
            .iter()
            .chain(PROTECTED_ENDINGS)
            .map(|e| e.chars().map(f).collect())
            .collect();
        let mut protected_pairs: Vec<(char, char)> = protected
            .iter()
            .flat_map(|p| p.windows(2).map(|w| (w[0], w[1])))
            .collect();
        protected_pairs.sort_unstable();
        protected_pairs.dedup();
        let letters = LetterTable::new(&back, &front, &vowels, &high, &letter_class);
        KazakhStemmer {
            folded,
            classes,
            exceptions,
            protected,
            protected_pairs,
            noun_case_after_at: (
                NOUN_CASE_AFTER_AT
                    .0
                    .iter()
                    .map(|e| e.chars().map(f).collect())
                    .collect(),
                NOUN_CASE_AFTER_AT
                    .1
                    .iter()
                    .map(|e| e.chars().map(f).collect())
                    .collect(),
            ),
            signs: SIGNS.chars().collect(),
            case_ending: (
                NAME_ENDING_AS_CASE.0.chars().map(f).collect(),
                NAME_ENDING_AS_CASE.1.chars().map(f).collect(),
            ),
            surnames: SURNAME_SUFFIXES
                .iter()
                .map(|e| e.chars().map(f).collect())
                .collect(),
            front_finals: if folded {
                Vec::new()
            } else {
                FRONT_FINAL_CONSONANTS.chars().collect()
            },
            no_converb_after: NO_CONVERB_AFTER
                .iter()
                .map(|e| e.chars().map(f).collect())
                .collect(),
            final_alternations: STEM_FINAL_ALTERNATIONS
                .iter()
                .map(|&(a, b)| (f(a), f(b)))
                .filter(|(a, b)| a != b)
                .collect(),
            stem_exceptions: STEM_EXCEPTIONS
                .iter()
                .map(|(a, b)| (fold_str(a), fold_str(b)))
                .collect(),
            elided: ELIDED_VOWEL_CLUSTERS
                .iter()
                .map(|c| c.chars().map(f).collect())
                .collect(),
            high_back: f('ы'),
            high_front: f('і'),
            letters,
            nominal_chain: ["case", "possessive", "plural"]
                .iter()
                .map(|name| {
                    CLASSES
                        .iter()
                        .position(|c| c.name == *name)
                        .expect("kazakh_rules has the nominal classes")
                })
                .collect(),
        }
    }

    /// Whether this stemmer works on folded text.
    pub fn is_folded(&self) -> bool {
        self.folded
    }

    fn is_vowel(&self, c: char) -> bool {
        self.letters.flags(c) & VOWEL != 0
    }

    /// The left context (`V`, `Y`, `S`, `L`, `N`, `Z`, `K`) a suffix sees
    /// after the letter `c`.
    pub(crate) fn left_class(&self, c: char) -> u8 {
        let flags = self.letters.flags(c);
        if flags & HIGH != 0 {
            Y
        } else if flags & VOWEL != 0 {
            // `у` is also the glide /w/: `шығару-ы`, `тау-лар` (see SONORANTS).
            V | self.letters.class(c).unwrap_or(0)
        } else {
            // Unknown letters (Russian ъ ь, …) count as voiceless-like consonants.
            self.letters.class(c).unwrap_or(K)
        }
    }

    /// Whether cutting `word` at `cut` splits a protected string.
    fn cuts_protected(&self, word: &[char], cut: usize) -> bool {
        // A protected string split at `cut` has the letters on both sides of
        // the cut next to each other.
        let around = cut
            .checked_sub(1)
            .and_then(|before| Some((*word.get(before)?, *word.get(cut)?)));
        if around.is_none_or(|pair| self.protected_pairs.binary_search(&pair).is_err()) {
            return false;
        }
        let (participles, cases) = &self.noun_case_after_at;
        self.protected.iter().any(|p| {
            let noun = participles.contains(p)
                && cases.iter().any(|c| {
                    word.len() >= p.len() + c.len()
                        && word.ends_with(c)
                        && word[..word.len() - c.len()].ends_with(p)
                });
            !noun && self.splits(word, cut, p)
        })
    }

    /// Whether cutting `word` at `cut` splits one of [`NAME_ENDINGS`]
    /// (what the detector's Kazakh layer asks of its suffixes).
    pub(crate) fn splits_name_ending(&self, word: &[char], cut: usize) -> bool {
        self.protected[..NAME_ENDINGS.len()]
            .iter()
            .any(|p| self.splits(word, cut, p))
    }

    /// Whether cutting `word` at `cut` falls inside `p` after a stem (`ат-ы-на`
    /// is free), unless `p` is [`NAME_ENDING_AS_CASE`] there.
    fn splits(&self, word: &[char], cut: usize, p: &[char]) -> bool {
        (1..p.len()).any(|k| {
            cut >= k + MIN_STEM_CHARS
                && cut - k + p.len() <= word.len()
                && word[cut - k..cut - k + p.len()] == p[..]
                && !(*p == self.case_ending.0[..]
                    && self.case_ending.1.contains(&word[cut - k - 1]))
        })
    }

    /// Whether `word` ends in a surname suffix ([`SURNAME_SUFFIXES`]) after
    /// a root with a vowel (`Назарбаев`, `Жұмабеков`).
    pub(crate) fn is_surname(&self, word: &[char]) -> bool {
        self.surnames.iter().any(|s| {
            word.ends_with(s)
                && word[..word.len() - s.len()]
                    .iter()
                    .any(|&c| self.is_vowel(c))
        })
    }

    /// The readings of a loanword stem that decide its suffixes' class
    /// before its last vowel does: either class after a final sign
    /// ([`SIGNS`]) and after a surname suffix that follows a root
    /// ([`SURNAME_SUFFIXES`]), front after a `к`/`г` that closes a cluster
    /// ([`FRONT_FINAL_CONSONANTS`]). The detector reads stems the same way.
    pub(crate) fn loan_reading(&self, stem: &[char]) -> Option<LoanReading> {
        let n = stem.len();
        if stem.last().is_some_and(|c| self.signs.contains(c)) {
            return Some(LoanReading::Either);
        }
        if self.is_surname(stem) {
            return Some(LoanReading::Either);
        }
        if n >= 2 && self.front_finals.contains(&stem[n - 1]) && !self.is_vowel(stem[n - 2]) {
            return Some(LoanReading::Front);
        }
        None
    }

    /// The class of the suffixes `stem` takes (`None`: either): its last
    /// vowel's, unless a loanword reading says otherwise ([`Self::loan_reading`]).
    fn stem_harmony(&self, stem: &[char]) -> Option<Harmony> {
        match self.loan_reading(stem) {
            Some(LoanReading::Either) => return None,
            Some(LoanReading::Front) => return Some(Harmony::Front),
            None => {}
        }
        let last = stem.iter().rev().find(|&&c| self.is_vowel(c))?;
        let flags = self.letters.flags(*last);
        if flags & BACK != 0 {
            Some(Harmony::Back)
        } else if flags & FRONT != 0 {
            Some(Harmony::Front)
        } else {
            None
        }
    }

    fn fits(&self, word: &[char], v: &Variant, finite: bool, min_stem: usize) -> bool {
        if v.bound && !finite {
            return false;
        }
        // Suffixes are a few letters: compared in place, not by memcmp.
        if word.len() < v.chars.len()
            || !word
                .iter()
                .rev()
                .zip(v.chars.iter().rev())
                .all(|(a, b)| a == b)
        {
            return false;
        }
        let stem = &word[..word.len() - v.chars.len()];
        if stem.len() < min_stem.max(v.min_stem) || !stem.iter().any(|&c| self.is_vowel(c)) {
            return false;
        }
        if self.cuts_protected(word, stem.len()) {
            return false;
        }
        if v.bound && self.no_converb_after.iter().any(|e| stem.ends_with(e)) {
            return false;
        }
        // The sound before the suffix: a final sign is not one.
        let last = *stem
            .iter()
            .rev()
            .find(|c| !self.signs.contains(c))
            .expect("stem has a vowel");
        if self.left_class(last) & v.left == 0 {
            return false;
        }
        match (v.harmony, self.stem_harmony(stem)) {
            (Some(h), Some(s)) => h == s,
            _ => true,
        }
    }

    /// Stems one normalised (lowercase) word. Words that are not all Cyrillic
    /// letters are returned unchanged.
    pub fn stem(&self, word: &str) -> String {
        let mut out = String::new();
        if self.stem_into(word, &mut out) {
            out
        } else {
            word.to_string()
        }
    }

    /// Stems one normalised word into `out` (cleared first) and returns
    /// `true`, or returns `false` when the stem is the word itself (`out` is
    /// then left empty or holding the word). What the analysers call, so a
    /// token costs no new String.
    pub fn stem_into(&self, word: &str, out: &mut String) -> bool {
        out.clear();
        if let Some(stem) = self.exceptions.get(word) {
            out.push_str(stem);
            return out != word;
        }
        if word.is_empty() || !word.chars().all(is_cyrillic_letter) {
            return false;
        }
        // On the stack for words of up to 32 letters (nearly all).
        let mut chars: SmallVec<[char; 32]> = word.chars().collect();
        let mut verbal = false;
        let mut finite = false;
        for class in &self.classes {
            if class.needs == Needs::Verbal && !verbal || class.not_after_finite && finite {
                continue;
            }
            let Some(last) = chars.last() else {
                break;
            };
            let Ok(at) = class.by_last.binary_search_by_key(last, |(c, _)| *c) else {
                continue;
            };
            if let Some(v) = class.by_last[at]
                .1
                .iter()
                .map(|&i| &class.variants[i])
                .find(|v| self.fits(&chars, v, finite, class.min_stem))
            {
                chars.truncate(chars.len() - v.chars.len());
                verbal |= class.verbal;
                // Bound suffixes must sit right before the finite ending.
                finite = class.finite;
            }
        }
        let mut changed = false;
        if let Some(last) = chars.last_mut()
            && let Some((_, to)) = self
                .final_alternations
                .iter()
                .find(|(from, _)| from == last)
        {
            *last = *to;
            changed = true;
        }
        if chars.len() >= 3
            && let Some(cluster) = self.elided.iter().find(|c| chars.ends_with(c))
        {
            let high = match self.stem_harmony(&chars[..chars.len() - cluster.len()]) {
                Some(Harmony::Front) => self.high_front,
                _ => self.high_back,
            };
            chars.insert(chars.len() - 1, high);
            changed = true;
        }
        // Unless changed, the stem is the word cut after its first letters;
        // every letter is Cyrillic, two bytes of UTF-8 (U+0400..=U+052F), so
        // those are its first two bytes a letter, copied at once (a tenth of
        // the stemmer's time went to encoding the letters one by one).
        match word.get(..2 * chars.len()) {
            Some(prefix) if !changed => out.push_str(prefix),
            _ => out.extend(chars),
        }
        if let Some(fixed) = self.stem_exceptions.get(out.as_str()) {
            out.clear();
            out.push_str(fixed);
        }
        out != word
    }
}

/// Whether `c` is a Cyrillic letter: in the Cyrillic blocks
/// ([`crate::lookalike::is_cyrillic`]) and alphabetic. Written out because
/// `char::is_alphabetic` searches a table for every non-ASCII letter; the two
/// non-letter runs of U+0400..=U+052F are the thousands sign U+0482 and the
/// combining marks U+0483..=U+0489 (a test checks every char against
/// `is_alphabetic`).
fn is_cyrillic_letter(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{0481}' | '\u{048A}'..='\u{052F}')
}

impl KazakhStemmer {
    /// Where `word` (lowercase letters) can be cut before a chain of Kazakh
    /// nominal suffixes — plural, possessive and case, each optional, at
    /// least one, in that order — as this stemmer's tables allow them (vowel
    /// harmony, the stem's last sound, minimum stems): the cut positions in
    /// chars, each stem at least `min_stem` letters. The language detector
    /// reads loanwords this way (`Москва-да`, `университет-і-мен`).
    pub fn nominal_suffix_cuts(&self, word: &[char], min_stem: usize) -> Vec<usize> {
        let mut cuts = Vec::new();
        self.chain_cuts(word, word.len(), &self.nominal_chain, min_stem, &mut cuts);
        cuts.sort_unstable_by(|a, b| b.cmp(a));
        cuts.dedup();
        cuts
    }

    fn chain_cuts(
        &self,
        word: &[char],
        end: usize,
        slots: &[usize],
        min_stem: usize,
        cuts: &mut Vec<usize>,
    ) {
        for (k, &slot) in slots.iter().enumerate() {
            let class = &self.classes[slot];
            for v in &class.variants {
                let part = &word[..end];
                if v.chars.len() + min_stem > end || !self.fits(part, v, false, class.min_stem) {
                    continue;
                }
                let cut = end - v.chars.len();
                cuts.push(cut);
                if cuts.len() < 16 {
                    self.chain_cuts(word, cut, &slots[k + 1..], min_stem, cuts);
                }
            }
        }
    }
}

/// Stems a normalised Kazakh word with the plain stemmer.
pub fn stem(word: &str) -> String {
    KazakhStemmer::get(false).stem(word)
}

/// Stems a normalised, folded Kazakh word with the folded stemmer.
pub fn stem_folded(word: &str) -> String {
    KazakhStemmer::get(true).stem(word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::fold::fold;

    #[track_caller]
    fn check(word: &str, expected: &str) {
        assert_eq!(stem(word), expected, "stem({word:?})");
        assert_eq!(
            stem_folded(&fold(word)),
            fold(expected),
            "stem_folded(fold({word:?}))"
        );
    }

    #[test]
    fn cyrillic_letter_test_agrees_with_is_alphabetic() {
        for c in ('\u{0300}'..='\u{0600}').chain('a'..='z') {
            assert_eq!(
                is_cyrillic_letter(c),
                crate::lookalike::is_cyrillic(c) && c.is_alphabetic(),
                "U+{:04X}",
                c as u32
            );
            // `stem_into` copies a stem as the word's first two bytes a letter.
            assert!(
                !is_cyrillic_letter(c) || c.len_utf8() == 2,
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn plural_and_case() {
        check("мигранттардың", "мигрант");
        check("мигранттар", "мигрант");
        check("мигрант", "мигрант");
        check("қазақтың", "қазақ");
        check("қалаларда", "қала");
        check("жылдары", "жыл");
        check("елдерден", "ел");
    }

    #[test]
    fn possessive_and_case() {
        check("облысы", "облыс");
        check("колледждерінің", "колледж");
        check("конкурсы", "конкурс");
    }

    #[test]
    fn verbs() {
        check("болады", "бол");
        check("болды", "бол");
        check("болған", "бол");
        check("болып", "бол");
        check("зерттеліп", "зертте");
        check("жазылды", "жаз");
        check("бармады", "бар");
    }

    #[test]
    fn deverbal_nouns_in_ym_keep_their_ending() {
        // `ғылым` (science) is not `ғыл` + 1sg possessive; all its forms agree.
        check("ғылым", "ғылым");
        check("ғылымы", "ғылым");
        check("ғылымның", "ғылым");
        check("білім", "білім");
    }

    #[test]
    fn dative_after_first_and_second_person_possessive() {
        check("басыма", "бас");
        check("еліңе", "ел");
    }

    #[test]
    fn third_person_accusative_is_not_an_imperative() {
        check("жұмысын", "жұмыс");
        // Folded, `басын` is also `ба` + 2sg `-сың` (`ң` folds to `н`).
        assert_eq!(stem("басын"), "бас");
    }

    #[test]
    fn intention_participle_leaves_a_stem_of_three_letters() {
        // `бар-мақ` (intends to go) strips; `еңбек` (labour) is not `ең`
        // (most) + `-бек`, nor `көмек` (help) `кө` + `-мек`.
        check("бармақ", "бар");
        check("еңбек", "еңбек");
        check("еңбегі", "еңбек");
        check("көмек", "көмек");
    }

    #[test]
    fn genitive_after_nasals_and_short_vowel_stems() {
        check("адам", "адам");
        check("адамның", "адам");
        check("адамдар", "адам");
    }

    #[test]
    fn derived_verbs_in_la_da_keep_their_vowel() {
        // `қолда-ды` (past) and `қолда-й-ды` (present) share `қолда`,
        // while `бар-а-ды` still loses its converb.
        check("қолдады", "қолда");
        check("қолдайды", "қолда");
        check("барады", "бар");
    }

    #[test]
    fn passive_of_short_roots() {
        check("ашылды", "аш");
        check("ашады", "аш");
        check("ашылған", "аш");
    }

    #[test]
    fn second_person_polite_after_converb_but_not_privative() {
        check("келесіз", "кел");
        check("келеді", "кел");
        assert_eq!(stem("елсіз"), "елсіз");
    }

    #[test]
    fn agent_nouns_in_ushy() {
        check("шығарушы", "шығар");
        check("шығару", "шығар");
        check("алушылар", "ал");
    }

    #[test]
    fn conditional_second_person_and_imperative_first_person() {
        check("болсаң", "бол");
        check("білсең", "біл");
        check("болайын", "бол");
        // The month `ай` in the accusative is too short to hold `-айын`.
        check("айын", "ай");
    }

    #[test]
    fn accusative_after_vowels_leaves_a_real_stem() {
        // `күн-і` (its day) is not `кү` + accusative `-ні`.
        check("күні", "күн");
        check("күн", "күн");
        check("қаланы", "қала");
        check("алмастан", "ал");
    }

    #[test]
    fn nouns_in_at_et_with_possessive_and_case_are_not_participles() {
        check("мемлекетінің", "мемлекет");
        check("мемлекет", "мемлекет");
        check("саясатына", "саясат");
        check("қызметінен", "қызмет");
        // The participle keeps its protection, with or without a case.
        check("келетін", "кел");
        check("келетінге", "кел");
        // Nouns in `-ай`/`-ей` likewise; the imperative takes no case.
        check("жағдайына", "жағдай");
        check("деңгейінен", "деңгей");
        check("барайын", "бар");
    }

    #[test]
    fn harmony_and_assimilation_block_false_suffixes() {
        // `-лер` is front: not stripped after a back stem.
        assert_eq!(stem("балер"), "балер");
        // `-тар` needs a voiceless consonant before it.
        assert_eq!(stem("батар"), "батар");
    }

    #[test]
    fn loanword_stems_take_the_suffixes_kazakh_writes_after_them() {
        // Surnames in `-ов`/`-ев`: a suffix of either class (the root's or
        // the surname suffix's).
        check("назарбаевтың", "назарбаев");
        check("тоқаевқа", "тоқаев");
        check("ізмұхамбетовтің", "ізмұхамбетов");
        check("жақсыбековты", "жақсыбеков");
        // `к` closing a cluster: front.
        check("банктер", "банк");
        check("банкке", "банк");
        // A patronymic is not a surname with the dative `-на`.
        check("николаевна", "николаевна");
        check("николаевнаға", "николаевна");
        // `-стан` ends a place name, but after a back vowel it is a stem's
        // `-с` and the ablative.
        check("қазақстан", "қазақстан");
        check("қазақстаннан", "қазақстан");
        check("пәкістан", "пәкістан");
        check("жұмыстан", "жұмыс");
        check("облыстан", "облыс");
        // After a sign, the sound before it; either class.
        check("медальдің", "медаль");
        check("медальмен", "медаль");
        check("магистральдар", "магистраль");
    }

    #[test]
    fn minimum_stem_and_exceptions() {
        assert_eq!(stem("ал"), "ал");
        assert_eq!(stem("оның"), "ол");
        assert_eq!(stem("маған"), "мен");
    }

    #[test]
    fn non_cyrillic_untouched() {
        assert_eq!(stem("policy"), "policy");
        assert_eq!(stem("2010"), "2010");
        assert_eq!(stem(""), "");
    }
}
