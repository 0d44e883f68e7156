//! `help(x)`: finds the entry for what `x` names (`np.ix_`, `a.reshape`,
//! `a.shape`, `a.dtype.kind`) in [`crate::help`] and writes it, with its
//! example run in a fresh session, as `print` output. `help` looks at the
//! argument's expression, not only its value, so `help(a.shape)` explains
//! the attribute rather than the tuple it holds.

use super::error::PyResult;
use super::index_routines::UFUNC_METHODS;
use super::numpy::NP_FUNCTIONS;
use super::value::{TypeObj, Value};
use crate::eval::array_attrs::{ARRAY_ATTRIBUTES, ARRAY_METHODS};
use crate::eval::dtype_attrs::DTYPE_ATTRIBUTES;
use crate::eval::object::RandomObj;
use crate::eval::session::Session;
use crate::help::{Entry, lookup, wrap_words};
use crate::syntax::ast::{Expr, ExprKind};

impl Session {
    /// `help()` / `help(expr)`: print the help text; the value is `None`.
    pub(super) fn help(&mut self, arg: Option<&Expr>) -> PyResult<Value> {
        let text = match arg {
            None => overview(),
            Some(expr) => {
                let topic = self.topic(expr)?;
                match &topic {
                    Topic::Key(key) => match lookup(key) {
                        Some(entry) => render(&entry),
                        None => format!("No slicelab help for {}.\n", shown(key)),
                    },
                    Topic::Text(text) => text.clone(),
                }
            }
        };
        self.print_text(&text);
        Ok(Value::None)
    }

    /// What `expr` names.
    fn topic(&mut self, expr: &Expr) -> PyResult<Topic> {
        if let ExprKind::Attribute { value, name } = &expr.kind {
            let owner = self.eval(value)?;
            let key = match owner {
                Value::Module(m) if m.as_ref() == super::random::MODULE => {
                    format!("np.random.{name}")
                }
                Value::Module(m) if m.as_ref() == super::np_linalg::MODULE => {
                    format!("np.linalg.{name}")
                }
                Value::Module(m) if m.as_ref() == super::np_fft::MODULE => {
                    format!("np.fft.{name}")
                }
                Value::Module(_) => format!("np.{name}"),
                Value::Array(_) | Value::NpScalar(..) | Value::Void(_) => format!("ndarray.{name}"),
                Value::DType(_) => format!("dtype.{name}"),
                _ => {
                    let value = self.eval(expr)?;
                    return Ok(topic_of_value(&value));
                }
            };
            // Still evaluate it, so a misspelt name raises AttributeError.
            self.eval(expr)?;
            return Ok(Topic::Key(key));
        }
        let value = self.eval(expr)?;
        Ok(topic_of_value(&value))
    }
}

/// What a value names when it is not reached as an attribute.
fn topic_of_value(value: &Value) -> Topic {
    {
        match value {
            Value::Function(f) => Topic::Key(ufunc_method_key(f).unwrap_or_else(|| f.to_string())),
            Value::FlatIter(..) => Topic::Key("ndarray.flat".into()),
            Value::Method(owner, name) => Topic::Key(match owner.as_ref() {
                Value::DType(_) => format!("dtype.{name}"),
                Value::Random(obj) if matches!(obj.as_ref(), RandomObj::Generator { .. }) => {
                    format!("rng.{name}")
                }
                Value::Random(_) => format!("np.random.{name}"),
                _ => format!("ndarray.{name}"),
            }),
            Value::Module(_) => Topic::Text(list(
                "np: NumPy. help(np.NAME) explains one of:",
                &NP_FUNCTIONS,
            )),
            Value::Array(_) => Topic::Text(format!(
                "{}\n{}",
                list("An ndarray. Its methods (help(a.NAME)):", &ARRAY_METHODS).trim_end(),
                list("and attributes:", ARRAY_ATTRIBUTES)
            )),
            Value::DType(_) => Topic::Text(list(
                "A dtype: how the bytes of one element are read. Attributes:",
                DTYPE_ATTRIBUTES,
            )),
            Value::Type(TypeObj::NpScalar(dt)) => Topic::Key(format!("np.{}", dt.name())),
            Value::Type(TypeObj::NdArray) => Topic::Key("np.ndarray".into()),
            Value::Type(TypeObj::DTypeClass) => Topic::Key("np.dtype".into()),
            Value::Type(TypeObj::Void) => Topic::Key("np.void".into()),
            Value::Type(TypeObj::NpStr) => Topic::Key("np.str_".into()),
            other => Topic::Text(format!(
                "No slicelab help for this {}; slicelab explains NumPy (try help(np)).\n",
                other.type_name()
            )),
        }
    }
}

/// `np.add.at` → `ufunc.at`: the methods are the same for every ufunc, so
/// one entry explains each.
fn ufunc_method_key(f: &str) -> Option<String> {
    let (_, method) = f.strip_prefix("np.")?.split_once('.')?;
    UFUNC_METHODS
        .contains(&method)
        .then(|| format!("ufunc.{method}"))
}

/// What help shows: an entry's key, or text made on the spot.
enum Topic {
    Key(String),
    Text(String),
}

/// `np.ix_` → `np.ix_`; `ndarray.sum` → `a.sum`; `dtype.kind` → `a.dtype.kind`.
fn shown(key: &str) -> String {
    if let Some(rest) = key.strip_prefix("ndarray.") {
        format!("a.{rest}")
    } else if let Some(rest) = key.strip_prefix("dtype.") {
        format!("a.dtype.{rest}")
    } else if let Some(rest) = key.strip_prefix("ufunc.") {
        format!("np.add.{rest}")
    } else {
        key.to_string()
    }
}

/// `help()` without arguments.
fn overview() -> String {
    "help(np.NAME) or np.NAME? explains a NumPy function or constant,\n\
     help(a.NAME) or a.NAME? an array method or attribute (a is any array).\n\
     help(np) lists the functions, help(a) an array's methods and attributes.\n\
     At the prompt, :help lists the commands.\n"
        .to_string()
}

/// A heading and the words, wrapped at 76 columns.
fn list(heading: &str, words: &[&str]) -> String {
    format!("{heading}\n{}", wrap_words(words, 76))
}

/// The entry: signature, text, and the example with the output each of its
/// statements gives in a fresh session.
pub fn render(entry: &Entry) -> String {
    let mut out = format!("{}\n\n{}\n\nExample:\n", entry.signature, entry.text);
    let mut session = Session::new();
    for stmt in &entry.example {
        out.push_str(&format!(">>> {stmt}\n"));
        let outcome = session.run(stmt);
        out.push_str(&outcome.output);
        if let Some(err) = outcome.error {
            out.push_str(&format!("{err}\n"));
        }
    }
    out
}
