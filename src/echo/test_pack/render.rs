//! The pack's vectors written as one test file per language: a header that says how to run it
//! and what each case means, the cases as data (bodies in hex, so that CRLFs, non-ASCII text and
//! exact bytes survive any editor), and one named test per case (Node, Python, Go, Rust, Ruby in
//! their own test runners; PHP, Java and C#, which have none without a dependency, in a small
//! runner of their own that prints TAP's `ok`/`not ok` lines and exits 1 when a case fails).

use std::fmt::Write as _;

use super::{Case, Expect, Language, PackVectors, PADDING_BYTE, UPPER_CASE_DECISION};
use crate::verify::invisible;

const WIDTH: usize = 96;

/// The whole test file for the vectors' language: a header that says how to run it, the cases
/// as data and one named test per case.
pub fn render(vectors: &PackVectors) -> String {
    match vectors.language {
        Language::Node => node(vectors),
        Language::Python => python(vectors),
        Language::Go => go(vectors),
        Language::Rust => rust(vectors),
        Language::Php => php(vectors),
        Language::Ruby => ruby(vectors),
        Language::Java => java(vectors),
        Language::Csharp => csharp(vectors),
    }
}

/// How to run the pack, in the language's own terms.
fn how_to_run(language: Language) -> &'static str {
    match language {
        Language::Node => "Put this file beside your code and run\n\n    VERIFY_MODULE=./verify.js node --test cobinar-webhook.test.mjs\n\nVERIFY_MODULE is the path, from where you run it, of the module that exports verifyWebhook (CommonJS or ES module; a default export works too); it defaults to ./verify.js. Node 18 or later, no dependencies.",
        Language::Python => "Put this file beside your code and run\n\n    VERIFY_MODULE=verify python -m unittest test_cobinar_webhook\n\nor python -m pytest test_cobinar_webhook.py. VERIFY_MODULE names the module that defines verify_webhook, importable from where you run it; it defaults to verify. Python 3.8 or later, standard library only.",
        Language::Go => "Copy this file, as cobinar_webhook_test.go, into the package that defines VerifyWebhook, set the package line below to that package's name, and run\n\n    go test -run TestCobinarWebhook .\n\nA missing header is the empty string here, as r.Header.Get gives it, so the missing and empty cases make the same call. Standard library only.",
        Language::Php => "Put this file beside your code and run\n\n    VERIFY_FILE=verify.php php cobinar_webhook_test.php\n\nVERIFY_FILE is the path, from where you run it, of the file that defines verify_webhook (it is required once); it defaults to verify.php. A missing header is null. PHP 8 or later, no PHPUnit and no Composer packages: the runner is at the end of this file. It prints ok or not ok for each case and exits with 1 when any case fails.",
        Language::Ruby => "Put this file beside your code and run\n\n    VERIFY_FILE=verify.rb ruby cobinar_webhook_test.rb\n\nand add -v to see every case by name. VERIFY_FILE is the path of the file that defines verify_webhook at its top level (it is required); it defaults to verify.rb. Bodies are binary strings (ASCII-8BIT), as request.body.read gives them in Rack; a missing header is nil; a truthy answer accepts and a falsy one rejects. Ruby 2.7 or later, minitest from the standard library only.",
        Language::Java => "Put this file beside WebhookVerifier.java, the class that holds your verify method (in the default package, or import it at the top of this file), and run\n\n    javac -d out WebhookVerifier.java CobinarWebhookTest.java && java -cp out CobinarWebhookTest\n\nA missing header is null. Java 8 or later, no JUnit: main runs every case, prints ok or not ok for each and exits with 1 when any case fails. This file is plain ASCII, so that javac reads it the same under any locale: its non-ASCII text is written as Unicode escapes.",
        Language::Csharp => "Put this file beside WebhookVerifier.cs, the static class that holds your Verify method, and run\n\n    mcs -out:t.exe WebhookVerifier.cs CobinarWebhookTest.cs && mono t.exe\n\nor compile the two into any console program whose only Main is this file's. A missing header is null. C# 7 (Mono 6.8 or any .NET), no NUnit or xUnit: Main runs every case, prints ok or not ok for each and returns 1 when any case fails.",
        Language::Rust => "Save this file as tests/cobinar_webhook.rs in your crate, set the use line below to your function's path (use your_crate::verify_webhook;) and run\n\n    cargo test --test cobinar_webhook\n\nIn a binary crate, add it as a module instead (#[cfg(test)] mod cobinar_webhook;) with use crate::verify_webhook; and run cargo test cobinar_webhook. No dependencies.",
    }
}

