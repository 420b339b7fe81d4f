//! Closed-set language detection: `kk`, `ru`, `en`, or `und`.
//!
//! How a text is read:
//! 1. URLs and e-mail addresses are skipped; the rest is split into words,
//!    Latin look-alikes inside Cyrillic words are read as Cyrillic
//!    ([`crate::lookalike`]), and letters are counted per script.
//! 2. Too few letters, or mostly letters of another script (Chinese, Arabic…):
//!    `und`.
//! 3. Mostly Latin: English, unless whatlang is sure the text is another
//!    Latin-script language (then `und`).
//! 4. Mostly Cyrillic: every Cyrillic word is scored by character n-gram
//!    models ([`model`]) of Kazakh, Russian and the confusers that share the
//!    script (Kyrgyz, Tatar, Mongolian, Ukrainian, Belarusian, Bulgarian,
//!    Macedonian, Uzbek, Yakut, Turkmen), plus the Kazakh layer
//!    ([`kazakh`]: suffixes under vowel harmony, function words, `к` for `қ`).
//!    Words inside quotation marks (a Kazakh order's name in a Russian
//!    sentence) count for a tenth of a word beside the text around them,
//!    and Roman numerals typed with `І` are not words.
//!    A confuser must beat the best of `kk`/`ru` by a fixed margin to make the
//!    answer `und`, so short items stay in the closed set unless their letters
//!    say otherwise (`ї`, `ў`, `җ`…), and longer text in another language is
//!    rejected.
//!
//! ```
//! use ushtil_lang::{Lang, detect};
//! assert_eq!(detect("Қазақстан Республикасының Президенті").lang, Lang::Kk);
//! assert_eq!(detect("Государственная политика в области образования").lang, Lang::Ru);
//! assert_eq!(detect("the President of Kazakhstan").lang, Lang::En);
//! assert_eq!(detect("2015").lang, Lang::Und);
//! ```

pub mod alphabets;
mod estimate;
pub mod kazakh;
pub mod model;
#[cfg(feature = "lingua")]
pub mod peer;
pub mod slavic;
pub mod tables;
pub mod train;

use std::cell::RefCell;
use std::sync::LazyLock;

use serde::Serialize;

use crate::memo::Memo;
use crate::{Lang, case};
use model::{Model, ModelLang, NL, Scores, WordScript};

/// A detected language with a confidence in `0.0..=1.0`.
///
/// For `kk`, `ru` and `en` the confidence is how sure the detector is of
/// that language. For `und` it is how sure it is that the text is in none of
/// them: `1.0` for text without letters of a known script (digits, URLs,
/// Chinese), the strength of the other language's evidence when a confuser
/// won, and `0.0` when the text is too short to tell.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Detection {
    pub lang: Lang,
    pub confidence: f32,
}

impl Detection {
    fn und(confidence: f32) -> Detection {
        Detection {
            lang: Lang::Und,
            confidence,
        }
    }
}

static MODEL: LazyLock<Model> = LazyLock::new(Model::shipped);

static DEFAULT: LazyLock<Detector> = LazyLock::new(|| Detector::builder().build());

thread_local! {
    /// Each Cyrillic word's evidence (its scores and the confuser marks it
    /// carries) by its framed letter codes, with the Kazakh layer off and on
    /// (index 0, 1); the loan reading of short texts is not kept. Scoring a
    /// word reads its n-grams from the model's tables, a few thousand
    /// instructions and cache misses; the words of a batch of papers repeat,
    /// so most are scored once per thread (detection was a tenth of
    /// ingestion). Depends only on the shipped model, which every
    /// [`Detector`] shares.
    static WORD_EVIDENCE: RefCell<[WordEvidence; 2]> = RefCell::new(
        [Memo::new(WORD_EVIDENCE_WORDS), Memo::new(WORD_EVIDENCE_WORDS)]);
}

/// A word's framed letter codes → its scores and confuser marks.
type WordEvidence = Memo<Box<[u16]>, (Scores, u16)>;

/// How many words each generation of [`WORD_EVIDENCE`] keeps per thread
/// (see [`Memo`]): about 3 MB full (a thread per core keeps one). A
/// 1,000-paper load costs the same detection instructions with 16,384,
/// 32,768 or 65,536 words.
const WORD_EVIDENCE_WORDS: usize = 1 << 14;

/// Empties this thread's memory of word evidence, so that a measurement of
/// speed starts cold (as a process does) rather than with every word of
/// its items already scored by an earlier pass.
pub fn forget_word_evidence() {
    WORD_EVIDENCE.with_borrow_mut(|memo| memo.iter_mut().for_each(WordEvidence::clear));
    kazakh::forget_roots();
}

/// Detects the language of `text` (a word, a title, a sentence or a
/// paragraph) with the default [`Detector`].
pub fn detect(text: &str) -> Detection {
    DEFAULT.detect(text)
}

/// Whether `word` is written as a name: a capital, then lower case only
/// (an initial alone too).
fn is_name_like(word: &str) -> bool {
    let mut chars = word.chars();
    // Asked of most words of a sentence: the case of the basic Latin and
    // Cyrillic letters without a table search.
    chars.next().is_some_and(case::is_uppercase) && chars.all(|c| !case::is_uppercase(c))
}

/// Options of a [`Detector`]; see [`DetectorBuilder`].
#[derive(Clone, Debug)]
pub struct DetectorBuilder {
    min_letters: usize,
    open_set: bool,
    confuser_margin: f32,
    use_kazakh_layer: bool,
    plain_word_bias: f32,
    /// Read every word of a text, Latin ones included, before answering
    /// (the tests' reference for the early answer of Latin text).
    read_whole: bool,
}

impl Default for DetectorBuilder {
    fn default() -> Self {
        DetectorBuilder {
            min_letters: 3,
            open_set: true,
            confuser_margin: CONFUSER_MARGIN,
            use_kazakh_layer: true,
            plain_word_bias: PLAIN_WORD_BIAS,
            read_whole: false,
        }
    }
}

/// How many nats a confuser language must win by to make the answer `und`.
const CONFUSER_MARGIN: f32 = 8.0;
/// The margin when one of the winning confuser's own function words or
/// spellings occurred (`що`, `това`, `-ння`; [`slavic`]), for texts of
/// three words or more. Set on the dev half of `ushtil eval langid`.
const MARKED_CONFUSER_MARGIN: f32 = 4.0;
/// Default of [`DetectorBuilder::plain_word_bias`].
const PLAIN_WORD_BIAS: f32 = 3.0;
/// How much a word written as a name (a capital, then lower case, no
/// Kazakh-only letter) counts in a text of one or two words, where a name
/// can outweigh the word beside it: Russian and Kazakh write most names
/// alike (`сезона Алекс`, `және Чехословакия`). Set on the dev half of
/// `ushtil eval langid` (0.3 to 0.7 within 3 items of 11,300 word and pair
/// items; the first word exempted, as if capitalised for a sentence's
/// start, was 1 to 4 items worse). Applied to longer texts too, it moved
/// the test half's Ukrainian sentences labelled `ru` from 4.4 to 6.2%.
const NAME_WEIGHT: f32 = 0.5;
/// In a text of three words or more, a name's Russian score is at least its
/// Kazakh score less this many nats. Russian text about Kazakhstan writes
/// Kazakh names (`Назарбаева`, `Казахстана`, `Камзина`), which the small
/// Russian table reads as foreign: official Russian lines with a few of them
/// lost to the Bulgarian or Tatar table and were answered `und`.
///
/// A name here: a capital, then lower case, no Kazakh-only letter, not
/// quoted, and not opening a sentence (counted so, the capitals of the
/// first words put one Belarusian and one Ukrainian sentence of the dev half
/// into Russian). Set on the dev half of `ushtil eval langid`: ru-gov
/// sentences answered wrong 149 → 140 (at 2 nats the same, and one more
/// Kyrgyz sentence in the closed set); Kyrgyz sentences labelled kk or ru
/// 21 → 22 of 687; nothing else moved. Kazakh does not borrow Russian's
/// reading back: that put Kyrgyz and Ukrainian sentences with names
/// (`Питер`, `Шопена`) into the closed set, and mended one gov line.
const NAME_BORROWING_COST: f32 = 4.0;
/// Extra margin for a one-word item (half of it for two words).
const SHORT_EXTRA_MARGIN: f32 = 12.0;
/// Stop reading a long text once the winner leads every other language by
/// this many nats (and the text has at least [`STOP_MIN_LETTERS`] letters).
const STOP_MARGIN: f32 = 60.0;
const STOP_MIN_LETTERS: usize = 60;
/// Temperature of the confidence: the n-gram log-likelihoods of independent
/// letters overstate certainty.
const CONFIDENCE_SCALE: f32 = 3.0;
/// Temperature of the confidence for one Cyrillic word without a
/// Kazakh-only letter. Such a word is often written alike in both languages
/// (`профессор`, `Прага`), and at [`CONFIDENCE_SCALE`] its confidence
/// overstated how often it is right: on the dev half of `ushtil eval
/// langid`'s single words, answers of 0.95–0.99 were right 89% of the time
/// and of 0.99–0.999 96%. At this scale (the best fit by log loss, a grid of
/// 3/0.05 … 3/2) the 0.8–0.95 answers are right 89% of the time and the
/// 0.95–0.99 ones 97%. Words with such a letter, and two words, were as
/// often right as their confidence says or more, and keep the scale.
const PLAIN_WORD_CONFIDENCE_SCALE: f32 = 5.5;

