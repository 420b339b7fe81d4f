//! Turns the bytes of an extracted-text file into a `String`: UTF-8 (with or
//! without BOM), UTF-16 LE/BE (by BOM or by the NUL pattern of mostly-ASCII
//! text), or, when the bytes are not UTF-8, a single-byte encoding: Windows-1251
//! when they read as Cyrillic words, KZ-1048 (Windows-1251 with Kazakh
//! letters, the Kazakh standard) when those words hold Kazakh letters, and
//! Windows-1252 (Latin-1) when they are the accented letters of Latin words
//! (`café`); anything else is a typed [`DecodeError`] that says what it is.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1251, WINDOWS_1252};
use ushtil_lang::lookalike::{KZ_1048, legacy_kazakh};

/// Why a file's bytes are not text ushtil can read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The bytes start with the signature of a known binary format.
    #[error("this is a {format} file, not text: {hint}")]
    Binary {
        format: &'static str,
        hint: &'static str,
    },
    /// A NUL byte in what is not UTF-16 text.
    #[error(
        "binary data (a NUL byte at offset {offset}): give the text extracted from the paper, \
         e.g. with pdftotext"
    )]
    Nul { offset: usize },
    /// Too many control characters for text.
    #[error(
        "binary data ({count} control characters, the first at offset {offset}): give the text \
         extracted from the paper"
    )]
    Control { offset: usize, count: usize },
    /// Not valid UTF-8 or UTF-16 text, nor Windows-1251 or KZ-1048
    /// Cyrillic, nor Windows-1252 Latin text.
    #[error(
        "not UTF-8, UTF-16, Windows-1251, KZ-1048 or Windows-1252 text (invalid byte at offset \
         {offset}): convert it to UTF-8, e.g. iconv -f <encoding> -t UTF-8"
    )]
    Undecodable { offset: usize },
}

/// Signatures of binary formats users hand us by mistake, with a hint.
/// Source: the magic numbers listed in file(1)'s magic database.
const SIGNATURES: &[(&[u8], &str, &str)] = &[
    (
        b"%PDF-",
        "PDF",
        "extract its text first, e.g. pdftotext -layout paper.pdf",
    ),
    (
        b"\x89PNG\r\n\x1a\n",
        "PNG image",
        "give the paper's extracted text",
    ),
    (
        b"\xFF\xD8\xFF",
        "JPEG image",
        "give the paper's extracted text",
    ),
    (b"GIF87a", "GIF image", "give the paper's extracted text"),
    (b"GIF89a", "GIF image", "give the paper's extracted text"),
    (
        b"PK\x03\x04",
        "ZIP (or DOCX/ODT)",
        "save the document as plain text first",
    ),
    (b"\x1F\x8B", "gzip", "decompress it first, e.g. gunzip"),
    (
        b"\x7FELF",
        "executable (ELF)",
        "give the paper's extracted text",
    ),
    (
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
        "legacy Office (DOC)",
        "save the document as plain text first",
    ),
    (b"{\\rtf", "RTF", "save the document as plain text first"),
];

/// Decodes one file's bytes into text. See the module documentation for the
/// encodings accepted. Form feeds, tabs and line breaks are kept as they are.
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest, 3);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, UTF_16LE, 2);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, UTF_16BE, 2);
    }
    for (magic, format, hint) in SIGNATURES {
        if bytes.starts_with(magic) {
            return Err(DecodeError::Binary { format, hint });
        }
    }
    if let Some(encoding) = utf16_by_nul_pattern(bytes) {
        return utf16(bytes, encoding, 0);
    }
    match validate_utf8(bytes) {
        Ok(text) => {
            check_text(text, 0)?;
            Ok(text.to_string())
        }
        Err(offset) => match single_byte_encoding(bytes) {
            Some(encoding) => {
                let text = encoding.decode(bytes);
                check_text(&text, 0)?;
                Ok(text)
            }
            None => Err(DecodeError::Undecodable { offset }),
        },
    }
}

