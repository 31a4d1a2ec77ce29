use leptos::prelude::*;

use crate::verify::diff::Span;
use crate::verify::header_checks::{CheckStatus, HeaderCheck};

/// One documented header: its status, why, and the differing characters highlighted.
#[component]
pub fn CheckRow(check: HeaderCheck) -> impl IntoView {
    let status = check.status.as_str();
    let badge = match check.status {
        CheckStatus::Ok => "ok",
        CheckStatus::Mismatch => "mismatch",
        CheckStatus::Missing => "missing",
        CheckStatus::Malformed => "malformed",
        CheckStatus::Warning => "check",
    };
    let values = match (&check.diff, &check.received) {
        (Some(diff), _) => Some(
            view! {
                <dl class="we-values">
                    <dt>"received"</dt>
                    <dd data-testid="received-value"><Spans spans=diff.received.clone() /></dd>
                    <dt>"expected"</dt>
                    <dd data-testid="expected-value"><Spans spans=diff.expected.clone() /></dd>
                </dl>
            }
            .into_any(),
        ),
        (None, Some(received)) => Some(
            view! {
                <dl class="we-values">
                    <dt>"received"</dt>
                    <dd data-testid="received-value">{received.clone()}</dd>
                </dl>
            }
            .into_any(),
        ),
        (None, None) => None,
    };
    view! {
        <li
            class=format!("we-check we-check--{status}")
            data-testid=format!("check-{}", check.header)
            data-status=status
        >
            <div class="we-check__head">
                <code class="we-check__name">{check.header}</code>
                <span class=format!("we-badge we-badge--{status}")>{badge}</span>
            </div>
            <p class="we-check__message">{check.message}</p>
            {values}
            {(!check.notes.is_empty()).then(|| view! {
                <ul class="we-check__notes">
                    {check.notes.into_iter().map(|note| view! { <li>{note}</li> }).collect_view()}
                </ul>
            })}
        </li>
    }
}

/// Text with the differing runs marked.
#[component]
fn Spans(spans: Vec<Span>) -> impl IntoView {
    spans
        .into_iter()
        .map(|span| {
            if span.differs {
                view! { <mark class="we-diff__differs">{span.text}</mark> }.into_any()
            } else {
                view! { <span>{span.text}</span> }.into_any()
            }
        })
        .collect_view()
}
