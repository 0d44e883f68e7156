//! What a learner can ask a dtype object beyond its name: `descr`, `num`,
//! `byteorder`, `base`, `subdtype`, …, and indexing a structured dtype
//! (`dt['x']`, `dt[0]`, `dt[['y', 'x']]`).

use std::rc::Rc;

use crate::engine::Scalar;
use crate::engine::dtype::{DType, RecordType};
use crate::render::scalar_repr::py_str_repr;

use super::error::{PyError, PyResult};
use super::value::Value;

/// Attributes of a dtype not answered by `methods::dtype_attr`.
pub fn attr(dt: &DType, name: &str) -> PyResult<Value> {
    Ok(match name {
        "descr" => Value::list(descr(dt)),
        "fields" => fields(dt)?,
        "num" => Value::Int(type_num(dt)),
        "byteorder" => Value::str(&dt.byteorder_char().to_string()),
        "isnative" => Value::Bool(!dt.is_swapped() && fields_native(dt)),
        "isalignedstruct" => Value::Bool(matches!(dt, DType::Record(r) if r.aligned)),
        "hasobject" => Value::Bool(*dt == DType::Object),
        "metadata" => Value::None,
        "alignment" => Value::Int(dt.alignment() as i128),
        "subdtype" => Value::None,
        "base" => Value::DType(dt.clone()),
        "newbyteorder" => Value::Method(Rc::new(Value::DType(dt.clone())), Rc::from(name)),
        // 1 for a type NumPy keeps one instance of: a native plain type.
        "isbuiltin" => Value::Int(match dt {
            DType::Str(_) | DType::Bytes(_) | DType::Record(_) => 0,
            _ if dt.is_swapped() => 0,
            _ => 1,
        }),
        other => {
            let ty = Value::DType(dt.clone()).type_name();
            return Err(PyError::attribute(&ty, other));
        }
    })
}

/// `dtype.fields`: a `mappingproxy` of name → `(dtype, offset)`, with
/// `title` as a third item and the title as a key of its own, as NumPy
/// keeps them; `None` for a plain type. A sub-array field's type is a
/// sub-array dtype (`dtype(('<f8', (2,)))`), which slicelab has no value
/// for: refused rather than shown as its base type.
fn fields(dt: &DType) -> PyResult<Value> {
    let DType::Record(r) = dt else {
        return Ok(Value::None);
    };
    if r.fields().is_empty() {
        return Ok(Value::None);
    }
    let mut items = vec![];
    for f in r.fields().iter() {
        let mut entry = vec![
            super::subarray_dtype::make(f.dtype.clone(), f.shape.clone()),
            Value::Int(f.offset as i128),
        ];
        if let Some(t) = &f.title {
            entry.push(Value::str(t));
        }
        let entry = Value::tuple(entry);
        items.push((Value::str(&f.name), entry.clone()));
        if let Some(t) = &f.title {
            items.push((Value::str(t), entry));
        }
    }
    Ok(super::object::object(super::object::Obj::MappingProxy(
        Value::Dict(Rc::new(std::cell::RefCell::new(items))),
    )))
}

/// `len(dtype)`: the number of fields (0 for a plain type).
pub fn len(dt: &DType) -> usize {
    match dt {
        DType::Record(r) => r.fields().len(),
        _ => 0,
    }
}

/// True when every field of a record (nested records too) is in native
/// order: NumPy's `isnative` for a structured dtype.
fn fields_native(dt: &DType) -> bool {
    match dt {
        DType::Record(r) => r
            .fields()
            .iter()
            .all(|f| !f.dtype.is_swapped() && fields_native(&f.dtype)),
        _ => true,
    }
}

