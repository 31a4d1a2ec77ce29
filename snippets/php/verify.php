<?php
// Cobinar's signature check, in a file of its own so that tests can include it.
declare(strict_types=1);

// Whether $signatureHeader is Cobinar's signature of $rawBody under $secret. hash_equals runs in
// constant time and is false on a length difference; a missing header is never a match.
function verify_webhook(string $rawBody, ?string $signatureHeader, string $secret): bool
{
    $expected = 'sha256=' . hash_hmac('sha256', $rawBody, $secret);
    return $signatureHeader !== null && hash_equals($expected, $signatureHeader);
}
