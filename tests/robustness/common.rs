//! Helpers for the robustness tests: run `ushtil` with a deadline, compose
//! trilingual papers that each carry a unique token, and query the index.

use std::ffi::OsStr;
use std::fmt::Write as _;
use std::io::Read;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::util::ushtil_bin;

/// A token every composed paper carries, so one search counts them all.
pub const COMMON: &str = "robustmark";

/// Whether the slow variants should run (`USHTIL_SLOW_TESTS=1`).
pub fn slow_tests() -> bool {
    std::env::var_os("USHTIL_SLOW_TESTS").is_some_and(|v| v != "0" && !v.is_empty())
}

/// What a finished `ushtil` run left behind.
pub struct Outcome {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
    pub command: String,
}

impl Outcome {
    pub fn code(&self) -> Option<i32> {
        self.status.code()
    }

    /// Fails the test if the run panicked or printed a stack trace: whatever
    /// the input, ushtil reports errors as messages.
    pub fn assert_no_panic(&self) {
        for marker in ["panicked at", "stack backtrace", "RUST_BACKTRACE"] {
            assert!(
                !self.stderr.contains(marker),
                "`{}` panicked ({marker}); stderr:\n{}",
                self.command,
                tail(&self.stderr)
            );
        }
        assert!(
            self.status.code().is_some(),
            "`{}` was killed by a signal ({:?}); stderr:\n{}",
            self.command,
            self.status,
            tail(&self.stderr)
        );
    }

    /// Fails unless the run exited with `code` (and did not panic).
    pub fn assert_code(&self, code: i32) {
        self.assert_no_panic();
        assert_eq!(
            self.code(),
            Some(code),
            "`{}` exit code; stderr:\n{}\nstdout:\n{}",
            self.command,
            tail(&self.stderr),
            tail(&self.stdout)
        );
    }
}

/// The last 4,000 bytes of `s`, for failure messages.
pub fn tail(s: &str) -> &str {
    let mut start = s.len().saturating_sub(4000);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// Starts `ushtil args…` with stdout and stderr piped, stdin closed.
pub fn spawn<S: AsRef<OsStr>>(args: &[S]) -> Child {
    Command::new(ushtil_bin())
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env_remove("RUST_BACKTRACE")
        .spawn()
        .expect("the ushtil binary starts")
}

/// Renders a command line for messages.
pub fn describe<S: AsRef<OsStr>>(args: &[S]) -> String {
    let mut s = String::from("ushtil");
    for a in args {
        let a = a.as_ref().to_string_lossy();
        match a.char_indices().nth(80) {
            Some((cut, _)) => {
                let _ = write!(s, " {}…[{} bytes]", &a[..cut], a.len());
            }
            None => {
                let _ = write!(s, " {a}");
            }
        }
    }
    s
}

/// Waits for `child` at most `deadline`, reading its output meanwhile; kills
/// it and fails the test if it runs longer (a hang is a bug too).
pub fn finish(mut child: Child, command: String, deadline: Duration) -> Outcome {
    let start = Instant::now();
    let mut out = child.stdout.take().expect("stdout is piped");
    let mut err = child.stderr.take().expect("stderr is piped");
    let out_reader = thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = out.read_to_end(&mut buf);
        buf
    });
    let err_reader = thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = err.read_to_end(&mut buf);
        buf
    });
    let status = loop {
        if let Some(status) = child.try_wait().expect("waiting on ushtil works") {
            break status;
        }
        if start.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            let stderr = err_reader.join().unwrap_or_default();
            panic!(
                "`{command}` did not finish within {deadline:?} (hung?); stderr:\n{}",
                tail(&String::from_utf8_lossy(&stderr))
            );
        }
        thread::sleep(Duration::from_millis(10));
    };
    let elapsed = start.elapsed();
    let stdout = String::from_utf8_lossy(&out_reader.join().unwrap_or_default()).into_owned();
    let stderr = String::from_utf8_lossy(&err_reader.join().unwrap_or_default()).into_owned();
    Outcome {
        status,
        stdout,
        stderr,
        elapsed,
        command,
    }
}

/// Runs `ushtil args…` to completion within `deadline`.
pub fn ushtil<S: AsRef<OsStr>>(args: &[S], deadline: Duration) -> Outcome {
    let child = spawn(args);
    finish(child, describe(args), deadline)
}

