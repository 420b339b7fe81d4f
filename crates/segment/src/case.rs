//! Letter case for the segmenter's hot loops: the standard library's answers,
//! computed without a table search for ASCII and the Russian and Kazakh
//! Cyrillic letters, which make up nearly all of our text.

/// The case of a character and its lower-case form, for ASCII and the
/// Cyrillic ranges whose case follows a simple rule, `None` for every other
/// character. The rules, from the Unicode code charts of the Cyrillic block:
/// U+0400..=U+040F lower-case to +0x50, U+0410..=U+042F to +0x20,
/// U+0430..=U+045F are lower case; in U+048A..=U+04BF and U+04D0..=U+04FF
/// (where the Kazakh letters ғ қ ң ү ұ һ ә ө sit) capitals and small letters
/// alternate, capital first.
fn fast(c: char) -> Option<(Case, char)> {
    let code = c as u32;
    match code {
        0x41..=0x5A => Some((Case::Upper, c.to_ascii_lowercase())),
        0x61..=0x7A => Some((Case::Lower, c)),
        0x00..=0x7F => Some((Case::Neither, c)),
        0x0400..=0x040F => char::from_u32(code + 0x50).map(|l| (Case::Upper, l)),
        0x0410..=0x042F => char::from_u32(code + 0x20).map(|l| (Case::Upper, l)),
        0x0430..=0x045F => Some((Case::Lower, c)),
        0x048A..=0x04BF | 0x04D0..=0x04FF if code.is_multiple_of(2) => {
            char::from_u32(code + 1).map(|l| (Case::Upper, l))
        }
        0x048A..=0x04BF | 0x04D0..=0x04FF => Some((Case::Lower, c)),
        _ => None,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Case {
    Upper,
    Lower,
    Neither,
}

/// `char::is_uppercase`.
pub fn is_uppercase(c: char) -> bool {
    match fast(c) {
        Some((case, _)) => case == Case::Upper,
        None => c.is_uppercase(),
    }
}

/// `char::is_lowercase`.
pub fn is_lowercase(c: char) -> bool {
    match fast(c) {
        Some((case, _)) => case == Case::Lower,
        None => c.is_lowercase(),
    }
}

/// `str::to_lowercase`.
pub fn to_lowercase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    to_lowercase_into(s, &mut out);
    out
}

/// `str::to_lowercase`, written into `out` (cleared first).
pub fn to_lowercase_into(s: &str, out: &mut String) {
    out.clear();
    for c in s.chars() {
        match fast(c) {
            Some((_, lower)) => out.push(lower),
            // Final sigma depends on its context: leave it to the standard library.
            None if c == 'Σ' => {
                out.clear();
                out.push_str(&s.to_lowercase());
                return;
            }
            None => out.extend(c.to_lowercase()),
        }
    }
}

/// The lower case of `c` where the fast ranges know it (one letter), else
/// `None` (ask the standard library).
pub fn single_lowercase(c: char) -> Option<char> {
    fast(c).map(|(_, lower)| lower)
}

/// Whether the two characters lower-case alike (`c.to_lowercase()` equals
/// `p.to_lowercase()`).
pub fn eq_lowercase(c: char, p: char) -> bool {
    match (fast(c), fast(p)) {
        (Some((_, a)), Some((_, b))) => a == b,
        _ => c.to_lowercase().eq(p.to_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character gets the standard library's answer, those of the fast
    /// ranges included.
    #[test]
    fn case_agrees_with_the_standard_library() {
        for c in char::MIN..=char::MAX {
            assert_eq!(is_uppercase(c), c.is_uppercase(), "U+{:04X}", c as u32);
            assert_eq!(is_lowercase(c), c.is_lowercase(), "U+{:04X}", c as u32);
            if let Some((_, lower)) = fast(c) {
                assert!(c.to_lowercase().eq([lower]), "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn strings_lower_case_as_the_standard_library_does() {
        for s in [
            "",
            "ҚАЗАҚСТАН Республикасы",
            "ӘЛ-ФАРАБИ атындағы ҚазҰУ",
            "ЁЖИК İstanbul ΟΔΟΣ Σ",
            "Ǆemal ẞ ÀÉ",
        ] {
            assert_eq!(to_lowercase(s), s.to_lowercase(), "{s}");
        }
        // A reused buffer holds only the last word.
        let mut buf = String::from("ΟΔΟΣ ҚАЗАҚ");
        for s in ["ΟΔΟΣ", "Ab", "ҚазҰУ"] {
            to_lowercase_into(s, &mut buf);
            assert_eq!(buf, s.to_lowercase());
        }
        assert!(eq_lowercase('Қ', 'қ'));
        assert!(eq_lowercase('Ә', 'ә'));
        assert!(!eq_lowercase('Қ', 'к'));
        assert!(eq_lowercase('Ǆ', 'ǅ'));
    }

    proptest::proptest! {
        #[test]
        fn lower_case_matches_the_standard_library(s in "\\PC{0,30}|[А-яЁёӘәҚқҢңӨөҰұҮүҺһІіΣσǅǈ ]{0,30}") {
            proptest::prop_assert_eq!(to_lowercase(&s), s.to_lowercase());
            for (a, b) in s.chars().zip(s.chars().rev()) {
                proptest::prop_assert_eq!(eq_lowercase(a, b), a.to_lowercase().eq(b.to_lowercase()));
            }
        }
    }
}
