//! Python signatures and argument binding: a function's parameters written
//! once, as Python's `inspect.signature` shows them
//! (`"zeros(shape, dtype=float, order='C', *, device=None, like=None)"`),
//! and one binder that checks a call against them with the exact message
//! CPython or NumPy gives for a missing, surplus, duplicated or unexpected
//! argument. An argument the signature does not name is never dropped.
//!
//! Messages come in families, by how the function is implemented in NumPy:
//! a Python function (`np.repeat`), NumPy's C argument parser (`np.zeros`,
//! `np.array`, most methods), or a ufunc (`np.add`). [`Style`] picks one.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::error::{PyError, PyResult};
use super::value::Value;
use crate::eval::args::Args;

/// Which family of error messages a function raises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// A function written in Python: `f() missing 1 required positional
    /// argument: 'a'`, `f() got multiple values for argument 'a'`.
    Python,
    /// NumPy's C argument parser (`npy_parse_arguments`): `f() missing
    /// required argument 'a' (pos 0)`, `argument for f() given by name
    /// ('a') and position (position 0)`.
    NumpyC,
    /// A ufunc (`np.add`): the inputs and outputs are counted first
    /// (`add() takes from 2 to 3 positional arguments but 1 was given`), and
    /// `out` given twice is `cannot specify 'out' as both a positional and
    /// keyword argument`.
    Ufunc,
    /// CPython's `PyArg_ParseTupleAndKeywords` (most older `ndarray`
    /// methods, `a.cumsum`, `a.put`): `'x' is an invalid keyword argument
    /// for f()`, `f() takes at most 3 arguments (4 given)`, positions
    /// counted from 1. Unnamed, the function is `function` (`this function`
    /// in the message about an invalid keyword).
    CArgs {
        /// Whether the parser was given the function's name.
        named: bool,
    },
    /// CPython's `PyArg_ParseTuple` on a method taking no keywords
    /// (`a.fill`, `a.transpose`): `f() takes no keyword arguments`,
    /// `f() takes exactly 1 argument (2 given)`. Unnamed, the function is
    /// `function`.
    CVarArgs {
        /// Whether the parser was given the function's name.
        named: bool,
    },
    /// A CPython builtin of one argument (`len`, `abs`): `f() takes
    /// exactly one argument (2 given)`, `f() takes no keyword arguments`.
    COne,
    /// A CPython builtin that counts its positionals itself (`isinstance`,
    /// `range`, `min`): `f expected 2 arguments, got 1`; keywords, where it
    /// has any, as [`Style::CArgs`].
    CExpect,
    /// A Cython `def` function (`np.random`'s samplers, `Generator`
    /// methods): `f() takes at least 1 positional argument (0 given)`
    /// when a required argument is missing (counting those bound before
    /// the first missing one), `f() takes at most 3 positional arguments
    /// (4 given)`, `f() got multiple values for keyword argument 'a'`.
    Cython,
}

impl Style {
    /// One of CPython's own argument parsers.
    fn is_cpython(self) -> bool {
        matches!(
            self,
            Style::CArgs { .. } | Style::CVarArgs { .. } | Style::COne | Style::CExpect
        )
    }

    /// How CPython's argument parser names the function in a message
    /// (an unnamed one is `function`, but `this function` in the message
    /// about an invalid keyword).
    fn c_name(self, name: &str) -> String {
        match self {
            Style::CArgs { named: false } | Style::CVarArgs { named: false } => "function".into(),
            _ => format!("{name}()"),
        }
    }
}

/// How a parameter may be passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    /// Before a `/`.
    PositionalOnly,
    /// The ordinary kind.
    PositionalOrKeyword,
    /// After `*` or `*args`.
    KeywordOnly,
    /// `*args`.
    VarPositional,
    /// `**kwargs`.
    VarKeyword,
}

/// One parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// Its name.
    pub name: String,
    /// How it is passed.
    pub kind: ParamKind,
    /// The default's source text (`None`, `'C'`, `float`), if it has one.
    pub default: Option<String>,
}

