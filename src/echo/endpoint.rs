//! The receiver's URL, as the person types it, read into what an HTTP request needs, and the
//! host policy: which endpoints are local (`is_local`) and a URL as printed (`without_credentials`).

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

/// What is wrong with the endpoint as typed. A `position` counts characters (code points) from 0
/// in the text as typed, leading spaces included, because that is what the field shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EndpointError {
    Empty,
    Scheme,
    NoHost,
    /// Whitespace or a control character inside the URL.
    BadCharacter {
        position: usize,
    },
    /// A character drawn as nothing, or one that reorders how the text around it is drawn: the
    /// URL the person reads is not the one that would be sent (Unicode's
    /// Default_Ignorable_Code_Point, bidirectional controls included).
    Invisible {
        position: usize,
        character: char,
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
            Self::Invisible { position, character } => {
                write!(f, "The endpoint contains U+{:04X}", u32::from(*character))?;
                if let Some(name) = crate::protocol::invisible_names::invisible_name(*character) {
                    write!(f, " {name}")?;
                }
                let effect = if reorders(*character) {
                    "makes text display in another order than it is sent"
                } else {
                    "cannot be seen but would be sent"
                };
                write!(f, " at character {}, which {effect}: retype the URL, or write it as ", position + 1)?;
                for byte in character.encode_utf8(&mut [0; 4]).bytes() {
                    write!(f, "%{byte:02X}")?;
                }
                write!(f, " if it is meant to be there.")
            }
        }
    }
}

/// Whether `c` shows as nothing (or only as a change of direction) yet is part of the URL: the
/// page's one table of such characters, which the header rows and the Bytes view use too.
fn is_invisible(c: char) -> bool {
    crate::protocol::invisible_chars::is_default_ignorable(c)
}