/// `ushtil index PATH… --index INDEX extra…`.
pub fn index<P: AsRef<Path>>(
    paths: &[P],
    index: &Path,
    extra: &[&str],
    deadline: Duration,
) -> Outcome {
    let mut args: Vec<&OsStr> = vec![OsStr::new("index")];
    args.extend(paths.iter().map(|p| p.as_ref().as_os_str()));
    args.push(OsStr::new("--index"));
    args.push(index.as_os_str());
    args.extend(extra.iter().map(OsStr::new));
    ushtil(&args, deadline)
}

/// `ushtil search QUERY --index INDEX --json --limit LIMIT`, run to completion.
pub fn search(index: &Path, query: &str, limit: usize) -> Outcome {
    let limit = limit.to_string();
    // The query after `--`: a query of `--` (a hostile one) would otherwise
    // end the options, and the options after it would be the query.
    let args: Vec<&OsStr> = vec![
        OsStr::new("search"),
        OsStr::new("--index"),
        index.as_os_str(),
        OsStr::new("--json"),
        OsStr::new("--limit"),
        OsStr::new(&limit),
        OsStr::new("--"),
        OsStr::new(query),
    ];
    ushtil(&args, Duration::from_secs(120))
}

/// Searches and parses the JSON answer, failing the test on any error.
pub fn search_json(index: &Path, query: &str, limit: usize) -> Value {
    let out = search(index, query, limit);
    out.assert_code(0);
    parse_json(&out)
}

/// Parses a run's stdout as JSON, failing with the output if it is not.
pub fn parse_json(out: &Outcome) -> Value {
    serde_json::from_str(out.stdout.trim()).unwrap_or_else(|e| {
        panic!(
            "`{}` printed no JSON ({e}); stdout:\n{}",
            out.command,
            tail(&out.stdout)
        )
    })
}

/// The `total` of a search answer.
pub fn total(answer: &Value) -> u64 {
    answer["total"]
        .as_u64()
        .unwrap_or_else(|| panic!("search answer has no numeric total: {answer}"))
}

/// The `hits` of a search answer.
pub fn hits(answer: &Value) -> &[Value] {
    answer["hits"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_else(|| panic!("search answer has no hits array: {answer}"))
}

/// A deterministic pseudo-random generator (SplitMix64), so every run of a
/// test makes the same corpus and the same kill points.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next_u64() as u8).collect()
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// A word no dictionary holds and no stemmer shortens, unique to `i`:
/// `ushq` and `i` spelled in consonants that are no English, Russian or
/// Kazakh suffix.
pub fn unique_token(i: usize) -> String {
    const LETTERS: &[u8] = b"bcdfghjkmnpqrtvwxz";
    let mut s = String::from("ushq");
    let mut n = i;
    loop {
        s.push(LETTERS[n % LETTERS.len()] as char);
        n /= LETTERS.len();
        if n == 0 {
            break;
        }
    }
    s.push_str("qz");
    s
}

const EN_TOPICS: &[&str] = &[
    "labour migration",
    "foreign investment",
    "regional trade",
    "higher education",
    "water resources",
    "public health",
    "energy policy",
    "rural development",
];
const RU_TOPICS: &[&str] = &[
    "трудовая миграция",
    "иностранные инвестиции",
    "региональная торговля",
    "высшее образование",
    "водные ресурсы",
    "общественное здоровье",
];
const KK_TOPICS: &[&str] = &[
    "еңбек көші-қоны",
    "шетелдік инвестициялар",
    "аймақтық сауда",
    "жоғары білім",
    "су ресурстары",
    "қоғамдық денсаулық",
];

/// A trilingual paper in the layout of the journals ushtil reads (English,
/// Kazakh and Russian title, abstract and keywords, then a body and
/// references). Its English body carries [`unique_token`]`(i)` and
/// [`COMMON`] once each, in one paragraph.
pub fn compose_paper(i: usize) -> String {
    let mut rng = Rng::new(i as u64 ^ 0x5EED);
    let en = rng.pick(EN_TOPICS);
    let ru = rng.pick(RU_TOPICS);
    let kk = rng.pick(KK_TOPICS);
    let token = unique_token(i);
    format!(
        "The role of {en} in Central Asia, study {i}\n\
         \n\
         The article examines {en} in Kazakhstan and its neighbours. The authors \n\
         analyse official statistics for the years 2000 to 2020.\n\
         Keywords: {en}, Kazakhstan, policy.\n\
         \n\
         Айгүл Серікова\n\
         Орталық Азиядағы {kk} мәселелері\n\
         \n\
         Мақалада Қазақстандағы {kk} мәселелері қарастырылады. Авторлар ресми \n\
         статистиканы талдайды.\n\
         Түйін сөздер: {kk}, Қазақстан, саясат.\n\
         \n\
         Айгуль Серикова\n\
         Роль явления «{ru}» в Центральной Азии\n\
         \n\
         В статье рассматривается {ru} в Казахстане и соседних странах. Авторы \n\
         анализируют официальную статистику.\n\
         Ключевые слова: {ru}, Казахстан, политика.\n\
         \n\
         Introduction\n\
         \n\
         The study of {en} in the region is marked here by the term {token} and \n\
         the corpus marker {COMMON}, which no other text uses.\n\
         \n\
         Conclusion\n\
         \n\
         Further work should compare the figures across the five republics of \n\
         the region and over a longer period.\n\
         \n\
         References\n\
         \n\
         1. Smith J. Migration in Central Asia. Almaty, 2015.\n"
    )
}

/// Writes `n` composed papers into `dir` as `paper-NNNN.txt`.
pub fn write_papers(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir).expect("the paper directory can be made");
    for i in 0..n {
        std::fs::write(dir.join(format!("paper-{i:05}.txt")), compose_paper(i))
            .expect("a paper can be written");
    }
}

