//! The fingerprint one-liners the page offers (`inspect::fingerprint_commands`), run as a person
//! pastes them: through `sh -c`, with `COBINAR_WEBHOOK_SECRET` set to secrets a shell or an
//! environment file could mangle. Each must print the page's fingerprint, and refuse an unset
//! variable. Ignored by a plain `cargo test` (it needs Node, Python 3, Go and openssl);
//! `make test-receivers` runs it.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use std::process::Command;

use webhook_echo::inspect::fingerprint_commands::COMMANDS;
use webhook_echo::verify::fingerprint::fingerprint;

const SECRETS: &[&str] = &[
    "whsec_plain_5e1f",
    "It's a Secret to Everybody",
    "  spaces inside and around  ",
    r#"quotes ' and " and `backticks`"#,
    "$HOME $(echo no) ${PATH} \\n %s %d -n",
    "naïve ✓ 秘密 é",
    "whsec_trailing_newline\n",
    "whsec_crlf\r\n",
    "\twhsec_tab",
    "",
];

fn run(command: &str, secret: Option<&str>) -> std::process::Output {
    let mut sh = Command::new("sh");
    sh.arg("-c").arg(command).env_remove("COBINAR_WEBHOOK_SECRET");
    if let Some(secret) = secret {
        sh.env("COBINAR_WEBHOOK_SECRET", secret);
    }
    sh.output().unwrap_or_else(|e| panic!("could not run sh: {e}"))
}

#[test]
#[ignore = "needs node, python3, go and openssl; make test-receivers runs it"]
fn each_command_prints_the_pages_fingerprint() {
    for c in COMMANDS {
        for secret in SECRETS {
            let out = run(c.command, Some(secret));
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "{}, secret {secret:?}: {}\n{stderr}", c.language, out.status);
            assert_eq!(
                String::from_utf8_lossy(&out.stdout),
                format!("{}\n", fingerprint(secret)),
                "{}, secret {secret:?}; stderr: {stderr}",
                c.language
            );
        }
    }
}

#[test]
#[ignore = "needs node, python3, go and openssl; make test-receivers runs it"]
fn each_command_refuses_an_unset_variable() {
    for c in COMMANDS {
        let out = run(c.command, None);
        assert!(!out.status.success(), "{} succeeded without the variable", c.language);
        assert!(out.stdout.is_empty(), "{} printed {:?}", c.language, String::from_utf8_lossy(&out.stdout));
    }
}
