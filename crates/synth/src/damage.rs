//! PDF-extraction damage, applied to clean text: split ligatures, Latin
//! look-alikes and `к` for `қ` in Kazakh, line wrapping with line-end
//! hyphenation.
//!
//! The kinds of damage are those seen in the reference article
//! (`corpus/going-out-policy-migration.txt`: `profi t`, `infl uence`, `за-`/
//! `рубежом`, `əлеуеті`) and noted in `../shared/data/README.md` (Latin `i`
//! and `ə` in Kazakh words, `к` written for `қ`).

use rand::Rng;

/// Ligatures that extraction splits from the following letter, longest first
/// (`ffi` before `ff` and `fi`): `profi t`, `infl uence`, `diffi cult`.
const LIGATURES: &[&str] = &["ffi", "ffl", "ff", "fi", "fl"];

/// Cyrillic letters a Kazakh PDF renders with Latin look-alikes, and the
/// look-alike. `ə` (U+0259) and `i` are by far the most frequent in the
/// data (see the module comment); `о`, `е` and `с` follow.
const LOOKALIKES: &[(char, char, f64)] = &[
    ('ә', 'ə', 1.0),
    ('Ә', 'Ə', 1.0),
    ('і', 'i', 1.0),
    ('І', 'I', 1.0),
    ('о', 'o', 0.1),
    ('е', 'e', 0.1),
    ('с', 'c', 0.1),
];