/// Words of `text` in lines of at most `WIDTH` characters, each starting with `prefix`; blank
/// lines and indented lines of `text` are kept as they are.
fn wrap(text: &str, prefix: &str, out: &mut String) {
    for paragraph in text.split('\n') {
        if paragraph.is_empty() || paragraph.starts_with(' ') {
            let _ = writeln!(out, "{}", format!("{prefix}{paragraph}").trim_end());
            continue;
        }
        let mut line = String::new();
        for word in paragraph.split(' ') {
            if !line.is_empty() && prefix.len() + line.chars().count() + 1 + word.chars().count() > WIDTH {
                let _ = writeln!(out, "{prefix}{line}");
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        let _ = writeln!(out, "{prefix}{line}");
    }
}

/// The file's opening: what it is, how to run it, the secret, the upper-case decision and one
/// line per case.
fn header(vectors: &PackVectors, prefix: &str) -> String {
    let language = vectors.language;
    let mut out = String::new();
    let intro = format!(
        "Cobinar webhook test pack for {}: tests for your own verify function, made by webhook-echo at {}.\n\nYour function, called once a case:\n\n    {}\n\nIt must return true for a genuine delivery and false for anything else.\n\n{}\n\nEvery delivery here is signed with a test secret made for this pack ({}), never your own secret, so this file is safe to commit. Bodies are written in hex, so that CRLF line breaks, non-ASCII text and exact bytes survive any editor; the 1 MiB body is a head, the letter x repeated, then a tail.\n\n{}\n\nThe cases. A failing case prints the mistake it reveals and the fix.\n",
        language.label(),
        vectors.created_at,
        language.signature(),
        how_to_run(language),
        vectors.secret,
        UPPER_CASE_DECISION,
    );
    wrap(&intro, prefix, &mut out);
    let has_fixtures = vectors.fixture_cases().next().is_some() || !vectors.left_out.is_empty();
    if has_fixtures {
        wrap(FIXTURES_SENTENCE, prefix, &mut out);
    }
    let width = vectors.cases.iter().map(|c| c.name.len()).max().unwrap_or(0);
    for case in &vectors.cases {
        let verb = match case.expect {
            Expect::Accept => "accept",
            Expect::Reject => "reject",
        };
        let _ = writeln!(out, "{prefix}  {:width$}  {verb}: {}", one_line(&case.name), one_line(&case.meaning));
    }
    if !vectors.left_out.is_empty() {
        let _ = writeln!(out, "{}", prefix.trim_end());
        wrap("Fixtures left out of this pack, each with why:", prefix, &mut out);
        for left in &vectors.left_out {
            let line = format!(
                "\"{}\": {}; replay it with webhook-echo replay or check --fixtures instead.",
                one_line(&left.file),
                one_line(&left.why)
            );
            wrap(&line, &format!("{prefix}  "), &mut out);
        }
    }
    out
}

/// What the header says of the cases made from the reader's fixtures.
const FIXTURES_SENTENCE: &str = "The cases named fixture-… are your team's fixtures: each re-signed with this pack's secret (a fresh id and createdAt written into its body), then changed as its tamper says, as webhook-echo replay sends it. A fixture whose answer something other than the signature decides is left out, and named below.\n";

/// `text` as one line that no comment or string of any pack can be broken out of: every control
/// character (line breaks, NUL), line and paragraph separator, bidirectional control and other
/// invisible character as its `⟨U+XXXX⟩` token (the page's own `invisible::visible`). The
/// pack's own sentences hold none, so they are unchanged.
fn one_line(text: &str) -> String {
    invisible::visible(text)
}

/// `text` with every `pattern` replaced by `with`, again until none is left (`with` must hold
/// fewer of the pairs of characters that make `pattern` up, so that this ends): `\"\"\"\"\"` has
/// two `\"\"\"` that one pass of `replace` does not both take.
fn without(text: &str, pattern: &str, with: &str) -> String {
    let mut out = text.to_string();
    while out.contains(pattern) {
        out = out.replace(pattern, with);
    }
    out
}

/// A string literal that JavaScript, Python and Go all read back as `text` (JSON's escapes).
pub(super) fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| String::from("\"\""))
}

