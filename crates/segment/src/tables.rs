//! Every linguistic and layout rule the segmenter uses, as data, one table per
//! rule, each with the source it was taken from. Matching is case-insensitive
//! unless a table says otherwise.

use ushtil_lang::Lang;

/// Labels that open an abstract, with the language they imply (`None`: the
/// label is used in more than one of our languages, so the detector decides
/// from the abstract's text).
/// Source: the front matter of KazNU Bulletin (Хабаршы/Вестник), Eurasian
/// National University and Kazakh journals' author guidelines (kk: Аңдатпа,
/// Түйіндеме; ru: Аннотация, Резюме; en: Abstract, Summary, Annotation).
/// `Аннотация` and `Резюме` also head Kazakh abstracts in Kazakh journals
/// (found by the synthetic-corpus generator), so they name no language.
pub const ABSTRACT_LABELS: &[(&str, Option<Lang>)] = &[
    ("Аңдатпа", Some(Lang::Kk)),
    ("Түйіндеме", Some(Lang::Kk)),
    ("Аннотация", None),
    ("Резюме", None),
    ("Abstract", Some(Lang::En)),
    ("Summary", Some(Lang::En)),
    ("Annotation", Some(Lang::En)),
];

/// Labels that open a keyword list, with their language.
/// Source: the same journals' front matter; `Түйін сөздер` is printed in the
/// reference article, `Тірек сөздер` and `Кілттік сөздер` in other KazNU series.
pub const KEYWORD_LABELS: &[(&str, Lang)] = &[
    ("Кілттік сөздер", Lang::Kk),
    ("Кілт сөздер", Lang::Kk),
    ("Түйінді сөздер", Lang::Kk),
    ("Түйін сөздер", Lang::Kk),
    ("Тірек сөздер", Lang::Kk),
    ("Ключевые слова", Lang::Ru),
    ("Key words", Lang::En),
    ("Key-words", Lang::En),
    ("Keywords", Lang::En),
];

/// Headings that open a reference list (the whole line, after numbering and a
/// trailing colon or period are removed).
/// Source: reference-list headings of KazNU Bulletin and Russian GOST 7.1
/// style journals.
pub const REFERENCE_LABELS: &[&str] = &[
    "References",
    "Reference",
    "Bibliography",
    "Literature",
    "List of references",
    "Список литературы",
    "Список использованной литературы",
    "Список использованных источников",
    "Литература",
    "Использованная литература",
    "Әдебиеттер",
    "Әдебиеттер тізімі",
    "Пайдаланылған әдебиеттер",
    "Пайдаланылған әдебиеттер тізімі",
    "Қолданылған әдебиеттер тізімі",
];

/// Section headings every paper of these journals may carry (IMRAD in the three
/// languages). A line that is one of these, possibly numbered, is a heading.
/// Source: IMRAD section names in the KazNU Bulletin author guidelines (kk, ru,
/// en versions).
pub const HEADING_CUES: &[(&str, Lang)] = &[
    // en
    ("Introduction", Lang::En),
    ("Literature review", Lang::En),
    ("Methods", Lang::En),
    ("Methodology", Lang::En),
    ("Materials and methods", Lang::En),
    ("Research methods", Lang::En),
    ("Results", Lang::En),
    ("Discussion", Lang::En),
    ("Results and discussion", Lang::En),
    ("Conclusion", Lang::En),
    ("Conclusions", Lang::En),
    ("Acknowledgements", Lang::En),
    ("Acknowledgments", Lang::En),
    // kk
    ("Кіріспе", Lang::Kk),
    ("Әдебиетке шолу", Lang::Kk),
    ("Әдістер", Lang::Kk),
    ("Әдістеме", Lang::Kk),
    ("Зерттеу әдістері", Lang::Kk),
    ("Материалдар мен әдістер", Lang::Kk),
    ("Негізгі бөлім", Lang::Kk),
    ("Нәтижелер", Lang::Kk),
    ("Талқылау", Lang::Kk),
    ("Нәтижелер және талқылау", Lang::Kk),
    ("Нәтижелер мен талқылау", Lang::Kk),
    ("Қорытынды", Lang::Kk),
    ("Алғыс", Lang::Kk),
    // ru
    ("Введение", Lang::Ru),
    ("Обзор литературы", Lang::Ru),
    ("Методы", Lang::Ru),
    ("Методология", Lang::Ru),
    ("Материалы и методы", Lang::Ru),
    ("Методы исследования", Lang::Ru),
    ("Основная часть", Lang::Ru),
    ("Результаты", Lang::Ru),
    ("Обсуждение", Lang::Ru),
    ("Результаты и обсуждение", Lang::Ru),
    ("Заключение", Lang::Ru),
    ("Выводы", Lang::Ru),
    ("Благодарности", Lang::Ru),
];

