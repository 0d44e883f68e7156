//! Reading a `dtype=` argument: every form NumPy's `np.dtype(...)` accepts
//! (types, dtypes, type strings, lists of field tuples) becomes an engine
//! `DType`. Kept apart from `numpy.rs` so dtype parsing has one home.

use std::rc::Rc;

use crate::engine::dtype::{DType, Field, RecordType};
use crate::engine::scalar::Scalar;

use super::display::repr;
use super::error::{PyError, PyResult};
use super::value::{TypeObj, Value};
use crate::eval::protocol::iterate;

/// A dtype from a `dtype=` argument: a type, a dtype, a string, a list of
/// field tuples. A sub-array dtype (`(np.int32, (2, 2))`) is refused here:
/// only the callers that append its shape to the array's own read it,
/// through [`dtype_arg_sub`].
pub fn dtype_arg(v: &Value) -> PyResult<DType> {
    let (dt, shape) = dtype_arg_sub(v)?;
    if !shape.is_empty() {
        return Err(not_supported("sub-array dtypes here"));
    }
    Ok(dt)
}

/// A dtype argument that may be a sub-array dtype: its base type and the
/// sub-array shape (empty for a plain type). `(type, n)` and
/// `(type, shape)` follow `_convert_from_tuple` in NumPy's
/// `descriptor.c`; a string with a shape in front (`'(2,3)f8'`, `'3i4'`)
/// follows `_convert_from_commastring` with a single item.
pub fn dtype_arg_sub(v: &Value) -> PyResult<(DType, Vec<usize>)> {
    if let Some((base, shape)) = crate::eval::subarray_dtype::as_subarray(v) {
        return Ok((base.clone(), shape.to_vec()));
    }
    if learner_class(v) {
        return Ok((DType::Object, vec![]));
    }
    // `dtype.fields` (a mappingproxy) reads as the dict behind it.
    if let Some(d) = super::object::proxied(v) {
        return dtype_arg_sub(d);
    }
    if super::record_dtype::as_record_dtype(v).is_some() {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab does not implement the numpy.record dtype outside np.recarray",
        ));
    }
    match v {
        Value::Tuple(t) if t.len() == 2 => tuple_form(&t[0], &t[1]),
        Value::Tuple(t) => Err(PyError::type_error(format!(
            "Tuple must have size 2, but has size {}",
            t.len()
        ))),
        Value::Str(s) if split_top_level(s).len() > 1 => Ok((comma_string(s)?, vec![])),
        Value::Str(s) => {
            // `'(3)i4'`: a parenthesised shape needs a comma (or nothing).
            if s.starts_with('(')
                && !s.starts_with("()")
                && !s.split(')').next().is_some_and(|p| p.contains(','))
            {
                return Err(not_understood(s));
            }
            let (shape, code) = shape_prefix(s)?;
            Ok((parse_code(&code)?, shape))
        }
        // NumPy's text scalars are `str`/`bytes` subclasses, read as their
        // text (`_convert_from_str`); bytes are decoded first.
        Value::NpScalar(_, Scalar::Str(t)) => {
            dtype_arg_sub(&Value::Str(t.as_str().into())).map_err(|e| named_as(e, t, v))
        }
        Value::NpScalar(_, Scalar::Bytes(b)) if let Ok(t) = std::str::from_utf8(b) => {
            dtype_arg_sub(&Value::Str(t.into()))
        }
        Value::Bytes(b) if let Ok(t) = std::str::from_utf8(b) => {
            dtype_arg_sub(&Value::Str(t.into()))
        }
        // Any other NumPy scalar carries its dtype (`_try_convert_from_dtype_attr`).
        Value::NpScalar(dt, _) => Ok((dt.clone(), vec![])),
        Value::Void(a) => Ok((a.dtype().clone(), vec![])),
        Value::Array(_) => Err(PyError::type_error(
            "Cannot construct a dtype from an array",
        )),
        other => Ok((plain_dtype(other)?, vec![])),
    }
}

/// A text scalar's "not understood" names the scalar itself, as NumPy's
/// `%R` of the object does (`data type np.str_('ab') not understood`).
fn named_as(e: PyError, text: &str, scalar: &Value) -> PyError {
    let plain = not_understood(text);
    if e.kind == plain.kind && e.message == plain.message && e.message.starts_with("data type") {
        PyError::type_error(format!(
            "data type {} not understood",
            repr(scalar, &Default::default())
        ))
    } else {
        e
    }
}