impl DetectorBuilder {
    /// Texts with fewer letters than this are `und` (default 3).
    pub fn min_letters(mut self, n: usize) -> Self {
        self.min_letters = n;
        self
    }

    /// Whether Cyrillic text in a confuser language (Kyrgyz, Tatar, Ukrainian…)
    /// is answered `und` (default true); when false it gets the closest of
    /// `kk`/`ru`.
    pub fn open_set(mut self, yes: bool) -> Self {
        self.open_set = yes;
        self
    }

    /// How many nats (natural-log likelihood units) a confuser must win by
    /// to make the answer `und` (default 8).
    pub fn confuser_margin(mut self, nats: f32) -> Self {
        self.confuser_margin = nats;
        self
    }

    /// Whether the Kazakh morphology layer adds its evidence (default true;
    /// off only to measure what it brings).
    pub fn kazakh_layer(mut self, yes: bool) -> Self {
        self.use_kazakh_layer = yes;
        self
    }

    /// Nats added to Russian for every Cyrillic word without a Kazakh-only
    /// letter (`ә ғ қ ң ө ұ ү һ і`): the Kazakh table, learned from less
    /// text, spreads more probability over unseen letter sequences, so
    /// without this a Russian word it has never seen looks Kazakh.
    pub fn plain_word_bias(mut self, nats: f32) -> Self {
        self.plain_word_bias = nats;
        self
    }

    /// Reads every word of a text before answering (tests only).
    #[cfg(test)]
    pub(crate) fn read_whole(mut self) -> Self {
        self.read_whole = true;
        self
    }

    pub fn build(self) -> Detector {
        Detector {
            model: &MODEL,
            options: self,
        }
    }
}

/// A language detector over the closed set `kk`, `ru`, `en` (plus `und`).
///
/// Cheap to share and call from many threads; the tables are parsed once per
/// process, on first use.
pub struct Detector {
    model: &'static Model,
    options: DetectorBuilder,
}

impl Detector {
    pub fn builder() -> DetectorBuilder {
        DetectorBuilder::default()
    }

    /// Detects the language of `text`.
    pub fn detect(&self, text: &str) -> Detection {
        let mut cyr_letters = 0usize;
        let mut lat_letters = 0usize;
        let mut other_letters = 0usize;
        let mut scores: Scores = [0.0; NL];
        let mut buf = Vec::with_capacity(32);
        let mut cyr_words = 0usize;
        let mut letters_seen = LetterEvidence::default();
        // The loan reading costs a second pass over most Russian words; a
        // text of three words or more has enough native evidence without it.
        let loans = text.split_whitespace().nth(2).is_none();
        let mut quotes = Quotes::default();
        // Words inside quotation marks (`«Құрмет»`), apart from the rest.
        let mut quoted = Quoted::default();
        let mut outside_bias = 0.0;
        // Whether the next word opens a sentence (its capital is no name's).
        let mut opening = true;
        // The previous token's last word, when it is Cyrillic and ends the
        // token: the word an enclitic particle (`комедия да`) would follow.
        let mut prev_word: Option<&str> = None;
        // A span of one or two words: what a Kazakh word beside a loan
        // would make of it ([`Borrowing`]).
        let mut borrowing = Borrowing::default();
        for token in text.split_whitespace() {
            if is_url_or_email(token) {
                prev_word = None;
                continue;
            }
            let before = prev_word.take();
            let mut last_cyrillic = None;
            let mut fed = 0;
            model::for_each_word(token, &mut buf, |script, word, codes| {
                let letters = codes.len() - 2;
                let at = (word.as_ptr() as usize).saturating_sub(token.as_ptr() as usize);
                quotes.feed(token.get(fed..at).unwrap_or(""));
                fed = at + word.len();
                let (scores, words, ru_bias) = if quotes.inside() {
                    (&mut quoted.scores, &mut quoted.words, &mut quoted.ru_bias)
                } else {
                    (&mut scores, &mut cyr_words, &mut outside_bias)
                };
                match script {
                    WordScript::Cyrillic if is_roman_numeral(word) => {}
                    WordScript::Cyrillic => {
                        cyr_letters += letters;
                        *words += 1;
                        last_cyrillic = Some(at..at + word.len());
                        let seen = letters_seen.add(codes);
                        // In a span of one or two words, a name (`Нафталан`,
                        // `Чехословакия`) is written alike in both languages
                        // and says less about which one is around it.
                        // A Kazakh function word (`мен`, `Олар`) is neither
                        // written alike in Russian nor a name.
                        // In a longer text, a name past the sentence's
                        // opening and outside quotes is one Russian may
                        // have from Kazakh ([`NAME_BORROWING_COST`]).
                        // A particle after a word (`комедия да`) is no
                        // Russian word: Turkic evidence, and no bias.
                        // So is a suffix hyphenated to an abbreviation or a
                        // number (`КСРО-да`, `км-ден`).
                        let particle = (at == 0
                            && before.is_some_and(|prev| kazakh::is_enclitic_particle(word, prev)))
                            || (at > 0 && kazakh::is_hyphenated_suffix(&token[..at], word));
                        // A short Kazakh word (`су`, `бас`), as a particle
                        // is, but only as a word of its own: Russian writes
                        // `бас-гитара`.
                        let short = !seen.kazakh
                            && kazakh::is_kazakh_short_word(codes)
                            && word.len()
                                == token.trim_matches(|c: char| !c.is_alphanumeric()).len();
                        let function_word = particle
                            || short
                            || (!seen.kazakh && kazakh::is_kazakh_function_word(codes));
                        let inside = quotes.inside();
                        let written_as_name = !seen.kazakh
                            && !function_word
                            && (loans || (!opening && !inside))
                            && is_name_like(word);
                        let name = loans && written_as_name;
                        let borrowed_name = !loans && written_as_name;
                        let alpha = if name { NAME_WEIGHT } else { 1.0 };
                        if !seen.kazakh && !function_word {
                            *ru_bias += alpha * self.options.plain_word_bias;
                        }
                        let (ki, ri) = (ModelLang::Kk.index(), ModelLang::Ru.index());
                        let before_word = (scores[ki], scores[ri]);
                        // Decide whether this `і` speaks for Ukrainian or
                        // Belarusian: a Kazakh name in a Russian sentence
                        // (`«Ана тілі»`, `Ертіс`) reads as Kazakh. (Once the
                        // text has another Kazakh letter, or such an `і`,
                        // the question is answered.)
                        // A quoted word's `і` is kept apart: a quoted name
                        // (`«Мерейлі отбасы»`) in a Russian sentence is
                        // Kazakh, not a sign of Ukrainian.
                        let dotted_i = if inside {
                            &mut quoted.dotted_i
                        } else {
                            &mut letters_seen.dotted_i
                        };
                        if seen.only_dotted_i && !letters_seen.kazakh_not_i && !*dotted_i {
                            let mut word: Scores = [0.0; NL];
                            letters_seen.confuser_words |=
                                self.score_cyrillic_word(codes, loans, name, &mut word);
                            let kk = word[ModelLang::Kk.index()];
                            if word[ModelLang::Uk.index()].max(word[ModelLang::Be.index()]) >= kk {
                                *dotted_i = true;
                            }
                            add_scores(scores, &word);
                        } else if borrowed_name {
                            let mut w: Scores = [0.0; NL];
                            letters_seen.confuser_words |=
                                self.score_cyrillic_word(codes, loans, name, &mut w);
                            w[ri] = w[ri].max(w[ki] - NAME_BORROWING_COST);
                            add_scores(scores, &w);
                        } else if alpha == 1.0 {
                            // Most words: added straight in, no copy.
                            letters_seen.confuser_words |=
                                self.score_cyrillic_word(codes, loans, name, scores);
                        } else {
                            let mut w: Scores = [0.0; NL];
                            letters_seen.confuser_words |=
                                self.score_cyrillic_word(codes, loans, name, &mut w);
                            for (s, w) in scores.iter_mut().zip(w) {
                                *s += alpha * w;
                            }
                        }
                        if loans && !inside {
                            // The word's own reading, before what the span's
                            // rules below add.
                            let own = (scores[ki] - before_word.0, scores[ri] - before_word.1);
                            // A word of the root lexicon (which a function
                            // word or a word with a Kazakh letter does not
                            // need), unless written as a name past the span's
                            // opening (a Kazakh name in a Russian span:
                            // `у Тараза`); one the tables read as Russian by
                            // far is not looked up.
                            let named_inside = name && !opening;
                            let root = !(seen.kazakh || function_word || named_inside)
                                && own.1 - own.0 < kazakh::ROOT_MAX_RUSSIAN_LEAD
                                && kazakh::is_kazakh_root(codes);
                            if root {
                                add_turkic(scores, alpha * kazakh::ROOT_EVIDENCE);
                            }
                            // A loan with Kazakh suffixes after an
                            // international stem (`федерация-сы`) that reads
                            // as Kazakh is Kazakh morphology as sure as a
                            // root.
                            let surely_kazakh = function_word
                                || root
                                || (seen.kazakh && !seen.only_dotted_i)
                                || (!named_inside
                                    && own.0 > own.1
                                    && kazakh::has_marked_loan_cut(codes));
                            borrowing.add(own, surely_kazakh);
                        }
                        if particle || short {
                            add_turkic(scores, kazakh::FUNCTION_WORD_EVIDENCE);
                        }
                    }
                    WordScript::Latin => lat_letters += letters,
                    WordScript::Other => other_letters += letters,
                }
                true
            });
            if fed == token.len() {
                prev_word = last_cyrillic
                    .filter(|w| w.end == token.len())
                    .and_then(|w| token.get(w));
            }
            quotes.feed(token.get(fed..).unwrap_or(""));
            let ends_sentence = token.ends_with(['.', '!', '?', '…']);
            if fed > 0 || ends_sentence {
                opening = ends_sentence;
            }
            if cyr_letters + lat_letters >= STOP_MIN_LETTERS
                && self.settled(&quoted.merged(&scores, cyr_words), cyr_letters, lat_letters)
            {
                break;
            }
            // The rest of the text adds at most a letter a byte: when the
            // Latin letters outnumber the Cyrillic ones by more than that,
            // and the other scripts' letters cannot outnumber the known
            // ones, the answer is `latin(text)` whatever follows, as the
            // whole text would give it (English paragraphs and references
            // were read to their end, for nothing).
            if lat_letters > cyr_letters && !self.options.read_whole {
                let rest =
                    text.len() - (token.as_ptr() as usize - text.as_ptr() as usize + token.len());
                let known = cyr_letters + lat_letters;
                if lat_letters > cyr_letters + rest
                    && other_letters + rest <= known
                    && known >= self.options.min_letters
                {
                    break;
                }
            }
        }
        scores[ModelLang::Kk.index()] += borrowing.credit();
        let scores = quoted.merged(&scores, cyr_words);
        letters_seen.ru_bias = outside_bias + quoted.weight(cyr_words) * quoted.ru_bias;
        // A quoted word's `і` speaks for the text only where the quotes are
        // most of it (what [`Quoted::weight`] counts in full).
        letters_seen.dotted_i |= quoted.dotted_i && quoted.weight(cyr_words) == 1.0;
        let cyr_words = cyr_words + quoted.words;
        let known = cyr_letters + lat_letters;
        if known == 0 {
            return Detection::und(1.0);
        }
        if other_letters > known {
            return Detection::und(1.0);
        }
        if known < self.options.min_letters {
            return Detection::und(0.0);
        }
        if lat_letters > cyr_letters {
            return self.latin(text);
        }
        self.cyrillic(&scores, cyr_words, &letters_seen)
    }

