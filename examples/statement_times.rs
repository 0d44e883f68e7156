//! Time each statement of a session file: `cargo run --release --example
//! statement_times -- FILE`. Prints wall seconds and process CPU seconds
//! (all threads, from /proc/self/stat) per statement, to find where a bench
//! session spends its time; CPU time stays meaningful on a busy machine.

use std::time::Instant;

use slicelab::eval::Session;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: statement_times FILE");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("cannot read {path}: {e}");
        std::process::exit(2);
    });
    let mut session = Session::new();
    for line in text.lines() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let (t, c) = (Instant::now(), cpu_seconds());
        let outcome = session.run(line);
        let wall = t.elapsed().as_secs_f64();
        println!("{wall:8.4} {:8.4}  {line}", cpu_seconds() - c);
        if let Some(e) = outcome.error {
            println!("          ! {e}");
        }
    }
}

/// User + system CPU time of this process so far, in seconds (0 where
/// /proc is missing).
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // After the command name (which ends with ')') come fields 3, 4, ...;
    // utime and stime are fields 14 and 15, in clock ticks (100 a second).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let tick = |k: usize| f.get(k).and_then(|x| x.parse::<f64>().ok());
    match (tick(11), tick(12)) {
        (Some(u), Some(s)) => (u + s) / 100.0,
        _ => 0.0,
    }
}
