<?php
// A correct verify_webhook: the documented HMAC over the raw bytes, compared in constant time.
// The PHP test pack must pass against it (tests/test_packs.rs).
function verify_webhook(string $rawBody, ?string $signatureHeader, string $secret): bool
{
    $expected = 'sha256=' . hash_hmac('sha256', $rawBody, $secret);
    return $signatureHeader !== null && hash_equals($expected, $signatureHeader);
}
