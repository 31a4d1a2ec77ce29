<?php
// Broken on purpose: trims the secret inside the verify function, so a secret with a newline
// verifies as if it had none.
// expect-failure: rejects-secret-trailing-newline
function verify_webhook(string $rawBody, ?string $signatureHeader, string $secret): bool
{
    $expected = 'sha256=' . hash_hmac('sha256', $rawBody, trim($secret));
    return $signatureHeader !== null && hash_equals($expected, $signatureHeader);
}