/// Body headings that mean "the body starts here" when met in the front matter.
pub const BODY_START_CUES: &[&str] = &[
    "Introduction",
    "Кіріспе",
    "Введение",
    "Literature review",
    "Әдебиетке шолу",
    "Обзор литературы",
    "Негізгі бөлім",
    "Основная часть",
];

/// Prefixes of classification codes printed above the title (removed as furniture,
/// kept as codes). Source: KazNU Bulletin front matter (УДК/ӘОЖ = UDC, МРНТИ/ГРНТИ/
/// ХҒТАР/IRSTI = the state rubricator of scientific and technical information).
pub const CODE_PREFIXES: &[&str] = &[
    "УДК",
    "UDC",
    "ӘОЖ",
    "ӘӨЖ",
    "МРНТИ",
    "ГРНТИ",
    "IRSTI",
    "SRSTI",
    "ХҒТАР",
    "МҒТАР",
    "JEL",
];

/// Words of a running header (any two, or `ISSN`, make a line a header).
/// Source: running headers of KazNU Bulletin, e.g. `ISSN 1563-0285 ҚазҰУ
/// Хабаршысы. Вестник КазНУ. Bulletin. №2 (74). 2016`.
pub const RUNNING_HEADER_CUES: &[&str] = &[
    "хабаршы",
    "вестник",
    "bulletin",
    "journal",
    "сериясы",
    "серия",
    "series",
    "известия",
    "хабарлары",
    "proceedings",
    "№",
];

/// Line openings that are furniture whatever follows: DOI, copyright, dates of
/// receipt. Source: KazNU Bulletin and Elsevier-style front matter.
pub const FURNITURE_PREFIXES: &[&str] = &[
    "DOI",
    "https://doi.org",
    "http://doi.org",
    "©",
    "e-mail",
    "email",
    "*e-mail",
    "Received",
    "Accepted",
    "Поступила",
    "Принята",
    "Редакцияға",
];

/// Word openings of an organisation in an affiliation line.
/// Source: affiliation lines of Kazakh, Russian and English journals.
pub const ORGANISATION_CUES: &[&str] = &[
    "университет",
    "university",
    "universiteti",
    "institute",
    "институт",
    "академия",
    "академиясы",
    "academy",
    "college",
    "колледж",
    "faculty",
    "факультет",
    "department",
    "кафедра",
    "орталығы",
    "school of",
    "research center",
    "research centre",
    "научно-исследовательский",
    "ғылыми-зерттеу",
];

/// Places an affiliation line ends with (`Almaty, Kazakhstan`).
/// Source: the cities and countries of the journals' authors.
pub const PLACE_CUES: &[&str] = &[
    "kazakhstan",
    "қазақстан",
    "казахстан",
    "almaty",
    "алматы",
    "astana",
    "астана",
    "nur-sultan",
    "нур-султан",
    "shymkent",
    "шымкент",
    "karaganda",
    "қарағанды",
    "караганда",
    "russia",
    "россия",
    "ресей",
    "moscow",
    "москва",
    "china",
    "қытай",
    "китай",
    "uzbekistan",
    "kyrgyzstan",
];

/// Hyphen characters that may end a line inside a word: the hyphen-minus,
/// U+2010 HYPHEN and the soft hyphen (U+00AD, which a PDF may keep where
/// the typesetter broke a word). Source: Unicode's Dash and Hyphen
/// properties, kept to the three that extraction leaves at line ends. The
/// repair of papers and the reading of pasted queries use this table.
pub const LINE_HYPHENS: [char; 3] = ['-', '\u{2010}', '\u{00AD}'];

/// Split-ligature endings of a PDF fragment, longest first: the letters a
/// ligature glyph (U+FB00..U+FB04) stood for, extracted with a space after them
/// (`profi t`, `infl uence`, `diff erent`). Source: the Latin ligatures of
/// Unicode's Alphabetic Presentation Forms block.
pub const LIGATURE_SPLITS: &[&str] = &["ffi", "ffl", "ff", "fi", "fl"];

/// Ligature characters extracted as such, with their letters: kept where the
/// analysers read them too, so that a pasted `proﬁt` is the query `profit`.
pub use ushtil_lang::analysis::normalise::LIGATURE_CHARS;

/// Real English words that end in a ligature's letters, so `off the` or
/// `staff members` is never joined unless the document itself has the joined
/// word. Source: English word endings in -ff/-fi (Collins word lists).
pub const WORDS_ENDING_IN_LIGATURE: &[&str] = &[
    "off", "staff", "stuff", "cliff", "tariff", "sheriff", "bluff", "chaff", "cuff", "scoff",
    "buff", "puff", "stiff", "sniff", "whiff", "riff", "gruff", "huff", "scuff", "snuff", "doff",
    "tiff", "hi-fi", "sci-fi", "wi-fi", "wifi", "lo-fi",
];

