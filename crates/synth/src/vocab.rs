//! The built-in tables synthetic papers are dressed in: topic vocabulary,
//! abstract and keyword labels, headings, names, affiliations, journals.
//!
//! Everything here was written for this project (no text from the evaluation
//! data). The labels and heading words follow the layouts of Kazakhstani
//! trilingual journals (KazNU *Хабаршы/Вестник/Bulletin* series, ENU
//! *Хабаршысы*) as listed in issue 2, so that generated papers exercise what
//! the segmenter has to recognise.

/// A migration/economics/policy term in Kazakh, Russian and English.
///
/// The three forms are translations of each other, so that keyword lists of
/// one paper align across languages. Written by us from standard terminology
/// (Kazakh terms as used in Kazakhstani government and academic usage).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Term {
    pub kk: &'static str,
    pub ru: &'static str,
    pub en: &'static str,
}

const fn t(kk: &'static str, ru: &'static str, en: &'static str) -> Term {
    Term { kk, ru, en }
}

/// The topic vocabulary: keyword lists are drawn from it, and the bench's
/// queries are written from it.
pub const TERMS: &[Term] = &[
    t("мигранттар", "мигранты", "migrants"),
    t(
        "көші-қон саясаты",
        "миграционная политика",
        "migration policy",
    ),
    t("еңбек көші-қоны", "трудовая миграция", "labour migration"),
    t("диаспора", "диаспора", "diaspora"),
    t("экономикалық өсу", "экономический рост", "economic growth"),
    t("инвестициялар", "инвестиции", "investments"),
    t("сыртқы сауда", "внешняя торговля", "foreign trade"),
    t("еңбек нарығы", "рынок труда", "labour market"),
    t("жұмыссыздық", "безработица", "unemployment"),
    t("реформа", "реформа", "reform"),
    t(
        "мемлекеттік саясат",
        "государственная политика",
        "public policy",
    ),
    t(
        "халықаралық қатынастар",
        "международные отношения",
        "international relations",
    ),
    t("экспорт", "экспорт", "export"),
    t("жұмыс күші", "рабочая сила", "labour force"),
    t("азаматтық", "гражданство", "citizenship"),
    t("урбандалу", "урбанизация", "urbanization"),
    t("демография", "демография", "demography"),
    t("халық саны", "численность населения", "population size"),
    t(
        "әлеуметтік қорғау",
        "социальная защита",
        "social protection",
    ),
    t("білім беру", "образование", "education"),
    t("жаһандану", "глобализация", "globalization"),
    t(
        "аймақтық ынтымақтастық",
        "региональное сотрудничество",
        "regional cooperation",
    ),
    t("шекара", "граница", "border"),
    t("босқындар", "беженцы", "refugees"),
    t("ақша аударымдары", "денежные переводы", "remittances"),
    t(
        "шетелдік инвестициялар",
        "иностранные инвестиции",
        "foreign investment",
    ),
    t("кәсіпкерлік", "предпринимательство", "entrepreneurship"),
    t(
        "ұлттық қауіпсіздік",
        "национальная безопасность",
        "national security",
    ),
    t("Қытай", "Китай", "China"),
    t("Қазақстан", "Казахстан", "Kazakhstan"),
    t("Орталық Азия", "Центральная Азия", "Central Asia"),
    t("Ресей", "Россия", "Russia"),
    t(
        "тұрақты даму",
        "устойчивое развитие",
        "sustainable development",
    ),
    t("инфляция", "инфляция", "inflation"),
    t("интеграция", "интеграция", "integration"),
    t("қандастар", "репатрианты", "repatriates"),
    t("квота", "квота", "quota"),
    t("жалақы", "заработная плата", "wages"),
    t("кедейлік", "бедность", "poverty"),
    t(
        "мемлекеттік бағдарлама",
        "государственная программа",
        "state programme",
    ),
    t(
        "сыртқы экономикалық стратегия",
        "внешнеэкономическая стратегия",
        "foreign economic strategy",
    ),
    t("қаржы нарығы", "финансовый рынок", "financial market"),
];

