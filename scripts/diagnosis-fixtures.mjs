// Regenerates tests/fixtures/diagnosis/*.json, the cause finder's fixtures, from one entry per
// mistake below. The signatures are made here, by Node's crypto and JSON, by CPython's json and
// str() (run as `python3`), Go's fmt (`go run`, one fixture) and Ruby's to_s (`ruby`, one),
// never by webhook-echo's own
// code: the fixtures check our cause finder against independent implementations. Entries with a
// server part also hold what the receiver's server computed, for diagnose_server.
//
//   node scripts/diagnosis-fixtures.mjs            rewrite every fixture
//   node scripts/diagnosis-fixtures.mjs --check    rewrite nothing; exit 1 if a file would change
//
// To add a cause: add an entry to FIXTURES (its file name, the sentence saying what went wrong,
// the secret and body the person pastes, how the sender really signed, and the causes
// `diagnose` must name), run the script, then `cargo test --test diagnosis_fixtures`. Running
// it on an unchanged list rewrites the files byte for byte (`git diff --exit-code
// tests/fixtures/diagnosis` stays quiet).

import { createHash, createHmac } from "node:crypto";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import path from "node:path";

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "tests", "fixtures", "diagnosis");

const SECRET = "whsec_5f2b8c1d9e0a7f36";
// The documentation's otp.verified delivery, as Cobinar sends it: compact JSON.
const DELIVERY =
  '{"id":"e3a9c1f0-5b7d-4e2a-9c61-2f8d0b7a4e13","event":"otp.verified","createdAt":"2026-07-03T14:22:10.000Z","payload":{"requestId":"a4b8c2d1-7e3f-4a90-b1c5-d2e6f8091a3b","phone":"+999 482 918 102","verifiedAt":"2026-07-03T14:22:10.000Z"}}';
// A body whose re-serialisation changes: non-ASCII, a slash, a number with a trailing zero, an
// integer-like key that JavaScript moves first.
const MIXED =
  '{"id":"9b1d","event":"otp.failed","createdAt":"2026-07-03T14:22:10.000Z","payload":{"note":"Zoë → café/☕","score":1.50,"2":true}}';
// A number exactly halfway between two shortest forms: 2^-25.
const TIE =
  '{"id":"9b1d","event":"otp.failed","createdAt":"2026-07-03T14:22:10.000Z","payload":{"ratio":0.0000000298023223876953125,"attempts":3}}';

// An illustrative otp.failed delivery, its payload in the order Cobinar writes it
// (src/echo/delivery.rs: requestId, phone, reason, attempts, maxAttempts).
const FAILED =
  '{"id":"6c0e2f4a-1b3d-4c5e-8f70-9a1b2c3d4e5f","event":"otp.failed","createdAt":"2026-07-03T14:22:10.000Z","payload":{"requestId":"a4b8c2d1-7e3f-4a90-b1c5-d2e6f8091a3b","phone":"+999 482 918 102","reason":"incorrect_code","attempts":1,"maxAttempts":3}}';

/// `text` with `insert` put in before the first occurrence of `before`.
const insertBefore = (text, before, insert) => text.replace(before, `${insert}${before}`);

const hmac = (algorithm, key, body) => createHmac(algorithm, key).update(body, typeof body === "string" ? "utf8" : undefined).digest();
const hex = (algorithm, key, body) => hmac(algorithm, key, body).toString("hex");
/// Cobinar's header: sha256= and the lower-case hex HMAC-SHA256 of the body's UTF-8 bytes.
const sign = (key, body) => `sha256=${hex("sha256", key, body)}`;

