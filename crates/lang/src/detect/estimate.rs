//! From n-gram count tables to the detector's probabilities: the half of
//! [`super::model`] that the build script runs too.
//!
//! `build.rs` includes this file as a module of its own (`#[path]`), parses
//! the shipped tables (`data/langid/*.tsv`), estimates every conditional
//! log-probability and writes the result as bytes that the crate embeds
//! ([`Estimates::to_bytes`]). A process then only copies the rows and
//! indexes their keys, where estimating them from the tables' text took
//! some 120 million instructions (10 ms) at the start of every process that
//! detects. So this file uses the standard library alone.

use std::collections::HashMap;

/// Longest n-gram the models use (boundary marks included).
pub const ORDER: usize = 4;

/// Number of modelled languages (`ModelLang`).
pub const NL: usize = 13;

/// The table of each modelled language, by its code, in the order of
/// `ModelLang::ALL` (a test holds the two lists together). Read by
/// `build.rs`.
#[allow(dead_code)]
pub const TABLE_CODES: [&str; NL] = [
    "kk", "ru", "en", "ky", "tt", "mn", "uk", "be", "bg", "mk", "uz", "sah", "tk",
];

/// Size of the alphabet the unigram level falls back to (a uniform base).
const ALPHABET: f64 = 256.0;

/// Code of the word boundary in packed n-gram keys.
pub const BOUNDARY: u16 = 1;
/// Code of a letter outside the scripts we model.
const OTHER: u16 = 2;

/// Maps a lowercase letter to a 12-bit code (never 0, so keys of different
/// lengths never collide).
pub fn code_of(c: char) -> u16 {
    let u = c as u32;
    match u {
        0x61..=0x7A => u as u16,
        0xC0..=0x24F => (0x300 + (u - 0xC0)) as u16,
        0x400..=0x52F => (0x100 + (u - 0x400)) as u16,
        _ => OTHER,
    }
}

/// Packs up to [`ORDER`] codes into a key.
#[inline]
pub fn pack(codes: &[u16]) -> u64 {
    codes.iter().fold(0u64, |k, &c| (k << 12) | c as u64)
}

/// Number of letters packed in a key.
pub fn key_order(key: u64) -> usize {
    (64 - key.leading_zeros() as usize).div_ceil(12)
}

/// Appends the `(key, language, count)` entries of one language's table
/// text (`ngram<TAB>count` lines, `#` comments) to `entries`.
pub fn parse_table(
    code: &str,
    lang: u8,
    text: &str,
    entries: &mut Vec<(u64, u8, u32)>,
) -> Result<(), String> {
    // Lines and the tab in each found on bytes (both are ASCII, so the
    // slices stay on character boundaries).
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut no = 0;
    while start < bytes.len() {
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |k| start + k);
        let line = text[start..end]
            .strip_suffix('\r')
            .unwrap_or(&text[start..end]);
        start = end + 1;
        no += 1;
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let tab = line
            .bytes()
            .position(|b| b == b'\t')
            .ok_or_else(|| format!("{code} table line {no}: expected 'ngram<TAB>count'"))?;
        let (g, c) = (&line[..tab], &line[tab + 1..]);
        let count: u32 = c
            .parse()
            .map_err(|_| format!("{code} table line {no}: bad count '{c}'"))?;
        let mut key = 0u64;
        let mut len = 0;
        for ch in g.chars() {
            key = (key << 12) | if ch == '_' { BOUNDARY } else { code_of(ch) } as u64;
            len += 1;
        }
        if len == 0 || len > ORDER {
            return Err(format!(
                "{code} table line {no}: n-gram '{g}' is not 1..={ORDER} letters"
            ));
        }
        entries.push((key, lang, count));
    }
    Ok(())
}

/// Row index meaning "no row".
pub const NONE: u32 = u32::MAX;

