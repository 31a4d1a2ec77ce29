//! The verifier mounted in headless Chromium: inputs set as a person would, the DOM asserted.
#![cfg(target_arch = "wasm32")]
// A test that cannot set up its page should stop right there, loudly.
#![allow(clippy::expect_used, clippy::panic)]

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Document, Element, Event, EventInit, HtmlElement, HtmlInputElement, HtmlTextAreaElement};
use webhook_echo::echo::example::{example_delivery, EXAMPLE_BODY, EXAMPLE_SECRET};
use webhook_echo::web::ui::App;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> Document {
    web_sys::window().and_then(|w| w.document()).expect("a document")
}

/// Mounts a fresh app in its own container and returns the container. Earlier tests' apps are
/// taken out of the document and their saved work cleared, so that each test starts as a first
/// visit does (and element ids are unique again).
fn mount() -> HtmlElement {
    mount_app(false)
}

/// Mounts the app as `ui::start` does, shown in a frame or not.
fn mount_app(framed: bool) -> HtmlElement {
    if let Ok(earlier) = document().query_selector_all("[data-test-root]") {
        for i in 0..earlier.length() {
            if let Some(node) = earlier.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                node.remove();
            }
        }
    }
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.clear();
    }
    let container: HtmlElement = document().create_element("div").expect("div").unchecked_into();
    container.set_attribute("data-test-root", "").expect("attribute");
    document().body().expect("body").append_child(&container).expect("append");
    {
        use leptos::prelude::*;
        leptos::mount::mount_to(container.clone(), move || view! { <App framed=framed /> }).forget();
    }
    container
}

fn find(root: &HtmlElement, testid: &str) -> Element {
    root.query_selector(&format!("[data-testid='{testid}']"))
        .expect("a valid selector")
        .unwrap_or_else(|| panic!("no element with data-testid={testid}"))
}

/// Lets the reactive system run the effects that a change scheduled.
async fn settle() {
    for _ in 0..3 {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .expect("window")
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                .expect("timeout");
        });
        JsFuture::from(promise).await.expect("timer");
    }
}

/// Types a value into an input or text area the way a browser reports it: value, then `input`.
async fn type_into(root: &HtmlElement, testid: &str, value: &str) {
    let element = find(root, testid);
    if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
        input.set_value(value);
    } else if let Some(area) = element.dyn_ref::<HtmlTextAreaElement>() {
        area.set_value(value);
    }
    let init = EventInit::new();
    init.set_bubbles(true);
    element.dispatch_event(&Event::new_with_event_init_dict("input", &init).expect("event")).expect("dispatch");
    settle().await;
}

fn attr(root: &HtmlElement, testid: &str, name: &str) -> String {
    find(root, testid).get_attribute(name).unwrap_or_default()
}

#[wasm_bindgen_test]
async fn starts_incomplete_and_says_what_is_missing() {
    let root = mount();
    settle().await;
    assert_eq!(attr(&root, "verdict", "data-verdict"), "incomplete");
    let text = find(&root, "verdict").text_content().unwrap_or_default();
    assert!(text.contains("the webhook secret"), "{text}");
    // Nothing entered: one prompt says what to paste, in place of a row per header saying missing.
    assert!(root.query_selector("[data-testid=\"first-run\"]").ok().flatten().is_some(), "the first-run prompt");
    assert!(root.query_selector("[data-testid=\"check-x-cobinar-signature\"]").ok().flatten().is_none());
    type_into(&root, "headers", "x").await;
    assert_eq!(attr(&root, "check-x-cobinar-signature", "data-status"), "missing");
    // Masked as a password field is, without being one that password managers offer to keep.
    assert!(find(&root, "secret").class_list().contains("we-masked"));
    assert_eq!(attr(&root, "secret", "autocomplete"), "off");
}