    /// Adds the evidence of one framed Cyrillic word (`_word_` codes) to
    /// `scores`: the n-gram models, the alphabets, and the Kazakh layer —
    /// which also reads the word as a Russian stem with Kazakh suffixes
    /// (`Москва-да`, `принцип-ін`), the way Kazakh writes its loanwords.
    /// Those readings run with `loans` (texts of one or two words); `name`
    /// (a word written as a name, without a Kazakh letter) adds a Russian
    /// name's genitive (`Моцарт-а`) to the Russian reading.
    fn score_cyrillic_word(
        &self,
        codes: &[u16],
        loans: bool,
        name: bool,
        scores: &mut Scores,
    ) -> u16 {
        if loans {
            return self.score_cyrillic_word_uncached(codes, true, name, scores);
        }
        let layer = usize::from(self.options.use_kazakh_layer);
        let hit = WORD_EVIDENCE.with_borrow(|memo| memo[layer].get(codes).copied());
        let (word, marked) = hit.unwrap_or_else(|| {
            WORD_EVIDENCE.with_borrow_mut(|memo| {
                *memo[layer].get_or_insert_with(codes, || {
                    let mut word: Scores = [0.0; NL];
                    let marked = self.score_cyrillic_word_uncached(codes, false, false, &mut word);
                    (word, marked)
                })
            })
        });
        add_scores(scores, &word);
        marked
    }

    fn score_cyrillic_word_uncached(
        &self,
        codes: &[u16],
        loans: bool,
        name: bool,
        scores: &mut Scores,
    ) -> u16 {
        let mut word: Scores = [0.0; NL];
        self.model.score_word(codes, &mut word);
        alphabets::score_word(codes, &mut word);
        let marked = slavic::score_word(codes, &mut word);
        if self.options.use_kazakh_layer {
            let (kk, ru) = kazakh::evidence(codes);
            let (ki, ri) = (ModelLang::Kk.index(), ModelLang::Ru.index());
            word[ki] += kk;
            word[ri] += ru;
            // An international stem with a one-letter Russian case
            // (`фактор-а`): one of the mirror readings, and where the loan
            // reading does not cut; found once for both.
            let marked_case = if loans {
                kazakh::russian_marked_case_cut(codes)
            } else {
                None
            };
            // A loan stem with a Russian case ending (`президент-ом`, and
            // after an international stem one letter, `фактор-а`), or a
            // name with its genitive (`Моцарт-а`): the mirror of the loan
            // reading below.
            let cut = || {
                let case_evidence = |cut: usize| {
                    let ending = (codes.len() - 1 - cut) as f32;
                    kazakh::RUSSIAN_READING_EVIDENCE
                        + kazakh::RUSSIAN_READING_LETTER_EVIDENCE * ending
                };
                // A name's genitive before an international stem's: the
                // same cut (`Сенат-а`), and the name's evidence is the
                // stronger.
                kazakh::russian_case_cut(codes)
                    .map(|cut| (cut, case_evidence(cut)))
                    .or_else(|| {
                        let cut = kazakh::russian_name_case_cut(codes).filter(|_| name)?;
                        Some((cut, kazakh::RUSSIAN_NAME_READING_EVIDENCE))
                    })
                    .or_else(|| marked_case.map(|cut| (cut, case_evidence(cut))))
            };
            if loans
                && word[ki] > word[ri]
                && let Some((cut, evidence)) = cut()
            {
                // The word's letters outside the Russian alphabet still count.
                let mut outside: Scores = [0.0; NL];
                alphabets::score_word(codes, &mut outside);
                let mut framed = codes[..=cut].to_vec();
                framed[cut] = model::BOUNDARY;
                let mut s: Scores = [0.0; NL];
                self.model.score_word(&framed, &mut s);
                let reading = s[ki] + outside[ri] + evidence;
                word[ri] = word[ri].max(reading);
            }
            // Read as a loan wherever Russian would win once the text adds
            // its bias for words without Kazakh letters: a Kazakh-suffixed
            // loan the Kazakh table had a little ahead (`механизм-дер`,
            // `стратегия-сы`) lost to the bias untried.
            if loans && word[ri] + self.options.plain_word_bias > word[ki] {
                let mut stem = [0u16; kazakh::MAX_LOAN_CHARS + 2];
                for cut in kazakh::loan_cuts(codes) {
                    // Not through the stem of the mirror reading above.
                    if marked_case.is_some_and(|m| kazakh::splits_marked_stem(codes, cut, m)) {
                        continue;
                    }
                    let framed = &mut stem[..cut + 1];
                    framed[..cut].copy_from_slice(&codes[..cut]);
                    framed[cut] = model::BOUNDARY;
                    let mut s: Scores = [0.0; NL];
                    self.model.score_word(framed, &mut s);
                    alphabets::score_word(framed, &mut s);
                    let suffix = (codes.len() - 1 - cut) as f32;
                    let mut loan =
                        s[ri] + kazakh::LOAN_EVIDENCE + kazakh::LOAN_LETTER_EVIDENCE * suffix;
                    if kazakh::marks_a_loan(codes, cut) {
                        loan += kazakh::MARKED_LOAN_EVIDENCE;
                    }
                    word[ki] = word[ki].max(loan);
                    // A chain that is also a Russian case ending (`-ым`:
                    // Kazakh `дос-ым`, Russian `непрост-ым`) reads the same
                    // stem as Russian just as well.
                    if kazakh::is_russian_case_ending(&codes[cut..codes.len() - 1]) {
                        word[ri] = word[ri].max(loan);
                    }
                }
            }
            // A word only Russian spells so (`Казахстан`): what the Kazakh
            // table knows of it is Russian's.
            if kazakh::has_russian_spelling(codes) {
                word[ri] = word[ri].max(word[ki]);
                word[ki] += kazakh::RUSSIAN_SPELLING_EVIDENCE;
            }
        }
        add_scores(scores, &word);
        marked
    }

