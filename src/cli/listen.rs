//! `webhook-echo listen`: a local endpoint that captures deliveries byte for byte, verifies each
//! as the page does, prints a link that opens it in the page, and may forward it.

use std::fmt::Write as _;
use std::io::Read;
use std::net::{IpAddr, Ipv4Addr};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use webhook_echo::diagnose::diagnosis;
use webhook_echo::echo::contract::{duration, is_local, without_credentials, Answer};
use webhook_echo::echo::endpoint::Endpoint;
use webhook_echo::echo::retry::TIMEOUT_MILLIS;
use webhook_echo::protocol::headers::{EVENT, EVENT_ID};
use webhook_echo::share::fixture::{Fixture, SecretChoice, Work, MAX_FIXTURE_BYTES, MAX_HEADERS_BYTES};
use webhook_echo::share::fixture_link;
use webhook_echo::share::sender_verdict::SenderVerdict;
use webhook_echo::verify::received_headers;
use webhook_echo::verify::timestamp::format_utc_millis;
use webhook_echo::verify::verification::{self, ReceivedDelivery, Verdict};

use super::http::Client;
use super::secret::SecretArgs;
use super::term::{cut, say, sentence, value, Paint};

/// Requests handled at once, each counted until its body's reader has ended too (a sender that
/// stalls keeps its place after the deadline, as long as its connection stays open); one more is
/// answered 503 until one ends.
const MAX_AT_ONCE: usize = 32;
/// How long a body may take to arrive once the headers have: Cobinar's own timeout.
const BODY_DEADLINE: Duration = Duration::from_millis(TIMEOUT_MILLIS);
/// How much of the request target the link's note quotes (the page reads notes up to 2,000
/// characters).
const NOTE_TARGET_CHARS: usize = 300;

/// Headers that describe one hop, not the delivery: not forwarded as received.
const HOP_BY_HOP: [&str; 6] = ["host", "content-length", "connection", "transfer-encoding", "expect", "keep-alive"];

/// Receive deliveries on a local port: each is captured byte for byte, verified (verdict,
/// header checks, named causes) and printed with a link that opens it in the page, the secret
/// left out. With --forward-to, the exact request goes on to your receiver and its answer comes
/// back.
#[derive(Debug, clap::Args)]
#[command(after_help = "Without --forward-to it answers 200 to a valid delivery (or to any, with no secret) and 401
otherwise. Point Cobinar's test deliveries, `webhook-echo send`, or a tunnel at it.

Example:
  webhook-echo listen --port 3000 --forward-to http://localhost:4000/webhooks/auth")]
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
}

pub fn run(args: &ListenArgs) -> Result<ExitCode, String> {
    let forward = match &args.forward_to {
        Some(url) => Some(super::endpoint_to_send_to(url, args.yes).map_err(|e| format!("--forward-to: {e}"))?),
        None => None,
    };
    let secret = args.secret.read(false)?;
    let server = tiny_http::Server::http((args.host, args.port)).map_err(|e| {
        format!("Cannot listen on {}:{}: {e}. Choose another --port, or 0 for any.", args.host, args.port)
    })?;
    let port = server.server_addr().to_ip().map_or(args.port, |a| a.port());
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
    let client = forward.as_ref().map(|endpoint| Client::new(!is_local(endpoint)));
    let listener = Listener { secret, forward, client, page: &args.page, paint };
    let in_flight = Arc::new(AtomicUsize::new(0));
    // Each request on its own thread, so that one slow sender never holds up the next delivery.
    std::thread::scope(|scope| {
        for request in server.incoming_requests() {
            let Some(place) = Place::take(&in_flight) else {
                say!(
                    "{} {} {}: {MAX_AT_ONCE} requests already in progress or waiting for a body that stalled; answered 503",
                    paint.bad("refused"),
                    value(&request.method().to_string()),
                    value(request.url())
                );
                // On a thread of its own: once answered, tiny_http reads the rest of the body
                // before it lets go of the request, which waits for the sender.
                std::thread::spawn(move || {
                    let busy = format!(
                        "webhook-echo listen is busy: {MAX_AT_ONCE} requests are in progress or waiting for a body that stalled. Try again shortly.\n"
                    );
                    let _ = request.respond(tiny_http::Response::from_string(busy).with_status_code(503));
                });
                continue;
            };
            let listener = &listener;
            scope.spawn(move || listener.handle(request, place));
        }
    });
    Ok(ExitCode::SUCCESS)
}

/// What every request is handled with.
struct Listener<'a> {
    secret: Option<String>,
    forward: Option<Endpoint>,
    client: Option<Client>,
    page: &'a str,
    paint: Paint,
}

/// One of the `MAX_AT_ONCE` places: taken when a request arrives, given back when it is dropped,
/// which is once the request has been answered and let go of, and its body's reader has ended.
struct Place(Arc<AtomicUsize>);