/// A type with no size of its own (`'U'`, `np.str_`, `'S'`, `np.void`),
/// which `(type, n)` gives a size rather than a shape.
fn unsized_type(dt: &DType) -> bool {
    match dt {
        DType::Str(0) | DType::Bytes(0) => true,
        DType::Record(r) => r.fields().is_empty() && r.itemsize == 0,
        DType::Ordered(inner, _) => unsized_type(inner),
        _ => false,
    }
}

/// An integer as NumPy's `PyArray_IntpConverter` and `PyArray_PyIntAsInt`
/// take one: a Python int or a NumPy integer, not a float or a bool.
fn int_like(v: &Value) -> Option<i128> {
    match v {
        Value::Bool(_) => None,
        other => crate::eval::coerce::int_arg(other, "")
            .ok()
            .map(i128::from)
            .or(match other {
                Value::Int(i) => Some(*i),
                _ => None,
            }),
    }
}

/// `(base, second)`: a size for an unsized base (`('U', 10)` is `<U10`),
/// else a sub-array shape (`(np.int32, 3)`, `(np.int32, (2, 2))`); `()`
/// leaves the base as it is. A second item that is itself a dtype makes
/// NumPy's `(base, fields)` union, which slicelab refuses.
fn tuple_form(first: &Value, second: &Value) -> PyResult<(DType, Vec<usize>)> {
    let (base, inner) = dtype_arg_sub(first)?;
    let int_tuple = matches!(second, Value::Tuple(t) if t.iter().all(|x| int_like(x).is_some()));
    if int_like(second).is_none() && !int_tuple && dtype_arg_sub(second).is_ok() {
        return Err(not_supported("(base, fields) union dtypes"));
    }
    if inner.is_empty() && unsized_type(&base) {
        let n = int_like(second)
            .filter(|&n| (0..=i128::from(i32::MAX)).contains(&n))
            .filter(|&n| !matches!(base.native(), DType::Str(_)) || n <= i128::from(i32::MAX / 4))
            .ok_or_else(|| PyError::value("invalid itemsize in generic type tuple"))?;
        let n = n as usize;
        let sized = match base.native() {
            DType::Str(_) => DType::Str(n),
            DType::Bytes(_) => DType::Bytes(n),
            _ => DType::Record(Rc::new(RecordType {
                cells: std::cell::RefCell::new(vec![]),
                itemsize: n,
                aligned: false,
            })),
        };
        return Ok(match base {
            DType::Ordered(_, e) => (DType::ordered(sized, e), vec![]),
            _ => (sized, vec![]),
        });
    }
    let bad = || PyError::value("invalid shape in fixed-type tuple.");
    let dims: Vec<i128> = match second {
        Value::Tuple(_) | Value::List(_) => iterate(second)?
            .iter()
            .map(|d| int_like(d).ok_or_else(bad))
            .collect::<PyResult<_>>()?,
        other => vec![int_like(other).ok_or_else(bad)?],
    };
    if dims.is_empty() {
        if matches!(second, Value::Tuple(_)) {
            return Ok((base, inner));
        }
        return Err(not_supported("sub-array dtypes with an empty shape list"));
    }
    let mut shape = Vec::with_capacity(dims.len());
    for d in dims {
        if d < 0 {
            return Err(PyError::value(
                "invalid shape in fixed-type tuple: dimension smaller then zero.",
            ));
        }
        if d > i128::from(i32::MAX) {
            return Err(PyError::value(
                "invalid shape in fixed-type tuple: dimension does not fit into a C int.",
            ));
        }
        shape.push(d as usize);
    }
    let items = shape
        .iter()
        .try_fold(1i128, |acc, &d| acc.checked_mul(d as i128));
    let fits = items
        .and_then(|n| {
            n.checked_mul(base.itemsize() as i128 * inner.iter().product::<usize>() as i128)
        })
        .is_some_and(|b| b <= i128::from(i32::MAX));
    if !fits {
        return Err(PyError::value(
            "invalid shape in fixed-type tuple: dtype size in bytes must fit into a C int.",
        ));
    }
    if !inner.is_empty() {
        return Err(not_supported("sub-array dtypes of sub-array dtypes"));
    }
    Ok((base, shape))
}

