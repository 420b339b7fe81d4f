//! Fuzzes the segmenter on arbitrary text: it must return a paper for any input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let paper = ushtil_segment::segment(text);
    for d in &paper.diagnostics {
        assert!(d.line >= 1, "diagnostic lines are 1-based: {d:?}");
    }
});
