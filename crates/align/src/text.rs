//! Words, numbers, stems and sentences of kk/ru/en text, as the aligner sees them.

use ushtil_lang::Lang;
use ushtil_lang::lookalike::repair_word;

/// One token of a text: a normalised word or a number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Token {
    /// A word, lowercased, Latin look-alikes repaired, `ё` folded to `е`.
    Word(String),
    /// A number, decimal comma written as a point (`3,7` → `3.7`).
    Number(String),
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || matches!(c, '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}' | '\'' | '’')
}

/// Normalises one word: look-alikes repaired, lowercase, `ё` → `е`, apostrophes dropped.
pub fn normalize_word(word: &str) -> String {
    let repaired = repair_word(word);
    let word = repaired.as_deref().unwrap_or(word);
    word.chars()
        .filter(|c| !matches!(c, '\'' | '’'))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

/// Splits text into words and numbers. Hyphens split words (`көші-қоны`);
/// a point or comma between digits stays inside a number (`3.7`, `3,7`).
pub fn tokens(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            let mut num = String::new();
            while i < chars.len() {
                let d = chars[i];
                if d.is_ascii_digit() {
                    num.push(d);
                } else if matches!(d, '.' | ',')
                    && chars.get(i + 1).is_some_and(char::is_ascii_digit)
                    && !num.is_empty()
                {
                    num.push('.');
                } else {
                    break;
                }
                i += 1;
            }
            out.push(Token::Number(num));
        } else if is_word_char(c) && c != '\'' && c != '’' {
            let start = i;
            while i < chars.len() && is_word_char(chars[i]) {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let norm = normalize_word(&word);
            if !norm.is_empty() {
                out.push(Token::Word(norm));
            }
        } else {
            i += 1;
        }
    }
    out
}

/// The numbers of a text, normalised as in [`tokens`].
pub fn numbers(text: &str) -> Vec<String> {
    tokens(text)
        .into_iter()
        .filter_map(|t| match t {
            Token::Number(n) => Some(n),
            Token::Word(_) => None,
        })
        .collect()
}

/// Function words that carry no cross-language evidence, per language.
///
/// Source: the most frequent function words of each language (articles,
/// prepositions, conjunctions, particles, pronouns, auxiliaries), written by
/// us from the grammars' closed word classes; kept short on purpose.
pub const STOPWORDS: &[(Lang, &[&str])] = &[
    (
        Lang::En,
        &[
            "a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "with", "from", "and",
            "or", "but", "not", "no", "as", "is", "are", "was", "were", "be", "been", "being",
            "has", "have", "had", "do", "does", "did", "this", "that", "these", "those", "it",
            "its", "they", "their", "them", "he", "his", "she", "her", "we", "our", "you", "your",
            "i", "me", "my", "which", "who", "whom", "whose", "what", "there", "here", "also",
            "such", "than", "then", "so", "if", "into", "about", "can", "will", "would", "shall",
            "should", "may", "might", "must", "all", "any", "each", "other", "one", "s", "t",
            "don", "very", "more", "most",
        ],
    ),
    (
        Lang::Ru,
        &[
            "и",
            "в",
            "во",
            "на",
            "с",
            "со",
            "к",
            "ко",
            "по",
            "за",
            "из",
            "у",
            "о",
            "об",
            "от",
            "до",
            "для",
            "при",
            "про",
            "не",
            "ни",
            "но",
            "а",
            "же",
            "ли",
            "бы",
            "то",
            "что",
            "как",
            "это",
            "этот",
            "эта",
            "эти",
            "этого",
            "этой",
            "тот",
            "та",
            "те",
            "его",
            "ее",
            "их",
            "он",
            "она",
            "оно",
            "они",
            "мы",
            "вы",
            "я",
            "ты",
            "меня",
            "мне",
            "вас",
            "нас",
            "который",
            "которые",
            "которая",
            "которого",
            "которой",
            "так",
            "также",
            "или",
            "был",
            "была",
            "были",
            "было",
            "быть",
            "есть",
            "все",
            "всех",
            "весь",
            "его",
            "свой",
            "своей",
            "своих",
            "уже",
            "еще",
            "только",
            "очень",
            "где",
            "когда",
            "чтобы",
            "под",
            "над",
            "без",
            "через",
            "между",
        ],
    ),
    (
        Lang::Kk,
        &[
            "және",
            "мен",
            "бен",
            "пен",
            "да",
            "де",
            "та",
            "те",
            "бұл",
            "осы",
            "сол",
            "ол",
            "олар",
            "оның",
            "олардың",
            "мұның",
            "үшін",
            "арқылы",
            "бойынша",
            "туралы",
            "сияқты",
            "ретінде",
            "немесе",
            "бірақ",
            "әрі",
            "ал",
            "ма",
            "ме",
            "ба",
            "бе",
            "па",
            "пе",
            "ғана",
            "қана",
            "тек",
            "бар",
            "жоқ",
            "емес",
            "еді",
            "болып",
            "болды",
            "болады",
            "болған",
            "мен",
            "сен",
            "біз",
            "сіз",
            "өз",
            "өзі",
            "өзінің",
            "барлық",
            "әр",
            "кез",
            "келген",
            "жылы",
            "сондай",
            "сонымен",
            "қатар",
            "ғой",
            "ды",
            "ді",
            "ты",
            "ті",
        ],
    ),
];