/// The case's secret: the pack's constant, or a literal where the case changes it.
fn secret_expr(case: &Case, vectors: &PackVectors, constant: &str, literal: impl Fn(&str) -> String) -> String {
    if case.secret == vectors.secret {
        constant.to_string()
    } else {
        literal(&case.secret)
    }
}

fn node(vectors: &PackVectors) -> String {
    let mut out = header(vectors, "// ");
    out.push_str(
        "\nimport { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { resolve } from 'node:path';\nimport { pathToFileURL } from 'node:url';\n\n",
    );
    let _ = writeln!(out, "const SECRET = {};", quoted(&vectors.secret));
    out.push_str(
        "const modulePath = resolve(process.env.VERIFY_MODULE || './verify.js');\n\
         const imported = await import(pathToFileURL(modulePath).href);\n\
         const verifyWebhook = imported.verifyWebhook ?? imported.default?.verifyWebhook ?? imported.default;\n\
         if (typeof verifyWebhook !== 'function') {\n  throw new Error(`${modulePath} exports no verifyWebhook function`);\n}\n\n",
    );
    let _ = writeln!(
        out,
        "function body([head, padding, tail]) {{\n  return Buffer.concat([Buffer.from(head, 'hex'), Buffer.alloc(padding, {PADDING_BYTE}), Buffer.from(tail, 'hex')]);\n}}\n"
    );
    out.push_str("const CASES = [\n");
    for case in &vectors.cases {
        let header = case.header.as_deref().map_or_else(|| "undefined".to_string(), quoted);
        let _ = writeln!(
            out,
            "  {{\n    name: {},\n    accept: {},\n    body: [{}, {}, {}],\n    header: {header},\n    secret: {},\n    failure: {},\n  }},",
            quoted(&case.name),
            case.expect == Expect::Accept,
            quoted(&hex::encode(&case.body.head)),
            case.body.padding,
            quoted(&hex::encode(&case.body.tail)),
            secret_expr(case, vectors, "SECRET", quoted),
            quoted(&case.failure()),
        );
    }
    out.push_str(
        "];\n\nfor (const c of CASES) {\n  test(c.name, () => {\n    let result;\n    try {\n      result = verifyWebhook(body(c.body), c.header, c.secret);\n    } catch (error) {\n      assert.fail(`${c.failure} (It threw: ${error})`);\n    }\n    assert.equal(result, c.accept, c.failure);\n  });\n}\n",
    );
    out
}

