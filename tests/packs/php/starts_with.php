<?php
// Broken on purpose: accepts a header that the expected value starts with.
// expect-failure: rejects-truncated-signature
function verify_webhook(string $rawBody, ?string $signatureHeader, string $secret): bool
{
    $expected = 'sha256=' . hash_hmac('sha256', $rawBody, $secret);
    return $signatureHeader !== null && str_starts_with($expected, $signatureHeader);
}
