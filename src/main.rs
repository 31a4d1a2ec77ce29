//! One binary, two faces. On wasm32 it mounts the page (trunk builds it; everything else lives
//! in the library). Natively it is the `webhook-echo` command (src/cli), the page's core in a
//! terminal, which `cargo install --path .` installs.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(target_arch = "wasm32")]
fn main() {
    webhook_echo::web::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}