#[wasm_bindgen_test]
async fn typed_delivery_is_valid_then_a_changed_byte_is_invalid() {
    let root = mount();
    let example = example_delivery();
    type_into(&root, "secret", &example.secret).await;
    type_into(&root, "body", &example.body).await;
    type_into(&root, "headers", &example.headers).await;
    assert_eq!(attr(&root, "verdict", "data-verdict"), "valid");
    let expected = find(&root, "expected-signature").text_content().unwrap_or_default();
    assert_eq!(expected, webhook_echo::verify::signature::sign(EXAMPLE_SECRET.as_bytes(), EXAMPLE_BODY.as_bytes()));
    for header in ["signature", "event", "event-id", "timestamp"] {
        assert_eq!(attr(&root, &format!("check-x-cobinar-{header}"), "data-status"), "ok", "{header}");
    }

    type_into(&root, "body", &example.body.replace("918 102", "918 103")).await;
    assert_eq!(attr(&root, "verdict", "data-verdict"), "invalid");
    assert_eq!(attr(&root, "check-x-cobinar-signature", "data-status"), "mismatch");
    let marks = find(&root, "check-x-cobinar-signature").query_selector_all("mark").expect("selector").length();
    assert!(marks > 0, "the differing digits of the signature are highlighted");
}

#[wasm_bindgen_test]
async fn crlf_choice_changes_the_bytes_checked() {
    let root = mount();
    type_into(&root, "body", "a\nb\n").await;
    assert_eq!(find(&root, "body-length").text_content().unwrap_or_default(), "4 bytes");
    let crlf: HtmlInputElement = find(&root, "line-ending-crlf").unchecked_into();
    crlf.click();
    settle().await;
    assert_eq!(find(&root, "body-length").text_content().unwrap_or_default(), "6 bytes");
}

#[wasm_bindgen_test]
async fn event_header_that_disagrees_is_marked() {
    let root = mount();
    let example = example_delivery();
    type_into(&root, "secret", &example.secret).await;
    type_into(&root, "body", &example.body).await;
    type_into(
        &root,
        "headers",
        &example.headers.replace("x-cobinar-event: otp.verified", "x-cobinar-event: otp.failed"),
    )
    .await;
    assert_eq!(attr(&root, "check-x-cobinar-event", "data-status"), "mismatch");
    let marked: Vec<String> = {
        let marks = find(&root, "check-x-cobinar-event").query_selector_all("mark").expect("selector");
        (0..marks.length()).filter_map(|i| marks.item(i)).filter_map(|m| m.text_content()).collect()
    };
    assert_eq!(marked, ["fail", "verifi"]);
}

#[wasm_bindgen_test]
async fn secret_toggle_reveals_and_hides() {
    let root = mount();
    let toggle: HtmlElement = find(&root, "secret-toggle").unchecked_into();
    let masked = || find(&root, "secret").class_list().contains("we-masked");
    assert!(masked(), "masked at first");
    toggle.click();
    settle().await;
    assert!(!masked());
    assert_eq!(attr(&root, "secret", "type"), "text");
    toggle.click();
    settle().await;
    assert!(masked());
}

#[wasm_bindgen_test]
fn js_api_signs_and_verifies() {
    webhook_echo::web::js_api::install();
    let window = web_sys::window().expect("window");
    let api = js_sys::Reflect::get(&window, &"webhookEcho".into()).expect("webhookEcho");
    let call = |name: &str, args: &js_sys::Array| -> Result<JsValue, JsValue> {
        let function: js_sys::Function = js_sys::Reflect::get(&api, &name.into()).expect(name).unchecked_into();
        function.apply(&api, args)
    };
    let signed = call("sign", &js_sys::Array::of2(&"It's a Secret to Everybody".into(), &"Hello, World!".into()));
    assert_eq!(
        signed.ok().and_then(|v| v.as_string()).as_deref(),
        Some("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")
    );
    let bytes = js_sys::Uint8Array::from(&b"Hello, World!"[..]);
    let signed_bytes = call("sign", &js_sys::Array::of2(&"It's a Secret to Everybody".into(), &bytes));
    assert_eq!(
        signed_bytes.ok().and_then(|v| v.as_string()).as_deref(),
        Some("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"),
        "a Uint8Array body is signed as its bytes"
    );
    let bad = call("sign", &js_sys::Array::of2(&"k".into(), &JsValue::from_f64(1.0)));
    assert!(bad.is_err(), "a number is not a body: a TypeError, not a panic");
}

