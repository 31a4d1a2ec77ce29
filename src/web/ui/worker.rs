//! The page's side of its worker (see `crate::diagnose::offload`): started on first need, sent a job and the
//! body's bytes, and heard back from. Where no worker can be had, `send` says so and the page does
//! the work in place, as it does for small bodies.

use js_sys::{Array, Object, Reflect, Uint8Array};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::diagnose::diagnosis::Diagnosis;
use crate::diagnose::offload::{self, Job, JobAnswer, Task};
use crate::page::answers::{Answers, Changed, Verified, WorkerFailure};

/// How long the last verdict may stand for new input before the page says it is checking.
const CHECKING_AFTER: std::time::Duration = std::time::Duration::from_millis(150);

/// The worker's script, copied beside the page by trunk (`static/offload-worker.js`).
const WORKER_SCRIPT: &str = "./offload-worker.js";
/// What the worker answers when its module could not do a job (static/offload-worker.js).
const JOB_FAILED: &str = "job-failed";

/// The page's worker and what it answered. What an answer belongs to, and when one is
/// dropped, is `page::answers`; this carries messages and tells the readers when to look again.
#[derive(Clone, Copy)]
pub struct Offload {
    worker: StoredValue<Option<web_sys::Worker>, LocalStorage>,
    answers: StoredValue<Answers>,
    verified: Trigger,
    diagnosed: Trigger,
    failed: Trigger,
}

impl Offload {
    pub fn new() -> Self {
        Self {
            worker: StoredValue::new_local(None),
            answers: StoredValue::new(Answers::default()),
            verified: Trigger::new(),
            diagnosed: Trigger::new(),
            failed: Trigger::new(),
        }
    }

    /// Reads the answer to the last verify job, once it came: what the verdict and the Bytes
    /// view need of the body (and secret) it was for (tracked).
    pub fn with_verified<T>(&self, read: impl FnOnce(Option<&Verified>) -> T) -> T {
        self.verified.track();
        self.answers.with_value(|answers| read(answers.verified()))
    }

    /// The answer to the last diagnose job, once it came (tracked).
    pub fn diagnosed(&self) -> Option<Vec<Diagnosis>> {
        self.diagnosed.track();
        self.answers.with_value(|answers| answers.diagnosed().map(<[Diagnosis]>::to_vec))
    }

    /// Whether the worker could not start or failed: from then on the page works in place
    /// (tracked).
    pub fn failed(&self) -> bool {
        self.failed.track();
        self.answers.with_value(|answers| answers.failure().is_some())
    }

    /// Why the page works in place, once the worker failed: for the page (tracked).
    pub fn failure(&self) -> Option<String> {
        self.failed.track();
        self.answers.with_value(|answers| answers.failure().map(WorkerFailure::sentence))
    }

    /// Another body was put on the page: the verify answer for the one it replaced goes.
    pub fn refilled(&self) {
        self.changed(|answers| answers.refilled());
    }

    /// Hands a job to the worker; `false` when there is none, and the caller must do it itself.
    pub fn send(&self, task: Task, secret: String, headers_text: String, body: &[u8]) -> bool {
        if self.answers.with_value(|answers| answers.failure().is_some()) {
            return false;
        }
        let Some(worker) = self.worker() else {
            self.fail(WorkerFailure::NotStarted);
            return false;
        };
        let Some((id, changed)) = self.answers.try_update_value(|answers| answers.send(task)).flatten() else {
            return false;
        };
        self.notify(changed);
        let job = Job { id, task, secret, headers_text };
        let Some(text) = offload::encode(&job) else {
            self.changed(|answers| answers.forget(task));
            return false;
        };
        // The bytes go over by transfer: one copy out of wasm memory, none on the way.
        let bytes = Uint8Array::new_with_length(body.len() as u32);
        bytes.copy_from(body);
        let message = Object::new();
        let posted = Reflect::set(&message, &"job".into(), &text.into())
            .and_then(|_| Reflect::set(&message, &"body".into(), &bytes.buffer()))
            .and_then(|_| worker.post_message_with_transfer(&message, &Array::of1(&bytes.buffer())));
        if posted.is_err() {
            self.fail(WorkerFailure::MessageLost);
            return false;
        }
        if task == Task::Verify {
            // The last verdict stays up while the worker is quick, as it would in place; only an
            // answer slower than this turns the page to "Checking…". Typing in a large body so
            // does not flash the verdict on every keystroke.
            let this = *self;
            set_timeout(move || this.changed(|answers| answers.slow(id)), CHECKING_AFTER);
        }
        true
    }

