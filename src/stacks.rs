//! The integrator's stacks: one table of languages and frameworks, the single source for the
//! receiver code the page shows, the fix sentences in the reader's own idiom, the test packs'
//! languages, the page's stack picker, the command's `--stack` and `snippets/stacks.json`.
//!
//! Adding a stack is adding a row to `STACKS` (its receiver under `snippets/`, its idioms) and
//! its proof (a `start` that `tests/stacks.rs` runs under `webhook-echo check`), nothing else.
//!
//! Owns: the rows and the idioms. Never: decides a verdict or a cause (`verify`, `diagnose` use
//! these words; they do not choose by them).

mod table;

pub use table::STACKS;

/// A language the tool speaks: its receivers, its fix sentences and its test pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Language {
    Node,
    Python,
    Go,
    Rust,
    Php,
    Ruby,
    Java,
    Csharp,
}

impl Language {
    pub const ALL: [Language; 8] =
        [Self::Node, Self::Python, Self::Go, Self::Rust, Self::Php, Self::Ruby, Self::Java, Self::Csharp];

    /// Stable id: `test-pack-<id>` and `snippet-<id>` are `data-testid`s, and
    /// `webhookEcho.testPack` takes it.
    pub fn id(self) -> &'static str {
        self.idioms().id
    }

    /// The language's name as the page, the packs and the fixes say it.
    pub fn label(self) -> &'static str {
        self.idioms().label
    }

    /// The language whose `id` is `id`; `None` for any other text.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|language| language.id() == id)
    }

    /// How this language computes, compares and loads what every receiver needs.
    pub fn idioms(self) -> &'static LanguageIdioms {
        match self {
            Self::Node => &table::NODE,
            Self::Python => &table::PYTHON,
            Self::Go => &table::GO,
            Self::Rust => &table::RUST,
            Self::Php => &table::PHP,
            Self::Ruby => &table::RUBY,
            Self::Java => &table::JAVA,
            Self::Csharp => &table::CSHARP,
        }
    }

    /// This language's stacks, in the table's order: the first is its plain or most common one.
    pub fn stacks(self) -> impl Iterator<Item = &'static Stack> {
        STACKS.iter().filter(move |stack| stack.language == self)
    }
}

/// What a language writes for the steps every receiver takes, as code a reader can paste.
#[derive(Debug, PartialEq, Eq)]
pub struct LanguageIdioms {
    pub id: &'static str,
    pub label: &'static str,
    /// `sha256=` + the lower-case hex HMAC of the raw body: the right computation.
    pub hmac_hex: &'static str,
    /// The same digest written in base64: a mistake (`signature-base64`).
    pub hmac_base64: &'static str,
    /// The constant-time comparison, with what it needs around it.
    pub compare: &'static str,
    /// Loading the secret from `COBINAR_WEBHOOK_SECRET`, trimmed.
    pub trimmed_secret: &'static str,
    /// How the language's test pack runs (`test_pack` writes it into the pack's header).
    pub test_command: &'static str,
}

/// Whether `make test` runs a stack's receiver, or proves the same verify function through
/// another stack of its language because its framework cannot be installed here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proof {
    /// Started by `make test` (`start` in `dir`) and held to every case of `webhook-echo check`.
    Run,
    /// Not installable from the registries this project reaches; the same verify function is
    /// run in the named stack, and the receiver's file says which lines the framework changes.
    VerifyRunIn(&'static str),
}

/// One file of a receiver, as the page shows and copies it.
#[derive(Debug, PartialEq, Eq)]
pub struct SourceFile {
    /// Its path within the stack's folder, as the reader saves it.
    pub name: &'static str,
    /// The file's text. Natively only: the page fetches it from `served_at`, where the build
    /// copies the same file (`scripts/post-build.mjs`, from `snippets/stacks.json`'s `files`).
    #[cfg(not(target_arch = "wasm32"))]
    pub code: &'static str,
}

impl SourceFile {
    /// Where the release serves this file of `stack`, relative to the page: under `snippets/`,
    /// with `.txt` added so that no host runs or renders it (a `.php` file on a PHP host).
    pub fn served_at(&self, stack: &Stack) -> String {
        format!("{}/{}.txt", stack.dir, self.name)
    }
}