/// Every form but tuples and strings: types, dtypes, field lists, dicts.
fn plain_dtype(v: &Value) -> PyResult<DType> {
    Ok(match v {
        // Object dtypes reach the engine only through `object_array.rs`,
        // which checks `wants_object` before it gets here.
        Value::DType(DType::Object) | Value::Type(TypeObj::NpScalar(DType::Object)) => {
            return Err(not_supported("object arrays (dtype=object)"));
        }
        Value::DType(d) => d.clone(),
        Value::Type(TypeObj::NpScalar(d)) => d.clone(),
        Value::Type(TypeObj::NpStr) => DType::Str(0),
        Value::Type(TypeObj::Builtin(name))
            if let Some((_, msg)) = ABSTRACT_SCALARS.iter().find(|(n, _)| n == name) =>
        {
            return Err(PyError::type_error(*msg));
        }
        // A buffer of bytes, or a record: the unsized void, as `np.void` is.
        Value::Type(
            TypeObj::Void | TypeObj::Builtin("memoryview") | TypeObj::Builtin(super::types::RECORD),
        ) => DType::Record(Rc::new(RecordType {
            cells: std::cell::RefCell::new(vec![]),
            itemsize: 0,
            aligned: false,
        })),
        Value::Type(TypeObj::Builtin("int")) => DType::Int64,
        Value::Type(TypeObj::Builtin("float")) => DType::Float64,
        Value::Type(TypeObj::Builtin("bool")) => DType::Bool,
        Value::Type(TypeObj::Builtin("complex")) => DType::Complex128,
        Value::Type(TypeObj::Builtin("str")) => DType::Str(0),
        Value::Type(TypeObj::Builtin("bytes")) => DType::Bytes(0),
        Value::Type(TypeObj::Builtin("object")) => {
            return Err(not_supported("object arrays (dtype=object)"));
        }
        Value::List(items) => field_list(&items.borrow())?,
        Value::Dict(items) => {
            let items = items.borrow();
            let has = |k: &str| {
                items
                    .iter()
                    .any(|(key, _)| matches!(key, Value::Str(s) if s.as_ref() == k))
            };
            if has("names") || has("formats") {
                names_formats_dict(&items)?
            } else {
                fields_dict(&items)?
            }
        }
        Value::None => DType::Float64,
        other => {
            return Err(PyError::type_error(format!(
                "Cannot interpret '{}' as a data type",
                repr(other, &Default::default())
            )));
        }
    })
}

/// `np.dtype(obj, align=False, copy=False)`. With `align=True` a record
/// is laid out as a C compiler would lay out the struct.
pub fn dtype_call(args: &crate::eval::args::Args) -> PyResult<Value> {
    let given = args.req(0, "dtype", "dtype")?;
    if crate::eval::dtype_arg::wants_object(given) {
        return Ok(Value::DType(DType::Object));
    }
    let (dt, shape) = dtype_arg_sub(given)?;
    let align = match args.get(1, "align") {
        Some(v) => crate::eval::protocol::truthy(v)?,
        None => false,
    };
    let dt = if align { aligned(&dt) } else { dt };
    Ok(crate::eval::subarray_dtype::make(dt, shape))
}

/// A record made an aligned struct, nested records too: fields the list
/// forms packed end to end move to the next multiple of their alignment;
/// explicit offsets stay; the itemsize grows to a multiple of the widest
/// alignment. Plain types are returned as they are.
pub(crate) fn aligned(dt: &DType) -> DType {
    let DType::Record(r) = dt else {
        return dt.clone();
    };
    if r.fields().is_empty() {
        return dt.clone();
    }
    let keep_offsets = !r.is_packed();
    let (mut at, mut widest) = (0usize, 1usize);
    let mut fields = Vec::with_capacity(r.fields().len());
    for f in r.fields().iter() {
        let mut f = f.clone();
        f.dtype = aligned(&f.dtype);
        let align = f.dtype.alignment();
        widest = widest.max(align);
        if !keep_offsets {
            f.offset = at.next_multiple_of(align);
        }
        at = at.max(f.offset + f.nbytes());
        fields.push(f);
    }
    let itemsize = r.itemsize.max(at).next_multiple_of(widest);
    DType::Record(Rc::new(RecordType {
        cells: std::cell::RefCell::new(fields),
        itemsize,
        aligned: true,
    }))
}

/// An honest refusal for a dtype form slicelab does not model.
fn not_supported(what: &str) -> PyError {
    PyError::new(
        "NotImplementedError",
        format!("{what} are not supported in slicelab"),
    )
}

