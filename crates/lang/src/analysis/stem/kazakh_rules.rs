//! The Kazakh stemmer's linguistic data, all in one place: vowel classes,
//! consonant classes, suffix templates with their alternations, the suffix
//! classes in stripping order, the minimum stem and the exception list.
//!
//! Source of the rules: the description of Kazakh nominal and verbal
//! morphotactics in standard grammars — A. Muhamedowa, *Kazakh: A
//! Comprehensive Grammar* (Routledge 2016), ch. 2 (phonology: vowel harmony,
//! consonant assimilation of suffix-initial consonants) and ch. 3–4 (plural,
//! possessive, case, predicative and verbal suffixes); K. Krippes, *Kazakh
//! Grammar with Affix List* (1996) — and the morphotactic description of
//! apertium-kaz read as documentation (no data copied). The tables are written
//! by us; the choice of which suffixes to strip was tuned on the development
//! split only (see `ushtil eval stem`).
//!
//! Template notation (uppercase = archiphoneme, lowercase = literal letter):
//! - `А` → `а` (back) / `е` (front); `Ы` → `ы` / `і`; `Ғ` → `ғ` / `г`; `Қ` → `қ` / `к`
//!   (vowel harmony: the suffix follows the backness of the stem's last vowel);
//! - suffix-INITIAL `Л Н Д Г М` alternate with the stem's last sound
//!   (consonant assimilation), per [`ALTERNATIONS`].

/// Left context classes: what the stem ends in (a bit set).
pub const V: u8 = 1; // a vowel other than ы і
pub const Y: u8 = 64; // ы і (the vowel of the 3rd person possessive)
/// Any vowel.
pub const VV: u8 = V | Y;
pub const S: u8 = 2; // р й у (sonorants and glides that behave like vowels)
pub const L: u8 = 4; // л
pub const N: u8 = 8; // м н ң
pub const Z: u8 = 16; // з ж
pub const K: u8 = 32; // voiceless consonants (and б в г д, devoiced at the end of a stem)
/// Any consonant.
pub const C: u8 = S | L | N | Z | K;
/// Any context.
pub const ANY: u8 = VV | C;

/// Back vowels (harmony class of `а`/`ы` suffix variants).
pub const BACK_VOWELS: &str = "аоұы";
/// Front vowels (harmony class of `е`/`і` suffix variants).
pub const FRONT_VOWELS: &str = "әөүіе";
/// The high vowels that end a 3rd person possessive (`облыс-ы`, `кітаб-ы`).
pub const HIGH_VOWELS: &str = "ыі";
/// Vowel letters neutral for harmony (`и`, `у` are written for both classes;
/// the rest occur in Russian loanwords).
pub const NEUTRAL_VOWELS: &str = "иуюяэё";
/// Stem-final consonants that make a loanword's suffixes front after
/// another consonant (`банк-тер`, `автопарк-тер`, `округ-тің`): Kazakh
/// writes `к` and `г` in front-vowel words, `қ` and `ғ` in back-vowel ones
/// (Muhamedowa 2016, ch. 1).
pub const FRONT_FINAL_CONSONANTS: &str = "кг";
/// Signs a Russian loanword may end in (`медаль`, `модель`): a Kazakh
/// suffix assimilates to the consonant before them (`медаль-мен`,
/// `модель-дер`, not `-пен`, `-тер`) and is mostly front (`медаль-дің`,
/// `модель-дер`; the gov corpus of `../shared/data` also has
/// `магистраль-дар`), so either class is read after them.
pub const SIGNS: &str = "ьъ";
/// Russian surname suffixes after which a Kazakh suffix may be of either
/// class: most agree with the root before them (`Назарбаев-тың`,
/// `Ізмұхамбетов-тің`), the rest with the surname suffix's own vowel
/// (`Жақсыбеков-ты`, `Чехов-тың`). In the gov corpus of `../shared/data`,
/// the suffixes after such surnames agree with the root 113 times and
/// with `-ов`/`-ев` 41 times.
pub const SURNAME_SUFFIXES: &[&str] = &["ов", "ев", "ёв"];
/// Consonant letters by left-context class.
pub const SONORANTS: &str = "рйу";
pub const LATERALS: &str = "л";
pub const NASALS: &str = "мнң";
pub const VOICED: &str = "зж";
pub const VOICELESS: &str = "пфкқтсшщхцчһбвгдғ";

