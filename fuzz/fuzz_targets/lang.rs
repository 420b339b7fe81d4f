//! Fuzzes look-alike repair and language detection on arbitrary text:
//! repair keeps its byte ranges on the input and is idempotent; detection
//! returns a confidence in 0..=1.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let (once, repairs) = ushtil_lang::lookalike::repair_text(text);
    for r in &repairs {
        assert_eq!(text.get(r.start..r.end), Some(r.before.as_str()), "{r:?}");
    }
    let (twice, more) = ushtil_lang::lookalike::repair_text(&once);
    assert_eq!(twice, once, "repair is idempotent");
    assert!(more.is_empty());
    let d = ushtil_lang::detect(text);
    assert!((0.0..=1.0).contains(&d.confidence), "{d:?}");
});
