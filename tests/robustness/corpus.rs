//! Hostile input: `ushtil index` over a corpus of broken, odd and unreadable
//! files finishes, indexes every valid paper, names each skipped file with a
//! reason, exits 1, and never panics or hangs.

use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use super::common::{
    COMMON, Outcome, Rng, compose_paper, describe, finish, index, search_json, total, unique_token,
    write_papers,
};

/// Encodes Russian text as Windows-1251 (ASCII and the Russian alphabet only;
/// the table is the code page's: `А`–`я` at 0xC0–0xFF, `Ё` 0xA8, `ё` 0xB8,
/// `«` 0xAB, `»` 0xBB, `—` 0x97, `–` 0x96, `…` 0x85, `№` 0xB9).
fn to_cp1251(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            c if c.is_ascii() => c as u8,
            'А'..='я' => (c as u32 - 'А' as u32 + 0xC0) as u8,
            'Ё' => 0xA8,
            'ё' => 0xB8,
            '«' => 0xAB,
            '»' => 0xBB,
            '—' => 0x97,
            '–' => 0x96,
            '…' => 0x85,
            '№' => 0xB9,
            other => panic!("{other:?} is not in this test's Windows-1251 table"),
        })
        .collect()
}

/// Encodes text as Latin-1 (ISO 8859-1, which Windows-1252 extends): every
/// character below U+0100 as its byte.
fn to_latin1(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).expect("a Latin-1 character"))
        .collect()
}

/// An English paper in Latin-1, its accented letters inside words, with a
/// rare accented word and the paper's unique token.
fn latin1_paper(i: usize, rare: &str) -> Vec<u8> {
    to_latin1(&format!(
        "The rôle of {rare} in Almaty's café economy\n\
         \n\
         Abstract. The article examines {rare}, a naïve résumé of the trade.\n\
         Keywords: {rare}, services, Kazakhstan.\n\
         \n\
         Introduction\n\
         \n\
         The trade is little studied; here it is marked {} and {COMMON}.\n",
        unique_token(i)
    ))
}

/// A Kazakh paper in KZ-1048, the Kazakh standard's Windows-1251 with
/// Kazakh letters (`Қ` 0x8D, `қ` 0x9D, `ә` 0xBC, `ң` 0xBE, `ұ` 0xA2, `ү`
/// 0xBF, `ө` 0xB4, `ғ` 0xBA, `һ` 0x9E, and their capitals), with a rare
/// Kazakh word and the paper's unique token.
fn kazakh_paper_kz1048(i: usize, rare: &str) -> Vec<u8> {
    const KAZAKH: [(char, u8); 18] = [
        ('Қ', 0x8D),
        ('Һ', 0x8E),
        ('қ', 0x9D),
        ('һ', 0x9E),
        ('Ұ', 0xA1),
        ('ұ', 0xA2),
        ('Ә', 0xA3),
        ('Ө', 0xA5),
        ('Ғ', 0xAA),
        ('Ү', 0xAF),
        ('І', 0xB2),
        ('і', 0xB3),
        ('ө', 0xB4),
        ('ғ', 0xBA),
        ('ә', 0xBC),
        ('Ң', 0xBD),
        ('ң', 0xBE),
        ('ү', 0xBF),
    ];
    let text = format!(
        "Қазақстан экономикасындағы «{rare}» саласының рөлі\n\
         \n\
         Аңдатпа. Мақалада Қазақстандағы {rare} қарастырылады: аз зерттелген сала.\n\
         Түйін сөздер: {rare}, Қазақстан, экономика.\n\
         \n\
         Кіріспе\n\
         \n\
         Сала аз зерттелген; мұнда ол {} және {COMMON} белгісімен белгіленген.\n",
        unique_token(i)
    );
    let mut out = Vec::new();
    for c in text.chars() {
        match KAZAKH.iter().find(|&&(k, _)| k == c) {
            Some(&(_, byte)) => out.push(byte),
            None => out.extend(to_cp1251(&c.to_string())),
        }
    }
    out
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        out.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    out
}