    /// Whether reading more of a long text cannot change the answer.
    fn settled(&self, scores: &Scores, cyr: usize, lat: usize) -> bool {
        if lat > cyr {
            return false;
        }
        let (best, second) = top2(scores, |l| l != ModelLang::En);
        best - second > STOP_MARGIN
    }

    fn latin(&self, text: &str) -> Detection {
        // whatlang knows many Latin-script languages; we trust it only when
        // it is sure the text is not English and the text is long enough,
        // and ask it only when the text has fewer than two of the commonest
        // English words (whatlang costs tens of µs a sentence).
        // A list of names (`Kristen Quinn, Sarah Mulholland`) or an address
        // has no language whatlang could be sure of: English, as in the
        // bylines of our papers.
        if self.options.open_set
            && text.len() >= 40
            && english_function_words(text) < 2
            && lowercase_words(text) >= 3
        {
            let prefix = prefix_at_char_boundary(text, 600);
            // Two function words of another Latin-script language and none
            // of English: whatlang is seldom sure of one sentence of German
            // without umlauts, but `der`, `und`, `nicht` are.
            if reads_as_other_latin(prefix) {
                return Detection::und(0.8);
            }
            // Letters English does not write (`é`, `ñ`, `ü`, `ş`) lower the
            // bar: whatlang is rarely "reliable" on one sentence of French.
            let accented = prefix.chars().any(|c| {
                matches!(c, '\u{00C0}'..='\u{024F}') && c != '\u{00D7}' && c != '\u{00F7}'
            });
            if let Some(info) = whatlang::detect(prefix)
                && info.script() == whatlang::Script::Latin
                && info.lang() != whatlang::Lang::Eng
                && ((info.is_reliable() && info.confidence() > 0.9)
                    || (accented && info.confidence() > 0.5))
            {
                return Detection::und(info.confidence() as f32);
            }
        }
        Detection {
            lang: Lang::En,
            confidence: 0.99,
        }
    }

    fn cyrillic(&self, scores: &Scores, words: usize, letters: &LetterEvidence) -> Detection {
        let kk = scores[ModelLang::Kk.index()];
        let ru = scores[ModelLang::Ru.index()];
        // The bias decides between kk and ru only; against the confusers
        // each competes with its own score.
        let (closed, closed_score, other_closed) = if kk >= ru + letters.ru_bias {
            (Lang::Kk, kk, ru + letters.ru_bias)
        } else {
            (Lang::Ru, ru, kk - letters.ru_bias)
        };
        if self.options.open_set && letters.foreign {
            // Letters neither Kazakh nor Russian use (`ї`, `ў`, `җ`, `ј`, a
            // Bulgarian `ъ` before a consonant).
            return Detection::und(0.9);
        }
        if self.options.open_set && closed == Lang::Ru && letters.dotted_i && !letters.kazakh_not_i
        {
            // Russian has no `і`; with no other Kazakh letter, this is
            // Ukrainian or Belarusian.
            return Detection::und(0.8);
        }
        // Bulgarian, Macedonian and Ukrainian write neither `ы` nor `э`.
        let no_yery = |l| matches!(l, ModelLang::Bg | ModelLang::Mk | ModelLang::Uk);
        let keep = |l: ModelLang| {
            let closed_set = matches!(l, ModelLang::Kk | ModelLang::Ru | ModelLang::En);
            !(closed_set || (letters.yery && no_yery(l)))
        };
        let (conf_score, _) = top2(scores, keep);
        let conf_lang = ModelLang::ALL
            .into_iter()
            .filter(|&l| keep(l))
            .max_by(|a, b| scores[a.index()].total_cmp(&scores[b.index()]));
        let conf_marked = conf_lang.is_some_and(|l| letters.confuser_words & (1 << l.index()) != 0);
        // Short items need more evidence to leave the closed set; Kazakh
        // text of three words or more without any letter Kyrgyz, Mongolian
        // or Tatar lack (`ә ғ қ ұ і һ`) needs none beyond winning.
        let margin = if closed == Lang::Kk && !letters.kazakh_distinct && words >= 3 {
            0.0
        } else if conf_marked && words >= 3 {
            // The confuser's own words or spellings occurred: Russian text
            // does not write them, so its tables need not win by as much.
            MARKED_CONFUSER_MARGIN
        } else {
            self.options.confuser_margin
                + match words {
                    0 | 1 => SHORT_EXTRA_MARGIN,
                    2 => SHORT_EXTRA_MARGIN / 2.0,
                    _ => 0.0,
                }
        };
        // One or two words leave the closed set only on their letters (the
        // checks above): the tables learn words, not languages, from a few
        // hundred sentences, so a Russian keyword the Bulgarian table
        // happened to see (`футболист`) would otherwise be lost.
        let letters_only = words <= 2;
        if self.options.open_set && !letters_only && conf_score - margin > closed_score {
            let m = conf_score - margin - closed_score;
            return Detection::und(logistic(m / CONFIDENCE_SCALE));
        }
        let rival = if self.options.open_set {
            other_closed.max(conf_score - margin)
        } else {
            other_closed
        };
        let scale = if words == 1 && !letters.kazakh_only {
            PLAIN_WORD_CONFIDENCE_SCALE
        } else {
            CONFIDENCE_SCALE
        };
        Detection {
            lang: closed,
            confidence: logistic((closed_score - rival) / scale),
        }
    }

    /// The per-language scores of the Cyrillic words of `text` (for tests and
    /// the evaluation's diagnostics), as `(code, log-likelihood)` pairs.
    pub fn scores(&self, text: &str) -> Vec<(&'static str, f32)> {
        let mut scores: Scores = [0.0; NL];
        let mut buf = Vec::new();
        model::for_each_word(text, &mut buf, |script, word, codes| {
            if script == WordScript::Cyrillic {
                // A name as `detect` reads one (not a Kazakh function word).
                let plain = !LetterEvidence::default().add(codes).kazakh;
                let name = plain && !kazakh::is_kazakh_function_word(codes) && is_name_like(word);
                let _ = self.score_cyrillic_word(codes, true, name, &mut scores);
            }
            true
        });
        ModelLang::ALL
            .into_iter()
            .map(|l| (l.code(), scores[l.index()]))
            .collect()
    }
}

/// Kazakh writes Russian words as they are (`республика болды`, `жеке
/// том`); Russian text does not write Kazakh words, but for names. So in a
/// span of one or two words with a word that is surely Kazakh (a Kazakh
/// letter, a function word or particle, a word of the root lexicon, a
/// word read as Kazakh whose loan reading has an international stem:
/// `kazakh::has_marked_loan_cut`), every word counts for Kazakh at least
/// at its Russian score: one that reads as Russian is a loan (or a Kazakh
/// word the tables misread). Without such
/// a word, a Russian-looking word keeps counting against Kazakh, so
/// Russian spans stay Russian. Set on the dev half of `ushtil eval
/// langid`: Kazakh taking a loan at its Russian score less 2 or 4 nats
/// left 4 and 8 more Kazakh word pairs wrong than at its Russian score,
/// and no Russian item fewer; a word's own Kazakh margin as the licence
/// (of 3 to 12 nats) cost 2 to 42 Russian pairs.
#[derive(Default)]
struct Borrowing {
    /// How far the Russian reading of each word is ahead of its Kazakh
    /// one, summed over the words where it is.
    loans: f32,
    /// A word that is surely Kazakh occurred.
    licensed: bool,
}

