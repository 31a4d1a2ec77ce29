//! The page's side of its worker (see `crate::diagnose::offload`): started on first need, sent a job and the
//! body's bytes, and heard back from. Where no worker can be had, `send` says so and the page does
//! the work in place, as it does for small bodies.

use js_sys::{Array, Object, Reflect, Uint8Array};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::diagnose::diagnosis::Diagnosis;
use crate::diagnose::offload::{self, Awaited, Job, JobAnswer, Task};
use crate::inspect::body_bytes::Counts;
use crate::verify::verification::BodyFacts;

/// How long the last verdict may stand for new input before the page says it is checking.
const CHECKING_AFTER: std::time::Duration = std::time::Duration::from_millis(150);

/// The worker's script, copied beside the page by trunk (`static/offload-worker.js`).
const WORKER_SCRIPT: &str = "./offload-worker.js";

#[derive(Clone, Copy)]
pub struct Offload {
    worker: StoredValue<Option<web_sys::Worker>, LocalStorage>,
    /// The answers still wanted; any other is stale.
    awaited: StoredValue<Awaited>,
    /// The answer to the last verify job, once it came: what the verdict and the Bytes view need
    /// of the body (and secret) it was for.
    pub verified: RwSignal<Option<(BodyFacts, Counts)>>,
    /// The answer to the last diagnose job, once it came.
    pub diagnosed: RwSignal<Option<Vec<Diagnosis>>>,
    /// Set when the worker could not start or failed: from then on the page works in place.
    pub failed: RwSignal<bool>,
}

impl Offload {
    pub fn new() -> Self {
        Self {
            worker: StoredValue::new_local(None),
            awaited: StoredValue::new(Awaited::default()),
            verified: RwSignal::new(None),
            diagnosed: RwSignal::new(None),
            failed: RwSignal::new(false),
        }
    }

    /// Hands a job to the worker; `false` when there is none, and the caller must do it itself.
    pub fn send(&self, task: Task, secret: String, headers_text: String, body: &[u8]) -> bool {
        if self.failed.get_untracked() {
            return false;
        }
        let Some(worker) = self.worker() else {
            self.failed.set(true);
            return false;
        };
        let mut awaited = self.awaited.get_value();
        let id = awaited.send(task);
        let job = Job { id, task, secret, headers_text };
        let Some(text) = offload::encode(&job) else { return false };
        // The bytes go over by transfer: one copy out of wasm memory, none on the way.
        let bytes = Uint8Array::new_with_length(body.len() as u32);
        bytes.copy_from(body);
        let message = Object::new();
        let posted = Reflect::set(&message, &"job".into(), &text.into())
            .and_then(|_| Reflect::set(&message, &"body".into(), &bytes.buffer()))
            .and_then(|_| worker.post_message_with_transfer(&message, &Array::of1(&bytes.buffer())));
        if posted.is_err() {
            self.failed.set(true);
            return false;
        }
        self.awaited.set_value(awaited);
        match task {
            // The last verdict stays up while the worker is quick, as it would in place; only an
            // answer slower than this turns the page to "Checking…". Typing in a large body so
            // does not flash the verdict on every keystroke.
            Task::Verify => {
                let this = *self;
                set_timeout(
                    move || {
                        if this.awaited.with_value(|awaited| awaited.waiting_for(Task::Verify, id)) {
                            this.verified.set(None);
                        }
                    },
                    CHECKING_AFTER,
                );
            }
            Task::Diagnose => self.diagnosed.set(None),
        }
        true
    }

    /// Drops whatever answer to `task` is still to come or was kept: the input it was for is gone.
    pub fn forget(&self, task: Task) {
        self.awaited.update_value(|awaited| awaited.forget(task));
        match task {
            Task::Verify if self.verified.with_untracked(Option::is_some) => self.verified.set(None),
            Task::Diagnose if self.diagnosed.with_untracked(Option::is_some) => self.diagnosed.set(None),
            _ => {}
        }
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
            match event.data().as_string().and_then(|text| offload::decode::<JobAnswer>(&text)) {
                Some(outcome) => this.receive(outcome),
                // Anything else is the worker saying it could not start.
                None => this.fail(),
            }
        });
        let on_error = Closure::<dyn Fn(web_sys::Event)>::new(move |_| this.fail());
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        // The worker lives as long as the page, and so do its handlers.
        on_message.forget();
        on_error.forget();
        self.worker.set_value(Some(worker.clone()));
        Some(worker)
    }

    fn receive(&self, outcome: JobAnswer) {
        // An answer to input that has since changed is dropped.
        let mut taken = false;
        self.awaited.update_value(|awaited| taken = awaited.take(&outcome));
        if !taken {
            return;
        }
        match outcome {
            JobAnswer::Verified { facts, counts, .. } => self.verified.set(Some((facts, counts))),
            JobAnswer::Diagnosed { diagnoses, .. } => self.diagnosed.set(Some(diagnoses)),
        }
    }

    fn fail(&self) {
        if let Some(worker) = self.worker.with_value(Clone::clone) {
            worker.terminate();
        }
        self.failed.set(true);
    }
}

/// The addresses of the page's JS glue and wasm, as trunk wrote them into the page's preloads.
fn own_module() -> Option<(String, String)> {
    let document = web_sys::window()?.document()?;
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
