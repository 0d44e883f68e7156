//! slicelab: NumPy indexing you can type, with every view and copy shown.
//!
//! A statement flows through four layers:
//! 1. `syntax` parses one line into an AST (`Stmt`),
//! 2. `eval` walks it over a `Session`'s names, calling
//! 3. `engine`, the strided-array model (buffers, dtypes, layouts, indexing),
//! 4. and a front end (`transcript`, the REPL, lessons) renders the
//!    `Outcome` through `render`.

#![warn(missing_docs)]

pub mod engine;
pub mod eval;
pub mod help;
pub mod lesson;
pub mod render;
/// The interactive prompt (a rustyline editor over a `Session`) and the
/// `slicelab FILE` runner.
pub mod repl;
pub mod style;
pub mod syntax;
pub mod teach;
/// The checkable front end: statements in, NumPy's transcript out.
pub mod transcript;
