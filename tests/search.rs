//! `ushtil search`: the issue's example queries on the reference article,
//! filters, the JSON shape, snippets, malformed queries, and the fresh-clone
//! behaviour (search indexes `corpus/` into `index/` when missing or stale).

use std::fs;

use crate::index::{Project, composed_paper, run_in, stderr, stdout};

const ARTICLE: &str = "corpus/going-out-policy-migration.txt";

/// Each query's first hit is the reference article.
fn assert_each_finds_the_article(p: &Project, queries: &[&str]) {
    for query in queries {
        let found = p.found(query, &[]);
        assert_eq!(
            found.first().map(String::as_str),
            Some(ARTICLE),
            "{query}: {found:?}"
        );
    }
}

#[test]
fn the_issue_examples_find_the_reference_article() {
    let p = Project::new();
    p.index_json(&[]);
    assert_each_finds_the_article(
        &p,
        &[
            "labour export",
            "мигрантов",
            "мигранттардың",
            "profit",
            "кытай",
            "走出去",
            "zouchuqu",
            "\"Going Out Policy\"",
        ],
    );
}

#[test]
fn a_kazakh_word_is_found_in_the_forms_kazakh_writes_after_a_loanword_stem() {
    // A surname in `-ев` takes back suffixes after a back root, and a stem
    // in `-ль` front ones after the `л`: both were once left whole.
    let p = Project::new();
    let paper = composed_paper("Reforms", "реформа").replace(
        "Мақалада далалық аймақтардағы",
        "Мақалада Тоқаевтың медальдің тарихы және далалық аймақтардағы",
    );
    fs::write(p.corpus().join("reforms.txt"), paper).unwrap();
    p.index_json(&[]);
    for query in ["Тоқаев", "медаль"] {
        let found = p.found(query, &[]);
        assert_eq!(found, ["corpus/reforms.txt"], "{query}");
    }
}

#[test]
fn an_author_is_found_by_name_as_bylines_and_citations_write_it() {
    let p = Project::new();
    p.index_json(&[]);
    assert_each_finds_the_article(
        &p,
        &[
            "Болдурукова",
            "Назира Болдурукова",
            "Н. Болдурукова",
            "Болдурукова Н.",
            "Болдуруковой",
        ],
    );
    let r = p.search_json("Болдурукова", &["--section", "authors"]);
    assert_eq!(r["total"], 1);
    let seg = &r["hits"][0]["segments"][0];
    assert_eq!(seg["kind"], "authors", "{seg}");
    assert_eq!(seg["snippet"], "Назира <b>Болдурукова</b>", "{seg}");
    assert_eq!(r["facets"]["section"]["authors"], 1, "{r}");
}

#[test]
fn affiliations_and_codes_answer_only_when_asked_for() {
    let p = Project::new();
    let paper = composed_paper("Dust storms", "шаң").replace(
        "Асқар Жұмабаев\n",
        "Асқар Жұмабаев\nӘл-Фараби атындағы Қазақ ұлттық университеті, Алматы\n",
    );
    fs::write(
        p.corpus().join("dust.txt"),
        format!("УДК 631.459\n\n{paper}"),
    )
    .unwrap();
    p.index_json(&[]);
    // An institution is not what a paper is about: a search leaves it out,
    // and its facet says what asking for it would give…
    let r = p.search_json("Әл-Фараби университеті", &[]);
    assert_eq!(r["total"], 0, "{r}");
    assert_eq!(r["facets"]["section"]["affiliations"], 1, "{r}");
    let out = run_in(p.path(), &["search", "Әл-Фараби", "--index", "index"]);
    assert!(
        stdout(&out).contains("; found in the affiliations of 1 paper (--section affiliations)"),
        "{}",
        stdout(&out)
    );
    // …and a librarian can list an institution's papers.
    let found = p.found("Әл-Фараби университеті", &["--section", "affiliations"]);
    assert_eq!(found, ["corpus/dust.txt"]);
    // A classification code likewise: its numbers are not a topic.
    assert_eq!(p.search_json("631.459", &[])["total"], 0);
    let found = p.found("\"УДК 631.459\"", &["--section", "codes"]);
    assert_eq!(found, ["corpus/dust.txt"]);
}

#[test]
fn json_has_the_documented_shape_with_marked_snippets() {
    let p = Project::new();
    p.index_json(&[]);
    let r = p.search_json("мигранттардың", &[]);
    assert_eq!(r["total"], 1);
    let hit = &r["hits"][0];
    for key in ["paper", "path", "title", "score", "segments"] {
        assert!(hit.get(key).is_some(), "missing {key}: {hit}");
    }
    assert_eq!(hit["paper"].as_str().unwrap().len(), 12);
    let seg = &hit["segments"][0];
    for key in ["kind", "lang", "heading", "snippet"] {
        assert!(seg.get(key).is_some(), "missing {key}: {seg}");
    }
    assert_eq!(seg["lang"], "kk");
    assert!(
        seg["snippet"]
            .as_str()
            .unwrap()
            .contains("<b>мигранттар</b>"),
        "{seg}"
    );
}