/// One type code (`'i4'`, `'<f8'`, `'>i4'`, `'U10'`, `'float'`), as
/// `np.dtype` reads it. A byte-order character (`>`, `<`, `=`, `|`) may
/// stand before a letter code (`'>i4'`, `'>d'`) but not a name
/// (`'>int32'` is not understood); `>` on a type with a byte order makes
/// an `Ordered` dtype, every other order character the native type.
fn parse_code(s: &str) -> PyResult<DType> {
    if let Some(order) = s
        .chars()
        .next()
        .filter(|c| matches!(c, '>' | '<' | '=' | '|'))
    {
        let body = &s[1..];
        let letter_code = body
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '?')
            && (body[1..].bytes().all(|b| b.is_ascii_digit())
                || body.starts_with(['M', 'm'])
                || body.starts_with("datetime64")
                || body.starts_with("timedelta64"));
        if !letter_code {
            return Err(not_understood(s));
        }
        let dt = parse_code(body)?;
        if order == '>' && matches!(dt, DType::Time(..)) {
            return Err(not_supported(
                "big-endian datetime64 and timedelta64 dtypes",
            ));
        }
        return Ok(if order == '>' {
            DType::ordered(dt, crate::engine::dtype::Endian::Big)
        } else {
            dt
        });
    }
    if matches!(s, "V" | "void" | "|V") {
        return Ok(DType::Record(Rc::new(RecordType {
            cells: std::cell::RefCell::new(vec![]),
            itemsize: 0,
            aligned: false,
        })));
    }
    if object_code(s) {
        return Err(not_supported("object arrays (dtype=object)"));
    }
    // The bare type codes of `np.typecodes` (`'M'`, `'m'`) are the generic
    // units. Only a dtype argument reads them so: a data string `'m'` is
    // no datetime (`datetime_convert::involves_time`).
    let code = match s.trim_start_matches(['<', '=']) {
        "M" => "M8",
        "m" => "m8",
        _ => s,
    };
    if let Some(parsed) = crate::engine::datetime::parse_dtype(code) {
        let (unit, delta) = parsed.map_err(|(kind, msg)| PyError::new(kind, msg))?;
        return Ok(DType::Time(unit, delta));
    }
    if matches!(
        s.trim_start_matches(['<', '=']).chars().next(),
        Some('M' | 'm')
    ) {
        return Err(not_understood(s));
    }
    DType::parse(s).ok_or_else(|| missing_type(s).unwrap_or_else(|| not_understood(s)))
}

/// Codes NumPy understands for types slicelab lacks: refused honestly,
/// never called "not understood".
fn missing_type(s: &str) -> Option<PyError> {
    let code = s.trim_start_matches(['<', '>', '=', '|']);
    let what = match code {
        "g" | "f16" | "longdouble" | "float128" => "np.longdouble (float128)",
        "G" | "c32" | "clongdouble" | "complex256" => "np.clongdouble (complex256)",
        "T" => "numpy.dtypes.StringDType",
        // `'c'` is `S1` that splits a string into characters on creation.
        "c" => "the 'c' (character) dtype",
        _ => return None,
    };
    Some(PyError::new(
        "NotImplementedError",
        format!("slicelab does not implement {what} yet"),
    ))
}

/// NumPy's `TypeError: data type '...' not understood`, or for one of
/// the aliases NumPy 2.0 removed (`descriptor.c` lists them) its message
/// saying so.
fn not_understood(s: &str) -> PyError {
    const REMOVED: [&str; 7] = [
        "int0", "uint0", "void0", "object0", "str0", "bytes0", "bool8",
    ];
    if REMOVED.contains(&s) {
        return PyError::type_error(format!(
            "Alias {} was removed in NumPy 2.0. Use a name without a digit at the end.",
            crate::render::scalar_repr::py_str_repr(s)
        ));
    }
    PyError::type_error(format!(
        "data type {} not understood",
        crate::render::scalar_repr::py_str_repr(s)
    ))
}

/// Split a comma-separated dtype string at the commas outside parentheses.
fn split_top_level(s: &str) -> Vec<&str> {
    let mut parts = vec![];
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&s[start..]);
    parts
}

/// `'i8, f4'`, `'3i4, 2f8'`, `'(2,3)f4, i1'`: a packed record with fields
/// `f0, f1, …`, each code optionally preceded by a sub-array shape.
fn comma_string(s: &str) -> PyResult<DType> {
    let mut parts: Vec<&str> = split_top_level(s).into_iter().map(str::trim).collect();
    if parts.last() == Some(&"") {
        parts.pop();
    }
    let mut fields = vec![];
    for (i, part) in parts.iter().enumerate() {
        if part.is_empty() {
            return Err(PyError::new("SyntaxError", "invalid dtype string"));
        }
        let (shape, code) = shape_prefix(part)?;
        fields.push((format!("f{i}"), None, parse_code(&code)?, shape));
    }
    packed(fields)
}

