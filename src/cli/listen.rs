//! `webhook-echo listen`: a local endpoint that captures deliveries byte for byte, verifies each
//! as the page does, prints a link that opens it in the page, and may forward it.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::net::{IpAddr, Ipv4Addr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use webhook_echo::diagnose::diagnosis;
use webhook_echo::echo::contract::{is_local, without_credentials, Answer};
use webhook_echo::echo::endpoint::Endpoint;
use webhook_echo::echo::replay::{self, case_of_capture, HOP_BY_HOP};
use webhook_echo::echo::retry::TIMEOUT_MILLIS;
use webhook_echo::protocol::headers::{EVENT, EVENT_ID, SIGNATURE};
use webhook_echo::protocol::text::{measured, seconds};
use webhook_echo::share::fixture::{Fixture, SecretChoice, Work, MAX_FIXTURE_BYTES, MAX_HEADERS_BYTES};
use webhook_echo::share::fixture_link;
use webhook_echo::share::sender_verdict::SenderVerdict;
use webhook_echo::stacks::Choice;
use webhook_echo::verify::header_checks::CheckStatus;
use webhook_echo::verify::received_headers;
use webhook_echo::verify::timestamp::format_utc_millis;
use webhook_echo::verify::verification::{self, ReceivedDelivery, Verdict};

use super::fixtures;
use super::http::Client;
use super::http_server::{
    self, BodyError, Connection, Framing, Head, HeadError, Refusal, Response, MAX_HEADER_LINES, MAX_REQUEST_LINE_BYTES,
};
use super::secret::SecretArgs;
use super::term::{cut, say, sentence, value, Paint};

/// Requests handled at once, each counted until its body's reader has ended too (a sender that
/// stalls is answered 408 at the deadline and keeps its place while its connection stays open,
/// up to `LINGER`); one more is answered 503 until one ends.
const MAX_AT_ONCE: usize = 32;
/// Connections open at once (reading a head, handling a request, or answering a refusal); one
/// more is answered 503 at once, unread.
const MAX_CONNECTIONS: usize = 128;
/// How long a body may take to arrive once the headers have: Cobinar's own timeout.
const BODY_DEADLINE: Duration = Duration::from_millis(TIMEOUT_MILLIS);
/// How long the request line and headers may take to arrive once connected.
const HEAD_DEADLINE: Duration = BODY_DEADLINE;
/// How long a sender given up on at the deadline may keep its place by holding its connection
/// open (what it still sends is read and dropped).
const LINGER: Duration = Duration::from_secs(30);
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
static ANALYSIS: std::sync::Mutex<()> = std::sync::Mutex::new(());
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

Examples:
  webhook-echo listen --port 3000 --forward-to http://localhost:4000/webhooks/auth
  webhook-echo listen --port 3000 --save fixtures/")]
pub struct ListenArgs {
    /// The port to listen on; 0 lets the system choose (the address is printed)
    #[arg(long, default_value_t = 3000)]
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
    let in_flight = AtomicUsize::new(0);
    let open = AtomicUsize::new(0);
    // Each connection on its own thread, so that one slow sender never holds up the next
    // delivery; at most `MAX_CONNECTIONS` of them.
    std::thread::scope(|scope| {
        for stream in server.incoming() {
            let Ok(stream) = stream else {
                // Out of file descriptors, or a connection reset before it was taken: not a
                // reason to stop, nor to spin.
                std::thread::sleep(Duration::from_millis(50));
                continue;
            };
            let Some(connection) = Place::take(&open, MAX_CONNECTIONS) else {
                say!("{} a connection: {MAX_CONNECTIONS} connections already open; answered 503", paint.bad("refused"));
                http_server::refuse_at_once(stream, &busy());
                continue;
            };
            let (listener, in_flight) = (&listener, &in_flight);
            let spawned = std::thread::Builder::new().spawn_scoped(scope, move || {
                let _connection = connection;
                listener.serve(Connection::new(stream), in_flight);
            });
            if let Err(e) = spawned {
                say!("{} a connection: no thread to handle it ({e})", paint.bad("refused"));
            }
        }
    });
    Ok(ExitCode::SUCCESS)
}

