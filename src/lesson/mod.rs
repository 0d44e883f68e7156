//! Scripted lessons: the file format (`format`), the lesson model
//! (`model`), running steps and judging checks on a `Session` (`check`),
//! predict-then-reveal scoring (`predict`), the built-in and user lessons
//! (`catalog`) and the learner's saved progress (`progress`).
//!
//! Nothing here prints; the lesson prompt lives in `repl::lesson`.

pub mod catalog;
pub mod check;
pub mod format;
pub mod model;
pub mod predict;
pub mod progress;

pub use catalog::{Catalog, catalog, names};
pub use model::{Guess, Lesson, Step};