/// `bytes` as UTF-8 text, or the offset of the first byte that is not.
/// simdutf8 checks valid text several times faster than the standard
/// library on Cyrillic (a twentieth of decoding's time was the check); the
/// standard library finds the offset of invalid text.
fn validate_utf8(bytes: &[u8]) -> Result<&str, usize> {
    simdutf8::basic::from_utf8(bytes).map_err(|_| {
        std::str::from_utf8(bytes)
            .err()
            .map_or(0, |e| e.valid_up_to())
    })
}

fn utf8(bytes: &[u8], base: usize) -> Result<String, DecodeError> {
    let text = validate_utf8(bytes).map_err(|offset| DecodeError::Undecodable {
        offset: base + offset,
    })?;
    check_text(text, base)?;
    Ok(text.to_string())
}

fn utf16(bytes: &[u8], encoding: &'static Encoding, base: usize) -> Result<String, DecodeError> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        // Find roughly where: the first unpaired surrogate or the odd last byte.
        return Err(DecodeError::Undecodable {
            offset: base + first_bad_utf16_unit(bytes, encoding == UTF_16LE),
        });
    }
    check_text(&text, base)?;
    Ok(text.into_owned())
}

fn first_bad_utf16_unit(bytes: &[u8], little_endian: bool) -> usize {
    let mut i = 0;
    while i + 1 < bytes.len() {
        let unit = if little_endian {
            u16::from_le_bytes([bytes[i], bytes[i + 1]])
        } else {
            u16::from_be_bytes([bytes[i], bytes[i + 1]])
        };
        match unit {
            0xD800..=0xDBFF => {
                let next_ok = i + 3 < bytes.len() && {
                    let next = if little_endian {
                        u16::from_le_bytes([bytes[i + 2], bytes[i + 3]])
                    } else {
                        u16::from_be_bytes([bytes[i + 2], bytes[i + 3]])
                    };
                    (0xDC00..=0xDFFF).contains(&next)
                };
                if !next_ok {
                    return i;
                }
                i += 4;
            }
            0xDC00..=0xDFFF => return i,
            _ => i += 2,
        }
    }
    i
}

/// UTF-16 without BOM: mostly-ASCII text has a NUL in every other byte.
fn utf16_by_nul_pattern(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let pairs = sample.len() / 2;
    let (mut even_nul, mut odd_nul) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even_nul += usize::from(pair[0] == 0);
        odd_nul += usize::from(pair[1] == 0);
    }
    // Cyrillic UTF-16 has no NUL bytes but 0x04 high bytes: accept those too.
    let (mut even_04, mut odd_04) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even_04 += usize::from(pair[0] == 0x04);
        odd_04 += usize::from(pair[1] == 0x04);
    }
    let high_le = odd_nul + odd_04;
    let high_be = even_nul + even_04;
    if odd_nul + even_nul == 0 {
        return None;
    }
    if high_le * 10 >= pairs * 7 && even_nul * 10 < pairs {
        Some(UTF_16LE)
    } else if high_be * 10 >= pairs * 7 && odd_nul * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// A single-byte encoding that text which is not UTF-8 may be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SingleByte {
    Windows1251,
    Kz1048,
    Windows1252,
}

impl SingleByte {
    fn decode(self, bytes: &[u8]) -> String {
        match self {
            SingleByte::Windows1251 => WINDOWS_1251.decode_without_bom_handling(bytes).0.into(),
            SingleByte::Windows1252 => WINDOWS_1252.decode_without_bom_handling(bytes).0.into(),
            // Windows-1251 but for the sixteen places KZ-1048 gives Kazakh
            // letters; the Windows-1251 letters there come from those bytes
            // alone, so they map back one for one.
            SingleByte::Kz1048 => WINDOWS_1251
                .decode_without_bom_handling(bytes)
                .0
                .chars()
                .map(|c| legacy_kazakh(c).unwrap_or(c))
                .collect(),
        }
    }
}