impl Place {
    fn take(in_flight: &Arc<AtomicUsize>) -> Option<Self> {
        let taken = in_flight.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| (n < MAX_AT_ONCE).then_some(n + 1));
        taken.ok().map(|_| Self(Arc::clone(in_flight)))
    }
}

impl Drop for Place {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The body as read, or why the reading stopped (`TimedOut`: the deadline passed).
type Body = std::io::Result<Vec<u8>>;

/// The body, read on a thread of its own so that a sender that stalls is given up on at the
/// deadline. The request comes back with it and its place; past the deadline the reading thread
/// keeps both, stops at the next chunk that arrives (dropping what it read), answers 408, and
/// gives the place back only once tiny_http has let go of the request (it reads the rest of the
/// body first), so that at most `MAX_AT_ONCE` readers ever wait on senders.
fn read_body(mut request: tiny_http::Request, place: Place) -> Option<(tiny_http::Request, Body, Place)> {
    let deadline = Instant::now() + BODY_DEADLINE;
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let body = read_until(&mut request, deadline);
        if let Err(mpsc::SendError((request, body, place))) = send.send((request, body, place)) {
            drop(body);
            let _ = request.respond(tiny_http::Response::from_string("body too slow").with_status_code(408));
            drop(place);
        }
    });
    receive.recv_timeout(deadline.saturating_duration_since(Instant::now())).ok()
}