/// Suffix-initial consonant alternations: archiphoneme → (letter, the left
/// contexts that select it). Plural `-лар` after vowels and р й у, `-дар`
/// after л м н ң з ж, `-тар` after voiceless; genitive `-ның` after vowels,
/// `-дың` after voiced consonants, `-тың` after voiceless; locative `-да`/`-та`;
/// dative and past participle `-ға`/`-қа`; `-мен`/`-бен`/`-пен`, `-ма`/`-ба`/`-па`
/// (Muhamedowa 2016, §2.3 and the suffix sections).
pub const ALTERNATIONS: &[(char, &[(char, u8)])] = &[
    ('Л', &[('л', VV | S), ('д', L | N | Z), ('т', K)]),
    ('Н', &[('н', VV), ('д', S | L | N | Z), ('т', K)]),
    ('Д', &[('д', VV | S | L | N | Z), ('т', K)]),
    ('Г', &[('Ғ', VV | S | L | N | Z), ('Қ', K)]),
    ('М', &[('м', VV | S | L | N), ('б', N | Z), ('п', K)]),
];

/// One suffix row: a template, the left contexts it may follow (`0` = as
/// selected by its initial alternation, or any), and whether it is a bound
/// verbal form that is only stripped after a finite verb ending (the present
/// converb `-а`/`-й` in `бар-а-ды`, which would otherwise eat noun endings).
#[derive(Clone, Copy, Debug)]
pub struct Suffix {
    pub template: &'static str,
    pub left: u8,
    pub bound: bool,
    /// The shortest stem this suffix may leave (`0`: the class minimum).
    pub min_stem: usize,
}

const fn s(template: &'static str) -> Suffix {
    Suffix {
        template,
        left: 0,
        bound: false,
        min_stem: 0,
    }
}

const fn sl(template: &'static str, left: u8) -> Suffix {
    Suffix {
        template,
        left,
        bound: false,
        min_stem: 0,
    }
}

const fn min(template: &'static str, left: u8, min_stem: usize) -> Suffix {
    Suffix {
        template,
        left,
        bound: false,
        min_stem,
    }
}

const fn bound(template: &'static str, left: u8) -> Suffix {
    Suffix {
        template,
        left,
        bound: true,
        min_stem: 0,
    }
}

/// What must have been stripped before a class may apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Needs {
    Nothing,
    /// A finite or aspect verb ending (classes with `verbal: true`).
    Verbal,
}

/// A suffix class: at most one of its suffixes is stripped (the longest that
/// fits), classes are tried in order from the end of the word.
#[derive(Clone, Copy, Debug)]
pub struct Class {
    pub name: &'static str,
    pub suffixes: &'static [Suffix],
    pub verbal: bool,
    /// Whether stripping from this class sets the "finite" flag that bound suffixes need.
    pub finite: bool,
    pub needs: Needs,
    /// The shortest stem this class may leave (at least [`MIN_STEM_CHARS`]).
    pub min_stem: usize,
    /// Skipped right after a finite verb ending: `шыға-ды` is `шығ-а-ды`, not
    /// `шы` + dative `-ға` + `-ды`.
    pub not_after_finite: bool,
}

