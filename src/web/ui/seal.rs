//! The sealed secret's key, derived by the browser's own PBKDF2 (WebCrypto): native code that
//! runs off the page's thread, so neither sealing nor unlocking a link can freeze the page, and
//! no PBKDF2 needs to ship in the wasm. The cipher around it is the core's (`secret_box`), and
//! the key is the one `secret_box::derive_key` makes (tests/web.rs compares the two). And the
//! word list `passphrase::judge` reads a typed passphrase against, fetched beside the page only
//! when someone opens the seal form.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::share::passphrase::WordList;
use crate::share::secret_box::{SealKey, ITERATIONS, KEY_LEN, SALT_LEN};

/// Where the build serves `static/passphrase-words.txt` (index.html's copy-file; the service
/// worker keeps it for offline use).
const WORD_LIST: &str = "./passphrase-words.txt";

thread_local! {
    /// The word list once read: the same static file for everyone, kept for the page's life.
    static WORDS: RefCell<Option<Rc<WordList>>> = const { RefCell::new(None) };
}

/// The word list, if it has been loaded.
pub fn words() -> Option<Rc<WordList>> {
    WORDS.with_borrow(Clone::clone)
}

/// The word list, fetched and read if it is not there yet; `None` when it cannot be had (offline
/// before the service worker kept it, or the host served something else in its place).
pub async fn load_words() -> Option<Rc<WordList>> {
    if let Some(list) = words() {
        return Some(list);
    }
    let response: web_sys::Response =
        JsFuture::from(super::browser_window()?.fetch_with_str(WORD_LIST)).await.ok()?.dyn_into().ok()?;
    let text = JsFuture::from(response.text().ok()?).await.ok()?.as_string()?;
    let list = Rc::new(WordList::parse(&text).ok()?);
    WORDS.set(Some(Rc::clone(&list)));
    Some(list)
}

/// The passphrase in Unicode NFC, so that one typed on another system (macOS keyboards write
/// some accents decomposed) derives the same key.
pub fn normalize(passphrase: &str) -> String {
    String::from(js_sys::JsString::from(passphrase).normalize("NFC"))
}

/// PBKDF2-HMAC-SHA256 of the NFC passphrase, `secret_box::ITERATIONS` rounds: the only count
/// the scheme has, whatever a link says.
pub async fn derive_key(passphrase: &str, salt: &[u8; SALT_LEN]) -> Result<SealKey, String> {
    const NO_WEBCRYPTO: &str = "this browser offers no WebCrypto here (it needs https or localhost)";
    let subtle = super::browser_window().and_then(|w| w.crypto().ok()).map(|c| c.subtle()).ok_or(NO_WEBCRYPTO)?;
    if JsValue::from(subtle.clone()).is_undefined() {
        return Err(NO_WEBCRYPTO.into());
    }
    let failed = |what: &'static str| move |_: JsValue| format!("the browser's PBKDF2 failed ({what})");
    let raw = Uint8Array::from(normalize(passphrase).as_bytes());
    let usages = Array::of1(&JsValue::from_str("deriveBits"));
    let import = subtle.import_key_with_str("raw", &raw, "PBKDF2", false, &usages).map_err(failed("import"))?;
    let base: web_sys::CryptoKey =
        JsFuture::from(import).await.map_err(failed("import"))?.dyn_into().map_err(failed("key"))?;
    let params = Object::new();
    for (name, value) in [
        ("name", JsValue::from_str("PBKDF2")),
        ("hash", JsValue::from_str("SHA-256")),
        ("iterations", JsValue::from(ITERATIONS)),
        ("salt", Uint8Array::from(&salt[..]).into()),
    ] {
        Reflect::set(&params, &JsValue::from_str(name), &value).map_err(failed("parameters"))?;
    }
    let bits = subtle.derive_bits_with_object(&params, &base, (KEY_LEN * 8) as u32).map_err(failed("derive"))?;
    let bits = JsFuture::from(bits).await.map_err(failed("derive"))?;
    let bytes = Uint8Array::new(&bits).to_vec();
    bytes.try_into().map_err(|_| "the browser's PBKDF2 returned a key of the wrong length".to_string())
}
