<?php
// Broken on purpose: hashes the body decoded and encoded again, compact and with non-ASCII kept.
// expect-failure: rejects-reserialized-pretty
function verify_webhook(string $rawBody, ?string $signatureHeader, string $secret): bool
{
    $body = json_encode(json_decode($rawBody), JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
    $expected = 'sha256=' . hash_hmac('sha256', (string) $body, $secret);
    return $signatureHeader !== null && hash_equals($expected, $signatureHeader);
}
