<?php
// Not to copy: the file cache store, under the storage path public/index.php sets.
return [
    'default' => 'file',
    'stores' => ['file' => ['driver' => 'file', 'path' => storage_path('framework/cache/data')]],
    'prefix' => 'cobinar_receiver',
];