/// Splits ligatures in English text: each `fi`/`fl`/`ff`/`ffi`/`ffl` followed
/// by a letter is followed by a space with probability `rate`.
pub(crate) fn split_ligatures(text: &str, rate: f64, rng: &mut impl Rng) -> String {
    if rate <= 0.0 {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while !rest.is_empty() {
        let hit = LIGATURES.iter().find(|lig| rest.starts_with(**lig));
        match hit {
            Some(lig) => {
                out.push_str(lig);
                rest = &rest[lig.len()..];
                let next_is_letter = rest.chars().next().is_some_and(char::is_alphabetic);
                if next_is_letter && rng.random_bool(rate) {
                    out.push(' ');
                }
            }
            None => {
                let c = rest.chars().next().expect("rest is not empty");
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out
}

/// Replaces Cyrillic letters with Latin look-alikes in a share `word_rate` of
/// the words of Kazakh text.
pub(crate) fn kazakh_lookalikes(text: &str, word_rate: f64, rng: &mut impl Rng) -> String {
    map_words(text, word_rate, rng, |c, rng| {
        LOOKALIKES
            .iter()
            .find(|(cyr, _, _)| *cyr == c)
            .and_then(|&(_, lat, p)| (p >= 1.0 || rng.random_bool(p)).then_some(lat))
            .unwrap_or(c)
    })
}

/// Writes `к` for `қ` (and `К` for `Қ`) in a share `word_rate` of the words.
pub(crate) fn k_for_q(text: &str, word_rate: f64, rng: &mut impl Rng) -> String {
    map_words(text, word_rate, rng, |c, _| match c {
        'қ' => 'к',
        'Қ' => 'К',
        other => other,
    })
}

fn map_words<R: Rng>(
    text: &str,
    word_rate: f64,
    rng: &mut R,
    mut map: impl FnMut(char, &mut R) -> char,
) -> String {
    if word_rate <= 0.0 {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut in_word = false;
    let mut damaged = false;
    for c in text.chars() {
        let letter = c.is_alphabetic();
        if letter && !in_word {
            damaged = rng.random_bool(word_rate);
        }
        in_word = letter;
        out.push(if letter && damaged { map(c, rng) } else { c });
    }
    out
}

/// How to break lines.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Wrap {
    /// Maximum characters a line.
    pub width: usize,
    /// Probability of hyphenating a word that does not fit, instead of moving
    /// it whole to the next line.
    pub hyphenate: f64,
    /// Whether lines end with a space before the break (as extraction tools
    /// often leave them).
    pub trailing_space: bool,
}

/// Breaks `text` into lines of at most `wrap.width` characters (a longer
/// single word overflows), hyphenating some words at the break, and pushes
/// the lines onto `out`.
pub(crate) fn wrap_into(text: &str, wrap: Wrap, rng: &mut impl Rng, out: &mut Vec<String>) {
    let mut line = String::new();
    let mut len = 0usize;
    let end_line = |line: &mut String, out: &mut Vec<String>| {
        if wrap.trailing_space && !line.ends_with('-') {
            line.push(' ');
        }
        out.push(std::mem::take(line));
    };
    let mut words = text
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string);
    let mut pending: Option<String> = None;
    while let Some(word) = pending.take().or_else(|| words.next()) {
        let wlen = word.chars().count();
        let room = if len == 0 {
            wrap.width
        } else {
            wrap.width.saturating_sub(len + 1)
        };
        if wlen <= room || len == 0 && wlen > wrap.width && !can_split(&word) {
            if len > 0 {
                line.push(' ');
                len += 1;
            }
            line.push_str(&word);
            len += wlen;
            continue;
        }
        // The word does not fit: break it at a hyphen it has, hyphenate it, or
        // carry it over whole.
        if let Some((head, tail)) = split_for(&word, room, wrap.hyphenate, rng) {
            if len > 0 {
                line.push(' ');
            }
            line.push_str(&head);
            end_line(&mut line, out);
            len = 0;
            pending = Some(tail);
        } else if len == 0 {
            // Longer than a line and cannot be split: let it overflow.
            line.push_str(&word);
            end_line(&mut line, out);
        } else {
            end_line(&mut line, out);
            len = 0;
            pending = Some(word);
        }
    }
    if !line.is_empty() {
        out.push(line);
    }
}

fn can_split(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 6
}

/// Splits `word` so that its head (with a hyphen) fits in `room` characters:
/// at a hyphen the word has, or by hyphenating between two letters.
fn split_for(word: &str, room: usize, rate: f64, rng: &mut impl Rng) -> Option<(String, String)> {
    if room < 3 || !rng.random_bool(rate) {
        return None;
    }
    let chars: Vec<char> = word.chars().collect();
    if let Some(h) = chars.iter().position(|&c| c == '-') {
        // Break after the word's own hyphen (`large-`/`scale`).
        if h >= 2 && h < room && h + 2 < chars.len() {
            let head: String = chars[..=h].iter().collect();
            let tail: String = chars[h + 1..].iter().collect();
            return Some((head, tail));
        }
        return None;
    }
    // Only plain words are hyphenated (not `wasn't`, `9/30/01`, `e-mail`);
    // trailing punctuation stays with the tail.
    let letters = chars.iter().take_while(|c| c.is_alphabetic()).count();
    if letters < 6
        || chars[letters..]
            .iter()
            .any(|c| c.is_alphanumeric() || *c == '\'')
    {
        return None;
    }
    // Hyphenate: the largest head of at least 2 letters that, with its
    // hyphen, fits, leaving at least 3 letters.
    let max_head = (room - 1).min(letters - 3);
    if max_head < 2 {
        return None;
    }
    let mut head: String = chars[..max_head].iter().collect();
    head.push('-');
    Some((head, chars[max_head..].iter().collect()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn ligatures_split_only_before_letters() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        assert_eq!(
            split_ligatures("profit influence difficult off", 1.0, &mut rng),
            "profi t infl uence diffi cult off"
        );
    }

    #[test]
    fn lookalikes_and_k_for_q_change_only_the_mapped_letters() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let damaged = kazakh_lookalikes("әлеуеті", 1.0, &mut rng);
        assert!(
            damaged.starts_with('ə') && damaged.ends_with('i'),
            "{damaged}"
        );
        assert!(!damaged.contains(['ә', 'і']), "{damaged}");
        assert_eq!(k_for_q("Қытай қазақ", 1.0, &mut rng), "Кытай казак");
    }

    #[test]
    fn wrapped_lines_keep_every_letter_and_respect_the_width() {
        let text = "Исследуется влияние достижений КНР внешнеэкономической стратегии на инвестиционную активность китайских предприятий за рубежом, large-scale export.";
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let mut lines = Vec::new();
        let wrap = Wrap {
            width: 30,
            hyphenate: 1.0,
            trailing_space: false,
        };
        wrap_into(text, wrap, &mut rng, &mut lines);
        for line in &lines {
            assert!(line.chars().count() <= 30, "{line:?}");
        }
        // Undo the wrapping: hyphenated heads join their tails, other breaks
        // become spaces; `large-`/`scale` keeps its own hyphen.
        let mut joined = String::new();
        for line in &lines {
            if joined.ends_with('-') && !joined.ends_with("large-") {
                joined.pop();
            } else if !joined.is_empty() {
                joined.push(' ');
            }
            joined.push_str(line);
        }
        assert_eq!(joined.replace("large- scale", "large-scale"), text);
        assert!(lines.iter().any(|l| l.ends_with('-')), "{lines:?}");
    }
}