/// NumPy's type number (`dtype.num`).
fn type_num(dt: &DType) -> i128 {
    match dt {
        DType::Bool => 0,
        DType::Int8 => 1,
        DType::UInt8 => 2,
        DType::Int16 => 3,
        DType::UInt16 => 4,
        DType::Int32 => 5,
        DType::UInt32 => 6,
        DType::Int64 => 7,
        DType::UInt64 => 8,
        DType::Float32 => 11,
        DType::Float64 => 12,
        DType::Complex64 => 14,
        DType::Complex128 => 15,
        DType::Bytes(_) => 18,
        DType::Str(_) => 19,
        DType::Record(_) => 20,
        DType::Float16 => 23,
        DType::Time(_, false) => 21,
        DType::Time(_, true) => 22,
        DType::Object => 17,
        DType::Ordered(inner, _) => type_num(inner),
    }
}

/// `dtype.descr` as a list of values (for `a.__array_interface__`).
pub(super) fn descr_list(dt: &DType) -> Vec<Value> {
    descr(dt)
}

/// `dtype.descr`: the `__array_interface__` description, a list of
/// `(name, typestr[, shape])` with `('', '|Vn')` for gaps between fields.
fn descr(dt: &DType) -> Vec<Value> {
    let DType::Record(r) = dt else {
        return vec![Value::tuple(vec![Value::str(""), Value::str(&dt.descr())])];
    };
    if r.fields().is_empty() {
        return vec![Value::tuple(vec![Value::str(""), Value::str(&dt.descr())])];
    }
    let fields = r.fields();
    let mut order: Vec<_> = fields.iter().collect();
    order.sort_by_key(|f| f.offset);
    let mut out = vec![];
    let mut at = 0;
    let gap = |n: usize| Value::tuple(vec![Value::str(""), Value::str(&format!("|V{n}"))]);
    for f in order {
        if f.offset > at {
            out.push(gap(f.offset - at));
        }
        let ty = match &f.dtype {
            DType::Record(sub) if !sub.fields().is_empty() => Value::list(descr(&f.dtype)),
            other => Value::str(&other.descr()),
        };
        let name = match &f.title {
            Some(title) => Value::tuple(vec![Value::str(title), Value::str(&f.name)]),
            None => Value::str(&f.name),
        };
        let mut t = vec![name, ty];
        if !f.shape.is_empty() {
            t.push(Value::tuple(
                f.shape.iter().map(|&n| Value::Int(n as i128)).collect(),
            ));
        }
        out.push(Value::tuple(t));
        at = at.max(f.offset + f.nbytes());
    }
    if r.itemsize > at {
        out.push(gap(r.itemsize - at));
    }
    out
}

/// `dtype[key]`: a field's dtype by name or position, or a record of the
/// listed fields at their old offsets.
pub fn getitem(dt: &DType, key: &Value) -> PyResult<Value> {
    let DType::Record(r) = dt else {
        return Err(PyError::new(
            "KeyError",
            py_str_repr(&format!("There are no fields in dtype {}.", dt.name())),
        ));
    };
    let field_dtype = |k: usize| {
        let f = &r.fields()[k];
        Ok(super::subarray_dtype::make(
            f.dtype.clone(),
            f.shape.clone(),
        ))
    };
    match key {
        Value::Str(name) => match r
            .fields()
            .iter()
            .position(|f| f.name == name.as_ref() || f.title.as_deref() == Some(name))
        {
            Some(k) => field_dtype(k),
            None => Err(PyError::new(
                "KeyError",
                py_str_repr(&format!("Field named {} not found.", py_str_repr(name))),
            )),
        },
        Value::Int(_) | Value::NpScalar(_, Scalar::Int(_)) => {
            let i = match key {
                Value::Int(i) => *i,
                Value::NpScalar(_, Scalar::Int(i)) => *i as i128,
                _ => 0,
            };
            let n = r.fields().len() as i128;
            let k = if i < 0 { i + n } else { i };
            if !(0..n).contains(&k) {
                return Err(PyError::index(format!("Field index {i} out of range.")));
            }
            field_dtype(k as usize)
        }
        Value::List(names) => {
            let mut fields = vec![];
            for n in names.borrow().iter() {
                let Value::Str(name) = n else {
                    return Err(field_key_error());
                };
                let f = r
                    .field(name)
                    .ok_or_else(|| PyError::new("KeyError", py_str_repr(name)))?;
                fields.push(f.clone());
            }
            // The selection keeps the parent's layout, aligned flag included.
            Ok(Value::DType(DType::Record(Rc::new(RecordType {
                cells: std::cell::RefCell::new(fields),
                itemsize: r.itemsize,
                aligned: r.aligned,
            }))))
        }
        _ => Err(field_key_error()),
    }
}

