#!/usr/bin/env node
// make test's size ratchet (issue 27): every wasm, JS and CSS file of the release build together,
// gzip -9 as the build wrote them, against bench/size-ratchet.json's ceiling. Above it, the change
// must be paid for (made smaller) or justified (a step in that file, the ceiling raised with it);
// more than 2 KB under it, the ceiling is lowered to keep the win. Sizes of one build are the same
// on every run of this toolchain, so this is a test of the build, not a timing.
import { existsSync, readFileSync } from 'node:fs';
import { distFiles } from '../bench/first-load.mjs';

const dist = process.argv[2] ?? 'dist';
const ratchetFile = new URL('../bench/size-ratchet.json', import.meta.url);
const { ceiling_kb: ceiling, target_kb: target } = JSON.parse(readFileSync(ratchetFile, 'utf8'));
if (!existsSync(dist)) {
  console.error(`size ratchet: no ${dist}/; build first (make build)`);
  process.exit(2);
}
const parts = [...distFiles(dist).values()].filter((file) => /\.(wasm|js|css)$/.test(file.name));
if (!parts.some((file) => file.name.endsWith('.wasm'))) {
  console.error(`size ratchet: no wasm in ${dist}/; build first (make build)`);
  process.exit(2);
}
const total = parts.reduce((sum, file) => sum + file.gzip, 0) / 1024;
const at = `${total.toFixed(2)} KB gzip in ${parts.length} files`;
if (total > ceiling) {
  console.error(`size ratchet: ${at}, over the ceiling of ${ceiling} KB by ${(total - ceiling).toFixed(2)} KB.`);
  console.error('Make the change smaller, or raise ceiling_kb in bench/size-ratchet.json with a step saying what the growth bought.');
  process.exit(1);
}
if (total < ceiling - 2) {
  console.error(`size ratchet: ${at}, ${(ceiling - total).toFixed(2)} KB under the ceiling of ${ceiling} KB.`);
  console.error(`Keep the win: set ceiling_kb in bench/size-ratchet.json to ${(Math.ceil(total * 2) / 2).toFixed(1)}, with a step saying what shrank.`);
  process.exit(1);
}
console.log(`size ratchet: ${at}, within the ceiling of ${ceiling} KB (issue 27's target: ${target} KB)`);
