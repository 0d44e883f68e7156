//! `np.rec`: record arrays (`np.recarray`) and `np.record` scalars, as
//! NumPy's `numpy/_core/records.py` builds them.
//!
//! A recarray is a structured engine array seen through attribute access:
//! `r.x` is the field `x` (a plain ndarray view of the record buffer),
//! `r[0]` a `np.record` (a 0-d view, like `np.void`), `r[1:]` a recarray
//! view. The constructors follow records.py step by step and call
//! slicelab's own `np.array`/`np.dtype` through the registry, so values,
//! dtypes and messages are NumPy's. What slicelab does not reach
//! (`shape=`, `titles=`, byte orders, an ndarray of the `numpy.record`
//! dtype) is refused with NotImplementedError; the record dtype itself is
//! `record_dtype.rs`.

use super::types::{RECARRAY, RECORD};
use std::rc::Rc;

use crate::engine::{ArrayRef, DType, NdArray};
use crate::render::PrintOptions;

use super::error::{PyError, PyResult};
use super::object::Obj;
use super::registry::{Entry, Writes, func};
use super::signature::Style;
use super::value::{TypeObj, Value};
use crate::eval::args::Args;
use crate::eval::binding::prepare;
use crate::eval::session::Session;

/// The module's name as `Value::Module` holds it.
pub const MODULE: &str = "numpy.rec";
const ENTRIES: &[Entry] = &[
    func(
        "array(obj, dtype=None, shape=None, offset=0, strides=None, formats=None, names=None, titles=None, aligned=False, byteorder=None, copy=True)",
        Style::Python,
        "obj dtype formats names copy",
        Writes::Nothing,
    ),
    func(
        "fromarrays(arrayList, dtype=None, shape=None, formats=None, names=None, titles=None, aligned=False, byteorder=None)",
        Style::Python,
        "arrayList dtype formats names",
        Writes::Nothing,
    ),
    func(
        "fromrecords(recList, dtype=None, shape=None, formats=None, names=None, titles=None, aligned=False, byteorder=None)",
        Style::Python,
        "recList dtype formats names",
        Writes::Nothing,
    ),
    func(
        "fromstring(datastring, dtype=None, shape=None, offset=0, formats=None, names=None, titles=None, aligned=False, byteorder=None)",
        Style::Python,
        "datastring dtype shape offset formats names",
        Writes::Nothing,
    ),
];

fn entry(name: &str) -> Option<&'static Entry> {
    ENTRIES.iter().find(|e| e.name() == name)
}

/// `np.rec.NAME`.
pub fn module_attr(name: &str) -> PyResult<Value> {
    if entry(name).is_some() {
        return Ok(Value::func(&format!("np.rec.{name}")));
    }
    match name {
        "recarray" => Ok(Value::Type(TypeObj::Builtin(RECARRAY))),
        "record" => Ok(Value::Type(TypeObj::Builtin(RECORD))),
        _ => Err(PyError::new(
            "NotImplementedError",
            format!("slicelab does not implement np.rec.{name}"),
        )),
    }
}

/// A recarray over `a` (which must be structured).
pub fn wrap(a: ArrayRef) -> Value {
    Value::Object(Rc::new(Obj::RecArray(a)))
}

/// The array a recarray value wraps.
pub fn as_recarray(v: &Value) -> Option<&ArrayRef> {
    match v {
        Value::Object(o) => match o.as_ref() {
            Obj::RecArray(a) => Some(a),
            _ => None,
        },
        _ => None,
    }
}

/// The 0-d view a `np.record` value wraps.
pub fn as_record(v: &Value) -> Option<&ArrayRef> {
    match v {
        Value::Object(o) => match o.as_ref() {
            Obj::Record(a) => Some(a),
            _ => None,
        },
        _ => None,
    }
}

/// Whether `v` is a recarray or a record.
pub fn is_rec(v: &Value) -> bool {
    as_recarray(v).is_some() || as_record(v).is_some()
}

