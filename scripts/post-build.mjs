// Trunk's post-build hook, and runnable by hand on a built folder: node scripts/post-build.mjs <dist>
// One hook doing the steps in order, because trunk runs the hooks of a stage all at once and the
// service worker's build id covers index.html, which the first steps write.
//   0. scripts/first-screen.mjs: the first screen, rendered by the app's components, in <body>;
//   1. scripts/security-headers.mjs: the CSP <meta> in index.html, and _headers for static hosts;
//   2. scripts/snippet-files.mjs: the receivers' files the page fetches, beside it;
//   3. scripts/sw-release.mjs: the build id and file list in sw.js (those files and the passphrase
//      word list included);
//   4. scripts/precompress.mjs: a .br and a .gz beside each text and wasm file, of the final bytes.
// All replace what they wrote before, so running it again on the same folder changes nothing.
import { writeFirstScreen } from './first-screen.mjs';
import { writeSecurityHeaders } from './security-headers.mjs';
import { copySnippetFiles } from './snippet-files.mjs';
import { precompress } from './precompress.mjs';
import { stampServiceWorker } from './sw-release.mjs';

const dist = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? 'dist';
writeFirstScreen(dist);
writeSecurityHeaders(dist);
// The passphrase word list (index.html copies it) is fetched on demand too: kept for offline use.
stampServiceWorker(dist, ['passphrase-words.txt', ...copySnippetFiles(dist)]);
precompress(dist);