/// The suffix classes, in stripping order (outermost first). A Kazakh noun is
/// stem + plural + possessive + case + predicative person; a finite verb is
/// stem + voice + negation + aspect/participle + tense/person.
pub const CLASSES: &[Class] = &[
    Class {
        name: "predicative person",
        suffixes: &[
            s("МЫн"),
            min("МЫз", 0, 3),
            min("сЫз", V | S, 2), // 2nd person polite after the converb (`келе-сіз`), not the privative (`ел-сіз`)
            sl("сЫң", V | S | N), // after a converb or participle (`айта-сың`), not `жұмы-сың`
            sl("сЫңдАр", ANY),
            sl("сЫздАр", ANY),
        ],
        verbal: false,
        // `біле-сің`, `айта-мыз`: the converb before a person ending strips.
        finite: true,
        needs: Needs::Nothing,
        min_stem: MIN_STEM_CHARS,
        not_after_finite: false,
    },
    Class {
        name: "finite verb: past and present 3rd person, with person",
        suffixes: &[
            s("ДЫ"),
            s("ДЫм"),
            s("ДЫң"),
            s("ДЫҚ"),
            s("ДЫңЫз"),
            s("ДЫңдАр"),
        ],
        verbal: true,
        finite: true,
        needs: Needs::Nothing,
        min_stem: MIN_STEM_CHARS,
        not_after_finite: false,
    },
    Class {
        name: "case",
        suffixes: &[
            s("НЫң"),                      // genitive
            sl("нЫң", N),     // genitive after м н ң is `-ның`, not `-дың` (`адам-ның`)
            sl("ДЫ", C),      // accusative after consonants (`ел-ді`, `кітап-ты`)
            min("нЫ", VV, 3), // … after vowels, not `кү-ні` for `күн-і`, `ді-ні` for `дін-і`
            sl("н", Y),       // accusative after the 3rd person possessive
            s("ГА"),          // dative
            sl("нА", Y),      // dative after the 3rd person possessive
            min("мА", VV, 3), // dative after the 1st person possessive (`бас-ым-а`)
            min("ңА", VV, 3), // dative after the 2nd person possessive (`ел-ің-е`)
            s("ДА"),          // locative
            sl("ндА", Y),     // locative after the 3rd person possessive
            sl("ДАн", VV | S | L | Z | K), // ablative
            sl("нАн", Y | N), // ablative after nasals and the 3rd person possessive
            sl("мен", VV | S | L | N), // instrumental (does not harmonise)
            sl("бен", Z),
            sl("пен", K),
            s("ДАҒЫ"), // locative-attributive
            sl("ндАҒЫ", Y),
            min("ДАй", 0, 4), // similative (`келген-дей`)
        ],
        verbal: false,
        finite: false,
        needs: Needs::Nothing,
        min_stem: MIN_STEM_CHARS,
        not_after_finite: true,
    },
    Class {
        name: "possessive",
        suffixes: &[
            min("Ым", C, 4), // not `ғыл-ым`, `біл-ім`, `шеш-ім`: deverbal nouns in -ым/-ім
            min("м", V, 4),  // not after ы/і (`ғылым`), nor `ада-м` for `адам`
            sl("Ың", C),
            // 2nd person singular `-ң` after vowels left out: folded to `-н`
            // it would eat the `-н` of `-ған`.
            sl("ЫңЫз", C),
            sl("ңЫз", VV),
            sl("ЫмЫз", C),
            min("мЫз", VV, 3), // not `та-мыз` (August)
            sl("Ы", C),
            min("сЫ", V, 3), // not after ы/і (`облыс-ы`), nor `ба-сы` for `бас-ы`
        ],
        verbal: false,
        finite: false,
        needs: Needs::Nothing,
        min_stem: MIN_STEM_CHARS,
        not_after_finite: false,
    },
    Class {
        name: "plural",
        suffixes: &[s("ЛАр")],
        verbal: false,
        finite: false,
        needs: Needs::Nothing,
        min_stem: MIN_STEM_CHARS,
        not_after_finite: false,
    },
    Class {
        name: "aspect, participle, converb, gerund",
        suffixes: &[
            sl("Ып", C), // perfective converb
            sl("п", VV),
            sl("ЫптЫ", C), // evidential past (`шығ-ыпты`)
            sl("птЫ", VV),
            s("ГАн"),    // past participle
            s("ГАндЫҚ"), // participle + nominaliser (`біл-ген-дік-і`)
            s("ГАндЫҒ"), // … voiced before a vowel
            sl("АтЫндЫҚ", C),
            sl("АтЫндЫҒ", C),
            sl("йтЫндЫҚ", VV),
            sl("йтЫндЫҒ", VV),
            sl("АтЫн", C), // habitual participle
            sl("йтЫн", VV),
            sl("у", ANY),      // gerund / infinitive
            sl("уш", ANY), // agent noun `-ушы`/`-уші` once the possessive-like `ы` is gone (`ал-уш-ы`)
            sl("ушЫ", ANY), // … and before the plural (`ал-ушы-лар`)
            min("МАҚ", 0, 3), // intention (`бар-мақ`), not `ең-бек`, `кө-мек`
            min("сА", ANY, 3), // conditional (`түс-е-ді` is not `тү-се`)
            s("ГАлЫ"),
            s("МА"),  // negation (so `барма-ды` loses `ма`, not `а`)
            s("МАй"), // negative converb
            s("МАйтЫн"),
            s("МАстАн"),   // negative converb (`ал-мастан`)
            sl("сЫн", C),  // imperative 3rd person (`ал-сын`; not `жұмы-сын`)
            sl("АйЫн", C), // imperative 1st person
            sl("йЫн", VV),
            sl("АйЫҚ", C),
            sl("йЫҚ", VV),
            sl("сАм", ANY), // conditional with person
            sl("сАң", ANY),
            sl("сАҚ", ANY),
            sl("сАңЫз", ANY),
            s("МАс"), // negative aorist
            s("МАҒАн"),
            bound("А", C), // present converb, only before a finite ending
            bound("й", VV),
            bound("и", C),
            bound("Ы", C), // stem-final ы/і of `дамы-ды`, `оқы-ды` (cf. `даму`, `оқып`)
        ],
        verbal: true,
        finite: false,
        needs: Needs::Nothing,
        min_stem: MIN_STEM_CHARS,
        not_after_finite: false,
    },
    Class {
        name: "negation",
        suffixes: &[s("МА")],
        verbal: true,
        finite: false,
        needs: Needs::Verbal,
        min_stem: MIN_STEM_CHARS,
        not_after_finite: false,
    },
    Class {
        name: "passive voice",
        suffixes: &[min("Ыл", C, 2), min("л", VV, 4)],
        verbal: true,
        finite: false,
        needs: Needs::Verbal,
        // `бол`, `кел`, `сал` end in `-л` but are roots, not passives.
        min_stem: 2,
        not_after_finite: false,
    },
    Class {
        name: "reflexive voice",
        suffixes: &[sl("Ын", C)],
        verbal: true,
        finite: false,
        needs: Needs::Verbal,
        // `сал-ын`, `бөл-ін`, but not `ой-ын` (game) or `ор-ын` (place).
        min_stem: 3,
        not_after_finite: false,
    },
];