/// A parsed signature.
#[derive(Debug, Clone, PartialEq)]
pub struct Signature {
    /// The name that messages use (`zeros`, `_sum` for `a.sum`).
    pub name: String,
    /// The parameters in order.
    pub params: Vec<Param>,
}

/// Arguments bound to parameters: one slot per parameter, in the
/// signature's order (`None` where the call left a parameter to its
/// default), plus what `*args` and `**kwargs` collected.
#[derive(Debug, Clone)]
pub struct Bound {
    /// The signature the call was bound against.
    pub sig: Rc<Signature>,
    /// The value given for each parameter (`*args`/`**kwargs` slots stay `None`).
    pub values: Vec<Option<Value>>,
    /// What `*args` collected.
    pub var_pos: Vec<Value>,
    /// What `**kwargs` collected, in call order.
    pub var_kw: Vec<(String, Value)>,
}

impl Bound {
    /// The value given for parameter `name` (not its default).
    pub fn get(&self, name: &str) -> Option<&Value> {
        let i = self.sig.params.iter().position(|p| p.name == name)?;
        self.values[i].as_ref()
    }

    /// The value given for `name`, treating an explicit `None` as not given.
    pub fn get_some(&self, name: &str) -> Option<&Value> {
        self.get(name).filter(|v| !matches!(v, Value::None))
    }

    /// The value for a parameter without a default (binding checked it).
    pub fn required(&self, name: &str) -> &Value {
        self.get(name)
            .unwrap_or_else(|| panic!("{name} is not a required parameter"))
    }

    /// `NotImplementedError` when the call gave parameter `name` a value
    /// other than `None`: for arguments NumPy accepts and slicelab does not
    /// implement, so they are refused rather than ignored.
    pub fn refuse(&self, name: &str) -> PyResult<()> {
        match self.get_some(name) {
            Some(_) => Err(not_implemented_argument(&self.sig.name, name)),
            None => Ok(()),
        }
    }
}

/// The error for an argument slicelab accepts by name but does not implement.
pub fn not_implemented_argument(func: &str, arg: &str) -> PyError {
    PyError::new(
        "NotImplementedError",
        format!("slicelab does not implement the '{arg}' argument of {func}()"),
    )
}

thread_local! {
    static PARSED: RefCell<HashMap<&'static str, Rc<Signature>>> = RefCell::new(HashMap::new());
}

/// The parsed form of a signature written in the source, parsed once per
/// thread. Panics on malformed text: signatures are written by developers,
/// and a test parses every registered one.
pub fn signature(text: &'static str) -> Rc<Signature> {
    PARSED.with(|p| {
        p.borrow_mut()
            .entry(text)
            .or_insert_with(|| {
                Rc::new(parse(text).unwrap_or_else(|e| panic!("bad signature {text:?}: {e}")))
            })
            .clone()
    })
}

/// Bind `args` against the signature written as `text`.
pub fn bind(text: &'static str, style: Style, args: &Args) -> PyResult<Bound> {
    signature(text).bind(style, args)
}

/// Parse `name(p, q=1, *args, r, **kw)`; `/` and a bare `*` as Python has them.
pub fn parse(text: &str) -> Result<Signature, String> {
    let open = text.find('(').ok_or("no '('")?;
    let close = text.rfind(')').ok_or("no ')'")?;
    let name = text[..open].trim().to_string();
    if name.is_empty() {
        return Err("no name".into());
    }
    let mut params = Vec::new();
    let mut kind = ParamKind::PositionalOrKeyword;
    for part in split_top_level(&text[open + 1..close]) {
        let part = part.trim();
        match part {
            "" => continue,
            "/" => {
                for p in &mut params {
                    let p: &mut Param = p;
                    p.kind = ParamKind::PositionalOnly;
                }
                continue;
            }
            "*" => {
                kind = ParamKind::KeywordOnly;
                continue;
            }
            _ => {}
        }
        let (name, default) = match part.split_once('=') {
            Some((n, d)) => (n.trim(), Some(d.trim().to_string())),
            None => (part, None),
        };
        let (name, this_kind) = if let Some(n) = name.strip_prefix("**") {
            (n, ParamKind::VarKeyword)
        } else if let Some(n) = name.strip_prefix('*') {
            kind = ParamKind::KeywordOnly;
            (n, ParamKind::VarPositional)
        } else {
            (name, kind)
        };
        if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
            return Err(format!("bad parameter {part:?}"));
        }
        params.push(Param {
            name: name.to_string(),
            kind: this_kind,
            default,
        });
    }
    Ok(Signature { name, params })
}