/// Whether `word` (normalised) is a function word of `lang`.
pub fn is_stopword(lang: Lang, word: &str) -> bool {
    STOPWORDS
        .iter()
        .find(|(l, _)| *l == lang)
        .is_some_and(|(_, words)| words.contains(&word))
}

/// Stems a normalised word the way the index does (`ushtil_lang::analysis::stem`:
/// Snowball for Russian and English, our Kazakh stemmer for Kazakh), so the
/// glossary, mining and search agree on stems.
pub fn stem(lang: Lang, word: &str) -> String {
    ushtil_lang::analysis::stem(lang, word)
}

/// Abbreviations that end in a point without ending a sentence, per language
/// (lowercase, without the final point). Written by us from the abbreviations
/// common in scholarly text of each language.
pub const ABBREVIATIONS: &[&str] = &[
    // English
    "e.g",
    "i.e",
    "etc",
    "al",
    "vs",
    "fig",
    "figs",
    "no",
    "vol",
    "pp",
    "p",
    "dr",
    "prof",
    "mr",
    "mrs",
    "ms",
    "jr",
    "sr",
    "st",
    "cf",
    "approx",
    "ed",
    "eds",
    "inc",
    "ltd",
    "co",
    "dept",
    "univ",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "ca",
    "resp",
    // Russian
    "г",
    "гг",
    "т.е",
    "т.д",
    "т.п",
    "т.к",
    "др",
    "см",
    "рис",
    "табл",
    "им",
    "проф",
    "акад",
    "ул",
    "стр",
    "с",
    "т",
    "тыс",
    "млн",
    "млрд",
    "руб",
    "в",
    "вв",
    "н.э",
    "до н.э",
    "изд",
    "ред",
    "гл",
    "ст",
    "п",
    "пп",
    "доц",
    "канд",
    "напр",
    "англ",
    "рус",
    "каз",
    "кит",
    // Kazakh
    "ж",
    "жж",
    "т.б",
    "т.с.с",
    "б.з.б",
    "б.з",
    "мыс",
    "ғ",
    "бет",
    "б",
    "қ",
    "көш",
    "ш",
    "ақш",
];

fn is_abbreviation(word: &str) -> bool {
    let lower = normalize_word(word);
    let trimmed = lower.trim_start_matches(['(', '[', '«', '"', '“']);
    ABBREVIATIONS.contains(&trimmed)
}

