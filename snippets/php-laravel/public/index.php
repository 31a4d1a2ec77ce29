<?php
// Not to copy: a Laravel application of one route, for proving the controller with Debian's
// php-laravel-framework (no Composer). A Laravel project has its own public/index.php. The route
// of routes/api.php is served without the /api/ prefix here, as /webhooks/auth.
declare(strict_types=1);

use Illuminate\Foundation\Application;
use Illuminate\Http\Request;

require '/usr/share/php/Illuminate/autoload.php';
require __DIR__ . '/../app/Http/Controllers/CobinarWebhookController.php';

// What Laravel writes (caches, logs) goes under target/receivers/php-laravel/ (setup.sh makes it).
$writable = dirname(__DIR__, 3) . '/target/receivers/php-laravel';
$_SERVER['APP_PACKAGES_CACHE'] = "$writable/bootstrap/packages.php";
$_SERVER['APP_SERVICES_CACHE'] = "$writable/bootstrap/services.php";

$app = new Application(dirname(__DIR__));
$app->useStoragePath("$writable/storage");
$app->singleton(Illuminate\Contracts\Http\Kernel::class, Illuminate\Foundation\Http\Kernel::class);
$app->singleton(Illuminate\Contracts\Debug\ExceptionHandler::class, Illuminate\Foundation\Exceptions\Handler::class);
$app->booted(function () {
    require __DIR__ . '/../routes/api.php';
});

$kernel = $app->make(Illuminate\Contracts\Http\Kernel::class);
$response = $kernel->handle($request = Request::capture());
$response->send();
$kernel->terminate($request, $response);
