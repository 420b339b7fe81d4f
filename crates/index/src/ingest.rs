//! Ingestion: list `.txt` files, read, decode, segment, detect and build
//! documents on several threads, while the single writer adds each paper as
//! soon as it is prepared (a bounded pipeline), committing in batches so an
//! interrupted run loses at most one batch.
//!
//! # Threads
//!
//! `--threads N` (`IngestOptions::threads`) gives tantivy's writer N
//! indexing threads, at most 8 (they run the analysers and build the
//! postings), as the stock-tantivy floor of `ushtil bench` does, and
//! ⌈N/2⌉ threads to preparing documents (read, decode, repair, segment,
//! detect: about two fifths of the work, `preparing_threads`). The
//! preparing threads are the calling thread, which also moves prepared
//! documents into the writer's queue and prepares a paper itself whenever
//! none is ready, and ⌈N/2⌉ - 1 workers (none for N = 1 or 2).
//! The two sides wait on each other through bounded queues, so whichever is
//! slower sets the pace and the other sleeps: N = 1 may keep up to two
//! cores busy, N = number of cores keeps them all busy without
//! oversubscribing them for long.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, OnceLock};
use std::time::Instant;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use tantivy::index::SegmentId;
use tantivy::indexer::UserOperation;
use tantivy::merge_policy::NoMergePolicy;
use tantivy::{IndexWriter, TantivyDocument, Term};
use ushtil_lang::Lang;
use ushtil_segment::Paper;
use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

use crate::schema::{Fields, Kind, lang_code};
use crate::{FINGERPRINT_FILE, Index, Result, tantivy_error};

/// How to ingest.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct IngestOptions {
    /// Threads for preparing documents, and as many again for tantivy's
    /// writer (at most 8); 0 means all cores (see the module documentation).
    pub threads: usize,
    /// Re-index every paper, whether or not it changed, and drop papers that
    /// were not seen in this run (the old index stays searchable until the
    /// first commit of the new one).
    pub rebuild: bool,
    /// Files larger than this many bytes are skipped.
    pub max_size: u64,
    /// Commit after this many re-indexed papers (a killed run loses at most
    /// this many).
    pub commit_every: usize,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            threads: 0,
            rebuild: false,
            max_size: 50 * 1024 * 1024,
            commit_every: 10_000,
        }
    }
}

/// Progress of a run, reported after each file (from worker threads).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub files_done: u64,
    pub files_total: u64,
    pub bytes_done: u64,
    pub bytes_total: u64,
    /// Every file is read and indexed, and the index's segments are being
    /// merged (the end of a bulk run).
    pub merging: bool,
}

/// A file that was not indexed, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

/// What a run did.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct IngestSummary {
    /// Files (or in-memory texts) considered.
    pub files: u64,
    /// Papers (re-)indexed in this run: new or changed.
    pub papers: u64,
    /// Papers left as they were (same content, same pipeline).
    pub unchanged: u64,
    /// Papers deleted because their files are gone.
    pub removed: u64,
    /// Of `removed`, papers whose files are gone and whose content was
    /// indexed again under a new path in this run (a folder moved or a file
    /// renamed): the new path replaces the old one.
    #[serde(default)]
    pub moved: u64,
    /// Papers in the index after the run.
    pub total_papers: u64,
    /// Segments (tantivy documents other than paper records) added in this run.
    pub segments: u64,
    /// Files not indexed, with the reason.
    pub skipped: Vec<Skipped>,
    /// Files indexed despite damage (invalid bytes replaced), with what was done.
    #[serde(default)]
    pub warnings: Vec<Skipped>,
    /// Bytes of the papers (re-)indexed.
    pub bytes: u64,
    pub seconds: f64,
    /// `bytes` per second of the run, in MB (10^6 bytes).
    pub mb_per_s: f64,
    /// Index segments merged at the end of the run (0: none), into how many
    /// (after a bulk run, all of them into one per indexing thread at most;
    /// after another, the small ones into one), and the seconds that took
    /// (part of `seconds`).
    #[serde(default)]
    pub merged: u64,
    #[serde(default)]
    pub merged_into: u64,
    #[serde(default)]
    pub merge_seconds: f64,
}

/// What an incremental run would do, without doing it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Staleness {
    pub new: u64,
    pub changed: u64,
    pub removed: u64,
}

impl Staleness {
    pub fn is_fresh(&self) -> bool {
        self.new == 0 && self.changed == 0 && self.removed == 0
    }
}

/// One input: a file listed from the paths, or a text handed in memory.
enum Source {
    File {
        path: PathBuf,
        key: String,
        size: u64,
    },
    Text {
        key: String,
        text: String,
    },
    /// An already segmented paper, with its JSON (hashed for change detection).
    Paper {
        key: String,
        paper: Box<Paper>,
        json: String,
    },
}

impl Source {
    fn key(&self) -> &str {
        match self {
            Source::File { key, .. } | Source::Text { key, .. } | Source::Paper { key, .. } => key,
        }
    }

    fn size(&self) -> u64 {
        match self {
            Source::File { size, .. } => *size,
            Source::Text { text, .. } => text.len() as u64,
            Source::Paper { json, .. } => json.len() as u64,
        }
    }
}

/// A paper already in the index.
struct Existing {
    id_n: u64,
    hash: u64,
}

enum Outcome {
    Unchanged,
    Skip(String),
    Index {
        docs: Vec<TantivyDocument>,
        bytes: u64,
        /// Indexed, but with damage worth telling (bytes replaced).
        warning: Option<String>,
    },
}

struct Prepared {
    key: String,
    id_n: u64,
    /// The content hash of a file read (or text given) to be indexed.
    hash: Option<u64>,
    outcome: Outcome,
}

/// The indexed papers by content hash.
fn by_hash(existing: &HashMap<String, Existing>) -> HashMap<u64, Vec<&str>> {
    let mut out: HashMap<u64, Vec<&str>> = HashMap::new();
    for (key, e) in existing {
        out.entry(e.hash).or_default().push(key.as_str());
    }
    out
}

/// The paper id of a path key: 48 bits of its xxh3 hash.
pub(crate) fn paper_id_n(key: &str) -> u64 {
    xxh3_64(key.as_bytes()) >> 16
}

/// The paper id as users see it: `id_n` in lowercase hex, at least 12
/// digits (`format!("{id_n:012x}")`). Written digit by digit: a search
/// names every paper it shows, and the formatting machinery was 2.5% of a
/// warm search's instructions.
pub(crate) fn paper_id(id_n: u64) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digits = (16 - id_n.leading_zeros() as usize / 4).max(12);
    (0..digits)
        .rev()
        .map(|i| char::from(HEX[((id_n >> (4 * i)) & 0xF) as usize]))
        .collect()
}

