//! Records the commit the binary is built from, for `webhook-echo --version`: the release
//! workflow's `WEBHOOK_ECHO_COMMIT`, else the checkout's `HEAD`, else the commit that `cargo
//! publish` wrote into `.cargo_vcs_info.json` (a crate from crates.io has no `.git`), else
//! "unknown commit". Nothing else is read, and a failure is never a build failure.

use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=WEBHOOK_ECHO_COMMIT");
    let commit = std::env::var("WEBHOOK_ECHO_COMMIT")
        .ok()
        .filter(|c| !c.trim().is_empty())
        .or_else(from_git)
        .or_else(from_vcs_info)
        .map_or_else(|| "unknown commit".to_string(), |c| format!("commit {}", short(&c)));
    println!("cargo:rustc-env=WEBHOOK_ECHO_COMMIT={commit}");
}

fn short(commit: &str) -> String {
    commit.trim().chars().filter(char::is_ascii_alphanumeric).take(12).collect()
}

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    (out.status.success() && !text.trim().is_empty()).then(|| text.trim().to_string())
}

fn from_git() -> Option<String> {
    // Only this checkout's own repository: not one that happens to contain the crate's folder.
    let top = git(&["rev-parse", "--show-toplevel"])?;
    let here = std::env::var("CARGO_MANIFEST_DIR").ok()?;
    if Path::new(&top).canonicalize().ok()? != Path::new(&here).canonicalize().ok()? {
        return None;
    }
    // Built again when HEAD moves: its file, the branch it names, and the packed refs.
    for path in ["HEAD", "packed-refs"] {
        if let Some(file) = git(&["rev-parse", "--git-path", path]) {
            println!("cargo:rerun-if-changed={file}");
        }
    }
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
        if let Some(file) = git(&["rev-parse", "--git-path", &branch]) {
            println!("cargo:rerun-if-changed={file}");
        }
    }
    git(&["rev-parse", "HEAD"])
}

fn from_vcs_info() -> Option<String> {
    let text = std::fs::read_to_string(".cargo_vcs_info.json").ok()?;
    let after = text.split("\"sha1\"").nth(1)?;
    let value = after.split('"').nth(1)?;
    Some(value.to_string())
}
