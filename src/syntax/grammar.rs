//! The pest parser generated from `grammar/statement.pest`.

use pest_derive::Parser;

/// Parses one statement line; the rules are in `grammar/statement.pest`.
#[derive(Parser)]
#[grammar = "../grammar/statement.pest"]
pub(crate) struct StatementParser;

#[cfg(test)]
mod tests {
    use pest::Parser;

    use super::{Rule, StatementParser};

    /// True when `rule` matches all of `input`.
    fn accepts(rule: Rule, input: &str) -> bool {
        StatementParser::parse(rule, input)
            .ok()
            .and_then(|mut p| p.next())
            .is_some_and(|p| p.as_span().end() == input.len())
    }

    #[track_caller]
    fn all(rule: Rule, inputs: &[&str]) {
        for i in inputs {
            assert!(accepts(rule, i), "{rule:?} should accept {i:?}");
        }
    }

    #[track_caller]
    fn none(rule: Rule, inputs: &[&str]) {
        for i in inputs {
            assert!(!accepts(rule, i), "{rule:?} should refuse {i:?}");
        }
    }

    #[test]
    fn names_and_keywords() {
        all(
            Rule::name,
            &["a", "_x1", "notable", "island", "orange", "Nonesuch", "ünï"],
        );
        none(
            Rule::name,
            &["not", "in", "None", "True", "lambda", "1a", ""],
        );
        all(Rule::kw_not, &["not"]);
        none(Rule::kw_not, &["notable", "not_"]);
    }

    #[test]
    fn numbers() {
        all(
            Rule::int_lit,
            &["12", "1_000_000", "0x1f", "0X1F", "0o17", "0b101", "0"],
        );
        none(Rule::int_lit, &["1_", "0x", "1__0"]);
        all(
            Rule::float_lit,
            &["1.5", "15.", ".5", "1e-3", "1E5", "1_000.5", "1.e2"],
        );
        none(Rule::float_lit, &["1", "1e", "."]);
        all(Rule::imag_lit, &["1.2j", "3J", "2e3j", ".5j"]);
    }

    #[test]
    fn strings() {
        all(
            Rule::strings,
            &[
                "'a'",
                "\"b\"",
                "'a' \"b\"",
                r"r'\d'",
                "b'x'",
                "Rb'x'",
                r"'\''",
            ],
        );
        none(Rule::strings, &["'a", "'''"]);
    }

    #[test]
    fn subscripts_and_slices() {
        all(
            Rule::subscript,
            &[
                "[1]",
                "[1, 2]",
                "[1,]",
                "[()]",
                "[:]",
                "[::2]",
                "[1:]",
                "[:, None]",
                "[..., 0]",
                "[1:2, [0, 1]]",
                "[x > 5]",
                "[*i]",
            ],
        );
        none(Rule::subscript, &["[]", "[1:2:3:4]", "[1,,2]", "[,]"]);
        none(Rule::expr, &["1:2"]);
    }

    #[test]
    fn expressions() {
        all(
            Rule::expr,
            &[
                "a if b else c",
                "not a == b",
                "a is not None",
                "x not in y",
                "-2**-1",
                "f(x, *y, k=1,)[0].T",
                "{}",
                "{'a': 1,}",
                "(a,)",
                "()",
            ],
        );
        none(Rule::expr, &["a if b", "a +", "*a"]);
        all(Rule::star_exprs, &["a, b", "a,", "*a, b"]);
    }

    #[test]
    fn statements() {
        all(
            Rule::line,
            &[
                "",
                "# c",
                "pass",
                "a = b = 1",
                "a, b = b, a",
                "a[0] += 1",
                "x **= 2",
                "import numpy as np",
                "from numpy import newaxis, ix_ as ix",
                "x = 1  # c",
            ],
        );
        none(
            Rule::line,
            &["a = = b", "1 2", "pass pass", "import", "a +== 1"],
        );
    }
}