/// A Russian-only paper (Windows-1251 has no Kazakh letters) with a rare
/// Cyrillic word and the paper's unique token.
fn russian_paper(i: usize, rare: &str) -> String {
    format!(
        "Роль отрасли «{rare}» в экономике Казахстана\n\
         \n\
         В статье рассматривается {rare} в Казахстане — отрасль, о которой мало \n\
         известно. Авторы анализируют официальную статистику за 2000–2020 годы.\n\
         Ключевые слова: {rare}, Казахстан, экономика.\n\
         \n\
         Введение\n\
         \n\
         Отрасль изучена слабо; здесь она отмечена словом {} и меткой {COMMON}.\n",
        unique_token(i)
    )
}

/// A composed paper with an extra Russian paragraph holding `rare`.
fn paper_with_rare(i: usize, rare: &str) -> String {
    format!(
        "{}\nПриложение\n\nОтдельно рассмотрено {rare} в южных областях.\n",
        compose_paper(i)
    )
}

/// Fails unless stderr has a line naming `name` with some reason beside it.
fn assert_names_skipped(out: &Outcome, name: &str) {
    let line = out
        .stderr
        .lines()
        .find(|l| l.contains(name))
        .unwrap_or_else(|| {
            panic!(
                "stderr of `{}` does not name the skipped file {name}:\n{}",
                out.command, out.stderr
            )
        });
    let reason = line.replacen(name, "", 1);
    assert!(
        reason
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .count()
            >= 2,
        "the line naming {name} gives no reason: {line}"
    );
}

/// Checks that `token` finds exactly one paper, whose path ends in `file`.
fn assert_found_once(index_dir: &Path, token: &str, file: &str) {
    let answer = search_json(index_dir, token, 10);
    assert_eq!(
        total(&answer),
        1,
        "`{token}` should find {file} once: {answer}"
    );
    let path = answer["hits"][0]["path"].as_str().unwrap_or_default();
    assert!(
        path.ends_with(file),
        "`{token}` found {path}, expected {file}"
    );
}

