//! Fixture files on disk: reading a list of files and folders (`verify --fixture`, `replay`,
//! `check --fixtures`, `pack --fixtures`), writing one under its library name (`listen --save`,
//! `fixture new`), and `webhook-echo fixture new`. The format and the names are the core's
//! (`share::fixture`); this only touches the disk.

use std::fs::OpenOptions;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use webhook_echo::echo::contract::test_delivery;
use webhook_echo::protocol::limits::{MAX_FIXTURE_BYTES, MAX_NOTE_CHARS};
use webhook_echo::share::fixture::{CaseFields, Fixture, FixtureError, SecretChoice, Work};
use webhook_echo::verify::fingerprint::fingerprint;

use super::secret::SecretArgs;
use super::term::say;
use super::values::{EventArg, ExpectArg, TamperArg};

/// Files read from one folder at most: a library of a few hundred fixtures is large; ten thousand
/// is a folder that was not meant.
const MAX_FILES: usize = 10_000;

/// One fixture file as read: its name (the file's, which reports use as the case's id), where
/// it is, and the fixture or why it cannot be used.
#[derive(Debug)]
pub struct Loaded {
    pub name: String,
    pub path: PathBuf,
    pub fixture: Result<Fixture, String>,
}

/// Every fixture named by `paths`: a file as itself, a folder as the `.json` files in it and in
/// its folders (not hidden ones, such as `.git`, nor through symbolic links; at most
/// `MAX_DEPTH` deep), in name order, each named by its path within the folder. A file that cannot
/// be read or is not a fixture is listed with why, so that the rest still run; a path that does
/// not exist is an error of the command.
pub fn load(paths: &[PathBuf]) -> Result<Vec<Loaded>, String> {
    let mut out = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| format!("Cannot read {}: {e}.", path.display()))?;
        if meta.is_dir() {
            let mut files = Vec::new();
            walk(path, 0, &mut files)?;
            if files.len() > MAX_FILES {
                return Err(format!(
                    "The folder {} holds more than {MAX_FILES} .json files; webhook-echo reads at most {MAX_FILES} fixtures from a folder.",
                    path.display()
                ));
            }
            files.sort();
            for file in files {
                // Its path within the folder, `/` between folders on every system.
                let within = file.strip_prefix(path).unwrap_or(&file);
                let parts: Vec<String> = within.iter().map(|part| part.to_string_lossy().into_owned()).collect();
                let name = parts.join("/");
                out.push(Loaded { name, ..read(&file) });
            }
        } else {
            out.push(read(path));
        }
    }
    Ok(out)
}

/// How many folders deep a library is read.
const MAX_DEPTH: usize = 8;

/// The `.json` files under `dir`, stopping past `MAX_FILES` (the caller says so).
fn walk(dir: &Path, depth: usize, files: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("Cannot read the folder {}: {e}.", dir.display()))?;
    for entry in entries.filter_map(Result::ok) {
        if files.len() > MAX_FILES {
            return Ok(());
        }
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() && !hidden && depth < MAX_DEPTH {
            walk(&path, depth + 1, files)?;
        } else if !kind.is_dir()
            && !hidden
            && path.extension().is_some_and(|ext| ext.eq_ignore_ascii_case("json"))
            && path.is_file()
        {
            files.push(path);
        }
    }
    Ok(())
}

fn read(path: &Path) -> Loaded {
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let fixture = match std::fs::metadata(path) {
        Ok(meta) if meta.len() > MAX_FIXTURE_BYTES as u64 => Err(FixtureError::TooLarge.to_string()),
        Ok(_) => match std::fs::read(path) {
            Ok(bytes) => Fixture::from_json(&bytes).map_err(|e| e.to_string()),
            Err(e) => Err(format!("It cannot be read: {e}.")),
        },
        Err(e) => Err(format!("It cannot be read: {e}.")),
    };
    Loaded { name, path: path.to_path_buf(), fixture }
}

/// Writes `fixture` into `dir` under its library name (`Fixture::file_name`), never over another
/// file: a name taken between looking and writing is skipped too.
pub fn save(dir: &Path, fixture: &Fixture) -> Result<PathBuf, String> {
    let text = format!("{}\n", fixture.to_pretty_json());
    let mut skipped: Vec<String> = Vec::new();
    loop {
        let name = fixture.file_name(|name| skipped.iter().any(|s| s == name) || dir.join(name).exists());
        let path = dir.join(&name);
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut file) => {
                file.write_all(text.as_bytes()).map_err(|e| format!("Cannot write {}: {e}.", path.display()))?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && skipped.len() < 1000 => skipped.push(name),
            Err(e) => return Err(format!("Cannot write {}: {e}.", path.display())),
        }
    }
}