fn array_of(v: Value) -> PyResult<ArrayRef> {
    match v {
        Value::Array(a) => Ok(a),
        other => Err(PyError::type_error(format!(
            "expected an array, got {}",
            other.type_name()
        ))),
    }
}

/// A `dtype=` of `np.rec`: any dtype form, or a recarray's own
/// `numpy.record` dtype.
fn dtype_of(_s: &mut Session, v: Value) -> PyResult<DType> {
    if let Some(dt) = super::record_dtype::as_record_dtype(&v) {
        return Ok(dt.clone());
    }
    super::dtype_arg::dtype_arg(&v)
}

fn not_none(v: Option<&Value>) -> Option<Value> {
    v.filter(|v| !matches!(v, Value::None)).cloned()
}

/// Call `np.rec.NAME(...)`.
pub fn call(s: &mut Session, name: &str, args: Args) -> PyResult<Value> {
    let Some(e) = entry(name) else {
        return Err(PyError::new(
            "NotImplementedError",
            format!("slicelab does not implement np.rec.{name}"),
        ));
    };
    let args = prepare(e, &args)?;
    let dtype = not_none(args.kw("dtype"));
    let formats = not_none(args.kw("formats"));
    let names = not_none(args.kw("names"));
    match name {
        "fromarrays" => {
            let list = args.req(0, "arrayList", "fromarrays")?.clone();
            fromarrays(s, &list, dtype, formats, names)
        }
        "fromrecords" => {
            let list = args.req(0, "recList", "fromrecords")?.clone();
            fromrecords(s, &list, dtype, formats, names)
        }
        "fromstring" => {
            let data = args.req(0, "datastring", "fromstring")?.clone();
            fromstring(s, &data, &args, dtype, formats, names)
        }
        _ => {
            let obj = args.req(0, "obj", "array")?.clone();
            let copy = match args.kw("copy") {
                Some(v) => crate::eval::protocol::truthy(v)?,
                None => true,
            };
            rec_array(s, &obj, dtype, formats, names, copy)
        }
    }
}

/// `format_parser(formats, names, ...).dtype`: the formats as a record
/// dtype, its fields renamed after `names` (extra names dropped, missing
/// ones `f<i>`).
fn format_parser(s: &mut Session, formats: &Value, names: Option<Value>) -> PyResult<DType> {
    // _parseFormats: a list names each format `f<i>`; a string is a dtype.
    let parsed = match formats {
        Value::List(l) => {
            let items: Vec<Value> = l.borrow().clone();
            let fields = items
                .into_iter()
                .enumerate()
                .map(|(i, f)| Value::Tuple(Rc::new(vec![Value::str(&format!("f{i}")), f])))
                .collect();
            dtype_of(s, Value::List(Rc::new(std::cell::RefCell::new(fields))))?
        }
        other => dtype_of(s, other.clone())?,
    };
    let DType::Record(rec) = &parsed else {
        return dtype_of(
            s,
            names_to_list(&["f0".into()], &[Value::DType(parsed.clone())]),
        );
    };
    let n = rec.fields().len();
    // _setfieldnames.
    let mut given: Vec<String> = match names {
        None => vec![],
        Some(Value::Str(t)) => t.split(',').map(|x| x.trim().to_string()).collect(),
        Some(Value::List(l)) => str_items(&l.borrow())?,
        Some(Value::Tuple(t)) => str_items(&t)?,
        Some(other) => {
            return Err(PyError::new(
                "NameError",
                format!(
                    "illegal input names {}",
                    super::display::repr(&other, &PrintOptions::default())
                ),
            ));
        }
    };
    given.truncate(n);
    for i in given.len()..n {
        given.push(format!("f{i}"));
    }
    for (i, a) in given.iter().enumerate() {
        if given[..i].contains(a) {
            return Err(PyError::value(format!("Duplicate field names: ['{a}']")));
        }
    }
    let fmts: Vec<Value> = rec.fields().iter().map(field_format).collect();
    if rec.fields().iter().any(|f| f.title.is_some()) {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab does not implement np.rec formats with titles",
        ));
    }
    dtype_of(s, names_to_list(&given, &fmts))
}

