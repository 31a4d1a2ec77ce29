//! Random bytes from the browser's CSPRNG, `crypto.getRandomValues`, and the clock.

/// `N` random bytes from `crypto.getRandomValues`; `Err` says why there are none. Nothing
/// stands in for them here: the sealed secret's salt and nonce and the generated passphrase
/// (`share_panel`) come from these bytes and refuse without them, since a predictable stand-in
/// would make them guessable. The echo's ids and demo secret come from here too, and the echo
/// refuses the same way (`page::echo`).
pub fn random_bytes<const N: usize>() -> Result<[u8; N], &'static str> {
    let mut bytes = [0u8; N];
    // At build time (the echo's delivery is made, though its tab is not rendered then).
    #[cfg(not(target_arch = "wasm32"))]
    return getrandom::getrandom(&mut bytes).map(|()| bytes).map_err(|_| "the system offers no random bytes");
    #[cfg_attr(not(target_arch = "wasm32"), allow(unreachable_code))]
    let crypto = super::browser_window()
        .and_then(|window| window.crypto().ok())
        .ok_or("this browser offers no crypto.getRandomValues here")?;
    crypto.get_random_values_with_u8_array(&mut bytes).map_err(|_| "the browser refused crypto.getRandomValues")?;
    Ok(bytes)
}

/// Milliseconds since the Unix epoch, from the browser's clock (the system's, at build time).
pub fn now_unix_millis() -> i64 {
    #[cfg(target_arch = "wasm32")]
    return js_sys::Date::now() as i64;
    #[cfg(not(target_arch = "wasm32"))]
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |since| since.as_millis() as i64)
}
