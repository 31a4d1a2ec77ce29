//! A delivery's verification and its named causes as plain serialisable data: what
//! `window.webhookEcho.verify` returns and what `webhook-echo verify --json` prints, one shape
//! written once (`{ verdict, summary, expectedSignature, checks, diagnosis, notFromCobinar }`).

use serde::Serialize;

use crate::diagnose::diagnosis::{self, Cause, Diagnosis};
use crate::stacks::{Choice, Language};
use crate::verify::received_headers::ReceivedHeaders;
use crate::verify::verification::{self, ReceivedDelivery, Verification};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VerifyReport {
    pub verdict: &'static str,
    pub summary: String,
    pub expected_signature: Option<String>,
    pub checks: Vec<CheckReport>,
    /// Why the signature fails, when it does: empty for `valid` and `incomplete`.
    pub diagnosis: Vec<DiagnosisReport>,
    pub not_from_cobinar: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckReport {
    pub header: &'static str,
    pub status: &'static str,
    pub message: String,
    pub received: Option<String>,
    pub expected: Option<String>,
    pub notes: Vec<String>,
}

/// One named cause: `{ cause, finding, fix }`, and `language` when the evidence names the
/// reader's language; also each element of `webhookEcho.diagnose`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiagnosisReport {
    /// Written as its name, `body-reserialized` (`Cause::as_str`).
    pub cause: Cause,
    pub finding: String,
    pub fix: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<&'static str>,
}

impl DiagnosisReport {
    /// The cause with its fix in the words of `choice` (or of the language the evidence names).
    pub fn of(d: Diagnosis, choice: Choice) -> Self {
        let d = d.in_words_of(choice);
        Self { cause: d.cause, finding: d.finding, fix: d.fix, language: d.language.map(Language::id) }
    }
}

/// What the report says, before it is words: the verification and, when the verdict calls for
/// it, the named causes. For a caller that acts on the verdict and the statuses as types
/// (`webhook-echo verify` prints them or, with `--json`, the report `VerifyReport::new` makes).
pub fn verify_and_diagnose(
    secret: &str,
    body: &[u8],
    headers: &ReceivedHeaders,
    now_unix_millis: Option<i64>,
) -> (Verification, Vec<Diagnosis>) {
    let result = verification::verify(ReceivedDelivery { secret, body, headers, now_unix_millis });
    let causes = diagnosis::for_verdict(result.verdict, secret, body, headers);
    (result, causes)
}

impl VerifyReport {
    /// A verification and the causes found for it, as the report says them, each fix in the
    /// words of `choice`.
    pub fn new(v: Verification, diagnosis: Vec<Diagnosis>, choice: Choice) -> Self {
        Self {
            verdict: v.verdict.as_str(),
            summary: v.summary,
            expected_signature: v.expected_signature,
            checks: v
                .checks
                .into_iter()
                .map(|c| CheckReport {
                    header: c.header,
                    status: c.status.as_str(),
                    message: c.message,
                    received: c.received,
                    expected: c.expected,
                    notes: c.notes,
                })
                .collect(),
            diagnosis: diagnosis.into_iter().map(|d| DiagnosisReport::of(d, choice)).collect(),
            not_from_cobinar: v.not_from_cobinar,
        }
    }

    /// Verifies a delivery and, when the verdict calls for it, names the causes.
    pub fn of(
        secret: &str,
        body: &[u8],
        headers: &ReceivedHeaders,
        now_unix_millis: Option<i64>,
        choice: Choice,
    ) -> Self {
        let (result, causes) = verify_and_diagnose(secret, body, headers, now_unix_millis);
        Self::new(result, causes, choice)
    }

    /// The report as compact JSON.
    #[expect(
        clippy::expect_used,
        reason = "a VerifyReport is derived structs of strings, options and lists of them: serde_json cannot refuse it"
    )]
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a verify report serialises")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::echo::example::EXAMPLE_BODY;
    use crate::verify::received_headers;
    use crate::verify::signature::sign;

    /// The shape scripts read, key for key and in order, for a body with a trailing newline.
    #[test]
    fn the_shape_scripts_read() {
        let secret = "whsec_report";
        let signature = sign(secret.as_bytes(), EXAMPLE_BODY.as_bytes());
        let headers = received_headers::parse(&format!("x-cobinar-signature: {signature}\n"));
        let body = format!("{EXAMPLE_BODY}\n");
        let json: serde_json::Value =
            serde_json::from_str(&VerifyReport::of(secret, body.as_bytes(), &headers, None, Choice::Any).to_json())
                .unwrap_or_default();
        let keys = |v: &serde_json::Value| v.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>());
        let mut top = keys(&json).unwrap_or_default();
        top.sort();
        assert_eq!(top, ["checks", "diagnosis", "expectedSignature", "notFromCobinar", "summary", "verdict"]);
        assert_eq!(json["verdict"], "invalid");
        let mut check = keys(&json["checks"][0]).unwrap_or_default();
        check.sort();
        assert_eq!(check, ["expected", "header", "message", "notes", "received", "status"]);
        assert_eq!(json["checks"][0]["header"], "x-cobinar-signature");
        assert_eq!(json["diagnosis"][0]["cause"], "body-trailing-newline");
        let mut cause = keys(&json["diagnosis"][0]).unwrap_or_default();
        cause.sort();
        assert_eq!(cause, ["cause", "finding", "fix"]);
    }

    /// The verdict and causes the report words, as types: a body with a trailing newline is
    /// invalid for one named cause; a valid one has none to name.
    #[test]
    fn verify_and_diagnose_gives_the_verdict_and_its_causes() {
        use crate::verify::verification::Verdict;
        let secret = "whsec_report";
        let signature = sign(secret.as_bytes(), EXAMPLE_BODY.as_bytes());
        let headers = received_headers::parse(&format!("x-cobinar-signature: {signature}\n"));
        let body = format!("{EXAMPLE_BODY}\n");
        let (result, causes) = verify_and_diagnose(secret, body.as_bytes(), &headers, None);
        assert_eq!(result.verdict, Verdict::Invalid);
        assert_eq!(causes.iter().map(|d| d.cause).collect::<Vec<_>>(), [Cause::BodyTrailingNewline]);
        let report = VerifyReport::of(secret, body.as_bytes(), &headers, None, Choice::Any);
        assert_eq!(report, VerifyReport::new(result, causes, Choice::Any));
        let (valid, none) = verify_and_diagnose(secret, EXAMPLE_BODY.as_bytes(), &headers, None);
        assert_eq!((valid.verdict, none.len()), (Verdict::Valid, 0));
    }
}
