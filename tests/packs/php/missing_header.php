<?php
// Broken on purpose: a delivery without a signature header (null or empty) is let through.
// expect-failure: rejects-missing-signature
function verify_webhook(string $rawBody, ?string $signatureHeader, string $secret): bool
{
    if ($signatureHeader === null || $signatureHeader === '') {
        return true; // "nothing to check"
    }
    $expected = 'sha256=' . hash_hmac('sha256', $rawBody, $secret);
    return hash_equals($expected, $signatureHeader);
}
