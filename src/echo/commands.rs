//! A signed delivery written out as what would be sent: the raw HTTP request, and a curl
//! command, an HTTPie command and a `fetch()` call that send exactly those bytes.

use crate::echo::delivery::SignedDelivery;
use crate::echo::endpoint::Endpoint;

/// Every way the page writes one delivery out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendForms {
    pub request: String,
    pub curl: String,
    pub httpie: String,
    pub fetch: String,
    /// The companion command that checks the receiver at this endpoint against Cobinar's whole
    /// contract, which the page cannot do: a browser does not send `x-cobinar-*` headers to
    /// another origin that has not opted in to CORS.
    pub check: String,
}

/// Every form of `delivery` sent to `endpoint`: the request and the three commands each carry all
/// of its headers and its exact body. None holds the secret, only the signature made with it.
pub fn send_forms(delivery: &SignedDelivery, endpoint: &Endpoint) -> SendForms {
    SendForms {
        request: http_request(delivery, endpoint),
        curl: curl(delivery, endpoint),
        httpie: httpie(delivery, endpoint),
        fetch: fetch(delivery, endpoint),
        check: check_command(endpoint),
    }
}

/// `npx webhook-echo check '<url>'`: runs as typed wherever Node is, nothing else installed
/// first (npm fetches the package and its platform's binary). The secret is not in it; the
/// command reads it from `COBINAR_WEBHOOK_SECRET` (never from its arguments).
pub fn check_command(endpoint: &Endpoint) -> String {
    format!("npx webhook-echo check {}", shell_quote(&endpoint.url))
}

/// The one-line installs of the command, by the package manager a person already has, as the
/// page and the README say them: none needs Rust but the last.
pub const INSTALLS: [(&str, &str); 3] =
    [("npm", "npm i -D webhook-echo"), ("pip", "pipx install webhook-echo"), ("cargo", "cargo install webhook-echo")];

/// The request Cobinar would send, byte for byte: CRLF line ends, a blank line, the body.
pub fn http_request(delivery: &SignedDelivery, endpoint: &Endpoint) -> String {
    let mut request = format!("POST {} HTTP/1.1\r\nhost: {}\r\n", endpoint.target, endpoint.authority);
    for (name, value) in &delivery.headers {
        request.push_str(&format!("{name}: {value}\r\n"));
        if *name == "content-type" {
            request.push_str(&format!("content-length: {}\r\n", delivery.body.len()));
        }
    }
    request.push_str("\r\n");
    request.push_str(&delivery.body);
    request
}

/// A POSIX shell word that stands for exactly `text`: single quotes, with each `'` closed,
/// escaped and reopened. Nothing inside single quotes is expanded, newlines included.
pub fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// `curl`, sending the body with `--data-raw` (no `@file` reading, no stripping of newlines).
///
/// `--globoff`, because curl otherwise reads `[1-4]` and `{a,b}` in a URL as globs and sends one
/// request per expansion (eight for `/{a,b}[1-4]`), to targets that were never typed; and
/// `--path-as-is`, because it otherwise removes `/./` and `/x/../` from the path, which the
/// request the page shows keeps. They follow the URL so that the command still starts
/// `curl --request POST '<url>'`.
pub fn curl(delivery: &SignedDelivery, endpoint: &Endpoint) -> String {
    let mut lines =
        vec![format!("curl --request POST {}", shell_quote(&endpoint.url)), "  --globoff --path-as-is".to_string()];
    for (name, value) in &delivery.headers {
        lines.push(format!("  --header {}", shell_quote(&format!("{name}: {value}"))));
    }
    lines.push(format!("  --data-raw {}", shell_quote(&delivery.body)));
    lines.join(" \\\n")
}

/// HTTPie, with the body piped on standard input so that it is sent as is.
///
/// HTTPie does not glob, but it removes `/./` and `/x/../` from the path unless told
/// `--path-as-is`, which it accepts only after the request items. It (like `fetch()`, by the
/// WHATWG URL rules) still percent-encodes characters such as `{` and `}` in the target, which
/// servers decode before routing; only curl sends them as typed.
pub fn httpie(delivery: &SignedDelivery, endpoint: &Endpoint) -> String {
    let mut lines = vec![format!("printf '%s' {} |", shell_quote(&delivery.body))];
    lines.push(format!("  http POST {}", shell_quote(&endpoint.url)));
    for (name, value) in &delivery.headers {
        lines.push(format!("  {}", shell_quote(&format!("{name}:{value}"))));
    }
    lines.push("  --path-as-is".to_string());
    lines.join(" \\\n").replacen(" | \\\n", " |\n", 1)
}