#[test]
fn hostile_corpus_is_indexed_where_valid_and_skipped_by_name_elsewhere() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    let index_dir = tmp.path().join("index");
    write_papers(&corpus, 5); // paper-00000 … paper-00004
    let mut rng = Rng::new(9);
    let mut valid: Vec<(String, String)> = (0..5)
        .map(|i| (unique_token(i), format!("paper-{i:05}.txt")))
        .collect();
    let mut expect = |i: usize, file: &str| valid.push((unique_token(i), file.to_string()));

    // The reference article, as it ships.
    fs::copy(
        crate::util::repo_root().join("corpus/going-out-policy-migration.txt"),
        corpus.join("reference.txt"),
    )
    .unwrap();

    // Files that must be skipped, each by name.
    let skipped = [
        "empty.txt",
        "whitespace.txt",
        "scan.txt",
        "random.txt",
        "huge.txt",
        "gone.txt",
        "loop-a.txt",
        "loop-b.txt",
    ];
    fs::write(corpus.join("empty.txt"), b"").unwrap();
    fs::write(
        corpus.join("whitespace.txt"),
        " \n\t\r\n   \u{a0}\n\n".repeat(50),
    )
    .unwrap();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(rng.bytes(8192));
    fs::write(corpus.join("scan.txt"), &png).unwrap();
    fs::write(corpus.join("figure.png"), &png).unwrap(); // not a .txt: not a paper
    fs::write(corpus.join("random.txt"), rng.bytes(16384)).unwrap();
    // 60 MB on one line: over the 50 MB limit.
    let line = "migration policy labour export ".repeat(2_100_000);
    assert!(line.len() > 60_000_000);
    fs::write(corpus.join("huge.txt"), line.as_bytes()).unwrap();
    drop(line);
    // A FIFO must not block the run (whether it is named: see its own test).
    let fifo = Command::new("mkfifo")
        .arg(corpus.join("fifo.txt"))
        .status()
        .unwrap();
    assert!(fifo.success(), "mkfifo works");
    // Listed, then gone: a symlink whose target does not exist.
    symlink(
        corpus.join("deleted-before-reading.txt"),
        corpus.join("gone.txt"),
    )
    .unwrap();
    // A symlink loop between two files, and a directory linking to itself.
    symlink("loop-b.txt", corpus.join("loop-a.txt")).unwrap();
    symlink("loop-a.txt", corpus.join("loop-b.txt")).unwrap();
    fs::create_dir(corpus.join("cycle")).unwrap();
    symlink("..", corpus.join("cycle/up")).unwrap();
    symlink(".", corpus.join("cycle/self")).unwrap();

    // Files that must not stop anything, whatever the indexer makes of them.
    fs::write(
        corpus.join("punctuation.txt"),
        "…,;:!?—«»()[]{}.-–\n".repeat(500),
    )
    .unwrap();

    // Valid papers in awkward forms: each must be found.
    fs::write(
        corpus.join("cp1251.txt"),
        to_cp1251(&russian_paper(101, "пчеловодство")),
    )
    .unwrap();
    expect(101, "cp1251.txt");
    fs::write(corpus.join("latin1.txt"), latin1_paper(111, "pâtisserie")).unwrap();
    expect(111, "latin1.txt");
    fs::write(
        corpus.join("kz1048.txt"),
        kazakh_paper_kz1048(112, "омарташылық"),
    )
    .unwrap();
    expect(112, "kz1048.txt");
    fs::write(
        corpus.join("utf16le.txt"),
        utf16(&paper_with_rare(102, "коневодство"), false),
    )
    .unwrap();
    expect(102, "utf16le.txt");
    fs::write(
        corpus.join("utf16be.txt"),
        utf16(&paper_with_rare(103, "овцеводство"), true),
    )
    .unwrap();
    expect(103, "utf16be.txt");
    let no_bom = utf16(&paper_with_rare(110, "птицеводство"), false);
    fs::write(corpus.join("utf16le-nobom.txt"), &no_bom[2..]).unwrap();
    expect(110, "utf16le-nobom.txt");
    let mut headings = "Introduction\n\n".repeat(5000);
    headings.push_str(&"1.1.1.1.1.1.1.1 Method\n\n".repeat(2000));
    headings.push_str(&compose_paper(104));
    headings.push_str(&"References\n\n".repeat(3000));
    fs::write(corpus.join("headings.txt"), headings).unwrap();
    expect(104, "headings.txt");
    fs::create_dir(corpus.join("dir.txt")).unwrap();
    fs::write(corpus.join("dir.txt/inside.txt"), compose_paper(105)).unwrap();
    expect(105, "inside.txt");
    // A name that is not UTF-8 (an archive unzipped from an old Windows system).
    let odd_name = OsStr::from_bytes(b"paper-\xcf\xf0\xe8\xec\xe5\xf0.txt");
    fs::write(corpus.join(odd_name), compose_paper(106)).unwrap();
    // How the path shows its bad bytes is the index's choice: only the end is checked.
    valid.push((unique_token(106), ".txt".to_string()));
    fs::write(
        corpus.join("bom.txt"),
        format!("\u{feff}{}", compose_paper(107)),
    )
    .unwrap();
    valid.push((unique_token(107), "bom.txt".to_string()));
    fs::write(
        corpus.join("crlf.txt"),
        compose_paper(108).replace('\n', "\r\n"),
    )
    .unwrap();
    valid.push((unique_token(108), "crlf.txt".to_string()));

    let started = Instant::now();
    let out = index(&[&corpus], &index_dir, &[], Duration::from_secs(600));
    eprintln!("hostile corpus indexed in {:?}", started.elapsed());
    out.assert_code(1);
    for name in skipped {
        assert_names_skipped(&out, name);
    }
    for (token, file) in &valid {
        assert_found_once(&index_dir, token, file);
    }
    // The decoded text is right, not mojibake: a rare Cyrillic word finds each.
    for (word, file) in [
        ("пчеловодство", "cp1251.txt"),
        ("коневодство", "utf16le.txt"),
        ("овцеводство", "utf16be.txt"),
        ("птицеводство", "utf16le-nobom.txt"),
        ("pâtisserie", "latin1.txt"),
        ("омарташылық", "kz1048.txt"),
    ] {
        assert_found_once(&index_dir, word, file);
    }
    let reference = search_json(&index_dir, "diaspora", 10);
    assert!(
        reference["hits"].as_array().is_some_and(|h| h
            .iter()
            .any(|h| h["path"].as_str().unwrap_or("").ends_with("reference.txt"))),
        "the reference article is searchable: {reference}"
    );
    let all = search_json(&index_dir, COMMON, 100);
    assert_eq!(
        total(&all),
        valid.len() as u64,
        "every valid paper, once: {all}"
    );

    // A second run changes nothing and still names what it skips.
    let again = index(&[&corpus], &index_dir, &[], Duration::from_secs(600));
    again.assert_code(1);
    for name in skipped {
        assert_names_skipped(&again, name);
    }
    let all = search_json(&index_dir, COMMON, 100);
    assert_eq!(
        total(&all),
        valid.len() as u64,
        "a rerun adds no copies: {all}"
    );
}