    /// Drops whatever answer to `task` is still to come or was kept: the input it was for is gone.
    pub fn forget(&self, task: Task) {
        self.changed(|answers| answers.forget(task));
    }

    /// The worker, started on first use with the addresses of the page's own module.
    fn worker(&self) -> Option<web_sys::Worker> {
        if let Some(worker) = self.worker.with_value(Clone::clone) {
            return Some(worker);
        }
        let (glue, wasm) = own_module()?;
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let worker = web_sys::Worker::new_with_options(WORKER_SCRIPT, &options).ok()?;
        // The first message tells the worker which module to load: the page's own.
        let start = Object::new();
        Reflect::set(&start, &"glue".into(), &glue.into()).ok()?;
        Reflect::set(&start, &"wasm".into(), &wasm.into()).ok()?;
        worker.post_message(&start).ok()?;
        let this = *self;
        let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let text = event.data().as_string();
            match text.as_deref().and_then(offload::decode::<JobAnswer>) {
                Some(outcome) => this.changed(|answers| answers.receive(outcome)),
                None if text.as_deref() == Some(JOB_FAILED) => this.fail(WorkerFailure::JobFailed),
                // Anything else is the worker saying it could not start.
                None => this.fail(WorkerFailure::StartFailed),
            }
        });
        // An `ErrorEvent` carries the browser's message; read by name, it needs no binding.
        let on_error = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
            let message = Reflect::get(&event, &"message".into()).ok().and_then(|m| m.as_string()).unwrap_or_default();
            this.fail(WorkerFailure::Failed(message));
        });
        // An answer that could not be read would leave the verdict checking for ever.
        let on_message_error =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |_| this.fail(WorkerFailure::MessageLost));
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        worker.set_onmessageerror(Some(on_message_error.as_ref().unchecked_ref()));
        // The worker lives as long as the page, and so do its handlers.
        on_message.forget();
        on_error.forget();
        on_message_error.forget();
        self.worker.set_value(Some(worker.clone()));
        Some(worker)
    }

    /// Carries out a transition of the answers and tells the readers what changed.
    fn changed(&self, transition: impl FnOnce(&mut Answers) -> Changed) {
        if let Some(changed) = self.answers.try_update_value(transition) {
            self.notify(changed);
        }
    }

    fn notify(&self, changed: Changed) {
        if changed.verified {
            self.verified.notify();
        }
        if changed.diagnosed {
            self.diagnosed.notify();
        }
    }

    fn fail(&self, failure: WorkerFailure) {
        if let Some(worker) = self.worker.with_value(Clone::clone) {
            worker.terminate();
        }
        let said = failure.sentence();
        if self.answers.try_update_value(|answers| answers.fail(failure)).unwrap_or(false) {
            web_sys::console::warn_1(&format!("webhook-echo: {said}").into());
            self.failed.notify();
        }
    }
}

/// The addresses of the page's JS glue and wasm, as trunk wrote them into the page's preloads.
fn own_module() -> Option<(String, String)> {
    let document = super::browser_window()?.document()?;
    let href = |selector: &str| {
        document
            .query_selector(selector)
            .ok()
            .flatten()
            .and_then(|link| link.get_attribute("href"))
            .filter(|href| href.starts_with('/') && !href.starts_with("//"))
    };
    Some((href("link[rel=modulepreload][href$='.js']")?, href("link[rel=preload][href$='.wasm']")?))
}

/// The worker's entry: the JS shim calls it with each job and posts back what it returns.
#[wasm_bindgen(js_name = offloadRun)]
pub fn offload_run(job: &str, body: &[u8]) -> Option<String> {
    let job = offload::decode::<Job>(job)?;
    offload::encode(&offload::run(&job, body))
}
