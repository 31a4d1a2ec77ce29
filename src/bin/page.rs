//! The page: mounts it; everything else lives in the library. Built by trunk for wasm32 with
//! the `page` feature (index.html), so that `cargo install --path .` installs only the command.

#[cfg(target_arch = "wasm32")]
fn main() {
    webhook_echo::web::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("webhook-echo's page runs in the browser: `make serve`, then open http://127.0.0.1:8080");
}