/// 10,000 one-line files in 100 folders: all indexed, each findable.
#[test]
fn ten_thousand_one_line_files_are_all_indexed() {
    const N: usize = 10_000;
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    let index_dir = tmp.path().join("index");
    for i in 0..N {
        let dir = corpus.join(format!("box-{:03}", i / 100));
        if i % 100 == 0 {
            fs::create_dir_all(&dir).unwrap();
        }
        fs::write(
            dir.join(format!("note-{i:05}.txt")),
            format!(
                "Field note {i} on labour migration: {} {COMMON}\n",
                unique_token(i)
            ),
        )
        .unwrap();
    }
    let out = index(&[&corpus], &index_dir, &[], Duration::from_secs(900));
    eprintln!("{N} one-line files indexed in {:?}", out.elapsed);
    out.assert_code(0);
    let all = search_json(&index_dir, COMMON, 10);
    assert_eq!(total(&all), N as u64, "every one-line file is a paper");
    let mut rng = Rng::new(10_000);
    for _ in 0..10 {
        let i = rng.below(N);
        assert_found_once(&index_dir, &unique_token(i), &format!("note-{i:05}.txt"));
    }
}

/// A folder and a file without read permission are named and skipped; the
/// rest is indexed. Root ignores permissions, so as root the indexer runs as
/// `nobody` through `setpriv` (util-linux); without it the test says so.
#[test]
fn unreadable_folder_and_file_are_skipped_by_name() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    let index_dir = tmp.path().join("index");
    write_papers(&corpus, 2);
    fs::create_dir(corpus.join("locked")).unwrap();
    fs::write(corpus.join("locked/hidden.txt"), compose_paper(200)).unwrap();
    fs::write(corpus.join("secret.txt"), compose_paper(201)).unwrap();
    let as_root = super::common::running_as_root(tmp.path());
    let mut command = if as_root {
        let Some(command) = super::common::ushtil_as_nobody("an unreadable folder") else {
            return;
        };
        // `nobody` must reach the corpus, write the index, and run the binary.
        for dir in [tmp.path(), corpus.as_path()] {
            fs::set_permissions(dir, fs::Permissions::from_mode(0o755)).unwrap();
        }
        fs::create_dir(&index_dir).unwrap();
        fs::set_permissions(&index_dir, fs::Permissions::from_mode(0o777)).unwrap();
        command
    } else {
        Command::new(crate::util::ushtil_bin())
    };
    fs::set_permissions(corpus.join("locked"), fs::Permissions::from_mode(0o000)).unwrap();
    fs::set_permissions(corpus.join("secret.txt"), fs::Permissions::from_mode(0o000)).unwrap();
    let args = [
        OsStr::new("index"),
        corpus.as_os_str(),
        OsStr::new("--index"),
        index_dir.as_os_str(),
    ];
    let child = command
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the indexer starts");
    let out = finish(child, describe(&args), Duration::from_secs(300));
    // Let the temp dir be removed.
    fs::set_permissions(corpus.join("locked"), fs::Permissions::from_mode(0o755)).unwrap();
    out.assert_code(1);
    assert_names_skipped(&out, "locked");
    assert_names_skipped(&out, "secret.txt");
    for i in 0..2 {
        assert_found_once(&index_dir, &unique_token(i), &format!("paper-{i:05}.txt"));
    }
    assert_eq!(total(&search_json(&index_dir, &unique_token(201), 10)), 0);
}

