//! Mounts the page; everything else lives in the library.

#[cfg(target_arch = "wasm32")]
fn main() {
    webhook_echo::web::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("webhook-echo runs in the browser: `make serve`, then open http://127.0.0.1:8080");
}