/// A field's format as `np.dtype` takes it back: `(dtype, shape)` for a
/// sub-array field.
fn field_format(f: &crate::engine::dtype::Field) -> Value {
    if f.shape.is_empty() {
        Value::DType(f.dtype.clone())
    } else {
        Value::Tuple(Rc::new(vec![
            Value::DType(f.dtype.clone()),
            shape_value(&f.shape),
        ]))
    }
}

fn str_items(items: &[Value]) -> PyResult<Vec<String>> {
    items
        .iter()
        .map(|v| match v {
            Value::Str(t) => Ok(t.trim().to_string()),
            _ => Err(PyError::type_error("field names must be strings")),
        })
        .collect()
}

fn names_to_list(names: &[String], fmts: &[Value]) -> Value {
    let fields = names
        .iter()
        .zip(fmts)
        .map(|(n, f)| Value::Tuple(Rc::new(vec![Value::str(n), f.clone()])))
        .collect();
    Value::List(Rc::new(std::cell::RefCell::new(fields)))
}

fn items_of(v: &Value) -> Option<Vec<Value>> {
    match v {
        Value::List(l) => Some(l.borrow().clone()),
        Value::Tuple(t) => Some(t.as_ref().clone()),
        _ => None,
    }
}

/// `np.rec.fromarrays`.
fn fromarrays(
    s: &mut Session,
    list: &Value,
    dtype: Option<Value>,
    formats: Option<Value>,
    names: Option<Value>,
) -> PyResult<Value> {
    let items = match items_of(list) {
        Some(i) => i,
        None => match list {
            Value::Array(a) => (0..a.shape().first().copied().unwrap_or(0))
                .map(|i| s.getitem(list, &Value::Int(i as i128)))
                .collect::<PyResult<Vec<_>>>()?,
            _ => return Err(PyError::type_error("fromarrays needs a list of arrays")),
        },
    };
    let mut arrays = Vec::with_capacity(items.len());
    for it in items {
        arrays.push(array_of(s.np("asarray", vec![it], vec![])?)?);
    }
    let Some(first) = arrays.first() else {
        return Err(PyError::index("list index out of range"));
    };
    let mut shape = first.shape().to_vec();
    let descr = match dtype {
        Some(d) => dtype_of(s, d)?,
        None => {
            let f = match formats {
                Some(f) => f,
                None => Value::List(Rc::new(std::cell::RefCell::new(
                    arrays
                        .iter()
                        .map(|a| Value::DType(a.dtype().clone()))
                        .collect(),
                ))),
            };
            format_parser(s, &f, names)?
        }
    };
    let DType::Record(rec) = &descr else {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab needs a structured dtype for np.rec.fromarrays",
        ));
    };
    if rec.fields().len() != arrays.len() {
        return Err(PyError::value(
            "mismatch between the number of fields and the number of arrays",
        ));
    }
    let nn = rec.fields()[0].shape.len();
    if nn > 0 {
        shape.truncate(shape.len().saturating_sub(nn));
    }
    let out = array_of(s.np(
        "zeros",
        vec![shape_value(&shape)],
        vec![("dtype", Value::DType(descr.clone()))],
    )?)?;
    for (k, (f, a)) in rec.fields().iter().zip(&arrays).enumerate() {
        let nn = f.shape.len();
        let test = &a.shape()[..a.ndim().saturating_sub(nn)];
        if test != shape.as_slice() {
            return Err(PyError::value(format!(
                "array-shape mismatch in array {k} (\"{}\")",
                f.name
            )));
        }
        s.setitem(
            &Value::Array(out.clone()),
            &Value::str(&f.name),
            &Value::Array(a.clone()),
        )?;
    }
    Ok(wrap(out))
}

fn shape_value(shape: &[usize]) -> Value {
    Value::Tuple(Rc::new(
        shape.iter().map(|&n| Value::Int(n as i128)).collect(),
    ))
}

