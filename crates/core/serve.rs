//! `ushtil serve`: the search page and JSON API over an index, on loopback
//! by default.

use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, bail};
use ushtil_server::adapter::IndexBackend;

/// Serve the search page and the JSON API over an index.
///
/// The server binds to loopback (127.0.0.1) by default; a non-loopback
/// address is refused unless `--public` is given, because everyone who can
/// reach it can read the whole index. It keeps answering while `ushtil index`
/// updates the index and picks up each new commit by itself. Ctrl-C (or
/// SIGTERM) stops it after the requests in flight.
#[derive(clap::Args)]
pub struct Args {
    /// Index directory, built by `ushtil index`.
    #[arg(long, default_value = "index")]
    index: PathBuf,
    /// Address and port to listen on (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:7878")]
    addr: SocketAddr,
    /// Allow listening on a non-loopback address (exposes the index to the network).
    #[arg(long)]
    public: bool,
    /// Add the entries of a glossary TSV to the curated one, for the paper
    /// page's comparison and cross-language search; repeatable (as
    /// `ushtil compare --glossary`).
    #[arg(long, value_name = "FILE")]
    glossary: Vec<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if !args.addr.ip().is_loopback() && !args.public {
        bail!(
            "refusing to listen on {}: it is not a loopback address, so anyone who can reach it \
             could read the index; pass --public to allow it, or use --addr 127.0.0.1:PORT",
            args.addr
        );
    }
    let backend = IndexBackend::open_with_glossaries(&args.index, &args.glossary)?;
    let stats = backend.index().stats();
    let listener = TcpListener::bind(args.addr).with_context(|| {
        format!(
            "cannot listen on {}: is another server using the port? try --addr 127.0.0.1:0 for a free one",
            args.addr
        )
    })?;
    let local = listener
        .local_addr()
        .context("cannot read the address the server is bound to")?;
    if !local.ip().is_loopback() {
        eprintln!(
            "ushtil serve: WARNING: listening on {local}, reachable from the network (--public)"
        );
    }
    eprintln!(
        "ushtil serve: {} papers from {} at http://{local}/ (Ctrl-C stops)",
        stats.papers,
        args.index.display()
    );
    ushtil_server::serve_until_signal(listener, Arc::new(backend))
        .context("the server stopped with an error")?;
    eprintln!("ushtil serve: stopped");
    Ok(ExitCode::SUCCESS)
}