/// Hash of everything that decides what a paper's documents look like besides
/// its bytes: the schema version, the text decoding gives a few byte strings,
/// and what the segmenter, detector and analysers make of a probe text. A
/// change in any of them that shows on the probe re-indexes all; a new rule
/// the probe does not reach needs a line in the probe that it changes (or a
/// schema bump).
///
/// Computing it starts the segmenter and the detector (about half a second),
/// so it is cached beside the index per executable (see [`Index::fingerprint`]).
fn pipeline_fingerprint() -> u64 {
    static FINGERPRINT: OnceLock<u64> = OnceLock::new();
    *FINGERPRINT.get_or_init(|| {
        // A probe written for this purpose: a code, a title, Kazakh, Russian
        // and English abstract and keyword lines, a body paragraph with
        // damage to repair, and after the body (no reference list) a byline,
        // an affiliation and a translated abstract. It is segmented as it is
        // and with its blank lines taken out (with the documents each reading
        // gives), and its lines and words are detected.
        const PROBE: &str = "УДК 314.7\nMigration and labour export\n\n\
            The article examines the export of labour and the profi t of enterprises.\n\
            Мақалада шетелдегі диаспоралардың əлеуеті сарапталады.\n\
            Түйін сөздер: Қытай, мигранттар, реформа.\n\
            В статье методом сравнения анализируется потенциал китайских диаспор.\n\
            Ключевые слова: Китай, мигранты, реформа.\n\n\
            Introduction\n\nReforms started in 1978 under the slogan «走出去» (Zǒuchūqū).\n\
            Labour Export and the Diaspora\n\
            Most work\u{200B}ers returned within five years.\n\
            They bought livestock with what they saved.\n\n\
            Н. Болдурукова\n\
            Әл-Фараби атындағы Қазақ ұлттық университеті, Алматы\n\
            Еңбек экспорты және диаспора\n\
            Аңдатпа. Мақалада еңбек экспорты қарастырылады.\n\
            Түйін сөздер: көші-қон, диаспора.\n";
        let mut probe = format!("schema {}\n", crate::SCHEMA_VERSION);
        let tight = ushtil_segment::without_blank_lines(PROBE);
        // The paper, and the documents it gives (which kinds are indexed).
        let fields = crate::schema::Fields::new();
        for text in [PROBE, tight.as_str()] {
            let seg = ushtil_segment::segment_full(text);
            probe.push_str(&serde_json::to_string(&seg).unwrap_or_default());
            for doc in paper_docs(&fields, "probe", 0, 0, &seg.paper, &Beside::of(&seg)) {
                probe.push_str(&format!("{doc:?}"));
            }
        }
        // Lines, and words alone (a keyword or a title is a word or two,
        // which the detector reads more ways than a sentence), with the
        // confidence `ushtil detect` prints: it moves with the evidence.
        // Then Russian words that end like a Kazakh suffix of the other
        // vowel class than their stem, and loanwords whose Kazakh suffix
        // follows their soft sign, inner `и` or final cluster, a verbal
        // noun, a Kazakh surname, a name in a Russian case (`Нурлана`) and
        // loans beside Kazakh function words (`Гонконг мен`, `оны Мышьяк`);
        // Russian lines that Bulgarian or Ukrainian readings took out of the
        // closed set, and one that its Kazakh names did; a particle after a
        // loanword (`драма да`) and the pronoun `ол`; a word of the Kazakh
        // root lexicon beside a loan (`фольклор тарихы`), and one alone
        // (`шабыт`, added with the lexicon's second batch); a suffix
        // hyphenated to an abbreviation (`КСРО-да`); a Russian ending that
        // is a Kazakh suffix too (`непростым`); an international stem with
        // a Kazakh suffix (`программаны`) and with a Russian one-letter
        // ending (`фактора`), and one beside a loan (`дзюдо федерациясы`);
        // the consonant endings of international stems (`бизнестен`,
        // `ресурстары`, `газете`), a devoiced loan final (`кодты`), a short
        // Kazakh word (`бас редактор`), Russian spellings (`Казахстан`,
        // `тенге`) and an international stem's Russian case that a loan cut
        // would split (`пирамиде`).
        let words = PROBE
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()));
        let rule_cases = [
            "итоге",
            "Герда",
            "спектакльдер",
            "артисты",
            "аналитиктер",
            "банктер",
            "района",
            "акимата",
            "несиелеу",
            "дамыту",
            "Жұмабеков",
            "Нурлана",
            "Гонконг мен",
            "оны Мышьяк",
            "Звание почетного доктора присвоено приказом",
            "звание лауреата «Мерейлi отбасы», и принято решение",
            "Алматы, Астана, Шымкент и Караганда стали центрами миграции",
            "драма да",
            "Ол октаэдр",
            "фольклор тарихы",
            "шабыт",
            "КСРО-да",
            "непростым",
            "программаны",
            "фактора",
            "дзюдо федерациясы",
            "бизнестен",
            "кодты",
            "ресурстары",
            "газете",
            "бас редактор",
            "Казахстан",
            "тенге",
            "пирамиде",
        ];
        for text in PROBE.lines().chain(words).chain(rule_cases) {
            let d = ushtil_lang::detect(text);
            probe.push_str(&format!("{}:{:.3} ", d.lang.code(), d.confidence));
        }
        // Bytes as each encoding is read (Windows-1251 Cyrillic, KZ-1048
        // Kazakh, Windows-1252 Latin, damaged UTF-8): which text a file gives.
        for bytes in [
            &b"\xCA\xE8\xF2\xE0\xE9, \xEC\xE8\xE3\xF0\xE0\xED\xF2\xFB"[..],
            b"\x8D\xFB\xF2\xE0\xE9, \xEC\xE8\xE3\xF0\xE0\xED\xF2\xF2\xE0\xF0",
            b"R\xE9sum\xE9 of a na\xEFve \x93caf\xE9\x94",
            b"\xD0\x9A\xD0\xB8\xD1\x82\xD0\xB0\xD0\xB9 \xE9",
        ] {
            probe.push_str(&format!("{:?} ", ushtil_segment::decode(bytes)));
        }
        // Kazakh set in a legacy font (`Ќ` for `Қ`), put back.
        let legacy = ushtil_segment::segment_full("Ќазаќстан Ќытай жјне Ресей\n");
        probe.push_str(&serde_json::to_string(&legacy).unwrap_or_default());
        for name in ushtil_lang::analysis::names::ALL {
            if let Some(mut analyzer) = ushtil_lang::analysis::analyzer(name) {
                // The probe, a word set in a legacy Kazakh font, and loanword
                // stems whose suffixes Kazakh harmony reads its own way.
                for text in [
                    PROBE,
                    "Ќытайдыѕ",
                    "Тоқаевтың банктер Николаевнаға медальдің облыстан жағдайына",
                ] {
                    let mut stream = analyzer.token_stream(text);
                    while stream.advance() {
                        let t = stream.token();
                        probe.push_str(&format!("{}:{}:{} ", t.text, t.offset_from, t.offset_to));
                    }
                }
            }
        }
        xxh3_64(probe.as_bytes())
    })
}

/// Builds the pipeline's tables (the detector's model, the segmenter's
/// cues, the stemmers: about 10 ms, on first use) on a thread of their own,
/// so that they are ready or nearly when the listing of the files is: the
/// workers would wait for them, and the listing cannot use a second core.
fn warm_up() {
    static STARTED: OnceLock<()> = OnceLock::new();
    STARTED.get_or_init(|| {
        // Without a thread (none to be had), the first paper builds them.
        let _ = std::thread::Builder::new()
            .name("ushtil-warm-up".into())
            .spawn(pipeline_fingerprint);
    });
}

fn content_hash(bytes: &[u8], fingerprint: u64) -> u64 {
    xxh3_64_with_seed(bytes, fingerprint)
}

/// What identifies the running program: its path, size and modification
/// time. The same executable runs the same pipeline.
fn executable_identity() -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    let meta = fs::metadata(&exe).ok()?;
    let mtime = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_nanos();
    Some(format!("{}:{}:{}", exe.display(), meta.len(), mtime))
}

#[derive(Serialize, Deserialize)]
struct FingerprintCache {
    executable: String,
    fingerprint: u64,
}

impl Index {
    /// The pipeline fingerprint, taken from the cache file in the index
    /// directory when it was written by this same executable, else computed
    /// (and the cache rewritten; a read-only index directory just costs the
    /// computation each time).
    fn fingerprint(&self) -> u64 {
        let path = self.dir.join(FINGERPRINT_FILE);
        let Some(identity) = executable_identity() else {
            return pipeline_fingerprint();
        };
        if let Ok(text) = fs::read_to_string(&path)
            && let Ok(cache) = serde_json::from_str::<FingerprintCache>(&text)
            && cache.executable == identity
        {
            return cache.fingerprint;
        }
        let fingerprint = pipeline_fingerprint();
        let cache = FingerprintCache {
            executable: identity,
            fingerprint,
        };
        if let Ok(json) = serde_json::to_string(&cache) {
            let tmp = self.dir.join(format!("{FINGERPRINT_FILE}.tmp"));
            if fs::write(&tmp, json).is_ok() {
                let _ = fs::rename(&tmp, &path);
            }
        }
        fingerprint
    }

    /// Indexes the `.txt` files under `paths` (directories are walked
    /// recursively, hidden entries skipped; a file named explicitly is read
    /// whatever its extension). Bad files are skipped and listed in the
    /// summary; papers under `paths` whose files are gone are deleted.
    pub fn ingest(
        &self,
        paths: &[PathBuf],
        options: &IngestOptions,
        progress: &(dyn Fn(&Progress) + Sync),
    ) -> Result<IngestSummary> {
        let started = Instant::now();
        warm_up();
        let listing = self.list(paths);
        self.run(listing, options, progress, started)
    }

