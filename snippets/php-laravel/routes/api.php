<?php
// routes/api.php: Cobinar's deliveries, without a CSRF token. Laravel serves this file under /api/.
use App\Http\Controllers\CobinarWebhookController;
use Illuminate\Support\Facades\Route;

// api routes are rate limited ('throttle:api', 60 a minute by default): if Cobinar may send more,
// add ->withoutMiddleware('throttle:api').
Route::post('/webhooks/auth', CobinarWebhookController::class);
