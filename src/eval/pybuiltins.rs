//! Python builtins that take functions or make iterators — `map`, `filter`,
//! `sorted(key=)`, `min`/`max(key=)`, `iter`/`next` — and the small ones
//! learners use around arrays: `format`, `ascii`, `chr`, `ord`, `hash`, `callable`,
//! `round` on NumPy scalars. Anything else goes on to `numpy.rs`.

use super::error::{PyError, PyResult};
use super::object::Obj;
use super::ops::python_order;
use super::value::{TypeObj, Value};
use crate::engine::Scalar;
use crate::engine::kernels::CompareOp;
use crate::eval::args::Args;
use crate::eval::protocol::truthy;
use crate::eval::session::Session;

/// Builtin names this file adds.
const NAMES: &[&str] = &[
    "map",
    "filter",
    "iter",
    "next",
    "format",
    "ascii",
    "chr",
    "ord",
    "hash",
    "callable",
    "hex",
    "bin",
    "oct",
    "issubclass",
    "open",
    "dir",
    "vars",
    "globals",
    "locals",
];

/// A Python builtin, by name.
pub fn builtin(name: &str) -> Option<Value> {
    if name == "set" {
        return Some(Value::Type(TypeObj::Builtin("set")));
    }
    if name == "super" {
        return Some(Value::func("super"));
    }
    if name == "frozenset" {
        return Some(Value::Type(TypeObj::Builtin("frozenset")));
    }
    NAMES
        .iter()
        .chain(super::decorators::NAMES)
        .find(|n| **n == name)
        .map(|n| Value::func(n))
        .or_else(|| core_builtin(name))
}

