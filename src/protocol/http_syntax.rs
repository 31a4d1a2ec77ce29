//! HTTP/1.1's syntax that more than one reader needs: what a token is.

/// An HTTP token (RFC 9110 §5.6.2): a method or a header name.
pub fn is_token(text: impl AsRef<[u8]>) -> bool {
    let bytes = text.as_ref();
    !bytes.is_empty() && bytes.iter().all(|&b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

#[cfg(test)]
mod tests;
