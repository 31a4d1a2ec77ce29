//! The receiver's URL, as the person types it, read into what an HTTP request needs.

use std::fmt;

/// The documentation's example route on a local development server.
pub const DEFAULT_ENDPOINT: &str = "http://localhost:3000/webhooks/auth";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// The URL as given (trimmed), used verbatim in commands.
    pub url: String,
    /// `host` or `host:port`, for the `host` header.
    pub authority: String,
    /// Path and query, for the request line; `/` when the URL has none.
    pub target: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EndpointError {
    Empty,
    Scheme,
    NoHost,
    /// Whitespace or a control character inside the URL.
    BadCharacter {
        position: usize,
    },
}

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => write!(f, "Enter the URL your server receives webhooks on."),
            Self::Scheme => write!(f, "The URL must start with http:// or https://."),
            Self::NoHost => write!(f, "The URL has no host after the scheme."),
            Self::BadCharacter { position } => {
                write!(f, "Character {} of the URL is a space or a control character; encode it.", position + 1)
            }
        }
    }
}

impl Endpoint {
    pub fn parse(text: &str) -> Result<Self, EndpointError> {
        let url = text.trim();
        if url.is_empty() {
            return Err(EndpointError::Empty);
        }
        if let Some(position) = url.chars().position(|c| c.is_whitespace() || c.is_control()) {
            return Err(EndpointError::BadCharacter { position });
        }
        let lower = url.to_ascii_lowercase();
        let rest = if lower.starts_with("http://") {
            &url[7..]
        } else if lower.starts_with("https://") {
            &url[8..]
        } else {
            return Err(EndpointError::Scheme);
        };
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let authority = &rest[..end];
        // Credentials in a URL are not sent as part of the host.
        let authority = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
        if authority.is_empty() || authority.starts_with(':') {
            return Err(EndpointError::NoHost);
        }
        let path_and_query = rest[end..].split('#').next().unwrap_or_default();
        let target =
            if path_and_query.starts_with('/') { path_and_query.to_string() } else { format!("/{path_and_query}") };
        Ok(Self { url: url.to_string(), authority: authority.to_string(), target })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_default_and_other_shapes() {
        let endpoint = Endpoint::parse(DEFAULT_ENDPOINT).unwrap();
        assert_eq!((endpoint.authority.as_str(), endpoint.target.as_str()), ("localhost:3000", "/webhooks/auth"));
        let endpoint = Endpoint::parse(" https://hooks.example.com?x=1#frag ").unwrap();
        assert_eq!((endpoint.authority.as_str(), endpoint.target.as_str()), ("hooks.example.com", "/?x=1"));
        assert_eq!(endpoint.url, "https://hooks.example.com?x=1#frag");
        let endpoint = Endpoint::parse("HTTP://user:pw@[::1]:8080/a/b?c=d").unwrap();
        assert_eq!((endpoint.authority.as_str(), endpoint.target.as_str()), ("[::1]:8080", "/a/b?c=d"));
    }

    #[test]
    fn says_what_is_wrong() {
        assert_eq!(Endpoint::parse(""), Err(EndpointError::Empty));
        assert_eq!(Endpoint::parse("localhost:3000/webhooks"), Err(EndpointError::Scheme));
        assert_eq!(Endpoint::parse("http:///webhooks"), Err(EndpointError::NoHost));
        assert_eq!(Endpoint::parse("http://a b/"), Err(EndpointError::BadCharacter { position: 8 }));
    }
}