fn field_key_error() -> PyError {
    PyError::type_error(
        "Field key must be an integer field offset, single field name, or list of field names.",
    )
}

/// `dtype.newbyteorder(new_order='S')`: NumPy's
/// `PyArray_DescrNewByteorder`. `'S'` swaps (native → `'>'`, `'>'` →
/// `'<'`), `'<'`/`'>'` write that order out, `'='` gives the native type,
/// `'|'` keeps the order; order-free types stay as they are; a record's
/// fields each take the new order.
pub fn newbyteorder(dt: &DType, new_order: Option<&Value>) -> PyResult<DType> {
    let order = match new_order {
        None => 'S',
        Some(v) => byteorder_converter(v)?,
    };
    Ok(with_byteorder(dt, order))
}

/// NumPy's `PyArray_ByteorderConverter`: the first character of a string
/// (`'big'`, `'little'`, `'native'`, `'swap'`, `'ignore'` or a code).
fn byteorder_converter(v: &Value) -> PyResult<char> {
    let text = match v {
        Value::Str(s) => s.to_string(),
        Value::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
        other => {
            return Err(PyError::type_error(format!(
                "byteorder must be str, not {}",
                other.type_name()
            )));
        }
    };
    Ok(match text.chars().next() {
        Some(c @ ('>' | '<' | '=' | '|')) => c,
        Some('b' | 'B') => '>',
        Some('l' | 'L') => '<',
        Some('n' | 'N') => '=',
        Some('i' | 'I') => '|',
        Some('s' | 'S') => 'S',
        _ => {
            return Err(PyError::value(format!(
                "byteorder not recognized (got {})",
                super::display::repr(v, &Default::default())
            )));
        }
    })
}

/// `dt` with byte order `order` (`'S'` swaps), as `newbyteorder` makes it.
fn with_byteorder(dt: &DType, order: char) -> DType {
    use crate::engine::dtype::Endian;
    match dt {
        DType::Record(r) => {
            let mut r = (**r).clone();
            for f in r.cells.get_mut() {
                f.dtype = with_byteorder(&f.dtype, order);
            }
            DType::Record(Rc::new(r))
        }
        _ if !dt.has_byte_order() => dt.clone(),
        _ => match order {
            'S' if dt.is_swapped() => DType::ordered(dt.native(), Endian::Little),
            'S' | '>' => DType::ordered(dt.native(), Endian::Big),
            '<' => DType::ordered(dt.native(), Endian::Little),
            '=' => dt.native(),
            _ => dt.clone(),
        },
    }
}
/// Attributes of dtype objects.
pub fn dtype_attr(dt: &DType, name: &str) -> PyResult<Value> {
    Ok(match name {
        "itemsize" => Value::Int(dt.itemsize() as i128),
        "name" => Value::str(&match dt.native() {
            // NumPy names text types by their size in bits, the unsized
            // ones (`np.dtype('S')`) by their type alone.
            DType::Str(0) => "str".into(),
            DType::Bytes(0) => "bytes".into(),
            DType::Record(r) if r.itemsize == 0 => "void".into(),
            DType::Str(n) => format!("str{}", 32 * n),
            DType::Bytes(n) => format!("bytes{}", 8 * n),
            other => other.name(),
        }),
        "kind" => Value::str(&dt.kind_char().to_string()),
        "char" => Value::str(match &dt.native() {
            DType::Bool => "?",
            DType::Int8 => "b",
            DType::Int16 => "h",
            DType::Int32 => "i",
            DType::Int64 => "l",
            DType::UInt8 => "B",
            DType::UInt16 => "H",
            DType::UInt32 => "I",
            DType::UInt64 => "L",
            DType::Float16 => "e",
            DType::Float32 => "f",
            DType::Float64 => "d",
            DType::Complex64 => "F",
            DType::Complex128 => "D",
            DType::Str(_) => "U",
            DType::Bytes(_) => "S",
            DType::Record(_) => "V",
            DType::Time(_, false) => "M",
            DType::Time(_, true) => "m",
            DType::Object => "O",
            DType::Ordered(..) => unreachable!("native() strips the order"),
        }),
        "str" => Value::str(&dt.descr()),
        "type" if *dt == DType::Object => {
            Value::Type(super::value::TypeObj::NpScalar(DType::Object))
        }
        "type" => Value::Type(crate::eval::types::type_of(&Value::NpScalar(
            dt.native(),
            Scalar::Int(0),
        ))),
        "names" => match dt {
            DType::Record(r) if !r.fields().is_empty() => {
                Value::tuple(r.fields().iter().map(|f| Value::str(&f.name)).collect())
            }
            _ => Value::None,
        },
        "shape" => Value::tuple(vec![]),
        "ndim" => Value::Int(0),
        other => return super::dtype_attrs::attr(dt, other),
    })
}

