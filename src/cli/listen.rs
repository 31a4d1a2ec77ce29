//! `webhook-echo listen`: a local endpoint that captures deliveries byte for byte, verifies each
//! as the page does, prints a link that opens it in the page, and may forward it.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::net::{IpAddr, Ipv4Addr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use webhook_echo::diagnose::diagnosis;
use webhook_echo::echo::contract::Answer;
use webhook_echo::echo::endpoint::{is_local, without_credentials, Endpoint};
use webhook_echo::echo::replay::{self, case_of_capture, HOP_BY_HOP};
use webhook_echo::echo::retry::TIMEOUT_MILLIS;
use webhook_echo::protocol::headers::{EVENT, EVENT_ID, SIGNATURE};
use webhook_echo::protocol::limits::{MAX_FIXTURE_BYTES, MAX_HEADERS_BYTES, MAX_HEADER_LINES, MAX_REQUEST_LINE_BYTES};
use webhook_echo::protocol::text::{measured, seconds};
use webhook_echo::share::fixture::{Fixture, SecretChoice, Work};
use webhook_echo::share::fixture_link;
use webhook_echo::share::sender_verdict::SenderVerdict;
use webhook_echo::stacks::Choice;
use webhook_echo::verify::header_checks::CheckStatus;
use webhook_echo::verify::received_headers;
use webhook_echo::verify::timestamp::format_utc_millis;
use webhook_echo::verify::verification::{self, ReceivedDelivery, Verdict, Wording};

use super::fixtures;
use super::http::Client;
use super::http_server::{self, BodyError, Connection, Framing, Head, HeadError, Refusal, Response};
use super::secret::SecretArgs;
use super::term::{cut, say, sentence, value, Paint};

/// The port listened on unless `--port` says otherwise: not the receiver snippets' and the Echo
/// tab's 3000 (`DEFAULT_ENDPOINT`), which is where the receiver listen forwards to runs.
pub const DEFAULT_PORT: u16 = 3001;

/// Requests handled at once (reading a body, analysed, forwarded); one more is answered 503.
/// What each holds in memory is bounded: a body past `SPOOL_ABOVE` waits in a file.
const MAX_AT_ONCE: usize = 64;
/// Requests one peer (an IP address) may have at once: half, so that a sender that stalls its
/// bodies cannot take every slot, and `check`'s and `replay`'s 24 at once fit.
const PEER_AT_ONCE: usize = MAX_AT_ONCE / 2;
/// Connections open at once (reading a head, handling a request, or answering a refusal); one
/// more is answered 503 at once, unread.
const MAX_CONNECTIONS: usize = 128;
/// Connections one peer may have open at once.
const PEER_CONNECTIONS: usize = MAX_CONNECTIONS / 2;
/// How long a body may take to arrive once the headers have: Cobinar's own timeout.
const BODY_DEADLINE: Duration = Duration::from_millis(TIMEOUT_MILLIS);
/// How long the request line and headers may take to arrive once connected.
const HEAD_DEADLINE: Duration = BODY_DEADLINE;
/// How long a sender answered 408 still has its late bytes read, its slot already given back,
/// before the connection is closed: enough for the answer to arrive ahead of the close.
const AFTER_408: Duration = Duration::from_millis(500);
/// How much of the request target the link's note quotes (the page reads notes up to 2,000
/// characters).
const NOTE_TARGET_CHARS: usize = 300;

/// The headers that describe one hop, as lower-case names: `HOP_BY_HOP` and the names the
/// `connection` headers list (RFC 9110 §7.6.1). Gathered once per request, so that a request of
/// thousands of headers costs one pass, not one per header.
fn hop_by_hop(headers: &[(String, String)]) -> HashSet<String> {
    let listed = headers
        .iter()
        .filter(|(name, _)| name.eq_ignore_ascii_case("connection"))
        .flat_map(|(_, tokens)| tokens.split(',').map(|token| token.trim().to_ascii_lowercase()));
    HOP_BY_HOP.iter().map(|name| name.to_string()).chain(listed).collect()
}

/// How much of an event or event id the request's line shows: Cobinar's are under 40 characters.
const LINE_VALUE_CHARS: usize = 64;