/// The estimated models of all languages, one row per n-gram key.
#[derive(Clone, Debug, PartialEq)]
pub struct Estimates {
    /// The n-gram keys, sorted by order, then key.
    pub keys: Vec<u64>,
    /// Each row's n-gram order.
    pub order: Vec<u8>,
    /// Each row's suffix row (its n-gram without the first letter), or
    /// [`NONE`].
    pub suffix: Vec<u32>,
    /// Each row's log-probability per language.
    pub logp: Vec<[f32; NL]>,
    /// Backoff weights of the rows used as histories (rows of order below
    /// [`ORDER`], which come first).
    pub logbo: Vec<[f32; NL]>,
    /// The log-probability of a letter no n-gram has.
    pub unseen: [f32; NL],
    /// The row of the boundary unigram.
    pub boundary_row: u32,
}

/// Witten–Bell interpolated estimates of the `(key, language, count)`
/// entries of every language's table.
pub fn estimate(mut entries: Vec<(u64, u8, u32)>) -> Estimates {
    // The boundary unigram always exists (it starts every word).
    entries.push((BOUNDARY as u64, 0, 0));
    // Sorted by order, then key, then language: one u64 per entry (order
    // above the 48 bits of a key, the language below), which sorts in a
    // fraction of the time a tuple key computed per comparison took.
    const _: () = assert!(12 * ORDER <= 48 && NL <= 16);
    let mut packed: Vec<(u64, u32)> = entries
        .into_iter()
        .map(|(k, l, n)| (((key_order(k) as u64) << 56) | (k << 4) | l as u64, n))
        .collect();
    packed.sort_unstable_by_key(|e| e.0);
    let mut keys: Vec<u64> = Vec::with_capacity(packed.len());
    let mut cnt: Vec<[u32; NL]> = Vec::with_capacity(packed.len());
    for (p, n) in packed {
        let (k, l) = ((p >> 4) & ((1 << 48) - 1), p & 0xF);
        if keys.last() != Some(&k) {
            keys.push(k);
            cnt.push([0; NL]);
        }
        let last = cnt.last_mut().expect("a row was just pushed");
        last[l as usize] += n;
    }
    let map: HashMap<u64, u32> = keys
        .iter()
        .enumerate()
        .map(|(i, &k)| (k, i as u32))
        .collect();
    let order: Vec<u8> = keys.iter().map(|&k| key_order(k) as u8).collect();
    let n = keys.len();
    // Context totals and continuation types of each history row, and of
    // the empty history (index n).
    let mut ctx = vec![[0u32; NL]; n + 1];
    let mut types = vec![[0u32; NL]; n + 1];
    let mut suffix = vec![NONE; n];
    let mut hist = vec![n as u32; n];
    for (i, &k) in keys.iter().enumerate() {
        let c = &cnt[i];
        let ord = order[i] as usize;
        if ord > 1 {
            hist[i] = map[&(k >> 12)];
            let mask = (1u64 << (12 * (ord - 1))) - 1;
            suffix[i] = *map
                .get(&(k & mask))
                .expect("every suffix of a counted n-gram is counted");
        }
        let h = hist[i] as usize;
        for l in 0..NL {
            if c[l] > 0 {
                ctx[h][l] += c[l];
                types[h][l] += 1;
            }
        }
    }
    // Witten–Bell backoff weight of every history: ln(T / (C + T)), 0
    // when the language never saw the history (its estimate is the
    // lower order's).
    let backoff = |h: usize, l: usize| -> f32 {
        let (cx, t) = (ctx[h][l] as f32, types[h][l] as f32);
        if cx > 0.0 { (t / (cx + t)).ln() } else { 0.0 }
    };
    let hist_rows = order.iter().take_while(|&&o| (o as usize) < ORDER).count();
    let mut logbo = vec![[0f32; NL]; hist_rows];
    for (i, bo) in logbo.iter_mut().enumerate() {
        for (l, b) in bo.iter_mut().enumerate() {
            *b = backoff(i, l);
        }
    }
    let empty_bo: [f32; NL] = std::array::from_fn(|l| backoff(n, l));
    let uniform = (1.0 / ALPHABET).ln() as f32;
    // P(c | h) = (C(hc) + T(h) P(c | h⁻)) / (C(h) + T(h)), computed in
    // log space; only languages that saw the n-gram need a logarithm.
    let mut logp = vec![[0f32; NL]; n];
    for i in 0..n {
        let c = cnt[i];
        let h = hist[i] as usize;
        for l in 0..NL {
            let lower = if order[i] == 1 {
                uniform
            } else {
                logp[suffix[i] as usize][l]
            };
            logp[i][l] = if c[l] > 0 {
                let (cx, t) = (ctx[h][l] as f64, types[h][l] as f64);
                ((c[l] as f64 + t * (lower as f64).exp()) / (cx + t)).ln() as f32
            } else if h == n {
                empty_bo[l] + lower
            } else {
                logbo[h][l] + lower
            };
        }
    }
    let unseen: [f32; NL] = std::array::from_fn(|l| empty_bo[l] + uniform);
    let boundary_row = map[&(BOUNDARY as u64)];
    Estimates {
        keys,
        order,
        suffix,
        logp,
        logbo,
        unseen,
        boundary_row,
    }
}

