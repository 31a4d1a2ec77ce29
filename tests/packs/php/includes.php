<?php
// Broken on purpose: looks for the hex digest anywhere in the header.
// expect-failure: rejects-prefixless-signature
function verify_webhook(string $rawBody, ?string $signatureHeader, string $secret): bool
{
    return str_contains($signatureHeader ?? '', hash_hmac('sha256', $rawBody, $secret));
}