/// The sub-array shape in front of a code: `3i4` → ([3], "i4"),
/// `(2,3)f4` → ([2, 3], "f4"), `i4` → ([], "i4"). A byte order before the
/// count moves to the code (`>3i4` → ([3], ">i4")), and a count before an
/// unsized `S`, `U`, `V` or `a` is its size, not a shape (`3S` → "S3"),
/// as `_convert_from_commastring` reads them.
fn shape_prefix(part: &str) -> PyResult<(Vec<usize>, String)> {
    let bad = || {
        PyError::type_error(format!(
            "data type {} not understood",
            crate::render::scalar_repr::py_str_repr(part)
        ))
    };
    if let Some(rest) = part.strip_prefix('(') {
        let close = rest.find(')').ok_or_else(bad)?;
        let dims: PyResult<Vec<usize>> = rest[..close]
            .split(',')
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(|d| d.parse::<usize>().map_err(|_| bad()))
            .collect();
        return Ok((dims?, rest[close + 1..].trim().to_string()));
    }
    let (order, counted) = match part.chars().next() {
        Some(c @ ('<' | '>' | '=' | '|'))
            if part[1..].bytes().next().is_some_and(|b| b.is_ascii_digit()) =>
        {
            (&part[..c.len_utf8()], &part[c.len_utf8()..])
        }
        _ => ("", part),
    };
    let digits = counted.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return Ok((vec![], part.to_string()));
    }
    let n: usize = counted[..digits].parse().map_err(|_| bad())?;
    let code = counted[digits..].trim();
    if matches!(code, "S" | "U" | "V" | "a") {
        return Ok((vec![], format!("{order}{code}{n}")));
    }
    Ok((vec![n], format!("{order}{code}")))
}

/// A field as the list and comma forms give it: name, title, type, shape.
type FieldSpec = (String, Option<String>, DType, Vec<usize>);

/// Fields laid end to end in order: a packed record. A name may not repeat
/// an earlier name or title, nor a title any name or title.
fn packed(fields: Vec<FieldSpec>) -> PyResult<DType> {
    let mut out: Vec<Field> = vec![];
    let mut offset = 0;
    for (name, title, dtype, shape) in fields {
        if out
            .iter()
            .any(|f| f.name == name || f.title.as_deref() == Some(&name))
        {
            return Err(PyError::value(format!(
                "field '{name}' occurs more than once"
            )));
        }
        if let Some(t) = &title
            && (*t == name
                || out
                    .iter()
                    .any(|f| f.name == *t || f.title.as_ref() == Some(t)))
        {
            return Err(PyError::value("title already used as a name or title."));
        }
        let f = Field {
            name,
            dtype,
            offset,
            shape,
            title,
        };
        offset += f.nbytes();
        out.push(f);
    }
    Ok(DType::Record(Rc::new(RecordType {
        cells: std::cell::RefCell::new(out),
        itemsize: offset,
        aligned: false,
    })))
}

/// `[('x', 'i4'), ('y', 'f8', (2, 2)), ('', 'u1')]`: a packed record; an
/// empty name becomes `f` + its position, as NumPy names them.
fn field_list(items: &[Value]) -> PyResult<DType> {
    let mut fields = vec![];
    for (i, it) in items.iter().enumerate() {
        let parts = match it {
            Value::Tuple(t) => t.as_ref().clone(),
            _ => iterate(it)?,
        };
        let shown = || repr(it, &Default::default());
        if parts.len() < 2 {
            return Err(PyError::type_error(format!(
                "Field elements must be 2- or 3-tuples, got '{}'",
                shown()
            )));
        }
        if parts.len() > 3 {
            return Err(PyError::type_error(format!(
                "Field elements must be tuples with at most 3 elements, got '{}'",
                shown()
            )));
        }
        let (name, title) = match &parts[0] {
            Value::Str(n) if n.is_empty() => (format!("f{i}"), None),
            Value::Str(n) => (n.to_string(), None),
            Value::Tuple(t) => match t.as_slice() {
                [Value::Str(title), Value::Str(n)] => (n.to_string(), Some(title.to_string())),
                _ => return Err(not_supported("field titles that are not strings")),
            },
            _ => {
                return Err(PyError::type_error(
                    "First element of field tuple is neither a tuple nor str",
                ));
            }
        };
        // `(name, type, n)` is `(name, (type, n))`: `n` sizes an unsized
        // type (`('name', np.str_, 16)` is `<U16`) or else is a shape.
        let (dtype, shape) = match parts.get(2) {
            Some(s) => tuple_form(&parts[1], s)?,
            None => dtype_arg_sub(&parts[1])?,
        };
        fields.push((name, title, dtype, shape));
    }
    packed(fields)
}

