// Copies every receiver file the page shows into the build (from scripts/post-build.mjs): the files
// snippets/stacks.json lists for each stack, to <dist>/<dir>/<file>.txt, byte for byte. The page
// fetches them when the Echo tab shows a stack, so its module does not carry every language's
// code; `.txt` keeps a host from running or rendering them (a .php file on a PHP host).
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root: this script's folder's parent, wherever the hook runs from. */
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Copies the files and returns their paths relative to dist, for the service worker's list. */
export function copySnippetFiles(dist, root = ROOT) {
  const stacks = JSON.parse(readFileSync(join(root, 'snippets/stacks.json'), 'utf8'));
  const copied = [];
  for (const { dir, files } of stacks) {
    for (const name of files) {
      if (name.split('/').includes('..')) throw new Error(`snippet-files: ${dir}/${name} leaves its folder`);
      const served = `${dir}/${name}.txt`;
      mkdirSync(dirname(join(dist, served)), { recursive: true });
      copyFileSync(join(root, dir, name), join(dist, served));
      copied.push(served);
    }
  }
  console.log(`snippet-files: ${copied.length} receiver files copied`);
  return copied;
}
