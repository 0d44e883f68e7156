//! The `slicelab` command: picks the front end. No logic lives here.

use std::io::{self, BufReader};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use slicelab::repl::{self, Palette, script};

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
#[command(name = "slicelab", version, about, after_help = AFTER_HELP)]
struct Cli {
    /// A file of statements to run, one a line, as if typed at the prompt.
    /// Without it, slicelab starts the interactive prompt.
    #[arg(conflicts_with = "transcript")]
    file: Option<PathBuf>,
    /// Read statements from standard input and write NumPy's transcript
    /// (no colour, no annotations).
    #[arg(long)]
    transcript: bool,
    /// Never colour the output (also: NO_COLOR=1, or stdout not a terminal).
    #[arg(long)]
    no_color: bool,
    /// With FILE: run every statement even after an error, and exit 0.
    #[arg(long, requires = "file")]
    keep_going: bool,
}

/// The evaluator recurses once per AST level, up to ~1200 levels deep.
const STACK_BYTES: usize = 256 << 20;

fn main() -> ExitCode {
    let cli = Cli::parse();
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
