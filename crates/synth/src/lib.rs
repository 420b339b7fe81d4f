//! Synthetic trilingual journal papers built from real sentences, with
//! realistic PDF-extraction damage, deterministic for a given seed.
//!
//! ushtil has one real paper; tests and benchmarks need thousands. This crate
//! makes them from real Kazakh, Russian and English sentences read at run time
//! from the evaluation data folder (`../shared/data`: Tatoeba, UDHR, the kk–ru
//! government parallel text, UD, the Kazakh texts of apertium-kaz), arranged in
//! the journal layouts the segmenter handles, and damaged the way PDF
//! extraction damages text. Nothing from the data folder is embedded.
//!
//! - [`Sources`] loads the sentence pools;
//! - [`Synth::paper`] makes paper number `i` for a seed: its text and the
//!   [`Truth`] it was built from (titles, abstracts, keywords, headings);
//! - [`Synth::write_corpus`] writes `paper-000000.txt`, … and a small
//!   `manifest.json` to a folder, in parallel.
//!
//! ```no_run
//! use std::path::Path;
//! use ushtil_synth::{Sources, Synth};
//!
//! let sources = Sources::load(Path::new("../shared/data"))?;
//! let synth = Synth::new(&sources, 42);
//! let paper = synth.paper(0);
//! assert!(paper.text.len() > 1000);
//! synth.write_corpus(Path::new("/tmp/corpus"), 100)?;
//! # Ok::<(), ushtil_synth::SynthError>(())
//! ```

mod damage;
mod paper;
mod sources;
pub mod vocab;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

pub use paper::{Generated, Truth, TruthKeywords, TruthText};
pub use sources::{Sources, default_data_dir};

/// The name of the manifest [`Synth::write_corpus`] writes beside the papers.
pub const MANIFEST: &str = "manifest.json";

/// What went wrong loading sources or writing a corpus.
#[derive(Debug, thiserror::Error)]
pub enum SynthError {
    #[error(
        "evaluation data folder {} not found: pass --data PATH to the evaluation data folder",
        .0.display()
    )]
    DataMissing(PathBuf),
    #[error("cannot read {}: {source} (is the evaluation data folder complete? pass --data PATH)", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("no usable {what} found in {}: is it the evaluation data folder?", data.display())]
    Empty { what: &'static str, data: PathBuf },
    #[error("cannot write {}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error(
        "output folder {} holds files that ushtil synth did not write: choose a new or empty folder",
        .0.display()
    )]
    OutNotEmpty(PathBuf),
}

/// The manifest of a written corpus: enough to tell whether it can be reused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub generator: String,
    pub seed: u64,
    pub papers: usize,
    pub bytes: u64,
}

impl Manifest {
    /// Reads the manifest of the corpus in `dir`, if there is a readable one.
    pub fn read(dir: &Path) -> Option<Manifest> {
        let text = fs::read_to_string(dir.join(MANIFEST)).ok()?;
        serde_json::from_str(&text).ok()
    }
}

/// The generator's name and version, as written in manifests.
pub const GENERATOR: &str = concat!("ushtil-synth ", env!("CARGO_PKG_VERSION"));

/// A paper generator for one seed.
pub struct Synth<'a> {
    sources: &'a Sources,
    seed: u64,
}

impl<'a> Synth<'a> {
    pub fn new(sources: &'a Sources, seed: u64) -> Synth<'a> {
        Synth { sources, seed }
    }

    /// Paper number `index`: the same bytes for the same sources, seed and index.
    pub fn paper(&self, index: usize) -> Generated {
        paper::generate(self.sources, self.seed, index as u64)
    }

    /// The file name of paper number `index` in a written corpus.
    pub fn file_name(index: usize) -> String {
        format!("paper-{index:06}.txt")
    }

    /// Writes `papers` papers to `dir` (created if missing) in parallel, and a
    /// manifest. A folder that a previous run wrote is overwritten (its extra
    /// papers removed); a folder with other files is refused.
    pub fn write_corpus(&self, dir: &Path, papers: usize) -> Result<Manifest, SynthError> {
        let write_err = |path: &Path| {
            let path = path.to_path_buf();
            move |source| SynthError::Write { path, source }
        };
        fs::create_dir_all(dir).map_err(write_err(dir))?;
        let entries: Vec<PathBuf> = fs::read_dir(dir)
            .map_err(write_err(dir))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        let ours = |p: &PathBuf| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name == MANIFEST || (name.starts_with("paper-") && name.ends_with(".txt"))
        };
        if entries.iter().any(|p| !ours(p))
            || (!entries.is_empty() && Manifest::read(dir).is_none())
        {
            return Err(SynthError::OutNotEmpty(dir.to_path_buf()));
        }
        for stale in &entries {
            fs::remove_file(stale).map_err(write_err(stale))?;
        }
        let bytes = (0..papers)
            .into_par_iter()
            .map(|i| {
                let path = dir.join(Self::file_name(i));
                let text = self.paper(i).text;
                fs::write(&path, &text).map_err(write_err(&path))?;
                Ok(text.len() as u64)
            })
            .try_reduce(|| 0, |a, b| Ok(a + b))?;
        let manifest = Manifest {
            generator: GENERATOR.to_string(),
            seed: self.seed,
            papers,
            bytes,
        };
        let path = dir.join(MANIFEST);
        let json = serde_json::to_string_pretty(&manifest).expect("a manifest serialises");
        fs::write(&path, json + "\n").map_err(write_err(&path))?;
        Ok(manifest)
    }
}
