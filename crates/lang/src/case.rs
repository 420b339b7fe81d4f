//! Letter case for hot loops (the segmenter's line cues, the detector's
//! names): the standard library's answers, computed without a table search
//! for ASCII and the Russian and Kazakh Cyrillic letters, which make up
//! nearly all of our text. Small and asked per character: `#[inline]`, so
//! that other crates inline them without link-time optimisation too.

/// The case of a character and its lower-case form, for ASCII and the
/// Cyrillic ranges whose case follows a simple rule, `None` for every other
/// character. The rules, from the Unicode code charts of the Cyrillic block:
/// U+0400..=U+040F lower-case to +0x50, U+0410..=U+042F to +0x20,
/// U+0430..=U+045F are lower case; in U+048A..=U+04BF and U+04D0..=U+04FF
/// (where the Kazakh letters ғ қ ң ү ұ һ ә ө sit) capitals and small letters
/// alternate, capital first.
#[inline]
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
#[inline]
pub fn is_uppercase(c: char) -> bool {
    match fast(c) {
        Some((case, _)) => case == Case::Upper,
        None => c.is_uppercase(),
    }
}

/// `char::is_lowercase`.
#[inline]
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

/// `str::to_lowercase`, written into `out` (cleared first). Runs of
/// characters that are their own lower case are copied whole; ASCII and the
/// Russian letters are told from their bytes (by the rules `is_uppercase` uses).
pub fn to_lowercase_into(s: &str, out: &mut String) {
    out.clear();
    let bytes = s.as_bytes();
    // Start of the run of bytes not yet copied, all their own lower case.
    let mut run = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let (len, lower) = match b {
            b'A'..=b'Z' => (1, Some(char::from(b.to_ascii_lowercase()))),
            0x00..=0x7F => (1, None),
            // U+0400..=U+042F (capitals) and U+0430..=U+043F.
            0xD0 => {
                let (lower, changed) = lower_after_d0(bytes[i + 1]);
                (2, changed.then(|| char::from_u32(lower)).flatten())
            }
            // U+0440..=U+045F: lower case.
            0xD1 if bytes[i + 1] < 0xA0 => (2, None),
            _ => {
                let c = s[i..].chars().next().unwrap_or_default();
                match fast(c) {
                    Some((Case::Upper, lower)) => (c.len_utf8(), Some(lower)),
                    Some(_) => (c.len_utf8(), None),
                    // Final sigma depends on its context: leave it to the
                    // standard library.
                    None if c == 'Σ' => {
                        out.clear();
                        out.push_str(&s.to_lowercase());
                        return;
                    }
                    None if c.to_lowercase().eq([c]) => (c.len_utf8(), None),
                    None => {
                        out.push_str(&s[run..i]);
                        out.extend(c.to_lowercase());
                        i += c.len_utf8();
                        run = i;
                        continue;
                    }
                }
            }
        };
        if let Some(lower) = lower {
            out.push_str(&s[run..i]);
            out.push(lower);
            run = i + len;
        }
        i += len;
    }
    out.push_str(&s[run..]);
}

/// The lower case (a code point) of the character U+0400..=U+043F whose
/// UTF-8 is 0xD0 `second`, and whether it differs from the character: the
/// rules of [`fast`] read from the bytes (U+0400..=U+040F lower-case to
/// +0x50, U+0410..=U+042F to +0x20, U+0430..=U+043F are lower case).
#[inline]
fn lower_after_d0(second: u8) -> (u32, bool) {
    let code = 0x400 + u32::from(second & 0x3F);
    match second {
        0x80..=0x8F => (code + 0x50, true),
        0x90..=0xAF => (code + 0x20, true),
        _ => (code, false),
    }
}

/// The lower case of `c` where the fast ranges know it (one letter), else
/// `None` (ask the standard library).
#[inline]
pub fn single_lowercase(c: char) -> Option<char> {
    fast(c).map(|(_, lower)| lower)
}

/// Whether the two characters lower-case alike (`c.to_lowercase()` equals
/// `p.to_lowercase()`).
#[inline]
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

    #[test]
    fn every_char_lower_cases_as_the_standard_library_does() {
        let (mut text, mut out) = (String::new(), String::new());
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            text.clear();
            text.extend(['a', c, 'Я', c]);
            to_lowercase_into(&text, &mut out);
            assert_eq!(out, text.to_lowercase(), "U+{:04X}", c as u32);
        }
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
