//! `ushtil serve` end to end: the real binary on a free loopback port over an
//! index built by `ushtil index` from the reference article and a composed
//! hostile paper. JSON API shapes and errors, escaping, a bounded concurrent
//! load, picking up a new commit without restart, and a real headless
//! Chromium that searches, filters by language and opens a paper.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::OnceLock;
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::util::{repo_root, ushtil_bin};

const EVIL: &str = "<script>alert(1)</script>";

/// A paper composed for these tests: markup in its title, abstract, keywords
/// and body, and a word (`remittances`) the reference article lacks.
fn hostile_paper() -> String {
    format!(
        "Labour Export and Remittances {EVIL} in Central Asia\n\n\
         The article studies labour export from Kazakhstan {EVIL} and the remittances \
         migrants send home.\n\
         Keywords: labour export, remittances, migration.\n\n\
         Introduction\n\n\
         Remittances from labour migrants {EVIL} grew after 2010 across Central Asia and \
         changed the household economy of the region.\n"
    )
}

/// A short trilingual paper written for these tests (and the screenshots).
const TRILINGUAL: &str = "\
Еңбек көші-қоны және ақша аударымдары: Орталық Азия тәжірибесі

Мақалада Орталық Азиядан Ресейге еңбек көші-қоны және мигранттардың ақша аударымдары қарастырылады.
Түйін сөздер: еңбек көші-қоны, мигранттар, ақша аударымдары.

Трудовая миграция и денежные переводы: опыт Центральной Азии

В статье рассматривается трудовая миграция из Центральной Азии в Россию и денежные переводы мигрантов.
Ключевые слова: трудовая миграция, мигранты, денежные переводы.

Labour Migration and Remittances: the Central Asian Experience

The article considers labour migration from Central Asia to Russia and the remittances of migrants.
Keywords: labour migration, migrants, remittances.

Introduction

Labour migration from Central Asia to Russia grew after 2000. Migrants from Kazakhstan, Kyrgyzstan \
and Uzbekistan send remittances that make up a large share of household income.
";

/// A papers directory and an index built from it, in a temp dir.
struct Fixture {
    _dir: tempfile::TempDir,
    papers: PathBuf,
    index: PathBuf,
}

fn build_fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let papers = dir.path().join("papers");
    fs::create_dir(&papers).unwrap();
    fs::copy(
        repo_root().join("corpus/going-out-policy-migration.txt"),
        papers.join("going-out-policy-migration.txt"),
    )
    .unwrap();
    fs::write(papers.join("hostile.txt"), hostile_paper()).unwrap();
    fs::write(papers.join("remittances.txt"), TRILINGUAL).unwrap();
    let index = dir.path().join("index");
    index_papers(&papers, &index);
    Fixture {
        _dir: dir,
        papers,
        index,
    }
}

fn index_papers(papers: &Path, index: &Path) {
    let out = Command::new(ushtil_bin())
        .arg("index")
        .arg(papers)
        .arg("--index")
        .arg(index)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "ushtil index failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// One index shared by the read-only tests.
fn shared() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(build_fixture)
}

/// A running `ushtil serve`, killed when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
    /// The server's stderr, line by line.
    stderr: Receiver<String>,
}

impl Server {
    fn start(index: &Path) -> Server {
        let child = Command::new(ushtil_bin())
            .args(["serve", "--addr", "127.0.0.1:0", "--index"])
            .arg(index)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Owned by `server` from here: a failed wait below still kills it.
        let (tx, rx) = mpsc::channel();
        let mut server = Server {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            stderr: rx,
        };
        let stderr = server.child.stderr.take().unwrap();
        thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = server
                .stderr
                .recv_timeout(left)
                .expect("ushtil serve prints its address within 30 s");
            if let Some(url) = line.split_whitespace().find(|w| w.starts_with("http://")) {
                server.addr = url
                    .trim_start_matches("http://")
                    .trim_end_matches('/')
                    .parse()
                    .unwrap();
                return server;
            }
        }
    }

    fn get(&self, target: &str) -> Reply {
        http(self.addr, "GET", target)
    }

    fn json(&self, target: &str) -> (u16, Value) {
        let reply = self.get(target);
        assert!(
            reply.header("content-type").starts_with("application/json"),
            "{target}: {} {}",
            reply.status,
            reply.body
        );
        (reply.status, serde_json::from_str(&reply.body).unwrap())
    }

    fn url(&self, target: &str) -> String {
        format!("http://{}{target}", self.addr)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> &str {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }
}