/// A `fetch()` call for Node 18+ or a browser console; strings are JSON-escaped, which is valid
/// JavaScript for any text.
#[expect(clippy::expect_used, reason = "serde_json writes any &str as a JSON string; it has no error to give")]
pub fn fetch(delivery: &SignedDelivery, endpoint: &Endpoint) -> String {
    let js = |text: &str| serde_json::to_string(text).expect("a string serialises");
    let headers: Vec<String> =
        delivery.headers.iter().map(|(name, value)| format!("    {}: {},", js(name), js(value))).collect();
    format!(
        "await fetch({}, {{\n  method: \"POST\",\n  headers: {{\n{}\n  }},\n  body: {},\n}});",
        js(&endpoint.url),
        headers.join("\n"),
        js(&delivery.body)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn delivery(body: &str) -> SignedDelivery {
        SignedDelivery {
            body: body.to_string(),
            headers: vec![("content-type", "application/json".into()), ("x-cobinar-event", "otp.verified".into())],
        }
    }

    fn endpoint() -> Endpoint {
        Endpoint::parse("http://localhost:3000/webhooks/auth").unwrap()
    }

    #[test]
    fn the_request_is_byte_exact() {
        let request = http_request(&delivery("{\"a\":1}"), &endpoint());
        assert_eq!(
            request,
            "POST /webhooks/auth HTTP/1.1\r\nhost: localhost:3000\r\ncontent-type: application/json\r\ncontent-length: 7\r\nx-cobinar-event: otp.verified\r\n\r\n{\"a\":1}"
        );
    }

    #[test]
    fn content_length_counts_bytes_not_characters() {
        let request = http_request(&delivery("é"), &endpoint());
        assert!(request.contains("content-length: 2\r\n"), "{request}");
    }

    #[test]
    fn shell_quoting_survives_quotes_and_expansions() {
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote("$(x) `y` \\ \n"), "'$(x) `y` \\ \n'");
        let curl = curl(&delivery("{\"name\":\"O'Brien\"}"), &endpoint());
        assert!(curl.ends_with(r#"--data-raw '{"name":"O'\''Brien"}'"#), "{curl}");
        assert!(curl.starts_with("curl --request POST 'http://localhost:3000/webhooks/auth' \\\n"));
    }

    #[test]
    fn the_check_command_is_one_word_per_argument_and_carries_no_secret() {
        let endpoint = Endpoint::parse(GLOB_ENDPOINT).unwrap();
        let forms = send_forms(&delivery("{}"), &endpoint);
        assert_eq!(forms.check, r"npx webhook-echo check 'http://127.0.0.1:8080/hooks/{a,b}[1-4]?ids=[0-9]&o'\''k'");
        assert!(!forms.check.contains("secret"), "{}", forms.check);
    }

    #[test]
    fn the_page_and_the_readme_say_the_same_installs() {
        let readme = include_str!("../../README.md");
        for (manager, line) in INSTALLS {
            assert!(line.split_whitespace().next() == Some(manager) || manager == "pip", "{line}");
            assert!(readme.contains(line), "README lacks `{line}`");
        }
        assert!(readme.contains("npx webhook-echo check http://localhost:3000/webhooks/auth"));
    }

    /// Globs, a query with brackets and a quote: what a shell or curl could read as more than text.
    const GLOB_ENDPOINT: &str = "http://127.0.0.1:8080/hooks/{a,b}[1-4]?ids=[0-9]&o'k";

    #[test]
    fn curl_turns_globbing_off_and_quotes_the_url_whole() {
        let command = curl(&delivery("{}"), &Endpoint::parse(GLOB_ENDPOINT).unwrap());
        assert_eq!(
            command,
            "curl --request POST 'http://127.0.0.1:8080/hooks/{a,b}[1-4]?ids=[0-9]&o'\\''k' \\\n  --globoff --path-as-is \\\n  --header 'content-type: application/json' \\\n  --header 'x-cobinar-event: otp.verified' \\\n  --data-raw '{}'"
        );
    }

    #[test]
    fn httpie_and_fetch_keep_a_globbing_url_whole() {
        let endpoint = Endpoint::parse(GLOB_ENDPOINT).unwrap();
        let command = httpie(&delivery("{}"), &endpoint);
        assert!(
            command.contains("\n  http POST 'http://127.0.0.1:8080/hooks/{a,b}[1-4]?ids=[0-9]&o'\\''k' \\\n"),
            "{command}"
        );
        let call = fetch(&delivery("{}"), &endpoint);
        assert!(call.starts_with("await fetch(\"http://127.0.0.1:8080/hooks/{a,b}[1-4]?ids=[0-9]&o'k\", {"), "{call}");
    }

    #[test]
    fn httpie_pipes_the_body() {
        let command = httpie(&delivery("{}"), &endpoint());
        assert_eq!(
            command,
            "printf '%s' '{}' |\n  http POST 'http://localhost:3000/webhooks/auth' \\\n  'content-type:application/json' \\\n  'x-cobinar-event:otp.verified' \\\n  --path-as-is"
        );
    }

    #[test]
    fn fetch_escapes_any_text() {
        let call = fetch(&delivery("{\"q\":\"\\n\"}\n"), &endpoint());
        assert!(call.contains(r#"body: "{\"q\":\"\\n\"}\n","#), "{call}");
        assert!(call.contains(r#""x-cobinar-event": "otp.verified","#), "{call}");
    }
}
