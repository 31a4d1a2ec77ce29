//! One POST with Cobinar's timeout, for `send`, `check` and `listen --forward-to`.

use std::cell::RefCell;
use std::time::{Duration, Instant};

use ureq::unversioned::resolver::DefaultResolver;
use ureq::unversioned::transport::{Buffers, ConnectionDetails, Connector, DefaultConnector, NextTimeout, Transport};
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
    /// The first bytes read on the connection (at most `CAME_BACK_BYTES`): what a reply that is
    /// not HTTP said, where `answer` has only the client's complaint about it.
    pub came_back: Vec<u8>,
}

/// How much of what comes back on a connection is kept for the words of a broken answer.
const CAME_BACK_BYTES: usize = 256;

thread_local! {
    /// The bytes read during this thread's current `post`: ureq's blocking calls run their
    /// transport on the calling thread, so each `post` sees its own.
    static CAME_BACK: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// The last link of the connector chain: wraps each connection (after TLS, so the bytes are
/// the HTTP ones) in a `Recording`.
#[derive(Debug)]
struct Recorder;

impl Connector<Box<dyn Transport>> for Recorder {
    type Out = Recording;

    fn connect(
        &self,
        _: &ConnectionDetails,
        chained: Option<Box<dyn Transport>>,
    ) -> Result<Option<Self::Out>, ureq::Error> {
        Ok(chained.map(Recording))
    }
}

/// A connection that copies the first bytes it reads into `CAME_BACK`, and is otherwise the
/// connection it wraps.
#[derive(Debug)]
struct Recording(Box<dyn Transport>);

impl Transport for Recording {
    fn buffers(&mut self) -> &mut dyn Buffers {
        self.0.buffers()
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), ureq::Error> {
        self.0.transmit_output(amount, timeout)
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, ureq::Error> {
        let before = self.0.buffers().input().len();
        let result = self.0.await_input(timeout);
        let read = self.0.buffers().input().get(before..).unwrap_or_default();
        CAME_BACK.with(|kept| {
            let mut kept = kept.borrow_mut();
            let room = CAME_BACK_BYTES.saturating_sub(kept.len());
            kept.extend(read.iter().take(room));
        });
        result
    }

    fn is_open(&mut self) -> bool {
        self.0.is_open()
    }

    fn is_tls(&self) -> bool {
        self.0.is_tls()
    }
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
        // ureq's own connections, each wrapped to keep its first bytes (`Recording`).
        let connector = DefaultConnector::new().chain(Recorder);
        Self { agent: ureq::Agent::with_parts(builder.build(), connector, DefaultResolver::default()) }
    }

    pub fn post<'a>(&self, url: &str, headers: impl IntoIterator<Item = (&'a str, &'a [u8])>, body: &[u8]) -> Reply {
        CAME_BACK.with(|kept| kept.borrow_mut().clear());
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
        let came_back = CAME_BACK.with(|kept| std::mem::take(&mut *kept.borrow_mut()));
        match result {
            Ok((status, headers, body)) => {
                Reply { answer: Answer::Status(status), millis, headers, body, connected: true, came_back }
            }
            Err(ureq::Error::Timeout(_)) => Reply {
                answer: Answer::TimedOut,
                millis,
                headers: Vec::new(),
                body: Vec::new(),
                connected: true,
                came_back,
            },
            Err(error) => Reply {
                connected: !no_connection(&error),
                answer: Answer::Unreachable(error.to_string()),
                millis,
                headers: Vec::new(),
                body: Vec::new(),
                came_back,
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
