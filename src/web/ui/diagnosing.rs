//! The cause finder's state: when the verdict turns or stays invalid, the causes are searched
//! where and when `offload::plan_diagnosis` says, and the page's worker answers for large bodies.

use std::sync::Arc;

use leptos::prelude::*;

use super::state::Inputs;
use super::worker::Offload;
use crate::diagnose::diagnosis::{self, Diagnosis};
use crate::diagnose::offload::{self, DiagnosisPlan, Task};
use crate::verify::received_headers::ReceivedHeaders;
use crate::verify::verification::Verification;

/// The causes of an invalid signature, searched when the verdict turns or stays invalid.
pub fn diagnose_when_invalid(
    inputs: Inputs,
    body_bytes: Memo<Arc<[u8]>>,
    headers: Memo<ReceivedHeaders>,
    verification: Memo<Verification>,
    offload: Offload,
) -> (RwSignal<Vec<Diagnosis>>, RwSignal<bool>) {
    let diagnoses = RwSignal::new(Vec::new());
    let pending = RwSignal::new(false);
    let timer = StoredValue::new(None::<TimeoutHandle>);
    // Where and when: `offload::plan_diagnosis`. A large body goes to the worker, or is searched
    // in place where there is none.
    let run = move || {
        let sent = inputs.secret.with_untracked(|secret| {
            inputs.headers_text.with_untracked(|headers_text| {
                body_bytes.with_untracked(|body| {
                    offload::diagnosed_in_worker(body.len())
                        && offload.send(Task::Diagnose, secret.clone(), headers_text.clone(), body)
                })
            })
        });
        if sent {
            return;
        }
        let found = inputs.secret.with_untracked(|secret| {
            body_bytes.with_untracked(|body| {
                headers.with_untracked(|headers| {
                    diagnosis::for_verdict(verification.with_untracked(|v| v.verdict), secret, body, headers)
                })
            })
        });
        diagnoses.set(found);
        pending.set(false);
    };
    Effect::new(move |delivered_before: Option<u32>| {
        let plan =
            verification.with(|v| offload::plan_diagnosis(v.verdict, body_bytes.with_untracked(|body| body.len())));
        // Another delivery put on the page (a link, a file, an import): the causes found for the
        // one before are not this one's, even for the moment until the search answers.
        let delivered = inputs.deliveries.get();
        if delivered_before.is_some_and(|before| before != delivered) && diagnoses.with_untracked(|d| !d.is_empty()) {
            diagnoses.set(Vec::new());
        }
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        // A search still running in the worker was for input that has just changed (or the
        // worker failed, and the search is done again in place).
        offload.failed();
        offload.forget(Task::Diagnose);
        match plan {
            DiagnosisPlan::Nothing => {
                diagnoses.set(Vec::new());
                pending.set(false);
            }
            DiagnosisPlan::InPlace => run(),
            DiagnosisPlan::WhenTypingPauses => {
                pending.set(true);
                let pause = std::time::Duration::from_millis(offload::DIAGNOSE_AFTER_PAUSE_MILLIS);
                timer.set_value(set_timeout_with_handle(run, pause).ok());
            }
        }
        delivered
    });
    Effect::new(move |_| {
        if let Some(found) = offload.diagnosed() {
            diagnoses.set(found);
            pending.set(false);
        }
    });
    (diagnoses, pending)
}