/// Attributes of dtype objects (`a.dtype.itemsize`); [`dtype_attr`] answers each.
pub const DTYPE_ATTRIBUTES: &[&str] = &[
    "itemsize",
    "name",
    "kind",
    "char",
    "str",
    "type",
    "names",
    "fields",
    "shape",
    "ndim",
    "descr",
    "num",
    "byteorder",
    "newbyteorder",
    "base",
    "subdtype",
];

/// Bytes one element of the sub-array type takes.
fn itemsize(base: &DType, shape: &[usize]) -> usize {
    base.itemsize() * shape.iter().product::<usize>()
}

/// `dt.attr` of a sub-array dtype (`subarray_dtype.rs`), as NumPy answers for a `VoidDType`
/// with a `subarray`.
pub fn subarray_attr(base: &DType, shape: &[usize], name: &str) -> PyResult<Value> {
    let size = itemsize(base, shape);
    let shape_value = || Value::tuple(shape.iter().map(|&n| Value::Int(n as i128)).collect());
    Ok(match name {
        "itemsize" => Value::Int(size as i128),
        "shape" => shape_value(),
        "ndim" => Value::Int(shape.len() as i128),
        "subdtype" => Value::tuple(vec![Value::DType(base.clone()), shape_value()]),
        "base" => Value::DType(base.clone()),
        "kind" | "char" => Value::str("V"),
        "num" => Value::Int(20),
        "name" => Value::str(&format!("void{}", 8 * size)),
        "str" => Value::str(&format!("|V{size}")),
        "descr" => Value::list(vec![Value::tuple(vec![
            Value::str(""),
            Value::str(&format!("|V{size}")),
        ])]),
        "type" => Value::Type(super::value::TypeObj::Void),
        "fields" | "names" | "metadata" => Value::None,
        "byteorder" => Value::str("|"),
        "isbuiltin" => Value::Int(0),
        "isnative" => attr(base, "isnative")?,
        "hasobject" | "isalignedstruct" => Value::Bool(false),
        "alignment" => Value::Int(base.alignment() as i128),
        other if DTYPE_ATTRIBUTES.contains(&other) => {
            return Err(PyError::new(
                "NotImplementedError",
                format!("dtype.{other} of a sub-array dtype is not supported in slicelab"),
            ));
        }
        other => return Err(PyError::attribute("numpy.dtypes.VoidDType", other)),
    })
}
