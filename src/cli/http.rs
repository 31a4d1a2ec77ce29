//! One POST with Cobinar's timeout, for `send`, `check` and `listen --forward-to`.

use std::time::{Duration, Instant};

use webhook_echo::echo::contract::Answer;
use webhook_echo::echo::retry::TIMEOUT_MILLIS;

const USER_AGENT: &str = concat!("webhook-echo/", env!("CARGO_PKG_VERSION"));

pub struct Client {
    agent: ureq::Agent,
}

/// What came back, and when.
pub struct Reply {
    pub answer: Answer,
    pub millis: u64,
    pub headers: Vec<(String, Vec<u8>)>,
    pub body: Vec<u8>,
    /// Whether a connection was made: false when nothing listens there or the host is not found,
    /// true when something answered, even with a broken answer.
    pub connected: bool,
}

impl Client {
    /// `proxy` follows HTTP(S)_PROXY for a remote endpoint; a local one is reached directly.
    pub fn new(proxy: bool) -> Self {
        let builder = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_millis(TIMEOUT_MILLIS)))
            .http_status_as_error(false)
            // Cobinar does not follow redirects: a 3xx is an answer, and a failed attempt.
            .max_redirects(0)
            // Only the headers a request is given (and our user-agent where it has none): a
            // forwarded delivery reaches the receiver with the sender's headers, nothing added.
            .user_agent(ureq::config::AutoHeaderValue::None)
            .accept(ureq::config::AutoHeaderValue::None)
            .accept_encoding(ureq::config::AutoHeaderValue::None);
        let builder = if proxy { builder } else { builder.proxy(None) };
        Self { agent: builder.build().into() }
    }

    pub fn post<'a>(&self, url: &str, headers: impl IntoIterator<Item = (&'a str, &'a [u8])>, body: &[u8]) -> Reply {
        let start = Instant::now();
        let headers: Vec<(&str, &[u8])> = headers.into_iter().collect();
        let mut request = self.agent.post(url);
        if !headers.iter().any(|(name, _)| name.eq_ignore_ascii_case("user-agent")) {
            request = request.header("user-agent", USER_AGENT);
        }
        for (name, value) in headers {
            request = request.header(name, value);
        }
        let result = request.send(body).and_then(|response| {
            let status = response.status().as_u16();
            let headers = response
                .headers()
                .iter()
                .map(|(name, value)| (name.as_str().to_string(), value.as_bytes().to_vec()))
                .collect();
            let body = response.into_body().with_config().limit(16 << 20).read_to_vec()?;
            Ok((status, headers, body))
        });
        let millis = u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX);
        match result {
            Ok((status, headers, body)) => {
                Reply { answer: Answer::Status(status), millis, headers, body, connected: true }
            }
            Err(ureq::Error::Timeout(_)) => {
                Reply { answer: Answer::TimedOut, millis, headers: Vec::new(), body: Vec::new(), connected: true }
            }
            Err(error) => Reply {
                connected: !no_connection(&error),
                answer: Answer::Unreachable(error.to_string()),
                millis,
                headers: Vec::new(),
                body: Vec::new(),
            },
        }
    }
}

/// The errors that mean no connection was made at all.
fn no_connection(error: &ureq::Error) -> bool {
    use std::io::ErrorKind;
    match error {
        ureq::Error::HostNotFound | ureq::Error::ConnectionFailed | ureq::Error::ConnectProxyFailed(_) => true,
        ureq::Error::Io(e) => matches!(
            e.kind(),
            ErrorKind::ConnectionRefused
                | ErrorKind::NetworkUnreachable
                | ErrorKind::HostUnreachable
                | ErrorKind::AddrNotAvailable
                | ErrorKind::NotFound
        ),
        _ => false,
    }
}
