//! The receiver code the page offers. The page shows these very files, and tests/receivers.rs
//! runs them as servers, so what a person copies is what was proven.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReceiverSnippet {
    /// Stable id: `snippet-<id>` is the tab's `data-testid`.
    pub id: &'static str,
    pub label: &'static str,
    pub file: &'static str,
    pub code: &'static str,
    /// What to install, and where the dependencies are declared.
    pub setup: &'static str,
    pub run: &'static str,
}

pub const RECEIVER_SNIPPETS: [ReceiverSnippet; 4] = [
    ReceiverSnippet {
        id: "node",
        label: "Node · Express",
        file: "server.js",
        code: include_str!("../../snippets/node/server.js"),
        setup: "npm install express",
        run: "COBINAR_WEBHOOK_SECRET=… node server.js",
    },
    ReceiverSnippet {
        id: "python",
        label: "Python · Flask",
        file: "server.py",
        code: include_str!("../../snippets/python/server.py"),
        setup: "pip install flask",
        run: "COBINAR_WEBHOOK_SECRET=… python server.py",
    },
    ReceiverSnippet {
        id: "go",
        label: "Go · net/http",
        file: "main.go",
        code: include_str!("../../snippets/go/main.go"),
        setup: "go mod init receiver   # standard library only",
        run: "COBINAR_WEBHOOK_SECRET=… go run .",
    },
    ReceiverSnippet {
        id: "rust",
        label: "Rust · axum",
        file: "src/main.rs",
        code: include_str!("../../snippets/rust/src/main.rs"),
        setup: "cargo add axum@0.8 hex hmac@0.12 sha2@0.10 serde_json serde --features serde/derive tokio --features tokio/macros,tokio/rt-multi-thread,tokio/net",
        run: "COBINAR_WEBHOOK_SECRET=… cargo run --release",
    },
];

/// The snippet whose stable `id` is `id`; `None` for any other text.
pub fn by_id(id: &str) -> Option<&'static ReceiverSnippet> {
    RECEIVER_SNIPPETS.iter().find(|snippet| snippet.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the issue asks of every snippet, checked in its text: raw body, verify before
    /// parsing, 401 on a bad signature, dedupe by event id, and no plain string comparison.
    #[test]
    fn every_snippet_verifies_before_parsing_and_dedupes() {
        for snippet in RECEIVER_SNIPPETS {
            let code = snippet.code.to_ascii_lowercase();
            let verify = ["timingsafeequal", "compare_digest", "hmac.equal", "verify_slice"]
                .iter()
                .filter_map(|f| code.find(f))
                .min()
                .unwrap_or_else(|| panic!("{}: no constant-time comparison", snippet.id));
            let parse = ["json.parse", "json.loads", "json.unmarshal", "serde_json::from_slice"]
                .iter()
                .filter_map(|f| code.rfind(f))
                .max()
                .unwrap_or_else(|| panic!("{}: never parses the body", snippet.id));
            assert!(verify < parse, "{}: parses before verifying", snippet.id);
            assert!(code.contains("401") || code.contains("unauthorized"), "{}: no 401", snippet.id);
            assert!(code.contains("x-cobinar-event-id") && code.contains("duplicate"), "{}: no dedupe", snippet.id);
            assert!(!code.contains("express.json("), "{}: parses JSON before verifying", snippet.id);
        }
        assert_eq!(by_id("go").map(|s| s.file), Some("main.go"));
    }

    /// The test packs import each snippet's verify function by the documentation's name, in the
    /// language's own spelling (tests/test_packs.rs runs every pack against it).
    #[test]
    fn every_snippet_exports_its_verify_function_for_the_test_pack() {
        let exported = [
            ("node", "module.exports = { verifyWebhook"),
            ("python", "def verify_webhook(raw_body: bytes, signature_header"),
            ("go", "func VerifyWebhook(body []byte, header string, secret string) bool"),
            ("rust", "pub fn verify_webhook(body: &[u8], header: Option<&str>, secret: &str) -> bool"),
        ];
        for (id, declaration) in exported {
            let code = by_id(id).map(|s| s.code).unwrap_or_default();
            assert!(code.contains(declaration), "{id}: {declaration}");
        }
        let node = by_id("node").map(|s| s.code).unwrap_or_default();
        assert!(node.contains("if (require.main === module)"), "node: listens only when run itself");
    }
}
