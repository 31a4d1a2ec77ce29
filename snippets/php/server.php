<?php
// Receives Cobinar webhooks with plain PHP. Run: COBINAR_WEBHOOK_SECRET=… php -S 127.0.0.1:3000 server.php
// (or sh start.sh). Behind Apache or nginx with PHP-FPM, the same file answers the route as it is.
declare(strict_types=1);

require __DIR__ . '/verify.php';

function respond(int $status, string $text): void
{
    http_response_code($status);
    header('Content-Type: text/plain; charset=utf-8');
    echo $text;
}

$secret = getenv('COBINAR_WEBHOOK_SECRET');
if (!is_string($secret) || $secret === '') {
    respond(500, "Set COBINAR_WEBHOOK_SECRET to your application's webhook secret");
    return;
}
if (parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) !== '/webhooks/auth') {
    respond(404, 'not found');
    return;
}
if ($_SERVER['REQUEST_METHOD'] !== 'POST') {
    respond(405, 'method not allowed');
    return;
}

// Deliveries are small: refuse a large body before hashing it, by its Content-Length and by the
// bytes read (a chunked request has no Content-Length). post_max_size does not do it: over that
// limit PHP only warns and leaves $_POST empty, and php://input still holds the whole body.
const MAX_BODY_BYTES = 2 * 1024 * 1024;
if ((int) ($_SERVER['CONTENT_LENGTH'] ?? 0) > MAX_BODY_BYTES) {
    respond(413, 'body too large');
    return;
}
// php://input is the exact bytes received: never rebuild the body from $_POST or decoded JSON.
$raw = file_get_contents('php://input', false, null, 0, MAX_BODY_BYTES + 1);
if (strlen($raw) > MAX_BODY_BYTES) {
    respond(413, 'body too large');
    return;
}
if (!verify_webhook($raw, $_SERVER['HTTP_X_COBINAR_SIGNATURE'] ?? null, $secret)) {
    respond(401, 'invalid signature');
    return;
}

$event = json_decode($raw, true); // only now, after the signature matched
if (!is_array($event)) {
    respond(400, 'not JSON');
    return;
}

// Neither x-cobinar-timestamp nor x-cobinar-event-id is signed, but the body's createdAt is: a
// delivery signed more than 5 minutes ago (or ahead) is a captured one replayed, or a bad clock.
$createdAt = is_string($event['createdAt'] ?? null) ? strtotime($event['createdAt']) : false;
if ($createdAt === false || abs(time() - $createdAt) > 5 * 60) {
    respond(401, 'stale delivery');
    return;
}

// Deduplicate on the body's id, which is signed, not on x-cobinar-event-id, which is not: a replay
// under a new header id would pass as new. Cobinar sends the two equal, so a difference is forged.
$eventId = is_string($event['id'] ?? null) ? $event['id'] : '';
if (isset($_SERVER['HTTP_X_COBINAR_EVENT_ID']) && $_SERVER['HTTP_X_COBINAR_EVENT_ID'] !== $eventId) {
    respond(401, 'event id mismatch');
    return;
}

// Delivery ids already handled: retries carry the same id. PHP keeps nothing in memory between
// requests, so they go in a file of this app's own, locked while it is read and appended to: in
// var/ next to this script, not the shared temp dir (behind a web server, keep var/ from being
// served). In production keep them in your database, with a unique key on the id.
is_dir(__DIR__ . '/var') || mkdir(__DIR__ . '/var', 0700, true);
$seen = fopen(__DIR__ . '/var/cobinar-seen-event-ids.txt', 'c+');
flock($seen, LOCK_EX);
$duplicate = str_contains("\n" . stream_get_contents($seen), "\n$eventId\n");
if (!$duplicate) {
    fwrite($seen, "$eventId\n");
}
fclose($seen); // and with it the lock
if ($duplicate) {
    respond(200, 'duplicate'); // already handled: acknowledge, do nothing
    return;
}

switch ($event['event'] ?? null) {
    case 'otp.verified':
        // e.g. mark $event['payload']['requestId'] as verified
        break;
    default:
        break; // other events, reserved ones (identity.*, application.*) included: acknowledge
}
respond(200, 'ok');