/// Calls the builtin `name` if this file handles the call; otherwise hands
/// the arguments back.
pub fn call(s: &mut Session, name: &str, args: Args) -> PyResult<Result<Value, Args>> {
    if let Some(v) = super::class_methods::call(s, name, &args)? {
        return Ok(Ok(v));
    }
    if let Some(v) = crate::eval::iter_builtins::call(s, name, &args)? {
        return Ok(Ok(v));
    }
    let args = match super::stdlib::call(s, name, args)? {
        Ok(v) => return Ok(Ok(v)),
        Err(args) => args,
    };
    if name == "math.prod" {
        return s.math_prod(&args).map(Ok);
    }
    if let Some(v) = super::pymath::call(name, &args)? {
        return Ok(Ok(v));
    }
    if let Some(v) = super::decorators::call(name, &args) {
        return v.map(Ok);
    }
    match name {
        "super" if args.pos.is_empty() && args.kw.is_empty() => {
            return s.zero_arg_super().map(Ok);
        }
        "super" => return s.explicit_super(&args).map(Ok),
        "open" => {
            let args = s.fspath_args(super::pyfile::OPEN_SIGNATURE, args)?;
            return super::pyfile::open(&args).map(Ok);
        }
        // `dir()` at the prompt: the session's names, with the two a
        // session namespace always has, sorted.
        "dir" if args.pos.is_empty() && args.kw.is_empty() && s.scope.is_none() => {
            let mut names: Vec<String> = s.bindings().keys().cloned().collect();
            names.extend(["__builtins__".to_string(), "__name__".to_string()]);
            names.sort();
            names.dedup();
            return Ok(Ok(Value::list(
                names.iter().map(|n| Value::str(n)).collect(),
            )));
        }
        "dir" | "vars" | "globals" | "locals" => {
            return Err(PyError::new(
                "NotImplementedError",
                format!("slicelab does not implement {name}() here yet"),
            ));
        }
        "object.__init__" => return Ok(Ok(Value::None)),
        // The generic attribute rules, past a class's own `__setattr__`.
        "object.__setattr__" | "object.__delattr__" => {
            let setting = name == "object.__setattr__";
            let want = if setting { 3 } else { 2 };
            let method = &name["object.".len()..];
            let (obj, attr) = match args.pos.as_slice() {
                [] => {
                    return Err(PyError::type_error(format!(
                        "descriptor '{method}' of 'object' object needs an argument"
                    )));
                }
                [obj, rest @ ..] if rest.len() + 1 == want => (obj, &rest[0]),
                // CPython's two wrappers word it differently (sic).
                [_, rest @ ..] if setting => {
                    return Err(PyError::type_error(format!(
                        " expected 2 arguments, got {}",
                        rest.len()
                    )));
                }
                [_, rest @ ..] => {
                    return Err(PyError::type_error(format!(
                        "expected 1 argument, got {}",
                        rest.len()
                    )));
                }
            };
            let Value::Str(attr) = attr else {
                return Err(PyError::type_error(format!(
                    "attribute name must be string, not '{}'",
                    attr.type_name()
                )));
            };
            return if setting {
                s.generic_setattr(obj, attr, &args.pos[2])
                    .map(|_| Ok(Value::None))
            } else {
                s.generic_delattr(obj, attr).map(|_| Ok(Value::None))
            };
        }
        "ndarray.__new__" => return super::subclass::new(s, args).map(Ok),
        "object.__new__" => {
            return match args.pos.first() {
                Some(cls) if crate::eval::object::class_of(cls).is_some() => Ok(Ok(
                    super::pyclass::new_instance(cls, args.pos.get(1..).unwrap_or_default()),
                )),
                Some(Value::Type(TypeObj::Builtin("object"))) => Err(PyError::new(
                    "NotImplementedError",
                    "slicelab does not make bare object() instances",
                )),
                Some(other) => Err(PyError::type_error(format!(
                    "object.__new__(X): X is not a type object ({})",
                    other.type_name()
                ))),
                None => Err(PyError::type_error(
                    "object.__new__(): not enough arguments",
                )),
            };
        }
        "len" | "abs" | "iter" => {
            let method = format!("__{name}__");
            if let Some(r) = args.pos.first().and_then(|v| s.dunder(v, &method, vec![])) {
                return r.map(Ok);
            }
            // ndarray's own: `abs` is the ufunc, `len` the first axis.
            if let Some(v) = args
                .pos
                .first()
                .filter(|v| super::array_subclass::is_sub(v))
            {
                match name {
                    "abs" => return s.np("absolute", vec![v.clone()], vec![]).map(Ok),
                    "len" => {
                        return super::array_subclass::len(v).map(|n| Ok(Value::Int(n as i128)));
                    }
                    _ => {}
                }
            }
        }
        _ => {}
    }
    let has_kw = |k: &str| args.kw.iter().any(|(n, _)| n == k);
    Ok(Ok(match name {
        "np.printoptions" => {
            if !args.pos.is_empty() {
                return Err(PyError::type_error(
                    "printoptions() takes 0 positional arguments",
                ));
            }
            super::object::object(Obj::Context(super::object::Context::PrintOptions(
                args.kw.clone(),
            )))
        }
        "np.errstate" => super::fp_errors::errstate(&args)?,
        "format" => {
            let v = args.req(0, "value", "format")?;
            let spec = match args.get(1, "format_spec") {
                Some(Value::Str(t)) => t.to_string(),
                Some(other) => {
                    return Err(PyError::type_error(format!(
                        "format() argument 2 must be str, not {}",
                        other.type_name()
                    )));
                }
                None => String::new(),
            };
            if let Some(text) = s.format_instance(v, &spec) {
                return Ok(Ok(Value::str(&text?)));
            }
            Value::str(&crate::eval::format_spec::format_value(
                v,
                &spec,
                &s.print_options,
            )?)
        }
        "ascii" => Value::str(&super::ascii_repr::ascii_escape(
            &s.py_repr(args.req(0, "obj", "ascii")?)?,
        )),
        "chr" => {
            let i = args.req(0, "i", "chr")?;
            if let Value::BigInt(_) = i {
                return Err(PyError::overflow(
                    "Python int too large to convert to C int",
                ));
            }
            let i = int_of(i)?;
            let c = u32::try_from(i)
                .ok()
                .and_then(char::from_u32)
                .ok_or_else(|| PyError::value("chr() arg not in range(0x110000)"))?;
            Value::str(&c.to_string())
        }
        "hex" | "bin" | "oct" => {
            let i = big_of(args.req(0, "number", name)?)?;
            let sign = if i.sign() == num_bigint::Sign::Minus {
                "-"
            } else {
                ""
            };
            let m = i.magnitude();
            Value::str(&match name {
                "hex" => format!("{sign}0x{m:x}"),
                "bin" => format!("{sign}0b{m:b}"),
                _ => format!("{sign}0o{m:o}"),
            })
        }
        "ord" => {
            let v = args.req(0, "c", "ord")?;
            let Value::Str(t) = v else {
                return Err(PyError::type_error(format!(
                    "ord() expected string of length 1, but {} found",
                    v.type_name()
                )));
            };
            let mut chars = t.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Value::Int(c as i128),
                _ => {
                    return Err(PyError::type_error(format!(
                        "ord() expected a character, but string of length {} found",
                        t.chars().count()
                    )));
                }
            }
        }
        "hash" => {
            let v = args.req(0, "obj", "hash")?;
            if crate::eval::classes::has_method(v, "__hash__")
                && !crate::eval::classes::hash_disabled(v)
            {
                return match s.dunder(v, "__hash__", vec![]) {
                    Some(Ok(Value::Int(h))) => Ok(Ok(Value::Int(if h == -1 { -2 } else { h }))),
                    Some(Ok(Value::Bool(b))) => Ok(Ok(Value::Int(b as i128))),
                    Some(Ok(_)) => Err(PyError::type_error(
                        "__hash__ method should return an integer",
                    )),
                    Some(Err(e)) => Err(e),
                    None => unreachable!("has_method found __hash__"),
                };
            }
            crate::eval::set_table::check_hashable(v)?;
            match v {
                Value::DType(dt) => return Ok(Ok(Value::Int(super::dtype_hash::dtype(dt).into()))),
                Value::Void(a) => return Ok(Ok(Value::Int(super::dtype_hash::void(a)?.into()))),
                _ => {}
            }
            match crate::eval::set_table::stable_hash(v) {
                Some(h) => Value::Int(h as i128),
                None => {
                    return Err(PyError::new(
                        "NotImplementedError",
                        format!(
                            "slicelab does not compute hash() of a {} (Python's value depends on the process)",
                            v.type_name()
                        ),
                    ));
                }
            }
        }
        "issubclass" => {
            let cls = args.req(0, "cls", "issubclass")?;
            let class = args.req(1, "class_or_tuple", "issubclass")?;
            Value::Bool(issubclass(cls, class)?)
        }
        "callable" => {
            let v = args.req(0, "obj", "callable")?;
            Value::Bool(crate::eval::protocol::is_callable(v))
        }
        "sorted" => {
            if args.pos.len() != 1 {
                return Err(PyError::type_error(format!(
                    "sorted expected 1 argument, got {}",
                    args.pos.len()
                )));
            }
            let items = s.iterate_all(&args.pos[0])?;
            let (key, reverse) = sort_options(&args)?;
            Value::list(sort_values(s, items, key.as_ref(), reverse)?)
        }
        "min" | "max" if !args.pos.is_empty() => {
            let items = if args.pos.len() == 1 {
                s.iterate_all(&args.pos[0])?
            } else {
                args.pos.clone()
            };
            let key = args
                .kw("key")
                .cloned()
                .filter(|k| !matches!(k, Value::None));
            let mut best: Option<(Value, Value)> = None;
            for x in items {
                let k = keyed(s, key.as_ref(), &x)?;
                best = Some(match best {
                    None => (x, k),
                    Some((bx, bk)) => {
                        let (a, b) = if name == "min" { (&k, &bk) } else { (&bk, &k) };
                        if less(s, a, b)? { (x, k) } else { (bx, bk) }
                    }
                });
            }
            match (best, args.kw("default")) {
                (Some((x, _)), _) => x,
                (None, Some(d)) => d.clone(),
                (None, None) => {
                    return Err(PyError::value(format!("{name}() arg is an empty sequence")));
                }
            }
        }
        // `round(np.int64(7))` is the Python int; with `ndigits` it is
        // `np.round` (below).
        "round"
            if matches!(
                args.pos.first(),
                Some(Value::NpScalar(_, Scalar::Int(_) | Scalar::UInt(_)))
            ) && args
                .get(1, "ndigits")
                .is_none_or(|n| matches!(n, Value::None)) =>
        {
            Value::Int(int_of(&args.pos[0])?)
        }
        "sum" if args.pos.len() == 2 || has_kw("start") => {
            let start = args.get(1, "start").cloned().unwrap_or(Value::Int(0));
            if matches!(start, Value::Str(_)) {
                return Err(PyError::type_error(
                    "sum() can't sum strings [use ''.join(seq) instead]",
                ));
            }
            let mut acc = start;
            for x in s.iterate_all(args.req(0, "iterable", "sum")?)? {
                acc = s.binary(crate::syntax::ast::BinOp::Add, &acc, &x)?;
            }
            acc
        }
        "pow" if args.pos.len() == 3 && !matches!(args.pos[2], Value::None) => {
            ternary_pow_operands(&args.pos)?;
            let (b, e, m) = (
                big_of(&args.pos[0])?,
                big_of(&args.pos[1])?,
                big_of(&args.pos[2])?,
            );
            super::bigint::pow_mod(&b, &e, &m)?
        }
        "isinstance"
            if args
                .pos
                .first()
                .is_some_and(|v| matches!(v, Value::Object(_)) && !super::recarray::is_rec(v))
                || args.pos.get(1).is_some_and(is_exception_classes) =>
        {
            let (v, class) = (&args.pos[0], args.req(1, "class", "isinstance")?);
            let classes = match class {
                Value::Tuple(t) => t.as_ref().clone(),
                other => vec![other.clone()],
            };
            if let Some(found) = classes.iter().find_map(|c| {
                crate::eval::classes::isinstance(v, c)
                    .or_else(|| super::named_tuple::isinstance(v, c))
                    .filter(|b| *b)
            }) {
                return Ok(Ok(Value::Bool(found)));
            }
            match v {
                Value::Object(o) => match o.as_ref() {
                    Obj::Exc(e, _) if is_exception_classes(class) => {
                        Value::Bool(super::exceptions::matches(e, class)?)
                    }
                    Obj::File(_) => Value::Bool(classes.iter().any(|c| {
                        matches!(c, Value::Type(TypeObj::Builtin("object")))
                            || matches!(c, Value::Type(t) if *t == crate::eval::types::type_obj(o))
                    })),
                    // A namedtuple is a tuple.
                    Obj::NamedTuple(_) => Value::Bool(classes.iter().any(|c| {
                        matches!(c, Value::Type(TypeObj::Builtin(n)) if *n == "tuple" || *n == "object")
                            || matches!(c, Value::Type(t) if *t == crate::eval::types::type_obj(o))
                    })),
                    Obj::Instance(i) => {
                        let base = crate::eval::classes::exception_base(&i.class);
                        Value::Bool(classes.iter().any(|c| match c {
                            Value::Type(TypeObj::Builtin("object")) => true,
                            Value::Type(TypeObj::NdArray) => i.array.is_some(),
                            Value::Type(TypeObj::Builtin(n)) => {
                                base.is_some_and(|b| super::exceptions::is_subclass(b, n))
                            }
                            _ => false,
                        }))
                    }
                    Obj::Masked(_)
                    | Obj::MaskedConstant
                    | Obj::Matrix(_)
                    | Obj::PyTime(_)
                    | Obj::Super(..) => {
                        Value::Bool(classes.iter().any(|c| super::isinstance::isinstance(v, c)))
                    }
                    _ => Value::Bool(
                        matches!(class, Value::Type(TypeObj::Builtin(n)) if *n == o.type_name()),
                    ),
                },
                _ => Value::Bool(false),
            }
        }
        "round"
            if matches!(
                args.pos.first(),
                Some(Value::NpScalar(..) | Value::Float(_))
            ) =>
        {
            let v = &args.pos[0];
            let nd = args.get(1, "ndigits").filter(|n| !matches!(n, Value::None));
            // A NumPy number's `__round__(ndigits)` is `np.round`, keeping
            // its type (`round(np.int64(501), -2)` is `np.int64(500)`).
            if let (Value::NpScalar(dt, sc), Some(n)) = (v, nd)
                && matches!(
                    dt.kind(),
                    crate::engine::dtype::Kind::Int
                        | crate::engine::dtype::Kind::UInt
                        | crate::engine::dtype::Kind::Float
                )
            {
                let a = crate::engine::NdArray::from_scalars(
                    &[],
                    dt.clone(),
                    std::slice::from_ref(sc),
                )?;
                // NumPy reads `decimals` as a C long, then an int.
                let n = int_of(n)?;
                let d = match (i64::try_from(n), i32::try_from(n)) {
                    (_, Ok(d)) => d,
                    (Err(_), _) => {
                        return Err(PyError::overflow(
                            "Python int too large to convert to C long",
                        ));
                    }
                    (Ok(_), Err(_)) => {
                        return Err(PyError::overflow(if n > 0 {
                            "signed integer is greater than maximum"
                        } else {
                            "signed integer is less than minimum"
                        }));
                    }
                };
                let rounded = super::math_routines::round(&a, i64::from(d))?;
                return Ok(Ok(super::coerce::scalarize(rounded)));
            }
            let x = match v {
                Value::Float(f) | Value::NpScalar(_, Scalar::Float(f)) => *f,
                _ => return Ok(Err(args)),
            };
            match nd {
                None => {
                    if !x.is_finite() {
                        return Err(if x.is_nan() {
                            PyError::value("cannot convert float NaN to integer")
                        } else {
                            PyError::overflow("cannot convert float infinity to integer")
                        });
                    }
                    super::bigint_math::float_to_int(x.round_ties_even())?
                }
                Some(n) => {
                    let n = int_of(n)?;
                    match v {
                        // NumPy: multiply, round half to even, divide.
                        Value::NpScalar(dt, _) => {
                            let p = 10f64.powi(n as i32);
                            let r = if n >= 0 {
                                (x * p).round_ties_even() / p
                            } else {
                                (x / 10f64.powi(-n as i32)).round_ties_even()
                                    * 10f64.powi(-n as i32)
                            };
                            Value::NpScalar(dt.clone(), Scalar::Float(r))
                        }
                        // Python: the correctly rounded decimal.
                        _ => Value::Float(round_decimal(x, n)),
                    }
                }
            }
        }
        _ => return Ok(Err(args)),
    }))
}

