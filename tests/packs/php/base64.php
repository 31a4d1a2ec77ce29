<?php
// Broken on purpose: "to be lenient", accepts the digest in base64 as well as in hex.
// expect-failure: rejects-base64-signature
function verify_webhook(string $rawBody, ?string $signatureHeader, string $secret): bool
{
    $mac = hash_hmac('sha256', $rawBody, $secret, true);
    foreach (['sha256=' . bin2hex($mac), 'sha256=' . base64_encode($mac)] as $expected) {
        if ($signatureHeader !== null && hash_equals($expected, $signatureHeader)) {
            return true;
        }
    }
    return false;
}