/// A field's type given as a format: a plain dtype, or `(dtype, shape)`.
fn format_with_shape(v: &Value) -> PyResult<(DType, Vec<usize>)> {
    dtype_arg_sub(v)
}

/// `{'names': [...], 'formats': [...], 'offsets': [...], 'itemsize': n}`.
/// Names stay as given (an empty one is not renamed); without offsets the
/// fields are packed.
fn names_formats_dict(items: &[(Value, Value)]) -> PyResult<DType> {
    let get = |k: &str| {
        items
            .iter()
            .find(|(key, _)| matches!(key, Value::Str(s) if s.as_ref() == k))
            .map(|(_, v)| v)
    };
    let (Some(names), Some(formats)) = (get("names"), get("formats")) else {
        return Err(PyError::value("entry not a 2- or 3- tuple"));
    };
    // `_convert_from_dict` reads each entry by index (`PyObject_GetItem`),
    // so an unordered set is refused, not iterated in some order.
    let entries = |v: &Value| -> PyResult<Vec<Value>> {
        if let Value::Object(o) = v
            && matches!(o.as_ref(), super::object::Obj::Set(_))
        {
            return Err(PyError::type_error(format!(
                "'{}' object is not subscriptable",
                v.type_name()
            )));
        }
        iterate(v)
    };
    let names = entries(names)?;
    let formats = entries(formats)?;
    let offsets = get("offsets").map(entries).transpose()?;
    let titles = get("titles").map(entries).transpose()?;
    let same_len = |n: usize| n == names.len();
    if formats.len() < names.len()
        || offsets.as_ref().is_some_and(|o| !same_len(o.len()))
        || titles.as_ref().is_some_and(|t| !same_len(t.len()))
    {
        return Err(PyError::value(
            "'names', 'formats', 'offsets', and 'titles' dict entries must have the same length",
        ));
    }
    let mut fields: Vec<Field> = vec![];
    let mut at = 0usize;
    for (k, n) in names.iter().enumerate() {
        let Value::Str(name) = n else {
            return Err(PyError::value("field names must be strings"));
        };
        let title = match titles.as_ref().map(|t| &t[k]) {
            None | Some(Value::None) => None,
            Some(Value::Str(t)) => Some(t.to_string()),
            Some(_) => return Err(not_supported("field titles that are not strings")),
        };
        let taken = |n: &str| {
            fields
                .iter()
                .any(|f| f.name == n || f.title.as_deref() == Some(n))
        };
        if taken(name) {
            return Err(PyError::value("name already used as a name or title"));
        }
        if title
            .as_deref()
            .is_some_and(|t| t == name.as_ref() || taken(t))
        {
            return Err(PyError::value("title already used as a name or title."));
        }
        let (dtype, shape) = format_with_shape(&formats[k])?;
        let offset = match &offsets {
            Some(o) => {
                let offset = c_int(&o[k])?;
                usize::try_from(offset)
                    .map_err(|_| PyError::value(format!("offset {offset} cannot be negative")))?
            }
            None => at,
        };
        let f = Field {
            name: name.to_string(),
            dtype,
            offset,
            shape,
            title,
        };
        at = offset + f.nbytes();
        fields.push(f);
    }
    let dt = with_itemsize(fields, get("itemsize"))?;
    // `'aligned': True` is `align=True` (`_convert_from_dict`).
    match get("aligned")
        .map(crate::eval::protocol::truthy)
        .transpose()?
    {
        Some(true) if offsets.is_none() && get("itemsize").is_none() => Ok(aligned(&dt)),
        Some(true) => Err(not_supported(
            "'aligned': True with 'offsets' or 'itemsize' in a dtype dict",
        )),
        _ => Ok(dt),
    }
}

