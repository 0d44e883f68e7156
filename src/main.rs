//! The `slicelab` command: picks the front end. No logic lives here.

use std::io::{self, BufReader};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use clap::Subcommand;
use slicelab::repl::{self, LessonArgs, Palette, script};

/// What `--help` adds below the options.
const AFTER_HELP: &str = "\
At the prompt:
  Tab completes names, np. functions and array methods; np.ix_? or
  help(np.ix_) explains one; :help lists the commands (:history, :save FILE,
  %timeit STMT). Ctrl-C clears the line, Ctrl-D leaves. History is kept in
  $XDG_DATA_HOME/slicelab/history.txt (~/.local/share by default).

Examples:
  slicelab                         start the prompt
  slicelab steps.py                run a file; stop at the first error
  slicelab --transcript < s.py     print only what NumPy would print

Exit status with FILE: 0 all ran, 1 a statement raised an error, 2 the file
could not be read.";

/// Learn NumPy indexing by typing it: values, views and copies, memory.
#[derive(Parser)]
#[command(
    name = "slicelab",
    version,
    about,
    after_help = AFTER_HELP,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Cmd>,
    /// A file of statements to run, one a line, as if typed at the prompt.
    /// Without it, slicelab starts the interactive prompt.
    #[arg(conflicts_with = "transcript")]
    file: Option<PathBuf>,
    /// Read statements from standard input and write NumPy's transcript
    /// (no colour, no annotations).
    #[arg(long)]
    transcript: bool,
    /// Never colour the output (also: NO_COLOR=1, or stdout not a terminal).
    #[arg(long, global = true)]
    no_color: bool,
    /// With FILE: run every statement even after an error, and exit 0.
    #[arg(long, requires = "file")]
    keep_going: bool,
}

/// What `slicelab` can do besides the prompt and FILE.
#[derive(Subcommand)]
enum Cmd {
    /// List the lessons, or start/resume one: `slicelab lesson NAME`.
    Lesson(LessonArgs),
}

/// The evaluator recurses once per AST level, up to ~1200 levels deep.
const STACK_BYTES: usize = 256 << 20;

fn main() -> ExitCode {
    let cli = Cli::parse_from(subcommand_first(std::env::args_os().collect()));
    // The evaluator catches panics per statement and reports each as one
    // error line; the default hook would also print a message on stderr.
    std::panic::set_hook(Box::new(|_| {}));
    let worker = std::thread::Builder::new()
        .name("slicelab".into())
        .stack_size(STACK_BYTES)
        .spawn(move || run(cli));
    match worker.map(|w| w.join()) {
        Ok(Ok(code)) => code,
        Ok(Err(_)) => {
            eprintln!("slicelab: internal error");
            ExitCode::from(101)
        }
        Err(e) => {
            eprintln!("slicelab: cannot start: {e}");
            ExitCode::FAILURE
        }
    }
}

/// clap reads `slicelab --no-color lesson` as FILE = `lesson`; moving the
/// subcommand in front of the flags makes both orders mean the lesson command.
fn subcommand_first(mut args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let first_word = args
        .iter()
        .skip(1)
        .position(|a| !a.to_string_lossy().starts_with('-'))
        .map(|i| i + 1);
    if let Some(i) = first_word
        && i > 1
        && args[i] == "lesson"
    {
        let sub = args.remove(i);
        args.insert(1, sub);
    }
    args
}

fn run(cli: Cli) -> ExitCode {
    if cli.transcript {
        let stdin = io::stdin();
        let stdout = io::stdout();
        return match slicelab::transcript::run(BufReader::new(stdin.lock()), stdout.lock()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("slicelab: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let palette = Palette::detect(cli.no_color);
    if let Some(Cmd::Lesson(args)) = cli.command {
        return repl::lesson_command(args, &palette);
    }
    if let Some(file) = cli.file {
        return match script::run_file(&file, cli.keep_going, &palette) {
            Ok(script::ScriptEnd::Ok) => ExitCode::SUCCESS,
            Ok(script::ScriptEnd::Failed) if cli.keep_going => ExitCode::SUCCESS,
            Ok(script::ScriptEnd::Failed) => ExitCode::from(1),
            Err(script::ReadError::Read(e)) => {
                eprintln!("slicelab: cannot read {}: {e}", file.display());
                ExitCode::from(2)
            }
            Err(script::ReadError::Write(e)) => {
                eprintln!("slicelab: {e}");
                ExitCode::FAILURE
            }
        };
    }
    match repl::run(palette) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("slicelab: {e}");
            ExitCode::FAILURE
        }
    }
}
