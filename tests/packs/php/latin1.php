<?php
// Broken on purpose: reads the body as latin-1 and hashes that text encoded as UTF-8.
// expect-failure: accepts-utf8-non-ascii
function verify_webhook(string $rawBody, ?string $signatureHeader, string $secret): bool
{
    $body = mb_convert_encoding($rawBody, 'UTF-8', 'ISO-8859-1');
    $expected = 'sha256=' . hash_hmac('sha256', $body, $secret);
    return $signatureHeader !== null && hash_equals($expected, $signatureHeader);
}
