//! `ushtil serve` against hostile requests: one request must never take the
//! server down for everyone else. (Its load test lives in `tests/serve.rs`.)

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use super::common::write_papers;

/// A running `ushtil serve`, killed when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `ushtil serve` on a free loopback port; its address comes from
/// the line it prints on stderr (`… at http://127.0.0.1:PORT/ …`).
fn serve(index_dir: &std::path::Path) -> Server {
    let mut child = Command::new(crate::util::ushtil_bin())
        .arg("serve")
        .arg("--index")
        .arg(index_dir)
        .args(["--addr", "127.0.0.1:0"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("ushtil serve starts");
    let stderr = child.stderr.take().expect("stderr is piped");
    let mut lines = BufReader::new(stderr).lines();
    let addr = loop {
        let line = lines
            .next()
            .expect("ushtil serve prints its address before anything else ends")
            .expect("stderr is text");
        if let Some(rest) = line.split("http://").nth(1) {
            break rest.split('/').next().unwrap_or_default().to_string();
        }
    };
    // Keep draining stderr so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Server { child, addr }
}

/// A GET over a plain socket: the status code, or `None` when the server
/// closed the connection without an answer.
fn get(addr: &str, path_and_query: &str) -> Option<u16> {
    let mut stream = TcpStream::connect(addr).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .ok()?;
    write!(
        stream,
        "GET {path_and_query} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).ok()?;
    answer.split_whitespace().nth(1)?.parse().ok()
}

/// Regression: `GET /api/search?q=` with 400 nested parentheses around an
/// indexed word overflowed a tokio worker's stack and aborted the server.
#[test]
fn one_deeply_nested_query_does_not_take_the_server_down() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    let index_dir = tmp.path().join("index");
    write_papers(&corpus, 3);
    super::common::index(&[&corpus], &index_dir, &[], Duration::from_secs(300)).assert_code(0);
    let mut server = serve(&index_dir);
    assert_eq!(get(&server.addr, "/api/search?q=Kazakhstan"), Some(200));
    for depth in [400, 4_000] {
        let query = format!("{}Kazakhstan{}", "%28".repeat(depth), "%29".repeat(depth));
        let status = get(&server.addr, &format!("/api/search?q={query}"));
        std::thread::sleep(Duration::from_millis(300)); // let an abort land
        let alive = server.child.try_wait().unwrap().is_none();
        assert!(
            alive,
            "depth {depth}: the server died ({:?}) on one request",
            server.child.try_wait().unwrap()
        );
        assert!(
            matches!(status, Some(200 | 400 | 414 | 431)),
            "depth {depth}: an answer or a client error, not {status:?}"
        );
    }
    assert_eq!(
        get(&server.addr, "/api/search?q=Kazakhstan"),
        Some(200),
        "the server still answers everyone else"
    );
}