/// A language and framework an integrator receives webhooks with: how it reads the raw body and
/// the header, and the receiver code that proves it.
#[derive(Debug, PartialEq, Eq)]
pub struct Stack {
    /// Stable: `python-fastapi`. `--stack`, `webhookEcho`'s `stack`, the picker and
    /// `snippets/stacks.json` use it.
    pub id: &'static str,
    pub language: Language,
    pub framework: &'static str,
    /// The receiver's folder, relative to the repository's root.
    pub dir: &'static str,
    /// The receiver's files, the first being the one that receives.
    pub files: &'static [SourceFile],
    /// How the framework gives the raw body, as code.
    pub raw_body: &'static str,
    /// How it reads `x-cobinar-signature`.
    pub header: &'static str,
    /// The way a receiver in this framework commonly loses the raw bytes (`body-reserialized`).
    pub reparsed: &'static str,
    /// What a reader installs to run the receiver.
    pub install: &'static str,
    /// How a reader runs it.
    pub run: &'static str,
    /// The shell command, run in `dir` once `make test`'s set-up has run, that starts it with
    /// `PORT` (0: the system chooses) and `COBINAR_WEBHOOK_SECRET`; it prints
    /// `listening on http://127.0.0.1:<port>/webhooks/auth`.
    pub start: &'static str,
    pub proof: Proof,
}

/// The URL path every receiver serves.
pub const PATH: &str = "/webhooks/auth";

impl Stack {
    /// "Python · FastAPI", as the picker and the tabs say it.
    pub fn label(&self) -> String {
        format!("{} · {}", self.language.label(), self.framework)
    }

    /// The stack whose `id` is `id`.
    pub fn by_id(id: &str) -> Option<&'static Stack> {
        STACKS.iter().find(|stack| stack.id == id)
    }

    /// The file that receives: the one the page shows first.
    pub fn main_file(&self) -> &'static SourceFile {
        &self.files[0]
    }

    pub fn proven(&self) -> bool {
        self.proof == Proof::Run
    }
}

/// Whose words a fix is written in: any stack (a short list of idioms), a language (its
/// frameworks' idioms), or one stack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Choice {
    #[default]
    Any,
    Language(Language),
    Stack(&'static Stack),
}

impl Choice {
    /// The choice `id` names: a stack's id, a language's id, or `any` (or nothing).
    pub fn from_id(id: &str) -> Option<Choice> {
        match id {
            "" | "any" => Some(Choice::Any),
            _ => Stack::by_id(id).map(Choice::Stack).or_else(|| Language::from_id(id).map(Choice::Language)),
        }
    }

    /// Every id `from_id` reads: `any`, each stack's, each language's (for `--stack`'s possible
    /// values and `webhookEcho`'s error).
    pub fn ids() -> impl Iterator<Item = &'static str> {
        std::iter::once("any").chain(STACKS.iter().map(|s| s.id)).chain(Language::ALL.into_iter().map(Language::id))
    }

    /// The stable id that `from_id` reads back.
    pub fn id(self) -> &'static str {
        match self {
            Choice::Any => "any",
            Choice::Language(language) => language.id(),
            Choice::Stack(stack) => stack.id,
        }
    }

    pub fn language(self) -> Option<Language> {
        match self {
            Choice::Any => None,
            Choice::Language(language) => Some(language),
            Choice::Stack(stack) => Some(stack.language),
        }
    }

    /// The choice when the evidence names a language: the reader's own stack where it is of that
    /// language, else the language itself.
    pub fn given_evidence(self, evidence: Option<Language>) -> Choice {
        match evidence {
            Some(language) if self.language() != Some(language) => Choice::Language(language),
            _ => self,
        }
    }
}

/// `snippets/stacks.json`: the table for tooling outside the repository, which starts the proven
/// receivers and runs `webhook-echo check` against them. A test keeps the file equal to this.
pub fn stacks_json() -> String {
    let rows: Vec<serde_json::Value> = STACKS
        .iter()
        .map(|stack| {
            let mut row = serde_json::json!({
                "id": stack.id,
                "language": stack.language.label(),
                "framework": stack.framework,
                "dir": stack.dir,
                "start": stack.start,
                "path": PATH,
                "files": stack.files.iter().map(|f| f.name).collect::<Vec<_>>(),
                "proven": stack.proven(),
            });
            if let (Proof::VerifyRunIn(other), Some(map)) = (stack.proof, row.as_object_mut()) {
                map.insert("verifyProvenIn".into(), other.into());
            }
            row
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&rows).unwrap_or_default();
    out.push('\n');
    out
}

// Native only: they read the files the table includes, which the page's module leaves out.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