/// Word-final suffixes (and suffix chains) that the language detector counts
/// as evidence of Kazakh when they agree in harmony with the stem before them
/// (`detect::kazakh`): the commonest nominal and verbal endings, and the
/// derivational ones the stemmer keeps (`-ЛЫҚ`, `-шЫ`, `-сЫз`, `-лЫ`, `-ГЫ`).
/// Written in this file's template notation and expanded as the stemmer's
/// suffixes are (`ЛАр` → `лар`, `дар`, `тар`, `лер`, `дер`, `тер`). A
/// selection for detection, not the stemmer's classes: those also strip
/// endings Russian words end in too (`-МА`, `-сА`, the one-letter ones).
/// Source: Muhamedowa 2016, ch. 2 (plural, possessive, case) and ch. 4–5
/// (tense, participles, converbs).
pub const DETECTOR_SUFFIXES: &[&str] = &[
    "ЛАр", // plural
    "НЫң", // genitive
    "ГА",  // dative (`-а`/`-е` after possessives is too short to tell)
    "нА",  // … after the 3rd person possessive
    "ДА",  // locative
    "ндА", // … after the 3rd person possessive
    "ДАн", // ablative
    "нАн", // … after nasals and the 3rd person possessive
    "мен", // instrumental (harmony-neutral in the standard language)
    "бен",
    "пен",
    "менен",
    "НЫ",   // accusative
    "ЛЫҚ",  // abstract nouns, adjectives
    "ГАн",  // past participle
    "Ып",   // perfective converb
    "АтЫн", // habitual participle
    "йтЫн",
    "АдЫ", // present/future 3rd person
    "йдЫ",
    "сЫ",   // 3rd person possessive after vowels
    "ЫндА", // … with a case
    "ЫнАн",
    "ЫнА",
    "Ын",
    "ГЫ",   // attributive
    "ДАҒЫ", // locative-attributive
    "шЫ",   // agent nouns
    "сЫз",  // privative adjectives
    "лЫ",   // possessive adjectives (`-ДЫ` is the accusative above)
    "уЫ",   // verbal noun with the possessive
    "уҒА",  // … with the dative
    "мЫн",  // predicative person
    "мЫз",
    "сЫң",
    "МАҚ", // intention
    "у",   // verbal noun, after a vowel only (see below)
    "Ыту", // … of a causative in `-т` (`дамы-т-у`, `таны-т-у`)
];

