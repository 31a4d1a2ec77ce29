//! The pack's vectors written as one test file per language: a header that says how to run it
//! and what each case means, the cases as data (bodies in hex, so that CRLFs, non-ASCII text and
//! exact bytes survive any editor), and one named test per case.

use std::fmt::Write as _;

use super::{Case, Expect, Language, PackVectors, PADDING_BYTE, UPPER_CASE_DECISION};

const WIDTH: usize = 96;

/// The whole test file for `language` from `vectors`: a header that says how to run it, the cases
/// as data and one named test per case.
pub fn render(language: Language, vectors: &PackVectors) -> String {
    match language {
        Language::Node => node(vectors),
        Language::Python => python(vectors),
        Language::Go => go(vectors),
        Language::Rust => rust(vectors),
    }
}

/// How to run the pack, in the language's own terms.
fn how_to_run(language: Language) -> &'static str {
    match language {
        Language::Node => "Put this file beside your code and run\n\n    VERIFY_MODULE=./verify.js node --test cobinar-webhook.test.mjs\n\nVERIFY_MODULE is the path, from where you run it, of the module that exports verifyWebhook (CommonJS or ES module; a default export works too); it defaults to ./verify.js. Node 18 or later, no dependencies.",
        Language::Python => "Put this file beside your code and run\n\n    VERIFY_MODULE=verify python -m unittest test_cobinar_webhook\n\nor python -m pytest test_cobinar_webhook.py. VERIFY_MODULE names the module that defines verify_webhook, importable from where you run it; it defaults to verify. Python 3.8 or later, standard library only.",
        Language::Go => "Copy this file into the package that defines VerifyWebhook, set the package line below to that package's name, and run\n\n    go test -run TestCobinarWebhook .\n\nA missing header is the empty string here, as r.Header.Get gives it, so the missing and empty cases make the same call. Standard library only.",
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
fn header(language: Language, vectors: &PackVectors, prefix: &str) -> String {
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
    let width = vectors.cases.iter().map(|c| c.name.len()).max().unwrap_or(0);
    for case in &vectors.cases {
        let verb = match case.expect {
            Expect::Accept => "accept",
            Expect::Reject => "reject",
        };
        let _ = writeln!(out, "{prefix}  {:width$}  {verb}: {}", case.name, case.meaning);
    }
    out
}

/// A string literal that JavaScript, Python and Go all read back as `text` (JSON's escapes).
fn quoted(text: &str) -> String {
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
    let mut out = header(Language::Node, vectors, "// ");
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
    out.push_str(&header(Language::Python, vectors, "").replace("\"\"\"", "\"\" \""));
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
    let mut out = header(Language::Go, vectors, "// ");
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
fn rust_quoted(text: &str) -> String {
    format!("{text:?}")
}

fn rust(vectors: &PackVectors) -> String {
    let mut out = header(Language::Rust, vectors, "//! ");
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
