use leptos::prelude::*;

use crate::echo::retry::{self, DeliveryOutcome, EndpointResponse, RetrySchedule, BACKOFF_MILLIS, MAX_ATTEMPTS};
use crate::protocol::text::seconds;

/// What the endpoint does on each attempt, and the schedule Cobinar follows for it.
#[component]
pub fn RetryTimeline(
    responses: RwSignal<[EndpointResponse; MAX_ATTEMPTS]>,
    #[prop(into)] event_id: Signal<String>,
) -> impl IntoView {
    let schedule = Memo::new(move |_| retry::schedule(responses.get()));
    let chooser = move |index: usize| {
        let happens = move || schedule.with(|s| s.attempts.len() > index);
        view! {
            <label class="we-retry__choice" class:we-retry__choice--skipped=move || !happens()>
                <span class="we-retry__choice-label">"Attempt " {index + 1}</span>
                <select
                    class="we-input we-select"
                    data-testid=format!("retry-response-{}", index + 1)
                    on:change:target=move |ev| {
                        if let Some(response) = EndpointResponse::from_name(&ev.target().value()) {
                            responses.update(|r| r[index] = response);
                        }
                    }
                >
                    {EndpointResponse::ALL
                        .into_iter()
                        .map(|response| view! {
                            <option
                                value=response.as_str()
                                prop:selected=move || responses.with(|r| r[index] == response)
                            >
                                {response.label()}
                            </option>
                        })
                        .collect_view()}
                </select>
            </label>
        }
    };
    view! {
        <section class="we-panel" aria-labelledby="retry-title">
            <div class="we-panel__head">
                <h2 id="retry-title" class="we-panel__title">"Retries"</h2>
            </div>
            <p class="we-field__hint we-retry__rule">
                "Up to " {MAX_ATTEMPTS} " attempts, " {seconds(BACKOFF_MILLIS[0])} " then " {seconds(BACKOFF_MILLIS[1])}
                " apart, each given " {seconds(retry::TIMEOUT_MILLIS)} " to answer. Choose what your endpoint does:"
            </p>
            <div class="we-retry__choices">{(0..MAX_ATTEMPTS).map(chooser).collect_view()}</div>
            <div data-testid="retry-timeline">
                {move || schedule.with(|s| view! { <Attempts schedule=s.clone() event_id=event_id.get() /> })}
            </div>
        </section>
    }
}

#[component]
fn Attempts(schedule: RetrySchedule, event_id: String) -> impl IntoView {
    let rows = schedule
        .attempts
        .iter()
        .map(|attempt| {
            view! {
                <li
                    class=format!("we-attempt we-attempt--{}", attempt.response.as_str())
                    data-testid=format!("retry-attempt-{}", attempt.number)
                    data-response=attempt.response.as_str()
                    data-starts-at-ms=attempt.starts_at_millis.to_string()
                >
                    <span class="we-attempt__time">{seconds(attempt.starts_at_millis)}</span>
                    <span class="we-attempt__body">
                        <strong>"Attempt " {attempt.number}</strong>
                        ", sent " {attempt.when_sent()} ". " {attempt.what_happens()}
                    </span>
                </li>
            }
        })
        .collect_view();
    let outcome = match schedule.outcome {
        DeliveryOutcome::Delivered { .. } => "delivered",
        DeliveryOutcome::Failed => "failed",
    };
    let text = schedule.outcome_sentence();
    view! {
        <ol class="we-attempts">{rows}</ol>
        <p class=format!("we-retry__outcome we-retry__outcome--{outcome}") data-testid="retry-outcome" data-outcome=outcome>
            "Recorded on the console's Webhooks page: " {text}
        </p>
        <p class="we-field__hint">
            "Every attempt carries the same " <code>"x-cobinar-event-id: " {event_id}</code>
            ". Deduplicate on it: an endpoint that handled attempt 1 but answered too late sees the delivery again."
        </p>
    }
}
