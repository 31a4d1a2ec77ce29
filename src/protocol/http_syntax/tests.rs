use super::*;

#[test]
fn tokens_are_rfc_9110_tchars() {
    for token in ["POST", "x-cobinar-signature", "!#$%&'*+-.^_`|~", "a1", "Z"] {
        assert!(is_token(token), "{token:?}");
        assert!(is_token(token.as_bytes()), "{token:?}");
    }
    for not in ["", "a b", "a:b", "a\tb", "(x)", "a\"", "ü", "a/b", "a,b", "a;b", "[", "{", "@", "=", "\\", "\u{7f}"] {
        assert!(!is_token(not), "{not:?}");
    }
}