/// The `key=` and `reverse=` of `sorted` and `list.sort`.
pub(super) fn sort_options(args: &Args) -> PyResult<(Option<Value>, bool)> {
    let key = args
        .kw("key")
        .cloned()
        .filter(|k| !matches!(k, Value::None));
    let reverse = match args.kw("reverse") {
        Some(r) => truthy(r)?,
        None => false,
    };
    Ok((key, reverse))
}

/// `key(x)`, or `x` itself when there is no key.
fn keyed(s: &mut Session, key: Option<&Value>, x: &Value) -> PyResult<Value> {
    match key {
        Some(f) => s.call(
            f,
            Args {
                pos: vec![x.clone()],
                kw: vec![],
            },
        ),
        None => Ok(x.clone()),
    }
}

/// Whether `v` is an exception class or a tuple holding one.
/// `issubclass(cls, class_or_tuple)` over the learner's classes, Python's
/// exception classes and the plain builtin types.
pub(super) fn issubclass(cls: &Value, class: &Value) -> PyResult<bool> {
    if let Value::Tuple(items) = class {
        for c in items.iter() {
            if issubclass(cls, c)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    let is_class = |v: &Value| {
        matches!(v, Value::Type(_))
            || matches!(v, Value::Object(o) if matches!(o.as_ref(), Obj::Class(_) | Obj::TupleClass(_)))
    };
    if !is_class(cls) {
        return Err(PyError::type_error("issubclass() arg 1 must be a class"));
    }
    if !is_class(class) {
        return Err(PyError::type_error(
            "issubclass() arg 2 must be a class, a tuple of classes, or a union",
        ));
    }
    if cls.is(class) || matches!(class, Value::Type(TypeObj::Builtin("object"))) {
        return Ok(true);
    }
    let builtin = |v: &Value| match v {
        Value::Type(TypeObj::Builtin(n)) => Some(*n),
        _ => None,
    };
    // A learner's class: its own bases, then the builtin class it derives
    // from.
    if let Some(order) = crate::eval::classes::class_mro(cls) {
        if order.iter().any(|c| c.is(class)) {
            return Ok(true);
        }
        return Ok(
            match (crate::eval::classes::exception_base(cls), builtin(class)) {
                (Some(base), Some(n)) => super::exceptions::is_subclass(base, n),
                _ => false,
            },
        );
    }
    match (builtin(cls), builtin(class)) {
        (Some(a), Some(b)) if a == b => Ok(true),
        (Some(_), _) if matches!(class, Value::Object(_)) => Ok(false),
        (Some(a), Some(b))
            if super::exceptions::is_exception_class(a)
                || super::exceptions::is_exception_class(b) =>
        {
            Ok(super::exceptions::is_exception_class(a)
                && super::exceptions::is_exception_class(b)
                && super::exceptions::is_subclass(a, b))
        }
        (Some("bool"), Some("int")) => Ok(true),
        (Some("datetime.datetime"), Some("datetime.date")) => Ok(true),
        (Some(a), Some(b)) if let Some(r) = super::random::issubclass(a, b) => Ok(r),
        _ if let Some(b) = super::dtype_info::issubclass_numpy(cls, class) => Ok(b),
        _ if let Some(b) = super::dtype_classes::issubclass(cls, class) => Ok(b),
        (Some(a), Some(b)) if PLAIN_TYPES.contains(&a) && PLAIN_TYPES.contains(&b) => Ok(false),
        _ => Err(PyError::new(
            "NotImplementedError",
            "slicelab does not implement issubclass() for NumPy's types yet",
        )),
    }
}

/// Builtin types with no subclasses among each other but `bool` of `int`.
const PLAIN_TYPES: &[&str] = &[
    "datetime.date",
    "datetime.datetime",
    "datetime.timedelta",
    "int",
    "float",
    "complex",
    "str",
    "bytes",
    "list",
    "tuple",
    "dict",
    "set",
    "frozenset",
    "bool",
    "range",
    "slice",
    "type",
];

fn is_exception_classes(v: &Value) -> bool {
    match v {
        Value::Type(TypeObj::Builtin(n)) => super::exceptions::is_exception_class(n),
        Value::Tuple(items) => items.iter().any(is_exception_classes),
        _ => false,
    }
}

/// Python's float `round(x, n)`: the nearest `n`-digit decimal, ties to
/// even on the exact binary value.
fn round_decimal(x: f64, n: i128) -> f64 {
    if !x.is_finite() {
        return x;
    }
    if n >= 0 {
        let n = n.min(340) as usize;
        format!("{x:.n$}").parse().unwrap_or(x)
    } else {
        let p = 10f64.powi((-n).min(340) as i32);
        (x / p).round_ties_even() * p
    }
}

/// Three-argument `pow` is int's alone: a float refuses it by name, and
/// NumPy's scalars and arrays (whose `__pow__` returns NotImplemented
/// with a modulus) and other types fail as `ternary_op` words it.
fn ternary_pow_operands(pos: &[Value]) -> PyResult<()> {
    let int = |v: &Value| matches!(v, Value::Int(_) | Value::BigInt(_) | Value::Bool(_));
    if pos.iter().all(int) {
        return Ok(());
    }
    let plain = |v: &Value| int(v) || matches!(v, Value::Float(_) | Value::Complex(..));
    if pos.iter().all(plain) {
        if pos.iter().any(|v| matches!(v, Value::Complex(..))) {
            return Err(PyError::value("complex modulo"));
        }
        return Err(PyError::type_error(
            "pow() 3rd argument not allowed unless all arguments are integers",
        ));
    }
    let names: Vec<String> = pos
        .iter()
        .map(|v| format!("'{}'", super::display::type_path(&super::types::type_of(v))))
        .collect();
    Err(PyError::type_error(format!(
        "unsupported operand type(s) for ** or pow(): {}",
        names.join(", ")
    )))
}

/// An int argument of any size (`__index__`).
fn big_of(v: &Value) -> PyResult<num_bigint::BigInt> {
    match v {
        Value::BigInt(b) => Ok(b.as_ref().clone()),
        other => int_of(other).map(num_bigint::BigInt::from),
    }
}

fn int_of(v: &Value) -> PyResult<i128> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i128),
        Value::NpScalar(_, Scalar::Int(i)) => Ok(*i as i128),
        Value::NpScalar(_, Scalar::UInt(u)) => Ok(*u as i128),
        // A 0-d integer array has `__index__`.
        Value::Array(a) if a.ndim() == 0 && a.dtype().is_integer() => {
            int_of(&super::coerce::scalarize(a.clone()))
        }
        other => Err(super::coerce::not_an_index(other, "")),
    }
}