/// Word beginnings that mark a sentence as on-topic (migration, economics,
/// policy), per language; sentences holding one are preferred for abstracts
/// and bodies. Lowercase prefixes, matched at word starts.
pub const TOPIC_PREFIXES_KK: &[&str] = &[
    "көші-қон",
    "мигрант",
    "экономика",
    "саясат",
    "саяси",
    "инвестиция",
    "сауда",
    "нарық",
    "еңбек",
    "жұмыс",
    "үкімет",
    "экспорт",
    "диаспора",
    "даму",
    "реформа",
    "қаржы",
    "банк",
    "салық",
    "өнеркәсіп",
    "әлеуметтік",
    "халық",
    "азамат",
    "мемлекет",
    "кәсіп",
    "бюджет",
];
/// See [`TOPIC_PREFIXES_KK`].
pub const TOPIC_PREFIXES_RU: &[&str] = &[
    "мигра",
    "эконом",
    "политик",
    "инвест",
    "торгов",
    "рын",
    "труд",
    "занят",
    "работ",
    "правительств",
    "экспорт",
    "диаспор",
    "развити",
    "реформ",
    "финанс",
    "банк",
    "налог",
    "промышлен",
    "социальн",
    "населени",
    "гражда",
    "государств",
    "предприним",
    "бюджет",
];
/// See [`TOPIC_PREFIXES_KK`].
pub const TOPIC_PREFIXES_EN: &[&str] = &[
    "migra",
    "econom",
    "polic",
    "invest",
    "trade",
    "market",
    "labo",
    "employ",
    "worker",
    "government",
    "export",
    "diaspora",
    "develop",
    "reform",
    "financ",
    "bank",
    "tax",
    "industr",
    "social",
    "population",
    "citizen",
    "state",
    "capital",
    "income",
    "wage",
];

/// Abstract labels per language (issue 2's list). The label is printed
/// before the abstract, either on its own line or as a run-in `Label.`/`Label:`.
pub const ABSTRACT_LABELS_KK: &[&str] = &["Аңдатпа", "Түйіндеме", "Аннотация"];
/// See [`ABSTRACT_LABELS_KK`].
pub const ABSTRACT_LABELS_RU: &[&str] = &["Аннотация", "Резюме"];
/// See [`ABSTRACT_LABELS_KK`].
pub const ABSTRACT_LABELS_EN: &[&str] = &["Abstract", "Summary"];

/// Keyword-list labels per language (issue 2's list and the reference article).
pub const KEYWORD_LABELS_KK: &[&str] = &["Түйін сөздер", "Түйінді сөздер", "Кілт сөздер"];
/// See [`KEYWORD_LABELS_KK`].
pub const KEYWORD_LABELS_RU: &[&str] = &["Ключевые слова"];
/// See [`KEYWORD_LABELS_KK`].
pub const KEYWORD_LABELS_EN: &[&str] = &["Keywords", "Key words"];

/// Section headings per language, in the order a paper uses them: the first
/// opens the body, the last closes it, the middle ones are drawn from.
pub const HEADINGS_KK: Headings = Headings {
    first: &["Кіріспе"],
    middle: &[
        "Зерттеу әдістері",
        "Әдебиеттерге шолу",
        "Негізгі бөлім",
        "Нәтижелер",
        "Талқылау",
        "Көші-қон үдерістерінің ерекшеліктері",
        "Экономикалық саясаттың бағыттары",
    ],
    last: &["Қорытынды"],
    references: &[
        "Әдебиеттер",
        "Әдебиеттер тізімі",
        "Пайдаланылған әдебиеттер тізімі",
    ],
};
/// See [`HEADINGS_KK`].
pub const HEADINGS_RU: Headings = Headings {
    first: &["Введение"],
    middle: &[
        "Методы исследования",
        "Обзор литературы",
        "Основная часть",
        "Результаты",
        "Обсуждение",
        "Особенности миграционных процессов",
        "Направления экономической политики",
    ],
    last: &["Заключение", "Выводы"],
    references: &["Литература", "Список литературы"],
};
/// See [`HEADINGS_KK`].
pub const HEADINGS_EN: Headings = Headings {
    first: &["Introduction"],
    middle: &[
        "Methods",
        "Literature review",
        "Results",
        "Discussion",
        "Migration flows and their drivers",
        "Directions of economic policy",
        "Labour export as a priority of the strategy",
    ],
    last: &["Conclusion", "Conclusions"],
    references: &["References"],
};