    /// Indexes texts held in memory, each under its name (the name plays the
    /// role of a path: the same name replaces the paper given before).
    pub fn ingest_texts(
        &self,
        texts: Vec<(String, String)>,
        options: &IngestOptions,
        progress: &(dyn Fn(&Progress) + Sync),
    ) -> Result<IngestSummary> {
        let started = Instant::now();
        let mut sources = BTreeMap::new();
        for (key, text) in texts {
            sources.insert(key.clone(), Source::Text { key, text });
        }
        let listing = Listing {
            sources: sources.into_values().collect(),
            skipped: Vec::new(),
            roots: Vec::new(),
        };
        self.run(listing, options, progress, started)
    }

    /// Indexes papers segmented elsewhere, each under its name (as
    /// [`Index::ingest_texts`], without reading or segmenting). A [`Paper`]
    /// holds no affiliations or codes, so none of these papers has them
    /// indexed.
    pub fn ingest_papers(
        &self,
        papers: Vec<(String, Paper)>,
        options: &IngestOptions,
        progress: &(dyn Fn(&Progress) + Sync),
    ) -> Result<IngestSummary> {
        let started = Instant::now();
        let mut sources = BTreeMap::new();
        for (key, paper) in papers {
            let json = serde_json::to_string(&paper).expect("a Paper always serialises");
            sources.insert(
                key.clone(),
                Source::Paper {
                    key,
                    paper: Box::new(paper),
                    json,
                },
            );
        }
        let listing = Listing {
            sources: sources.into_values().collect(),
            skipped: Vec::new(),
            roots: Vec::new(),
        };
        self.run(listing, options, progress, started)
    }

    /// What [`Index::ingest`] of `paths` would change: new, changed and
    /// removed papers (files are read and hashed, not segmented).
    pub fn staleness(&self, paths: &[PathBuf], options: &IngestOptions) -> Result<Staleness> {
        let listing = self.list(paths);
        let existing = self.existing()?;
        let fingerprint = self.fingerprint();
        let pool = thread_pool(options.threads);
        let hashes: Vec<(String, Option<u64>)> = pool.install(|| {
            listing
                .sources
                .par_iter()
                .map(|s| {
                    let hash = match s {
                        Source::File { path, size, .. } => {
                            read_limited(path, options.max_size.max(*size))
                                .ok()
                                .map(|b| content_hash(&b, fingerprint))
                        }
                        Source::Text { text, .. } => {
                            Some(content_hash(text.as_bytes(), fingerprint))
                        }
                        Source::Paper { json, .. } => {
                            Some(content_hash(json.as_bytes(), fingerprint))
                        }
                    };
                    (s.key().to_string(), hash)
                })
                .collect()
        });
        let mut staleness = Staleness::default();
        let mut seen = HashSet::new();
        let mut new_files = Vec::new();
        for (key, hash) in hashes {
            match (existing.get(&key), hash) {
                (None, h) => {
                    staleness.new += 1;
                    if let Some(h) = h {
                        new_files.push((key.clone(), h));
                    }
                }
                (Some(e), Some(h)) if e.hash != h => staleness.changed += 1,
                _ => {}
            }
            seen.insert(key);
        }
        for s in &listing.skipped {
            seen.insert(s.path.clone());
        }
        let by_hash = by_hash(&existing);
        let moved: HashSet<String> = new_files
            .iter()
            .flat_map(|(key, h)| self.moved_from(&by_hash, key, *h, &seen))
            .collect();
        staleness.removed = existing
            .keys()
            .filter(|k| {
                !seen.contains(*k) && (under_roots(k, &listing.roots) || moved.contains(*k))
            })
            .count() as u64;
        Ok(staleness)
    }