/// Bytes that are Serbian or Macedonian letters in both Windows-1251 and
/// KZ-1048 (`Ђ Ѓ ѓ Љ Њ Џ ђ љ њ џ`): text that has them is not Kazakh.
const SERBIAN_MACEDONIAN_ONLY: [u8; 10] =
    [0x80, 0x81, 0x83, 0x8A, 0x8C, 0x8F, 0x90, 0x9A, 0x9C, 0x9F];

/// The single-byte encoding of text that is not UTF-8, if it reads as one:
///
/// - Windows-1251 Cyrillic: the bytes above 0x7F are mostly the letters А..я
///   (0xC0..=0xFF), Ё/ё and the Ukrainian/Belarusian-Kazakh І/і, and they make
///   words of their own (`Китай`);
/// - KZ-1048, the same with the Kazakh letters of [`KZ_1048`] among them,
///   one of `Қ Ң Ғ Ө Ү Ұ` at least (Serbian writes `Ј ј Ћ ћ`, where KZ-1048
///   has `Ә ә Һ һ`: a Serbian name in a Russian paper's references stays
///   Serbian, and a text whose only Kazakh letters are `ә` and `һ` is read
///   as Windows-1251), and no Serbian or Macedonian letter that KZ-1048
///   keeps: read as Windows-1251, a Kazakh paper became `ќытайлыќ
///   стратегияныѕ`, silently. (Ukrainian in Windows-1251, whose `є ї ґ`
///   sit where KZ-1048 has `ғ ү ө`, is taken for Kazakh: this corpus is
///   Kazakh, Russian and English.)
/// - Windows-1252 (Latin-1 and the Windows additions): the bytes above 0x7F
///   are the accented letters of words otherwise in ASCII letters (`café`,
///   `naïve`), or punctuation only (`“quoted”`), and none is one that
///   Windows-1252 leaves undefined. Read as Cyrillic, such text became
///   `cafй`, silently.
///
/// None when half or more of those bytes make valid UTF-8 sequences: that
/// is UTF-8 with a few damaged bytes (which a batch keeps, the damage
/// replaced), not single-byte text, where almost every byte above 0x7F
/// stands alone (a capital and `ё` can make a valid pair: `Жё`).
/// Sources: the WHATWG Encoding Standard's index tables of windows-1251 and
/// windows-1252 (0x81, 0x8D, 0x8F, 0x90 and 0x9D are unassigned in the
/// latter), and [`KZ_1048`]'s.
fn single_byte_encoding(bytes: &[u8]) -> Option<SingleByte> {
    let (mut high, mut cyrillic_letters, mut undefined_1252) = (0usize, 0usize, 0usize);
    let (mut kazakh, mut kazakh_marks, mut serbian) = (0usize, 0usize, 0usize);
    // Words (runs of ASCII letters, bytes 0xC0..=0xFF and KZ-1048's Kazakh
    // letters) that hold a byte above 0x7F, and those of them that hold an
    // ASCII letter too.
    let (mut with_high, mut mixed) = (0usize, 0usize);
    let (mut word_high, mut word_ascii) = (false, false);
    for &b in bytes.iter().chain(std::iter::once(&b' ')) {
        // One of KZ-1048's Kazakh letters.
        let kz = b >= 0x80 && KZ_1048.iter().any(|&(k, _, _)| k == b);
        if b >= 0x80 {
            high += 1;
            if b >= 0xC0
                || matches!(
                    b,
                    0xA8 | 0xB8 | 0xB2 | 0xB3 | 0xAB | 0xBB | 0x96 | 0x97 | 0xB9
                )
            {
                cyrillic_letters += 1;
            }
            kazakh += usize::from(kz);
            // KZ-1048's letters but `Ә ә Һ һ` (0xA3 0xBC 0x8E 0x9E), whose
            // places Serbian fills in Windows-1251.
            kazakh_marks += usize::from(kz && !matches!(b, 0xA3 | 0xBC | 0x8E | 0x9E));
            serbian += usize::from(SERBIAN_MACEDONIAN_ONLY.contains(&b));
            undefined_1252 += usize::from(matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D));
        }
        // KZ-1048's Kazakh letters sit inside words too.
        if b >= 0xC0 || kz {
            word_high = true;
        } else if b.is_ascii_alphabetic() {
            word_ascii = true;
        } else {
            if word_high {
                with_high += 1;
                mixed += usize::from(word_ascii);
            }
            (word_high, word_ascii) = (false, false);
        }
    }
    if high == 0 || invalid_utf8_bytes(bytes) * 2 < high {
        return None;
    }
    let cyrillic_words = mixed * 5 <= with_high;
    if kazakh_marks > 0
        && serbian == 0
        && (cyrillic_letters + kazakh) * 10 >= high * 9
        && cyrillic_words
    {
        Some(SingleByte::Kz1048)
    } else if cyrillic_letters * 10 >= high * 9 && cyrillic_words {
        Some(SingleByte::Windows1251)
    } else if undefined_1252 == 0 && mixed * 2 >= with_high {
        Some(SingleByte::Windows1252)
    } else {
        None
    }
}