/// [`DETECTOR_SUFFIXES`] that follow only some stem endings (the left
/// contexts above): the dative and locative of the 3rd person possessive
/// come after its `ы`/`і` (`аудан-ы-на`, `қала-сы-нда`), its ablative
/// also after a nasal (`аудан-нан`; Muhamedowa 2016, ch. 2). Elsewhere their
/// letters end Russian words (`райо-на`, `зако-на`), and the detector reads
/// them as no evidence for Kazakh: on the distinct words of the Kazakh and
/// Russian text of `../shared/data` (development only), that took this
/// evidence from 1,374 Russian word tokens and 436 Kazakh ones.
///
/// The verbal noun `-у` counts only after a vowel (`жаса-у`, `зертте-у`,
/// `бағала-у`; Muhamedowa 2016, ch. 4, verbal nouns): after a consonant it
/// is as often the Russian dative or accusative (`работ-у`, `город-у`),
/// while a Russian word hardly ends in a vowel and `у`. Of the word tokens
/// above without a Kazakh letter, 864 Kazakh ones end so and 59 Russian
/// ones, most of those Kazakh place names (`Актау`, `Атырау`). The verbal
/// noun of a causative in `-т` after `ы`/`і` (`дамы-т-у`, development;
/// `оқы-т-у`) is a suffix of its own, `-Ыту`: 176 Kazakh tokens without a
/// Kazakh letter end in `-ыту` (161 of them `дамыту`, which the tables read
/// as Russian); the Russian text has no word in `-ыту` but that one,
/// quoted four times.
pub const DETECTOR_SUFFIXES_AFTER: &[(&str, u8)] =
    &[("нА", Y), ("ндА", Y), ("нАн", Y | N), ("у", V)];

/// [`DETECTOR_SUFFIXES`] whose first consonant the detector checks against
/// the stem's last sound ([`ALTERNATIONS`]): the locative `-да`/`-та` and
/// the dative `-ға`/`-қа` (`қала-да`, `мектеп-те`, `қала-ға`, `мектеп-ке`).
/// Their wrong variant ends Russian words (`акима-та`, `мар-та`, `Амери-ке`,
/// `ког-да`). Not for the others: the detector's table lacks the
/// one-letter suffixes, so a Kazakh word often shows only a misread one
/// (`сай-ты` for `сайт-ы`) that the check would reject. On the distinct
/// words of the Kazakh and Russian text of `../shared/data` (development
/// only), the check took the evidence from 1,536 Russian word tokens and
/// 333 Kazakh ones.
pub const DETECTOR_ASSIMILATED: &[&str] = &["ДА", "ГА"];

/// Endings of names that no cut may fall inside (wherever they sit at the
/// cut): `-стан` of place names (`Қазақстан`) is not stem `қазақс` +
/// ablative `-тан`, a Russian patronymic (`Николаевна`) not `николаев` +
/// dative `-на`. Suffixes outside them still strip (`Қазақстанның` →
/// `қазақстан`). The detector's Kazakh layer reads words the same way.
pub const NAME_ENDINGS: &[&str] = &["стан", "овна", "евна"];

/// A name ending that, after one of these letters, is a stem's last
/// letter and a case suffix instead: after a back vowel, `-с-тан` is the
/// ablative of a stem in `-с` (`жұмыс-тан`, `облыс-тан`, `шығыс-тан`),
/// where a place name has a consonant (`Қазақ-стан`, `Ауған-стан`) or a
/// front vowel (`Пәкі-стан`, whose ablative would be `-тен`) before
/// `-стан`.
pub const NAME_ENDING_AS_CASE: (&str, &str) = ("стан", BACK_VOWELS);

/// Beside [`NAME_ENDINGS`], strings no stemmer cut may fall inside: the
/// habitual participle `-атын`/`-йтын` is not `-ат` + possessive + `-н`,
/// and `көр-ген-і` is not `көрге` + accusative `-ні`.
pub const PROTECTED_ENDINGS: &[&str] = &[
    "атын", "етін", "йтын", "йтін", "ған", "ген", "қан", "кен", "айын", "ейін",
];