#[test]
fn lang_and_section_filters_restrict_the_segments() {
    let p = Project::new();
    p.index_json(&[]);
    let r = p.search_json("steppe OR степь OR дала", &["--lang", "ru"]);
    let hits = r["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    for hit in hits {
        for seg in hit["segments"].as_array().unwrap() {
            assert_eq!(seg["lang"], "ru", "{seg}");
        }
    }
    let r = p.search_json("erosion", &["--section", "title"]);
    assert_eq!(r["total"], 1);
    assert_eq!(r["hits"][0]["segments"][0]["kind"], "title");
    assert_eq!(r["hits"][0]["path"], "corpus/erosion.txt");
}

#[test]
fn exclusion_drops_whole_papers() {
    let p = Project::new();
    p.index_json(&[]);
    let found = p.found("steppe -irrigation", &[]);
    assert!(
        found.contains(&"corpus/erosion.txt".to_string()),
        "{found:?}"
    );
    assert!(
        !found.contains(&"corpus/2024/irrigation.txt".to_string()),
        "{found:?}"
    );
}

#[test]
fn malformed_queries_exit_2_with_a_message_that_points_at_the_problem() {
    let p = Project::new();
    p.index_json(&[]);
    for query in ["\"labour export", "(labour OR", "labour AND", "-labour"] {
        let out = run_in(p.path(), &["search", query, "--index", "index"]);
        assert_eq!(out.status.code(), Some(2), "{query}");
        let err = stderr(&out);
        assert!(
            err.starts_with("ushtil: malformed query: "),
            "{query}: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
    let out = run_in(p.path(), &["search", "\"labour export", "--index", "index"]);
    assert!(stderr(&out).contains("\n    ^"), "{}", stderr(&out));
}

#[test]
fn pasted_titles_and_a_phrase_slop_are_queries_not_errors() {
    let p = Project::new();
    p.index_json(&[]);
    assert_each_finds_the_article(
        &p,
        &[
            "labour - export",
            "Қытай - диаспоралары",
            "labour + export",
            "LABOUR EXPORT IN CHINA",
            "\"export labour\"~3",
            // Slashes around a word were a regular expression to tantivy.
            "labour / export / China",
            // Ligatures, as a PDF viewer copies them (the article's
            // `profi t`, repaired, is `profit`).
            "great pro\u{fb01}t",
            // A ligature split by a space, as the PDF's text layer has it
            // (the article's `profi t`), in a phrase too.
            "great profi t",
            "\"really great profi t\"",
            // A selection that opens or closes a parenthesis but not both.
            "companies in 156 countries and regions, and total \ndirect investments in non-fi nancial sectors (similarly \n",
            "of 2012), with a total value of",
            // A section's heading.
            "Exports of Labor is One of the Priorities of \nthe Strategy of «Going Out Policy»",
            // A keyword list pasted with its label.
            "Ключевые слова: Китай, мигранты, реформа, экономическая стратегия, миграционная политика. \n",
            "Түйін сөздер: Қытай, мигранттар, реформа",
            // The same, copied from a PDF set in a legacy Kazakh font.
            "Тїйін сґздер: Ќытай, мигранттар, реформа",
            "миграциялыќ саясат",
            // Lines selected in the PDF, the last word cut at the line end.
            "Исследуется влияние достижений \nКНР внешне экономической стратегии на инвестиционную активность китайских предприятий за-\n",
            // A zero-width space inside a word, as some PDFs have them.
            "great pro\u{200B}fit",
            // A word broken at a line end, pasted from the PDF.
            "great pro-\nfit and international",
            "\"really great pro- fit\"",
            // No-break and other wide spaces, as pasted text has them.
            "labour\u{a0}export",
            "labour\u{2003}export\u{3000}China",
        ],
    );
    // Nothing but the dash is still an empty query.
    let out = run_in(p.path(), &["search", " - ", "--index", "index"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("the query is empty"),
        "{}",
        stderr(&out)
    );
}

/// A selection that runs from the end of the abstract into the byline
/// has every word in no one segment: the answer says so and how many
/// papers `--any` would list.
#[test]
fn a_query_no_segment_has_whole_points_to_any() {
    let p = Project::new();
    p.index_json(&[]);
    let query = "export of labor. Назира Болдурукова";
    let out = run_in(p.path(), &["search", query, "--index", "index"]);
    assert!(out.status.success());
    assert_eq!(
        stdout(&out),
        format!(
            "no paper matches {query:?} (no segment has every word); 1 paper has some of them (--any)\n"
        )
    );
    assert_eq!(p.search_json(query, &[])["any_words_total"], 1);
    let any = run_in(p.path(), &["search", query, "--index", "index", "--any"]);
    assert!(
        stdout(&any).starts_with("1 paper matches"),
        "{}",
        stdout(&any)
    );
}

#[test]
fn plain_output_lists_papers_without_terminal_codes_when_piped() {
    let p = Project::new();
    p.index_json(&[]);
    let out = run_in(p.path(), &["search", "labour export", "--index", "index"]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.starts_with("1 paper matches"), "{text}");
    assert!(text.contains(ARTICLE), "{text}");
    assert!(!text.contains('\x1b') && !text.contains("<b>"), "{text}");
    // Paging past the end says where the last page starts; a count alone
    // (--limit 0) offers no next page.
    let past = run_in(
        p.path(),
        &[
            "search",
            "labour export",
            "--index",
            "index",
            "--offset",
            "5",
        ],
    );
    assert!(
        stdout(&past).contains("--offset 5 is past the last paper: the last page is --offset 0"),
        "{}",
        stdout(&past)
    );
    let count = run_in(
        p.path(),
        &[
            "search",
            "labour export",
            "--index",
            "index",
            "--limit",
            "0",
        ],
    );
    assert_eq!(stdout(&count), "1 paper matches \"labour export\"\n");
}

#[test]
fn a_fresh_project_is_indexed_on_first_search_and_reindexed_when_stale() {
    let p = Project::new();
    let first = run_in(p.path(), &["search", "labour export"]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        stderr(&first).contains("updating index/ from corpus/ (3 new"),
        "{}",
        stderr(&first)
    );
    assert!(
        stdout(&first).contains("going-out-policy-migration"),
        "{}",
        stdout(&first)
    );

    let second = run_in(p.path(), &["search", "labour export"]);
    assert!(second.status.success());
    assert_eq!(stderr(&second), "", "a fresh index is not touched");

    fs::write(
        p.corpus().join("drought.txt"),
        composed_paper("Drought on the steppe", "drought"),
    )
    .unwrap();
    let third = run_in(p.path(), &["search", "drought"]);
    assert!(
        stderr(&third).contains("1 new, 0 changed, 0 removed"),
        "{}",
        stderr(&third)
    );
    assert!(
        stdout(&third).contains("corpus/drought.txt"),
        "{}",
        stdout(&third)
    );
}

/// An `index/` that another version wrote (here: its schema lacks a field)
/// is rebuilt from `corpus/` by the main job; one given with `--index` is
/// an error that names the fix, and `index --rebuild` rebuilds it.
#[test]
fn an_index_from_another_version_is_rebuilt_from_the_corpus() {
    let p = Project::new();
    let first = run_in(p.path(), &["search", "labour export"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let from_another_version = || {
        let meta = p.path().join("index/meta.json");
        let mut json: serde_json::Value =
            serde_json::from_slice(&fs::read(&meta).unwrap()).unwrap();
        json["schema"].as_array_mut().unwrap().pop();
        fs::write(&meta, json.to_string()).unwrap();
    };
    from_another_version();

    let named = run_in(p.path(), &["search", "labour export", "--index", "index"]);
    assert_eq!(named.status.code(), Some(2));
    assert!(
        stderr(&named).contains("another ushtil version") && stderr(&named).contains("--rebuild"),
        "{}",
        stderr(&named)
    );
    let main_job = run_in(p.path(), &["search", "labour export"]);
    assert!(main_job.status.success(), "{}", stderr(&main_job));
    assert!(
        stderr(&main_job).contains("index/ was built by another ushtil version; rebuilding it"),
        "{}",
        stderr(&main_job)
    );
    assert!(
        stdout(&main_job).contains("going-out-policy-migration"),
        "{}",
        stdout(&main_job)
    );
    let again = run_in(p.path(), &["search", "labour export"]);
    assert_eq!(stderr(&again), "", "the rebuilt index is fresh");

    from_another_version();
    assert_eq!(p.index_json(&["--rebuild"])["total_papers"], 3);
}

#[test]
fn cross_finds_the_english_text_for_a_kazakh_query() {
    let p = Project::new();
    p.index_json(&[]);
    assert!(p.found("еңбек экспорты", &["--lang", "en"]).is_empty());
    let r = p.search_json("еңбек экспорты", &["--lang", "en", "--cross"]);
    assert_eq!(r["hits"][0]["path"], ARTICLE, "{r}");
    let snippet = r["hits"][0]["segments"][0]["snippet"].as_str().unwrap();
    assert!(snippet.contains("<b>"), "{snippet}");
}

/// The article writes `миграционная`, `миграциялық`, `экономическая`,
/// `экономикалық`, never the nouns: a search for the noun finds it through
/// the adjective, unless asked for the word's own forms. And `Китая` finds
/// its `Китай`.
#[test]
fn a_noun_finds_the_article_that_writes_its_adjective() {
    let p = Project::new();
    p.index_json(&[]);
    assert_each_finds_the_article(&p, &["миграция", "миграции", "экономика"]);
    // Its keywords write `Китай`; Snowball stems the genitive apart.
    assert_each_finds_the_article(&p, &["политика Китая", "миграционная политика Китая"]);
    for query in ["миграция", "экономика"] {
        assert!(p.found(query, &["--exact"]).is_empty(), "{query}");
        assert!(p.found(&format!("\"{query}\""), &[]).is_empty(), "{query}");
    }
    let r = p.search_json("миграция", &["--lang", "ru"]);
    let snippets = r["hits"][0]["segments"].to_string();
    assert!(snippets.contains("<b>Миграционный</b>"), "{snippets}");
}