/// A folder to write fixtures into, made if missing.
pub fn library_dir(dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("Cannot use the folder {}: {e}.", dir.display()))?;
    if !dir.is_dir() {
        return Err(format!("{} is not a folder.", dir.display()));
    }
    Ok(())
}

/// Fixture files: a library of deliveries for `verify --fixture`, `replay`, `check --fixtures`
/// and `pack --fixtures`.
#[derive(Debug, clap::Args)]
pub struct FixtureArgs {
    #[command(subcommand)]
    pub command: FixtureCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum FixtureCommand {
    New(NewArgs),
}

/// Write a fresh fixture from the echo's generator, signed with your secret (which the file
/// holds only as its fingerprint): a library can start without capturing anything.
#[derive(Debug, clap::Args)]
#[command(after_help = "The file is named <event>-<first 8 characters of the event id>.json and never overwrites
another. Its requestId starts with webhook-echo-test-, so a receiver's logs tell it from a real one.

Examples:
  webhook-echo fixture new --event otp.verified --out fixtures/
  webhook-echo fixture new --event otp.verified --tamper tampered-body --note 'forged phone' --out fixtures/")]
pub struct NewArgs {
    /// The event of the delivery
    #[arg(long)]
    pub event: EventArg,
    /// A file to write, or a folder to write it into under its library name
    #[arg(long, value_name = "FILE|DIR", default_value = ".")]
    pub out: PathBuf,
    /// What the fixture is for, shown with it on the page and in reports
    #[arg(long, default_value = "")]
    pub note: String,
    /// What a receiver must answer when it is replayed (default: accept, or reject with --tamper)
    #[arg(long)]
    pub expect: Option<ExpectArg>,
    /// How a replay changes it after signing: one of check's case ids
    #[arg(long)]
    pub tamper: Option<TamperArg>,
    #[command(flatten)]
    pub secret: SecretArgs,
}

pub fn run(args: &FixtureArgs) -> Result<ExitCode, String> {
    match &args.command {
        FixtureCommand::New(new) => run_new(new),
    }
}

fn run_new(args: &NewArgs) -> Result<ExitCode, String> {
    let EventArg(event) = args.event;
    if args.note.chars().count() > MAX_NOTE_CHARS {
        return Err(format!("--note is longer than {MAX_NOTE_CHARS} characters, the most a fixture holds."));
    }
    let Some(secret) = args.secret.read(true)? else { return Err("No webhook secret.".to_string()) };
    let signed = test_delivery(event, super::now_unix_millis(), &super::entropy()?).signed(&secret);
    let headers = signed.header_lines();
    let work = Work { body: signed.body.as_bytes(), headers: &headers, event: Some(event), note: &args.note };
    let case = CaseFields {
        expect: args.expect.map(|ExpectArg(expect)| expect),
        tamper: args.tamper.map(|TamperArg(tamper)| tamper),
    };
    let fixture = Fixture { case, ..Fixture::of(work, &secret, SecretChoice::LeaveOut) };
    let into_dir = args.out.is_dir() || args.out.as_os_str().to_string_lossy().ends_with(std::path::MAIN_SEPARATOR);
    let path = if into_dir {
        library_dir(&args.out)?;
        save(&args.out, &fixture)?
    } else {
        let mut file = OpenOptions::new().write(true).create_new(true).open(&args.out).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                format!(
                    "{} exists: webhook-echo never overwrites a fixture. Choose another --out, or a folder.",
                    args.out.display()
                )
            } else {
                format!("Cannot write {}: {e}.", args.out.display())
            }
        })?;
        file.write_all(format!("{}\n", fixture.to_pretty_json()).as_bytes())
            .map_err(|e| format!("Cannot write {}: {e}.", args.out.display()))?;
        args.out.clone()
    };
    let expect = fixture.case.expected().name();
    say!(
        "wrote {} ({}, expect {expect}{}, secret fingerprint {})",
        path.display(),
        event.name(),
        fixture.case.tamper.map(|t| format!(", tamper {}", t.name())).unwrap_or_default(),
        fingerprint(&secret)
    );
    Ok(ExitCode::SUCCESS)
}