/// A minimal HTTP/1.1 client (one request per connection) so the tests talk
/// to the server exactly as a browser or curl would.
fn http(addr: SocketAddr, method: &str, target: &str) -> Reply {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response has a header block");
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut lines = head.lines();
    let status = lines.next().unwrap().split_whitespace().nth(1).unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(n, v)| n.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked {
        body = dechunk(&body);
    }
    Reply {
        status: status.parse().unwrap(),
        headers,
        body: String::from_utf8(body).unwrap(),
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let end = data.windows(2).position(|w| w == b"\r\n").unwrap();
        let size = std::str::from_utf8(&data[..end]).unwrap();
        let size = usize::from_str_radix(size.split(';').next().unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[end + 2..end + 2 + size]);
        data = &data[end + 2 + size + 2..];
    }
}

/// Percent-encodes a query-string value.
fn enc(value: &str) -> String {
    value
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fn hits(json: &Value) -> &Vec<Value> {
    json["hits"].as_array().expect("results have a hits array")
}

fn paper_id_of(server: &Server, query: &str, path_end: &str) -> String {
    let (status, json) = server.json(&format!("/api/search?q={}", enc(query)));
    assert_eq!(status, 200, "{json}");
    hits(&json)
        .iter()
        .find(|h| h["path"].as_str().unwrap().ends_with(path_end))
        .unwrap_or_else(|| panic!("{query:?} finds {path_end}: {json}"))["paper"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn search_api_answers_in_the_issue_shape_with_filters() {
    let server = Server::start(&shared().index);
    let (status, json) = server.json("/api/search?q=labour&limit=5");
    assert_eq!(status, 200, "{json}");
    assert!(json["total"].as_u64().unwrap() >= 2, "{json}");
    let hit = &hits(&json)[0];
    for key in ["paper", "path", "title"] {
        assert!(hit[key].is_string(), "{key} in {hit}");
    }
    assert!(hit["score"].is_number());
    let segment = &hit["segments"][0];
    assert!(segment["kind"].is_string() && segment["lang"].is_string());
    assert!(
        segment["snippet"].as_str().unwrap().contains("<b>"),
        "{segment}"
    );
    assert!(json["facets"]["lang"].is_object(), "{json}");

    // A Russian keyword, the Kazakh one, and a Kazakh word typed on a Russian
    // keyboard (`кытай` for `Қытай`) all find the reference article.
    for query in ["мигранты", "мигранттар", "кытай"] {
        paper_id_of(&server, query, "going-out-policy-migration.txt");
    }

    let (_, json) = server.json(&format!("/api/search?q={}&lang=kk", enc("мигранттар")));
    assert!(!hits(&json).is_empty(), "{json}");
    for hit in hits(&json) {
        for segment in hit["segments"].as_array().unwrap() {
            assert_eq!(segment["lang"], "kk", "{segment}");
        }
    }
    let (_, json) = server.json("/api/search?q=remittances&section=keywords");
    for hit in hits(&json) {
        for segment in hit["segments"].as_array().unwrap() {
            assert_eq!(segment["kind"], "keywords", "{segment}");
        }
    }
    // `cross` adds the words' translations: the Russian `Китай` then finds
    // English text about China.
    let kitai = enc("Китай");
    let (_, plain) = server.json(&format!("/api/search?q={kitai}&lang=en"));
    assert_eq!(plain["total"], 0, "{plain}");
    let (_, cross) = server.json(&format!("/api/search?q={kitai}&lang=en&cross=true"));
    assert!(cross["total"].as_u64().unwrap() >= 1, "{cross}");
    // `any`: either word suffices.
    let (_, all) = server.json("/api/search?q=quokka+labour");
    assert_eq!(all["total"], 0, "{all}");
    let (_, any) = server.json("/api/search?q=quokka+labour&any=true");
    assert!(any["total"].as_u64().unwrap() >= 1, "{any}");
    // A word finds its relatives (the seed article writes `миграционный`,
    // never `миграция`), unless `exact`.
    let migration = enc("миграция");
    let seed = |json: &Value| {
        hits(json).iter().any(|h| {
            h["path"]
                .as_str()
                .unwrap()
                .ends_with("going-out-policy-migration.txt")
        })
    };
    let (_, related) = server.json(&format!("/api/search?q={migration}&lang=ru"));
    assert!(seed(&related), "{related}");
    let (_, exact) = server.json(&format!("/api/search?q={migration}&lang=ru&exact=true"));
    assert!(!seed(&exact), "{exact}");
    assert!(exact["total"].as_u64().unwrap() < related["total"].as_u64().unwrap());

    let (_, page1) = server.json("/api/search?q=labour&limit=1");
    let (_, page2) = server.json("/api/search?q=labour&limit=1&offset=1");
    assert_eq!(hits(&page1).len(), 1);
    assert_eq!(hits(&page2).len(), 1);
    assert_ne!(hits(&page1)[0]["paper"], hits(&page2)[0]["paper"]);
}

#[test]
fn paper_and_health_api_answer_and_unknown_ids_get_404() {
    let server = Server::start(&shared().index);
    let id = paper_id_of(&server, "мигранты", "going-out-policy-migration.txt");
    let (status, json) = server.json(&format!("/api/papers/{id}"));
    assert_eq!(status, 200, "{json}");
    assert_eq!(json["id"], id.as_str());
    let abstracts = json["paper"]["abstracts"].as_array().unwrap();
    let langs: Vec<&str> = abstracts
        .iter()
        .map(|a| a["lang"].as_str().unwrap())
        .collect();
    for lang in ["kk", "ru", "en"] {
        assert!(langs.contains(&lang), "{lang} abstract in {langs:?}");
    }
    let (status, json) = server.json("/api/health");
    assert_eq!(status, 200);
    assert_eq!(json["status"], "ok");
    assert_eq!(json["papers"], 3, "{json}");

    let (status, json) = server.json("/api/papers/000000000000");
    assert_eq!(status, 404, "{json}");
    assert!(json["error"].as_str().unwrap().contains("000000000000"));
}

#[test]
fn malformed_requests_get_json_errors_with_fitting_statuses() {
    let server = Server::start(&shared().index);
    let long_query = enc(&"қ".repeat(1_001));
    let huge_uri = format!("/api/search?q={}", "x".repeat(20_000));
    // With an operator, so the brackets are the language's (in pasted
    // text, brackets without their pair are punctuation).
    let nested = |depth: usize| {
        format!(
            "/api/search?q={}labour%20OR%20export{}",
            "%28".repeat(depth),
            "%29".repeat(depth)
        )
    };
    let (deepest_ok, too_deep) = (nested(32), nested(33));
    for (target, status) in [
        ("/api/search", 400),
        ("/api/search?q=%22unclosed", 400),
        ("/api/search?q=(labour%20OR", 400),
        ("/api/search?q=labour&lang=de", 400),
        ("/api/search?q=labour&section=intro", 400),
        ("/api/search?q=labour&limit=101", 400),
        ("/api/search?q=labour&offset=x", 400),
        ("/api/search?q=labour&limit=%FF", 400),
        (&format!("/api/search?q={long_query}"), 400),
        (&huge_uri, 414),
        (&deepest_ok, 200),
        (&too_deep, 400),
        ("/api/papers/..%2F..%2Fetc%2Fpasswd", 400),
        ("/api/papers/%00", 400),
        ("/api/nothing", 404),
    ] {
        let (got, json) = server.json(target);
        assert_eq!(got, status, "{target}: {json}");
        if status == 200 {
            continue;
        }
        let message = json["error"].as_str().expect("an error message");
        assert!(
            !message.is_empty() && !message.contains("panicked"),
            "{message}"
        );
    }
    // Odd bytes and Unicode in the query: an answer or a clear 400, never a 5xx.
    for q in [
        "%FF%FE%00",
        "%E2%80%AE%D2%9B",
        "a%00b",
        "%22%22%22",
        "*",
        "-",
        "AND",
        "OR%20OR",
        "%F0%9F%98%80",
        "%CC%81%CC%81%CC%81",
    ] {
        let (got, json) = server.json(&format!("/api/search?q={q}"));
        assert!(got == 200 || got == 400, "q={q}: {got} {json}");
    }
    // A request that is not HTTP gets hyper's 400, and the server lives on.
    let mut stream = TcpStream::connect(server.addr).unwrap();
    stream.write_all(b"\x00\xFFGARBAGE\r\n\r\n").unwrap();
    let mut reply = Vec::new();
    let _ = stream.read_to_end(&mut reply);
    let reply = String::from_utf8_lossy(&reply);
    assert!(
        reply.is_empty() || reply.starts_with("HTTP/1.1 400"),
        "{reply}"
    );
    assert_eq!(server.get("/api/health").status, 200);

    // Dot segments never reach a file: no route matches them.
    let reply = server.get("/api/papers/../../../../etc/passwd");
    assert!(
        reply.status == 404 || reply.status == 400,
        "{}",
        reply.status
    );
    assert!(!reply.body.contains("root:"));
    let reply = server.get("/static/../../Cargo.toml");
    assert_eq!(reply.status, 404);
    // A body larger than the limit gets 413 before anything reads it.
    let mut stream = TcpStream::connect(server.addr).unwrap();
    write!(
        stream,
        "POST /api/search?q=x HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reply = String::new();
    let _ = stream.read_to_string(&mut reply);
    assert!(reply.starts_with("HTTP/1.1 413"), "{reply}");
}

#[test]
fn paper_text_is_escaped_everywhere() {
    let server = Server::start(&shared().index);
    let (_, json) = server.json("/api/search?q=remittances");
    let snippets: Vec<&str> = hits(&json)
        .iter()
        .flat_map(|h| h["segments"].as_array().unwrap())
        .map(|s| s["snippet"].as_str().unwrap())
        .collect();
    assert!(
        snippets.iter().any(|s| s.contains("&lt;script&gt;")),
        "{snippets:?}"
    );
    assert!(
        snippets.iter().all(|s| !s.contains("<script")),
        "{snippets:?}"
    );

    let id = paper_id_of(&server, "remittances", "hostile.txt");
    for target in [
        "/?q=remittances".to_string(),
        format!("/?q={}", enc(EVIL)),
        format!("/paper/{id}"),
    ] {
        let reply = server.get(&target);
        // The raw markup as a query is malformed for the parser (parentheses):
        // a 400 page, which still shows the query, escaped.
        assert!(reply.status == 200 || reply.status == 400, "{target}");
        assert!(!reply.body.contains(EVIL), "{target} lets markup through");
        assert!(reply.body.contains("&lt;script&gt;"), "{target}");
        assert!(
            reply
                .header("content-security-policy")
                .contains("script-src 'self'"),
            "{target}"
        );
    }
}

#[test]
fn a_bounded_concurrent_load_gets_no_error_responses() {
    let server = Server::start(&shared().index);
    let id = paper_id_of(&server, "мигранты", "going-out-policy-migration.txt");
    let targets = [
        "/api/search?q=labour".to_string(),
        format!("/api/search?q={}&lang=ru", enc("мигранты")),
        format!("/api/papers/{id}"),
        "/api/health".to_string(),
        "/?q=migration".to_string(),
        format!("/paper/{id}"),
    ];
    let started = Instant::now();
    let (tasks, per_task) = (8, 50);
    let failures: Vec<String> = thread::scope(|scope| {
        let handles: Vec<_> = (0..tasks)
            .map(|t| {
                let (targets, addr) = (&targets, server.addr);
                scope.spawn(move || {
                    (0..per_task)
                        .filter_map(|i| {
                            let target = &targets[(t + i) % targets.len()];
                            let reply = http(addr, "GET", target);
                            (reply.status != 200).then(|| format!("{target}: {}", reply.status))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "serve load: {} requests from {tasks} threads in {seconds:.2} s ({:.0} req/s, {} build)",
        tasks * per_task,
        (tasks * per_task) as f64 / seconds,
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );
    assert!(failures.is_empty(), "error responses: {failures:?}");
}

#[test]
fn a_new_commit_is_served_without_restart() {
    let fixture = build_fixture();
    let server = Server::start(&fixture.index);
    let (_, before) = server.json("/api/search?q=quokka");
    assert_eq!(before["total"], 0, "{before}");
    fs::write(
        fixture.papers.join("new.txt"),
        "Quokka Migration Patterns\n\nThe article studies quokka migration in Kazakhstan.\n\n\
         Introduction\n\nQuokka colonies moved north.\n",
    )
    .unwrap();
    // Searches keep answering while the index is written.
    thread::scope(|scope| {
        let indexing = scope.spawn(|| index_papers(&fixture.papers, &fixture.index));
        while !indexing.is_finished() {
            assert_eq!(server.get("/api/search?q=labour").status, 200);
        }
        indexing.join().unwrap();
    });
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let (status, json) = server.json("/api/search?q=quokka");
        assert_eq!(status, 200);
        if json["total"] == 1 {
            break;
        }
        assert!(Instant::now() < deadline, "new paper not served: {json}");
        thread::sleep(Duration::from_millis(100));
    }
    let (_, health) = server.json("/api/health");
    assert_eq!(health["papers"], 4, "{health}");
}

#[test]
fn serve_refuses_a_public_address_and_a_missing_index() {
    let out = crate::util::run(
        &["serve", "--addr", "0.0.0.0:0", "--index", "no-such-index"],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--public"), "{stderr}");

    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("index");
    let out = crate::util::run(
        &[
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--index",
            missing.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("ushtil index"), "{stderr}");

    let index = shared().index.to_str().unwrap();
    let out = crate::util::run(
        &[
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--index",
            index,
            "--glossary",
            "no-such.tsv",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no-such.tsv"), "{stderr}");
}

#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let mut server = Server::start(&shared().index);
    assert_eq!(server.get("/api/health").status, 200);
    let pid = server.child.id().to_string();
    let sent = Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(sent.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "ushtil serve ignored SIGINT");
        thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0));
    // The reader thread may still be passing on the last lines.
    let said: Vec<String> =
        std::iter::from_fn(|| server.stderr.recv_timeout(Duration::from_secs(5)).ok()).collect();
    assert!(said.iter().any(|l| l.contains("stopped")), "{said:?}");
}

// ---------------------------------------------------------------------------
// A real browser: Debian's `chromium`, driven over the DevTools protocol on
// `--remote-debugging-pipe` (fd 3 in, fd 4 out, NUL-separated JSON).

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            let ok = Command::new(name)
                .arg("--version")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
            ok.then(|| PathBuf::from(name))
        })
}

/// The flags every headless run uses (no network, a fresh profile).
fn chromium_flags(profile: &Path) -> Vec<String> {
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([format!("--user-data-dir={}", profile.display())])
    .collect()
}

struct Browser {
    child: Child,
    input: ChildStdin,
    messages: Receiver<Value>,
    next_id: u64,
    session: String,
    /// Dialogs (`alert`) the page opened: must stay empty.
    dialogs: Vec<Value>,
    /// Every URL the pages requested.
    requests: Vec<String>,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn launch(binary: &Path) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        // bash maps our pipes onto the fds chromium expects (3 and 4).
        let mut child = Command::new("bash")
            .arg("-c")
            .arg(r#"exec "$0" "$@" 3<&0 4>&1 0</dev/null 1>&2"#)
            .arg(binary)
            .args(chromium_flags(profile.path()))
            .args([
                "--remote-debugging-pipe",
                "--window-size=1280,900",
                "about:blank",
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let input = child.stdin.take().unwrap();
        let output = child.stdout.take().unwrap();
        let (tx, messages) = mpsc::channel();
        thread::spawn(move || {
            let mut reader = BufReader::new(output);
            let mut buf = Vec::new();
            while reader.read_until(0, &mut buf).is_ok_and(|n| n > 0) {
                if buf.last() == Some(&0) {
                    buf.pop();
                }
                if let Ok(message) = serde_json::from_slice::<Value>(&buf)
                    && tx.send(message).is_err()
                {
                    return;
                }
                buf.clear();
            }
        });
        let mut browser = Browser {
            child,
            input,
            messages,
            next_id: 0,
            session: String::new(),
            dialogs: Vec::new(),
            requests: Vec::new(),
            _profile: profile,
        };
        let target = browser.call("Target.createTarget", json!({"url": "about:blank"}));
        let target_id = target["targetId"].as_str().unwrap().to_string();
        let attached = browser.call(
            "Target.attachToTarget",
            json!({"targetId": target_id, "flatten": true}),
        );
        browser.session = attached["sessionId"].as_str().unwrap().to_string();
        browser.call("Page.enable", json!({}));
        browser.call("Runtime.enable", json!({}));
        browser.call("Network.enable", json!({}));
        browser
    }

    /// Sends a command and waits for its answer (30 s at most).
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.try_call(method, params)
            .unwrap_or_else(|error| panic!("{method}: {error}"))
    }

    /// Sends a command and waits for its answer (30 s at most): its result,
    /// or the error chromium answered with.
    fn try_call(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({"id": id, "method": method, "params": params});
        if !self.session.is_empty() {
            message["sessionId"] = json!(self.session);
        }
        let mut bytes = serde_json::to_vec(&message).unwrap();
        bytes.push(0);
        self.input.write_all(&bytes).unwrap();
        self.input.flush().unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let reply = self
                .messages
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("chromium answers {method} within 30 s"));
            if reply["method"] == "Page.javascriptDialogOpening" {
                self.dialogs.push(reply.clone());
            }
            if reply["method"] == "Network.requestWillBeSent"
                && let Some(url) = reply["params"]["request"]["url"].as_str()
            {
                self.requests.push(url.to_string());
            }
            if reply["id"] == id {
                return match reply.get("error") {
                    Some(error) if !error.is_null() => Err(error.clone()),
                    _ => Ok(reply["result"].clone()),
                };
            }
        }
    }

    /// Evaluates a JavaScript expression in the page and returns its value.
    fn eval(&mut self, expression: &str) -> Value {
        let result = self.call(
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true, "awaitPromise": true}),
        );
        assert!(
            result["exceptionDetails"].is_null(),
            "{expression}: {result}"
        );
        result["result"]["value"].clone()
    }

    /// Polls `condition` until it is true (10 s at most). A poll that meets
    /// the page between two documents gets an error from chromium instead of
    /// an answer (the execution context was destroyed, or the target
    /// navigated): a click or Enter that navigates leaves that moment open to
    /// any poll, so it counts as "not yet", and the last such error is
    /// reported if the wait times out.
    fn wait_for(&mut self, condition: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        let check = format!("document.readyState === 'complete' && !!({condition})");
        let mut last_error = Value::Null;
        loop {
            let answer = self.try_call(
                "Runtime.evaluate",
                json!({"expression": check, "returnByValue": true}),
            );
            match answer {
                Ok(result) => {
                    assert!(
                        result["exceptionDetails"].is_null(),
                        "{condition}: {result}"
                    );
                    if result["result"]["value"] == json!(true) {
                        return;
                    }
                }
                Err(error) => last_error = error,
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {condition} (last error: {last_error})"
            );
            thread::sleep(Duration::from_millis(50));
        }
    }

    fn navigate(&mut self, url: &str) {
        self.call("Page.navigate", json!({"url": url}));
        self.wait_for(&format!("location.href === {}", json!(url)));
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Renders `url` to a PNG with chromium's own `--screenshot`.
fn screenshot(binary: &Path, url: &str, file: &Path, height: u32) {
    let profile = tempfile::tempdir().unwrap();
    let status = Command::new(binary)
        .args(chromium_flags(profile.path()))
        .arg(format!("--screenshot={}", file.display()))
        .arg(format!("--window-size=1280,{height}"))
        .arg(url)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "chromium --screenshot {url}");
    assert!(
        fs::metadata(file).unwrap().len() > 10_000,
        "{} is blank",
        file.display()
    );
}

#[test]
fn a_real_browser_searches_filters_and_opens_a_paper() {
    let Some(binary) = chromium() else {
        eprintln!(
            "serve: chromium not found; skipping the browser test (apt-get install chromium)"
        );
        return;
    };
    let server = Server::start(&shared().index);
    let mut browser = Browser::launch(&binary);

    // Type a query into the search box and press Enter.
    browser.navigate(&server.url("/"));
    browser.eval("document.getElementById('q').focus()");
    // A Kazakh word typed on a Russian keyboard: `кытай` for `Қытай`.
    browser.call("Input.insertText", json!({"text": "кытай"}));
    for kind in ["keyDown", "keyUp"] {
        browser.call(
            "Input.dispatchKeyEvent",
            json!({"type": kind, "key": "Enter", "code": "Enter",
                   "windowsVirtualKeyCode": 13, "text": "\r"}),
        );
    }
    browser.wait_for("location.search.includes('q=')");
    let summary = browser.eval("document.getElementById('summary').textContent");
    assert!(
        summary.as_str().unwrap().contains("match"),
        "summary: {summary}"
    );
    assert_eq!(
        browser.eval("document.getElementById('q').value"),
        json!("кытай")
    );
    let hits = browser.eval("document.querySelectorAll('li.hit').length");
    assert!(hits.as_u64().unwrap() >= 1, "no hits shown");

    // Filter by Kazakh: every shown segment is Kazakh.
    browser.eval("document.querySelector('a.facet[data-value=\"kk\"]').click()");
    browser.wait_for("new URLSearchParams(location.search).get('lang') === 'kk'");
    let current = browser.eval(
        "document.querySelector('a.facet[aria-current=\"page\"][data-value=\"kk\"]') !== null",
    );
    assert_eq!(current, json!(true), "the kk filter is marked current");
    let langs =
        browser.eval("[...document.querySelectorAll('.segments p.snippet')].map(p => p.lang)");
    let langs = langs.as_array().unwrap();
    assert!(!langs.is_empty());
    assert!(langs.iter().all(|l| l == "kk"), "{langs:?}");
    let marked = browser.eval("document.querySelectorAll('.segments mark').length");
    assert!(marked.as_u64().unwrap() >= 1, "matches are highlighted");

    // Open the paper: the three abstracts side by side, in their languages.
    browser.eval("document.querySelector('a.paper-link').click()");
    browser.wait_for("location.pathname.startsWith('/paper/')");
    let abstracts = browser
        .eval("[...document.querySelectorAll('#abstracts .column p[lang]')].map(p => p.lang)");
    for lang in ["kk", "ru", "en"] {
        assert!(
            abstracts.as_array().unwrap().contains(&json!(lang)),
            "{lang} abstract shown: {abstracts}"
        );
    }
    let text = browser.eval("document.body.innerText");
    let text = text.as_str().unwrap();
    for needle in ["Abstracts", "Keywords", "Қытай", "Китай"] {
        assert!(text.contains(needle), "paper page shows {needle:?}");
    }
    let back = browser.eval("document.querySelector('p.back a').getAttribute('href')");
    assert!(
        back.as_str().unwrap().contains("q="),
        "back link keeps the query"
    );

    // The hostile paper: its markup shows as text and runs nothing.
    let hostile = paper_id_of(&server, "remittances", "hostile.txt");
    browser.navigate(&server.url(&format!("/paper/{hostile}")));
    let h1 = browser.eval("document.querySelector('h1').textContent");
    assert!(
        h1.as_str().unwrap().contains(EVIL),
        "title shows the markup as text: {h1}"
    );
    let scripts = browser.eval("[...document.scripts].map(s => s.src)");
    assert_eq!(
        scripts.as_array().unwrap().len(),
        1,
        "only app.js: {scripts}"
    );
    // Everything the pages needed came from the server itself: no CDN, no
    // network.
    let own = server.url("/");
    assert!(
        browser
            .requests
            .iter()
            .any(|u| u.ends_with("/static/app.js"))
    );
    assert!(
        browser
            .requests
            .iter()
            .any(|u| u.ends_with("/static/style.css"))
    );
    let foreign: Vec<&String> = browser
        .requests
        .iter()
        .filter(|u| !u.starts_with(&own))
        .collect();
    assert!(foreign.is_empty(), "requests elsewhere: {foreign:?}");
    assert!(
        browser.dialogs.is_empty(),
        "a dialog opened: {:?}",
        browser.dialogs
    );

    // Screenshots for the docs: rewritten with UPDATE_SCREENSHOTS=1.
    let shots = tempfile::tempdir().unwrap();
    let id = paper_id_of(&server, "мигранты", "going-out-policy-migration.txt");
    let pages = [
        (
            "search.png",
            server.url("/?q=%D0%BC%D0%B8%D0%B3%D1%80%D0%B0%D0%BD%D1%82%D1%8B"),
            900,
        ),
        (
            "paper.png",
            server.url(&format!("/paper/{id}?q=migration")),
            1500,
        ),
    ];
    for (name, url, height) in pages {
        let file = shots.path().join(name);
        screenshot(&binary, &url, &file, height);
        if std::env::var_os("UPDATE_SCREENSHOTS").is_some() {
            fs::copy(&file, repo_root().join("docs").join(name)).unwrap();
        }
    }
}