/// One language's heading vocabulary.
#[derive(Clone, Copy, Debug)]
pub struct Headings {
    pub first: &'static [&'static str],
    pub middle: &'static [&'static str],
    pub last: &'static [&'static str],
    pub references: &'static [&'static str],
}

/// Given names and surnames for author lines (common Kazakh names, in their
/// Kazakh spelling; Russian blocks print the same person in Russian spelling).
/// Pairs are (Kazakh, Russian) spellings.
pub const GIVEN_NAMES: &[(&str, &str)] = &[
    ("Айгүл", "Айгуль"),
    ("Назира", "Назира"),
    ("Ержан", "Ержан"),
    ("Гүлнар", "Гульнар"),
    ("Асқар", "Аскар"),
    ("Динара", "Динара"),
    ("Бауыржан", "Бауыржан"),
    ("Сәуле", "Сауле"),
    ("Нұрлан", "Нурлан"),
    ("Әсел", "Асель"),
    ("Қайрат", "Кайрат"),
    ("Мәдина", "Мадина"),
];
/// See [`GIVEN_NAMES`].
pub const SURNAMES: &[(&str, &str)] = &[
    ("Сейітова", "Сеитова"),
    ("Болдурукова", "Болдурукова"),
    ("Жұмабаев", "Жумабаев"),
    ("Нұрғалиева", "Нургалиева"),
    ("Оспанов", "Оспанов"),
    ("Тоқтарова", "Токтарова"),
    ("Әбдіров", "Абдиров"),
    ("Қасымова", "Касымова"),
    ("Ермеков", "Ермеков"),
    ("Мұқанова", "Муканова"),
];

/// Affiliation lines (invented institutions' wording, in each language).
pub const AFFILIATIONS_KK: &[&str] = &[
    "Қазақ ұлттық университеті, Алматы қ., Қазақстан",
    "Еуразия ұлттық университеті, Астана қ., Қазақстан",
    "Халықаралық қатынастар институты, Алматы қ., Қазақстан",
];
/// See [`AFFILIATIONS_KK`].
pub const AFFILIATIONS_RU: &[&str] = &[
    "Казахский национальный университет, г. Алматы, Казахстан",
    "Евразийский национальный университет, г. Астана, Казахстан",
    "Институт международных отношений, г. Алматы, Казахстан",
];
/// See [`AFFILIATIONS_KK`].
pub const AFFILIATIONS_EN: &[&str] = &[
    "Kazakh National University, Almaty, Kazakhstan",
    "Eurasian National University, Astana, Kazakhstan",
    "Institute of International Relations, Almaty, Kazakhstan",
];

/// Running headers printed at page breaks (the journals' trilingual series
/// titles, with the issue number and year filled in).
pub const RUNNING_HEADERS: &[&str] = &[
    "ISSN 1563-0285 Хабаршы. Халықаралық қатынастар және халықаралық құқық сериясы. №{n} ({v}). {y}",
    "ISSN 1563-0285 KazNU Bulletin. International relations and international law series. №{n} ({v}). {y}",
    "ISSN 1563-0285 Хабаршы. Вестник. Bulletin. №{n} ({v}). {y}",
    "Вестник КазНУ. Серия международные отношения и международное право. №{n} ({v}). {y}",
];

/// Classification codes printed above the front matter.
pub const CLASS_CODES: &[&str] = &["УДК", "МРНТИ", "ӘОЖ", "IRSTI"];

/// Journal names for reference-list entries.
pub const JOURNALS: &[&str] = &[
    "Вестник КазНУ. Серия международные отношения",
    "Хабаршы. Экономика сериясы",
    "Journal of Eurasian Studies",
    "Вопросы экономики",
    "Central Asian Affairs",
    "Мировая экономика и международные отношения",
];
