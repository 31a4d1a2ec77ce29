// What the page's wasm is made of, by what it is for (issue 17): every function's body grouped by
// the crate or module its name says, and the data segment's bytes by the source file whose string
// literals they are. Needs a wasm whose name section survived wasm-opt (bench/wasm-breakdown.sh
// makes one); `twiggy top` on the same file lists the single largest items.
//
//   node bench/wasm-breakdown.mjs <file.wasm>
//
// Sizes are the bytes as shipped (after wasm-opt), and each group's gzip -9 on its own: groups
// compress a little worse apart than together, so the column adds up to slightly more than the
// whole file's gzip, which is printed below it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const wasm = readFileSync(process.argv[2]);
let at = 8;
const u8 = () => wasm[at++];
const leb = () => {
  let result = 0;
  let shift = 0;
  for (;;) {
    const byte = u8();
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return result;
  }
};
const bytes = () => {
  const n = leb();
  const out = wasm.subarray(at, at + n);
  at += n;
  return out;
};
const limits = () => {
  const flag = u8();
  leb();
  if (flag & 1) leb();
};
const constExpr = () => {
  for (;;) {
    const op = u8();
    if (op === 0x0b) return;
    if (op === 0x41 || op === 0x42 || op === 0x23) leb();
  }
};

let importedFunctions = 0;
const bodies = [];
const data = [];
const names = new Map();
while (at < wasm.length) {
  const id = u8();
  const size = leb();
  const end = at + size;
  if (id === 2) {
    for (let n = leb(); n > 0; n--) {
      bytes();
      bytes();
      const kind = u8();
      if (kind === 0) (leb(), importedFunctions++);
      else if (kind === 1) (u8(), limits());
      else if (kind === 2) limits();
      else if (kind === 3) (u8(), u8());
      else if (kind === 4) (u8(), leb());
    }
  } else if (id === 10) {
    for (let n = leb(); n > 0; n--) bodies.push(bytes());
  } else if (id === 11) {
    for (let n = leb(); n > 0; n--) {
      const flag = leb();
      if (flag === 2) leb();
      if (flag !== 1) constExpr();
      data.push(bytes());
    }
  } else if (id === 0) {
    const name = bytes().toString();
    if (name === 'name') {
      while (at < end) {
        const sub = u8();
        const subEnd = leb() + at;
        if (sub === 1) for (let n = leb(); n > 0; n--) names.set(leb(), bytes().toString());
        at = subEnd;
      }
    }
  }
  at = end;
}
if (names.size === 0) throw new Error(`${process.argv[2]} has no function names: build it with bench/wasm-breakdown.sh`);

