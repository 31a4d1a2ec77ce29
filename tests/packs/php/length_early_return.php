<?php
// Broken on purpose: a hand-written comparison whose loop runs over the shorter length only, so
// it returns true early for an empty (or shorter) header.
// expect-failure: rejects-empty-signature
function verify_webhook(string $rawBody, ?string $signatureHeader, string $secret): bool
{
    $expected = 'sha256=' . hash_hmac('sha256', $rawBody, $secret);
    $received = $signatureHeader ?? 'missing';
    $difference = 0;
    for ($i = 0; $i < min(strlen($received), strlen($expected)); $i++) {
        $difference |= ord($received[$i]) ^ ord($expected[$i]);
    }
    return $difference === 0;
}