/// The answer when every place is taken.
fn busy() -> Response {
    Response::text(
        503,
        format!(
            "webhook-echo listen is busy: {MAX_AT_ONCE} requests are in progress or waiting for a body that stalled. Try again shortly.\n"
        ),
    )
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

/// One of a bounded number of places (`MAX_AT_ONCE` requests, `MAX_CONNECTIONS` connections):
/// taken when one arrives, given back when it is dropped, which for a request is once it has
/// been answered and its sender has let go of it, or the linger has passed.
struct Place<'a>(&'a AtomicUsize);

impl<'a> Place<'a> {
    fn take(count: &'a AtomicUsize, max: usize) -> Option<Self> {
        let taken = count.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| (n < max).then_some(n + 1));
        taken.ok().map(|_| Self(count))
    }
}

impl Drop for Place<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
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
    fn serve(&self, mut connection: Connection, in_flight: &AtomicUsize) {
        let paint = self.paint;
        let refused = paint.bad("refused");
        let head = match connection.read_head(MAX_HEADERS_BYTES, Instant::now() + HEAD_DEADLINE) {
            Ok(head) => head,
            Err(HeadError::Quiet) => return,
            Err(HeadError::TimedOut) => {
                say!("{} a request's headers did not arrive within {}", paint.bad("error"), seconds(TIMEOUT_MILLIS));
                let why = "webhook-echo listen: the request's headers did not arrive within 8 s.\n";
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
        self.handle(connection, head, in_flight);
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

    fn handle(&self, mut connection: Connection, head: Head, in_flight: &AtomicUsize) {
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
        let Some(place) = Place::take(in_flight, MAX_AT_ONCE) else {
            say!(
                "{} {shown_method} {shown_target}: {MAX_AT_ONCE} requests already in progress or waiting for a body that stalled; answered 503",
                paint.bad("refused"),
            );
            reply(&mut connection, &busy(), head_only);
            return;
        };
        // The place is taken: only now is a sender that waits for it told to send its body.
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
                // The place stays taken while the sender holds on (up to `LINGER`): at most
                // `MAX_AT_ONCE` requests ever wait on senders.
                connection.drain(Instant::now() + LINGER);
                drop(place);
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
        };
        // Everything said about this request goes out as one block, whole, under stdout's lock.
        let mut out = String::new();
        let header_lines: String = received.iter().map(|(n, v)| format!("{n}: {v}\n")).collect();
        let headers = received_headers::parse(&header_lines);
        let now = super::now_unix_millis();
        let header = |name: &str| headers.get(name).map_or("-".to_string(), |f| field_in_line(&f.value));
        let secret_text = self.secret.as_deref().unwrap_or("");
        // One analysis at a time (what it may hold is bounded by one body's); a poisoned lock
        // only means another analysis panicked, which leaves nothing behind to distrust.
        let analysing = ANALYSIS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let result = self.secret.as_ref().map(|secret| {
            verification::verify(ReceivedDelivery {
                secret,
                body: &body,
                headers: &headers,
                now_unix_millis: Some(now),
            })
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
        drop(analysing);
        // The forward's outcome joins the block, which is printed whole: requests are handled on
        // several threads, and a line printed on its own could land under another's block.
        let (response, forwarded) = self.answer(&received, &body, result.as_ref().map(|r| r.verdict));
        if let Some(line) = forwarded {
            let _ = write!(out, "\n  {line}");
        }
        say!("{out}");
        reply(&mut connection, &response, head_only);
        drop(place);
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
                let line = format!("{} no answer from {shown_url} within 8 s", paint.bad("forwarded:"));
                let response = Response::text(504, "webhook-echo: the receiver did not answer within 8 s");
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
