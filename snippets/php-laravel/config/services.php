<?php
// config/services.php: the secret from the environment (env() belongs in config files only, so that
// `php artisan config:cache` keeps working).
return [
    'cobinar' => [
        'webhook_secret' => env('COBINAR_WEBHOOK_SECRET'),
    ],
];