/// Endings after which `-атын`/`-етін` is a noun in `-ат`/`-ет` with the 3rd
/// person possessive and a case (`мемлекет-і-нің`, `саясат-ы-на`,
/// `қызмет-і-нен`), not the habitual participle, whose genitive, dative and
/// ablative are `-атын-ның`, `-атын-ға`, `-атын-нан` (Muhamedowa 2016, §3:
/// case forms after the possessive take `-н-`). Likewise `-айын`/`-ейін`
/// before them is a noun in `-ай`/`-ей` (`жағдай-ы-на`, `деңгей-і-нен`),
/// not the 1st person imperative (`бар-айын`), which takes no case. The
/// protection of the participle is lifted before them.
pub const NOUN_CASE_AFTER_AT: (&[&str], &[&str]) = (
    &["атын", "етін", "айын", "ейін"],
    &["ың", "ің", "а", "е", "ан", "ен", "да", "де"],
);

/// Stem endings after which the vowel before a finite ending belongs to the
/// stem, not to the present converb: verbs derived with `-ла`/`-да`/`-та`
/// (`қолда-ды`, `сөйле-ді`, `ұста-ды`) end in these clusters, while roots
/// rarely do (Muhamedowa 2016, §4, verb-forming suffix -ЛА).
pub const NO_CONVERB_AFTER: &[&str] = &["лд", "йл", "рл", "нд", "ст", "рд", "нл", "йд"];

/// Stem-final consonants voiced between vowels, mapped back to the form the
/// stem has at the end of a word (`кітап` → `кітабы`, `тұрақ` → `тұрағы`,
/// `тап` → `табады`; Muhamedowa 2016, §2.3.2). Applied to every stem, so all
/// forms of a word agree.
pub const STEM_FINAL_ALTERNATIONS: &[(char, char)] = &[('б', 'п'), ('ғ', 'қ'), ('г', 'к')];

/// Stem-final consonant pairs left when a high vowel drops before a
/// vowel-initial suffix (`халық` → `халқы`, `орын` → `орны`, `ауыз` → `аузы`,
/// `ерін` → `ерні`; Muhamedowa 2016, §2.2, vowel elision); the vowel is put
/// back (`ы` or `і` by harmony) so all forms share one stem.
pub const ELIDED_VOWEL_CLUSTERS: &[&str] = &["лқ", "рқ", "лк", "рк", "рн", "йн", "уз", "рп", "лп"];

/// Pronoun stems whose inflected forms lose or change a letter (`бұ-лар`,
/// `со-лар`, `ме-нің`, `се-ні`), applied to the stem left after stripping.
pub const STEM_EXCEPTIONS: &[(&str, &str)] = &[
    ("бұ", "бұл"),
    ("со", "сол"),
    ("ме", "мен"),
    ("се", "сен"),
    ("мұ", "бұл"),
    ("ос", "осы"),
    ("ед", "е"),
    ("екен", "е"),
];

/// A stem keeps at least this many letters, one of them a vowel.
pub const MIN_STEM_CHARS: usize = 2;

/// Irregular forms (mostly personal and demonstrative pronouns, whose stems
/// change: `мен` → `маған`) mapped to the stem of their regular forms.
/// Written from the pronoun tables of Muhamedowa 2016, §3.4.
pub const EXCEPTIONS: &[(&str, &str)] = &[
    ("маған", "мен"),
    ("саған", "сен"),
    ("оның", "ол"),
    ("оны", "ол"),
    ("оған", "ол"),
    ("онда", "ол"),
    ("одан", "ол"),
    ("онан", "ол"), // ablative variant `-нан` of the pronouns
    ("мұнан", "бұл"),
    ("бұнан", "бұл"),
    ("сонан", "сол"),
    ("менен", "мен"),
    ("сенен", "сен"),
    ("онымен", "ол"),
    ("мұның", "бұл"),
    ("бұның", "бұл"),
    ("мұны", "бұл"),
    ("бұны", "бұл"),
    ("бұған", "бұл"),
    ("мұнда", "бұл"),
    ("бұдан", "бұл"),
    ("мұнымен", "бұл"),
    ("осының", "осы"),
    ("соның", "сол"),
    ("соны", "сол"),
    ("соған", "сол"),
    ("сонда", "сол"),
    ("содан", "сол"),
];
