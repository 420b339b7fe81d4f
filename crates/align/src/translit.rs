//! Transliteration between Cyrillic (Kazakh, Russian) and Latin, and the
//! script-neutral keys that cognate matching compares.
//!
//! Two tables, each in one place:
//! - [`CYRILLIC_TO_LATIN`]: display transliteration. Kazakh letters follow the
//!   2021 Kazakh Latin alphabet (the revised alphabet presented by the Kazakh
//!   government in January 2021: ә→ä, ғ→ğ, қ→q, ң→ñ, ө→ö, ұ→ū, ү→ü, і→ı,
//!   ы→y, ш→ş, ж→j); letters only Russian uses (ц, ч, щ, ъ, ь, ё, э, ю, я, х)
//!   follow BGN/PCGN 1947 romanisation of Russian.
//! - [`FOLD`]: the matching key, an ASCII spelling that merges what the three
//!   languages write differently for the same sound in borrowed words
//!   (қ/к/c→k, ц/c(e,i)→s, English `-ti-` before a vowel → s as in Russian
//!   `-ция`, x→ks, ph→f, th→t, w→v). Written by us for this crate.

/// Display transliteration of one lowercase Cyrillic letter (see module docs).
pub const CYRILLIC_TO_LATIN: &[(char, &str)] = &[
    ('а', "a"),
    ('ә', "ä"),
    ('б', "b"),
    ('в', "v"),
    ('г', "g"),
    ('ғ', "ğ"),
    ('д', "d"),
    ('е', "e"),
    ('ё', "yo"),
    ('ж', "j"),
    ('з', "z"),
    ('и', "i"),
    ('й', "i"),
    ('к', "k"),
    ('қ', "q"),
    ('л', "l"),
    ('м', "m"),
    ('н', "n"),
    ('ң', "ñ"),
    ('о', "o"),
    ('ө', "ö"),
    ('п', "p"),
    ('р', "r"),
    ('с', "s"),
    ('т', "t"),
    ('у', "u"),
    ('ұ', "ū"),
    ('ү', "ü"),
    ('ф', "f"),
    ('х', "kh"),
    ('һ', "h"),
    ('ц', "ts"),
    ('ч', "ch"),
    ('ш', "ş"),
    ('щ', "shch"),
    ('ъ', ""),
    ('ы', "y"),
    ('і', "ı"),
    ('ь', ""),
    ('э', "e"),
    ('ю', "yu"),
    ('я', "ya"),
];

/// Matching-key spelling of one lowercase Cyrillic letter: plain ASCII, with
/// the distinctions borrowed words blur merged (see module docs).
pub const FOLD: &[(char, &str)] = &[
    ('а', "a"),
    ('ә', "a"),
    ('б', "b"),
    ('в', "v"),
    ('г', "g"),
    ('ғ', "g"),
    ('д', "d"),
    ('е', "e"),
    ('ё', "e"),
    ('ж', "zh"),
    ('з', "z"),
    ('и', "i"),
    ('й', "i"),
    ('к', "k"),
    ('қ', "k"),
    ('л', "l"),
    ('м', "m"),
    ('н', "n"),
    ('ң', "n"),
    ('о', "o"),
    ('ө', "o"),
    ('п', "p"),
    ('р', "r"),
    ('с', "s"),
    ('т', "t"),
    ('у', "u"),
    ('ұ', "u"),
    ('ү', "u"),
    ('ф', "f"),
    ('х', "h"),
    ('һ', "h"),
    ('ц', "s"),
    ('ч', "ch"),
    ('ш', "sh"),
    ('щ', "sh"),
    ('ъ', ""),
    ('ы', "i"),
    ('і', "i"),
    ('ь', ""),
    ('э', "e"),
    ('ю', "u"),
    ('я', "a"),
];