/// The record's size: the end of its furthest field, or a larger given
/// `itemsize`.
fn with_itemsize(fields: Vec<Field>, itemsize: Option<&Value>) -> PyResult<DType> {
    let need = fields
        .iter()
        .map(|f| f.offset + f.nbytes())
        .max()
        .unwrap_or(0);
    let itemsize = match itemsize {
        None => need,
        Some(v) => {
            let n = c_int(v)?;
            match usize::try_from(n) {
                Ok(n) if n >= need => n,
                _ => {
                    return Err(PyError::value(format!(
                        "NumPy dtype descriptor requires {need} bytes, cannot override to smaller itemsize of {n}"
                    )));
                }
            }
        }
    };
    Ok(DType::Record(Rc::new(RecordType {
        cells: std::cell::RefCell::new(fields),
        itemsize,
        aligned: false,
    })))
}

/// `{'col1': ('U10', 0), 'col2': ('f4', 10)}`: each name with its format
/// and offset; NumPy orders the fields by offset.
fn fields_dict(items: &[(Value, Value)]) -> PyResult<DType> {
    let mut fields: Vec<Field> = vec![];
    for (k, v) in items {
        let Value::Str(name) = k else {
            return Err(PyError::value("field names must be strings"));
        };
        let parts = iterate(v)?;
        let title = match parts.get(2) {
            None => None,
            Some(Value::Str(t)) => Some(t.to_string()),
            Some(_) => return Err(not_supported("field titles that are not strings")),
        };
        if !(2..=3).contains(&parts.len()) {
            return Err(PyError::value("entry not a 2- or 3- tuple"));
        }
        // `_makenames_list`: `int(obj[1])`, negative refused.
        let offset = match &parts[1] {
            Value::Float(f) if f.is_finite() => f.trunc() as i64,
            other => crate::eval::coerce::int_arg(other, "")?,
        };
        let offset = usize::try_from(offset).map_err(|_| PyError::value("invalid offset."))?;
        let (dtype, shape) = format_with_shape(&parts[0])?;
        fields.push(Field {
            name: name.to_string(),
            dtype,
            offset,
            shape,
            title,
        });
    }
    fields.sort_by_key(|f| f.offset);
    with_itemsize(fields, None)
}

/// `PyArray_PyIntAsInt`: an integer (by `__index__`) that fits a C int.
fn c_int(v: &Value) -> PyResult<i32> {
    let n = crate::eval::coerce::int_arg(v, "")?;
    i32::try_from(n).map_err(|_| PyError::value("integer won't fit into a C int"))
}

/// A dtype argument where the object dtype is as good as any
/// (`np.promote_types`, `np.result_type`: no array is made of it).
pub fn dtype_value(v: &Value) -> PyResult<DType> {
    if wants_object(v) {
        return Ok(DType::Object);
    }
    dtype_arg(v)
}

/// NumPy's abstract scalar classes, which name no dtype, with
/// `_convert_from_type`'s refusal of each (NumPy's own wording, backticks
/// and quotes as it has them).
const ABSTRACT_SCALARS: &[(&str, &str)] = &[
    (
        "numpy.generic",
        "Converting `np.generic` to a dtype is not allowed.",
    ),
    (
        "numpy.flexible",
        "Converting `np.generic` to a dtype is not allowed.",
    ),
    (
        "numpy.number",
        "Converting `np.inexact` or `np.floating` to a dtype not allowed",
    ),
    (
        "numpy.inexact",
        "Converting `np.inexact` or `np.floating` to a dtype not allowed",
    ),
    (
        "numpy.floating",
        "Converting `np.inexact` or `np.floating` to a dtype not allowed",
    ),
    (
        "numpy.integer",
        "Converting 'np.integer' or 'np.signedinteger' to a dtype is not allowed",
    ),
    (
        "numpy.signedinteger",
        "Converting 'np.integer' or 'np.signedinteger' to a dtype is not allowed",
    ),
    (
        "numpy.unsignedinteger",
        "Converting `np.unsignedinteger` to a dtype is not allowed",
    ),
    (
        "numpy.character",
        "Converting `np.character` to a dtype is not allowed",
    ),
    (
        "numpy.complexfloating",
        "Converting `np.complex` to a dtype is not allowed.",
    ),
];

/// True when a `dtype=` argument names the object dtype (`object`,
/// `'O'`, `np.object_`, `np.dtype('O')`).
pub fn wants_object(v: &Value) -> bool {
    if learner_class(v) {
        return true;
    }
    match v {
        // Any Python type but the numbers, text and `memoryview` NumPy maps
        // (`np.dtype(list)`, `dtype=dict`, `np.dtype(np.ndarray)`) stores
        // objects (`_convert_from_type`); NumPy's abstract scalar classes
        // are refused and `np.record` is the void.
        Value::Type(TypeObj::Builtin(name)) => {
            !matches!(
                *name,
                "int" | "float" | "bool" | "complex" | "str" | "bytes" | "memoryview"
            ) && *name != super::types::RECORD
                && !ABSTRACT_SCALARS.iter().any(|(n, _)| n == name)
        }
        Value::Type(TypeObj::NdArray | TypeObj::DTypeClass) => true,
        Value::Type(TypeObj::NpScalar(DType::Object)) | Value::DType(DType::Object) => true,
        Value::Str(s) => object_code(s),
        _ => false,
    }
}

