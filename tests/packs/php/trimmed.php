<?php
// Broken on purpose: trims the body before hashing.
// expect-failure: rejects-trailing-newline
function verify_webhook(string $rawBody, ?string $signatureHeader, string $secret): bool
{
    $expected = 'sha256=' . hash_hmac('sha256', trim($rawBody), $secret);
    return $signatureHeader !== null && hash_equals($expected, $signatureHeader);
}