/// Files deleted while the indexer runs (listed, then gone before reading)
/// are either indexed or named as skipped; nothing else is lost.
#[test]
fn files_deleted_during_indexing_are_skipped_not_fatal() {
    const N: usize = 600;
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    let index_dir = tmp.path().join("index");
    write_papers(&corpus, N);
    let args = [
        OsStr::new("index"),
        corpus.as_os_str(),
        OsStr::new("--index"),
        index_dir.as_os_str(),
    ];
    let child = super::common::spawn(&args);
    // Delete every third paper, last first (the indexer likely reads in order),
    // while it runs.
    let doomed: Vec<usize> = (0..N).filter(|i| i % 3 == 0).rev().collect();
    for i in &doomed {
        let _ = fs::remove_file(corpus.join(format!("paper-{i:05}.txt")));
        std::thread::sleep(Duration::from_millis(2));
    }
    let out = finish(child, describe(&args), Duration::from_secs(600));
    out.assert_no_panic();
    assert!(
        matches!(out.code(), Some(0 | 1)),
        "the run finishes (0, or 1 if a listed file vanished): {:?}\n{}",
        out.code(),
        out.stderr
    );
    let all = search_json(&index_dir, COMMON, N + 50);
    let mut seen = vec![0usize; N];
    for hit in all["hits"].as_array().expect("hits") {
        let path = hit["path"].as_str().expect("a hit has a path");
        let i: usize = path
            .rsplit("paper-")
            .next()
            .and_then(|rest| rest.strip_suffix(".txt"))
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("an unexpected path in the index: {path}"));
        seen[i] += 1;
    }
    let mut vanished_named = 0;
    for (i, &count) in seen.iter().enumerate() {
        let file = format!("paper-{i:05}.txt");
        assert!(count <= 1, "{file} is in the index {count} times");
        if i % 3 != 0 {
            assert_eq!(count, 1, "{file} was never deleted and must be indexed");
        } else if count == 0 && out.stderr.contains(&file) {
            vanished_named += 1;
        }
    }
    eprintln!("{vanished_named} vanished papers named on stderr (listed before they were deleted)");
    if out.code() == Some(1) {
        assert!(
            vanished_named > 0,
            "exit 1 but no vanished file named: {}",
            out.stderr
        );
    }
}

/// Writes `extra` beside `papers` composed papers into a fresh corpus, indexes
/// it, and returns the run with the temp dir (kept alive) and index path.
fn index_with(
    papers: usize,
    extra: impl FnOnce(&Path),
) -> (tempfile::TempDir, std::path::PathBuf, Outcome) {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    let index_dir = tmp.path().join("index");
    write_papers(&corpus, papers);
    extra(&corpus);
    let out = index(&[&corpus], &index_dir, &[], Duration::from_secs(300));
    (tmp, index_dir, out)
}

/// Files named like papers that are no regular files (a FIFO, `/dev/zero`
/// through a symlink) are listed but cannot be read as papers: the run
/// neither waits on them nor reads forever, nor passes over them in silence.
#[test]
fn special_files_named_like_papers_are_named_as_skipped() {
    let (_tmp, index_dir, out) = index_with(2, |corpus| {
        let made = Command::new("mkfifo")
            .arg(corpus.join("fifo.txt"))
            .status()
            .unwrap();
        assert!(made.success(), "mkfifo works");
        symlink("/dev/zero", corpus.join("zero.txt")).unwrap();
    });
    out.assert_code(1);
    assert_names_skipped(&out, "fifo.txt");
    assert_names_skipped(&out, "zero.txt");
    assert_found_once(&index_dir, &unique_token(1), "paper-00001.txt");
}