/// An event or event id as the request's line shows it: cut, its hidden characters as tokens,
/// and in quotes when it holds a space, so that a value cannot pass for the line's own fields
/// (`otp.verified evt_7 57 bytes valid`, then spaces that push the real verdict off the screen).
fn field_in_line(raw: &str) -> String {
    let shown = value(&cut(raw, LINE_VALUE_CHARS));
    if shown.chars().any(|c| c.is_whitespace() || c == '"') {
        format!("\"{}\"", shown.replace('"', "\\\""))
    } else {
        shown
    }
}

/// Deliveries analysed at once (verified, causes searched, a link made): each can take hundreds
/// of megabytes for a 16 MiB body of tiny JSON values, so one at a time.
static ANALYSIS: Mutex<()> = Mutex::new(());
/// Bodies read back from their spool file at once (`spool.rs`): one, held from reading back to
/// the end of its forward, so that bodies past `SPOOL_ABOVE` never sit in memory side by side.
static READ_BACK: Mutex<()> = Mutex::new(());
/// The largest body whose causes are searched: the search rewrites the body a dozen ways, and a
/// delivery from Cobinar is under a kilobyte.
const CAUSES_UP_TO_BYTES: usize = 1024 * 1024;

/// Receive deliveries on a local port: each is captured byte for byte, verified (verdict,
/// header checks, named causes) and printed with a link that opens it in the page, the secret
/// left out. With --forward-to, the exact request goes on to your receiver and its answer comes
/// back.
#[derive(Debug, clap::Args)]
#[command(after_help = "Without --forward-to it answers 200 to a valid delivery (or to any, with no secret) and 401
otherwise. Point Cobinar's test deliveries, `webhook-echo send`, or a tunnel at it.

With --save DIR, each request is also written to DIR as a fixture file (<event>-<id>.json): a delivery
valid under the secret as one a receiver must accept, any other as one it must reject.

It listens on port 3001, beside the receiver snippets' 3000, so that it can sit in front of your
receiver with --forward-to. At start it prints the `webhook-echo send` command that posts a signed
test delivery to it.

Examples:
  webhook-echo listen --forward-to http://localhost:3000/webhooks/auth
  webhook-echo listen --save fixtures/")]
pub struct ListenArgs {
    /// The port to listen on; 0 lets the system choose (the address is printed)
    #[arg(long, default_value_t = DEFAULT_PORT)]
    pub port: u16,
    /// The address to bind; loopback unless you say otherwise
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub host: IpAddr,
    #[command(flatten)]
    pub secret: SecretArgs,
    /// Forward each request, byte for byte, to this URL and relay its answer
    #[arg(long, value_name = "URL")]
    pub forward_to: Option<String>,
    /// The page that the printed links open
    #[arg(long, value_name = "URL", default_value = "http://127.0.0.1:8080/")]
    pub page: String,
    /// Forward to a host that is not loopback or a private address without asking
    #[arg(long)]
    pub yes: bool,
    /// Also write every request captured into DIR as a fixture file (made if missing)
    #[arg(long, value_name = "DIR")]
    pub save: Option<PathBuf>,
    #[command(flatten)]
    pub stack: super::StackArg,
}

