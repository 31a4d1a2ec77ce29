//! `webhook-echo pack`: a language's receiver test pack written to a file, with one more case per
//! fixture of `--fixtures` (`echo::test_pack::vectors_with_fixtures`). The pack is the core's;
//! this reads the fixtures, draws the randomness, reads the clock and writes the file.

use std::fs::OpenOptions;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use webhook_echo::echo::test_pack::{vectors_with_fixtures, Language, TestPack, PACK_ENTROPY_LEN};
use webhook_echo::protocol::text::plural;
use webhook_echo::share::fixture::Fixture;

use super::fixtures;
use super::term::{say, sentence, value};

/// Write the receiver test pack for your language: one test file that calls your own verify
/// function with deliveries that catch the usual mistakes, signed with a test secret made for the
/// pack (never yours), plus one case per fixture of your team's library.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Each fixture is re-signed with the pack's secret (a fresh id and createdAt written into its body),
then changed as its tamper says, and must get the answer its expect says. A fixture whose answer
something other than the signature decides (tamper stale-delivery, expect reject without a tamper)
is left out and named in the pack and here: replay it with webhook-echo replay or check --fixtures.
An unreadable fixture stops the command (exit 2) before anything is written; an existing file is
never overwritten.

Examples:
  webhook-echo pack python
  webhook-echo pack node --fixtures fixtures/ --out test/cobinar-webhook.test.mjs"
)]
pub struct PackArgs {
    /// The pack's language
    #[arg(value_name = "LANG", value_parser = clap::builder::PossibleValuesParser::new(Language::ALL.map(Language::id)))]
    pub language: String,
    /// Fixture files, or folders of them (their .json files, in name order): one more case each
    #[arg(long = "fixtures", value_name = "DIR")]
    pub fixtures: Vec<PathBuf>,
    /// The file to write [default: the pack's own file name, in the current folder]
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// Every fixture named by `paths`, with its file name; the first that cannot be read stops the
/// command, naming the file and why.
fn read_fixtures(paths: &[PathBuf]) -> Result<Vec<(String, Fixture)>, String> {
    let mut out = Vec::new();
    for loaded in fixtures::load(paths)? {
        match loaded.fixture {
            Ok(fixture) => out.push((loaded.name, fixture)),
            Err(why) => {
                return Err(format!(
                    "Cannot use the fixture {}: {} No pack was written.",
                    value(&loaded.path.display().to_string()),
                    sentence(&why)
                ))
            }
        }
    }
    Ok(out)
}

/// Writes `text` to `path`, which must not exist yet; a file half written is taken away again.
fn write_new(path: &Path, text: &str) -> Result<(), String> {
    let shown = value(&path.display().to_string());
    let mut file = OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            format!("{shown} exists: webhook-echo never overwrites a file. Choose another --out.")
        } else {
            format!("Cannot write {shown}: {e}.")
        }
    })?;
    file.write_all(text.as_bytes()).and_then(|()| file.flush()).map_err(|e| {
        let _ = std::fs::remove_file(path);
        format!("Cannot write {shown}: {e}.")
    })
}

pub fn run(args: &PackArgs) -> Result<ExitCode, String> {
    let language = Language::from_id(&args.language)
        .ok_or_else(|| format!("{} is not a pack language.", value(&args.language)))?;
    let fixtures = read_fixtures(&args.fixtures)?;
    let mut entropy = [0u8; PACK_ENTROPY_LEN];
    getrandom::getrandom(&mut entropy).map_err(|e| format!("The system's random source failed: {e}."))?;
    let vectors = vectors_with_fixtures(language, super::now_unix_millis(), &entropy, &fixtures);
    let pack = TestPack::of(&vectors);
    let path = args.out.clone().unwrap_or_else(|| PathBuf::from(pack.file_name));
    write_new(&path, &pack.text)?;
    say!(
        "wrote {} ({} pack: {}, {} from fixtures)",
        value(&path.display().to_string()),
        language.label(),
        plural(vectors.cases.len(), "case"),
        vectors.fixture_cases().count()
    );
    for left in &vectors.left_out {
        say!("left out {}: {}", value(&left.file), sentence(&left.why));
    }
    if !vectors.left_out.is_empty() {
        say!("replay those with webhook-echo replay or check --fixtures instead.");
    }
    say!("run it: {}", language.run_command());
    Ok(ExitCode::SUCCESS)
}