/// A learner's class as a dtype: NumPy stores any Python type but its
/// own scalar types as objects (`np.dtype(P)` is `dtype('O')`), unless
/// the class says otherwise with a `dtype` attribute (not read here).
fn learner_class(v: &Value) -> bool {
    crate::eval::object::class_of(v).is_some()
        && crate::eval::classes::class_attr(v, "dtype").is_none()
}

/// A dtype string naming the object type: `'O'` or `'O8'` with any byte
/// order written before it (objects have none, so NumPy ignores it), or
/// the name.
fn object_code(s: &str) -> bool {
    let code = s.strip_prefix(['<', '>', '=', '|']).unwrap_or(s);
    matches!(code, "O" | "O8") || matches!(s, "object" | "object_")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dt: &DType) -> Vec<String> {
        match dt {
            DType::Record(r) => r.fields().iter().map(|f| f.name.clone()).collect(),
            _ => vec![],
        }
    }

    #[test]
    fn comma_strings_make_packed_records() {
        let dt = comma_string("i8, f4").unwrap();
        assert_eq!(names(&dt), ["f0", "f1"]);
        assert_eq!(dt.itemsize(), 12);
        let dt = comma_string("(2,3)f4, i1,").unwrap();
        let DType::Record(r) = &dt else { panic!() };
        assert_eq!(r.fields()[0].shape, [2, 3]);
        assert_eq!(r.fields()[1].offset, 24);
        assert!(comma_string("i4,,f8").is_err());
    }

    /// Types NumPy has and slicelab lacks are refused, not "not understood".
    #[test]
    fn missing_types_are_refused() {
        for code in ["g", "<G", "f16", "longdouble", "T", "c"] {
            assert_eq!(parse_code(code).unwrap_err().kind, "NotImplementedError");
        }
        assert_eq!(parse_code("q7").unwrap_err().kind, "TypeError");
        assert_eq!(parse_code("S1c").unwrap_err().kind, "TypeError");
    }

    #[test]
    fn shape_prefixes() {
        let split = |s| shape_prefix(s).unwrap();
        assert_eq!(split("3i4"), (vec![3], "i4".to_string()));
        assert_eq!(split("(2)u1"), (vec![2], "u1".to_string()));
        assert_eq!(split("f8"), (vec![], "f8".to_string()));
        assert_eq!(split(">0i4"), (vec![0], ">i4".to_string()));
        assert_eq!(split("3S"), (vec![], "S3".to_string()));
        assert_eq!(split("|3a"), (vec![], "|a3".to_string()));
        assert_eq!(split("3c"), (vec![3], "c".to_string()));
    }

    /// `(type, n)`: a size for an unsized type, a shape for any other.
    #[test]
    fn tuple_forms_size_or_shape() {
        let pair = |a: Value, b: Value| dtype_arg_sub(&Value::tuple(vec![a, b])).unwrap();
        assert_eq!(
            pair(Value::str("U"), Value::Int(16)),
            (DType::Str(16), vec![])
        );
        assert_eq!(
            pair(Value::str("S"), Value::Int(3)),
            (DType::Bytes(3), vec![])
        );
        assert_eq!(
            pair(Value::str("i4"), Value::Int(3)),
            (DType::Int32, vec![3])
        );
        assert_eq!(
            pair(
                Value::str("f8"),
                Value::tuple(vec![Value::Int(2), Value::Int(2)])
            ),
            (DType::Float64, vec![2, 2])
        );
        assert_eq!(
            pair(Value::str("i4"), Value::tuple(vec![])),
            (DType::Int32, vec![])
        );
        assert!(dtype_arg_sub(&Value::tuple(vec![Value::str("U"), Value::Int(-1)])).is_err());
        assert_eq!(
            dtype_arg_sub(&Value::str("(2,3)f8")).unwrap(),
            (DType::Float64, vec![2, 3])
        );
        assert!(dtype_arg_sub(&Value::str("(3)i4")).is_err());
    }
}