impl Borrowing {
    /// One word: its own `(kazakh, russian)` scores, and whether it is
    /// surely Kazakh.
    fn add(&mut self, (kk, ru): (f32, f32), surely_kazakh: bool) {
        self.loans += (ru - kk).max(0.0);
        self.licensed |= surely_kazakh;
    }

    /// What the span's Kazakh score gains.
    fn credit(&self) -> f32 {
        if self.licensed { self.loans } else { 0.0 }
    }
}

/// Letters of a text that point at or away from Kazakh.
#[derive(Default)]
struct LetterEvidence {
    /// A letter of Kazakh that Kyrgyz, Mongolian and Tatar do not write.
    kazakh_distinct: bool,
    /// A Kazakh-only letter, `і` included.
    kazakh_only: bool,
    /// A letter that neither Kazakh nor Russian writes.
    foreign: bool,
    /// Sum of [`DetectorBuilder::plain_word_bias`] over the words without a
    /// Kazakh-only letter (quoted words at their weight, [`Quoted`]), used
    /// only between Kazakh and Russian.
    ru_bias: f32,
    /// A word whose `і` (with no other Kazakh letter) reads as Ukrainian or
    /// Belarusian rather than as a Kazakh name.
    dotted_i: bool,
    /// A Kazakh-only letter other than `і`.
    kazakh_not_i: bool,
    /// `ы` or `э`, which Bulgarian, Macedonian and Ukrainian do not write.
    yery: bool,
    /// Confuser languages (a bit per [`ModelLang`]) one of whose own
    /// function words or spellings occurred ([`slavic::score_word`]).
    confuser_words: u16,
}

/// Kazakh letters absent from Kyrgyz, Mongolian and Tatar Cyrillic (Kyrgyz
/// and Mongolian share `ң ө ү`, Tatar `ә ө ү ң һ` — but Tatar has no `ғ қ ұ і`).
const KAZAKH_DISTINCT: &str = "әғқұіһ";
/// The letters of the Kazakh alphabet that Russian lacks.
pub(super) const KAZAKH_ONLY: &str = "әғқңөұүһі";
/// Cyrillic letters of the confusers that neither Kazakh nor Russian uses:
/// Ukrainian `ї є ґ`, Belarusian `ў`, Tatar `җ`, Serbian/Macedonian
/// `ј љ њ ћ ђ џ ѓ ќ ѕ` (the alphabets as listed by the Unicode CLDR exemplar
/// characters of each language).
const FOREIGN_LETTERS: &str = "їєґўҗјљњћђџѓќѕ";
/// Russian writes `ъ` only before `е ё ю я`; Bulgarian writes it as a vowel.
const HARD_SIGN_FOLLOWERS: &str = "еёюя";

/// Flags of a letter code for [`LetterEvidence`], one table look-up per
/// letter instead of a search of each letter list.
mod flag {
    pub const KAZAKH_ONLY: u8 = 1;
    pub const KAZAKH_DISTINCT: u8 = 2;
    pub const FOREIGN: u8 = 4;
    pub const HARD_SIGN_FOLLOWER: u8 = 8;
    pub const YERY: u8 = 16;
    pub const DOTTED_I: u8 = 32;
    pub const HARD_SIGN: u8 = 64;
}

static LETTER_FLAGS: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let mut t = vec![0u8; 0x1000];
    let mut set = |letters: &str, f: u8| {
        for c in letters.chars() {
            t[model::code_of(c) as usize] |= f;
        }
    };
    set(KAZAKH_ONLY, flag::KAZAKH_ONLY);
    set(KAZAKH_DISTINCT, flag::KAZAKH_DISTINCT);
    set(FOREIGN_LETTERS, flag::FOREIGN);
    set(HARD_SIGN_FOLLOWERS, flag::HARD_SIGN_FOLLOWER);
    set("ыэ", flag::YERY);
    set("і", flag::DOTTED_I);
    set("ъ", flag::HARD_SIGN);
    t
});

impl LetterEvidence {
    /// Notes the letters of a word, except `і` (its caller decides, see
    /// [`WordLetters::only_dotted_i`]).
    fn add(&mut self, framed: &[u16]) -> WordLetters {
        let flags = &*LETTER_FLAGS;
        let of = |c: u16| flags.get(c as usize).copied().unwrap_or(0);
        let mut word = WordLetters::default();
        let mut kazakh_not_i = false;
        for (i, &c) in framed.iter().enumerate() {
            let f = of(c);
            if f == 0 {
                continue;
            }
            if f & flag::YERY != 0 {
                self.yery = true;
            }
            if f & flag::KAZAKH_ONLY != 0 {
                word.kazakh = true;
                self.kazakh_only = true;
                if f & flag::DOTTED_I != 0 {
                    word.only_dotted_i = true;
                } else {
                    kazakh_not_i = true;
                }
            }
            if f & flag::KAZAKH_DISTINCT != 0 {
                self.kazakh_distinct = true;
            }
            let bulgarian_hard_sign = f & flag::HARD_SIGN != 0
                && framed.get(i + 1).is_some_and(|&n| {
                    n != model::BOUNDARY && of(n) & flag::HARD_SIGN_FOLLOWER == 0
                });
            if f & flag::FOREIGN != 0 || bulgarian_hard_sign {
                self.foreign = true;
            }
        }
        if kazakh_not_i {
            self.kazakh_not_i = true;
            word.only_dotted_i = false;
        }
        word
    }
}

/// Where a text's quotation marks open and close: `«…»` (nested), `“…”`,
/// `„…“` and straight `"…"`.
#[derive(Default)]
struct Quotes {
    /// Open `«`, `“` and `„` not yet closed.
    depth: u32,
    straight: bool,
}

impl Quotes {
    fn feed(&mut self, s: &str) {
        for c in s.chars() {
            match c {
                '«' | '„' => self.depth += 1,
                '“' if self.depth == 0 => self.depth += 1,
                '»' | '”' | '“' => self.depth = self.depth.saturating_sub(1),
                '"' => self.straight = !self.straight,
                _ => {}
            }
        }
    }

    fn inside(&self) -> bool {
        self.depth > 0 || self.straight
    }
}

/// The evidence of the words inside quotation marks. A quoted name keeps
/// its own language (`награжден орденом «Құрмет»`, `«Қазақстан темір жолы»
/// ұлттық компаниясы`), so where the text has words of its own around the
/// quotes, the quoted words count for [`QUOTED_WEIGHT`] of a word each.
#[derive(Default)]
struct Quoted {
    scores: Scores,
    words: usize,
    ru_bias: f32,
    /// A quoted word's `і` read as Ukrainian or Belarusian
    /// ([`LetterEvidence::dotted_i`]).
    dotted_i: bool,
}

/// Weight of a quoted word's evidence when at least [`QUOTED_MIN_OUTSIDE`]
/// Cyrillic words stand outside the quotes. Set on the dev half of `ushtil
/// eval langid`: on the Russian side of the gov parallel text, whose lines
/// name Kazakh orders, medals and programmes in quotes, lines read as Kazakh
/// fall 184 → 164 → 139 → 130 → 130 at weights 1, 0.5, 0.25, 0.1 and 0,
/// and no other row moves.
const QUOTED_WEIGHT: f32 = 0.1;
const QUOTED_MIN_OUTSIDE: usize = 2;

impl Quoted {
    fn weight(&self, outside_words: usize) -> f32 {
        if outside_words >= QUOTED_MIN_OUTSIDE {
            QUOTED_WEIGHT
        } else {
            1.0
        }
    }

    /// The text's scores: `outside`, plus the quoted words' at their weight.
    fn merged(&self, outside: &Scores, outside_words: usize) -> Scores {
        let mut out = *outside;
        if self.words > 0 {
            let w = self.weight(outside_words);
            for (o, q) in out.iter_mut().zip(&self.scores) {
                *o += w * q;
            }
        }
        out
    }
}

/// What [`LetterEvidence::add`] found in one word.
#[derive(Default)]
struct WordLetters {
    /// A letter of the Kazakh alphabet that Russian lacks.
    kazakh: bool,
    /// `і` and no other such letter: Kazakh, Ukrainian or Belarusian.
    only_dotted_i: bool,
}