#[wasm_bindgen_test]
async fn an_echo_delivery_loaded_into_the_verifier_is_valid() {
    let root = mount();
    settle().await;
    let click = |testid: &str| find(&root, testid).unchecked_into::<HtmlElement>().click();
    click("tab-echo");
    settle().await;
    let panel = root.query_selector("#panel-echo").expect("selector").expect("the echo panel");
    assert!(panel.get_attribute("hidden").is_none(), "the echo tab shows the echo");
    let request = find(&root, "delivery-request").text_content().unwrap_or_default();
    assert!(request.starts_with("POST /webhooks/auth HTTP/1.1\r\n"), "{request}");
    assert!(find(&root, "demo-secret-note").text_content().unwrap_or_default().contains("whsec_demo_"));
    click("load-into-verifier");
    settle().await;
    assert_eq!(attr(&root, "verdict", "data-verdict"), "valid");
    let secret: HtmlInputElement = find(&root, "secret").unchecked_into();
    assert!(secret.value().starts_with("whsec_demo_"), "the demo secret signs, so the verifier gets it");
}

#[wasm_bindgen_test]
async fn a_panic_leaves_a_way_back_and_keeps_what_was_typed() {
    let root = mount();
    settle().await;
    // Chosen CRLF: the body the page checks, and must keep, is not the box's text but its bytes.
    find(&root, "line-ending-crlf").unchecked_into::<HtmlElement>().click();
    type_into(&root, "body", "{\n\"typed\":\"before the crash\"}").await;
    type_into(&root, "headers", "x-cobinar-event: otp.failed").await;
    // The crash keeper's copy is made by an effect of the same flush that counts the bytes: on a
    // loaded machine that flush can take longer than `settle`, so wait for the count to show the
    // CRLF bytes typed (30) before the crash.
    for _ in 0..100 {
        if find(&root, "body-length").text_content().as_deref() == Some("30 bytes") {
            break;
        }
        settle().await;
    }
    assert_eq!(find(&root, "body-length").text_content().unwrap_or_default(), "30 bytes");
    let by_id = document()
        .get_element_by_id("body")
        .and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok())
        .map(|area| area.value());
    assert_eq!(by_id.as_deref(), Some("{\n\"typed\":\"before the crash\"}"), "the body field holds what was typed");
    // A real panic, in a callback the browser runs (a timer), as a bug in an event handler
    // would. wasm32 panics abort: the app's hook runs (keeps the work, shows the overlay), then
    // the callback traps, which the browser reports as an uncaught error in that task, not in
    // this test. The callback borrows nothing of the app's, so nothing is left half-done; the
    // module is left as any failed test leaves it (std counts the panic as never finished),
    // which the harness already runs on past. Because of that count, no hook can be set after
    // the panic ("cannot modify the panic hook from a panicking thread"), so one hook is set
    // before it: the app's own, from `install_panic_hook`, while armed, and the harness's
    // otherwise, so that a later test's failure still reports as one.
    thread_local!(static ARMED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
    let harness_hook = std::panic::take_hook();
    webhook_echo::web::ui::crash::install_panic_hook();
    let app_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| if ARMED.get() { app_hook(info) } else { harness_hook(info) }));
    ARMED.set(true);
    let bug = wasm_bindgen::closure::Closure::once_into_js(|| {
        if ARMED.get() {
            panic!("a test bug")
        }
    });
    web_sys::window()
        .expect("window")
        .set_timeout_with_callback_and_timeout_and_arguments_0(bug.unchecked_ref(), 0)
        .expect("timeout");
    settle().await;
    ARMED.set(false);
    let overlay = document().query_selector("[data-testid='crash']").expect("selector").expect("the crash overlay");
    let text = overlay.text_content().unwrap_or_default();
    assert!(text.contains("a test bug"), "{text}");
    assert!(text.contains("are kept"), "{text}");
    let focused = document().active_element().and_then(|e| e.get_attribute("data-testid"));
    assert_eq!(focused.as_deref(), Some("crash-reload"), "the way back has the focus");
    let stored = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item("webhook-echo:v2:wip").ok().flatten())
        .unwrap_or_default();
    let kept =
        webhook_echo::share::saved_work::SavedWork::read(&stored, js_sys::Date::now() as i64).expect("kept work");
    assert_eq!(kept.fixture.body, b"{\r\n\"typed\":\"before the crash\"}", "the bytes checked, CRLF and all: {stored}");
    assert_eq!(kept.fixture.headers, "x-cobinar-event: otp.failed");
    webhook_echo::web::ui::crash::show("a second panic");
    assert_eq!(document().query_selector_all("[data-testid='crash']").expect("selector").length(), 1);
    overlay.remove();
}