fn python(vectors: &PackVectors) -> String {
    // A raw docstring: the header's backslashes (\uXXXX) read as written; it holds no quotes
    // in threes.
    let mut out = String::from("r\"\"\"\n");
    out.push_str(&without(&header(vectors, ""), "\"\"\"", "\"\" \""));
    out.push_str("\"\"\"\n\nimport importlib\nimport os\nimport unittest\n\n");
    let _ = writeln!(out, "SECRET = {}", quoted(&vectors.secret));
    out.push_str("verify_webhook = importlib.import_module(os.environ.get(\"VERIFY_MODULE\") or \"verify\").verify_webhook\n\n\n");
    let _ = writeln!(
        out,
        "def _body(head, padding, tail):\n    return bytes.fromhex(head) + bytes([{PADDING_BYTE}]) * padding + bytes.fromhex(tail)\n\n"
    );
    out.push_str("# name: (accept, (head, padding, tail), header, secret, failure)\nCASES = {\n");
    for case in &vectors.cases {
        let header = case.header.as_deref().map_or_else(|| "None".to_string(), quoted);
        let _ = writeln!(
            out,
            "    {}: (\n        {},\n        ({}, {}, {}),\n        {header},\n        {},\n        {},\n    ),",
            quoted(&case.name),
            if case.expect == Expect::Accept { "True" } else { "False" },
            quoted(&hex::encode(&case.body.head)),
            case.body.padding,
            quoted(&hex::encode(&case.body.tail)),
            secret_expr(case, vectors, "SECRET", quoted),
            quoted(&case.failure()),
        );
    }
    out.push_str(
        "}\n\n\nclass CobinarWebhookTest(unittest.TestCase):\n    maxDiff = None\n\n    def check(self, name):\n        accept, body, header, secret, failure = CASES[name]\n        try:\n            result = verify_webhook(_body(*body), header, secret)\n        except Exception as error:  # noqa: BLE001: a crash is a wrong answer too\n            self.fail(f\"{failure} (It raised: {error!r})\")\n        self.assertIs(result, accept, failure)\n",
    );
    for case in &vectors.cases {
        let _ = write!(
            out,
            "\n    def test_{}(self):\n        self.check({})\n",
            case.name.replace('-', "_"),
            quoted(&case.name)
        );
    }
    out.push_str("\n\nif __name__ == \"__main__\":\n    unittest.main()\n");
    out
}

fn go(vectors: &PackVectors) -> String {
    let mut out = header(vectors, "// ");
    out.push_str(
        "\npackage main // ← the name of the package that defines VerifyWebhook\n\nimport (\n\t\"bytes\"\n\t\"encoding/hex\"\n\t\"testing\"\n)\n\n",
    );
    let _ = writeln!(out, "const cobinarPackSecret = {}\n", quoted(&vectors.secret));
    out.push_str(
        "type cobinarPackCase struct {\n\tname    string\n\taccept  bool\n\thead    string\n\tpadding int\n\ttail    string\n\theader  string\n\tsecret  string\n\tfailure string\n}\n\nvar cobinarPackCases = []cobinarPackCase{\n",
    );
    for case in &vectors.cases {
        let _ = writeln!(
            out,
            "\t{{\n\t\tname:    {},\n\t\taccept:  {},\n\t\thead:    {},\n\t\tpadding: {},\n\t\ttail:    {},\n\t\theader:  {},\n\t\tsecret:  {},\n\t\tfailure: {},\n\t}},",
            quoted(&case.name),
            case.expect == Expect::Accept,
            quoted(&hex::encode(&case.body.head)),
            case.body.padding,
            quoted(&hex::encode(&case.body.tail)),
            quoted(case.header.as_deref().unwrap_or_default()),
            secret_expr(case, vectors, "cobinarPackSecret", quoted),
            quoted(&case.failure()),
        );
    }
    let _ = write!(
        out,
        "}}\n\nfunc TestCobinarWebhook(t *testing.T) {{\n\tfor _, c := range cobinarPackCases {{\n\t\tc := c\n\t\tt.Run(c.name, func(t *testing.T) {{\n\t\t\thead, err := hex.DecodeString(c.head)\n\t\t\tif err != nil {{\n\t\t\t\tt.Fatalf(\"this file's body is damaged: %v\", err)\n\t\t\t}}\n\t\t\ttail, err := hex.DecodeString(c.tail)\n\t\t\tif err != nil {{\n\t\t\t\tt.Fatalf(\"this file's body is damaged: %v\", err)\n\t\t\t}}\n\t\t\tbody := append(append(head, bytes.Repeat([]byte{{{PADDING_BYTE}}}, c.padding)...), tail...)\n\t\t\tdefer func() {{\n\t\t\t\tif r := recover(); r != nil {{\n\t\t\t\t\tt.Errorf(\"%s (It panicked: %v)\", c.failure, r)\n\t\t\t\t}}\n\t\t\t}}()\n\t\t\tif got := VerifyWebhook(body, c.header, c.secret); got != c.accept {{\n\t\t\t\tt.Error(c.failure)\n\t\t\t}}\n\t\t}})\n\t}}\n}}\n"
    );
    out
}

