//! Estimates the language-ID models from the shipped n-gram tables
//! (`data/langid/*.tsv`, written by `ushtil train langid`) and writes them
//! where `detect::model::Model::shipped` embeds them: estimating them at the
//! start of every process that detects took 10 ms.

#[path = "src/detect/estimate.rs"]
#[allow(dead_code)]
mod estimate;

use std::path::PathBuf;

fn main() {
    let data = PathBuf::from("data/langid");
    let mut entries = Vec::with_capacity(200_000);
    for (lang, code) in estimate::TABLE_CODES.iter().enumerate() {
        let path = data.join(format!("{code}.tsv"));
        println!("cargo::rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        if let Err(e) = estimate::parse_table(code, lang as u8, &text, &mut entries) {
            panic!(
                "{}: {e} (regenerate with `ushtil train langid`)",
                path.display()
            );
        }
    }
    println!("cargo::rerun-if-changed=src/detect/estimate.rs");
    let bytes = estimate::estimate(entries).to_bytes();
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("langid-model.bin"), bytes).expect("OUT_DIR is writable");
}