/// `a < b` as `sorted`/`min` ask it (NumPy scalars compare through NumPy,
/// a learner's instances through their `__lt__`/`__gt__`).
fn less(s: &mut Session, a: &Value, b: &Value) -> PyResult<bool> {
    if super::classes::instance_of(a).is_some()
        || super::classes::instance_of(b).is_some()
        || super::container_compare::holds_rich_items(a)
        || super::container_compare::holds_rich_items(b)
    {
        let v = s.compare(crate::syntax::ast::CmpOp::Lt, a, b)?;
        return truthy(&v);
    }
    if super::ops::is_numpy(a) || super::ops::is_numpy(b) {
        return truthy(&super::ops::numpy_compare(CompareOp::Lt, a, b)?);
    }
    python_order(CompareOp::Lt, a, b)
}

/// A stable sort by key, as `sorted` does (reverse keeps equal items in
/// their order).
pub(super) fn sort_values(
    s: &mut Session,
    items: Vec<Value>,
    key: Option<&Value>,
    reverse: bool,
) -> PyResult<Vec<Value>> {
    let mut pairs = Vec::with_capacity(items.len());
    for x in items {
        let k = keyed(s, key, &x)?;
        pairs.push((k, x));
    }
    let mut err = None;
    pairs.sort_by(|(a, _), (b, _)| {
        let (a, b) = if reverse { (b, a) } else { (a, b) };
        match less(s, a, b) {
            Ok(true) => std::cmp::Ordering::Less,
            Ok(false) => match less(s, b, a) {
                Ok(true) => std::cmp::Ordering::Greater,
                Ok(false) => std::cmp::Ordering::Equal,
                Err(e) => {
                    err.get_or_insert(e);
                    std::cmp::Ordering::Equal
                }
            },
            Err(e) => {
                err.get_or_insert(e);
                std::cmp::Ordering::Equal
            }
        }
    });
    if let Some(e) = err {
        return Err(e);
    }
    Ok(pairs.into_iter().map(|(_, x)| x).collect())
}