/// Split on commas outside brackets and quotes (defaults like `(0, 1)`).
fn split_top_level(s: &str) -> Vec<&str> {
    let (mut depth, mut quote, mut start) = (0i32, None, 0);
    let mut parts = Vec::new();
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(' | '[' | '{') => depth += 1,
            (None, ')' | ']' | '}') => depth -= 1,
            (None, ',') if depth == 0 => {
                parts.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&s[start..]);
    parts
}

impl Signature {
    fn positional(&self) -> impl Iterator<Item = (usize, &Param)> {
        self.params.iter().enumerate().filter(|(_, p)| {
            matches!(
                p.kind,
                ParamKind::PositionalOnly | ParamKind::PositionalOrKeyword
            )
        })
    }

    /// Bind a call's arguments, or raise the error the real function raises.
    pub fn bind(self: &Rc<Self>, style: Style, args: &Args) -> PyResult<Bound> {
        let n = self.params.len();
        let mut values: Vec<Option<Value>> = vec![None; n];
        let positional: Vec<usize> = self.positional().map(|(i, _)| i).collect();
        let has_var_pos = self
            .params
            .iter()
            .any(|p| p.kind == ParamKind::VarPositional);
        let has_var_kw = self.params.iter().any(|p| p.kind == ParamKind::VarKeyword);
        let mut var_pos = Vec::new();
        if style == Style::Ufunc {
            self.count_ufunc_positionals(args)?;
        }
        if style.is_cpython() {
            self.count_c_arguments(style, args)?;
        }
        if args.pos.len() > positional.len() && !has_var_pos {
            return Err(self.too_many_positional(style, args));
        }
        for (k, v) in args.pos.iter().enumerate() {
            match positional.get(k) {
                Some(&i) => values[i] = Some(v.clone()),
                None => var_pos.push(v.clone()),
            }
        }
        let mut var_kw = Vec::new();
        let mut invalid = None;
        for (key, v) in &args.kw {
            let slot = self.params.iter().position(|p| {
                &p.name == key
                    && matches!(
                        p.kind,
                        ParamKind::PositionalOrKeyword | ParamKind::KeywordOnly
                    )
            });
            match slot {
                Some(i) if values[i].is_some() => {
                    return Err(PyError::type_error(match style {
                        Style::Ufunc => format!(
                            "cannot specify '{key}' as both a positional and keyword argument"
                        ),
                        Style::Python => {
                            format!("{}() got multiple values for argument '{key}'", self.name)
                        }
                        Style::Cython => format!(
                            "{}() got multiple values for keyword argument '{key}'",
                            self.name
                        ),
                        Style::NumpyC => format!(
                            "argument for {}() given by name ('{key}') and position (position {})",
                            self.name,
                            positional.iter().position(|&p| p == i).unwrap_or(i)
                        ),
                        Style::CArgs { .. }
                        | Style::CVarArgs { .. }
                        | Style::COne
                        | Style::CExpect => format!(
                            "argument for {} given by name ('{key}') and position ({})",
                            style.c_name(&self.name),
                            positional.iter().position(|&p| p == i).unwrap_or(i) + 1
                        ),
                    }));
                }
                Some(i) => values[i] = Some(v.clone()),
                None if has_var_kw => var_kw.push((key.clone(), v.clone())),
                // CPython finds missing arguments before stray keywords.
                None if matches!(style, Style::CArgs { .. } | Style::CExpect) => {
                    invalid.get_or_insert(key);
                }
                None => {
                    let positional_only = self
                        .params
                        .iter()
                        .any(|p| &p.name == key && p.kind == ParamKind::PositionalOnly);
                    return Err(PyError::type_error(if positional_only {
                        format!(
                            "{}() got some positional-only arguments passed as keyword arguments: '{key}'",
                            self.name
                        )
                    } else {
                        format!("{}() got an unexpected keyword argument '{key}'", self.name)
                    }));
                }
            }
        }
        self.check_missing(style, &values)?;
        if let Some(key) = invalid {
            // `sorted` hands its keywords on to `list.sort`, which names itself.
            let func = match (self.name.as_str(), style) {
                ("sorted", _) => "sort()".to_string(),
                (_, Style::CArgs { named: false }) => "this function".to_string(),
                (name, _) => style.c_name(name),
            };
            return Err(PyError::type_error(format!(
                "'{key}' is an invalid keyword argument for {func}"
            )));
        }
        Ok(Bound {
            sig: self.clone(),
            values,
            var_pos,
            var_kw,
        })
    }

    /// How many positional parameters are required, and how many there are.
    fn positional_counts(&self) -> (usize, usize) {
        let total = self.positional().count();
        let required = self
            .positional()
            .filter(|(_, p)| p.default.is_none())
            .count();
        (required, total)
    }

    /// CPython's parsers count every argument before binding any: a method
    /// without keywords refuses them all, and `PyArg_ParseTupleAndKeywords`
    /// counts positionals and keywords together against its whole list.
    fn count_c_arguments(&self, style: Style, args: &Args) -> PyResult<()> {
        let fixed = self
            .params
            .iter()
            .filter(|p| !matches!(p.kind, ParamKind::VarPositional | ParamKind::VarKeyword))
            .count();
        let open = self
            .params
            .iter()
            .any(|p| p.kind == ParamKind::VarPositional);
        let (required, positionals) = self.positional_counts();
        let given = args.pos.len();
        let s = |n: usize| if n == 1 { "" } else { "s" };
        let takes_keywords = self
            .params
            .iter()
            .any(|p| p.kind != ParamKind::PositionalOnly && p.kind != ParamKind::VarPositional);
        let required_positional_only = self
            .params
            .iter()
            .filter(|p| p.kind == ParamKind::PositionalOnly && p.default.is_none())
            .count();
        // `expected 2`, `expected at least 1`, `expected at most 3`.
        let bounds = |min: usize, max: Option<usize>| -> Option<(&str, usize)> {
            match max {
                Some(max) if min == max && given != min => Some(("", min)),
                _ if given < min => Some(("at least ", min)),
                Some(max) if given > max => Some(("at most ", max)),
                _ => None,
            }
        };
        match style {
            Style::CVarArgs { .. } | Style::COne if !args.kw.is_empty() => Err(
                PyError::type_error(format!("{}() takes no keyword arguments", self.name)),
            ),
            Style::CExpect if !takes_keywords && !args.kw.is_empty() => Err(PyError::type_error(
                format!("{}() takes no keyword arguments", self.name),
            )),
            Style::COne if given != 1 => Err(PyError::type_error(format!(
                "{}() takes exactly one argument ({given} given)",
                self.name
            ))),
            Style::CExpect => match bounds(required, (!open).then_some(positionals)) {
                Some((how, n)) => Err(PyError::type_error(format!(
                    "{} expected {how}{n} argument{}, got {given}",
                    self.name,
                    s(n)
                ))),
                None => Ok(()),
            },
            Style::CArgs { .. } if given < required_positional_only => {
                let how = if required_positional_only == positionals {
                    "exactly"
                } else {
                    "at least"
                };
                Err(PyError::type_error(format!(
                    "{} takes {how} {required_positional_only} positional argument{} ({given} given)",
                    style.c_name(&self.name),
                    s(required_positional_only)
                )))
            }
            Style::CVarArgs { .. } if !open && (given < required || given > fixed) => {
                let (how, n) = if required == fixed {
                    ("exactly", fixed)
                } else if given < required {
                    ("at least", required)
                } else {
                    ("at most", fixed)
                };
                Err(PyError::type_error(format!(
                    "{} takes {how} {n} argument{} ({given} given)",
                    style.c_name(&self.name),
                    s(n)
                )))
            }
            Style::CArgs { .. } if !open && given + args.kw.len() > fixed => {
                let keyword = if given == 0 { "keyword " } else { "" };
                Err(PyError::type_error(format!(
                    "{} takes at most {fixed} {keyword}argument{} ({} given)",
                    style.c_name(&self.name),
                    s(fixed),
                    given + args.kw.len()
                )))
            }
            _ => Ok(()),
        }
    }

    /// A ufunc takes its inputs, then optionally its outputs, by position only.
    fn count_ufunc_positionals(&self, args: &Args) -> PyResult<()> {
        let (required, total) = self.positional_counts();
        let given = args.pos.len();
        if (required..=total).contains(&given) {
            return Ok(());
        }
        let were = if given == 1 { "was" } else { "were" };
        Err(PyError::type_error(format!(
            "{}() takes from {required} to {total} positional arguments but {given} {were} given",
            self.name
        )))
    }

    fn too_many_positional(&self, style: Style, args: &Args) -> PyError {
        let (required, total) = self.positional_counts();
        let given = args.pos.len();
        if style == Style::Cython {
            return cython_count(&self.name, required, total, total, given);
        }
        let were = if given == 1 { "was" } else { "were" };
        let takes = if required == total {
            let s = if total == 1 { "" } else { "s" };
            format!("takes {total} positional argument{s}")
        } else {
            format!("takes from {required} to {total} positional arguments")
        };
        let kw_only_given = self
            .params
            .iter()
            .filter(|p| {
                p.kind == ParamKind::KeywordOnly && args.kw.iter().any(|(k, _)| k == &p.name)
            })
            .count();
        let message = if style == Style::Python && kw_only_given > 0 {
            let s = if given == 1 { "" } else { "s" };
            let ks = if kw_only_given == 1 { "" } else { "s" };
            format!(
                "{}() {takes} but {given} positional argument{s} (and {kw_only_given} keyword-only argument{ks}) {were} given",
                self.name
            )
        } else {
            format!("{}() {takes} but {given} {were} given", self.name)
        };
        PyError::type_error(message)
    }

    fn check_missing(&self, style: Style, values: &[Option<Value>]) -> PyResult<()> {
        let missing = |kind: ParamKind| -> Vec<&Param> {
            self.params
                .iter()
                .zip(values)
                .filter(|(p, v)| {
                    v.is_none()
                        && p.default.is_none()
                        && (p.kind == kind
                            || (kind == ParamKind::PositionalOrKeyword
                                && p.kind == ParamKind::PositionalOnly))
                })
                .map(|(p, _)| p)
                .collect()
        };
        for (kind, what) in [
            (ParamKind::PositionalOrKeyword, "positional"),
            (ParamKind::KeywordOnly, "keyword-only"),
        ] {
            let gone = missing(kind);
            let Some(first) = gone.first() else { continue };
            if style == Style::Cython && kind == ParamKind::PositionalOrKeyword {
                let (required, total) = self.positional_counts();
                let bound_before = self
                    .positional()
                    .position(|(_, p)| p.name == first.name)
                    .unwrap_or(0);
                return Err(cython_count(
                    &self.name,
                    required,
                    total,
                    required,
                    bound_before,
                ));
            }
            return Err(PyError::type_error(match style {
                Style::NumpyC
                | Style::Ufunc
                | Style::CArgs { .. }
                | Style::CVarArgs { .. }
                | Style::COne
                | Style::CExpect => {
                    let pos = self.params.iter().position(|p| p.name == first.name);
                    // NumPy's parser counts from 0, CPython's from 1.
                    let from = usize::from(!matches!(style, Style::NumpyC | Style::Ufunc));
                    format!(
                        "{} missing required argument '{}' (pos {})",
                        style.c_name(&self.name),
                        first.name,
                        pos.unwrap_or(0) + from
                    )
                }
                Style::Python | Style::Cython => {
                    let s = if gone.len() == 1 { "" } else { "s" };
                    format!(
                        "{}() missing {} required {what} argument{s}: {}",
                        self.name,
                        gone.len(),
                        name_list(&gone)
                    )
                }
            }));
        }
        Ok(())
    }
}

/// Cython's count message: `exactly` when every positional parameter is
/// required, else `at least` (too few) or `at most` (too many) `n`.
fn cython_count(name: &str, required: usize, total: usize, n: usize, given: usize) -> PyError {
    let how = if required == total {
        "exactly"
    } else if given < required {
        "at least"
    } else {
        "at most"
    };
    let s = if n == 1 { "" } else { "s" };
    PyError::type_error(format!(
        "{name}() takes {how} {n} positional argument{s} ({given} given)"
    ))
}

/// `'a'`, `'a' and 'b'`, `'a', 'b', and 'c'` as CPython lists missing names.
fn name_list(params: &[&Param]) -> String {
    let q: Vec<String> = params.iter().map(|p| format!("'{}'", p.name)).collect();
    match q.as_slice() {
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
        [] => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(pos: Vec<Value>, kw: Vec<(&str, Value)>) -> Args {
        Args {
            pos,
            kw: kw.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
        }
    }

    fn err(text: &'static str, style: Style, args: Args) -> String {
        bind(text, style, &args).unwrap_err().message
    }

    const ZEROS: &str = "zeros(shape, dtype=float, order='C', *, device=None, like=None)";

    #[test]
    fn cython_counts_positionals_as_cython_does() {
        const BETA: &str = "beta(a, b, size=None)";
        const BYTES: &str = "bytes(length)";
        let one = || Value::Int(1);
        assert_eq!(
            err(BETA, Style::Cython, call(vec![], vec![("b", one())])),
            "beta() takes at least 2 positional arguments (0 given)"
        );
        assert_eq!(
            err(BETA, Style::Cython, call(vec![], vec![("a", one())])),
            "beta() takes at least 2 positional arguments (1 given)"
        );
        assert_eq!(
            err(BETA, Style::Cython, call(vec![one(); 4], vec![])),
            "beta() takes at most 3 positional arguments (4 given)"
        );
        assert_eq!(
            err(BETA, Style::Cython, call(vec![one()], vec![("a", one())])),
            "beta() got multiple values for keyword argument 'a'"
        );
        assert_eq!(
            err(BYTES, Style::Cython, call(vec![], vec![])),
            "bytes() takes exactly 1 positional argument (0 given)"
        );
        assert_eq!(
            err(BYTES, Style::Cython, call(vec![one(), one()], vec![])),
            "bytes() takes exactly 1 positional argument (2 given)"
        );
    }
    const REPEAT: &str = "repeat(a, repeats, axis=None)";

    // Expected texts are NumPy 2.4.6's own messages for the same calls.
    #[test]
    fn numpy_c_parser_messages() {
        let i = Value::Int;
        assert_eq!(
            err(
                ZEROS,
                Style::NumpyC,
                call(vec![i(3)], vec![("bogus", i(1))])
            ),
            "zeros() got an unexpected keyword argument 'bogus'"
        );
        assert_eq!(
            err(
                ZEROS,
                Style::NumpyC,
                call(vec![i(1), i(2), i(3), i(4)], vec![])
            ),
            "zeros() takes from 1 to 3 positional arguments but 4 were given"
        );
        assert_eq!(
            err(ZEROS, Style::NumpyC, call(vec![], vec![])),
            "zeros() missing required argument 'shape' (pos 0)"
        );
        assert_eq!(
            err(
                ZEROS,
                Style::NumpyC,
                call(vec![i(3)], vec![("shape", i(3))])
            ),
            "argument for zeros() given by name ('shape') and position (position 0)"
        );
    }

    #[test]
    fn python_function_messages() {
        let i = Value::Int;
        assert_eq!(
            err(
                REPEAT,
                Style::Python,
                call(vec![i(1), i(2), i(3), i(4)], vec![])
            ),
            "repeat() takes from 2 to 3 positional arguments but 4 were given"
        );
        assert_eq!(
            err(REPEAT, Style::Python, call(vec![], vec![])),
            "repeat() missing 2 required positional arguments: 'a' and 'repeats'"
        );
        assert_eq!(
            err(REPEAT, Style::Python, call(vec![i(1)], vec![("a", i(2))])),
            "repeat() got multiple values for argument 'a'"
        );
        assert_eq!(
            err("f(a, b, c)", Style::Python, call(vec![], vec![])),
            "f() missing 3 required positional arguments: 'a', 'b', and 'c'"
        );
        assert_eq!(
            err("f(a)", Style::Python, call(vec![i(1), i(2)], vec![])),
            "f() takes 1 positional argument but 2 were given"
        );
        assert_eq!(
            err("f(*, k)", Style::Python, call(vec![], vec![])),
            "f() missing 1 required keyword-only argument: 'k'"
        );
        assert_eq!(
            err("f(a, /)", Style::Python, call(vec![], vec![("a", i(1))])),
            "f() got some positional-only arguments passed as keyword arguments: 'a'"
        );
    }

    #[test]
    fn ufunc_messages() {
        let i = Value::Int;
        const ADD: &str = "add(x1, x2, /, out=None, *, where=True, dtype=None)";
        assert_eq!(
            err(ADD, Style::Ufunc, call(vec![i(1)], vec![("x2", i(2))])),
            "add() takes from 2 to 3 positional arguments but 1 was given"
        );
        assert_eq!(
            err(
                ADD,
                Style::Ufunc,
                call(vec![i(1), i(2), i(3)], vec![("out", i(2))])
            ),
            "cannot specify 'out' as both a positional and keyword argument"
        );
        assert_eq!(
            err(
                ADD,
                Style::Ufunc,
                call(vec![i(1), i(2)], vec![("bogus", i(2))])
            ),
            "add() got an unexpected keyword argument 'bogus'"
        );
    }

    #[test]
    fn binds_positions_keywords_and_var_args() {
        let i = Value::Int;
        let b = bind(
            "f(a, b=2, *rest, c, **kw)",
            Style::Python,
            &call(vec![i(1), i(2), i(3), i(4)], vec![("c", i(5)), ("z", i(6))]),
        )
        .unwrap();
        assert!(matches!(b.get("a"), Some(Value::Int(1))));
        assert!(matches!(b.get("c"), Some(Value::Int(5))));
        assert_eq!(b.var_pos.len(), 2);
        assert_eq!(b.var_kw[0].0, "z");
        let b = bind(ZEROS, Style::NumpyC, &call(vec![i(3)], vec![])).unwrap();
        assert!(b.get("dtype").is_none());
        assert!(b.refuse("like").is_ok());
    }

    #[test]
    fn parses_defaults_with_commas() {
        let s = parse("pad(array, pad_width, mode='constant', *, stat_length=(0, 1), **kwargs)")
            .unwrap();
        assert_eq!(s.params.len(), 5);
        assert_eq!(s.params[3].default.as_deref(), Some("(0, 1)"));
        assert_eq!(s.params[3].kind, ParamKind::KeywordOnly);
        assert_eq!(s.params[4].kind, ParamKind::VarKeyword);
    }
}
