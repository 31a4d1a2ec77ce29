<?php
// Broken on purpose: compares the header without regard to case, so an upper-case digest, which
// Cobinar never writes, passes.
// expect-failure: rejects-upper-case-hex
function verify_webhook(string $rawBody, ?string $signatureHeader, string $secret): bool
{
    $expected = 'sha256=' . hash_hmac('sha256', $rawBody, $secret);
    return $signatureHeader !== null && strcasecmp($expected, $signatureHeader) === 0;
}
