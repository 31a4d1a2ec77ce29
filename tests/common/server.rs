//! Receivers as real servers on loopback, for `tests/receivers.rs` and `tests/cli.rs`: started
//! on a port the system picks (`PORT=0`), which they report on a line of output.
#![allow(clippy::panic, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use webhook_echo::echo::endpoint::Endpoint;

pub struct Server {
    pub name: &'static str,
    child: Child,
    pub endpoint: Endpoint,
    /// Every line the server printed so far, standard output and error interleaved; notified
    /// at each new line.
    output: Arc<(Mutex<Vec<String>>, Condvar)>,
}

impl Server {
    pub fn lines(&self) -> Vec<String> {
        self.output.0.lock().map(|lines| lines.clone()).unwrap_or_default()
    }

    /// The lines printed so far once `done` accepts them, waiting at most `within` for the line
    /// that makes it so: a line still on its way through the pipe is waited for, not slept on.
    pub fn lines_once(&self, within: Duration, done: impl Fn(&[String]) -> bool) -> Vec<String> {
        let (lines, printed) = &*self.output;
        let lines = lines.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let (lines, _) = printed
            .wait_timeout_while(lines, within, |lines| !done(lines))
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        lines.clone()
    }
}

impl Drop for Server {
    /// Stops the server and whatever it started (a framework's workers): it leads its own
    /// process group.
    fn drop(&mut self) {
        let _ = Command::new("kill").arg("-KILL").arg("--").arg(format!("-{}", self.child.id())).status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Starts `program` with `env` set and `PORT=0`, and reads the address it reports ("listening
/// on http://127.0.0.1:<port>/…", or Flask's "Running on http://127.0.0.1:<port>"), so that no
/// port is chosen first and bound later by someone else.
pub fn start(name: &'static str, program: &Path, args: &[&str], cwd: &Path, env: &[(&str, &str)]) -> Server {
    assert!(
        program.exists() || !program.is_absolute(),
        "{name}: {} is missing; run make test-receivers",
        program.display()
    );
    let mut command = Command::new(program);
    command.args(args).current_dir(cwd).env("PORT", "0").stdout(Stdio::piped()).stderr(Stdio::piped());
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    for (key, value) in env {
        command.env(key, value);
    }
    let mut child = command.spawn().unwrap_or_else(|e| panic!("{name}: could not start {}: {e}", program.display()));
    let output = Arc::new((Mutex::new(Vec::new()), Condvar::new()));
    let (found, reported) = std::sync::mpsc::channel();
    for stream in [
        child.stdout.take().map(|s| Box::new(s) as Box<dyn std::io::Read + std::marker::Send>),
        child.stderr.take().map(|s| Box::new(s) as Box<dyn std::io::Read + std::marker::Send>),
    ]
    .into_iter()
    .flatten()
    {
        let found = found.clone();
        let output = Arc::clone(&output);
        // Reads the stream to its end, so that the server never blocks on a full pipe.
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if let Some(port) = reported_port(&line) {
                    let _ = found.send(port);
                }
                if let Ok(mut lines) = output.0.lock() {
                    lines.push(line);
                    output.1.notify_all();
                }
            }
        });
    }
    let port = reported
        .recv_timeout(Duration::from_secs(60))
        .unwrap_or_else(|_| panic!("{name} did not say where it listens within 60 s"));
    let address = SocketAddr::from(([127, 0, 0, 1], port));
    assert!(
        TcpStream::connect_timeout(&address, Duration::from_secs(5)).is_ok(),
        "{name} does not answer on {address}"
    );
    let endpoint = Endpoint::parse(&format!("http://127.0.0.1:{port}/webhooks/auth")).expect("endpoint");
    Server { name, child, endpoint, output }
}

/// A loopback port where nothing listens, and none can start to while this lives: the local end
/// of a connection this process holds open. A port bound, closed and handed on may be taken by
/// any process in between; a listener bound and never accepting is no better, the system still
/// completes the connection and the sender waits for an answer. This port has no listening
/// socket, so a connection is refused at once, and it is in use (without SO_REUSEADDR), so no
/// other process can bind it.
pub struct RefusingPort {
    pub port: u16,
    _ends: (TcpStream, TcpStream),
}

pub fn refusing_port() -> RefusingPort {
    let listener = TcpListener::bind(("127.0.0.1", 0)).expect("bind");
    let ours = TcpStream::connect(listener.local_addr().expect("address")).expect("connect");
    let (theirs, _) = listener.accept().expect("accept");
    let port = ours.local_addr().expect("address").port();
    let refused = TcpStream::connect(("127.0.0.1", port)).map(drop);
    assert!(
        matches!(&refused, Err(e) if e.kind() == std::io::ErrorKind::ConnectionRefused),
        "a connection to port {port} was not refused: {refused:?}"
    );
    RefusingPort { port, _ends: (ours, theirs) }
}

/// The port in a line such as "listening on http://127.0.0.1:41234/webhooks/auth".
pub fn reported_port(line: &str) -> Option<u16> {
    let (_, rest) = line.split_once("http://127.0.0.1:")?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok().filter(|port| *port != 0)
}

/// One row of `snippets/stacks.json`, as tooling outside the repository reads it.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct StackRow {
    pub id: String,
    pub dir: String,
    pub start: String,
    pub path: String,
    pub proven: bool,
}

/// Every row of `snippets/stacks.json`.
pub fn stack_rows() -> Vec<StackRow> {
    let text = std::fs::read_to_string(root().join("snippets/stacks.json")).expect("snippets/stacks.json");
    serde_json::from_str(&text).expect("snippets/stacks.json is an array of stacks")
}

/// Starts a stack's receiver as `snippets/stacks.json` says: its `start` in its `dir`, after
/// `make test-receivers`' set-up.
pub fn start_stack(row: &StackRow, secret: &str) -> Server {
    let name: &'static str = Box::leak(row.id.clone().into_boxed_str());
    // `start` reports the receiver at /webhooks/auth, the path every row serves.
    assert_eq!(row.path, "/webhooks/auth", "{}", row.id);
    start(
        name,
        Path::new("sh"),
        &["-c", &format!("exec {}", row.start)],
        &root().join(&row.dir),
        &[("COBINAR_WEBHOOK_SECRET", secret)],
    )
}

/// The first receiver of each of the first four languages (Express, Flask, net/http, axum), which
/// `tests/receivers.rs` also sends to with the page's HTTPie and fetch commands.
pub fn snippets(secret: &str) -> [Server; 4] {
    let rows = stack_rows();
    let row = |id: &str| rows.iter().find(|r| r.id == id).unwrap_or_else(|| panic!("no {id} in snippets/stacks.json"));
    [
        start_stack(row("node-express"), secret),
        start_stack(row("python-flask"), secret),
        start_stack(row("go-net-http"), secret),
        start_stack(row("rust-axum"), secret),
    ]
}
