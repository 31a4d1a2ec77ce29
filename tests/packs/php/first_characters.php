<?php
// Broken on purpose: compares only the first 32 characters of the digest.
// expect-failure: rejects-same-first-characters
function verify_webhook(string $rawBody, ?string $signatureHeader, string $secret): bool
{
    $expected = 'sha256=' . hash_hmac('sha256', $rawBody, $secret);
    return $signatureHeader !== null && substr($signatureHeader, 0, 39) === substr($expected, 0, 39);
}