/// A Rust string literal for `text` (its `Debug` form is one).
pub(super) fn rust_quoted(text: &str) -> String {
    format!("{text:?}")
}

fn rust(vectors: &PackVectors) -> String {
    let mut out = header(vectors, "//! ");
    out.push_str(
        "\n// ↓ Set this to your function's path: use your_crate::verify_webhook; (tests/ of your crate)\n//   or use crate::verify_webhook; (this file as a module of your crate).\nuse your_crate::verify_webhook;\n\n",
    );
    let _ = writeln!(out, "const SECRET: &str = {};\n", rust_quoted(&vectors.secret));
    let _ = writeln!(
        out,
        "struct Case {{\n    accept: bool,\n    head: &'static str,\n    padding: usize,\n    tail: &'static str,\n    header: Option<&'static str>,\n    secret: &'static str,\n    failure: &'static str,\n}}\n\nfn unhex(text: &str) -> Vec<u8> {{\n    let digit = |c: u8| (c as char).to_digit(16).unwrap_or(0) as u8;\n    text.as_bytes().chunks(2).map(|pair| digit(pair[0]) << 4 | digit(pair[1])).collect()\n}}\n\nfn check(case: Case) {{\n    let mut body = unhex(case.head);\n    body.resize(body.len() + case.padding, {PADDING_BYTE});\n    body.extend(unhex(case.tail));\n    assert_eq!(verify_webhook(&body, case.header, case.secret), case.accept, \"{{}}\", case.failure);\n}}"
    );
    for case in &vectors.cases {
        let header = case.header.as_deref().map_or_else(|| "None".to_string(), |h| format!("Some({})", rust_quoted(h)));
        let _ = write!(
            out,
            "\n#[test]\nfn {}() {{\n    check(Case {{\n        accept: {},\n        head: {},\n        padding: {},\n        tail: {},\n        header: {header},\n        secret: {},\n        failure: {},\n    }});\n}}\n",
            case.name.replace('-', "_"),
            case.expect == Expect::Accept,
            rust_quoted(&hex::encode(&case.body.head)),
            case.body.padding,
            rust_quoted(&hex::encode(&case.body.tail)),
            secret_expr(case, vectors, "SECRET", rust_quoted),
            rust_quoted(&case.failure()),
        );
    }
    out
}

/// One case's values, the same in every language's file: the body's head and tail in hex.
fn hex_parts(case: &Case) -> (String, String) {
    (hex::encode(&case.body.head), hex::encode(&case.body.tail))
}