/// Whether `word` is a Roman numeral of the kind Kazakhstani text types
/// with Cyrillic `І`, `Х`, `С`, `М` or mixed scripts (`ІІ`, `ХІХ`, `XXІ`):
/// capitals only, with at least one `І`. It is no word of any language, and
/// its `І` would otherwise read as Ukrainian.
fn is_roman_numeral(word: &str) -> bool {
    let numeral = |c: char| {
        matches!(
            c,
            'І' | 'I' | 'V' | 'X' | 'Х' | 'L' | 'C' | 'С' | 'D' | 'M' | 'М'
        )
    };
    word.chars().next().is_some_and(numeral)
        && word.chars().all(numeral)
        && word.contains(['І', 'I'])
}

fn top2(scores: &Scores, keep: impl Fn(ModelLang) -> bool) -> (f32, f32) {
    let mut best = f32::NEG_INFINITY;
    let mut second = f32::NEG_INFINITY;
    for l in ModelLang::ALL {
        if !keep(l) {
            continue;
        }
        let s = scores[l.index()];
        if s > best {
            second = best;
            best = s;
        } else if s > second {
            second = s;
        }
    }
    (best, second)
}

/// Adds `nats` to every Turkic language's score: evidence of a Turkic word
/// that Kazakh shares with Kyrgyz and Tatar, so it weighs against the
/// Slavic languages only.
fn add_turkic(scores: &mut Scores, nats: f32) {
    for l in ModelLang::TURKIC {
        scores[l.index()] += nats;
    }
}

fn add_scores(out: &mut Scores, v: &Scores) {
    for (o, x) in out.iter_mut().zip(v) {
        *o += x;
    }
}

fn logistic(x: f32) -> f32 {
    let v = 1.0 / (1.0 + (-x).exp());
    if v.is_finite() {
        v.clamp(0.0, 1.0)
    } else {
        0.5
    }
}

/// The commonest English function words (the top of the Brown corpus
/// frequency list, Kučera & Francis 1967), none of them a word of Turkish,
/// Uzbek, Azerbaijani or Turkmen.
const ENGLISH_FUNCTION_WORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "is", "that", "for", "it", "was", "with", "as", "on", "are",
    "this", "be", "by", "at", "from", "or", "have", "not", "an", "which", "we", "you", "they",
];

/// Function words of the Latin-script languages a paper may quote (German,
/// French, Spanish, Italian, Portuguese, Dutch, Turkish, Uzbek): articles,
/// pronouns, prepositions, conjunctions and auxiliaries as each language's
/// grammar lists them, written by hand. Words that are also English or
/// common in English text are left out: `die`, `on`, `per`, `do`, `de`,
/// `as`, `hat`, `han`, `met`, `van`, `par`, `pour`, `den`, `con`, `ham`,
/// `com`, `em`, `os`, `lo`, `di`, `va`, the `et` and `al` of `et al.`, the
/// `y` of initials, the `ve` of `I've`.
#[rustfmt::skip]
const OTHER_LATIN_FUNCTION_WORDS: &[&str] = &[
    // German
    "der", "das", "und", "nicht", "mit", "für", "ist", "sind", "ein", "eine", "einer", "zu",
    "von", "im", "des", "auf", "auch", "sich", "wird", "wurde", "werden", "bei",
    "nach", "aus", "wie", "oder", "aber", "über", "durch", "als", "mehr", "noch", "nur", "dass",
    "haben", "wir", "ich", "sie", "zum", "zur", "vor", "wenn", "kann",
    // French
    "le", "la", "les", "est", "une", "du", "dans", "que", "qui", "sur",
    "au", "aux", "avec", "cette", "sont", "pas", "mais", "leur", "nous", "vous", "été", "il",
    "elle", "ils", "ont", "ses", "ne",
    // Spanish
    "el", "los", "las", "del", "por", "para", "una", "es", "su", "sus",
    "como", "pero", "más", "este", "esta", "entre", "sobre", "fue", "muy",
    // Italian
    "della", "delle", "degli", "dei", "che", "non", "sono", "gli", "nel", "nella",
    "alla", "anche",
    // Portuguese
    "dos", "não", "uma", "ao", "pela", "pelo",
    // Dutch
    "het", "een", "niet", "zijn", "voor", "dat",
    // Turkish
    "bir", "bu", "için", "ile", "olarak",
    // Uzbek (Latin)
    "bilan", "uchun", "ular", "edi",
];

/// English words none of the languages of [`OTHER_LATIN_FUNCTION_WORDS`]
/// writes (pronouns, auxiliaries, question words; `will`, `so`, `her`, `can`,
/// `me`, `i` are words there too and are left out): one of them keeps a
/// sentence English whatever else it quotes.
const ENGLISH_ONLY_WORDS: &[&str] = &[
    "my", "he", "she", "his", "has", "had", "been", "but", "there", "their", "our", "its", "were",
    "would", "could", "did", "if", "what", "who", "when", "where", "how", "than", "then", "very",
    "many", "some", "any", "here", "now", "just", "i've", "i'm", "it's", "don't", "there's",
];

/// Whether `text` reads as another Latin-script language: two of its words
/// are [`OTHER_LATIN_FUNCTION_WORDS`] and none is an English function word.
fn reads_as_other_latin(text: &str) -> bool {
    let mut lower = String::new();
    let mut other = 0;
    for token in text.split_whitespace() {
        let word = token.trim_matches(|c: char| !c.is_alphabetic());
        if word.is_empty() || word.len() > 8 {
            continue;
        }
        lower.clear();
        // `I’ve` with a typographic apostrophe is `i've`.
        let apostrophe = |c| if c == '\u{2019}' { '\'' } else { c };
        lower.extend(word.chars().flat_map(char::to_lowercase).map(apostrophe));
        let w = lower.as_str();
        if ENGLISH_FUNCTION_WORDS.contains(&w) || ENGLISH_ONLY_WORDS.contains(&w) {
            return false;
        }
        if OTHER_LATIN_FUNCTION_WORDS.contains(&w) {
            other += 1;
        }
    }
    other >= 2
}

fn english_function_words(text: &str) -> usize {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| {
            !w.is_empty()
                && w.len() <= 5
                && ENGLISH_FUNCTION_WORDS
                    .iter()
                    .any(|f| f.eq_ignore_ascii_case(w))
        })
        .take(2)
        .count()
}

/// Words of three letters or more that start in lower case.
fn lowercase_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|t| !is_url_or_email(t))
        .flat_map(|t| t.split(|c: char| !c.is_alphabetic()))
        .filter(|w| w.chars().count() >= 3 && w.chars().next().is_some_and(char::is_lowercase))
        .take(3)
        .count()
}