/// `np.rec.fromrecords`.
fn fromrecords(
    s: &mut Session,
    list: &Value,
    dtype: Option<Value>,
    formats: Option<Value>,
    names: Option<Value>,
) -> PyResult<Value> {
    if formats.is_none() && dtype.is_none() {
        // The slow path: one array per column (`obj[..., i].tolist()`).
        let Some(rows) = items_of(list) else {
            return Err(not_reached("a record list that is not a list"));
        };
        let mut width = None;
        let mut rows_items = Vec::with_capacity(rows.len());
        for r in &rows {
            let Some(it) = items_of(r) else {
                return Err(not_reached("nested record lists"));
            };
            if it.iter().any(|x| items_of(x).is_some())
                || *width.get_or_insert(it.len()) != it.len()
            {
                return Err(not_reached("ragged or nested records"));
            }
            rows_items.push(it);
        }
        let Some(width) = width else {
            return Err(not_reached("an empty record list"));
        };
        let mut cols = Vec::with_capacity(width);
        for i in 0..width {
            let col: Vec<Value> = rows_items.iter().map(|r| r[i].clone()).collect();
            cols.push(s.np(
                "array",
                vec![Value::List(Rc::new(std::cell::RefCell::new(col)))],
                vec![],
            )?);
        }
        let cols = Value::List(Rc::new(std::cell::RefCell::new(cols)));
        return fromarrays(s, &cols, None, None, names);
    }
    let descr = match dtype {
        Some(d) => dtype_of(s, d)?,
        None => format_parser(s, formats.as_ref().unwrap_or(&Value::None), names)?,
    };
    let a = array_of(s.np(
        "array",
        vec![list.clone()],
        vec![("dtype", Value::DType(descr))],
    )?)?;
    recarray_of(a)
}

fn not_reached(what: &str) -> PyError {
    PyError::new(
        "NotImplementedError",
        format!("slicelab's np.rec does not handle {what}"),
    )
}

/// `view(recarray)` of a structured array; other dtypes are refused.
pub fn recarray_of(a: ArrayRef) -> PyResult<Value> {
    if !matches!(a.dtype(), DType::Record(_)) {
        return Err(not_reached("record arrays of a non-structured dtype"));
    }
    Ok(wrap(NdArray::view_with(&a, a.layout())))
}

/// `np.rec.array`.
fn rec_array(
    s: &mut Session,
    obj: &Value,
    dtype: Option<Value>,
    formats: Option<Value>,
    names: Option<Value>,
    copy: bool,
) -> PyResult<Value> {
    if matches!(obj, Value::None | Value::Str(_)) && formats.is_none() && dtype.is_none() {
        return Err(PyError::value(
            "Must define formats (or dtype) if object is None, string, or an open file",
        ));
    }
    let dt = match (&dtype, &formats) {
        (Some(d), _) => Some(dtype_of(s, d.clone())?),
        (None, Some(f)) => Some(format_parser(s, f, names.clone())?),
        (None, None) => None,
    };
    if let Some(items) = items_of(obj) {
        let Some(first) = items.first() else {
            return Err(PyError::index(if matches!(obj, Value::List(_)) {
                "list index out of range"
            } else {
                "tuple index out of range"
            }));
        };
        let d = dt.map(Value::DType);
        let names = if d.is_some() { None } else { names };
        return if items_of(first).is_some() {
            fromrecords(s, obj, d, None, names)
        } else {
            fromarrays(s, obj, d, None, names)
        };
    }
    let a = match obj {
        Value::Array(a) => a.clone(),
        v if let Some(a) = as_recarray(v) => a.clone(),
        _ => return Err(not_reached("this kind of object")),
    };
    let a = match dt {
        Some(d) if &d != a.dtype() => array_of(super::math_routines::view_as(&a, d)?)?,
        _ => a,
    };
    let a = if copy {
        array_of(s.np("copy", vec![Value::Array(a)], vec![])?)?
    } else {
        a
    };
    recarray_of(a)
}

