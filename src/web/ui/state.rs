//! The page's shared state: the signals the components read and write, holding what
//! `crate::page` decides. `app` builds it and the components; the components import it, never
//! `app`.

use leptos::prelude::*;

use crate::echo::example::PastedDelivery;
use crate::inspect::import::Imported;
use crate::page::inputs::{Entered, Fill, LoadedFile};
use crate::share::provenance::Provenance;
use crate::verify::body::LineEnding;

/// What the person entered, and what the fields show when the program fills them.
#[derive(Clone, Copy)]
pub struct Inputs {
    pub secret: RwSignal<String>,
    pub body_text: RwSignal<String>,
    pub line_ending: RwSignal<LineEnding>,
    /// A body loaded from a file: checked byte for byte, whatever the text field shows.
    pub body_file: RwSignal<Option<LoadedFile>>,
    pub headers_text: RwSignal<String>,
    /// Bumped when the program (not the person) fills the fields, so that the text areas are
    /// rewritten then and only then: a keystroke never round-trips a large body through the DOM.
    pub fills: RwSignal<u32>,
    /// Who chose the body: while someone else did, nothing derived from it and the secret shows.
    pub provenance: RwSignal<Provenance>,
    /// Bumped when the program puts another delivery on the page (`Fill::another_delivery`):
    /// what was typed about the old delivery (what the server computed) is about another one.
    pub deliveries: RwSignal<u32>,
}

impl Inputs {
    pub fn new() -> Self {
        Self {
            secret: RwSignal::new(String::new()),
            body_text: RwSignal::new(String::new()),
            line_ending: RwSignal::new(LineEnding::Lf),
            body_file: RwSignal::new(None),
            headers_text: RwSignal::new(String::new()),
            fills: RwSignal::new(0),
            provenance: RwSignal::new(Provenance::Own),
            deliveries: RwSignal::new(0),
        }
    }

    /// Carries out what `Fill` decided: each field it names, then the text areas rewritten.
    pub fn apply(&self, fill: Fill) {
        if let Some(secret) = fill.secret {
            self.secret.set(secret);
        }
        if let Some(body) = fill.body {
            self.body_text.set(body.text);
            if let Some(ending) = body.ending {
                self.line_ending.set(ending);
            }
            self.body_file.set(body.file);
        }
        if let Some(headers) = fill.headers {
            self.headers_text.set(headers);
        }
        if let Some(provenance) = fill.provenance {
            self.provenance.set(provenance);
        }
        self.fills.update(|n| *n += 1);
        if fill.another_delivery {
            self.deliveries.update(|n| *n += 1);
        }
    }

    /// Takes what an import found; what it did not find stays as it was.
    pub fn apply_import(&self, imported: &Imported) {
        self.apply(Fill::import(imported, self.provenance.get_untracked()));
    }

    /// What the person has entered, to give back after *Load an example*.
    pub fn entered(&self) -> Entered {
        Entered {
            secret: self.secret.get_untracked(),
            body_text: self.body_text.get_untracked(),
            line_ending: self.line_ending.get_untracked(),
            body_file: self.body_file.get_untracked(),
            headers_text: self.headers_text.get_untracked(),
            provenance: self.provenance.get_untracked(),
        }
    }

    /// Puts back what `entered` took.
    pub fn restore(&self, entered: Entered) {
        self.apply(Fill::restore(entered));
    }

    pub fn fill(&self, delivery: PastedDelivery) {
        self.apply(Fill::delivery(delivery, self.provenance.get_untracked()));
    }
}
