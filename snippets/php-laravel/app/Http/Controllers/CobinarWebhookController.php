<?php
// Receives Cobinar webhooks in Laravel 8 or later. Copy this file to app/Http/Controllers/, the
// 'cobinar' entry of config/services.php, and the route of routes/api.php: api routes ask for no
// CSRF token (they are served under /api/; in routes/web.php, add the path to VerifyCsrfToken's $except).
namespace App\Http\Controllers;

use Illuminate\Http\Request;
use Illuminate\Routing\Controller;
use Illuminate\Support\Facades\Cache;

class CobinarWebhookController extends Controller
{
    public function __invoke(Request $request)
    {
        $secret = config('services.cobinar.webhook_secret');
        abort_if(!is_string($secret) || $secret === '', 500, 'Set COBINAR_WEBHOOK_SECRET');

        // Deliveries are small: refuse a large body before hashing it, by its Content-Length and by
        // its length (a chunked request has none). PHP's post_max_size is not this cap: over it PHP
        // only warns, and the raw body is still read whole (ValidatePostSize only compares to it).
        $maxBytes = 2 * 1024 * 1024;
        if ((int) $request->server('CONTENT_LENGTH') > $maxBytes) {
            return response('body too large', 413);
        }
        // getContent() is the exact bytes received: never $request->all() or $request->json().
        $raw = $request->getContent();
        if (strlen($raw) > $maxBytes) {
            return response('body too large', 413);
        }
        if (!self::verifyWebhook($raw, $request->header('x-cobinar-signature'), $secret)) {
            return response('invalid signature', 401);
        }

        $event = json_decode($raw, true); // only now, after the signature matched
        if (!is_array($event)) {
            return response('not JSON', 400);
        }

        // Neither x-cobinar-timestamp nor x-cobinar-event-id is signed, but the body's createdAt is: a
        // delivery signed more than 5 minutes ago (or ahead) is a captured one replayed, or a bad clock.
        $createdAt = is_string($event['createdAt'] ?? null) ? strtotime($event['createdAt']) : false;
        if ($createdAt === false || abs(time() - $createdAt) > 5 * 60) {
            return response('stale delivery', 401);
        }

        // Deduplicate on the body's id, which is signed, not on x-cobinar-event-id, which is not: a
        // replay under a new header id would pass as new. Cobinar sends the two equal.
        $eventId = is_string($event['id'] ?? null) ? $event['id'] : '';
        $headerId = $request->header('x-cobinar-event-id');
        if ($headerId !== null && $headerId !== $eventId) {
            return response('event id mismatch', 401);
        }

        // Delivery ids already handled: retries carry the same id. Cache::add only stores a key that
        // is not there yet, atomically on the file, redis, memcached and database stores; or keep the
        // ids in your database, with a unique key on the id.
        if (!Cache::add('cobinar-webhook:' . $eventId, true, now()->addDay())) {
            return response('duplicate', 200); // already handled: acknowledge, do nothing
        }

        switch ($event['event'] ?? null) {
            case 'otp.verified':
                // e.g. mark $event['payload']['requestId'] as verified
                break;
            default:
                break; // other events, reserved ones (identity.*, application.*) included: acknowledge
        }
        return response('ok', 200);
    }

    // The same check as snippets/php/verify.php: hash_equals runs in constant time and is false on a
    // length difference; a missing header is never a match.
    private static function verifyWebhook(string $rawBody, ?string $signatureHeader, string $secret): bool
    {
        $expected = 'sha256=' . hash_hmac('sha256', $rawBody, $secret);
        return $signatureHeader !== null && hash_equals($expected, $signatureHeader);
    }
}
