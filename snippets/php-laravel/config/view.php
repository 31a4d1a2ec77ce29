<?php
// Not to copy: no views of its own; compiled ones (Laravel's error pages) under the storage path.
return ['paths' => [], 'compiled' => storage_path('framework/views')];
