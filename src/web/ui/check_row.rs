use leptos::prelude::*;

use crate::verify::header_checks::{CheckStatus, HeaderCheck};
use crate::verify::invisible::{self, Piece};

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
                    <dd data-testid="received-value"><bdi><Pieces pieces=invisible::pieces(&diff.received) /></bdi></dd>
                    <dt>"expected"</dt>
                    <dd data-testid="expected-value"><bdi><Pieces pieces=invisible::pieces(&diff.expected) /></bdi></dd>
                </dl>
            }
            .into_any(),
        ),
        (None, Some(received)) => Some(
            view! {
                <dl class="we-values">
                    <dt>"received"</dt>
                    <dd data-testid="received-value"><bdi><Pieces pieces=invisible::pieces_of(received) /></bdi></dd>
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

/// Text with the differing runs marked, and each character that cannot be seen standing as its
/// token (`⟨U+200B⟩`), named in its tooltip. Each value sits in a `<bdi>`, so that nothing in it
/// reorders the row around it.
#[component]
fn Pieces(pieces: Vec<Piece>) -> impl IntoView {
    pieces
        .into_iter()
        .map(|piece| match (piece.hidden, piece.differs) {
            _ if piece.elided => view! { <span class="we-elided" data-testid="value-elided">{piece.text}</span> }.into_any(),
            (Some(hidden), true) => view! {
                <mark class="we-diff__differs we-invisible" data-testid="invisible-char" data-code=hidden.code() title=hidden.describe()>
                    {piece.text}
                </mark>
            }
            .into_any(),
            (Some(hidden), false) => view! {
                <span class="we-invisible" data-testid="invisible-char" data-code=hidden.code() title=hidden.describe()>
                    {piece.text}
                </span>
            }
            .into_any(),
            (None, true) => view! { <mark class="we-diff__differs">{piece.text}</mark> }.into_any(),
            (None, false) => view! { <span>{piece.text}</span> }.into_any(),
        })
        .collect_view()
}