fn field_names(a: &ArrayRef) -> Vec<String> {
    match a.dtype() {
        DType::Record(r) => r.fields().iter().map(|f| f.name.clone()).collect(),
        _ => vec![],
    }
}

/// ndarray attributes a recarray answers as its array does.
const ARRAY_ATTRS: &[&str] = &[
    "shape", "ndim", "size", "itemsize", "nbytes", "strides", "base",
];

/// `r.NAME` / `rec.NAME`.
pub fn attr(s: &mut Session, obj: &Value, name: &str) -> PyResult<Value> {
    if let Some(a) = as_recarray(obj) {
        if ARRAY_ATTRS.contains(&name) {
            return crate::eval::array_attrs::array_attr(a, &Value::Array(a.clone()), name);
        }
        if field_names(a).iter().any(|f| f == name) {
            // recarray.__getattribute__: a plain field is an ndarray view.
            return getitem(s, obj, &Value::str(name));
        }
        if name == "dtype" {
            return Ok(super::record_dtype::make(a.dtype().clone()));
        }
        if name == "field" {
            return Ok(Value::Method(Rc::new(obj.clone()), Rc::from(name)));
        }
        if name == "tolist" {
            // The same Python objects as the plain array's.
            return Ok(Value::Method(
                Rc::new(Value::Array(a.clone())),
                Rc::from(name),
            ));
        }
        if crate::eval::array_attrs::array_attr(a, &Value::Array(a.clone()), name).is_ok() {
            return Err(not_reached(&format!("the recarray attribute {name}")));
        }
        return Err(PyError::new(
            "AttributeError",
            format!("recarray has no attribute {name}"),
        ));
    }
    let Some(a) = as_record(obj) else {
        unreachable!()
    };
    if field_names(a).iter().any(|f| f == name) {
        // record.__getattribute__: a structured field is a record too.
        return Ok(
            match s.getitem(&Value::Void(a.clone()), &Value::str(name))? {
                Value::Void(v) => Value::Object(Rc::new(Obj::Record(v))),
                other => other,
            },
        );
    }
    if name == "dtype" {
        return Ok(super::record_dtype::make(a.dtype().clone()));
    }
    // What a record shares with `np.void`: its value and its shape.
    if matches!(
        name,
        "item" | "tolist" | "shape" | "ndim" | "size" | "itemsize" | "nbytes"
    ) {
        return s.getattr(&Value::Void(a.clone()), name);
    }
    // Anything else `np.void` has, a record has too, in its own form.
    if s.getattr(&Value::Void(a.clone()), name).is_ok() {
        return Err(not_reached(&format!("the record attribute {name}")));
    }
    Err(PyError::new(
        "AttributeError",
        format!("'record' object has no attribute '{name}'"),
    ))
}

/// `r.NAME = value`: a field is written through the array's write path.
pub fn setattr(s: &mut Session, obj: &Value, name: &str, value: &Value) -> PyResult<()> {
    let (a, record) = match (as_recarray(obj), as_record(obj)) {
        (Some(a), _) => (a, false),
        (_, Some(a)) => (a, true),
        _ => unreachable!(),
    };
    if field_names(a).iter().any(|f| f == name) {
        let target = if record {
            Value::Void(a.clone())
        } else {
            Value::Array(a.clone())
        };
        return s.setitem(&target, &Value::str(name), value);
    }
    Err(not_reached(&format!("setting the attribute {name}")))
}

/// `np.recarray(shape, dtype=None, buf=None, offset=0, strides=None,
/// formats=None, names=None, titles=None, byteorder=None, aligned=False,
/// order='C')`, as records.py's `recarray.__new__`: the record type from
/// `dtype` (then `names` is ignored) or `format_parser`, then an empty
/// array of it or one over `buf` (`np.ndarray`'s buffer form). NumPy's
/// new array holds whatever memory held; slicelab's holds zeros.
const RECARRAY_NEW: Entry = func(
    "recarray(shape, dtype=None, buf=None, offset=0, strides=None, formats=None, names=None, titles=None, byteorder=None, aligned=False, order='C')",
    Style::Python,
    "shape dtype buf offset strides formats names order",
    Writes::Nothing,
);