/// The first bytes of [`Estimates::to_bytes`] (the format's version).
const MAGIC: &[u8; 8] = b"ushtilM1";

impl Estimates {
    /// The estimates as little-endian bytes: [`MAGIC`], the row count, the
    /// history row count, the boundary row, `unseen`, then each array.
    /// Written by `build.rs`.
    #[allow(dead_code)]
    pub fn to_bytes(&self) -> Vec<u8> {
        let n = self.keys.len();
        let mut out = Vec::with_capacity(32 + n * (8 + 1 + 4 + 4 * NL));
        out.extend_from_slice(MAGIC);
        for v in [n, self.logbo.len(), self.boundary_row as usize] {
            out.extend_from_slice(&(v as u32).to_le_bytes());
        }
        let floats = |out: &mut Vec<u8>, row: &[f32; NL]| {
            for x in row {
                out.extend_from_slice(&x.to_le_bytes());
            }
        };
        floats(&mut out, &self.unseen);
        for k in &self.keys {
            out.extend_from_slice(&k.to_le_bytes());
        }
        out.extend_from_slice(&self.order);
        for s in &self.suffix {
            out.extend_from_slice(&s.to_le_bytes());
        }
        for row in self.logp.iter().chain(&self.logbo) {
            floats(&mut out, row);
        }
        out
    }

    /// Reads what [`Estimates::to_bytes`] wrote; `None` if `bytes` are not
    /// that.
    pub fn from_bytes(bytes: &[u8]) -> Option<Estimates> {
        let mut r = Reader(bytes.strip_prefix(MAGIC)?);
        let n = r.u32()? as usize;
        let hist_rows = r.u32()? as usize;
        let boundary_row = r.u32()?;
        let unseen = r.row()?;
        let keys = r.array(n, 8, |b| {
            u64::from_le_bytes(b.try_into().unwrap_or_default())
        })?;
        let order = r.take(n)?.to_vec();
        let suffix = r.array(n, 4, |b| {
            u32::from_le_bytes(b.try_into().unwrap_or_default())
        })?;
        let logp = (0..n).map(|_| r.row()).collect::<Option<Vec<_>>>()?;
        let logbo = (0..hist_rows)
            .map(|_| r.row())
            .collect::<Option<Vec<_>>>()?;
        (r.0.is_empty() && hist_rows <= n && (boundary_row as usize) < n).then_some(Estimates {
            keys,
            order,
            suffix,
            logp,
            logbo,
            unseen,
            boundary_row,
        })
    }
}

/// Reads little-endian values off the front of a byte slice.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, len: usize) -> Option<&'a [u8]> {
        if self.0.len() < len {
            return None;
        }
        let (head, rest) = self.0.split_at(len);
        self.0 = rest;
        Some(head)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn array<T>(&mut self, n: usize, size: usize, f: impl Fn(&[u8]) -> T) -> Option<Vec<T>> {
        Some(
            self.take(n.checked_mul(size)?)?
                .chunks_exact(size)
                .map(f)
                .collect(),
        )
    }

    fn row(&mut self) -> Option<[f32; NL]> {
        let bytes = self.take(4 * NL)?;
        let mut row = [0f32; NL];
        for (x, b) in row.iter_mut().zip(bytes.chunks_exact(4)) {
            *x = f32::from_le_bytes(b.try_into().ok()?);
        }
        Some(row)
    }
}
