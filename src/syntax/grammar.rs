//! The pest parser generated from `grammar/statement.pest`.

use pest_derive::Parser;

/// Parses one statement line; the rules are in `grammar/statement.pest`.
#[derive(Parser)]
#[grammar = "../grammar/statement.pest"]
pub(crate) struct StatementParser;
