//! Random bytes from the browser's CSPRNG, `crypto.getRandomValues`, and the clock.

/// `N` random bytes from `crypto.getRandomValues`; `Err` says why there are none. Nothing
/// stands in for them here: the sealed secret's salt and nonce and the generated passphrase
/// (`share_panel`) come from these bytes and refuse without them, since a predictable stand-in
/// would make them guessable. The echo's ids and demo secret come from here too, and the echo
/// refuses the same way (`page::echo`).
pub fn random_bytes<const N: usize>() -> Result<[u8; N], &'static str> {
    let mut bytes = [0u8; N];
    let crypto = web_sys::window()
        .and_then(|window| window.crypto().ok())
        .ok_or("this browser offers no crypto.getRandomValues here")?;
    crypto.get_random_values_with_u8_array(&mut bytes).map_err(|_| "the browser refused crypto.getRandomValues")?;
    Ok(bytes)
}

/// Milliseconds since the Unix epoch, from the browser's clock.
pub fn now_unix_millis() -> i64 {
    js_sys::Date::now() as i64
}
