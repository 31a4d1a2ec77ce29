<?php
// Broken on purpose: hashes the decoded body turned back into a string by PHP's own conversion,
// which for an array is "Array" (with a warning), not the bytes Cobinar signed.
// expect-failure: accepts-genuine-otp-created
function verify_webhook(string $rawBody, ?string $signatureHeader, string $secret): bool
{
    $event = json_decode($rawBody, true);
    $expected = 'sha256=' . hash_hmac('sha256', (string) $event, $secret);
    return $signatureHeader !== null && hash_equals($expected, $signatureHeader);
}
