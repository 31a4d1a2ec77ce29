<?php
// Not to copy: the least configuration for serving the controller here, with Debian's Laravel.
return [
    'name' => 'cobinar-receiver',
    'env' => 'production',
    'debug' => false,
    'locale' => 'en',
    'fallback_locale' => 'en',
    'providers' => [
        Illuminate\Cache\CacheServiceProvider::class,
        Illuminate\Filesystem\FilesystemServiceProvider::class,
        Illuminate\Translation\TranslationServiceProvider::class, // for error pages
        Illuminate\View\ViewServiceProvider::class, // response() and error pages need it
    ],
    'aliases' => [],
];