#[wasm_bindgen_test]
async fn framed_the_page_takes_no_secret() {
    let root = mount_app(true);
    settle().await;
    assert!(find(&root, "framed").text_content().unwrap_or_default().contains("Open webhook-echo directly"));
    let secret: HtmlInputElement = find(&root, "secret").unchecked_into();
    assert!(secret.disabled(), "the secret field is disabled in a frame");
    let include: HtmlInputElement = find(&root, "share-include-secret").unchecked_into();
    assert!(include.disabled());
    let root = mount();
    settle().await;
    assert!(root.query_selector("[data-testid='framed']").expect("selector").is_none());
    assert!(!find(&root, "secret").unchecked_into::<HtmlInputElement>().disabled());
}

/// The browser's PBKDF2 (WebCrypto), which the page seals and unlocks with, makes the core's
/// key: links sealed by either open with the other, and a passphrase typed decomposed (NFD)
/// opens what was sealed composed.
#[wasm_bindgen_test]
async fn the_browsers_pbkdf2_makes_the_cores_key() {
    use webhook_echo::share::secret_box;
    let salt = [7u8; secret_box::SALT_LEN];
    for passphrase in ["correct horse battery staple", "Crème brûlée für Zoë"] {
        let started = js_sys::Date::now();
        let browser = webhook_echo::web::ui::seal::derive_key(passphrase, &salt).await.expect("WebCrypto PBKDF2");
        let webcrypto_ms = js_sys::Date::now() - started;
        let started = js_sys::Date::now();
        let core = secret_box::derive_key(passphrase, &salt);
        let crate_ms = js_sys::Date::now() - started;
        // The choice of WebCrypto over the crate (ARCHITECTURE.md) rests on these figures.
        web_sys::console::log_1(
            &format!("PBKDF2 600,000 rounds: WebCrypto {webcrypto_ms} ms, pbkdf2 crate in wasm {crate_ms} ms").into(),
        );
        assert_eq!(browser, core, "{passphrase}");
    }
    // A vector CPython's hashlib computes: the browser's side, checked independently of ours.
    let salt: [u8; secret_box::SALT_LEN] = std::array::from_fn(|i| i as u8);
    let browser = webhook_echo::web::ui::seal::derive_key("correct horse battery staple", &salt).await.expect("PBKDF2");
    assert_eq!(hex::encode(browser), "ef177144eec9420cbc1093d2a8b344a92bc506d0d4ec9c028dd19f8324d8c1e6");
    let decomposed = "Cre\u{300}me bru\u{302}le\u{301}e fu\u{308}r Zoe\u{308}";
    let browser = webhook_echo::web::ui::seal::derive_key(decomposed, &salt).await.expect("WebCrypto PBKDF2");
    assert_eq!(browser, secret_box::derive_key("Crème brûlée für Zoë", &salt));
}

/// A link of about 20 KB that inflates to a 15 MB JSON array under an unknown field is refused
/// without inflating or building it: little time, and the wasm memory barely grows.
#[wasm_bindgen_test]
fn a_link_bomb_costs_neither_time_nor_memory() {
    let bomb = include_str!("fixtures/links/bomb-unknown-field.txt").trim();
    let memory_bytes = || {
        let buffer = js_sys::Reflect::get(&wasm_bindgen::memory(), &"buffer".into()).expect("memory.buffer");
        buffer.unchecked_into::<js_sys::ArrayBuffer>().byte_length() as f64
    };
    let now = || js_sys::Date::now();
    // What earlier tests allocated and freed the allocator hands out again without growing the
    // memory, so that a decoding that inflated the bomb there would not show. Take that free
    // memory up first, in blocks, until the memory grows: then what the decoding allocates
    // grows it, whatever ran before. (Less than a block may stay free between blocks.)
    const BLOCK: usize = 64 * 1024;
    let mut taken: Vec<Vec<u8>> = Vec::new();
    let untouched = memory_bytes();
    while memory_bytes() == untouched {
        taken.push(Vec::with_capacity(BLOCK));
    }
    let (memory_before, started) = (memory_bytes(), now());
    let decoded = webhook_echo::share::fixture_link::decode(bomb);
    let (grown, took) = (memory_bytes() - memory_before, now() - started);
    drop(taken);
    assert!(decoded.is_err(), "refused");
    web_sys::console::log_1(&format!("link bomb: refused in {took} ms, wasm memory grew {grown} bytes").into());
    assert!(grown <= 4.0 * 1024.0 * 1024.0, "the wasm memory grew by {grown} bytes");
    assert!(took < 1000.0, "refusing it took {took} ms");
}