/// Latin-to-Cyrillic (Russian) spelling for names in queries, longest
/// sequences first: the inverse of BGN/PCGN for the digraphs it uses.
pub const LATIN_TO_CYRILLIC: &[(&str, &str)] = &[
    ("shch", "щ"),
    ("kh", "х"),
    ("zh", "ж"),
    ("ts", "ц"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("yu", "ю"),
    ("ya", "я"),
    ("yo", "ё"),
    ("a", "а"),
    ("b", "б"),
    ("c", "к"),
    ("d", "д"),
    ("e", "е"),
    ("f", "ф"),
    ("g", "г"),
    ("h", "х"),
    ("i", "и"),
    ("j", "дж"),
    ("k", "к"),
    ("l", "л"),
    ("m", "м"),
    ("n", "н"),
    ("o", "о"),
    ("p", "п"),
    ("q", "к"),
    ("r", "р"),
    ("s", "с"),
    ("t", "т"),
    ("u", "у"),
    ("v", "в"),
    ("w", "в"),
    ("x", "кс"),
    ("z", "з"),
];

fn lookup<'a>(table: &'a [(char, &'a str)], c: char) -> Option<&'a str> {
    table.iter().find(|(k, _)| *k == c).map(|(_, v)| *v)
}

/// Transliterates Cyrillic text to Latin for display (Kazakh 2021 alphabet,
/// BGN/PCGN for Russian-only letters), keeping case of the first letter of
/// each replaced letter. Other characters pass through.
pub fn to_latin(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        match lookup(CYRILLIC_TO_LATIN, lower) {
            Some(latin) if lower != c => {
                let mut chars = latin.chars();
                if let Some(first) = chars.next() {
                    out.extend(first.to_uppercase());
                    out.push_str(chars.as_str());
                }
            }
            Some(latin) => out.push_str(latin),
            None => out.push(c),
        }
    }
    out
}

/// Spells a Latin word in Russian Cyrillic (for names in queries: `Boldurukova`
/// → `болдурукова`). Lowercases; characters outside a–z pass through.
pub fn to_cyrillic(word: &str) -> String {
    let lower = word.to_lowercase();
    let mut out = String::with_capacity(lower.len() * 2);
    let mut rest = lower.as_str();
    let mut prev_vowel = false;
    while let Some(c) = rest.chars().next() {
        // `y` is a vowel (ы) between consonants, the glide й elsewhere.
        if c == 'y' && !["ya", "yu", "yo"].iter().any(|d| rest.starts_with(d)) {
            let next_consonant = rest[1..]
                .chars()
                .next()
                .is_some_and(|n| n.is_ascii_alphabetic() && !"aeiouy".contains(n));
            out.push(if !prev_vowel && next_consonant {
                'ы'
            } else {
                'й'
            });
            prev_vowel = false;
            rest = &rest[1..];
            continue;
        }
        prev_vowel = "aeiou".contains(c);
        match LATIN_TO_CYRILLIC
            .iter()
            .find(|(latin, _)| rest.starts_with(latin))
        {
            Some((latin, cyr)) => {
                out.push_str(cyr);
                rest = &rest[latin.len()..];
            }
            None => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out
}

/// The folded ASCII key of one word in any of the three languages: lowercase,
/// Cyrillic through [`FOLD`], English spelling rules applied to Latin letters.
/// Non-letters are dropped. `миграция`, `migration` → `migrasia`, `migrasion`.
pub fn fold(word: &str) -> String {
    let lower: Vec<char> = word.to_lowercase().chars().collect();
    let mut out = String::with_capacity(lower.len() + 4);
    let mut i = 0;
    let is_vowel = |c: Option<&char>| matches!(c, Some('a' | 'e' | 'i' | 'o' | 'u' | 'y'));
    while i < lower.len() {
        let c = lower[i];
        let next = lower.get(i + 1);
        if let Some(folded) = lookup(FOLD, c) {
            out.push_str(folded);
        } else if c.is_ascii_alphabetic() {
            match c {
                'c' if next == Some(&'h') => {
                    out.push_str("ch");
                    i += 1;
                }
                'c' if next == Some(&'k') => {
                    out.push('k');
                    i += 1;
                }
                'c' if matches!(next, Some('e' | 'i' | 'y')) => out.push('s'),
                'c' | 'q' => out.push('k'),
                'p' if next == Some(&'h') => {
                    out.push('f');
                    i += 1;
                }
                't' if next == Some(&'h') => {
                    out.push('t');
                    i += 1;
                }
                // -tion, -tial, -tia: Russian writes ц (folded to s).
                't' if next == Some(&'i') && is_vowel(lower.get(i + 2)) && i > 0 => out.push('s'),
                'x' => out.push_str("ks"),
                'w' => out.push('v'),
                'y' => out.push('i'),
                _ => out.push(c),
            }
        } else if c.is_alphabetic() {
            // Other Latin letters with diacritics: their base letter when ASCII.
            let base = match c {
                'ä' | 'á' | 'à' | 'â' => 'a',
                'ö' | 'ó' | 'ò' | 'ô' => 'o',
                'ü' | 'ú' | 'ù' | 'û' | 'ū' => 'u',
                'é' | 'è' | 'ê' | 'ë' => 'e',
                'ı' | 'í' | 'ì' | 'î' | 'ï' => 'i',
                'ñ' => 'n',
                'ş' => 's',
                'ç' => 'c',
                'ğ' => 'g',
                'ə' => 'a',
                _ => c,
            };
            if base.is_ascii() {
                out.push(base);
            } else {
                out.push(c);
            }
        }
        i += 1;
    }
    out
}

/// The consonant skeleton of a folded key: its first letter, then its
/// consonants, with runs of the same letter collapsed. Vowels are where
/// borrowed words differ most (`экономика`/`economy` → `eknmk`/`eknm`).
pub fn skeleton(folded: &str) -> String {
    let mut out = String::with_capacity(folded.len());
    let mut last = None;
    for (i, c) in folded.chars().enumerate() {
        let vowel = matches!(c, 'a' | 'e' | 'i' | 'o' | 'u');
        if (i == 0 || !vowel) && last != Some(c) {
            out.push(c);
            last = Some(c);
        } else if vowel {
            last = None;
        }
    }
    out
}

/// Length of the skeleton prefix two words must share to count as cognates.
pub const COGNATE_PREFIX: usize = 4;

/// The cognate key of a word: the first [`COGNATE_PREFIX`] letters of its
/// skeleton, or `None` when the skeleton is shorter (too short to be telling).
pub fn cognate_key(word: &str) -> Option<String> {
    let skel = skeleton(&fold(word));
    if skel.chars().count() < COGNATE_PREFIX || !skel.is_ascii() {
        return None;
    }
    Some(skel.chars().take(COGNATE_PREFIX).collect())
}

/// Whether two words in any of the three languages look like cognates: they
/// share a cognate key, or their folded forms are within a normalised edit
/// distance of 0.34.
pub fn are_cognates(a: &str, b: &str) -> bool {
    if let (Some(ka), Some(kb)) = (cognate_key(a), cognate_key(b))
        && ka == kb
    {
        return true;
    }
    let (fa, fb) = (fold(a), fold(b));
    let longest = fa.chars().count().max(fb.chars().count());
    longest >= 5 && (edit_distance(&fa, &fb) as f64) / (longest as f64) <= 0.34
}

/// Levenshtein distance over chars.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kazakh_letters_follow_the_2021_alphabet() {
        assert_eq!(to_latin("Қазақстан"), "Qazaqstan");
        assert_eq!(to_latin("әлеуеті"), "äleuetı");
        assert_eq!(to_latin("Болдурукова"), "Boldurukova");
    }

    #[test]
    fn russian_only_letters_follow_bgn_pcgn() {
        assert_eq!(to_latin("щука"), "shchuka");
        assert_eq!(to_latin("Цюрих"), "Tsyurikh");
    }

    #[test]
    fn latin_names_spell_back_in_cyrillic() {
        assert_eq!(to_cyrillic("Boldurukova"), "болдурукова");
        assert_eq!(to_cyrillic("Zhanna"), "жанна");
        assert_eq!(to_cyrillic("Shymkent"), "шымкент");
        assert_eq!(to_cyrillic("Altay"), "алтай");
        assert_eq!(to_cyrillic("Yakov"), "яков");
    }

    #[test]
    fn borrowed_words_share_a_cognate_key() {
        for (a, b) in [
            ("реформа", "reform"),
            ("миграциялық", "migration"),
            ("миграционная", "migration"),
            ("миграциялық", "миграционная"),
            ("инвестициялық", "investment"),
            ("экономикалық", "economic"),
            ("стратегия", "strategy"),
            ("диаспора", "diaspora"),
            ("экспорт", "export"),
            ("потенциал", "potential"),
            ("процесс", "process"),
        ] {
            assert!(are_cognates(a, b), "{a} ~ {b}");
        }
    }

    #[test]
    fn unrelated_words_are_not_cognates() {
        for (a, b) in [
            ("Қытай", "China"),
            ("мигрант", "reform"),
            ("саясат", "политика"),
            ("труд", "labour"),
            ("экспорт", "импорт"),
        ] {
            assert!(!are_cognates(a, b), "{a} !~ {b}");
        }
    }

    #[test]
    fn short_words_have_no_cognate_key() {
        assert_eq!(cognate_key("ел"), None);
        assert_eq!(cognate_key("policy"), None);
        assert_eq!(cognate_key("реформа").as_deref(), Some("rfrm"));
    }

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }
}