fn is_initial(word: &str) -> bool {
    let mut chars = word.trim_start_matches(['(', '[', '«', '"', '“']).chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

/// Splits text into sentences: after `.`, `!`, `?` or `…` (and closing quotes
/// or brackets) followed by a space and an uppercase letter, digit, quote or
/// dash; not after an abbreviation (`т.е.`, `e.g.`, `ж.`) or an initial (`Н.`).
/// A point between digits (`3.7`) never ends a sentence. Sentences are trimmed;
/// empty ones are dropped.
pub fn sentences(text: &str) -> Vec<String> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let (_, c) = chars[i];
        if matches!(c, '.' | '!' | '?' | '…') {
            let mut j = i + 1;
            while j < chars.len()
                && matches!(
                    chars[j].1,
                    '.' | '!' | '?' | '…' | '»' | '"' | '”' | ')' | ']' | '\'' | '’'
                )
            {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |(b, _)| *b);
            let mut k = j;
            while k < chars.len() && chars[k].1.is_whitespace() {
                k += 1;
            }
            let spaced = k > j;
            let next = chars.get(k).map(|(_, n)| *n);
            let opens = next.is_none_or(|n| {
                n.is_uppercase()
                    || n.is_ascii_digit()
                    || matches!(n, '«' | '"' | '“' | '—' | '–' | '(' | '[')
            });
            let boundary = (spaced || next.is_none()) && opens && {
                if c == '.' {
                    let before = &text[start..chars[i].0];
                    let word = before.split_whitespace().last().unwrap_or("");
                    !(is_abbreviation(word) || is_initial(word))
                } else {
                    true
                }
            };
            if boundary {
                let sentence = text[start..end].trim();
                if !sentence.is_empty() {
                    out.push(sentence.to_string());
                }
                start = chars.get(k).map_or(text.len(), |(b, _)| *b);
                i = k;
                continue;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_sentences(text: &str, expected: &[&str]) {
        assert_eq!(sentences(text), expected, "text: {text}");
    }

    #[test]
    fn splits_at_sentence_ends() {
        check_sentences(
            "The article examines the diaspora. Investment grew! Why? Labour.",
            &[
                "The article examines the diaspora.",
                "Investment grew!",
                "Why?",
                "Labour.",
            ],
        );
    }

    #[test]
    fn keeps_decimal_numbers_and_abbreviations_inside() {
        check_sentences(
            "Growth was 3.7 per cent, e.g. in 2015. Exports rose.",
            &["Growth was 3.7 per cent, e.g. in 2015.", "Exports rose."],
        );
        check_sentences(
            "В 1978 г. Китай начал реформы, т.е. открытость. Это важно.",
            &[
                "В 1978 г. Китай начал реформы, т.е. открытость.",
                "Это важно.",
            ],
        );
        check_sentences(
            "2015 ж. Қытай реформа жасады. Бұл маңызды.",
            &["2015 ж. Қытай реформа жасады.", "Бұл маңызды."],
        );
    }

    #[test]
    fn initials_do_not_end_sentences() {
        check_sentences(
            "Н. Болдурукова зерттеді. Ол жазды.",
            &["Н. Болдурукова зерттеді.", "Ол жазды."],
        );
        check_sentences("As J. Smith wrote. Yes.", &["As J. Smith wrote.", "Yes."]);
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        check_sentences(
            "Стратегия «Выход вовне». Далее текст",
            &["Стратегия «Выход вовне».", "Далее текст"],
        );
        check_sentences(
            "He said \"go.\" Then left.",
            &["He said \"go.\"", "Then left."],
        );
    }

    #[test]
    fn lowercase_after_point_does_not_split() {
        check_sentences("Section 2. and then more", &["Section 2. and then more"]);
    }

    #[test]
    fn empty_and_blank_text_have_no_sentences() {
        assert!(sentences("").is_empty());
        assert!(sentences("  \n ").is_empty());
        check_sentences("...", &["..."]);
    }

    #[test]
    fn tokens_normalise_words_and_numbers() {
        assert_eq!(
            tokens("Қытай əлеуеті 3,7 1970-х Ёлка"),
            vec![
                Token::Word("қытай".into()),
                Token::Word("әлеуеті".into()),
                Token::Number("3.7".into()),
                Token::Number("1970".into()),
                Token::Word("х".into()),
                Token::Word("елка".into()),
            ]
        );
        assert_eq!(numbers("1-2 million, 10-20"), vec!["1", "2", "10", "20"]);
    }

    #[test]
    fn stems_conflate_inflections() {
        assert_eq!(stem(Lang::Ru, "мигранты"), stem(Lang::Ru, "мигрант"));
        assert_eq!(stem(Lang::En, "migrants"), stem(Lang::En, "migrant"));
        assert_eq!(stem(Lang::Kk, "мигранттар"), stem(Lang::Kk, "мигрант"));
        assert_eq!(
            stem(Lang::Kk, "диаспораларының"),
            stem(Lang::Kk, "диаспора")
        );
    }
}