    fn run(
        &self,
        listing: Listing,
        options: &IngestOptions,
        progress: &(dyn Fn(&Progress) + Sync),
        started: Instant,
    ) -> Result<IngestSummary> {
        let existing = self.existing()?;
        let fingerprint = self.fingerprint();
        let threads = effective_threads(options.threads);
        let mut summary = IngestSummary {
            files: (listing.sources.len() + listing.skipped.len()) as u64,
            skipped: listing.skipped.clone(),
            ..IngestSummary::default()
        };
        let counters = Counters {
            files_done: AtomicU64::new(listing.skipped.len() as u64),
            bytes_done: AtomicU64::new(0),
            files_total: summary.files,
            bytes_total: listing.sources.iter().map(Source::size).sum(),
        };
        let mut writer: Option<IndexWriter<TantivyDocument>> = None;
        let mut since_commit = 0usize;
        let mut bulk = false;
        let mut seen: HashSet<String> = listing.skipped.iter().map(|s| s.path.clone()).collect();
        if options.rebuild {
            let w = self.writer(&mut writer, threads)?;
            w.delete_all_documents().map_err(|e| self.write_err(e))?;
        }

        // The pipeline: workers prepare papers, each handing a paper over
        // as soon as it is ready; this thread adds each paper's delete and
        // documents to the writer, whose own threads analyse and index them
        // meanwhile, and prepares the next paper itself when no worker's is
        // ready. Papers arrive in the order they are ready (with one thread,
        // the listing's order), so no worker waits for a slower one's paper,
        // and the writer gets its first paper after one paper's preparation,
        // not a batch's. At most `PIPELINE_BYTES` of input (or one larger
        // file) are read by the workers and not yet handed to the writer.
        let sources = &listing.sources;
        let by_hash = by_hash(&existing);
        // Papers whose files are gone and whose content came back under a
        // new path (a folder moved or renamed): the new path replaces them.
        let mut moved: HashSet<String> = HashSet::new();
        let budget = Budget::new(PIPELINE_BYTES);
        // The next of `sources` to prepare, for whichever thread is free.
        let next = AtomicUsize::new(0);
        let workers = preparing_threads(threads) - 1;
        // The workers' pool (one thread, idle, when there are none).
        let pool = thread_pool(workers.max(1));
        let consumed = pool.in_place_scope(|scope| -> Result<()> {
            let existing = &existing;
            let counters = &counters;
            let budget = &budget;
            let prepare = move |source: &Source| {
                let size = source.size();
                let p = self.prepare(source, existing, options, fingerprint);
                counters.advance(size, progress);
                (size, p)
            };
            // This thread prepares papers too, whenever none is ready to
            // hand over, beside the workers (none on one or two threads):
            // more preparing threads than the work needs only take turns
            // with it and with tantivy's threads on the cores, each turn
            // costing the next thread its caches.
            let next = &next;
            let (tx, rx) =
                std::sync::mpsc::sync_channel::<(u64, Prepared)>(pipeline_papers(threads));
            for _ in 0..workers {
                let tx = tx.clone();
                scope.spawn(move |_| {
                    while let Some(source) = sources.get(next.fetch_add(1, Ordering::Relaxed)) {
                        // Stops when this thread does (the budget is closed,
                        // or the receiver gone).
                        if !budget.acquire(source.size()) || tx.send(prepare(source)).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(tx);
            let prepared = std::iter::from_fn(|| match rx.try_recv() {
                Ok(ready) => Some(ready),
                Err(_) => match sources.get(next.fetch_add(1, Ordering::Relaxed)) {
                    // Handed over at once: nothing reserved.
                    Some(source) => Some((0, prepare(source).1)),
                    // The rest are the workers' (until they are all gone).
                    None => rx.recv().ok(),
                },
            });
            // Workers waiting for room stop when this thread does (on an
            // error too).
            let _close = budget.closer();
            for (reserved, p) in prepared {
                if !existing.contains_key(&p.key)
                    && let Some(hash) = p.hash
                {
                    moved.extend(self.moved_from(&by_hash, &p.key, hash, &seen));
                }
                seen.insert(p.key.clone());
                match p.outcome {
                    Outcome::Unchanged => summary.unchanged += 1,
                    Outcome::Skip(reason) => summary.skipped.push(Skipped {
                        path: p.key,
                        reason,
                    }),
                    Outcome::Index {
                        docs,
                        bytes,
                        warning,
                    } => {
                        if let Some(reason) = warning {
                            summary.warnings.push(Skipped {
                                path: p.key.clone(),
                                reason,
                            });
                        }
                        let w = self.writer(&mut writer, threads)?;
                        summary.segments += docs.len().saturating_sub(1) as u64;
                        // One group: the old version's delete and the new
                        // documents go to one indexing thread, so a paper's
                        // documents stay together in one index segment
                        // (search groups hits by paper, and reads a
                        // paper's segments one after another).
                        let delete = UserOperation::Delete(Term::from_field_text(
                            self.fields.paper,
                            &paper_id(p.id_n),
                        ));
                        let ops = std::iter::once(delete)
                            .chain(docs.into_iter().map(UserOperation::Add))
                            .collect::<Vec<_>>();
                        w.run(ops).map_err(|e| self.write_err(e))?;
                        summary.papers += 1;
                        summary.bytes += bytes;
                        // A run this large ends with one merge of
                        // everything: merges on the way are wasted work
                        // (a tenth of a 10,000-paper load on one thread).
                        if !bulk && summary.papers * BULK_SHARE >= existing.len() as u64 {
                            w.set_merge_policy(Box::new(NoMergePolicy));
                            bulk = true;
                        }
                        since_commit += 1;
                        if since_commit >= options.commit_every.max(1) {
                            w.commit().map_err(|e| self.write_err(e))?;
                            since_commit = 0;
                        }
                    }
                }
                budget.release(reserved);
            }
            Ok(())
        });
        consumed?;

        let gone: Vec<&String> = existing
            .keys()
            .filter(|k| {
                !seen.contains(*k)
                    && (options.rebuild || under_roots(k, &listing.roots) || moved.contains(*k))
            })
            .collect();
        summary.moved = gone.iter().filter(|k| moved.contains(**k)).count() as u64;
        if !gone.is_empty() && !options.rebuild {
            let w = self.writer(&mut writer, threads)?;
            for key in &gone {
                let id = paper_id(existing[*key].id_n);
                w.delete_term(Term::from_field_text(self.fields.paper, &id));
            }
        }
        summary.removed = gone.len() as u64;

        if let Some(mut w) = writer {
            w.commit().map_err(|e| self.write_err(e))?;
            w.wait_merging_threads().map_err(|e| self.write_err(e))?;
            self.reload()?;
        }
        summary.total_papers = self.stats().papers;
        if summary.papers > 0 || summary.removed > 0 {
            if bulk {
                progress(&Progress {
                    files_done: counters.files_done.load(Ordering::Relaxed),
                    files_total: counters.files_total,
                    bytes_done: counters.bytes_done.load(Ordering::Relaxed),
                    bytes_total: counters.bytes_total,
                    merging: true,
                });
            }
            let merge_start = Instant::now();
            (summary.merged, summary.merged_into) = self.merge_segments(threads, bulk)?;
            summary.merge_seconds = merge_start.elapsed().as_secs_f64();
        }
        summary.seconds = started.elapsed().as_secs_f64();
        summary.mb_per_s = if summary.seconds > 0.0 {
            summary.bytes as f64 / 1e6 / summary.seconds
        } else {
            0.0
        };
        summary.skipped.sort_by(|a, b| a.path.cmp(&b.path));
        summary.warnings.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(summary)
    }

    /// Maps an error met while writing: a full disk is named as such
    /// (tantivy's worker threads report it as "an index writer was killed").
    fn write_err(&self, e: tantivy::TantivyError) -> crate::IndexError {
        let text = e.to_string().to_lowercase();
        let free = fs4::available_space(&self.dir).ok();
        let full = text.contains("no space left")
            || matches!(&e, tantivy::TantivyError::IoError(io) if io.kind() == std::io::ErrorKind::StorageFull)
            || free.is_some_and(|f| f < 16 * 1024 * 1024);
        if full {
            return crate::IndexError::DiskFull {
                dir: self.dir.clone(),
                free_mb: free.unwrap_or(0) / 1_000_000,
            };
        }
        self.tantivy_err(e)
    }

    /// Merges segments of the index (after a commit: what is merged is
    /// already safe). After a bulk run, all of them into one per indexing
    /// thread at most ([`final_groups`]), the merges running side by side;
    /// after another run, the small segments such runs leave into one, the
    /// large ones kept (cheap). Returns how many segments were merged (0 when
    /// there were not two to merge) and into how many.
    fn merge_segments(&self, threads: usize, all: bool) -> Result<(u64, u64)> {
        // Only the ids outlive this block: a live `SegmentMeta` keeps its
        // segment's files from the garbage collection below.
        let groups: Vec<Vec<SegmentId>> = {
            let mut metas = self
                .index
                .searchable_segment_metas()
                .map_err(|e| tantivy_error(&self.dir, e))?;
            // Largest first; ties by id so the choice does not depend on order.
            metas.sort_by_key(|m| (std::cmp::Reverse(m.num_docs()), m.id()));
            let sizes: Vec<u64> = metas.iter().map(|m| u64::from(m.num_docs())).collect();
            let ids: Vec<SegmentId> = metas.iter().map(|m| m.id()).collect();
            if all {
                final_groups(&sizes, threads)
                    .into_iter()
                    .map(|g| g.into_iter().map(|i| ids[i]).collect())
                    .collect()
            } else {
                let largest = sizes.first().copied().unwrap_or(0);
                vec![
                    ids.iter()
                        .zip(&sizes)
                        .filter(|(_, n)| **n * SMALL_SEGMENT < largest)
                        .map(|(id, _)| *id)
                        .collect(),
                ]
            }
        };
        let groups: Vec<Vec<SegmentId>> = groups.into_iter().filter(|g| g.len() >= 2).collect();
        if groups.is_empty() {
            return Ok((0, 0));
        }
        let mut slot = None;
        let w = self.writer(&mut slot, threads)?;
        // tantivy runs each merge on its own thread: started together, the
        // groups are merged side by side.
        let merges: Vec<_> = groups.iter().map(|g| w.merge(g)).collect();
        for merge in merges {
            merge.wait().map_err(|e| self.write_err(e))?;
        }
        // The merged segments' files stay while a searcher uses them: drop
        // ours, then collect them (else they would double the index on disk
        // until the next commit).
        self.reload()?;
        w.garbage_collect_files()
            .wait()
            .map_err(|e| self.write_err(e))?;
        if let Some(w) = slot {
            w.wait_merging_threads().map_err(|e| self.write_err(e))?;
        }
        Ok((
            groups.iter().map(|g| g.len() as u64).sum(),
            groups.len() as u64,
        ))
    }

    fn writer<'w>(
        &self,
        slot: &'w mut Option<IndexWriter<TantivyDocument>>,
        threads: usize,
    ) -> Result<&'w mut IndexWriter<TantivyDocument>> {
        if slot.is_none() {
            let writer_threads = threads.clamp(1, 8);
            let budget = writer_budget(writer_threads);
            let w = self
                .index
                .writer_with_num_threads(writer_threads, budget)
                .map_err(|e| tantivy_error(&self.dir, e))?;
            *slot = Some(w);
        }
        Ok(slot.as_mut().expect("the writer was just created"))
    }

    /// The papers in the last commit, by path key.
    fn existing(&self) -> Result<HashMap<String, Existing>> {
        let searcher = self.reader.searcher();
        let mut out = HashMap::new();
        let mut path = String::new();
        for segment in searcher.segment_readers() {
            let ff = segment.fast_fields();
            let err = |e| self.tantivy_err(e);
            let kind = ff.u64("kind_n").map_err(err)?;
            let id = ff.u64("paper_n").map_err(err)?;
            let hash = ff.u64("hash").map_err(err)?;
            let Some(paths) = ff.str("path").map_err(err)? else {
                continue;
            };
            // The segment's paths by term ordinal, read in one pass over the
            // dictionary: looked up one at a time (`ord_to_str`), each path
            // decoded a block of the dictionary again, which was 97% of a run
            // over 10,000 unchanged papers (1.14 of 1.54 G instructions).
            let mut names: Vec<Option<String>> = Vec::with_capacity(paths.num_terms());
            let mut stream = paths.dictionary().stream().map_err(|e| err(e.into()))?;
            while stream.advance() {
                let ord = stream.term_ord() as usize;
                if ord >= names.len() {
                    names.resize(ord + 1, None);
                }
                names[ord] = std::str::from_utf8(stream.key()).ok().map(str::to_owned);
            }
            let alive = segment.alive_bitset();
            for doc in 0..segment.max_doc() {
                if alive.is_some_and(|a| !a.is_alive(doc)) {
                    continue;
                }
                if kind.first(doc) != Some(Kind::Paper.code()) {
                    continue;
                }
                let (Some(id_n), Some(h)) = (id.first(doc), hash.first(doc)) else {
                    continue;
                };
                let Some(ord) = paths.term_ords(doc).next() else {
                    continue;
                };
                let found = match names.get(ord as usize) {
                    Some(Some(name)) => Some(name.clone()),
                    _ => {
                        path.clear();
                        paths
                            .ord_to_str(ord, &mut path)
                            .unwrap_or(false)
                            .then(|| path.clone())
                    }
                };
                if let Some(key) = found {
                    out.insert(key, Existing { id_n, hash: h });
                }
            }
        }
        Ok(out)
    }

    /// The papers that the new path `key` with content `hash` replaces:
    /// those with the same file name and content whose files are gone, not
    /// met in this run (a folder moved or renamed keeps its files' names; a
    /// text given by name has no file, and is taken for moved only by a
    /// file of its name and content).
    fn moved_from(
        &self,
        by_hash: &HashMap<u64, Vec<&str>>,
        key: &str,
        hash: u64,
        seen: &HashSet<String>,
    ) -> Vec<String> {
        let name = |k: &str| k.rsplit('/').next().map(str::to_owned);
        let new_name = name(key);
        by_hash
            .get(&hash)
            .into_iter()
            .flatten()
            .filter(|old| **old != key && name(old) == new_name)
            .filter(|old| !seen.contains(**old))
            .filter(|old| !self.key_path(old).exists())
            .map(|old| old.to_string())
            .collect()
    }

    /// The file a path key names: relative keys are under the base.
    fn key_path(&self, key: &str) -> PathBuf {
        let path = Path::new(key);
        if path.is_absolute() {
            path.to_path_buf()
        } else {
            self.base.join(path)
        }
    }

    /// Reads, decodes, segments and builds the documents of one source.
    fn prepare(
        &self,
        source: &Source,
        existing: &HashMap<String, Existing>,
        options: &IngestOptions,
        fingerprint: u64,
    ) -> Prepared {
        let key = source.key().to_string();
        let id_n = paper_id_n(&key);
        let skip = |reason: String| Prepared {
            key: key.clone(),
            id_n,
            hash: None,
            outcome: Outcome::Skip(reason),
        };
        if let Source::Paper { paper, json, .. } = source {
            let hash = content_hash(json.as_bytes(), fingerprint);
            if !options.rebuild && existing.get(&key).is_some_and(|e| e.hash == hash) {
                return Prepared {
                    key,
                    id_n,
                    hash: Some(hash),
                    outcome: Outcome::Unchanged,
                };
            }
            let docs = paper_docs(&self.fields, &key, id_n, hash, paper, &Beside::default());
            if docs.len() <= 1 {
                return skip(NO_TEXT.into());
            }
            return Prepared {
                key,
                id_n,
                hash: Some(hash),
                outcome: Outcome::Index {
                    docs,
                    bytes: json.len() as u64,
                    warning: None,
                },
            };
        }
        let bytes: std::borrow::Cow<'_, [u8]> = match source {
            Source::File { path, size, .. } => {
                if *size > options.max_size {
                    return skip(too_large(*size, options.max_size));
                }
                match read_limited(path, options.max_size) {
                    Ok(b) => b.into(),
                    Err(reason) => return skip(reason),
                }
            }
            Source::Text { text, .. } => text.as_bytes().into(),
            Source::Paper { json, .. } => json.as_bytes().into(),
        };
        if bytes.len() as u64 > options.max_size {
            return skip(too_large(bytes.len() as u64, options.max_size));
        }
        let hash = content_hash(&bytes, fingerprint);
        if !options.rebuild && existing.get(&key).is_some_and(|e| e.hash == hash) {
            return Prepared {
                key,
                id_n,
                hash: Some(hash),
                outcome: Outcome::Unchanged,
            };
        }
        let (text, warning) = match decode(&bytes) {
            Ok(t) => t,
            Err(reason) => return skip(reason),
        };
        if text.trim().is_empty() {
            return skip("empty file (only whitespace)".into());
        }
        // A panic on one file is a bug of ours, but it must not end the batch
        // nor lose what is indexed: the file is skipped with a message that
        // says so (and the panic message, printed by the hook, goes with the
        // report).
        let built = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            #[cfg(test)]
            if text.contains(TEST_PANIC) {
                panic!("test panic in preparation");
            }
            let seg = ushtil_segment::segment_full(&text);
            paper_docs(
                &self.fields,
                &key,
                id_n,
                hash,
                &seg.paper,
                &Beside::of(&seg),
            )
        }));
        let Ok(docs) = built else {
            return skip(INTERNAL_ERROR.into());
        };
        if docs.len() <= 1 {
            return skip(NO_TEXT.into());
        }
        Prepared {
            key,
            id_n,
            hash: Some(hash),
            outcome: Outcome::Index {
                docs,
                bytes: bytes.len() as u64,
                warning,
            },
        }
    }

    /// Lists the sources under `paths`, with the path keys.
    fn list(&self, paths: &[PathBuf]) -> Listing {
        let mut sources = BTreeMap::new();
        let mut skipped = Vec::new();
        let mut roots = Vec::new();
        let index_dir = fs::canonicalize(&self.dir).ok();
        let not_regular = || "not a regular file (a FIFO, device or socket)".to_string();
        for root in paths {
            let canonical = match fs::canonicalize(root) {
                Ok(c) => c,
                Err(e) => {
                    skipped.push(Skipped {
                        path: path_string(root),
                        reason: format!("cannot open: {}", io_reason(&e)),
                    });
                    continue;
                }
            };
            roots.push(self.key_of(&canonical));
            if !canonical.is_dir() {
                let key = self.key_of(&canonical);
                match fs::metadata(&canonical) {
                    Ok(m) if m.is_file() => {
                        sources.insert(
                            key.clone(),
                            Source::File {
                                path: canonical,
                                key,
                                size: m.len(),
                            },
                        );
                    }
                    _ => skipped.push(Skipped {
                        path: key,
                        reason: not_regular(),
                    }),
                }
                continue;
            }
            let walker = walkdir::WalkDir::new(&canonical)
                .follow_links(true)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
                    let is_index = e.file_type().is_dir()
                        && index_dir
                            .as_deref()
                            .is_some_and(|d| fs::canonicalize(e.path()).ok().as_deref() == Some(d));
                    !hidden && !is_index
                });
            for entry in walker {
                match entry {
                    Ok(e) => {
                        if e.file_type().is_dir() || !has_txt_extension(e.path()) {
                            continue;
                        }
                        // Named by where it was found (a symlink by its own
                        // name), so keys stay put across runs.
                        let key = self.listed_key(e.path());
                        if !e.file_type().is_file() {
                            skipped.push(Skipped {
                                path: key,
                                reason: not_regular(),
                            });
                            continue;
                        }
                        let size = e.metadata().map(|m| m.len()).unwrap_or(0);
                        let path = e.into_path();
                        sources.insert(key.clone(), Source::File { path, key, size });
                    }
                    Err(err) => {
                        let path = err
                            .path()
                            .map(|p| self.listed_key(p))
                            .unwrap_or_else(|| path_string(root));
                        let reason = if err.loop_ancestor().is_some() {
                            "symlink loop: the link points back to a directory above it".to_string()
                        } else if let Some(io) = err.io_error() {
                            format!("cannot read: {}", io_reason(io))
                        } else {
                            format!("cannot read: {err}")
                        };
                        skipped.push(Skipped { path, reason });
                    }
                }
            }
        }
        Listing {
            sources: sources.into_values().collect(),
            skipped,
            roots,
        }
    }

    /// The key of a path found by walking a (canonical) root: relative to
    /// the base when under it, without resolving symlinks.
    fn listed_key(&self, path: &Path) -> String {
        let rel = path.strip_prefix(&self.base).unwrap_or(path);
        let s = path_string(rel);
        if s.is_empty() { ".".to_string() } else { s }
    }

    /// The stored path of a file: relative to the index directory's parent
    /// when under it, otherwise absolute; `/`-separated.
    fn key_of(&self, path: &Path) -> String {
        let path = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let rel = path.strip_prefix(&self.base).unwrap_or(&path);
        let s = path_string(rel);
        if s.is_empty() { ".".to_string() } else { s }
    }
}