/// A PHP string literal for `text`: single-quoted (only `\` and `'` escaped) unless it holds a
/// control character, then double-quoted, with `$` escaped too.
pub(super) fn php_quoted(text: &str) -> String {
    if !text.chars().any(char::is_control) {
        return format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'"));
    }
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '$' => out.push_str("\\$"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let mut buffer = [0u8; 4];
                for byte in c.encode_utf8(&mut buffer).bytes() {
                    let _ = write!(out, "\\x{byte:02x}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A Ruby double-quoted string literal for `text`, `#` escaped so that nothing interpolates.
pub(super) fn ruby_quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '#' => out.push_str("\\#"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A string literal that Java and C# both read back as `text`, in ASCII: JSON's escapes, which
/// both share, and every non-ASCII character as `\uXXXX` (UTF-16, as both count).
pub(super) fn ascii_quoted(text: &str) -> String {
    let mut out = String::new();
    for c in quoted(text).chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            for unit in c.encode_utf16(&mut [0u16; 2]) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        }
    }
    out
}

/// `comment` made safe and ASCII for javac, which reads `\u` escapes everywhere, comments
/// included, and reads a file in the locale's encoding: each backslash doubled (so that no
/// backslash starts an escape) and each non-ASCII character written as its escape.
fn java_comment(comment: &str) -> String {
    let mut out = String::new();
    for c in comment.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            c if c.is_ascii() => out.push(c),
            c => {
                for unit in c.encode_utf16(&mut [0u16; 2]) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
        }
    }
    out
}

fn php(vectors: &PackVectors) -> String {
    let mut out = String::from("<?php\n");
    // `?>` ends PHP's code even inside a `//` comment.
    out.push_str(&without(&header(vectors, "// "), "?>", "? >"));
    let _ = writeln!(out, "\nconst COBINAR_PACK_SECRET = {};\n", php_quoted(&vectors.secret));
    let _ = writeln!(
        out,
        "$cobinarPackVerifyFile = getenv('VERIFY_FILE') ?: 'verify.php';\nrequire_once $cobinarPackVerifyFile;\nif (!function_exists('verify_webhook')) {{\n    fwrite(STDERR, \"$cobinarPackVerifyFile defines no verify_webhook function\\n\");\n    exit(2);\n}}\n\nfunction cobinar_pack_body(string $head, int $padding, string $tail): string\n{{\n    return hex2bin($head) . str_repeat(chr({PADDING_BYTE}), $padding) . hex2bin($tail);\n}}\n"
    );
    out.push_str("// name => [accept, [head, padding, tail], header, secret, failure]\nconst COBINAR_PACK_CASES = [\n");
    for case in &vectors.cases {
        let (head, tail) = hex_parts(case);
        let header = case.header.as_deref().map_or_else(|| "null".to_string(), php_quoted);
        let _ = writeln!(
            out,
            "    {} => [\n        {},\n        [{}, {}, {}],\n        {header},\n        {},\n        {},\n    ],",
            php_quoted(&case.name),
            case.expect == Expect::Accept,
            php_quoted(&head),
            case.body.padding,
            php_quoted(&tail),
            secret_expr(case, vectors, "COBINAR_PACK_SECRET", php_quoted),
            php_quoted(&case.failure()),
        );
    }
    out.push_str(
        "];

$cobinarPackFailed = 0;
$cobinarPackNumber = 0;
foreach (COBINAR_PACK_CASES as $name => [$accept, [$head, $padding, $tail], $header, $secret, $failure]) {
    $cobinarPackNumber++;
    $problem = null;
    try {
        $result = verify_webhook(cobinar_pack_body($head, $padding, $tail), $header, $secret);
        if ($result !== $accept) {
            $problem = is_bool($result) ? $failure : $failure . ' (It returned ' . get_debug_type($result) . ', not a bool.)';
        }
    } catch (Throwable $error) {
        $problem = $failure . ' (It threw ' . get_class($error) . ': ' . $error->getMessage() . ')';
    }
    if ($problem === null) {
        echo \"ok $cobinarPackNumber - $name\\n\";
    } else {
        $cobinarPackFailed++;
        echo \"not ok $cobinarPackNumber - $name\\n  # $problem\\n\";
    }
}
echo \"1..$cobinarPackNumber\\n# pass \" . ($cobinarPackNumber - $cobinarPackFailed) . \"\\n# fail $cobinarPackFailed\\n\";
exit($cobinarPackFailed === 0 ? 0 : 1);
",
    );
    out
}

fn ruby(vectors: &PackVectors) -> String {
    // Ruby reads `-*- name: value -*-` in the file's first comments as a magic comment.
    let mut out = without(&header(vectors, "# "), "-*-", "- * -");
    out.push_str(
        "\nrequire 'minitest/autorun'\n\ncobinar_verify_file = ENV['VERIFY_FILE'].to_s\ncobinar_verify_file = 'verify.rb' if cobinar_verify_file.empty?\nrequire File.expand_path(cobinar_verify_file)\n\nclass CobinarWebhookTest < Minitest::Test\n",
    );
    let _ = writeln!(out, "  SECRET = {}\n", ruby_quoted(&vectors.secret));
    out.push_str("  # name => [accept, [head, padding, tail], header, secret, failure]\n  CASES = {\n");
    for case in &vectors.cases {
        let (head, tail) = hex_parts(case);
        let header = case.header.as_deref().map_or_else(|| "nil".to_string(), ruby_quoted);
        let _ = writeln!(
            out,
            "    {} => [\n      {},\n      [{}, {}, {}],\n      {header},\n      {},\n      {},\n    ],",
            ruby_quoted(&case.name),
            case.expect == Expect::Accept,
            ruby_quoted(&head),
            case.body.padding,
            ruby_quoted(&tail),
            secret_expr(case, vectors, "SECRET", ruby_quoted),
            ruby_quoted(&case.failure()),
        );
    }
    let _ = write!(
        out,
        "  }}.freeze

  # The body as the function gets it: a binary (ASCII-8BIT) string.
  def self.body(head, padding, tail)
    ([head].pack('H*') + ({PADDING_BYTE}.chr * padding) + [tail].pack('H*')).b
  end

  CASES.each do |name, (accept, (head, padding, tail), header, secret, failure)|
    define_method(\"test_#{{name.tr('-', '_')}}\") do
      body = CobinarWebhookTest.body(head, padding, tail)
      begin
        result = verify_webhook(body, header, secret)
      rescue StandardError, ScriptError => e
        flunk(\"#{{failure}} (It raised #{{e.class}}: #{{e.message}})\")
      end
      if accept
        assert(result, failure)
      else
        refute(result, failure)
      end
    end
  end
end
"
    );
    out
}

/// How many characters of hex one Java or C# string literal holds at most: javac refuses a
/// constant string of more than 65,535 bytes, and folds `"a" + "b"` into one constant.
pub(super) const HEX_LITERAL_CHARS: usize = 32 * 1024;

/// `hex` as one string literal, or, when longer than `HEX_LITERAL_CHARS`, as literals of that
/// size joined at run time by `join`, a call that takes the parts as its other arguments and
/// closes with `)` (`String.join("", ` in Java, `string.Concat(` in C#).
pub(super) fn hex_literal(hex: &str, join: &str) -> String {
    if hex.len() <= HEX_LITERAL_CHARS {
        return ascii_quoted(hex);
    }
    let parts: Vec<String> =
        hex.as_bytes().chunks(HEX_LITERAL_CHARS).map(|part| ascii_quoted(&String::from_utf8_lossy(part))).collect();
    format!("{join}{})", parts.join(", "))
}

/// The cases as `new Case(name, accept, head, padding, tail, header, secret, failure),` rows,
/// which Java and C# both read (`null` for a missing header; `secret` names the pack's constant;
/// `join` joins a long body's literals, see `hex_literal`).
fn new_case_rows(vectors: &PackVectors, secret: &str, join: &str, out: &mut String) {
    for case in &vectors.cases {
        let (head, tail) = hex_parts(case);
        let header = case.header.as_deref().map_or_else(|| "null".to_string(), ascii_quoted);
        let _ = writeln!(
            out,
            "        new Case(\n            {},\n            {},\n            {},\n            {},\n            {},\n            {header},\n            {},\n            {}),",
            ascii_quoted(&case.name),
            case.expect == Expect::Accept,
            hex_literal(&head, join),
            case.body.padding,
            hex_literal(&tail, join),
            secret_expr(case, vectors, secret, ascii_quoted),
            ascii_quoted(&case.failure()),
        );
    }
}

fn java(vectors: &PackVectors) -> String {
    let mut out = java_comment(&header(vectors, "// "));
    let _ = writeln!(
        out,
        "\npublic class CobinarWebhookTest {{\n    static final String SECRET = {};\n",
        ascii_quoted(&vectors.secret)
    );
    let _ = writeln!(
        out,
        "    /** One call of WebhookVerifier.verify and the answer it must give. */
    static final class Case {{
        final String name;
        final boolean accept;
        final String head;
        final int padding;
        final String tail;
        final String header;
        final String secret;
        final String failure;

        Case(String name, boolean accept, String head, int padding, String tail, String header, String secret,
                String failure) {{
            this.name = name;
            this.accept = accept;
            this.head = head;
            this.padding = padding;
            this.tail = tail;
            this.header = header;
            this.secret = secret;
            this.failure = failure;
        }}

        byte[] body() {{
            byte[] start = unhex(head);
            byte[] end = unhex(tail);
            byte[] body = new byte[start.length + padding + end.length];
            System.arraycopy(start, 0, body, 0, start.length);
            java.util.Arrays.fill(body, start.length, start.length + padding, (byte) {PADDING_BYTE});
            System.arraycopy(end, 0, body, start.length + padding, end.length);
            return body;
        }}
    }}

    static byte[] unhex(String hex) {{
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {{
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }}
        return out;
    }}
"
    );
    out.push_str("    static final Case[] CASES = {\n");
    new_case_rows(vectors, "SECRET", "String.join(\"\", ", &mut out);
    out.push_str(
        "    };

    public static void main(String[] args) {
        int failed = 0;
        for (int i = 0; i < CASES.length; i++) {
            Case c = CASES[i];
            String problem = null;
            try {
                if (WebhookVerifier.verify(c.body(), c.header, c.secret) != c.accept) {
                    problem = c.failure;
                }
            } catch (Throwable thrown) {
                problem = c.failure + \" (It threw \" + thrown + \")\";
            }
            if (problem == null) {
                System.out.println(\"ok \" + (i + 1) + \" - \" + c.name);
            } else {
                failed++;
                System.out.println(\"not ok \" + (i + 1) + \" - \" + c.name);
                System.out.println(\"  # \" + problem);
            }
        }
        System.out.println(\"1..\" + CASES.length);
        System.out.println(\"# pass \" + (CASES.length - failed));
        System.out.println(\"# fail \" + failed);
        System.exit(failed == 0 ? 0 : 1);
    }
}
",
    );
    out
}

fn csharp(vectors: &PackVectors) -> String {
    let mut out = header(vectors, "// ");
    let _ = writeln!(
        out,
        "\nusing System;\n\npublic static class CobinarWebhookTest\n{{\n    const string Secret = {};\n",
        ascii_quoted(&vectors.secret)
    );
    let _ = writeln!(
        out,
        "    // One call of WebhookVerifier.Verify and the answer it must give.
    sealed class Case
    {{
        public readonly string Name;
        public readonly bool Accept;
        public readonly string Head;
        public readonly int Padding;
        public readonly string Tail;
        public readonly string Header;
        public readonly string Secret;
        public readonly string Failure;

        public Case(string name, bool accept, string head, int padding, string tail, string header, string secret, string failure)
        {{
            Name = name;
            Accept = accept;
            Head = head;
            Padding = padding;
            Tail = tail;
            Header = header;
            Secret = secret;
            Failure = failure;
        }}

        public byte[] Body()
        {{
            byte[] start = Unhex(Head);
            byte[] end = Unhex(Tail);
            var body = new byte[start.Length + Padding + end.Length];
            Buffer.BlockCopy(start, 0, body, 0, start.Length);
            for (int i = 0; i < Padding; i++) body[start.Length + i] = {PADDING_BYTE};
            Buffer.BlockCopy(end, 0, body, start.Length + Padding, end.Length);
            return body;
        }}
    }}

    static byte[] Unhex(string hex)
    {{
        var bytes = new byte[hex.Length / 2];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = Convert.ToByte(hex.Substring(2 * i, 2), 16);
        return bytes;
    }}
"
    );
    out.push_str("    static readonly Case[] Cases =\n    {\n");
    new_case_rows(vectors, "Secret", "string.Concat(", &mut out);
    out.push_str(
        "    };

    public static int Main()
    {
        int failed = 0;
        for (int i = 0; i < Cases.Length; i++)
        {
            Case c = Cases[i];
            string problem = null;
            try
            {
                if (WebhookVerifier.Verify(c.Body(), c.Header, c.Secret) != c.Accept) problem = c.Failure;
            }
            catch (Exception thrown)
            {
                problem = c.Failure + \" (It threw \" + thrown.GetType().Name + \": \" + thrown.Message + \")\";
            }
            if (problem == null)
            {
                Console.WriteLine(\"ok \" + (i + 1) + \" - \" + c.Name);
            }
            else
            {
                failed++;
                Console.WriteLine(\"not ok \" + (i + 1) + \" - \" + c.Name);
                Console.WriteLine(\"  # \" + problem);
            }
        }
        Console.WriteLine(\"1..\" + Cases.Length);
        Console.WriteLine(\"# pass \" + (Cases.Length - failed));
        Console.WriteLine(\"# fail \" + failed);
        return failed == 0 ? 0 : 1;
    }
}
",
    );
    out
}
