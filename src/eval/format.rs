//! Python's string formatting: f-strings and `str.format` (the
//! format-spec mini-language is `format_spec.rs`'s, printf-style `%`
//! `percent_format.rs`'s). NumPy scalars format as
//! the Python int or float they stand for; an empty spec is `str()`.

use crate::syntax::ast::FPart;

use super::error::{PyError, PyResult};
use super::format_spec::format_value;
use super::pyclass::holds_instance;
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::session::Session;

impl Session {
    /// The text of an f-string.
    pub(super) fn eval_fstring(&mut self, parts: &[FPart]) -> PyResult<String> {
        let mut out = String::new();
        for p in parts {
            match p {
                FPart::Lit(t) => out.push_str(t),
                FPart::Field {
                    expr,
                    conv,
                    spec,
                    debug,
                } => {
                    if let Some(d) = debug {
                        out.push_str(d);
                    }
                    let v = self.eval(expr)?;
                    let spec = self.eval_fstring(spec)?;
                    if conv.is_none()
                        && let Some(text) = self.format_instance(&v, &spec)
                    {
                        out.push_str(&text?);
                        continue;
                    }
                    let v = match conv {
                        Some(c) => self.convert_field(&v, *c)?,
                        // `format(x, '')` is `str(x)`, a learner's
                        // `__repr__` inside included.
                        None if spec.is_empty() && holds_instance(&v, 0) => {
                            Value::str(&self.py_str(&v)?)
                        }
                        // `format(a, '')` is `str(a)`, through the formatter.
                        None if spec.is_empty() && self.formatter_applies(&v) => {
                            Value::str(&self.py_str(&v)?)
                        }
                        None => v,
                    };
                    out.push_str(&format_value(&v, &spec, &self.print_options)?);
                }
            }
        }
        Ok(out)
    }

    /// `template.format(*args, **kwargs)`.
    pub(super) fn str_format(&mut self, template: &str, args: &Args) -> PyResult<String> {
        self.format_template(template, args, &mut Numbering::default())
    }

    /// A template's text; `numbering` is shared with the fields nested in
    /// its specs (`"{:{}}"`), as CPython's `AutoNumber` is.
    fn format_template(
        &mut self,
        template: &str,
        args: &Args,
        numbering: &mut Numbering,
    ) -> PyResult<String> {
        let cs: Vec<char> = template.chars().collect();
        let mut out = String::new();
        let mut i = 0;
        while i < cs.len() {
            match cs[i] {
                '{' if cs.get(i + 1) == Some(&'{') => {
                    out.push('{');
                    i += 2;
                }
                '}' if cs.get(i + 1) == Some(&'}') => {
                    out.push('}');
                    i += 2;
                }
                '}' => {
                    return Err(PyError::value("Single '}' encountered in format string"));
                }
                '{' => {
                    let mut depth = 1;
                    let mut j = i + 1;
                    while j < cs.len() && depth > 0 {
                        match cs[j] {
                            '{' => depth += 1,
                            '}' => depth -= 1,
                            _ => {}
                        }
                        j += 1;
                    }
                    if depth > 0 {
                        return Err(PyError::value("expected '}' before end of string"));
                    }
                    let field: String = cs[i + 1..j - 1].iter().collect();
                    out.push_str(&self.format_field(&field, args, numbering)?);
                    i = j;
                }
                c => {
                    out.push(c);
                    i += 1;
                }
            }
        }
        Ok(out)
    }

    fn format_field(
        &mut self,
        field: &str,
        args: &Args,
        numbering: &mut Numbering,
    ) -> PyResult<String> {
        let (head, spec) = match field.find(':') {
            Some(p) => (&field[..p], &field[p + 1..]),
            None => (field, ""),
        };
        let (name, conv) = match head.rfind('!') {
            Some(p) => (&head[..p], head[p + 1..].chars().next()),
            None => (head, None),
        };
        let split = name.find(['.', '[']).unwrap_or(name.len());
        let (first, mut rest) = name.split_at(split);
        let position = if first.is_empty() {
            Some(numbering.automatic()?)
        } else if let Ok(k) = first.parse::<usize>() {
            numbering.manual()?;
            Some(k)
        } else {
            None
        };
        let mut v = if let Some(k) = position {
            args.pos.get(k).cloned().ok_or_else(|| {
                PyError::index(format!(
                    "Replacement index {k} out of range for positional args tuple"
                ))
            })?
        } else {
            args.kw(first)
                .cloned()
                .ok_or_else(|| PyError::new("KeyError", format!("'{first}'")))?
        };
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('.') {
                let end = r.find(['.', '[']).unwrap_or(r.len());
                v = self.getattr(&v, &r[..end])?;
                rest = &r[end..];
            } else if let Some(r) = rest.strip_prefix('[') {
                let end = r
                    .find(']')
                    .ok_or_else(|| PyError::value("Missing ']' in format string"))?;
                let key = &r[..end];
                let idx = match key.parse::<i128>() {
                    Ok(n) => Value::Int(n),
                    Err(_) => Value::str(key),
                };
                v = self.getitem(&v, &idx)?;
                rest = &r[end + 1..];
            } else {
                break;
            }
        }
        let spec = if spec.contains('{') {
            self.format_template(spec, args, numbering)?
        } else {
            spec.to_string()
        };
        let v = match conv {
            Some(c) => self.convert_field(&v, c)?,
            None => v,
        };
        if let Some(text) = self.format_instance(&v, &spec) {
            return text;
        }
        if spec.is_empty() && holds_instance(&v, 0) {
            return self.py_str(&v);
        }
        format_value(&v, &spec, &self.print_options)
    }

    /// A field's `!s`, `!r` or `!a` conversion.
    fn convert_field(&mut self, v: &Value, conv: char) -> PyResult<Value> {
        Ok(Value::str(&match conv {
            's' => self.py_str(v)?,
            'r' => self.py_repr(v)?,
            'a' => super::ascii_repr::ascii_escape(&self.py_repr(v)?),
            c => return Err(PyError::value(format!("Unknown conversion specifier {c}"))),
        }))
    }
}

/// How `str.format` numbers its fields: all `{}` (automatic) or all
/// `{0}` (manual), never both.
#[derive(Default)]
struct Numbering {
    next: usize,
    manual: bool,
}

impl Numbering {
    fn automatic(&mut self) -> PyResult<usize> {
        if self.manual {
            return Err(PyError::value(
                "cannot switch from manual field specification to automatic field numbering",
            ));
        }
        self.next += 1;
        Ok(self.next - 1)
    }

    fn manual(&mut self) -> PyResult<()> {
        if self.next > 0 {
            return Err(PyError::value(
                "cannot switch from automatic field numbering to manual field specification",
            ));
        }
        self.manual = true;
        Ok(())
    }
}