/// Call the class `np.recarray`.
pub fn construct(s: &mut Session, args: Args) -> PyResult<Value> {
    let args = prepare(&RECARRAY_NEW, &args)?;
    let descr = match (not_none(args.kw("dtype")), not_none(args.kw("formats"))) {
        (Some(d), _) => dtype_of(s, d)?,
        (None, Some(f)) => format_parser(s, &f, not_none(args.kw("names")))?,
        (None, None) => return Err(PyError::value("Need formats argument")),
    };
    if !matches!(&descr, DType::Record(r) if !r.fields().is_empty()) {
        return Err(not_reached("a recarray of a dtype without fields"));
    }
    let shape = args.req(0, "shape", "recarray")?.clone();
    let order = args.kw("order").cloned().unwrap_or(Value::str("C"));
    let made = match not_none(args.kw("buf")) {
        None => s.np(
            "empty",
            vec![shape, Value::DType(descr)],
            vec![("order", order)],
        )?,
        Some(buf) => super::ndarray_new::call(&Args {
            pos: vec![
                shape,
                Value::DType(descr),
                buf,
                args.kw("offset").cloned().unwrap_or(Value::Int(0)),
                args.kw("strides").cloned().unwrap_or(Value::None),
                order,
            ],
            kw: vec![],
        })?,
    };
    Ok(wrap(array_of(made)?))
}

/// `r.field(attr, val=None)`: the field named `attr` (or the `attr`-th
/// name, for an int), read as `r[name]` reads it; with `val`, that field
/// written (records.py's `getfield`/`setfield` at the field's offset).
pub fn field(s: &mut Session, obj: &Value, args: &Args) -> PyResult<Value> {
    let Some(a) = as_recarray(obj) else {
        unreachable!()
    };
    if args.pos.len() + args.kw.len() > 2 {
        return Err(PyError::type_error(format!(
            "recarray.field() takes from 2 to 3 positional arguments but {} were given",
            args.pos.len() + args.kw.len() + 1
        )));
    }
    let key = args.req(0, "attr", "field")?;
    let val = args.get(1, "val").filter(|v| !matches!(v, Value::None));
    let names = field_names(a);
    // `isinstance(attr, int)`: a bool is an int too; `names[attr]`.
    let index = match key {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(i128::from(*b)),
        Value::BigInt(_) => {
            return Err(PyError::index(
                "cannot fit 'int' into an index-sized integer",
            ));
        }
        _ => None,
    };
    let name = match (index, key) {
        (Some(i), _) => {
            let n = names.len() as i128;
            let at = if i < 0 { i + n } else { i };
            if !(0..n).contains(&at) {
                return Err(PyError::index("tuple index out of range"));
            }
            names[at as usize].clone()
        }
        // `fielddict[attr]`: names and titles are its keys.
        (None, Value::Str(t)) if matches!(a.dtype(), DType::Record(r) if r.field(t).is_some()) => {
            t.to_string()
        }
        (None, other) => {
            return Err(PyError::new(
                "KeyError",
                super::display::repr(other, &PrintOptions::default()),
            ));
        }
    };
    match val {
        None => getitem(s, obj, &Value::str(&name)),
        Some(v) => {
            s.setitem(&Value::Array(a.clone()), &Value::str(&name), v)?;
            Ok(Value::None)
        }
    }
}

/// `r[idx]`: structured results stay recarrays, records become
/// `np.record`, plain fields are ndarrays (recarray.__getitem__).
pub fn getitem(s: &mut Session, obj: &Value, idx: &Value) -> PyResult<Value> {
    if let Some(a) = as_record(obj) {
        return s.getitem(&Value::Void(a.clone()), idx);
    }
    let Some(a) = as_recarray(obj) else {
        unreachable!()
    };
    Ok(match s.getitem(&Value::Array(a.clone()), idx)? {
        Value::Array(r) if matches!(r.dtype(), DType::Record(_)) => wrap(r),
        Value::Void(v) => Value::Object(Rc::new(Obj::Record(v))),
        other => other,
    })
}

