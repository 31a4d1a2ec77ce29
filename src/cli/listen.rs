//! `webhook-echo listen`: a local endpoint that captures deliveries byte for byte, verifies each
//! as the page does, prints a link that opens it in the page, and may forward it.

use std::io::Read;
use std::net::{IpAddr, Ipv4Addr};
use std::process::ExitCode;

use webhook_echo::diagnose::diagnosis;
use webhook_echo::echo::contract::{duration, is_local, Answer};
use webhook_echo::echo::endpoint::Endpoint;
use webhook_echo::protocol::headers::{EVENT, EVENT_ID};
use webhook_echo::share::fixture::{Fixture, SecretChoice, Work, MAX_FIXTURE_BYTES};
use webhook_echo::share::fixture_link;
use webhook_echo::verify::received_headers;
use webhook_echo::verify::timestamp::format_utc_millis;
use webhook_echo::verify::verification::{self, ReceivedDelivery, Verdict};

use super::http::Client;
use super::secret::SecretArgs;
use super::term::Paint;

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
}

pub fn run(args: &ListenArgs) -> Result<ExitCode, String> {
    let forward = match &args.forward_to {
        Some(url) => Some(Endpoint::parse(url).map_err(|e| format!("--forward-to: {e}"))?),
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
    println!("listening on http://{shown_host}:{port}/ (any path)");
    if !args.host.is_loopback() {
        println!("{}", paint.warn("  bound to a non-loopback address: other machines can post to it"));
    }
    match &forward {
        Some(endpoint) => println!("  forwarding each request to {}", endpoint.url),
        None => println!("  answering 200 to a valid delivery, 401 otherwise"),
    }
    if secret.is_none() {
        println!("{}", paint.warn("  no secret (COBINAR_WEBHOOK_SECRET, --secret-env or --secret-file): deliveries are captured, not verified"));
    }
    let client = forward.as_ref().map(|endpoint| Client::new(!is_local(endpoint)));
    for mut request in server.incoming_requests() {
        let method = request.method().to_string();
        let target = request.url().to_string();
        let received: Vec<(String, String)> = request
            .headers()
            .iter()
            .map(|h| (h.field.as_str().as_str().to_string(), h.value.as_str().to_string()))
            .collect();
        let mut body = Vec::new();
        let cap = u64::try_from(MAX_FIXTURE_BYTES).unwrap_or(u64::MAX);
        if let Err(e) = request.as_reader().take(cap + 1).read_to_end(&mut body) {
            println!("{} {method} {target}: the body could not be read ({e})", paint.bad("error"));
            continue;
        }
        if body.len() > MAX_FIXTURE_BYTES {
            println!(
                "{} {method} {target}: body larger than {} MiB, not captured",
                paint.bad("refused"),
                MAX_FIXTURE_BYTES >> 20
            );
            let _ = request.respond(tiny_http::Response::from_string("too large").with_status_code(413));
            continue;
        }
        let header_lines: String = received.iter().map(|(n, v)| format!("{n}: {v}\n")).collect();
        let headers = received_headers::parse(&header_lines);
        let now = super::now_unix_millis();
        let header = |name: &str| headers.get(name).map_or("-".to_string(), |f| f.value.clone());
        let secret_text = secret.as_deref().unwrap_or("");
        let result = secret.as_ref().map(|secret| {
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
        println!(
            "{} {method} {target} {} {} {} bytes {verdict}",
            format_utc_millis(now),
            header(EVENT),
            header(EVENT_ID),
            body.len()
        );
        if let Some(result) = &result {
            // One line for a valid delivery; the reasons under any other.
            if result.verdict != Verdict::Valid {
                println!("  {}", result.summary);
            }
            for check in result.checks.iter().filter(|c| c.status.as_str() != "ok") {
                let status = if check.status.is_problem() {
                    paint.bad(check.status.as_str())
                } else {
                    paint.warn(check.status.as_str())
                };
                println!("  {} {status}: {}", check.header, check.message);
            }
            for why in &result.not_from_cobinar {
                println!("  {} {why}", paint.warn("not from Cobinar:"));
            }
            for cause in diagnosis::for_verdict(result.verdict, secret_text, &body, &headers) {
                println!("  {} {}", paint.bold(cause.cause.as_str()), cause.finding);
                println!("    {} {}", paint.dim("fix:"), cause.fix);
            }
        }
        let note = format!("Captured by webhook-echo listen: {method} {target} at {}.", format_utc_millis(now));
        let work = Work { body: &body, headers: &header_lines, event: None, note: &note };
        let fixture = Fixture::of(work, secret_text, SecretChoice::LeaveOut);
        println!("  open: {}#{}", args.page, fixture_link::encode(&fixture));
        let response = match (&forward, &client) {
            (Some(endpoint), Some(client)) => {
                let passed = received
                    .iter()
                    .filter(|(n, _)| !HOP_BY_HOP.contains(&n.to_ascii_lowercase().as_str()))
                    .map(|(n, v)| (n.as_str(), v.as_bytes()));
                let reply = client.post(&endpoint.url, passed, &body);
                match reply.answer {
                    Answer::Status(status) => {
                        println!("  forwarded: {status} in {}", duration(reply.millis));
                        let mut response = tiny_http::Response::from_data(reply.body).with_status_code(status);
                        for (name, value) in &reply.headers {
                            if HOP_BY_HOP.contains(&name.as_str()) {
                                continue;
                            }
                            if let Ok(header) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_slice()) {
                                response.add_header(header);
                            }
                        }
                        response
                    }
                    Answer::TimedOut => {
                        println!("  {} no answer from {} within 8 s", paint.bad("forwarded:"), endpoint.url);
                        tiny_http::Response::from_string("webhook-echo: the receiver did not answer within 8 s")
                            .with_status_code(504)
                    }
                    Answer::Unreachable(why) => {
                        println!("  {} {why}", paint.bad("forward failed:"));
                        tiny_http::Response::from_string(format!("webhook-echo: cannot reach the receiver: {why}"))
                            .with_status_code(502)
                    }
                }
            }
            _ => match &result {
                Some(r) if r.verdict != Verdict::Valid => {
                    tiny_http::Response::from_string("invalid signature").with_status_code(401)
                }
                _ => tiny_http::Response::from_string("ok").with_status_code(200),
            },
        };
        if let Err(e) = request.respond(response) {
            println!("  {} {e}", paint.bad("could not answer:"));
        }
    }
    Ok(ExitCode::SUCCESS)
}