/// Up to `MAX_FIXTURE_BYTES` + 1 bytes of the body, a chunk at a time, until the deadline.
fn read_until(request: &mut tiny_http::Request, deadline: Instant) -> Body {
    let cap = u64::try_from(MAX_FIXTURE_BYTES).unwrap_or(u64::MAX);
    let mut reader = request.as_reader().take(cap + 1);
    let mut body = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        if Instant::now() >= deadline {
            let late = std::io::Error::new(std::io::ErrorKind::TimedOut, "past the deadline");
            return Err(late);
        }
        match reader.read(&mut chunk) {
            Ok(0) => return Ok(body),
            Ok(n) => body.extend_from_slice(chunk.get(..n).unwrap_or_default()),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

impl Listener<'_> {
    fn handle(&self, request: tiny_http::Request, place: Place) {
        let paint = self.paint;
        let method = request.method().to_string();
        let target = request.url().to_string();
        let (shown_method, shown_target) = (value(&method), value(&target));
        let received: Vec<(String, String)> = request
            .headers()
            .iter()
            .map(|h| (h.field.as_str().as_str().to_string(), h.value.as_str().to_string()))
            .collect();
        let header_bytes: usize = received.iter().map(|(n, v)| n.len() + v.len() + 3).sum();
        if header_bytes > MAX_HEADERS_BYTES {
            say!(
                "{} {shown_method} {shown_target}: headers larger than {} KiB, not captured",
                paint.bad("refused"),
                MAX_HEADERS_BYTES / 1024
            );
            let _ = request.respond(tiny_http::Response::from_string("headers too large").with_status_code(431));
            return;
        }
        let late = || {
            say!(
                "{} {shown_method} {shown_target}: the body did not arrive within {}",
                paint.bad("error"),
                duration(TIMEOUT_MILLIS)
            );
        };
        // Past the deadline the reading thread keeps the request and its place. Every way out
        // below answers (and so lets go of) the request before `_place` is given back.
        let Some((request, read, _place)) = read_body(request, place) else {
            late();
            return;
        };
        let body = match read {
            Ok(body) => body,
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {
                late();
                let _ = request.respond(tiny_http::Response::from_string("body too slow").with_status_code(408));
                return;
            }
            Err(e) => {
                say!("{} {shown_method} {shown_target}: the body could not be read ({e})", paint.bad("error"));
                let _ = request.respond(tiny_http::Response::from_string("body unreadable").with_status_code(400));
                return;
            }
        };
        if body.len() > MAX_FIXTURE_BYTES {
            say!(
                "{} {shown_method} {shown_target}: body larger than {} MiB, not captured",
                paint.bad("refused"),
                MAX_FIXTURE_BYTES >> 20
            );
            let _ = request.respond(tiny_http::Response::from_string("too large").with_status_code(413));
            return;
        }
        // Everything said about this request goes out as one block, whole, under stdout's lock.
        let mut out = String::new();
        let header_lines: String = received.iter().map(|(n, v)| format!("{n}: {v}\n")).collect();
        let headers = received_headers::parse(&header_lines);
        let now = super::now_unix_millis();
        let header = |name: &str| headers.get(name).map_or("-".to_string(), |f| value(&f.value));
        let secret_text = self.secret.as_deref().unwrap_or("");
        let result = self.secret.as_ref().map(|secret| {
            verification::verify(ReceivedDelivery {
                secret,
                body: &body,
                headers: &headers,
                now_unix_millis: Some(now),
            })
        });
        let verdict = match &result {
            Some(r) => match r.verdict {
                Verdict::Valid => paint.good("valid"),
                Verdict::Invalid => paint.bad("invalid"),
                Verdict::Incomplete | Verdict::Checking => paint.warn(r.verdict.as_str()),
            },
            None => paint.dim("unverified"),
        };
        let _ = write!(
            out,
            "{} {shown_method} {shown_target} {} {} {} bytes {verdict}",
            format_utc_millis(now),
            header(EVENT),
            header(EVENT_ID),
            body.len()
        );
        let mut sender_verdict = None;
        if let Some(result) = &result {
            // The reasons under any delivery that is not valid.
            if result.verdict != Verdict::Valid {
                let _ = write!(out, "\n  {}", sentence(&result.summary));
            }
            for check in result.checks.iter().filter(|c| c.status.as_str() != "ok") {
                let status = if check.status.is_problem() {
                    paint.bad(check.status.as_str())
                } else {
                    paint.warn(check.status.as_str())
                };
                let _ = write!(out, "\n  {} {status}: {}", check.header, sentence(&check.message));
            }
            for why in &result.not_from_cobinar {
                let _ = write!(out, "\n  {} {}", paint.warn("not from Cobinar:"), sentence(why));
            }
            let causes = diagnosis::for_verdict(result.verdict, secret_text, &body, &headers);
            for cause in &causes {
                let _ = write!(out, "\n  {} {}", paint.bold(cause.cause.as_str()), sentence(&cause.finding));
                let _ = write!(out, "\n    {} {}", paint.dim("fix:"), cause.fix);
            }
            sender_verdict = SenderVerdict::of(result, &causes);
        }
        let _ = write!(out, "\n  {}", self.link(&method, &target, now, &body, &header_lines, sender_verdict.as_ref()));
        // The forward's outcome joins the block, which is printed whole: requests are handled on
        // several threads, and a line printed on its own could land under another's block.
        let (response, forwarded) = self.answer(&received, &body, result.as_ref().map(|r| r.verdict));
        if let Some(line) = forwarded {
            let _ = write!(out, "\n  {line}");
        }
        say!("{out}");
        if let Err(e) = request.respond(response) {
            say!("  {} {e}", paint.bad("could not answer:"));
        }
    }

    /// `open: <link>`, the page's link to this delivery (the secret left out, the verdict in),
    /// once the page's own reader accepts it; otherwise why there is none.
    fn link(
        &self,
        method: &str,
        target: &str,
        now: i64,
        body: &[u8],
        header_lines: &str,
        verdict: Option<&SenderVerdict>,
    ) -> String {
        let note = format!(
            "Captured by webhook-echo listen: {} {} at {}.",
            cut(method, 20),
            cut(target, NOTE_TARGET_CHARS),
            format_utc_millis(now)
        );
        let work = Work { body, headers: header_lines, event: None, note: &note };
        let fixture = Fixture::of(work, self.secret.as_deref().unwrap_or(""), SecretChoice::LeaveOut);
        let fragment = fixture_link::encode_with_verdict(&fixture, verdict);
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
    ) -> (tiny_http::Response<std::io::Cursor<Vec<u8>>>, Option<String>) {
        let paint = self.paint;
        let (Some(endpoint), Some(client)) = (&self.forward, &self.client) else {
            let response = match verdict {
                Some(v) if v != Verdict::Valid => {
                    tiny_http::Response::from_string("invalid signature").with_status_code(401)
                }
                _ => tiny_http::Response::from_string("ok").with_status_code(200),
            };
            return (response, None);
        };
        let passed = received
            .iter()
            .filter(|(n, _)| !HOP_BY_HOP.contains(&n.to_ascii_lowercase().as_str()))
            .map(|(n, v)| (n.as_str(), v.as_bytes()));
        let reply = client.post(&endpoint.url, passed, body);
        let shown_url = without_credentials(&endpoint.url);
        match reply.answer {
            Answer::Status(status) => {
                let line = format!("forwarded: {status} in {}", duration(reply.millis));
                let mut response = tiny_http::Response::from_data(reply.body).with_status_code(status);
                for (name, value) in &reply.headers {
                    if HOP_BY_HOP.contains(&name.as_str()) {
                        continue;
                    }
                    if let Ok(header) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_slice()) {
                        response.add_header(header);
                    }
                }
                (response, Some(line))
            }
            Answer::TimedOut => {
                let line = format!("{} no answer from {shown_url} within 8 s", paint.bad("forwarded:"));
                let response = tiny_http::Response::from_string("webhook-echo: the receiver did not answer within 8 s")
                    .with_status_code(504);
                (response, Some(line))
            }
            Answer::Unreachable(why) => {
                let line = format!("{} {}", paint.bad("forward failed:"), sentence(&why));
                let response =
                    tiny_http::Response::from_string(format!("webhook-echo: cannot reach the receiver: {why}"))
                        .with_status_code(502);
                (response, Some(line))
            }
        }
    }
}
