<?php
// Broken on purpose: scrubs the body as UTF-8, replacing what does not decode, then hashes that.
// expect-failure: accepts-bytes-not-utf8
function verify_webhook(string $rawBody, ?string $signatureHeader, string $secret): bool
{
    $body = mb_scrub($rawBody, 'UTF-8');
    $expected = 'sha256=' . hash_hmac('sha256', $body, $secret);
    return $signatureHeader !== null && hash_equals($expected, $signatureHeader);
}