/// Checks that the index at `index` holds each of papers `0..n` exactly once:
/// [`COMMON`] finds `n` distinct papers, each once, and `samples` unique
/// tokens (spread over the range) find exactly their paper.
pub fn assert_holds_each_once(index: &Path, n: usize, samples: usize) {
    let stats = ushtil_index::Index::open(index)
        .unwrap_or_else(|e| panic!("the index at {} opens: {e}", index.display()))
        .stats();
    assert_eq!(
        stats.papers, n as u64,
        "the index counts {n} papers: {stats:?}"
    );
    let answer = search_json(index, COMMON, n + 50);
    let found = hits(&answer);
    assert_eq!(
        total(&answer),
        n as u64,
        "the index should hold {n} papers with the common marker"
    );
    assert_eq!(found.len(), n, "every paper is listed once");
    let mut paths: Vec<&str> = found
        .iter()
        .map(|h| h["path"].as_str().expect("a hit has a path"))
        .collect();
    paths.sort_unstable();
    paths.dedup();
    assert_eq!(paths.len(), n, "no paper is listed twice under one path");
    for hit in found {
        let segments = hit["segments"].as_array().expect("a hit has segments");
        assert_eq!(
            segments.len(),
            1,
            "the marker is in one paragraph, so a paper indexed once has one matching segment: {hit}"
        );
    }
    let step = (n / samples.max(1)).max(1);
    for i in (0..n).step_by(step) {
        let answer = search_json(index, &unique_token(i), 10);
        assert_eq!(
            total(&answer),
            1,
            "paper {i}'s unique token finds one paper: {answer}"
        );
        let path = hits(&answer)[0]["path"].as_str().unwrap_or_default();
        assert!(
            path.ends_with(&format!("paper-{i:05}.txt")),
            "paper {i}'s token finds its own file, not {path}"
        );
    }
}

/// Whether this process runs as root (file permissions do not stop root).
pub fn running_as_root(probe_dir: &Path) -> bool {
    let probe = probe_dir.join(".uid-probe");
    std::fs::write(&probe, b"").expect("the temp dir is writable");
    let uid = std::fs::metadata(&probe).expect("the probe exists").uid();
    let _ = std::fs::remove_file(probe);
    uid == 0
}

/// A command that runs `ushtil` as the unprivileged user `nobody` (uid
/// 65534) through `setpriv` (util-linux), for permission tests when the
/// tests run as root, where permissions do not bite. `None`, with a notice,
/// when that cannot work here (no setpriv, or `nobody` cannot reach the
/// binary, as when the checkout sits in a folder only root may enter).
pub fn ushtil_as_nobody(what: &str) -> Option<Command> {
    let nobody = || {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]);
        c.arg(ushtil_bin());
        c
    };
    let works = nobody()
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !works {
        eprintln!(
            "notice: running as root and cannot run ushtil as nobody through setpriv: {what} is not tested here"
        );
        return None;
    }
    Some(nobody())
}