/// `r[idx] = value`.
pub fn setitem(s: &mut Session, obj: &Value, idx: &Value, value: &Value) -> PyResult<()> {
    let target = match (as_recarray(obj), as_record(obj)) {
        (Some(a), _) => Value::Array(a.clone()),
        (_, Some(a)) => Value::Void(a.clone()),
        _ => unreachable!(),
    };
    s.setitem(&target, idx, value)
}

/// `np.` functions that only look at memory take a recarray as its
/// array; others would have to return recarrays (subclass passing), which
/// slicelab does not do, so they refuse one.
pub fn np_args(name: &str, args: Args) -> PyResult<Args> {
    let has = args
        .pos
        .iter()
        .chain(args.kw.iter().map(|(_, v)| v))
        .any(|v| as_recarray(v).is_some());
    if !has {
        return Ok(args);
    }
    if !matches!(name, "shares_memory" | "may_share_memory") {
        return Err(not_reached(&format!("passing a recarray to np.{name}")));
    }
    let unwrap = |v: Value| match as_recarray(&v) {
        Some(a) => Value::Array(a.clone()),
        None => v,
    };
    Ok(Args {
        pos: args.pos.into_iter().map(unwrap).collect(),
        kw: args.kw.into_iter().map(|(k, v)| (k, unwrap(v))).collect(),
    })
}

/// `np.rec.fromstring(datastring, dtype=None, shape=None, offset=0,
/// formats=None, names=None, ...)`, after `numpy/_core/records.py`: the
/// record type from `dtype` or `format_parser`, as many records as fit
/// after `offset` when no shape is given, then a recarray over the bytes
/// (`np.ndarray(shape, dtype, buffer=datastring, offset=offset)`, so
/// read-only, and a `str` is refused as NumPy refuses it).
fn fromstring(
    s: &mut Session,
    data: &Value,
    args: &Args,
    dtype: Option<Value>,
    formats: Option<Value>,
    names: Option<Value>,
) -> PyResult<Value> {
    let descr = match (dtype, formats) {
        (Some(d), _) => dtype_of(s, d)?,
        (None, Some(f)) => format_parser(s, &f, names)?,
        (None, None) => {
            return Err(PyError::type_error(
                "fromstring() needs a 'dtype' or 'formats' argument",
            ));
        }
    };
    if !matches!(&descr, DType::Record(r) if !r.fields().is_empty()) {
        return Err(PyError::new(
            "NotImplementedError",
            "np.rec.fromstring with a dtype that has no fields is not supported in slicelab",
        ));
    }
    let offset = match args.kw("offset") {
        None => 0,
        Some(v) => crate::eval::coerce::int_arg(v, "")?,
    };
    let shape = match args.kw("shape") {
        None | Some(Value::None) => None,
        Some(Value::Int(-1)) => None,
        Some(v) => Some(v.clone()),
    };
    let shape = match shape {
        Some(v) => v,
        None => {
            let len = match data {
                Value::Bytes(b) => b.len() as i64,
                Value::Str(t) => t.chars().count() as i64,
                other => {
                    return Err(PyError::type_error(format!(
                        "object of type '{}' has no len()",
                        other.type_name()
                    )));
                }
            };
            let item = descr.itemsize() as i64;
            if item == 0 {
                return Err(PyError::new(
                    "ZeroDivisionError",
                    "integer division or modulo by zero",
                ));
            }
            Value::Int(i128::from((len - offset).div_euclid(item)))
        }
    };
    let made = super::ndarray_new::call(&Args {
        pos: vec![
            shape,
            Value::DType(descr),
            data.clone(),
            Value::Int(i128::from(offset)),
        ],
        kw: vec![],
    })?;
    match made {
        Value::Array(a) => Ok(wrap(a)),
        other => Ok(other),
    }
}