struct Listing {
    sources: Vec<Source>,
    skipped: Vec<Skipped>,
    /// Keys of the paths given: papers under them whose files are gone get deleted.
    roots: Vec<String>,
}

struct Counters {
    files_done: AtomicU64,
    bytes_done: AtomicU64,
    files_total: u64,
    bytes_total: u64,
}

impl Counters {
    fn advance(&self, bytes: u64, progress: &(dyn Fn(&Progress) + Sync)) {
        let files_done = self.files_done.fetch_add(1, Ordering::Relaxed) + 1;
        let bytes_done = self.bytes_done.fetch_add(bytes, Ordering::Relaxed) + bytes;
        progress(&Progress {
            files_done,
            files_total: self.files_total,
            bytes_done,
            bytes_total: self.bytes_total,
            merging: false,
        });
    }
}

fn under_roots(key: &str, roots: &[String]) -> bool {
    roots.iter().any(|r| {
        r == "."
            || key == r
            || key
                .strip_prefix(r.as_str())
                .is_some_and(|rest| rest.starts_with('/'))
    })
}

/// How many threads prepare papers (this one and the workers) for a load
/// of `threads` (`--threads`): half as many, rounded up (as many as the
/// writer's indexing threads need up to 16; past that the writer stops at
/// 8 and the spare cores prepare). Preparing a paper is about two fifths
/// of its work (the 1k bench load on two threads: 462 ms of CPU
/// preparing, 730 ms in tantivy's threads), so half
/// the threads keep tantivy's fed with room to spare. One preparing thread
/// beside two indexing threads instead of two: 0.975 of the time at 1,000
/// bench papers (10 alternated pairs, faster in all) and 0.961 at 10,000
/// (6 pairs, faster in all), peak memory 148 → 117 MB and 462 → 260 MB
/// (fewer papers prepared ahead, one thread's memory of words fewer).
fn preparing_threads(threads: usize) -> usize {
    threads.div_ceil(2).max(1)
}

