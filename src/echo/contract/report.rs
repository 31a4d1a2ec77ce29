//! The report card as data: whether a case failed (the exit code), the last line, whether a
//! genuine delivery was refused as unauthorised, and the card as JSON (`check --json`) and JUnit
//! XML (`check --junit`).

use serde::Serialize;

use super::{CaseRef, CaseResult, Grade};

/// Whether any case failed: the command's exit code.
pub fn any_failed(results: &[CaseResult]) -> bool {
    results.iter().any(|r| r.grade == Grade::Fail)
}

/// The report's last line.
pub fn summary(results: &[CaseResult]) -> String {
    let count = |grade| results.iter().filter(|r| r.grade == grade).count();
    format!(
        "{} passed, {} warned, {} failed, of {} cases.",
        count(Grade::Pass),
        count(Grade::Warn),
        count(Grade::Fail),
        results.len()
    )
}

#[derive(Serialize)]
struct JsonReport<'a> {
    cases: Vec<JsonCase<'a>>,
}

#[derive(Serialize)]
struct JsonCase<'a> {
    id: String,
    /// The grade, under the key scripts read: `outcome`.
    outcome: Grade,
    status: Option<u16>,
    ms: u64,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    cause: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    answer: Option<&'a str>,
}

/// `check --json`: `{"cases":[{"id","outcome","status","ms","message"}]}`, with `cause` and
/// `fix` on the cases that have them, and `answer` where a refusal said something.
#[expect(
    clippy::expect_used,
    reason = "a JsonReport is derived structs of strings, integers, an enum of names and options of them: serde_json cannot refuse it"
)]
pub fn to_json(results: &[CaseResult]) -> String {
    let cases = results
        .iter()
        .map(|r| JsonCase {
            id: r.case.id(),
            outcome: r.grade,
            status: r.status,
            ms: r.millis,
            message: &r.message,
            cause: r.cause.as_deref(),
            fix: r.fix.as_deref(),
            answer: r.answer.as_deref(),
        })
        .collect();
    serde_json::to_string(&JsonReport { cases }).expect("a check report serialises")
}