/// CPython's json.dumps(json.loads(body), **options), options given as Python source.
function python(body, options) {
  const program = `import json, sys\nsys.stdout.write(json.dumps(json.loads(sys.stdin.read()), ${options}))`;
  const run = spawnSync("python3", ["-c", program], { input: body, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`python3 failed: ${run.stderr}`);
  return run.stdout;
}

/// The strings of `body` as PHP's json_encode writes them: each UTF-16 unit past ASCII as
/// \uXXXX, and / as \/ (everything else as it was; these bodies have a slash only in strings).
function phpEscapes(body) {
  return body
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
    .replace(/\//g, "\\/");
}

/// What CPython's str(json.loads(body)) writes: a dict's repr, as a Python receiver hashes it
/// when it passes the parsed body where the raw bytes belong.
function pythonStr(body) {
  const program = "import json, sys\nsys.stdout.write(str(json.loads(sys.stdin.read())))";
  const run = spawnSync("python3", ["-c", program], { input: body, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`python3 failed: ${run.stderr}`);
  return run.stdout;
}

/// What Ruby's to_s writes of the Hash JSON.parse gives (`ruby -rjson`).
function rubyToS(body) {
  const run = spawnSync("ruby", ["-rjson", "-e", "print JSON.parse(STDIN.read).to_s"], { input: body, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`ruby failed: ${run.stderr}`);
  return run.stdout;
}

/// What Go's fmt.Sprint writes of the map encoding/json decodes the body into (`go run`).
function goSprint(body) {
  const dir = mkdtempSync(path.join(tmpdir(), "diagnosis-fixtures-"));
  const file = path.join(dir, "main.go");
  writeFileSync(
    file,
    'package main\n\nimport (\n\t"encoding/json"\n\t"fmt"\n\t"io"\n\t"os"\n)\n\nfunc main() {\n\tb, _ := io.ReadAll(os.Stdin)\n\tvar v interface{}\n\tif err := json.Unmarshal(b, &v); err != nil {\n\t\tos.Exit(1)\n\t}\n\tfmt.Print(fmt.Sprint(v))\n}\n',
  );
  const run = spawnSync("go", ["run", file], { input: body, encoding: "utf8", env: { ...process.env, GO111MODULE: "off" } });
  rmSync(dir, { recursive: true, force: true });
  if (run.status !== 0) throw new Error(`go run failed: ${run.stderr}`);
  return run.stdout;
}

/// Unix seconds of an ISO 8601 date-time (Standard Webhooks' and Stripe's timestamps).
const unixSeconds = (iso) => String(Math.floor(Date.parse(iso) / 1000));
const field = (body, name) => JSON.parse(body)[name];

// The headers Cobinar sends with DELIVERY, besides the signature.
const DELIVERY_HEADERS = {
  "x-cobinar-event": "otp.verified",
  "x-cobinar-event-id": field(DELIVERY, "id"),
  "x-cobinar-timestamp": field(DELIVERY, "createdAt"),
};

/// A fixture of what the receiver's server computed (its "expected" in the log), for a genuine
/// delivery of `body`: the headers it came with, the server's value, and what diagnose_server says.
const server = (value, outcome, causes, headers = DELIVERY_HEADERS) => ({ headers, value, outcome, causes });

// Each entry: [file name, what went wrong, the secret pasted, the body pasted,
// (body, secret) => the signature the sender really sent, the causes diagnose must name,
// and for "what your server computed": server(...) above, its value made as (body, secret) => …].
// The two "nothing known explains it" fixtures hold a signature no listed mistake reproduces;
// the other secret and body that made them were not recorded, so their values are literals.
const FIXTURES = [
  ["valid", "A genuine delivery: nothing to explain.", SECRET, DELIVERY, () => sign(SECRET, DELIVERY), []],
  ["another-body", "A different delivery's signature.", SECRET, DELIVERY, () => "sha256=037f7ae8b4f9e814825c7863c51d20ee599a41810f58a047ff4464f416f8c38e", ["no-known-cause"]],
  ["another-secret", "Signed with another application's secret: nothing known explains it.", SECRET, DELIVERY, () => "sha256=8c6ccf7fb531aa16f09b753c5f8bcb1926042008b4c119cce154ac96551d63f3", ["no-known-cause"]],
  ["base64-digest", "The right HMAC, base64-encoded.", SECRET, DELIVERY, () => `sha256=${hmac("sha256", SECRET, DELIVERY).toString("base64")}`, ["signature-base64"]],
  ["bom-added", "A byte order mark was added in front of the pasted body.", SECRET, `\ufeff${DELIVERY}`, () => sign(SECRET, DELIVERY), ["body-bom"]],
  ["bom-lost", "The signed body started with a byte order mark that a decoder removed.", SECRET, DELIVERY, () => sign(SECRET, `\ufeff${DELIVERY}`), ["body-bom"]],
  ["crlf-written-as-lf", "Signed with CRLF line breaks, pasted with LF (a text box).", SECRET, JSON.stringify(JSON.parse(DELIVERY), null, 2), (body) => sign(SECRET, body.replace(/\n/g, "\r\n")), ["body-line-endings"]],
  ["escapes-undone", "The body was pasted with \\uXXXX escapes; the signer wrote the characters.", SECRET, phpEscapes(MIXED), () => sign(SECRET, MIXED), ["body-unicode-escaped"]],
  ["hmac-sha1", "HMAC-SHA1 of the same body and secret.", SECRET, DELIVERY, () => `sha1=${hex("sha1", SECRET, DELIVERY)}`, ["signature-algorithm"]],
  ["hmac-sha512", "HMAC-SHA512 under a sha256= label.", SECRET, DELIVERY, () => `sha256=${hex("sha512", SECRET, DELIVERY)}`, ["signature-algorithm"]],
  ["javascript-stringify-indented", "JSON.stringify(value, null, 2) (computed with Node).", SECRET, MIXED, (body) => sign(SECRET, JSON.stringify(JSON.parse(body), null, 2)), ["body-reserialized"]],
  ["javascript-stringify-tie", "JSON.stringify(JSON.parse(body)) where a number lies exactly halfway between two shortest forms: JavaScript writes the even one, 2.9802322387695312e-8 (computed with Node).", SECRET, TIE, (body) => sign(SECRET, JSON.stringify(JSON.parse(body))), ["body-reserialized"]],
  ["javascript-stringify", "The receiver hashed JSON.stringify(JSON.parse(body)): numbers and key order change (computed with Node).", SECRET, MIXED, (body) => sign(SECRET, JSON.stringify(JSON.parse(body))), ["body-reserialized"]],
  ["keys-sorted-indented-copy", "Cobinar signed compact JSON in its documented key order; the body was copied from a log that wrote it with json.dumps(sort_keys=True, indent=2) (computed with CPython).", SECRET, python(DELIVERY, "sort_keys=True, indent=2"), () => sign(SECRET, DELIVERY), ["body-reserialized"]],
  ["keys-sorted-other-event", "An otp.failed delivery copied from a logger that sorted its keys, compact (computed with CPython); the signature is over Cobinar's order.", SECRET, python(FAILED, "sort_keys=True, separators=(',', ':')"), () => sign(SECRET, FAILED), ["body-reserialized"]],
  ["keys-sorted", "json.dumps(sort_keys=True) with compact separators (computed with CPython).", SECRET, DELIVERY, (body) => sign(SECRET, python(body, "sort_keys=True, separators=(',', ':')")), ["body-reserialized"]],
  ["invisible-bidi-marks", "Two left-to-right marks, one at the very start of the pasted body (no other cause claims offset 0 for them).", SECRET, `\u200e${insertBefore(DELIVERY, "+999", "\u200e")}`, () => sign(SECRET, DELIVERY), ["body-invisible-character"]],
  ["invisible-bom-inside", "A byte order mark in the middle of the pasted body, where body-bom does not look.", SECRET, insertBefore(DELIVERY, '"payload"', "\ufeff"), () => sign(SECRET, DELIVERY), ["body-invisible-character"]],
  ["invisible-no-break-space-at-end", "A no-break space at the very end of the pasted body (a trim of ASCII whitespace leaves it).", SECRET, `${DELIVERY}\u00a0`, () => sign(SECRET, DELIVERY), ["body-invisible-character"]],
  ["invisible-zero-width-space", "A zero-width space inside the phone number of the pasted body (a chat app's copy).", SECRET, insertBefore(DELIVERY, "482", "\u200b"), () => sign(SECRET, DELIVERY), ["body-invisible-character"]],
  ["newline-and-upper-case", "Two mistakes at once: a newline added to the pasted body and an upper-case digest. Both are named.", SECRET, `${DELIVERY}\n`, () => sign(SECRET, DELIVERY).toUpperCase().replace("SHA256=", "sha256="), ["body-trailing-newline", "signature-case"]],
  ["php-json-encode-escapes", "Signed as PHP's json_encode writes strings: non-ASCII as \\uXXXX and / as \\/.", SECRET, MIXED, (body) => sign(SECRET, phpEscapes(body)), ["body-unicode-escaped"]],
  ["prefix-doubled", "sha256= twice.", SECRET, DELIVERY, () => `sha256=${sign(SECRET, DELIVERY)}`, ["signature-prefix"]],
  ["prefix-missing", "Just the hex digest, no sha256=.", SECRET, DELIVERY, () => hex("sha256", SECRET, DELIVERY), ["signature-prefix"]],
  ["prefix-other", "Another scheme's label.", SECRET, DELIVERY, () => `v1=${hex("sha256", SECRET, DELIVERY)}`, ["signature-prefix"]],
  ["pretty-printed-copy", "Cobinar signed compact JSON; the body was copied from a log that pretty-printed it.", SECRET, JSON.stringify(JSON.parse(DELIVERY), null, 2), () => sign(SECRET, DELIVERY), ["body-reserialized"]],
  ["python-json-dumps-tie", "json.dumps(json.loads(body)) where a number lies exactly halfway between two shortest forms: Python writes the even one, 2.9802322387695312e-08 (computed with CPython).", SECRET, TIE, (body) => sign(SECRET, python(body, "")), ["body-reserialized"]],
  ["python-json-dumps", "Python's json.dumps defaults: ', ' and ': ', non-ASCII escaped (computed with CPython).", SECRET, MIXED, (body) => sign(SECRET, python(body, "")), ["body-reserialized"]],
  ["secret-base64-decoded", "The signer stripped whsec_ and base64-decoded the rest (as some webhook libraries do).", "whsec_BwgJCgsMDQ4PEBESExQVFhcYGRobHB0e", DELIVERY, (body, secret) => sign(Buffer.from(secret.slice("whsec_".length), "base64"), body), ["secret-encoding"]],
  ["secret-env-line", "The secret field holds a whole environment-file line, export and quotes included.", `export COBINAR_WEBHOOK_SECRET="${SECRET}"`, DELIVERY, (body) => sign(SECRET, body), ["secret-env-line"]],
  ["secret-env-line-bare", "The secret field holds a bare KEY=value line.", `COBINAR_WEBHOOK_SECRET=${SECRET}`, DELIVERY, (body) => sign(SECRET, body), ["secret-env-line"]],
  ["secret-hex-decoded", "The signer hex-decoded the secret to bytes.", "3f9a1c2e7b4d8e0f6a5b3c2d1e0f9a8b", DELIVERY, (body, secret) => sign(Buffer.from(secret, "hex"), body), ["secret-encoding"]],
  ["secret-invisible-character", "The pasted secret has a zero-width space in it (copied through a chat).", insertBefore(SECRET, "5f2b", "\u200b"), DELIVERY, (body) => sign(SECRET, body), ["secret-invisible-character"]],
  ["secret-invisible-at-start", "The pasted secret starts with a byte order mark (read from a file saved with one).", `\ufeff${SECRET}`, DELIVERY, (body) => sign(SECRET, body), ["secret-invisible-character"]],
  ["secret-missing-newline", "The signer's secret had a trailing newline.", SECRET, DELIVERY, (body) => sign(`${SECRET}\n`, body), ["secret-whitespace"]],
  ["secret-prefix-removed", "The signer dropped the whsec_ prefix.", SECRET, DELIVERY, (body) => sign(SECRET.slice("whsec_".length), body), ["secret-encoding"]],
  ["secret-quoted-here", "The pasted secret still has the double quotes of its environment file.", `"${SECRET}"`, DELIVERY, (body) => sign(SECRET, body), ["secret-quotes"]],
  ["secret-quoted-by-signer", "The sender's loader kept the single quotes of its environment file as part of the secret.", SECRET, DELIVERY, (body) => sign(`'${SECRET}'`, body), ["secret-quotes"]],
  ["secret-trailing-newline", "The pasted secret came from an environment file with a trailing newline.", `${SECRET}\n`, DELIVERY, (body) => sign(SECRET, body), ["secret-whitespace"]],
  ["trailing-newline-added", "The pasted body gained a final LF (an editor, a log line).", SECRET, `${DELIVERY}\n`, () => sign(SECRET, DELIVERY), ["body-trailing-newline"]],
  ["trailing-newline-lost", "Signed with a final CRLF that was lost on the way.", SECRET, DELIVERY, (body) => sign(SECRET, `${body}\r\n`), ["body-trailing-newline"]],
  ["trimmed-by-middleware", "The signed body ended with a blank line that a trimming middleware removed before the bytes were checked.", SECRET, DELIVERY, (body) => sign(SECRET, `${body}\n\n`), ["body-whitespace"]],
  ["trailing-line-breaks-added", "The pasted body gained two trailing LF (a logger's blank line): more than the single newline body-trailing-newline names.", SECRET, `${DELIVERY}\n\n`, () => sign(SECRET, DELIVERY), ["body-whitespace"]],
  ["whitespace-around-copy", "The pasted body has spaces and a tab before it and spaces after it (a log line's indentation).", SECRET, ` \t ${DELIVERY}   `, () => sign(SECRET, DELIVERY), ["body-whitespace"]],
  ["unkeyed-sha256", "A plain SHA-256 of the body: no secret at all.", SECRET, DELIVERY, (body) => `sha256=${createHash("sha256").update(body, "utf8").digest("hex")}`, ["signature-algorithm"]],
  ["upper-case-hex", "The right digest in upper-case hex.", SECRET, DELIVERY, () => `sha256=${hex("sha256", SECRET, DELIVERY).toUpperCase()}`, ["signature-case"]],
  ["object-coerced-javascript", "A test sender hashed String(JSON.parse(body)): \"[object Object]\" (computed with Node).", SECRET, DELIVERY, (body) => sign(SECRET, String(JSON.parse(body))), ["body-object-coerced"]],
  ["object-coerced-python-dict", "A test sender hashed str(json.loads(body)), the dict's repr (computed with CPython).", SECRET, MIXED, (body) => sign(SECRET, pythonStr(body)), ["body-object-coerced"]],
  ["object-coerced-go-map", "A test sender hashed fmt.Sprint of the decoded map (computed with Go).", SECRET, TIE, (body) => sign(SECRET, goSprint(body)), ["body-object-coerced"]],
  ["object-coerced-ruby-hash", "A test sender hashed JSON.parse(body).to_s, the Hash's inspect (computed with Ruby).", SECRET, MIXED, (body) => sign(SECRET, rubyToS(body)), ["body-object-coerced"]],
  ["object-coerced-php-array", "A test sender hashed PHP's string conversion of the decoded array: \"Array\".", SECRET, DELIVERY, () => sign(SECRET, "Array"), ["body-object-coerced"]],
  ["signed-content-standard-webhooks", "A test sender signed {id}.{timestamp}.{body} as Standard Webhooks does, the body's id and createdAt in Unix seconds.", SECRET, DELIVERY, (body) => sign(SECRET, `${field(body, "id")}.${unixSeconds(field(body, "createdAt"))}.${body}`), ["signed-content-scheme"]],
  ["signed-content-stripe", "A test sender signed {timestamp}.{body} as Stripe does, the body's createdAt as written.", SECRET, DELIVERY, (body) => sign(SECRET, `${field(body, "createdAt")}.${body}`), ["signed-content-scheme"]],
  ["server-object-coerced", "A genuine delivery; the server hashed `${req.body}` after express.json(): \"[object Object]\" (computed with Node).", SECRET, DELIVERY, () => sign(SECRET, DELIVERY), [], server((body) => hex("sha256", SECRET, `${JSON.parse(body)}`), "explained", ["body-object-coerced"])],
  ["server-python-dict", "A genuine delivery; the Flask server hashed str(request.json) (computed with CPython).", SECRET, DELIVERY, () => sign(SECRET, DELIVERY), [], server((body) => hex("sha256", SECRET, pythonStr(body)), "explained", ["body-object-coerced"])],
  ["server-standard-webhooks", "A genuine delivery; the server verifies with a Standard Webhooks library: {event-id}.{timestamp}.{body} from the headers, the timestamp in Unix seconds, keyed with the base64-decoded part after whsec_, written v1,<base64>.", SECRET, DELIVERY, () => sign(SECRET, DELIVERY), [], server((body, secret) => `v1,${hmac("sha256", Buffer.from(secret.slice("whsec_".length), "base64"), `${DELIVERY_HEADERS["x-cobinar-event-id"]}.${unixSeconds(DELIVERY_HEADERS["x-cobinar-timestamp"])}.${body}`).toString("base64")}`, "explained", ["signed-content-scheme", "secret-encoding"])],
  ["server-stripe-scheme", "A genuine delivery; the server signed {timestamp}.{body}, Stripe's scheme, with x-cobinar-timestamp in Unix seconds.", SECRET, DELIVERY, () => sign(SECRET, DELIVERY), [], server((body) => hex("sha256", SECRET, `${unixSeconds(DELIVERY_HEADERS["x-cobinar-timestamp"])}.${body}`), "explained", ["signed-content-scheme"])],
  ["server-secret-trailing-newline", "A genuine delivery; the server's secret kept its .env newline.", SECRET, DELIVERY, () => sign(SECRET, DELIVERY), [], server((body) => hex("sha256", `${SECRET}\n`, body), "explained", ["secret-whitespace"])],
  ["server-reserialized", "A genuine delivery; the server hashed JSON.stringify(req.body) of a body whose numbers change (computed with Node).", SECRET, MIXED, () => sign(SECRET, MIXED), [], server((body) => hex("sha256", SECRET, JSON.stringify(JSON.parse(body))), "explained", ["body-reserialized"])],
  ["server-correct", "A genuine delivery; the server computes the right digest (bare hex in its log), so its comparison is at fault.", SECRET, DELIVERY, () => sign(SECRET, DELIVERY), [], server((body) => hex("sha256", SECRET, body), "correct", [])],
  ["server-same-as-received", "Signed with another secret; the server logged the received header as its own result.", SECRET, DELIVERY, () => "sha256=8c6ccf7fb531aa16f09b753c5f8bcb1926042008b4c119cce154ac96551d63f3", ["no-known-cause"], server(() => "sha256=8c6ccf7fb531aa16f09b753c5f8bcb1926042008b4c119cce154ac96551d63f3", "same-as-received", [])],
  ["server-unknown", "A genuine delivery; the server's value is no known mistake's.", SECRET, DELIVERY, () => sign(SECRET, DELIVERY), [], server(() => "3b1f0c8e5d2a7964b0e1f2a3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7", "explained", ["no-known-cause"])],
];

const check = process.argv.includes("--check");
let changed = 0;
for (const [name, about, secret, body, signature, causes, serverSide] of FIXTURES) {
  const file = path.join(DIR, `${name}.json`);
  const fixture = { about, secret, body, signature: signature(body, secret), causes };
  if (serverSide) {
    fixture.headers = serverSide.headers;
    fixture.server = serverSide.value(body, secret);
    fixture.serverOutcome = serverSide.outcome;
    fixture.serverCauses = serverSide.causes;
  }
  const text = `${JSON.stringify(fixture, null, 2)}\n`;
  const before = existsSync(file) ? readFileSync(file, "utf8") : null;
  if (before === text) continue;
  changed += 1;
  console.log(`${check ? "would change" : "wrote"} ${path.relative(process.cwd(), file)}`);
  if (!check) writeFileSync(file, text);
}
if (check && changed > 0) process.exit(1);