fn effective_threads(threads: usize) -> usize {
    if threads == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        threads
    }
}

fn thread_pool(threads: usize) -> rayon::ThreadPool {
    let threads = effective_threads(threads);
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("ushtil-ingest-{i}"))
        .build()
        .unwrap_or_else(|_| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(1)
                .build()
                .expect("a one-thread pool can always be built")
        })
}

/// A run that (re-)indexes as many papers as 1/`BULK_SHARE` of those the
/// index held before it is a bulk run: from then on tantivy merges nothing,
/// and the run ends by merging its segments into [`final_groups`] (another
/// run merges only the small segments, see `Index::merge_segments`). A bulk
/// load leaves a segment per commit and writer thread, and a search pays per
/// segment: term lookups, a collector (at 10,000 papers, the three segments
/// tantivy's merge policy left made the median query a third slower than
/// one; the final merge cost about a tenth of the load, less than the
/// policy's merges on the way did, and with [`writer_budget`] and the
/// default commit interval a load of 10,000 papers leaves one segment per
/// thread, nothing to merge). A run that changes a few papers leaves
/// tantivy's merge policy to it rather than rewrite the whole index.
const BULK_SHARE: u64 = 4;

/// The indexing memory of a writer with `threads` indexing threads: 256 MB
/// a thread, 1 GB at most in all (`ushtil bench` gives its stock-tantivy
/// floor the same). A thread writes a segment when its
/// share fills (and at each commit), so a larger share means fewer segments:
/// at 10,000 papers (228 MB of text) each thread's fits in one, and a bulk
/// run has nothing left to merge; with 64 MB a thread wrote three, and the
/// final merge into one per thread rewrote the whole index (1.3 s of a 14 s
/// one-thread load). tantivy takes the memory as the segment grows.
pub fn writer_budget(threads: usize) -> usize {
    (threads * WRITER_BUDGET_PER_THREAD).min(WRITER_BUDGET_TOTAL)
}

const WRITER_BUDGET_PER_THREAD: usize = 256 * 1024 * 1024;
const WRITER_BUDGET_TOTAL: usize = 1024 * 1024 * 1024;

/// After a run other than a bulk one, a segment with fewer than
/// 1/`SMALL_SEGMENT` of the largest one's documents is small: the small ones
/// are merged into one, the others kept.
const SMALL_SEGMENT: u64 = 4;

/// How the final merge of a bulk run groups segments (given by their sizes,
/// largest first): into one group per indexing thread at most, each group
/// becoming one segment, balanced by documents (each segment, largest first,
/// joins the group with the fewest). One merge is serial, and with one group
/// a two-thread load of 10,000 papers spent a sixth of its time merging on
/// one core; two groups merge side by side in half that, and a query pays
/// about a sixth more on two segments than on one (p50 0.157 against 0.137
/// ms at 10,000 papers, in `BENCHMARKS.md`). Indices into `sizes`.
fn final_groups(sizes: &[u64], threads: usize) -> Vec<Vec<usize>> {
    let n = threads.clamp(1, sizes.len().max(1));
    let mut groups: Vec<(u64, Vec<usize>)> = vec![(0, Vec::new()); n];
    for (i, &size) in sizes.iter().enumerate() {
        if let Some(g) = groups.iter_mut().min_by_key(|(total, _)| *total) {
            g.0 += size;
            g.1.push(i);
        }
    }
    groups.into_iter().map(|(_, g)| g).collect()
}

/// Input read and prepared but not yet handed to the writer, at most (a
/// larger file goes alone): it bounds the documents held in memory, a few
/// times their input.
const PIPELINE_BYTES: u64 = 128 * 1024 * 1024;

/// Prepared papers that may wait for this thread to hand them to the writer
/// (beside the one each worker prepares).
fn pipeline_papers(threads: usize) -> usize {
    (threads * 16).max(32)
}

/// Bytes of input that workers may hold at once: [`Budget::acquire`] waits
/// for room, [`Budget::release`] gives it back; once closed (by the thread
/// that releases, when it stops) acquiring fails, so no worker waits for
/// room that will never come.
struct Budget {
    state: Mutex<BudgetState>,
    room: Condvar,
    max: u64,
}

#[derive(Default)]
struct BudgetState {
    held: u64,
    closed: bool,
}

impl Budget {
    fn new(max: u64) -> Self {
        Budget {
            state: Mutex::new(BudgetState::default()),
            room: Condvar::new(),
            max,
        }
    }

    /// Takes `bytes`, waiting while others hold too much to add them (any
    /// amount is taken when nothing is held); false once closed.
    fn acquire(&self, bytes: u64) -> bool {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        while !state.closed && state.held > 0 && state.held.saturating_add(bytes) > self.max {
            state = self.room.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        if state.closed {
            return false;
        }
        state.held += bytes;
        true
    }

    fn release(&self, bytes: u64) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.held = state.held.saturating_sub(bytes);
        self.room.notify_all();
    }

    /// Closes the budget when dropped.
    fn closer(&self) -> impl Drop + '_ {
        struct Closer<'a>(&'a Budget);
        impl Drop for Closer<'_> {
            fn drop(&mut self) {
                let mut state = self.0.state.lock().unwrap_or_else(|e| e.into_inner());
                state.closed = true;
                self.0.room.notify_all();
            }
        }
        Closer(self)
    }
}

const INTERNAL_ERROR: &str = "ushtil failed on this file (an internal error, not a fault of the file): \
     it was skipped and the batch went on; please report it with the file";

/// Text that makes preparation panic in this crate's unit tests.
#[cfg(test)]
const TEST_PANIC: &str = "\u{E000}ushtil-test-panic\u{E000}";

const NO_TEXT: &str =
    "no indexable text: no title, abstract, keywords, paragraph or reference found";

/// A path as text; bytes that are not UTF-8 (possible in Unix file names)
/// are written `\xNN`, so two names differing only there stay two keys.
/// Separators are `/` on every system.
fn path_string(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        escape_invalid_utf8(path.as_os_str().as_bytes())
    }
    #[cfg(not(unix))]
    {
        path.to_string_lossy().replace('\\', "/")
    }
}

#[cfg_attr(not(unix), allow(dead_code))]
fn escape_invalid_utf8(mut bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                out.push_str(s);
                return out;
            }
            Err(e) => {
                let (good, rest) = bytes.split_at(e.valid_up_to());
                out.push_str(std::str::from_utf8(good).expect("valid up to valid_up_to"));
                let bad = e.error_len().unwrap_or(rest.len()).min(rest.len());
                for b in &rest[..bad] {
                    out.push_str(&format!("\\x{b:02x}"));
                }
                bytes = &rest[bad..];
            }
        }
    }
}

fn has_txt_extension(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case("txt"))
}

fn too_large(size: u64, max: u64) -> String {
    format!(
        "too large: {:.1} MB is over the {:.1} MB limit (raise it with --max-size)",
        size as f64 / 1e6,
        max as f64 / 1e6
    )
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string().to_lowercase(),
    }
}

