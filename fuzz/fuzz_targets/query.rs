//! Fuzzes query parsing and search on a small index: any query string gets
//! results or a typed error, never a panic.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use ushtil_index::{Index, IngestOptions, SearchRequest};

/// A small index, built once per fuzzing process.
fn index() -> &'static Index {
    static INDEX: OnceLock<(tempfile::TempDir, Index)> = OnceLock::new();
    &INDEX
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("a temp dir for the fuzz index");
            let index = Index::open_or_create(dir.path().join("index")).expect("a fresh index opens");
            let texts = vec![
                (
                    "mem/en.txt".to_string(),
                    "Labour export\n\nThe article examines the export of labour and the profi t of migrants.\nKeywords: migration, China.\n".to_string(),
                ),
                (
                    "mem/kk.txt".to_string(),
                    "Қытай мигранттары\n\nМақалада шетелдегі Қытай диаспораларының əлеуеті сарапталады.\nТүйін сөздер: Қытай, мигранттар.\n".to_string(),
                ),
                (
                    "mem/ru.txt".to_string(),
                    "Китайские мигранты\n\nВ статье анализируется потенциал китайских диаспор («走出去», zouchuqu).\nКлючевые слова: Китай, мигранты.\n".to_string(),
                ),
            ];
            index
                .ingest_texts(texts, &IngestOptions::default(), &|_| {})
                .expect("the fuzz corpus indexes");
            (dir, index)
        })
        .1
}

fuzz_target!(|query: &str| {
    let _ = index().search(&SearchRequest::new(query));
});
