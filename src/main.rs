//! The `slicelab` command: picks the front end. No logic lives here.

use std::io::{self, BufReader};
use std::process::ExitCode;

use clap::Parser;

/// Learn NumPy indexing by typing it: values, views and copies, memory.
#[derive(Parser)]
#[command(name = "slicelab", version, about)]
struct Cli {
    /// Read statements from standard input and write NumPy's transcript
    /// (no colour, no annotations).
    #[arg(long)]
    transcript: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
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
    eprintln!("slicelab: the REPL is not built yet; use --transcript");
    ExitCode::FAILURE
}