/// Reads at most `max + 1` bytes (a file that grew past the limit after
/// listing is caught by the caller's size check).
fn read_limited(path: &Path, max: u64) -> std::result::Result<Vec<u8>, String> {
    let file = fs::File::open(path).map_err(|e| format!("cannot read: {}", io_reason(&e)))?;
    // Sized from the file's length: through `take` the reader no longer
    // knows it, and grew the buffer by doubling, copying the file twice over.
    let hint = file.metadata().map_or(0, |m| m.len()).min(max);
    let mut bytes = Vec::with_capacity(usize::try_from(hint).unwrap_or(0).saturating_add(1));
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {}", io_reason(&e)))?;
    Ok(bytes)
}

/// Decodes a file's bytes to text, or says why it cannot be.
/// Decodes a file's bytes to text, or says why it cannot be. A UTF-8 paper
/// with a few invalid bytes (a damaged extraction) is kept: the bad bytes
/// become U+FFFD and the returned warning says how many.
fn decode(bytes: &[u8]) -> std::result::Result<(String, Option<String>), String> {
    if bytes.is_empty() {
        return Err("empty file".into());
    }
    match ushtil_segment::decode(bytes) {
        Ok(text) => Ok((text, None)),
        Err(e @ ushtil_segment::DecodeError::Undecodable { .. }) => {
            let bad = ushtil_segment::decode::invalid_utf8_bytes(bytes);
            if bad > 0 && bad <= (bytes.len() / 200).max(16) {
                let text = String::from_utf8_lossy(bytes).into_owned();
                let note = format!("{bad} bytes that are not UTF-8 were replaced by U+FFFD");
                Ok((text, Some(note)))
            } else {
                Err(e.to_string())
            }
        }
        Err(e) => Err(e.to_string()),
    }
}

/// Bytes of a document besides its texts: the paper id, kind, language and
/// numbers, with their lengths.
const DOC_OVERHEAD: usize = 128;

/// What a paper's documents hold beside the [`Paper`]: what the segmenter
/// found in its front matter.
#[derive(Default)]
struct Beside<'a> {
    affiliations: &'a [String],
    codes: &'a [String],
}

impl<'a> Beside<'a> {
    fn of(seg: &'a ushtil_segment::Segmentation) -> Self {
        Beside {
            affiliations: &seg.affiliations,
            codes: &seg.codes,
        }
    }
}

/// The documents of one paper: its segments (with its bylines'
/// affiliations and its classification codes), then the paper record.
fn paper_docs(
    fields: &Fields,
    key: &str,
    id_n: u64,
    hash: u64,
    paper: &Paper,
    beside: &Beside<'_>,
) -> Vec<TantivyDocument> {
    let id = paper_id(id_n);
    let mut docs = Vec::new();
    // `also`: text indexed beside `text` but not stored (a byline's initials,
    // a section's heading).
    let mut add = |kind: Kind, lang: Lang, heading: Option<&str>, text: &str, also: &str| {
        if !crate::record::is_indexed(text) {
            return;
        }
        let lang = if lang == Lang::Und {
            ushtil_lang::detect(text).lang
        } else {
            lang
        };
        // Sized for what it holds (the text twice: stored, and in its
        // language's field): grown from the default 1 KB, a paragraph's
        // document was copied on the way.
        let mut doc = TantivyDocument::with_capacity(
            2 * text.len() + key.len() + heading.map_or(0, str::len) + DOC_OVERHEAD,
        );
        doc.add_text(fields.paper, &id);
        doc.add_u64(fields.paper_n, id_n);
        doc.add_text(fields.path, key);
        doc.add_text(fields.kind, kind.as_str());
        doc.add_u64(fields.kind_n, kind.code());
        doc.add_text(fields.lang, lang.code());
        doc.add_u64(fields.lang_n, lang_code(lang));
        if let Some(h) = heading {
            doc.add_text(fields.heading, h);
        }
        doc.add_text(fields.text, text);
        doc.add_text(fields.text_field(lang), text);
        if !also.is_empty() {
            doc.add_text(fields.text_field(lang), also);
        }
        docs.push(doc);
    };
    for t in &paper.titles {
        add(Kind::Title, t.lang, None, &t.text, "");
    }
    // The names in one document: a snippet shows the one found among the
    // others, and a paper pays one document, not one per author.
    if !paper.authors.is_empty() {
        let names = paper.authors.join(", ");
        add(Kind::Authors, Lang::Und, None, &names, &initials(&names));
    }
    for (kind, texts) in [
        (Kind::Affiliations, beside.affiliations),
        (Kind::Codes, beside.codes),
    ] {
        if !texts.is_empty() {
            add(kind, Lang::Und, None, &texts.join("; "), "");
        }
    }
    for a in &paper.abstracts {
        add(Kind::Abstract, a.lang, None, &a.text, "");
    }
    for k in &paper.keywords {
        add(Kind::Keywords, k.lang, None, &k.terms.join(", "), "");
    }
    for s in &paper.sections {
        let heading = (!s.heading.trim().is_empty()).then_some(s.heading.as_str());
        // The heading is searched in the section's first paragraph (stored
        // with every paragraph, it is shown with each): a section's title
        // finds its paper, once.
        for (i, p) in s.paragraphs.iter().enumerate() {
            let also = if i == 0 { heading.unwrap_or("") } else { "" };
            add(Kind::Body, s.lang, heading, p, also);
        }
    }
    for r in &paper.references {
        add(Kind::References, Lang::Und, None, r, "");
    }

    let paper_json = crate::record::to_json(paper);
    let titles_json = serde_json::to_string(&paper.titles).expect("titles always serialise");
    let mut record = TantivyDocument::with_capacity(
        paper_json.len() + titles_json.len() + key.len() + DOC_OVERHEAD,
    );
    record.add_text(fields.paper, &id);
    record.add_u64(fields.paper_n, id_n);
    record.add_text(fields.path, key);
    record.add_text(fields.kind, Kind::Paper.as_str());
    record.add_u64(fields.kind_n, Kind::Paper.code());
    record.add_u64(fields.hash, hash);
    record.add_text(fields.paper_json, paper_json);
    record.add_text(fields.titles_json, titles_json);
    docs.push(record);
    docs
}