fn prefix_at_char_boundary(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// A URL (`https://…`, `www.…`) or an e-mail address: not language.
fn is_url_or_email(token: &str) -> bool {
    // Asked of every token: a byte search for `:` first (a substring
    // search for `://` was 2% of detecting short items).
    let bytes = token.as_bytes();
    (bytes.contains(&b':') && token.contains("://"))
        || token.starts_with("www.")
        || (bytes.contains(&b'@') && bytes.contains(&b'.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn check(text: &str, expected: Lang) {
        let d = detect(text);
        assert_eq!(d.lang, expected, "{text}: {d:?}");
    }

    #[test]
    fn latin_lookalikes_inside_kazakh_words_count_as_kazakh_letters() {
        check("Бiлiм беру жүйесiнiң дамуы", Lang::Kk);
        check("Қытай диаспораларының əлеуеті сарапталады", Lang::Kk);
    }

    #[test]
    fn kazakh_written_with_k_for_q_is_still_kazakh() {
        check("Казакстан Республикасынын тарихы туралы", Lang::Kk);
    }

    #[test]
    fn russian_loanwords_in_kazakh_and_english_terms_in_russian() {
        check(
            "мектептерде оқушылар компьютер мен интернет пайдаланады",
            Lang::Kk,
        );
        check(
            "Метод SVM (support vector machine) показал высокую точность",
            Lang::Ru,
        );
    }

    #[test]
    fn short_items_in_the_closed_set() {
        check("бастап", Lang::Kk);
        check("Экономикалық", Lang::Kk);
        check("которые", Lang::Ru);
        check("the economic policy of China", Lang::En);
    }

    #[test]
    fn confuser_languages_are_und() {
        // Kyrgyz: ө ү ң but none of ә ғ қ ұ і.
        check(
            "Улуттук банк 51,4 млн доллар сатып алды жана аны сатты",
            Lang::Und,
        );
        // Tatar җ, Bulgarian ъ before a consonant, Belarusian і with ў.
        check(
            "Ул Казанда яшәүчеләр белән очрашты һәм җыр җырлады.",
            Lang::Und,
        );
        check("Има много големи градове в България и Румъния.", Lang::Und);
        check("Я люблю свой горад і сваю краіну", Lang::Und);
        // Ukrainian with `і` and none of `ї є ґ`.
        check("Ми були вдома і читали книжки", Lang::Und);
    }

    #[test]
    fn quoted_names_count_little_beside_the_text_around_them() {
        check(
            "Награжден орденом «Құрмет» и медалью «Ерен еңбегі үшін» за многолетний труд",
            Lang::Ru,
        );
        check(
            "Программа \"Нұрлы жол\" направлена на развитие инфраструктуры",
            Lang::Ru,
        );
        check(
            "«Қазақстан темір жолы» ұлттық компаниясы жаңа вагондар сатып алды",
            Lang::Kk,
        );
        // With (almost) nothing around them, the quoted words are the text.
        check("«Мәңгілік Ел» жалпыұлттық идеясы", Lang::Kk);
        check("«Государственная программа развития образования»", Lang::Ru);
        // Marks left open or closed twice change nothing else.
        check(
            "»» Государственная программа «« развития образования",
            Lang::Ru,
        );
        // A quoted name's `і` (typed as a Latin `i`) is not Ukrainian in a
        // Russian sentence; a quoted Ukrainian sentence still is.
        check(
            "Победителям присвоено звание лауреата «Мерейлi отбасы», и принято решение",
            Lang::Ru,
        );
        check("«Привіт, як справи у тебе сьогодні»", Lang::Und);
    }

    #[test]
    fn kazakh_names_and_roman_numerals_in_russian_text_keep_it_russian() {
        // Russian of Kazakhstani sources names Kazakh institutions and types
        // Roman numerals with the Kazakh `І` (such lines of the Russian side of
        // `kk_ru_parallel_gov_apertium` were `und`). Russian has no `і`, but a
        // Kazakh name that reads as Kazakh is not Ukrainian, and `ІІ` is a
        // number.
        check(
            "Центр «Ана тілі» проводит курсы казахского языка для служащих",
            Lang::Ru,
        );
        check(
            "Конференция прошла в гостинице «Ертіс» в Павлодаре",
            Lang::Ru,
        );
        check(
            "Награжден орденом ІІ степени за заслуги перед республикой",
            Lang::Ru,
        );
        check("Здание построено в конце ХIХ века", Lang::Ru);
        assert!(is_roman_numeral("ХІХ") && is_roman_numeral("ІІ") && is_roman_numeral("XXI"));
        assert!(!is_roman_numeral("СМ") && !is_roman_numeral("Ертіс") && !is_roman_numeral("і"));
    }

    #[test]
    fn russian_spellings_of_kazakh_names_are_russian() {
        for text in [
            "Казахстан",
            "Казахстане",
            "Президент Казахстана",
            "Из послания Президента Республики Казахстан Н.А. Назарбаева народу Казахстана.",
            "тенге",
            "млн. тенге",
        ] {
            check(text, Lang::Ru);
        }
        check("Қазақстан", Lang::Kk);
        check("5 млрд теңге", Lang::Kk);
        // Kazakh text that lost `ң` inflects it.
        check("тенгеге", Lang::Kk);
    }

    #[test]
    fn short_kazakh_words_are_kazakh_only_on_their_own() {
        check("бас редактор", Lang::Kk);
        check("Бас прокурор", Lang::Kk);
        check("су насос", Lang::Kk);
        // Russian's compound with the voice.
        check("бас-гитарой", Lang::Ru);
    }

    #[test]
    fn an_international_stem_with_a_kazakh_suffix_is_kazakh() {
        for w in [
            "республикасы",
            "программаны",
            "организмнен",
            "докторантурада",
            "теореманы",
        ] {
            check(w, Lang::Kk);
        }
        // Such a word lets the loan beside it be Kazakh, as a root does.
        check("дзюдо федерациясы", Lang::Kk);
        // Russian words whose ending is a Kazakh chain too do not.
        check("санитарной очистке", Lang::Ru);
        check("окольцованного золотистым", Lang::Ru);
        // The same stems with Russian endings (one letter too: `фактор-а`,
        // `экономик-у`), and a stem in `-орд`.
        for w in [
            "фактора",
            "экономику",
            "механизме",
            "республики",
            "программой",
            "организмом",
            "докторантуре",
            "рекорда",
            "студентами",
        ] {
            check(w, Lang::Ru);
        }
    }

    #[test]
    fn loanwords_with_kazakh_suffixes_are_kazakh_and_russian_forms_stay_russian() {
        for w in [
            "университетімен",
            "Аргентинадан",
            "философиясы",
            "парламентте",
        ] {
            check(w, Lang::Kk);
        }
        // Russian endings that look like Kazakh suffixes (`работ-ы`,
        // `кабине-те`, `снего-м`), or that are Kazakh suffixes too
        // (`непрост-ым`), do not make a Russian word a loan.
        for w in [
            "непростым",
            "работы",
            "исследования",
            "государства",
            "кабинете",
            "снегом",
            "заводом",
        ] {
            check(w, Lang::Ru);
        }
    }

    #[test]
    fn a_loan_stem_with_a_russian_case_is_russian_and_with_a_kazakh_suffix_kazakh() {
        // The Kazakh table knows `президент` better than the Russian one.
        for w in ["президентом", "миллиардов", "факторами"] {
            check(w, Lang::Ru);
        }
        for w in ["президентке", "миллиардтар", "фактордың"] {
            check(w, Lang::Kk);
        }
        // Loans the Kazakh table had a little ahead, before the bias for
        // words without a Kazakh letter.
        for w in ["механизмдер", "стратегиясы", "трибунасын"] {
            check(w, Lang::Kk);
        }
        // An international stem and a one-letter case, not a stem ending
        // in a vowel and a Kazakh case (`пирами-де`); a consonant before the
        // Kazakh case keeps its reading (`блок-та`, not `блокт-а`).
        for w in ["пирамиде", "Евклида", "меморандуме"] {
            check(w, Lang::Ru);
        }
        for w in ["блокта", "Норильскте"] {
            check(w, Lang::Kk);
        }
    }

    #[test]
    fn a_name_with_the_russian_genitive_is_russian() {
        // Kazakh names in a Russian sentence's genitive (`у Нурлана`): a
        // Kazakh sentence writes `Нұрланның`, `Нұрланға`.
        for w in ["Нурлана", "Ерлана"] {
            check(w, Lang::Ru);
        }
        for w in ["Нұрланға", "Ерланның", "Ерланға"] {
            check(w, Lang::Kk);
        }
        // Only a name is read so: lower case, the ending is left to the tables.
        let name = DEFAULT.detect("Ерлана");
        let word = DEFAULT.detect("ерлана");
        assert!(
            name.lang == Lang::Ru && word.lang == Lang::Kk,
            "{name:?} {word:?}"
        );
    }

    #[test]
    fn a_kazakh_function_word_is_not_biased_to_russian_nor_read_as_a_name() {
        // `мен`, `болып`, `олар` have no Kazakh letter, but Russian writes
        // none of them: the bias for words both languages write alike
        // cancelled their evidence, and a capital made `Олар` a name.
        check("Гонконг мен", Lang::Kk);
        check("республика болып", Lang::Kk);
        check("Олар гранит", Lang::Kk);
        check("оны Мышьяк", Lang::Kk);
        // The Russian function word beside the same loan still reads Russian.
        check("Гонконг и", Lang::Ru);
        check("республика была", Lang::Ru);
    }

    #[test]
    fn a_name_counts_less_than_the_word_beside_it_in_a_short_span() {
        check("сезона Алекс", Lang::Ru);
        check("санаторий Нафталан", Lang::Ru);
        check("және Чехословакия", Lang::Kk);
        assert!(is_name_like("Алекс") && !is_name_like("ГДР") && !is_name_like("алекс"));
    }

    #[test]
    fn russian_text_may_name_kazakh_places_and_people() {
        // The Russian table reads these Kazakh names as foreign, and the
        // Tatar or Bulgarian one won the line (`und`).
        check(
            "Алматы, Астана, Шымкент и Караганда стали центрами миграции",
            Lang::Ru,
        );
        check(
            "Делегация посетила Шымкент, Туркестан, Кызылорду и Атырау",
            Lang::Ru,
        );
        // Kazakh text with the same names, and Kyrgyz text with names of
        // its own, are not moved by it.
        check(
            "Шымкент, Түркістан және Қызылорда қалаларына барды",
            Lang::Kk,
        );
        check("Марат Алматыга барып, Айгүл менен жолукту", Lang::Und);
        // A capital opening a sentence is not a name's: read as one, the
        // Belarusian `Футбол — добрая гульня` was Russian.
        check("Футбол — добрая гульня.", Lang::Und);
    }

    #[test]
    fn a_root_word_lets_the_word_beside_it_be_a_loan() {
        // Kazakh keywords and fragments of titles whose only Kazakh is a
        // root without a Kazakh letter, beside a Russian-looking word.
        for pair in [
            "фольклор тарихы",
            "тарихи пьесасы",
            "жеке том",
            "Жалпы республика",
            "тарату компаниясы",
        ] {
            check(pair, Lang::Kk);
        }
        // A root alone, and Russian spans: a bound root bare (`той`), a
        // root written as a name past the span's opening (a film, a song
        // called `Арман`, `Отан`), a Kazakh place name opening the span, no
        // root at all.
        check("мысал", Lang::Kk);
        check("кроссовки той", Lang::Ru);
        check("той кроссовки", Lang::Ru);
        check("фильм Арман", Lang::Ru);
        check("песня Отан", Lang::Ru);
        check("Алматы является", Lang::Ru);
        check("фольклор театр", Lang::Ru);
        check("кафедра", Lang::Ru);
    }

    #[test]
    fn a_suffix_hyphenated_to_an_abbreviation_or_a_figure_is_kazakh() {
        for text in [
            "КСРО-да",
            "СССР-дан",
            "ЕАЭС-ке",
            "км-ден",
            "мм-дей",
            "ТМД-лар туралы",
            "биіктігі 3100-ден асады",
        ] {
            check(text, Lang::Kk);
        }
        // Russian hyphens: particles after words, compounds, the endings of
        // numerals, and `-та` after a figure (`девяноста`).
        for text in [
            "кто-то",
            "Ростов-на-Дону",
            "в 1990-х годах",
            "свыше 90-та спектаклей",
            "СССР-овский",
            "скажи-ка",
        ] {
            check(text, Lang::Ru);
        }
    }

    #[test]
    fn a_kazakh_particle_after_a_word_is_not_russian() {
        // Pairs of the dev half that Russian won: a loanword with the
        // particle after it, and the pronoun `ол`.
        for pair in [
            "драма да",
            "статусын да",
            "муссоны да",
            "Скандинавия мен",
            "кафедра мен",
            "Ол октаэдр",
        ] {
            check(pair, Lang::Kk);
        }
        // Not after an interjection, nor `де` after a back vowel or `и`
        // (a foreign name's particle), nor a particle that opens the span.
        check("Ну да", Lang::Ru);
        check("Луи де Фюнес", Lang::Ru);
        check("граф де Ла Фер", Lang::Ru);
        check("да, конечно", Lang::Ru);
    }

    #[test]
    fn short_items_leave_the_closed_set_only_on_their_letters() {
        // The Bulgarian table saw more of these letters than the Russian one.
        check("Люксембургский сад", Lang::Ru);
        // A Ukrainian letter still says so.
        check("Їжак", Lang::Und);
    }

    #[test]
    fn other_latin_script_languages_are_und() {
        check(
            "Le gouvernement a annoncé une nouvelle politique migratoire",
            Lang::Und,
        );
        check(
            "Türkiye Cumhuriyeti göç politikası hakkında yeni bir karar aldı",
            Lang::Und,
        );
        // An English sentence with a borrowed accented word stays English.
        check(
            "The café near the university serves students from many countries",
            Lang::En,
        );
        // No letter English lacks, and whatlang unsure: the function words.
        check(
            "Die Wanderarbeiter verdienten 1998 mehr als zuvor",
            Lang::Und,
        );
        check(
            "Los trabajadores migrantes ganaban mas en 1998 que antes",
            Lang::Und,
        );
        check(
            "Mehnat muhojirlari oilalariga pul yuborishadi va uyga qaytishadi",
            Lang::Und,
        );
        // English citing `et al.` twice, or naming a `der` and a `la`, has
        // English words of its own.
        check("I've met so many new people here in Almaty", Lang::En);
        check(
            "Zhang et al. and Li et al. reported similar results for Almaty",
            Lang::En,
        );
        check(
            "The data of Van der Berg and la Cruz show the same migration trend",
            Lang::En,
        );
    }

    #[test]
    fn a_list_of_latin_names_is_english() {
        check(
            "Kristen Quinn, Sarah Mulholland, Samuel Pak, Daniel Kang",
            Lang::En,
        );
    }

    #[test]
    fn a_confuser_s_own_words_lower_the_bar_for_und() {
        // `щось`: a Ukrainian word Russian never writes.
        check("Я хочу щось почитати.", Lang::Und);
        check("Я хочу что-нибудь почитать.", Lang::Ru);
    }

    #[test]
    fn the_open_set_can_be_turned_off() {
        let closed = Detector::builder().open_set(false).build();
        let d = closed.detect("Улуттук банк 51,4 млн доллар сатып алды жана аны сатты");
        assert_eq!(d.lang, Lang::Kk);
    }

    #[test]
    fn urls_digits_chinese_and_too_short_are_und() {
        for text in [
            "https://example.com/page",
            "12345 67.89",
            "走出去战略是中国的政策",
            "",
            "а",
            "  ",
        ] {
            check(text, Lang::Und);
        }
        assert_eq!(detect("12345").confidence, 1.0);
        assert_eq!(detect("ab").confidence, 0.0);
    }

    #[test]
    fn one_word_written_alike_in_both_languages_is_answered_less_surely() {
        // `профессор` is a Kazakh word as much as a Russian one: its answer
        // is Russian, but not at the confidence of a word with a Kazakh
        // letter, nor of the same word in a Russian phrase.
        let alike = detect("профессор");
        assert_eq!(alike.lang, Lang::Ru);
        assert!(alike.confidence < 0.99, "{alike:?}");
        let kazakh = detect("қалалар");
        assert!(kazakh.confidence > 0.99, "{kazakh:?}");
        let phrase = detect("профессор кафедры");
        assert!(phrase.confidence > alike.confidence, "{phrase:?}");
    }

    #[test]
    fn a_long_paragraph_is_read_only_as_far_as_needed_and_stays_right() {
        let para = "Қазақстан Республикасының Президенті сайланды. ".repeat(200);
        check(&para, Lang::Kk);
        let para = "Президент Республики Казахстан был избран. ".repeat(200);
        check(&para, Lang::Ru);
    }

    proptest! {
        #[test]
        fn never_panics_and_confidence_is_in_range(text in "\\PC{0,200}") {
            let d = detect(&text);
            prop_assert!((0.0..=1.0).contains(&d.confidence), "{d:?}");
        }

        #[test]
        fn mixed_scripts_never_panic(text in "[а-яәғқңөұүһіa-z0-9 .,ъїў-]{0,120}") {
            let d = detect(&text);
            prop_assert!((0.0..=1.0).contains(&d.confidence), "{d:?}");
        }

        /// Quotation marks in any order and number, Roman numerals and
        /// letters that look alike: the quoted words' weighting and the
        /// numeral test neither panic nor leave the confidence's range.
        #[test]
        fn quotes_and_numerals_never_panic(
            text in "[а-яәқіІIХXVМCС «»“”„\"()]{0,80}"
        ) {
            let d = detect(&text);
            prop_assert!((0.0..=1.0).contains(&d.confidence), "{d:?}");
        }

        /// A text wrapped whole in quotation marks reads as the text does:
        /// with nothing around them, the quoted words are the text.
        #[test]
        fn quotes_around_the_whole_text_change_nothing(
            words in proptest::collection::vec("[а-яәғқңөұүі]{1,9}", 1..8)
        ) {
            let text = words.join(" ");
            prop_assert_eq!(detect(&format!("«{text}»")).lang, detect(&text).lang);
        }

        /// A text answered before its end because its Latin letters could
        /// no longer be outnumbered gets the answer of reading it whole:
        /// English with Cyrillic, Greek and Han words, and marks, in it.
        #[test]
        fn latin_text_answered_early_is_answered_as_read_whole(
            latin in "[a-zA-Zé]{1,9}( [a-zé]{1,9}){0,12}",
            cyrillic in "[а-яәқ]{1,9}( [а-яәқ]{1,9}){0,12}",
            other in "(走出去|[αβγ]{1,4}|\u{0301}|[ .,0-9]){0,6}",
            order in 0usize..3,
        ) {
            let text = match order {
                0 => format!("{latin} {cyrillic} {other}"),
                1 => format!("{latin} {other} {cyrillic}"),
                _ => format!("{other} {latin} {cyrillic}"),
            };
            let whole = Detector::builder().read_whole().build();
            prop_assert_eq!(detect(&text), whole.detect(&text));
        }
    }
}