pub fn run(args: &ListenArgs) -> Result<ExitCode, String> {
    let forward = match &args.forward_to {
        Some(url) => Some(super::endpoint_to_send_to(url, args.yes).map_err(|e| format!("--forward-to: {e}"))?),
        None => None,
    };
    let secret = args.secret.read(false)?;
    if let Some(dir) = &args.save {
        fixtures::library_dir(dir)?;
    }
    let server = TcpListener::bind((args.host, args.port)).map_err(|e| {
        format!("Cannot listen on {}:{}: {e}. Choose another --port, or 0 for any.", args.host, args.port)
    })?;
    let port = server.local_addr().map_or(args.port, |a| a.port());
    let shown_host = match args.host {
        IpAddr::V6(v6) => format!("[{v6}]"),
        IpAddr::V4(v4) => v4.to_string(),
    };
    let paint = Paint::stdout();
    say!("listening on http://{shown_host}:{port}/ (any path)");
    if !args.host.is_loopback() {
        say!("{}", paint.warn("  bound to a non-loopback address: other machines can post to it"));
    }
    match &forward {
        Some(endpoint) => say!("  forwarding each request to {}", without_credentials(&endpoint.url)),
        None => say!("  answering 200 to a valid delivery, 401 otherwise"),
    }
    if secret.is_none() {
        say!("{}", paint.warn("  no secret (COBINAR_WEBHOOK_SECRET, --secret-env or --secret-file): deliveries are captured, not verified"));
    }
    if let Some(dir) = &args.save {
        say!("  saving each request as a fixture in {}", dir.display());
    }
    say!("  to send a signed test delivery: {}", send_command(args.host, port, &args.secret));
    let client = forward.as_ref().map(|endpoint| Client::new(!is_local(endpoint)));
    let listener = Listener {
        secret,
        forward,
        client,
        page: &args.page,
        paint,
        stack: args.stack.choice(),
        save: args.save.as_deref(),
    };
    let requests = Slots::new("requests in progress", MAX_AT_ONCE, PEER_AT_ONCE);
    let connections = Slots::new("connections open", MAX_CONNECTIONS, PEER_CONNECTIONS);
    // Each connection on its own thread, so that one slow sender never holds up the next
    // delivery; at most `MAX_CONNECTIONS` of them, `PEER_CONNECTIONS` from one address.
    std::thread::scope(|scope| {
        for stream in server.incoming() {
            let Ok(stream) = stream else {
                // Out of file descriptors, or a connection reset before it was taken: not a
                // reason to stop, nor to spin.
                std::thread::sleep(Duration::from_millis(50));
                continue;
            };
            // Gone already: nothing to answer.
            let Ok(peer) = stream.peer_addr().map(|a| peer_of(a.ip())) else { continue };
            let connection = match connections.take(peer) {
                Ok(slot) => slot,
                Err(full) => {
                    say!("{} a connection from {peer}: {}; answered 503", paint.bad("refused"), full.said());
                    http_server::refuse_at_once(stream, &full.busy());
                    continue;
                }
            };
            let (listener, requests) = (&listener, &requests);
            let spawned = std::thread::Builder::new().spawn_scoped(scope, move || {
                let _connection = connection;
                listener.serve(Connection::new(stream), peer, requests);
            });
            if let Err(e) = spawned {
                say!("{} a connection: no thread to handle it ({e})", paint.bad("refused"));
            }
        }
    });
    Ok(ExitCode::SUCCESS)
}

/// Whom a connection's slots are counted against: its IPv4 address (an IPv4-mapped IPv6 one
/// read as IPv4), or its IPv6 /64, which one host may fill with as many addresses as it likes.
/// All of 127.0.0.0/8 is one peer: any local program may connect from 127.0.0.2, 127.0.0.3 and
/// so on, so those addresses tell nobody apart (`::1` stays itself).
fn peer_of(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V4(v4) if v4.is_loopback() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(v6) if !v6.is_loopback() => IpAddr::V6((u128::from(v6) & (u128::MAX << 64)).into()),
        other => other,
    }
}

/// The address `webhook-echo send` reaches this listener at: the host bound, or loopback for an
/// unspecified address (`0.0.0.0`, `::`), which takes connections on loopback too.
fn send_host(host: IpAddr) -> String {
    match host {
        IpAddr::V4(v4) if v4.is_unspecified() => Ipv4Addr::LOCALHOST.to_string(),
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) if v6.is_unspecified() => "[::1]".to_string(),
        IpAddr::V6(v6) => format!("[{v6}]"),
    }
}

/// The `send` command that posts a signed test delivery here, the secret read as listen reads it
/// (never on the line).
fn send_command(host: IpAddr, port: u16, secret: &SecretArgs) -> String {
    let mut command = format!("webhook-echo send http://{}:{port}/webhooks/auth", send_host(host));
    if let Some(var) = &secret.secret_env {
        let _ = write!(command, " --secret-env {}", shell_word(var));
    }
    if let Some(file) = &secret.secret_file {
        let _ = write!(command, " --secret-file {}", shell_word(&file.display().to_string()));
    }
    command
}

/// `word` as one shell word: as it is when it holds only characters no shell treats specially,
/// else in single quotes.
fn shell_word(word: &str) -> String {
    if !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric() || "_-./:=@%+,".contains(c)) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// A bounded number of slots, requests or connections, of which one peer (an IP address) may
