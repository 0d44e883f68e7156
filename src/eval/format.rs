//! Python's string formatting: the format-spec mini-language (`format()`,
//! f-strings, `str.format`) and printf-style `%`. NumPy scalars format as
//! the Python int or float they stand for; an empty spec is `str()`.

use crate::syntax::ast::FPart;

use super::error::{PyError, PyResult};
use super::format_spec::{Num, as_number, format_value};
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
                        Some('r') | Some('a') => Value::str(&self.py_repr(&v)?),
                        Some(_) => Value::str(&self.py_str(&v)?),
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
        let cs: Vec<char> = template.chars().collect();
        let mut out = String::new();
        let mut auto = 0usize;
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
                    out.push_str(&self.format_field(&field, args, &mut auto)?);
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

    fn format_field(&mut self, field: &str, args: &Args, auto: &mut usize) -> PyResult<String> {
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
        let mut v = if first.is_empty() {
            let k = *auto;
            *auto += 1;
            args.pos.get(k).cloned().ok_or_else(|| {
                PyError::index(format!(
                    "Replacement index {k} out of range for positional args tuple"
                ))
            })?
        } else if let Ok(k) = first.parse::<usize>() {
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
            self.str_format(spec, args)?
        } else {
            spec.to_string()
        };
        let v = match conv {
            Some('r') | Some('a') => Value::str(&self.py_repr(&v)?),
            Some('s') => Value::str(&self.py_str(&v)?),
            Some(c) => {
                return Err(PyError::value(format!("Unknown conversion specifier {c}")));
            }
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

    /// `template % values`.
    pub(super) fn percent_format(&mut self, template: &str, values: &Value) -> PyResult<String> {
        let opts = self.print_options.clone();
        let (items, mapping) = match values {
            Value::Tuple(t) => (t.as_ref().clone(), None),
            Value::Dict(_) => (vec![], Some(values.clone())),
            other => (vec![other.clone()], None),
        };
        let cs: Vec<char> = template.chars().collect();
        let mut out = String::new();
        let mut next = 0usize;
        let mut i = 0;
        while i < cs.len() {
            if cs[i] != '%' {
                out.push(cs[i]);
                i += 1;
                continue;
            }
            i += 1;
            let mut v: Option<Value> = None;
            if cs.get(i) == Some(&'(') {
                let end = cs[i..]
                    .iter()
                    .position(|c| *c == ')')
                    .ok_or_else(|| PyError::value("incomplete format key"))?;
                let key: String = cs[i + 1..i + end].iter().collect();
                let Some(m) = &mapping else {
                    return Err(PyError::type_error("format requires a mapping"));
                };
                v = Some(self.getitem(m, &Value::str(&key))?);
                i += end + 1;
            }
            let mut flags = String::new();
            while let Some(&c) = cs
                .get(i)
                .filter(|c| matches!(c, '-' | '+' | ' ' | '#' | '0'))
            {
                flags.push(c);
                i += 1;
            }
            let mut width = String::new();
            while let Some(&c) = cs.get(i).filter(|c| c.is_ascii_digit() || **c == '*') {
                width.push(c);
                i += 1;
            }
            let mut precision = None;
            if cs.get(i) == Some(&'.') {
                i += 1;
                let mut p = String::new();
                while let Some(&c) = cs.get(i).filter(|c| c.is_ascii_digit()) {
                    p.push(c);
                    i += 1;
                }
                precision = Some(p.parse::<usize>().unwrap_or(0));
            }
            let Some(&kind) = cs.get(i) else {
                return Err(PyError::value("incomplete format"));
            };
            i += 1;
            if kind == '%' {
                out.push('%');
                continue;
            }
            let v = match v {
                Some(v) => v,
                None => {
                    let v = items.get(next).cloned().ok_or_else(|| {
                        PyError::type_error("not enough arguments for format string")
                    })?;
                    next += 1;
                    v
                }
            };
            // A 0-d array gives its element to the numeric conversions
            // (`ndarray.__int__`/`__float__`/`__index__`).
            let v = match v {
                Value::Array(ref a)
                    if a.ndim() == 0
                        && a.dtype().is_numeric()
                        && !matches!(kind, 's' | 'r' | 'a') =>
                {
                    crate::eval::protocol::wrap_indexed(
                        a,
                        crate::engine::index::Indexed::Scalar(a.first()),
                    )
                }
                other => other,
            };
            let align = if flags.contains('-') { "<" } else { "" };
            let sign = if flags.contains('+') {
                "+"
            } else if flags.contains(' ') {
                " "
            } else {
                ""
            };
            let zero = if flags.contains('0') && !flags.contains('-') {
                "0"
            } else {
                ""
            };
            let alt = if flags.contains('#') { "#" } else { "" };
            let prec = precision.map(|p| format!(".{p}")).unwrap_or_default();
            let text = match kind {
                's' | 'r' | 'a' => {
                    let t = if kind == 's' {
                        self.py_str(&v)?
                    } else {
                        self.py_repr(&v)?
                    };
                    format_value(&Value::str(&t), &format!("{align}{width}{prec}"), &opts)?
                }
                'd' | 'i' | 'u' => {
                    let n = match as_number(&v) {
                        Some(Num::Int(n)) => Value::Int(n),
                        Some(Num::Big(b)) => Value::BigInt(b),
                        Some(Num::Float(f)) => super::bigint_math::float_to_int(f)?,
                        None => {
                            return Err(PyError::type_error(format!(
                                "%{kind} format: a real number is required, not {}",
                                v.type_name()
                            )));
                        }
                    };
                    format_value(&n, &format!("{align}{sign}{zero}{width}d"), &opts)?
                }
                'x' | 'X' | 'o' | 'c' => {
                    format_value(&v, &format!("{align}{sign}{alt}{zero}{width}{kind}"), &opts)?
                }
                'f' | 'F' | 'e' | 'E' | 'g' | 'G' => {
                    if as_number(&v).is_none() {
                        return Err(PyError::type_error(format!(
                            "must be real number, not {}",
                            v.type_name()
                        )));
                    }
                    let prec = if prec.is_empty() {
                        ".6".to_string()
                    } else {
                        prec
                    };
                    format_value(
                        &v,
                        &format!("{align}{sign}{alt}{zero}{width}{prec}{kind}"),
                        &opts,
                    )?
                }
                other => {
                    return Err(PyError::value(format!(
                        "unsupported format character '{other}' (0x{:x}) at index {}",
                        other as u32,
                        i - 1
                    )));
                }
            };
            out.push_str(&text);
        }
        if mapping.is_none() && next < items.len() {
            return Err(PyError::type_error(
                "not all arguments converted during string formatting",
            ));
        }
        Ok(out)
    }
}