/// A skipped symlink is named by the link in the corpus, not by where it
/// points: `skipped corpus: symlink loop` reads as if the whole corpus was
/// skipped, and `skipped /proc/4242/mem` names no file the user has.
#[test]
fn skipped_symlinks_are_named_by_the_link() {
    let (_tmp, _index_dir, out) = index_with(1, |corpus| {
        fs::create_dir(corpus.join("cycle")).unwrap();
        symlink("..", corpus.join("cycle/up")).unwrap();
        // Readable by nobody, root included: reading it fails with EIO.
        symlink("/proc/self/mem", corpus.join("mem.txt")).unwrap();
    });
    out.assert_code(1);
    assert_names_skipped(&out, "cycle/up");
    assert_names_skipped(&out, "mem.txt");
}

/// A few invalid bytes in the middle of a UTF-8 paper (a damaged extraction)
/// must not lose the paper: it is indexed, its Cyrillic text intact.
#[test]
fn paper_with_invalid_utf8_in_the_middle_is_indexed() {
    let (_tmp, index_dir, out) = index_with(1, |corpus| {
        let mut bytes = paper_with_rare(100, "кумысоделие").into_bytes();
        let half = bytes.len() / 2;
        let at = (half..bytes.len()).find(|&i| bytes[i] == b' ').unwrap();
        bytes.splice(at..at, [0xFF, 0xFE, 0xC3, 0x28, 0x80, 0xED, 0xA0, 0x80]);
        fs::write(corpus.join("bad-utf8.txt"), bytes).unwrap();
    });
    out.assert_no_panic();
    assert_found_once(&index_dir, &unique_token(100), "bad-utf8.txt");
    assert_found_once(&index_dir, "кумысоделие", "bad-utf8.txt");
}

/// Regression: a soft hyphen (U+00AD) or a Unicode hyphen (U+2010) after a
/// word panicked the segmenter (a byte slice inside the two- or three-byte
/// character), and the panic took the whole `ushtil index` batch down.
#[test]
fn soft_hyphens_do_not_take_the_batch_down() {
    let (_tmp, index_dir, out) = index_with(3, |corpus| {
        let soft = compose_paper(109)
            .replace("мәселелері", "мәсе\u{ad}\nлелері")
            .replace("статистику", "статисти\u{2010}\nку")
            .replace("official", "offi\u{ad}cial");
        fs::write(corpus.join("soft-hyphen.txt"), soft).unwrap();
    });
    out.assert_code(0);
    for i in 0..3 {
        assert_found_once(&index_dir, &unique_token(i), &format!("paper-{i:05}.txt"));
    }
    assert_found_once(&index_dir, &unique_token(109), "soft-hyphen.txt");
}

/// Two papers whose names differ only in bytes that are not UTF-8 (as
/// unzipping a Windows-1251 archive leaves them) are two papers, not one.
#[test]
fn non_utf8_names_that_differ_only_in_bad_bytes_stay_two_papers() {
    let (_tmp, index_dir, out) = index_with(0, |corpus| {
        fs::write(
            corpus.join(OsStr::from_bytes(b"\xcf\xf0.txt")),
            compose_paper(300),
        )
        .unwrap();
        fs::write(
            corpus.join(OsStr::from_bytes(b"\xd0\xf1.txt")),
            compose_paper(301),
        )
        .unwrap();
    });
    out.assert_code(0);
    for i in [300, 301] {
        let answer = search_json(&index_dir, &unique_token(i), 10);
        assert_eq!(total(&answer), 1, "paper {i} is indexed: {answer}");
    }
    let all = search_json(&index_dir, COMMON, 10);
    assert_eq!(total(&all), 2, "two files, two papers: {all}");
}