// The crate or module a function is for: the first path in its name, after the wrappers that
// name a type (`<T as Trait>::f`, `drop_in_place<T>`), so that generic code goes with its type.
const MODULE_GROUPS = [
  [/^webhook_echo::web::js_api/, 'ours: window.webhookEcho (js_api)'],
  [/^webhook_echo::web::ui::worker/, 'ours: large-body worker (offload)'],
  [/^webhook_echo::web::ui::(echo|delivery_card|send_commands|retry_timeline|receiver_code|test_pack)/, 'ours: echo tab (components)'],
  [/^webhook_echo::web::ui::(share|share_panel|link_banner|seal|saved_work_note|storage|url_fragment)/, 'ours: sharing, sealing, saved work (components)'],
  [/^webhook_echo::web::ui::import_panel/, 'ours: import (component)'],
  [/^webhook_echo::web::ui::(diagnosing|diagnosis_list|server_signature)/, 'ours: cause finder (components)'],
  [/^webhook_echo::web::/, 'ours: verifier and page shell (components)'],
  [/^webhook_echo::diagnose::(json_forms|object_dumps|decimal)/, 'diagnose: JSON forms (json_forms, object_dumps, decimal)'],
  [/^webhook_echo::diagnose::/, 'diagnose: cause finder (the rest)'],
  [/^webhook_echo::share::/, 'share: fixtures, links, sealed secret, saved work'],
  [/^webhook_echo::inspect::import/, 'import (inspect::import)'],
  [/^webhook_echo::inspect::/, 'inspect: bytes view, secret facts, fingerprints'],
  [/^webhook_echo::echo::/, 'echo: delivery, commands, snippets, test pack'],
  [/^webhook_echo::(verify|protocol|base64|offload)/, 'verifier core (verify, protocol, base64, offload)'],
  [/^webhook_echo::main/, 'ours: page start (main: App and what LLVM inlined into it)'],
  [/^webhook_echo::/, 'ours: other'],
];
const CRATE_GROUPS = [
  [/^(leptos\w*|reactive_graph|reactive_stores|tachys|any_spawner|or_poisoned|throw_error|hydration_context|next_tuple|slotmap|server_fn|send_wrapper|futures\w*|pin_project\w*|guardian|oco_ref|either_of|const_str_slice_concat|typed_builder\w*|gloo\w*|async_lock|event_listener\w*|concurrent_queue|parking\w*)$/, 'Leptos: reactive graph, views, executor'],
  [/^serde_json$/, 'serde_json'],
  [/^(serde|serde_core)$/, 'serde (traits, impls for std types)'],
  [/^serde_wasm_bindgen$/, 'serde-wasm-bindgen'],
  [/^miniz_oxide$/, 'share: deflate (miniz_oxide)'],
  [/^(chacha20poly1305|chacha20|poly1305|aead|cipher|universal_hash|inout)$/, 'share: ChaCha20-Poly1305'],
  [/^pbkdf2$/, 'share: PBKDF2 (pbkdf2 crate)'],
  [/^(sha2|sha1|hmac|digest|block_buffer|crypto_common|subtle|hex|hybrid_array|zeroize|cpufeatures)$/, 'hashes: sha2, sha1, hmac, hex'],
  [/^zmij$/, 'fmt/f64: zmij shortest digits'],
  [/^(wasm_bindgen|js_sys|web_sys|wasm_bindgen_futures)$/, 'wasm-bindgen, js-sys, web-sys'],
  [/^(core|alloc|std|dlmalloc|compiler_builtins|hashbrown|rustc_demangle|indexmap|equivalent|foldhash|itoa|ryu|memchr|unicode_\w+|smallvec|rustc_hash|once_cell|thiserror\w*)$/, 'std, alloc, core (and small helpers)'],
];
/** Enough of Rust's two manglings to read a name's leading path (imports keep theirs mangled). */
function demangle(name) {
  const idents = (text, from) => {
    const out = [];
    for (let i = from; i < text.length && out.length < 6; ) {
      const m = /^\D*?(\d+)/.exec(text.slice(i));
      if (!m) break;
      i += m[0].length;
      const len = Number(m[1]);
      if (text[i] === '_') i++;
      out.push(text.slice(i, i + len));
      i += len;
    }
    return out;
  };
  if (name.startsWith('_ZN')) {
    return idents(name, 3)
      .join('::')
      .replace(/\$LT\$/g, '<')
      .replace(/\$GT\$/g, '>')
      .replace(/\$RF\$/g, '&')
      .replace(/\$u20\$/g, ' ')
      .replace(/\$u7b\$/g, '{')
      .replace(/\$u7d\$/g, '}')
      .replace(/\.\./g, '::')
      .replace(/^_</, '<');
  }
  // v0: the crate root `C<disambiguator>_<len><name>`, then the nested names in order.
  const root = /C(s[0-9a-zA-Z]*_)?(?=\d)/.exec(name);
  return name.startsWith('_R') && root ? idents(name, root.index + root[0].length).join('::') : name;
}
/** A function's leading path, with the wrappers that name a type taken off. */
function pathOf(name) {
  let path = demangle(name);
  for (;;) {
    const before = path;
    path = path.replace(/^(<|&|mut |dyn |\(|\*const |\*mut |\[)/, '').replace(/^core(\[[0-9a-f]+\])?::ptr::drop_in_place</, '');
    if (path === before) break;
  }
  // `<T as Trait>::f` with a type parameter: the trait's crate.
  path = path.replace(/\[[0-9a-f]+\]/g, '').replace(/^[A-Z]\w* as /, '');
  return path;
}
function groupOf(name) {
  let path = pathOf(name);
  // Methods of the primitive types are core's (and a float's Display is float printing).
  if (/^f(32|64) as core::fmt::(Display|Debug|LowerExp)/.test(path)) return 'fmt/f64: core float printing and parsing';
  path = path.replace(/^(f32|f64|u8|u16|u32|u64|u128|usize|i8|i16|i32|i64|i128|isize|str|char|bool|\[\w+\]|\w+ as )+>?(::)?/, 'core::');
  if (/^core::(fmt::float|num::(flt2dec|dec2flt|bignum|diy_float|fmt))/.test(path)) return 'fmt/f64: core float printing and parsing';
  for (const [pattern, group] of MODULE_GROUPS) if (pattern.test(path)) return group;
  const crate = path.split('::')[0];
  for (const [pattern, group] of CRATE_GROUPS) if (pattern.test(crate)) return group;
  return 'other (exports, glue, unnamed)';
}

// Issue 27: core the first screen never runs, each a candidate for the worker's module. Only what
// is named for it counts: the generic std and Leptos code it instantiates stays with its crate, so
// each figure is a floor.
const CANDIDATES = [
  [/^webhook_echo::diagnose::(json_forms|object_dumps|decimal)/, "cause finder's JSON forms (json_forms, object_dumps, decimal)"],
  [/^webhook_echo::diagnose::(diagnosis|fixes|report|server_signature|mod)\b/, 'cause finder: diagnosis, fixes, report, server signature'],
  [/^webhook_echo::share::(fixture_link|fixture|opening|sender_verdict)\b/, 'link and fixture decoding (fixture_link, fixture, opening)'],
  [/^miniz_oxide::/, 'deflate (miniz_oxide): links only'],
  [/^(webhook_echo::share::secret_box|chacha20poly1305|chacha20|poly1305|aead|cipher|universal_hash|inout)::/, 'sealed secret (secret_box, ChaCha20-Poly1305)'],
  [/^webhook_echo::share::passphrase/, 'passphrase judge (share::passphrase)'],
  [/^webhook_echo::share::(saved_work|saved_entries|provenance|library)\b/, 'saved work, provenance, fixture library'],
  [/^webhook_echo::echo::test_pack/, 'test packs (echo::test_pack)'],
  [/^webhook_echo::echo::/, 'echo generation (delivery, commands, endpoint, retry, replay)'],
  [/^webhook_echo::stacks/, 'stacks table (stacks)'],
  [/^webhook_echo::inspect::import/, 'import parsers (inspect::import)'],
];
const candidateOf = (path) => CANDIDATES.find(([pattern]) => pattern.test(path))?.[1];
/** Every function body and explained literal in file order, with its candidate (or undefined). */
const pieces = [];

// Per group: its functions' bodies (code) and the data bytes its source's literals explain.
const groups = new Map();
const entryOf = (group) => {
  if (!groups.has(group)) groups.set(group, { chunks: [], code: 0, data: 0 });
  return groups.get(group);
};
const add = (group, chunk) => {
  const entry = entryOf(group);
  entry.chunks.push(chunk);
  entry.code += chunk.length;
};
bodies.forEach((body, i) => {
  const name = names.get(importedFunctions + i) ?? '';
  add(groupOf(name), body);
  pieces.push({ chunk: body, candidate: candidateOf(pathOf(name)) });
});
if (process.env.SHOW_OTHER) {
  const other = bodies.map((b, i) => [b.length, names.get(importedFunctions + i) ?? '']).filter(([, n]) => groupOf(n).startsWith(process.env.SHOW_OTHER));
  for (const [size, name] of other.sort((a, b) => b[0] - a[0]).slice(0, 40)) console.error(size, name.slice(0, 150));
}

// Data: each source file's string literals (and include_str! files), found in the data segments,
// go with that file's group; what no literal explains stays "data: other".
const allData = Buffer.concat(data);
const claimed = new Uint8Array(allData.length);
function literals(text) {
  const out = [];
  const raw = /r(#*)"([\s\S]*?)"\1/g;
  for (const m of text.matchAll(raw)) out.push(m[2]);
  const plain = /(?<![r#\w'])"((?:[^"\\]|\\[\s\S])*)"/g;
  for (const m of text.matchAll(plain)) {
    out.push(
      m[1]
        .replace(/\\\n\s*/g, '')
        .replace(/\\u\{([0-9a-fA-F]+)\}/g, (_, h) => String.fromCodePoint(parseInt(h, 16)))
        .replace(/\\x([0-9a-fA-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)))
        .replace(/\\(.)/g, (_, c) => ({ n: '\n', t: '\t', r: '\r', 0: '\0' })[c] ?? c),
    );
  }
  // A format string is stored as the pieces between its arguments, with `{{` as `{`.
  const pieces = out.flatMap((s) => s.split(/\{[^{}]*\}/).map((p) => p.replaceAll('{{', '{').replaceAll('}}', '}')));
  return [...out, ...pieces].filter((s) => Buffer.byteLength(s) >= 12);
}
/** Marks `needle`'s occurrences in the data as explained; the number of bytes newly explained. */
function claim(needle) {
  let found = 0;
  for (let i = allData.indexOf(needle); i >= 0; i = allData.indexOf(needle, i + needle.length)) {
    for (let j = i; j < i + needle.length; j++) if (!claimed[j]) (claimed[j] = 1, found++);
  }
  return found;
}
const walk = (dir) => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
for (const file of walk('src').filter((f) => f.endsWith('.rs') && !f.startsWith('src/cli'))) {
  const text = readFileSync(file, 'utf8');
  const module = `webhook_echo::${file.replace(/^src\//, '').replace(/(\/mod)?\.rs$/, '').replaceAll('/', '::')}`;
  const needles = literals(text).map((l) => Buffer.from(l));
  for (const m of text.matchAll(/include_str!\("([^"]+)"\)/g)) needles.push(readFileSync(join(file, '..', m[1])));
  const entry = entryOf(groupOf(module));
  for (const needle of needles) {
    const found = claim(needle);
    if (found) {
      entry.data += found;
      entry.chunks.push(needle);
      pieces.push({ chunk: needle, candidate: candidateOf(module) });
    }
  }
}
const unclaimed = Buffer.from(allData.filter((_, i) => !claimed[i]));
pieces.push({ chunk: unclaimed, candidate: undefined });
const rest = entryOf('data no source literal explains: std, crates, view! templates, panic locations');
rest.chunks.push(unclaimed);
rest.data += unclaimed.length;

const gz = (buf) => gzipSync(buf, { level: 9 }).length;

// Where each group would go in issue 17's split. `worker`: the heavy core, into a second module
// without Leptos that answers through offload.rs's messages (the route). `later`: the
// components of the on-demand tools, which that route alone leaves in the page's module. `first`:
// what the verifier needs before its first verdict.
const WORKER = [
  'diagnose: JSON forms', 'diagnose: cause finder', 'share: fixtures', 'import (inspect::import)', 'echo: delivery',
  'share: deflate', 'share: ChaCha20-Poly1305', 'share: PBKDF2', 'serde_json', 'fmt/f64: zmij',
];
const LATER = ['ours: echo tab', 'ours: import', 'ours: sharing', 'ours: cause finder', 'ours: window.webhookEcho'];
const placeOf = (group) => {
  const bare = group.replace(/^data: /, '');
  if (WORKER.some((p) => bare.startsWith(p))) return 'worker';
  if (LATER.some((p) => bare.startsWith(p))) return 'later';
  return 'first';
};
const rows = [...groups].map(([group, e]) => ({ group, ...e, gzip: gz(Buffer.concat(e.chunks)), place: placeOf(group) }));
rows.sort((a, b) => b.gzip - a.gzip);
const k = (n) => `${(n / 1024).toFixed(1)}`;
const total = rows.reduce((t, r) => ({ code: t.code + r.code, data: t.data + r.data, gzip: t.gzip + r.gzip }), { code: 0, data: 0, gzip: 0 });
console.log(`| what | code KB | data KB | gzip KB (alone) | share | issue 17 |`);
console.log(`|---|---:|---:|---:|---:|---|`);
for (const r of rows.filter((r) => r.code + r.data > 0)) {
  console.log(`| ${r.group} | ${k(r.code)} | ${k(r.data)} | ${k(r.gzip)} | ${((100 * r.gzip) / total.gzip).toFixed(1)} % | ${r.place} |`);
}
console.log(`| sum of the groups | ${k(total.code)} | ${k(total.data)} | ${k(total.gzip)} | | |`);
const code = bodies.reduce((t, b) => t + b.length, 0);
const whole = gz(Buffer.concat([...bodies, allData]));
console.log(
  `\nfile ${k(wasm.length)} KB raw (code ${k(code)}, data ${k(allData.length)}, names and the rest ${k(wasm.length - code - allData.length)}); ` +
    `code + data together ${k(whole)} KB gzip; ${names.size} named functions, ${importedFunctions} imported`,
);
// What each module would hold, gzipped together, scaled to the shipped file's gzip (which also
// carries the type, import, export and table sections) when it is given as the second argument.
const shipped = process.argv[3] ? gz(readFileSync(process.argv[3])) : whole;
const scale = shipped / whole;
const together = (places) => gz(Buffer.concat(rows.filter((r) => places.includes(r.place)).flatMap((r) => r.chunks))) * scale;
console.log(`shipped wasm ${k(shipped)} KB gzip; estimates scaled by ${scale.toFixed(3)}:`);
console.log(`- route as the issue states it (core to the worker module): the page's wasm ${k(together(['first', 'later']))} KB gzip, the worker's core ${k(together(['worker']))} KB gzip before its own std, serde and allocator`);
console.log(`- and the on-demand tools' components out of the first module too: the page's wasm ${k(together(['first']))} KB gzip; those components ${k(together(['later']))} KB gzip`);

// Issue 27's candidates for the worker's module: each one's bytes gzipped alone, and what the
// page's wasm would lose without it (the whole gzipped with and without its pieces), scaled.
const gzOf = (list) => gz(Buffer.concat(list.map((p) => p.chunk)));
const all = gzOf(pieces);
const kept = (out) => (all - gzOf(pieces.filter((p) => !out(p.candidate)))) * scale;
console.log(`\n| worker-module candidate (issue 27) | code + data KB | gzip KB alone | the page's wasm loses, gzip KB |`);
console.log(`|---|---:|---:|---:|`);
for (const [, label] of CANDIDATES) {
  const mine = pieces.filter((p) => p.candidate === label);
  if (mine.length === 0) continue;
  const size = mine.reduce((t, p) => t + p.chunk.length, 0);
  console.log(`| ${label} | ${k(size)} | ${k(gzOf(mine) * scale)} | ${k(kept((c) => c === label))} |`);
}
const every = pieces.filter((p) => p.candidate !== undefined);
console.log(`| all of them | ${k(every.reduce((t, p) => t + p.chunk.length, 0))} | ${k(gzOf(every) * scale)} | ${k(kept((c) => c !== undefined))} |`);
