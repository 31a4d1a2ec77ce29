//! The `webhook-echo` command: the page's core in a terminal (src/cli). The page itself is the
//! `webhook-echo-page` binary (src/bin/page.rs), built by trunk.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

// The command needs a network and a terminal: on wasm32 there is nothing to run.
#[cfg(target_arch = "wasm32")]
fn main() {}
