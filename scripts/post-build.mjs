// Trunk's post-build hook, and runnable by hand on a built folder: node scripts/post-build.mjs <dist>
// scripts/security-headers.mjs: the CSP <meta> in index.html, and _headers for static hosts.
// It replaces what it wrote before, so running it again on the same folder changes nothing.
import { writeSecurityHeaders } from './security-headers.mjs';

const dist = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? 'dist';
writeSecurityHeaders(dist);
