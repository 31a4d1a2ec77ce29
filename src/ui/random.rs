//! Random bytes from the browser's `crypto.getRandomValues`.

/// `N` random bytes. Every browser that runs WebAssembly has `crypto.getRandomValues`; should it
/// be refused, `Math.random` stands in: these bytes make ids and demo secrets, never keys.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    let filled = web_sys::window()
        .and_then(|window| window.crypto().ok())
        .is_some_and(|crypto| crypto.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        for byte in &mut bytes {
            *byte = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes
}

/// Milliseconds since the Unix epoch, from the browser's clock.
pub fn now_unix_millis() -> i64 {
    js_sys::Date::now() as i64
}