/// The builtins the interpreter itself answers (calls, types, `Ellipsis`).
fn core_builtin(name: &str) -> Option<Value> {
    Some(match name {
        "print" | "len" | "isinstance" | "repr" | "abs" | "min" | "max" | "sum" | "round"
        | "sorted" | "id" | "any" | "all" | "zip" | "enumerate" | "reversed" | "divmod" | "pow"
        | "hasattr" | "getattr" | "setattr" | "delattr" | "eval" | "exec" | "help" => {
            Value::func(name)
        }
        "int" | "float" | "bool" | "str" | "list" | "tuple" | "slice" | "range" | "type"
        | "dict" | "complex" | "object" | "bytearray" | "bytes" | "memoryview" => {
            Value::Type(TypeObj::Builtin(match name {
                "int" => "int",
                "float" => "float",
                "bool" => "bool",
                "str" => "str",
                "list" => "list",
                "tuple" => "tuple",
                "slice" => "slice",
                "range" => "range",
                "type" => "type",
                "dict" => "dict",
                "complex" => "complex",
                "bytearray" => "bytearray",
                "bytes" => "bytes",
                "memoryview" => "memoryview",
                _ => "object",
            }))
        }
        "Ellipsis" => Value::Ellipsis,
        "NotImplemented" => Value::Object(std::rc::Rc::new(Obj::NotImplemented)),
        _ => return None,
    })
}