/// take only `per_peer`: taken when one arrives, given back when its `Slot` is dropped.
struct Slots {
    /// `requests in progress` or `connections open`: what the refusals count.
    what: &'static str,
    max: usize,
    per_peer: usize,
    /// All taken, and taken by each peer that holds any.
    taken: Mutex<(usize, HashMap<IpAddr, usize>)>,
}

/// Why no slot was given: every one is taken (`from_peer` unset), or as many as one peer may
/// have.
struct Full {
    what: &'static str,
    count: usize,
    from_peer: bool,
}

impl Full {
    /// What the listener's line says.
    fn said(&self) -> String {
        let Self { what, count, from_peer } = self;
        let (noun, state) = what.split_once(' ').unwrap_or((what, ""));
        let from = if *from_peer { " from that address" } else { "" };
        format!("{count} {noun}{from} already {state}")
    }

    /// The answer.
    fn busy(&self) -> Response {
        let Self { what, count, from_peer } = self;
        let (noun, state) = what.split_once(' ').unwrap_or((what, ""));
        let from = if *from_peer { " from your address" } else { "" };
        Response::text(
            503,
            format!("webhook-echo listen is busy: {count} {noun}{from} are already {state}. Try again shortly.\n"),
        )
    }
}

impl Slots {
    fn new(what: &'static str, max: usize, per_peer: usize) -> Self {
        Self { what, max, per_peer, taken: Mutex::new((0, HashMap::new())) }
    }

    fn take(&self, peer: IpAddr) -> Result<Slot<'_>, Full> {
        // A poisoned lock only means a thread panicked between two counts it left consistent.
        let mut taken = self.taken.lock().unwrap_or_else(PoisonError::into_inner);
        let (all, by_peer) = &mut *taken;
        let mine = by_peer.get(&peer).copied().unwrap_or(0);
        if mine >= self.per_peer {
            return Err(Full { what: self.what, count: self.per_peer, from_peer: true });
        }
        if *all >= self.max {
            return Err(Full { what: self.what, count: self.max, from_peer: false });
        }
        by_peer.insert(peer, mine + 1);
        *all += 1;
        Ok(Slot { slots: self, peer })
    }
}

/// One slot taken by `peer`.
struct Slot<'a> {
    slots: &'a Slots,
    peer: IpAddr,
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        let mut taken = self.slots.taken.lock().unwrap_or_else(PoisonError::into_inner);
        let (all, by_peer) = &mut *taken;
        *all = all.saturating_sub(1);
        if let Some(mine) = by_peer.get_mut(&self.peer) {
            *mine = mine.saturating_sub(1);
            if *mine == 0 {
                by_peer.remove(&self.peer);
            }
        }
    }
}

/// What every request is handled with.
struct Listener<'a> {
    secret: Option<String>,
    forward: Option<Endpoint>,
    client: Option<Client>,
    page: &'a str,
    paint: Paint,
    /// Whose words the fixes printed are in.
    stack: Choice,
    /// Where each request is also written as a fixture.
    save: Option<&'a Path>,
}

/// Answers, saying so if the sender is gone. Every answer ends the connection (no keep-alive:
/// one request per connection, so nothing a request leaves unread is ever taken for the next).
fn reply(connection: &mut Connection, response: &Response, head_only: bool) {
    if let Err(e) = connection.respond(response, head_only) {
        say!("  {} {e}", Paint::stdout().bad("could not answer:"));
    }
}