/// How many bytes of `bytes` are not part of a valid UTF-8 sequence.
pub fn invalid_utf8_bytes(mut bytes: &[u8]) -> usize {
    let mut bad = 0;
    while let Err(e) = std::str::from_utf8(bytes) {
        let rest = &bytes[e.valid_up_to()..];
        let n = e
            .error_len()
            .unwrap_or(rest.len())
            .clamp(1, rest.len().max(1));
        bad += n;
        bytes = &rest[n.min(rest.len())..];
        if bytes.is_empty() {
            break;
        }
    }
    bad
}

/// Rejects NUL bytes and text with more control characters than stray ones.
fn check_text(text: &str, base: usize) -> Result<(), DecodeError> {
    // Read as UTF-8 bytes: a character starts at every byte that is not a
    // continuation byte (0b10xx_xxxx); the control characters (`char::is_control`,
    // U+0000..=U+001F and U+007F..=U+009F) are the bytes 0x00..=0x1F and 0x7F,
    // and 0xC2 followed by 0x80..=0x9F.
    let bytes = text.as_bytes();
    // Most texts have none: two passes the compiler vectorises say so (a
    // C1 control needs a 0xC2 lead byte, rare outside Latin-1 punctuation).
    let c0 = bytes.chunks(64).any(|chunk| {
        chunk.iter().fold(0u8, |any, &b| {
            any | u8::from((b < 0x09) | (0x0E..=0x1F).contains(&b) | (b == 0x7F))
        }) != 0
    });
    if !c0
        && !memchr::memchr_iter(0xC2, bytes).any(|i| matches!(bytes.get(i + 1), Some(0x80..=0x9F)))
    {
        return Ok(());
    }
    let chars = bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count();
    let mut first = None;
    let mut count = 0usize;
    for (i, &b) in bytes.iter().enumerate() {
        let control = match b {
            0 => return Err(DecodeError::Nul { offset: base + i }),
            b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => false,
            0x01..=0x1F | 0x7F => true,
            0xC2 => matches!(bytes.get(i + 1), Some(0x80..=0x9F)),
            _ => false,
        };
        if control {
            count += 1;
            first.get_or_insert(base + i);
        }
    }
    // PDF extraction leaves the odd stray control character; binary data has many.
    match first {
        Some(offset) if count * 200 > chars || (count > 0 && chars < 16) => {
            Err(DecodeError::Control { offset, count })
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `check_text` as first written, one character at a time.
    fn check_text_by_chars(text: &str, base: usize) -> Result<(), DecodeError> {
        let mut first = None;
        let mut count = 0usize;
        let mut chars = 0usize;
        for (i, c) in text.char_indices() {
            chars += 1;
            if c == '\0' {
                return Err(DecodeError::Nul { offset: base + i });
            }
            if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}') {
                count += 1;
                first.get_or_insert(base + i);
            }
        }
        match first {
            Some(offset) if count * 200 > chars || (count > 0 && chars < 16) => {
                Err(DecodeError::Control { offset, count })
            }
            _ => Ok(()),
        }
    }

    proptest::proptest! {
        #[test]
        fn utf8_validation_matches_the_standard_library(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..80),
            text in "\\PC{0,40}",
            cut in 0usize..200,
        ) {
            // Random bytes (mostly invalid), and valid text cut anywhere.
            let mut cut_text = text.into_bytes();
            cut_text.truncate(cut);
            for b in [bytes, cut_text] {
                let std = std::str::from_utf8(&b).map_err(|e| e.valid_up_to());
                proptest::prop_assert_eq!(validate_utf8(&b), std);
            }
        }

        #[test]
        fn russian_text_in_windows_1251_is_read_back(text in "[а-я ,.0-9\n-]{0,80}[а-я]") {
            let (bytes, _, _) = WINDOWS_1251.encode(&text);
            // `яю` and `юя` are the bytes of UTF-16's byte-order marks: a
            // file that opens with them is read as UTF-16.
            proptest::prop_assume!(!bytes.starts_with(b"\xFF\xFE") && !bytes.starts_with(b"\xFE\xFF"));
            proptest::prop_assert_eq!(decode(&bytes).unwrap(), text);
        }

        #[test]
        fn kazakh_in_kz_1048_is_read_back_or_refused_never_garbled(
            text in "[а-яәғқңөұүһі ,.0-9\n-]{0,120}",
            own in "[ғқңөұүҒҚҢӨҰҮ]",
            at in 0usize..120,
        ) {
            // Kazakh with a letter that is no Serbian one in Windows-1251:
            // one of `Қ Ң Ғ Ө Ү Ұ` (see `single_byte_encoding`).
            let mut chars: Vec<char> = text.chars().collect();
            chars.insert(at.min(chars.len()), own.chars().next().unwrap());
            let text: String = chars.into_iter().collect();
            let bytes = kz1048(&text);
            // (Bytes that happen to be valid UTF-8 are read as UTF-8, and
            // those that open with a byte-order mark, `яю`, as UTF-16.)
            proptest::prop_assume!(std::str::from_utf8(&bytes).is_err());
            proptest::prop_assume!(!bytes.starts_with(b"\xFF\xFE") && !bytes.starts_with(b"\xFE\xFF"));
            match decode(&bytes) {
                Ok(decoded) => proptest::prop_assert_eq!(decoded, text),
                Err(e) => proptest::prop_assert!(matches!(e, DecodeError::Undecodable { .. }), "{e}"),
            }
        }

        #[test]
        fn latin_words_with_accents_in_windows_1252_are_read_back(
            accented in "[a-z]{1,6}[éèàùçâêîôûëïüñ][a-z]{0,6}",
            words in proptest::collection::vec("[a-z]{1,6}[éèàùçâêîôûëïüñ][a-z]{0,6}|[A-Za-z]{1,9}", 0..12),
            at in 0usize..12,
        ) {
            let mut words = words;
            words.insert(at.min(words.len()), accented);
            let text = words.join(" ");
            let (bytes, _, _) = WINDOWS_1252.encode(&text);
            proptest::prop_assert_eq!(decode(&bytes).unwrap(), text);
        }

        #[test]
        fn text_check_by_bytes_matches_the_check_by_characters(
            text in "[\\x00-\\x1F\\x7F\\u{80}-\\u{A0}aяә\\u{2028} ]{0,40}|\\PC{0,20}|.{0,300}"
        ) {
            proptest::prop_assert_eq!(check_text(&text, 3), check_text_by_chars(&text, 3));
        }
    }

    const RU: &str = "Ключевые слова: Китай, мигранты, реформа.";
    const KK: &str = "Түйін сөздер: Қытай, мигранттар, реформа.";

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode(KK.as_bytes()).unwrap(), KK);
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(KK.as_bytes());
        assert_eq!(decode(&with_bom).unwrap(), KK);
        assert_eq!(decode(b"").unwrap(), "");
    }

    fn utf16(text: &str, le: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(if le { b"\xFF\xFE" } else { b"\xFE\xFF" });
        }
        for unit in text.encode_utf16() {
            out.extend_from_slice(&if le {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
        out
    }

    #[test]
    fn utf16_by_bom_both_byte_orders() {
        for le in [true, false] {
            assert_eq!(decode(&utf16(KK, le, true)).unwrap(), KK);
        }
    }

    #[test]
    fn utf16_without_bom_detected_by_nul_pattern() {
        let text = "Introduction\nChina's Going Out Policy [1].\n";
        for le in [true, false] {
            assert_eq!(decode(&utf16(text, le, false)).unwrap(), text);
        }
        // Cyrillic with some ASCII punctuation and spaces.
        let mixed = "Ключевые слова: Китай, мигранты\n";
        assert_eq!(decode(&utf16(mixed, true, false)).unwrap(), mixed);
    }

    #[test]
    fn windows_1251_cyrillic_is_detected() {
        let (bytes, _, _) = WINDOWS_1251.encode(RU);
        assert!(std::str::from_utf8(&bytes).is_err());
        assert_eq!(decode(&bytes).unwrap(), RU);
    }

    /// `text` in KZ-1048: Windows-1251 but for the Kazakh letters.
    fn kz1048(text: &str) -> Vec<u8> {
        let mut out = Vec::new();
        for c in text.chars() {
            match KZ_1048.iter().find(|&&(_, _, kazakh)| kazakh == c) {
                Some(&(byte, _, _)) => out.push(byte),
                None => out.extend_from_slice(&WINDOWS_1251.encode(c.encode_utf8(&mut [0; 4])).0),
            }
        }
        out
    }

    #[test]
    fn kz_1048_kazakh_is_read_with_its_kazakh_letters() {
        let abstract_ = "Мақалада шетелдегі Қытай диаспораларының әлеуеті сарапталады. Қытай \
                         Халық Республикасының сыртқы экономикалық стратегиясының әсері \
                         зерттелді. Түйін сөздер: Қытай, мигранттар, реформа, ұлттық, һәм.";
        for text in [KK, abstract_] {
            let bytes = kz1048(text);
            assert!(std::str::from_utf8(&bytes).is_err());
            assert_eq!(decode(&bytes).unwrap(), text);
        }
        // Russian in Windows-1251 is the same bytes in both, and stays Russian.
        let (bytes, _, _) = WINDOWS_1251.encode(RU);
        assert_eq!(kz1048(RU), bytes.to_vec());
        assert_eq!(decode(&bytes).unwrap(), RU);
        // A Serbian name in Russian text in Windows-1251 stays Serbian:
        // `Ј` and `ћ` are KZ-1048's `Ә` and `һ`, but no other Kazakh letter
        // says Kazakh.
        let text = "Ключевые слова: Китай. Литература: Јовановић Ј. Историја.";
        let (bytes, _, _) = WINDOWS_1251.encode(text);
        assert_eq!(decode(&bytes).unwrap(), text);
        // A Serbian or Macedonian letter says the text is not Kazakh: beside
        // `Ѓ`, `ќ` is not read as `қ` (Macedonian in Windows-1251 is not
        // read at all: its letters outside Russian's are too many).
        let (bytes, _, _) = WINDOWS_1251.encode("Ѓорѓи ќе дојде ќерка");
        assert!(matches!(
            decode(&bytes),
            Err(DecodeError::Undecodable { .. })
        ));
        let mut bytes = kz1048(KK);
        bytes.extend_from_slice(&WINDOWS_1251.encode(" Ѓ").0);
        assert!(decode(&bytes).is_err_and(|e| matches!(e, DecodeError::Undecodable { .. })));
    }

    #[test]
    fn binary_inputs_are_named() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        let err = decode(png).unwrap_err();
        assert!(err.to_string().contains("PNG"), "{err}");
        let err = decode(b"%PDF-1.7\n%\xE2\xE3").unwrap_err();
        assert!(err.to_string().contains("pdftotext"), "{err}");
        assert!(matches!(
            decode(b"abc\0def ghi jkl mno pqr"),
            Err(DecodeError::Nul { offset: 3 })
        ));
        assert!(matches!(
            decode(b"\x01\x02\x03\x04binary"),
            Err(DecodeError::Control { .. })
        ));
    }

    #[test]
    fn a_stray_control_character_in_long_text_is_tolerated() {
        let mut text = "word ".repeat(100);
        text.push('\u{1}');
        assert!(decode(text.as_bytes()).is_ok());
        assert!(decode("page one\u{0C}page two".as_bytes()).is_ok());
    }

    #[test]
    fn latin1_and_windows_1252_text_is_read_as_such_not_as_cyrillic() {
        // Accented letters inside Latin words: 0xE9 is `é` here, `й` in
        // Windows-1251, which read this as `cafй`.
        assert_eq!(
            decode(b"R\xE9sum\xE9: caf\xE9 na\xEFve, cr\xE8me").unwrap(),
            "Résumé: café naïve, crème"
        );
        assert_eq!(
            decode(b"caf\xE9 cr\xE8me \x80\x85\x99\xA9").unwrap(),
            "café crème €…™©"
        );
        // Punctuation only (Word's curly quotes and dashes).
        assert_eq!(
            decode(b"\x93Going Out\x94 \x96 a policy").unwrap(),
            "“Going Out” – a policy"
        );
    }

    #[test]
    fn other_single_byte_text_is_undecodable() {
        // A byte Windows-1252 leaves unassigned.
        let err = decode(b"caf\xE9 \x81 cr\xE8me").unwrap_err();
        assert!(
            matches!(err, DecodeError::Undecodable { offset: 3 }),
            "{err}"
        );
        // Words of bytes above 0x7F alone, as Cyrillic writes them, but
        // among too many bytes that are not Cyrillic letters.
        assert!(matches!(
            decode(b"\xC0\xC1\xC2 \xA4\xA6\xA7\xAC abc"),
            Err(DecodeError::Undecodable { offset: 0 })
        ));
    }

    #[test]
    fn damaged_utf8_is_not_read_as_a_single_byte_encoding() {
        // Valid UTF-8 Cyrillic and accented Latin with one stray byte: the
        // caller's lossy path keeps the text, a single-byte reading would
        // garble all of it.
        let mut bytes = "Ключевые слова: café, Китай".as_bytes().to_vec();
        bytes.push(0xE9);
        assert!(matches!(
            decode(&bytes),
            Err(DecodeError::Undecodable { .. })
        ));
        let mut bytes = "Résumé, naïve café".as_bytes().to_vec();
        bytes.insert(0, 0xE9);
        assert!(matches!(
            decode(&bytes),
            Err(DecodeError::Undecodable { offset: 0 })
        ));
    }

    #[test]
    fn invalid_utf8_bytes_are_counted() {
        assert_eq!(invalid_utf8_bytes("ok".as_bytes()), 0);
        assert_eq!(invalid_utf8_bytes(&[0xE2, 0x82]), 2);
        assert_eq!(invalid_utf8_bytes(b"caf\xE9 cr\xE8me"), 2);
    }
}