/// Short function words of the three languages: a fragment that is one of these
/// is a real word (ligature check), a paragraph ending in one is cut
/// mid-sentence, and English title case leaves them in lower case.
/// Source: the Snowball stop-word lists for English and Russian, and the most
/// frequent Kazakh postpositions and conjunctions.
pub const FUNCTION_WORDS: &[&str] = &[
    // en
    "a",
    "an",
    "and",
    "are",
    "as",
    "at",
    "be",
    "by",
    "for",
    "from",
    "in",
    "into",
    "is",
    "it",
    "its",
    "of",
    "on",
    "or",
    "than",
    "that",
    "the",
    "their",
    "to",
    "was",
    "were",
    "with",
    "via",
    "vs",
    "under",
    "between",
    "within",
    "over",
    "about",
    "upon",
    "toward",
    "towards",
    "against",
    // ru
    "и",
    "в",
    "во",
    "на",
    "с",
    "со",
    "к",
    "ко",
    "по",
    "о",
    "об",
    "от",
    "до",
    "из",
    "за",
    "для",
    "при",
    "без",
    "под",
    "над",
    "а",
    "но",
    "или",
    "что",
    "как",
    "его",
    "ее",
    "их",
    // kk
    "мен",
    "және",
    "пен",
    "бен",
    "немесе",
    "үшін",
    "туралы",
    "арқылы",
    "бойынша",
    "мен",
    "да",
    "де",
    "та",
    "те",
];

/// English first parts that make a line-end hyphen part of the word
/// (`large-`/`scale` → `large-scale`, `re-`/`emigrants` → `re-emigrants`).
/// Source: the compound-forming prefixes and adjectives of the Chicago Manual
/// of Style hyphenation table (7.89).
pub const EN_COMPOUND_FIRST_PARTS: &[&str] = &[
    "re", "non", "self", "co", "ex", "post", "pre", "anti", "semi", "quasi", "pseudo", "high",
    "low", "well", "ill", "large", "small", "long", "short", "full", "half", "cross", "mid",
    "multi", "socio", "state", "world", "year", "so", "all", "old", "new", "first", "second",
    "third", "two", "three", "four", "five", "one", "time", "long", "middle", "top", "by",
];

/// English suffix openings: a line-end hyphen before one of these only split
/// the word (`govern-`/`ment`). Source: English derivational suffixes.
pub const EN_SUFFIX_OPENINGS: &[&str] = &[
    "tion", "sion", "ment", "ness", "ity", "ities", "ance", "ence", "ing", "ings", "ised", "ized",
    "ation", "ly", "ous", "ive", "ible", "able", "ture", "ical", "ted", "sed", "ced",
];

/// Russian particles and prefixes written with a hyphen (`кое-`, `-то`,
/// `-либо`, `-нибудь`, `-таки`). Source: Russian spelling rules (Правила
/// русской орфографии и пунктуации, §§ 78–80).
pub const RU_HYPHEN_PARTICLES: &[&str] = &["то", "либо", "нибудь", "таки", "ка"];
pub const RU_HYPHEN_PREFIXES: &[&str] = &["кое", "кой"];

/// Endings of a Russian compound adjective's second part after a first part in
/// `-о`/`-е` (`социально-экономический`, `научно-исследовательская`).
/// Source: Russian spelling rules, § 79 (compound adjectives of coordinated parts).
/// Openings of a Russian adjective suffix: a second part that starts with one
/// only finished a word split by syllables (`стратегиче-`/`скому`).
/// Source: Russian adjective suffixes -ск-, -ческ-, -цк-, -н-, -енн-.
pub const RU_ADJECTIVE_SUFFIX_OPENINGS: &[&str] = &["ск", "ческ", "цк", "н", "енн", "онн"];

pub const RU_ADJECTIVE_ENDINGS: &[&str] = &[
    "ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ых", "их", "ого", "его", "ому", "ему",
    "ым", "им", "ую", "юю", "ыми", "ими",
];

/// Endings of the first part of a Kazakh compound written with a hyphen
/// (`ғылыми-зерттеу`, `әлеуметтік-экономикалық`, `тарихи-мәдени`), applied
/// only when a part has a Kazakh-specific letter. Source: Kazakh orthography
/// rules (Қазақ тілінің емле ережелері), compound words written with a hyphen.
pub const KK_COMPOUND_FIRST_ENDINGS: &[&str] = &[
    "лық", "лік", "дық", "дік", "тық", "тік", "ми", "ни", "ли", "ри", "хи", "си", "ти", "ди",
];

/// Letters only Kazakh has among our languages.
pub const KK_LETTERS: &str = "әғқңөұүһіӘҒҚҢӨҰҮҺІ";