/// Text as XML 1.0 allows it in an attribute or element: the five special characters escaped, and
/// the characters XML cannot hold at all (most controls, unpaired halves) written as
/// `⟨U+XXXX⟩`, so that a file name or a receiver's words cannot break the report.
fn xml_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{7f}' || c == '\u{fffe}' || c == '\u{ffff}' => {
                out.push_str(&format!("⟨U+{:04X}⟩", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out
}

/// `check --junit FILE`: every case as JUnit XML, which CI systems (GitHub Actions' test
/// reporters, GitLab, Jenkins, Azure) show natively: one `<testsuite>`, one `<testcase>` per case
/// named by its id, a failure with its message, cause and fix; a warning passes, with its words
/// in `<system-out>`.
pub fn to_junit(suite: &str, results: &[CaseResult]) -> String {
    let failures = results.iter().filter(|r| r.grade == Grade::Fail).count();
    let secs = |millis: u64| format!("{}.{:03}", millis / 1000, millis % 1000);
    let total: u64 = results.iter().map(|r| r.millis).sum();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"webhook-echo check\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" time=\"{}\">\n",
        results.len(),
        secs(total)
    ));
    out.push_str(&format!(
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\" time=\"{}\">\n",
        xml_text(suite),
        results.len(),
        secs(total)
    ));
    for r in results {
        let classname = match r.case {
            CaseRef::Contract(_) => "webhook-echo.contract",
            CaseRef::Fixture(_) => "webhook-echo.fixtures",
        };
        let head = format!(
            "    <testcase classname=\"{classname}\" name=\"{}\" time=\"{}\"",
            xml_text(&r.case.id()),
            secs(r.millis)
        );
        let status = r.status.map_or("no answer".to_string(), |s| format!("HTTP {s}"));
        let detail = [
            Some(format!("{status}: {}", r.message)),
            r.cause.as_ref().map(|c| format!("cause: {c}")),
            r.fix.as_ref().map(|f| format!("fix: {f}")),
            r.answer.as_ref().map(|a| format!("answer: {a}")),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("\n");
        match r.grade {
            Grade::Pass => out.push_str(&format!("{head}/>\n")),
            Grade::Warn => out.push_str(&format!(
                "{head}>\n      <system-out>warning: {}</system-out>\n    </testcase>\n",
                xml_text(&detail)
            )),
            Grade::Fail => out.push_str(&format!(
                "{head}>\n      <failure message=\"{}\" type=\"fail\">{}</failure>\n    </testcase>\n",
                xml_text(&r.message),
                xml_text(&detail)
            )),
        }
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

/// Whether a delivery that should have been accepted was refused as unauthorised (401 or 403):
/// then the secrets are the first thing to compare.
pub fn refused_genuine(results: &[CaseResult]) -> bool {
    results.iter().any(|r| r.grade == Grade::Fail && matches!(r.status, Some(401 | 403)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::echo::contract::{judge, unreadable_fixture, Answer, CaseId};
    use crate::stacks::Choice;

    #[test]
    fn json_has_the_documented_shape() {
        let results = vec![
            judge(CaseId::GenuineOtpCreated, &Answer::Status(200), 12, Choice::Any),
            judge(CaseId::Slow, &Answer::TimedOut, 8_000, Choice::Any),
        ];
        let json: serde_json::Value = serde_json::from_str(&to_json(&results)).unwrap_or_default();
        let first = &json["cases"][0];
        assert_eq!(
            (first["id"].as_str(), first["outcome"].as_str(), first["status"].as_u64(), first["ms"].as_u64()),
            (Some("genuine-otp.created"), Some("pass"), Some(200), Some(12))
        );
        assert!(first["message"].is_string());
        assert!(json["cases"][1]["status"].is_null());
        assert_eq!(json["cases"][1]["outcome"], "fail");
        assert!(any_failed(&results));
        assert_eq!(summary(&results), "1 passed, 0 warned, 1 failed, of 2 cases.");
    }

    #[test]
    fn junit_lists_every_case_and_escapes_what_it_quotes() {
        let mut results = vec![
            judge(CaseId::GenuineOtpCreated, &Answer::Status(200), 12, Choice::Any),
            judge(CaseId::StaleDelivery, &Answer::Status(200), 1500, Choice::Any),
            judge(CaseId::TamperedBody, &Answer::Status(200), 3, Choice::Any),
        ];
        results.push(unreadable_fixture("<a&b>\"'\u{1}.json", "bad"));
        let xml = to_junit("webhook-echo check http://127.0.0.1:3000/x?a=1&b=2", &results);
        let expected_start = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"webhook-echo check\" tests=\"4\" failures=\"2\" errors=\"0\" time=\"1.515\">\n  <testsuite name=\"webhook-echo check http://127.0.0.1:3000/x?a=1&amp;b=2\" tests=\"4\" failures=\"2\" errors=\"0\" skipped=\"0\" time=\"1.515\">\n    <testcase classname=\"webhook-echo.contract\" name=\"genuine-otp.created\" time=\"0.012\"/>\n    <testcase classname=\"webhook-echo.contract\" name=\"stale-delivery\" time=\"1.500\">\n      <system-out>warning: HTTP 200: Accepted a delivery signed a day ago, with 200.\ncause: ";
        assert!(xml.starts_with(expected_start), "{xml}");
        assert!(xml.contains("<testcase classname=\"webhook-echo.contract\" name=\"tampered-body\" time=\"0.003\">\n      <failure message=\"Accepted a body changed after signing with 200.\" type=\"fail\">HTTP 200: Accepted a body changed after signing with 200.\ncause: The receiver does not check the signature against the body it received.\nfix: "), "{xml}");
        assert!(xml.contains("<testcase classname=\"webhook-echo.fixtures\" name=\"fixture:&lt;a&amp;b&gt;&quot;&apos;⟨U+0001⟩.json\" time=\"0.000\">\n      <failure message=\"Not sent: bad\" type=\"fail\">no answer: Not sent: bad\ncause: "), "{xml}");
        assert!(xml.ends_with("</failure>\n    </testcase>\n  </testsuite>\n</testsuites>\n"), "{xml}");
        assert_eq!(xml.matches("<testcase ").count(), 4);
        assert_eq!(xml_text("\t\n\r\u{7f}\u{fffe}\u{ffff}é"), "\t\n\r⟨U+007F⟩⟨U+FFFE⟩⟨U+FFFF⟩é");
    }
}