impl Listener<'_> {
    /// One connection: its head, then the request it carries.
    fn serve(&self, mut connection: Connection, peer: IpAddr, requests: &Slots) {
        let paint = self.paint;
        let refused = paint.bad("refused");
        let head = match connection.read_head(MAX_HEADERS_BYTES, Instant::now() + HEAD_DEADLINE) {
            Ok(head) => head,
            Err(HeadError::Quiet) => return,
            Err(HeadError::TimedOut) => {
                say!("{} a request's headers did not arrive within {}", paint.bad("error"), seconds(TIMEOUT_MILLIS));
                let why = format!(
                    "webhook-echo listen: the request's headers did not arrive within {}.\n",
                    seconds(TIMEOUT_MILLIS)
                );
                reply(&mut connection, &Response::text(408, why), false);
                return;
            }
            Err(HeadError::LineTooLong) => {
                let kib = MAX_REQUEST_LINE_BYTES / 1024;
                say!("{refused} a request: its request line is longer than {kib} KiB; answered 414");
                let why = format!("webhook-echo listen: the request line is longer than {kib} KiB.\n");
                reply(&mut connection, &Response::text(414, why), false);
                return;
            }
            Err(HeadError::TooLarge(method, target)) => {
                self.headers_too_large(&mut connection, &method, &target);
                return;
            }
            Err(HeadError::TooMany(method, target)) => {
                say!(
                    "{refused} {} {}: more than {MAX_HEADER_LINES} header lines, not captured",
                    value(&method),
                    value(&target)
                );
                reply(&mut connection, &Response::text(431, "too many headers"), false);
                return;
            }
            Err(HeadError::Bad(why, shown)) => {
                match shown {
                    Some((method, target)) => {
                        say!("{refused} {} {}: {}; answered 400", value(&method), value(&target), sentence(&why));
                    }
                    None => say!("{refused} a request: {}; answered 400", sentence(&why)),
                }
                reply(&mut connection, &Response::text(400, format!("webhook-echo listen: {why}\n")), false);
                return;
            }
        };
        self.handle(connection, head, peer, requests);
    }

    /// Headers over the page's 256 KiB: 431, and said so.
    fn headers_too_large(&self, connection: &mut Connection, method: &str, target: &str) {
        say!(
            "{} {} {}: headers larger than {} KiB, not captured",
            self.paint.bad("refused"),
            value(method),
            value(target),
            MAX_HEADERS_BYTES / 1024
        );
        reply(connection, &Response::text(431, "headers too large"), false);
    }

    fn handle(&self, mut connection: Connection, head: Head, peer: IpAddr, requests: &Slots) {
        let paint = self.paint;
        let expects_continue = http_server::expects_continue(&head);
        let Head { method, target, headers: received, .. } = head;
        // A HEAD request is answered without a body, as HTTP asks.
        let head_only = method == "HEAD";
        let (shown_method, shown_target) = (value(&method), value(&target));
        let header_bytes: usize = received.iter().map(|(n, v)| n.len() + v.len() + 3).sum();
        if header_bytes > MAX_HEADERS_BYTES {
            self.headers_too_large(&mut connection, &method, &target);
            return;
        }
        let too_large = |connection: &mut Connection| {
            say!(
                "{} {shown_method} {shown_target}: body larger than {} MiB, not captured",
                paint.bad("refused"),
                MAX_FIXTURE_BYTES >> 20
            );
            let why = format!(
                "webhook-echo listen captures bodies up to {} MiB, the page's limit: this one is larger.\n",
                MAX_FIXTURE_BYTES >> 20
            );
            reply(connection, &Response::text(413, why), head_only);
        };
        // The framing is refused, and a declared length over the cap, before a byte of the body
        // is read.
        let framing = match http_server::framing(&received) {
            Ok(framing) => framing,
            Err(Refusal { status, why }) => {
                say!("{} {shown_method} {shown_target}: {}; answered {status}", paint.bad("refused"), sentence(&why));
                reply(&mut connection, &Response::text(status, format!("webhook-echo listen: {why}\n")), head_only);
                return;
            }
        };
        let cap = u64::try_from(MAX_FIXTURE_BYTES).unwrap_or(u64::MAX);
        if matches!(framing, Framing::Length(length) if length > cap) {
            too_large(&mut connection);
            return;
        }
        let slot = match requests.take(peer) {
            Ok(slot) => slot,
            Err(full) => {
                say!(
                    "{} {shown_method} {shown_target} from {peer}: {}; answered 503",
                    paint.bad("refused"),
                    full.said()
                );
                reply(&mut connection, &full.busy(), head_only);
                return;
            }
        };
        // The slot is taken: only now is a sender that waits for it told to send its body.
        if expects_continue && connection.send_continue().is_err() {
            return;
        }
        let deadline = Instant::now() + BODY_DEADLINE;
        let body = match connection.read_body(framing, MAX_FIXTURE_BYTES, deadline) {
            Ok(body) => body,
            Err(BodyError::TimedOut) => {
                say!(
                    "{} {shown_method} {shown_target}: the body did not arrive within {}",
                    paint.bad("error"),
                    seconds(TIMEOUT_MILLIS)
                );
                reply(&mut connection, &Response::text(408, "body too slow"), head_only);
                // The slot goes back at once, and the connection closes shortly after: a
                // sender that stalls holds a slot for the deadline, not for as long as it likes.
                drop(slot);
                connection.drain(Instant::now() + AFTER_408);
                return;
            }
            Err(BodyError::TooLarge) => {
                too_large(&mut connection);
                return;
            }
            Err(BodyError::Bad(why)) => {
                say!(
                    "{} {shown_method} {shown_target}: the body could not be read ({})",
                    paint.bad("error"),
                    sentence(&why)
                );
                reply(&mut connection, &Response::text(400, format!("webhook-echo listen: {why}\n")), head_only);
                return;
            }
            Err(BodyError::Store(why)) => {
                say!("{} {shown_method} {shown_target}: {}", paint.bad("error"), sentence(&why));
                let why = "webhook-echo listen could not store this body for reading: see its output.\n";
                reply(&mut connection, &Response::text(500, why), head_only);
                return;
            }
        };
        // Everything said about this request goes out as one block, whole, under stdout's lock.
        let mut out = String::new();
        let header_lines: String = received.iter().map(|(n, v)| format!("{n}: {v}\n")).collect();
        let headers = received_headers::parse(&header_lines);
        let now = super::now_unix_millis();
        let header = |name: &str| headers.get(name).map_or("-".to_string(), |f| field_in_line(&f.value));
        let secret_text = self.secret.as_deref().unwrap_or("");
        // A body that waited in a file comes back into memory one at a time, and stays until
        // its forward is done (always taken before `ANALYSIS`, never after). A poisoned lock only
        // means another request panicked, which leaves nothing behind to distrust.
        let read_back = body.is_spooled().then(|| READ_BACK.lock().unwrap_or_else(PoisonError::into_inner));
        let body = match body.into_bytes() {
            Ok(body) => body,
            Err(e) => {
                say!("{} {shown_method} {shown_target}: the body could not be read back ({e})", paint.bad("error"));
                let why = "webhook-echo listen could not read this body back: see its output.\n";
                reply(&mut connection, &Response::text(500, why), head_only);
                return;
            }
        };
        // One analysis at a time (what it may hold is bounded by one body's).
        let analysing = ANALYSIS.lock().unwrap_or_else(PoisonError::into_inner);
        let result = self.secret.as_ref().map(|secret| {
            verification::verify_in(
                ReceivedDelivery { secret, body: &body, headers: &headers, now_unix_millis: Some(now) },
                Wording::Command,
            )
        });
        let verdict = result.as_ref().map_or_else(|| paint.dim("unverified"), |r| paint.verdict(r.verdict));
        let _ = write!(
            out,
            "{} {shown_method} {shown_target} {} {} {} bytes {verdict}",
            format_utc_millis(now),
            header(EVENT),
            header(EVENT_ID),
            body.len()
        );
        let mut sender_verdict = None;
        let mut cause_names = Vec::new();
        if let Some(result) = &result {
            // The reasons under any delivery that is not valid.
            if result.verdict != Verdict::Valid {
                let _ = write!(out, "\n  {}", sentence(&result.summary));
            }
            for check in result.checks.iter().filter(|c| c.status != CheckStatus::Ok) {
                let _ =
                    write!(out, "\n  {} {}: {}", check.header, paint.status(check.status), sentence(&check.message));
            }
            for why in &result.not_from_cobinar {
                let _ = write!(out, "\n  {} {}", paint.warn("not from Cobinar:"), sentence(why));
            }
            let causes = if body.len() <= CAUSES_UP_TO_BYTES {
                diagnosis::for_verdict(result.verdict, secret_text, &body, &headers)
            } else {
                if result.verdict == Verdict::Invalid {
                    let _ = write!(
                        out,
                        "\n  {} the body is over {} MiB, more than a delivery; its causes are not searched",
                        paint.dim("causes:"),
                        CAUSES_UP_TO_BYTES >> 20
                    );
                }
                Vec::new()
            };
            for cause in &causes {
                let _ = write!(out, "\n  {} {}", paint.bold(cause.cause.as_str()), sentence(&cause.finding));
                let fix = cause.cause.fix_in(self.stack.given_evidence(cause.language));
                let _ = write!(out, "\n    {} {}", paint.dim("fix:"), fix);
            }
            sender_verdict = SenderVerdict::of(result, &causes);
            cause_names = causes.iter().map(|c| c.cause).collect();
        }
        // The fixture holds a copy of the body: gone before the forward.
        {
            let fixture = self.fixture(&method, &target, now, &body, &header_lines);
            let _ = write!(out, "\n  {}", self.link(&fixture, sender_verdict.as_ref()));
            if let Some(dir) = self.save {
                let has_signature = headers.get(SIGNATURE).is_some();
                let case = case_of_capture(result.as_ref().map(|r| r.verdict), has_signature, &cause_names);
                // A proxy's credentials are not the delivery's, and the file may be committed.
                let (kept, dropped) = replay::without_credentials(&fixture.headers);
                if dropped > 0 {
                    let _ = write!(
                        out,
                        "\n  {} {dropped} credential header(s) (authorization, cookie) left out of the saved file",
                        paint.dim("note:")
                    );
                }
                let fixture = Fixture { case, headers: kept, ..fixture };
                match fixtures::save(dir, &fixture) {
                    Ok(path) => {
                        let expect = match case.tamper {
                            Some(tamper) => format!(" (expect reject, tamper {})", tamper.name()),
                            None => String::new(),
                        };
                        let _ = write!(out, "\n  saved: {}{expect}", path.display());
                    }
                    Err(why) => {
                        let _ = write!(out, "\n  {} {}", paint.bad("not saved:"), sentence(&why));
                    }
                }
            }
        }
        drop(analysing);
        // The forward's outcome joins the block, which is printed whole: requests are handled on
        // several threads, and a line printed on its own could land under another's block.
        let (response, forwarded) = self.answer(&received, &body, result.as_ref().map(|r| r.verdict));
        drop(body);
        drop(read_back);
        if let Some(line) = forwarded {
            let _ = write!(out, "\n  {line}");
        }
        say!("{out}");
        reply(&mut connection, &response, head_only);
        drop(slot);
    }

    /// The request as a fixture: its bytes, its headers, a note of when and where it came, the
    /// secret's fingerprint (never the secret).
    fn fixture(&self, method: &str, target: &str, now: i64, body: &[u8], header_lines: &str) -> Fixture {
        let note = format!(
            "Captured by webhook-echo listen: {} {} at {}.",
            cut(method, 20),
            cut(target, NOTE_TARGET_CHARS),
            format_utc_millis(now)
        );
        let work = Work { body, headers: header_lines, event: None, note: &note };
        Fixture::of(work, self.secret.as_deref().unwrap_or(""), SecretChoice::LeaveOut)
    }

    /// `open: <link>`, the page's link to this delivery (the secret left out, the verdict in),
    /// once the page's own reader accepts it; otherwise why there is none.
    fn link(&self, fixture: &Fixture, verdict: Option<&SenderVerdict>) -> String {
        let fragment = fixture_link::encode_with_verdict(fixture, verdict);
        match fixture_link::decode_link(&fragment) {
            Ok(_) => format!("open: {}#{fragment}", self.page),
            Err(why) => format!("{} the page would refuse this delivery's link: {why}", self.paint.warn("no link:")),
        }
    }

    /// The answer to give the sender, and with `--forward-to`, the line that says what the
    /// receiver did.
    fn answer(
        &self,
        received: &[(String, String)],
        body: &[u8],
        verdict: Option<Verdict>,
    ) -> (Response, Option<String>) {
        let paint = self.paint;
        let (Some(endpoint), Some(client)) = (&self.forward, &self.client) else {
            let response = match verdict {
                Some(v) if v != Verdict::Valid => Response::text(401, "invalid signature"),
                _ => Response::text(200, "ok"),
            };
            return (response, None);
        };
        let hops = hop_by_hop(received);
        let passed = received
            .iter()
            .filter(|(n, _)| !hops.contains(&n.to_ascii_lowercase()))
            .map(|(n, v)| (n.as_str(), v.as_bytes()));
        let reply = client.post(&endpoint.url, passed, body);
        let shown_url = without_credentials(&endpoint.url);
        match reply.answer {
            Answer::Status(status) => {
                let line = format!("forwarded: {status} in {}", measured(reply.millis));
                let headers = reply
                    .headers
                    .into_iter()
                    .filter(|(name, _)| !HOP_BY_HOP.contains(&name.to_ascii_lowercase().as_str()))
                    .collect();
                (Response { status, headers, body: reply.body }, Some(line))
            }
            Answer::TimedOut => {
                let within = seconds(TIMEOUT_MILLIS);
                let line = format!("{} no answer from {shown_url} within {within}", paint.bad("forwarded:"));
                let response =
                    Response::text(504, format!("webhook-echo: the receiver did not answer within {within}"));
                (response, Some(line))
            }
            Answer::Unreachable(why) => {
                let line = format!("{} {}", paint.bad("forward failed:"), sentence(&why));
                let response = Response::text(502, format!("webhook-echo: cannot reach the receiver: {why}"));
                (response, Some(line))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::net::Ipv6Addr;
    use webhook_echo::echo::endpoint::DEFAULT_ENDPOINT;

    #[test]
    fn listen_does_not_take_the_port_of_the_receiver_it_forwards_to() {
        let endpoint = Endpoint::parse(DEFAULT_ENDPOINT).unwrap();
        assert!(endpoint.authority.ends_with(":3000"), "{}", endpoint.authority);
        assert!(!endpoint.authority.ends_with(&format!(":{DEFAULT_PORT}")));
    }

    #[test]
    fn the_send_command_reaches_this_listener_and_reads_the_secret_as_it_does() {
        let none = SecretArgs { secret_env: None, secret_file: None };
        let loopback = IpAddr::V4(Ipv4Addr::LOCALHOST);
        assert_eq!(send_command(loopback, 3001, &none), "webhook-echo send http://127.0.0.1:3001/webhooks/auth");
        let any = IpAddr::V6(Ipv6Addr::UNSPECIFIED);
        let env = SecretArgs { secret_env: Some("MY_SECRET".into()), secret_file: None };
        assert_eq!(send_command(any, 9, &env), "webhook-echo send http://[::1]:9/webhooks/auth --secret-env MY_SECRET");
        let file = SecretArgs { secret_env: None, secret_file: Some("my secret's.txt".into()) };
        let said = send_command(IpAddr::V4(Ipv4Addr::UNSPECIFIED), 9, &file);
        assert_eq!(said, "webhook-echo send http://127.0.0.1:9/webhooks/auth --secret-file 'my secret'\\''s.txt'");
    }

    #[test]
    fn a_peer_is_an_ipv4_address_or_an_ipv6_64() {
        let peer = |text: &str| peer_of(text.parse().unwrap()).to_string();
        assert_eq!(peer("::ffff:127.0.0.1"), "127.0.0.1");
        assert_eq!(peer("127.0.0.2"), "127.0.0.1");
        assert_eq!(peer("127.255.3.4"), "127.0.0.1");
        assert_eq!(peer("::ffff:127.0.0.3"), "127.0.0.1");
        assert_eq!(peer("::1"), "::1");
        assert_eq!(peer("192.168.1.7"), "192.168.1.7");
        assert_eq!(peer("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::");
        assert_eq!(peer("2001:db8:1:2::1"), peer("2001:db8:1:2:ffff::9"));
    }

    #[test]
    fn one_peer_takes_at_most_its_share_of_the_places() {
        let slots = Slots::new("requests in progress", 4, 2);
        let (one, two) = (IpAddr::V4(Ipv4Addr::LOCALHOST), IpAddr::V6(Ipv6Addr::LOCALHOST));
        let first = [slots.take(one).ok().unwrap(), slots.take(one).ok().unwrap()];
        let refused = slots.take(one).err().unwrap();
        assert_eq!(refused.said(), "2 requests from that address already in progress");
        let second = [slots.take(two).ok().unwrap(), slots.take(two).ok().unwrap()];
        drop(first);
        let third = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 3));
        let again = slots.take(one).ok().unwrap();
        let _full = slots.take(one).ok().unwrap();
        let full = slots.take(third).err().unwrap();
        assert_eq!(full.said(), "4 requests already in progress");
        assert!(String::from_utf8_lossy(&full.busy().body).starts_with("webhook-echo listen is busy: 4 requests are"));
        drop((second, again));
        assert!(slots.take(third).is_ok());
        assert_eq!(slots.taken.lock().unwrap().1.len(), 1, "a peer that holds nothing is forgotten");
    }
}
