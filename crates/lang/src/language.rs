//! The closed set of languages ushtil knows, and their codes.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A language of the closed set, or `Und` when it cannot be told.
///
/// Serialises as its ISO 639-1 code (`kk`, `ru`, `en`) or `und`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Kk,
    Ru,
    En,
    Und,
}

impl Lang {
    /// The three languages of the closed set, in the order ushtil lists them.
    pub const KNOWN: [Lang; 3] = [Lang::Kk, Lang::Ru, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
            Lang::Und => "und",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The error of parsing a language code that is not `kk`, `ru`, `en` or `und`.
#[derive(Debug, thiserror::Error)]
#[error("unknown language '{0}': use kk, ru, en or und")]
pub struct ParseLangError(pub String);

impl FromStr for Lang {
    type Err = ParseLangError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "kk" | "kaz" | "kazakh" => Ok(Lang::Kk),
            "ru" | "rus" | "russian" => Ok(Lang::Ru),
            "en" | "eng" | "english" => Ok(Lang::En),
            "und" => Ok(Lang::Und),
            _ => Err(ParseLangError(s.to_string())),
        }
    }
}