/// Unicode's Bidi_Control: the marks, embeddings, overrides and isolates that change the order in
/// which the characters around them are displayed, the Trojan Source trick.
fn reorders(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A URL's text after `scheme://` without any `user:password@` before its host: the last `@`
/// before the first `/`, `?` or `#` ends the credentials (an `@` after those is the path's or the
/// query's). Credentials are not sent as part of the host, and the command never prints them.
pub fn after_credentials(after_scheme: &str) -> &str {
    let end = after_scheme.find(['/', '?', '#']).unwrap_or(after_scheme.len());
    after_scheme[..end].rfind('@').map_or(after_scheme, |at| &after_scheme[at + 1..])
}

impl Endpoint {
    /// Reads the URL as typed, trimmed: http or https in any case, a non-empty host, and no
    /// space, control or invisible character inside. `authority` drops any credentials and
    /// `target` the fragment; the host itself is not checked further.
    pub fn parse(text: &str) -> Result<Self, EndpointError> {
        let url = text.trim();
        if url.is_empty() {
            return Err(EndpointError::Empty);
        }
        let leading = text[..text.len() - text.trim_start().len()].chars().count();
        for (index, character) in url.chars().enumerate() {
            let position = leading + index;
            if character.is_whitespace() || character.is_control() {
                return Err(EndpointError::BadCharacter { position });
            }
            if is_invisible(character) {
                return Err(EndpointError::Invisible { position, character });
            }
        }
        let lower = url.to_ascii_lowercase();
        let rest = if lower.starts_with("http://") {
            &url[7..]
        } else if lower.starts_with("https://") {
            &url[8..]
        } else {
            return Err(EndpointError::Scheme);
        };
        let rest = after_credentials(rest);
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let authority = &rest[..end];
        if authority.is_empty() || authority.starts_with(':') {
            return Err(EndpointError::NoHost);
        }
        let tail = &rest[end..];
        let path_and_query = tail.split_once('#').map_or(tail, |(before, _fragment)| before);
        let target =
            if path_and_query.starts_with('/') { path_and_query.to_string() } else { format!("/{path_and_query}") };
        Ok(Self { url: url.to_string(), authority: authority.to_string(), target })
    }
}

/// Whether the endpoint is this machine or a private network (RFC 1918 and unique-local
/// addresses): the tool sends genuine signed deliveries elsewhere only when asked. Only the exact
/// name `localhost` counts among names: any other (`evil.localhost`, `localhost.`) is resolved by
/// the system's resolver, which may ask DNS, so it counts as elsewhere. Link-local addresses
/// count as elsewhere too: `169.254.169.254` is a cloud's metadata service, not a receiver.
pub fn is_local(endpoint: &Endpoint) -> bool {
    let authority = endpoint.authority.as_str();
    let host = if let Some(rest) = authority.strip_prefix('[') {
        rest.split_once(']').map_or(rest, |(host, _)| host)
    } else {
        authority.rsplit_once(':').map_or(authority, |(host, _)| host)
    };
    let host = host.to_ascii_lowercase();
    if host == "localhost" {
        return true;
    }
    let private_v4 = |v4: std::net::Ipv4Addr| v4.is_loopback() || v4.is_private() || v4.is_unspecified();
    if let Ok(v4) = host.parse::<std::net::Ipv4Addr>() {
        return private_v4(v4);
    }
    if let Ok(v6) = host.parse::<std::net::Ipv6Addr>() {
        let first = v6.segments()[0];
        return v6.is_loopback()
            || v6.is_unspecified()
            || (first & 0xfe00) == 0xfc00
            || v6.to_ipv4_mapped().is_some_and(private_v4);
    }
    false
}

/// A URL as the command prints it: any `user:password@` taken out, as it is a credential.
pub fn without_credentials(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    format!("{scheme}://{}", after_credentials(rest))
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
    fn credentials_end_at_the_last_at_before_the_path() {
        for (after_scheme, host_on) in [
            ("user:pw@[::1]:8080/a/b?c=d", "[::1]:8080/a/b?c=d"),
            ("a@b@hooks.example.com/x?y=@z", "hooks.example.com/x?y=@z"),
            ("127.0.0.1/a@b", "127.0.0.1/a@b"),
            ("h?q=@x", "h?q=@x"),
            ("h#@x", "h#@x"),
            ("u@", ""),
            ("", ""),
        ] {
            assert_eq!(after_credentials(after_scheme), host_on, "{after_scheme}");
        }
        // What is sent and what is printed agree on where the host starts.
        let endpoint = Endpoint::parse("http://a@b@hooks.example.com/x@y").unwrap();
        assert_eq!((endpoint.authority.as_str(), endpoint.target.as_str()), ("hooks.example.com", "/x@y"));
        assert_eq!(Endpoint::parse("http://user@/x"), Err(EndpointError::NoHost));
    }

    #[test]
    fn says_what_is_wrong() {
        assert_eq!(Endpoint::parse(""), Err(EndpointError::Empty));
        assert_eq!(Endpoint::parse("localhost:3000/webhooks"), Err(EndpointError::Scheme));
        assert_eq!(Endpoint::parse("http:///webhooks"), Err(EndpointError::NoHost));
        assert_eq!(Endpoint::parse("http://a b/"), Err(EndpointError::BadCharacter { position: 8 }));
    }

    #[test]
    fn positions_count_from_the_text_as_typed() {
        // The field shows the leading spaces, so the count a person makes includes them.
        assert_eq!(Endpoint::parse(" \t http://a b/"), Err(EndpointError::BadCharacter { position: 11 }));
        assert_eq!(
            Endpoint::parse("  http://é.example/\u{200B}"),
            Err(EndpointError::Invisible { position: 19, character: '\u{200B}' })
        );
        // A byte order mark is not whitespace, so a URL pasted from the start of a file keeps it.
        assert_eq!(
            Endpoint::parse("\u{FEFF}http://a/"),
            Err(EndpointError::Invisible { position: 0, character: '\u{FEFF}' })
        );
    }

    #[test]
    fn refuses_invisible_and_reordering_characters_naming_them() {
        // (character, the name the message gives it, whether it reorders the text around it)
        let cases = [
            ('\u{200B}', Some("ZERO WIDTH SPACE"), false),
            ('\u{200C}', Some("ZERO WIDTH NON-JOINER"), false),
            ('\u{200D}', Some("ZERO WIDTH JOINER"), false),
            ('\u{200E}', Some("LEFT-TO-RIGHT MARK"), true),
            ('\u{200F}', Some("RIGHT-TO-LEFT MARK"), true),
            ('\u{202A}', Some("LEFT-TO-RIGHT EMBEDDING"), true),
            ('\u{202B}', Some("RIGHT-TO-LEFT EMBEDDING"), true),
            ('\u{202C}', Some("POP DIRECTIONAL FORMATTING"), true),
            ('\u{202D}', Some("LEFT-TO-RIGHT OVERRIDE"), true),
            ('\u{202E}', Some("RIGHT-TO-LEFT OVERRIDE"), true),
            ('\u{2066}', Some("LEFT-TO-RIGHT ISOLATE"), true),
            ('\u{2067}', Some("RIGHT-TO-LEFT ISOLATE"), true),
            ('\u{2068}', Some("FIRST STRONG ISOLATE"), true),
            ('\u{2069}', Some("POP DIRECTIONAL ISOLATE"), true),
            ('\u{FEFF}', Some("BYTE ORDER MARK"), false),
            ('\u{00AD}', Some("SOFT HYPHEN"), false),
            ('\u{2060}', Some("WORD JOINER"), false),
            ('\u{180E}', Some("MONGOLIAN VOWEL SEPARATOR"), false),
            ('\u{061C}', Some("ARABIC LETTER MARK"), true),
            ('\u{2062}', Some("INVISIBLE TIMES"), false),
            ('\u{3164}', Some("HANGUL FILLER"), false),
            ('\u{FE0F}', Some("VARIATION SELECTOR"), false),
            ('\u{E0041}', Some("TAG CHARACTER"), false),
            ('\u{2065}', Some("DEFAULT IGNORABLE CHARACTER"), false),
        ];
        for (character, name, reorders) in cases {
            // 22 characters before it: it is character 23.
            let error = Endpoint::parse(&format!("https://example.com/ab{character}c")).unwrap_err();
            assert_eq!(error, EndpointError::Invisible { position: 22, character });
            let named = name.map_or(String::new(), |name| format!(" {name}"));
            let effect = if reorders {
                "makes text display in another order than it is sent"
            } else {
                "cannot be seen but would be sent"
            };
            let encoded: String = character.to_string().bytes().map(|b| format!("%{b:02X}")).collect();
            assert_eq!(
                error.to_string(),
                format!(
                    "The endpoint contains U+{:04X}{named} at character 23, which {effect}: retype the URL, or write it as {encoded} if it is meant to be there.",
                    u32::from(character)
                )
            );
        }
        assert_eq!(
            Endpoint::parse("https://example.com/ab\u{202E}c").unwrap_err().to_string(),
            "The endpoint contains U+202E RIGHT-TO-LEFT OVERRIDE at character 23, which makes text display in another order than it is sent: retype the URL, or write it as %E2%80%AE if it is meant to be there."
        );
    }

    #[test]
    fn the_refused_set_is_default_ignorable_and_no_wider() {
        // Each range of Default_Ignorable_Code_Point at both ends, then characters just outside
        // them (all visible), so an edited range shows here.
        let refused = [
            '\u{00AD}',
            '\u{034F}',
            '\u{061C}',
            '\u{115F}',
            '\u{1160}',
            '\u{17B4}',
            '\u{17B5}',
            '\u{180B}',
            '\u{180F}',
            '\u{200B}',
            '\u{200F}',
            '\u{202A}',
            '\u{202E}',
            '\u{2060}',
            '\u{206F}',
            '\u{3164}',
            '\u{FE00}',
            '\u{FE0F}',
            '\u{FEFF}',
            '\u{FFA0}',
            '\u{FFF0}',
            '\u{FFF8}',
            '\u{1BCA0}',
            '\u{1BCA3}',
            '\u{1D173}',
            '\u{1D17A}',
            '\u{E0000}',
            '\u{E0FFF}',
        ];
        for character in refused {
            let text = format!("http://a/{character}");
            assert!(matches!(Endpoint::parse(&text), Err(EndpointError::Invisible { .. })), "{character:?}");
        }
        let accepted = [
            '\u{00AC}',
            '\u{00AE}',
            '\u{034E}',
            '\u{0350}',
            '\u{061B}',
            '\u{061D}',
            '\u{115E}',
            '\u{1161}',
            '\u{17B3}',
            '\u{17B6}',
            '\u{180A}',
            '\u{1810}',
            '\u{2010}',
            '\u{2027}',
            '\u{2030}',
            '\u{205E}',
            '\u{2070}',
            '\u{3163}',
            '\u{3165}',
            '\u{FDFF}',
            '\u{FE10}',
            '\u{FEFE}',
            '\u{FF9F}',
            '\u{FFA1}',
            '\u{FFEF}',
            '\u{FFFD}',
            '\u{1BC9F}',
            '\u{1BCA4}',
            '\u{1D172}',
            '\u{1D17B}',
            '\u{DFFFF}',
            '\u{E1000}',
            'é',
            'ß',
            '☕',
            'و',
        ];
        for character in accepted {
            let text = format!("http://a/{character}");
            assert_eq!(Endpoint::parse(&text).map(|e| e.target), Ok(format!("/{character}")), "{character:?}");
        }
    }

    #[test]
    fn keeps_what_curl_would_glob_as_typed() {
        // Brackets are legal in a query and braces appear in real paths: kept, and the commands
        // turn curl's globbing off (commands::curl).
        let endpoint = Endpoint::parse("http://127.0.0.1:8080/hooks/{a,b}[1-4]?ids=[0-9]").unwrap();
        assert_eq!(
            (endpoint.authority.as_str(), endpoint.target.as_str()),
            ("127.0.0.1:8080", "/hooks/{a,b}[1-4]?ids=[0-9]")
        );
    }

    #[test]
    fn local_endpoints() {
        let local = |url: &str| Endpoint::parse(url).map(|e| is_local(&e)).unwrap_or(false);
        for url in [
            "http://localhost:3000/webhooks/auth",
            "http://LOCALHOST/",
            "http://127.0.0.1:9/",
            "http://127.8.0.1/",
            "http://10.1.2.3/",
            "http://172.16.0.1/",
            "http://172.31.255.255/",
            "http://192.168.1.10:8080/",
            "http://[::1]:3000/",
            "http://[fd00::1]/",
            "http://user:pw@127.0.0.1/",
        ] {
            assert!(local(url), "{url}");
        }
        for url in [
            "https://hooks.example.com/",
            "http://172.32.0.1/",
            "http://8.8.8.8/",
            "http://192.169.0.1/",
            "http://[2001:db8::1]/",
            "http://localhost.example.com/",
            "http://127.0.0.1.nip.io/",
            // Resolved by the system, which may ask DNS.
            "http://evil.localhost/",
            "http://localhost./",
            // Link-local: a cloud's metadata service answers there.
            "http://169.254.169.254/latest/meta-data/",
            "http://169.254.0.1/",
            "http://[fe80::1]/",
            "http://[::ffff:169.254.169.254]/",
        ] {
            assert!(!local(url), "{url}");
        }
    }

    #[test]
    fn printed_urls_leave_credentials_out() {
        for (url, shown) in [
            ("http://user:pass@127.0.0.1:3000/hooks", "http://127.0.0.1:3000/hooks"),
            ("https://a@b@hooks.example.com/x?y=@z", "https://hooks.example.com/x?y=@z"),
            ("http://127.0.0.1/a@b", "http://127.0.0.1/a@b"),
            ("http://[::1]:9/", "http://[::1]:9/"),
        ] {
            assert_eq!(without_credentials(url), shown, "{url}");
        }
    }
}