/// The initials of a byline's names (`Назира Болдурукова` → `Н. Б.`), so
/// that a name asked for as citations write it (`Н. Болдурукова`,
/// `Болдурукова Н.`) finds the byline that spells it out.
fn initials(byline: &str) -> String {
    let mut out = String::new();
    for word in byline.split(|c: char| c.is_whitespace() || c == ',') {
        let mut letters = word.chars().filter(|c| c.is_alphabetic());
        let (Some(first), Some(_)) = (letters.next(), letters.next()) else {
            continue;
        };
        if first.is_uppercase() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push(first);
            out.push('.');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byline_s_initials_are_its_names_first_letters() {
        assert_eq!(initials("Назира Болдурукова"), "Н. Б.");
        assert_eq!(initials("Н. Болдурукова, A. B. Smith"), "Б. S.");
        assert_eq!(initials("de la Cruz"), "C.");
        assert_eq!(initials(""), "");
    }

    #[test]
    fn final_groups_are_one_per_thread_and_balanced() {
        // Largest first: each joins the group with the fewest documents
        // (the first of equals): 9 | 5, 4 | 9+3 against 9 | 1 → 12 and 10.
        assert_eq!(
            final_groups(&[9, 5, 4, 3, 1], 2),
            vec![vec![0, 3], vec![1, 2, 4]]
        );
        assert_eq!(final_groups(&[9, 5, 4], 1), vec![vec![0, 1, 2]]);
        // No more groups than segments.
        assert_eq!(final_groups(&[9, 5], 8), vec![vec![0], vec![1]]);
        assert_eq!(final_groups(&[], 2), vec![Vec::<usize>::new()]);
    }

    /// `staleness` (what the default index's update checks) counts a paper
    /// whose folder moved as removed, like the run that follows; a text
    /// given under another name, or a file renamed in the moved folder, is
    /// not taken for moved.
    #[test]
    fn staleness_counts_a_moved_paper_as_removed() {
        let dir = tempfile::tempdir().unwrap();
        let index = Index::open_or_create(dir.path().join("index")).unwrap();
        let (old, new) = (dir.path().join("a"), dir.path().join("b"));
        fs::create_dir(&old).unwrap();
        let text = "Labour export\n\nThe article examines the export of labour.\n";
        fs::write(old.join("p.txt"), text).unwrap();
        let options = IngestOptions::default();
        index
            .ingest(std::slice::from_ref(&old), &options, &|_| {})
            .unwrap();
        fs::rename(&old, &new).unwrap();
        let stale = index
            .staleness(std::slice::from_ref(&new), &options)
            .unwrap();
        assert_eq!((stale.new, stale.removed), (1, 1));
        let run = index
            .ingest(std::slice::from_ref(&new), &options, &|_| {})
            .unwrap();
        assert_eq!((run.removed, run.moved, run.total_papers), (1, 1, 1));

        // The same text given under another name is a second paper, which
        // the file moving again does not replace.
        index
            .ingest_texts(
                vec![("mem/other.txt".into(), text.into())],
                &options,
                &|_| {},
            )
            .unwrap();
        fs::rename(&new, &old).unwrap();
        let run = index
            .ingest(std::slice::from_ref(&old), &options, &|_| {})
            .unwrap();
        assert_eq!((run.moved, run.total_papers), (1, 2));
        // A file of another name with that content is a new paper too.
        fs::rename(old.join("p.txt"), old.join("q.txt")).unwrap();
        fs::rename(&old, &new).unwrap();
        let run = index
            .ingest(std::slice::from_ref(&new), &options, &|_| {})
            .unwrap();
        assert_eq!((run.moved, run.total_papers), (0, 3));
    }

    #[test]
    fn roots_cover_their_own_files_only() {
        let roots = vec!["corpus".to_string()];
        assert!(under_roots("corpus/a.txt", &roots));
        assert!(under_roots("corpus", &roots));
        assert!(!under_roots("corpus2/a.txt", &roots));
        assert!(!under_roots("other/a.txt", &roots));
        assert!(under_roots("anything", &[".".to_string()]));
    }

    #[test]
    fn invalid_utf8_in_names_is_escaped_not_merged() {
        assert_eq!(escape_invalid_utf8(b"a\xffb.txt"), "a\\xffb.txt");
        assert_ne!(
            escape_invalid_utf8(b"a\xffb"),
            escape_invalid_utf8(b"a\xfeb")
        );
        assert_eq!(escape_invalid_utf8("қ.txt".as_bytes()), "қ.txt");
        assert_eq!(escape_invalid_utf8(b"\xe2\x82"), "\\xe2\\x82");
    }

    #[test]
    fn a_few_invalid_bytes_in_utf8_are_replaced_not_fatal() {
        let mut bytes = "Заголовок статьи\n\nТекст статьи о кумысоделии. "
            .repeat(20)
            .into_bytes();
        bytes.splice(100..100, [0xFF, 0xFE, 0xC3, 0x28]);
        let (text, warning) = decode(&bytes).unwrap();
        assert!(text.contains("кумысоделии"));
        assert!(
            warning.unwrap().starts_with("3 bytes"),
            "0xC3 0x28 is one bad byte and '('"
        );
        let noise: Vec<u8> = (0..2000u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8 | 0x80)
            .collect();
        assert!(decode(&noise).is_err());
    }

    /// The pipeline hands over every paper, whatever the thread count and
    /// commit size, and keeps one bad text from stopping the batch.
    #[test]
    fn pipeline_indexes_every_paper_with_any_threads_and_commit_size() {
        // More texts than the pipeline holds, some with nothing to index.
        let texts: Vec<(String, String)> = (0..150)
            .map(|i| {
                let text = if i % 50 == 7 {
                    " \n\t ".to_string()
                } else {
                    format!(
                        "Labour export {i}\n\nThe article examines the export of labour, case {i}.\n"
                    )
                };
                (format!("mem/{i:03}.txt"), text)
            })
            .collect();
        let mut seen = Vec::new();
        for (threads, commit_every) in [(1, 1000), (2, 50), (3, 64)] {
            let dir = tempfile::tempdir().unwrap();
            let index = Index::open_or_create(dir.path().join("index")).unwrap();
            let options = IngestOptions {
                threads,
                commit_every,
                ..IngestOptions::default()
            };
            let summary = index
                .ingest_texts(texts.clone(), &options, &|_| {})
                .unwrap();
            assert_eq!(summary.files, 150);
            assert_eq!(summary.papers, 147, "threads {threads}");
            assert_eq!(summary.total_papers, 147);
            let skipped: Vec<&str> = summary.skipped.iter().map(|s| s.path.as_str()).collect();
            assert_eq!(skipped, ["mem/007.txt", "mem/057.txt", "mem/107.txt"]);
            seen.push(summary.segments);
            let again = index
                .ingest_texts(texts.clone(), &options, &|_| {})
                .unwrap();
            assert_eq!((again.papers, again.unchanged), (0, 147));
        }
        assert!(seen.iter().all(|&n| n == seen[0] && n >= 147), "{seen:?}");
    }

    /// A worker waits while the others hold the budget (a file larger than
    /// it goes alone), goes on when room is released, and gives up once the
    /// budget is closed, so no worker waits for a writer that failed.
    #[test]
    fn the_pipeline_budget_waits_for_room_and_gives_up_when_closed() {
        use std::sync::mpsc::RecvTimeoutError;
        use std::time::Duration;
        let budget = &Budget::new(10);
        assert!(budget.acquire(8));
        std::thread::scope(|scope| {
            let (tx, rx) = std::sync::mpsc::channel();
            let waiter = scope.spawn(move || {
                let got = budget.acquire(5);
                tx.send(got).unwrap();
            });
            assert_eq!(
                rx.recv_timeout(Duration::from_millis(100)),
                Err(RecvTimeoutError::Timeout),
                "8 + 5 bytes fit in a budget of 10"
            );
            budget.release(8);
            assert_eq!(rx.recv_timeout(Duration::from_secs(10)), Ok(true));
            waiter.join().unwrap();
        });
        budget.release(5);
        assert!(
            budget.acquire(1000),
            "a file larger than the budget goes alone"
        );
        std::thread::scope(|scope| {
            let (tx, rx) = std::sync::mpsc::channel();
            scope.spawn(move || tx.send(budget.acquire(1)).unwrap());
            assert_eq!(
                rx.recv_timeout(Duration::from_millis(100)),
                Err(RecvTimeoutError::Timeout)
            );
            drop(budget.closer());
            assert_eq!(rx.recv_timeout(Duration::from_secs(10)), Ok(false));
        });
    }

    /// On one thread (papers prepared by the writing thread) and on two (a
    /// pool beside it) alike.
    #[test]
    fn a_panic_on_one_text_skips_it_and_the_batch_goes_on() {
        for threads in [1, 2] {
            a_panic_on_one_text_skips_it(threads);
        }
    }

    fn a_panic_on_one_text_skips_it(threads: usize) {
        let texts = vec![
            (
                "a.txt".to_string(),
                "Labour export\n\nThe export of labour.\n".to_string(),
            ),
            (
                "b.txt".to_string(),
                format!("Title\n\nBody {TEST_PANIC} here.\n"),
            ),
            (
                "c.txt".to_string(),
                "Migration\n\nLabour migration policy.\n".to_string(),
            ),
        ];
        let dir = tempfile::tempdir().unwrap();
        let index = Index::open_or_create(dir.path().join("index")).unwrap();
        let options = IngestOptions {
            threads,
            ..IngestOptions::default()
        };
        let summary = index.ingest_texts(texts, &options, &|_| {}).unwrap();
        assert_eq!(summary.papers, 2, "{threads} thread(s)");
        assert_eq!(summary.skipped.len(), 1);
        assert_eq!(summary.skipped[0].path, "b.txt");
        assert!(summary.skipped[0].reason.contains("internal error"));
    }

    #[test]
    fn paper_ids_are_twelve_hex_digits_and_stable() {
        let id = paper_id(paper_id_n("corpus/going-out-policy-migration.txt"));
        assert_eq!(id.len(), 12);
        assert!(id.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(
            id,
            paper_id(paper_id_n("corpus/going-out-policy-migration.txt"))
        );
        assert_ne!(id, paper_id(paper_id_n("corpus/other.txt")));
    }

    proptest::proptest! {
        #[test]
        fn paper_ids_are_what_hex_formatting_writes(n in proptest::num::u64::ANY, bits in 0u32..64) {
            for id_n in [n, n >> bits, paper_id_n(&n.to_string())] {
                proptest::prop_assert_eq!(paper_id(id_n), format!("{id_n:012x}"));
            }
        }
    }
}
