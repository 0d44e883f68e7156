//! Asking about dtypes rather than computing with them: `np.iinfo` and
//! `np.finfo` (machine limits, with NumPy's reprs), the abstract scalar type
//! hierarchy (`np.integer`, `np.floating`, … and `np.issubdtype`),
//! `np.min_scalar_type`, `np.can_cast` with `casting=`, and the raw-bytes
//! pair `a.tobytes()` / `np.frombuffer`.

use super::object::MachInfo;
use super::registry::{Entry, Writes, func};
use super::signature::Style;
use crate::engine::dtype::{DType, Kind};
use crate::engine::element::{f16_to_f64, f64_to_f16};
use crate::engine::{NdArray, Order, Scalar};
use crate::render::scalar_str;

use super::dtype_arg::dtype_arg;
use super::error::{PyError, PyResult};
use super::value::{TypeObj, Value};
use crate::eval::args::Args;
use crate::eval::coerce::int_arg;
use crate::eval::convert::as_array;

/// The `np.` functions answered here.
pub const ENTRIES: &[Entry] = &[
    func(
        "iinfo(int_type)",
        Style::Python,
        "int_type",
        Writes::Nothing,
    ),
    func("finfo(dtype)", Style::Python, "dtype", Writes::Nothing),
    func(
        "issubdtype(arg1, arg2)",
        Style::Python,
        "arg1 arg2",
        Writes::Nothing,
    ),
    func("min_scalar_type(a, /)", Style::NumpyC, "a", Writes::Nothing),
    func(
        "frombuffer(buffer, dtype=float, count=-1, offset=0, *, like=None)",
        Style::NumpyC,
        "buffer dtype count offset",
        Writes::Nothing,
    ),
];

inventory::submit! { crate::eval::registry::Table(ENTRIES) }

/// The `np.*` names this module answers (one [`ENTRIES`] line each).
pub const NAMES: &[&str] = &[
    "iinfo",
    "finfo",
    "issubdtype",
    "min_scalar_type",
    "frombuffer",
];

/// NumPy's abstract scalar classes, as `np.NAME` → the class path Python
/// prints (`<class 'numpy.integer'>`). Written once; `np_attr`,
/// `isinstance` and `issubdtype` all read this list.
pub const ABSTRACT_TYPES: &[(&str, &str)] = &[
    ("generic", "numpy.generic"),
    ("number", "numpy.number"),
    ("integer", "numpy.integer"),
    ("signedinteger", "numpy.signedinteger"),
    ("unsignedinteger", "numpy.unsignedinteger"),
    ("inexact", "numpy.inexact"),
    ("floating", "numpy.floating"),
    ("complexfloating", "numpy.complexfloating"),
    ("flexible", "numpy.flexible"),
    ("character", "numpy.character"),
];

/// `np.NAME` for an abstract scalar class.
pub fn abstract_type(np_name: &str) -> Option<Value> {
    ABSTRACT_TYPES
        .iter()
        .find(|(n, _)| *n == np_name)
        .map(|(_, path)| Value::Type(TypeObj::Builtin(path)))
}

/// The abstract classes a concrete dtype's scalar type derives from, most
/// specific first (the tail of `np.int64.__mro__` without `object`).
fn abstract_parents(dt: &DType) -> &'static [&'static str] {
    abstract_chain(match dt.kind() {
        Kind::Bool => "numpy.generic",
        Kind::Int => "numpy.signedinteger",
        Kind::UInt => "numpy.unsignedinteger",
        Kind::Float => "numpy.floating",
        Kind::Complex => "numpy.complexfloating",
        Kind::Str | Kind::Bytes => "numpy.character",
        Kind::Void => "numpy.flexible",
        Kind::Object => "numpy.generic",
        Kind::DateTime => "numpy.generic",
        Kind::TimeDelta => "numpy.signedinteger",
    })
}

/// The parents of an abstract class, itself first.
fn abstract_chain(path: &str) -> &'static [&'static str] {
    match path {
        "numpy.generic" => &["numpy.generic"],
        "numpy.number" => &["numpy.number", "numpy.generic"],
        "numpy.integer" => &["numpy.integer", "numpy.number", "numpy.generic"],
        "numpy.signedinteger" => &[
            "numpy.signedinteger",
            "numpy.integer",
            "numpy.number",
            "numpy.generic",
        ],
        "numpy.unsignedinteger" => &[
            "numpy.unsignedinteger",
            "numpy.integer",
            "numpy.number",
            "numpy.generic",
        ],
        "numpy.inexact" => &["numpy.inexact", "numpy.number", "numpy.generic"],
        "numpy.floating" => &[
            "numpy.floating",
            "numpy.inexact",
            "numpy.number",
            "numpy.generic",
        ],
        "numpy.complexfloating" => &[
            "numpy.complexfloating",
            "numpy.inexact",
            "numpy.number",
            "numpy.generic",
        ],
        "numpy.flexible" => &["numpy.flexible", "numpy.generic"],
        "numpy.character" => &["numpy.character", "numpy.flexible", "numpy.generic"],
        _ => &[],
    }
}

/// The class path when `v` is one of the abstract classes.
fn as_abstract(v: &Value) -> Option<&'static str> {
    match v {
        Value::Type(TypeObj::Builtin(p)) => ABSTRACT_TYPES
            .iter()
            .find(|(_, path)| path == p)
            .map(|(_, path)| *path),
        _ => None,
    }
}

/// `issubclass(cls, class)` when either is a NumPy scalar type or abstract
/// class (`None`: neither is). NumPy's tree: `np.float64` derives from
/// `float`, `np.complex128` from `complex`, `np.str_` from `str`,
/// `np.bytes_` from `bytes`; no integer type derives from `int` and
/// `np.bool_` from nothing of Python's; every class from `object`.
pub fn issubclass_numpy(cls: &Value, class: &Value) -> Option<bool> {
    let scalar = |v: &Value| match v {
        Value::Type(TypeObj::NpScalar(dt)) => Some(dt.clone()),
        Value::Type(TypeObj::NpStr) => Some(DType::Str(0)),
        _ => None,
    };
    let python = |v: &Value| match v {
        Value::Type(TypeObj::Builtin(n)) if as_abstract(v).is_none() => Some(*n),
        _ => None,
    };
    let (sa, aa) = (scalar(cls), as_abstract(cls));
    let (sb, ab) = (scalar(class), as_abstract(class));
    if sa.is_none() && aa.is_none() && sb.is_none() && ab.is_none() {
        return None;
    }
    Some(match (sa, aa, sb, ab, python(class)) {
        (Some(a), _, Some(b), _, _) => same_type(&a, &b),
        (Some(a), _, _, Some(b), _) => abstract_parents(&a).contains(&b),
        (None, Some(a), _, Some(b), _) => abstract_chain(a).contains(&b),
        (_, _, _, _, Some("object")) => true,
        (Some(a), _, _, _, Some(p)) => {
            matches!((a.kind(), p), (Kind::Str, "str") | (Kind::Bytes, "bytes"))
                || (a == DType::Float64 && p == "float")
                || (a == DType::Complex128 && p == "complex")
        }
        _ => false,
    })
}

/// `isinstance(v, np.integer)` and the like: true when `v` is a NumPy
/// scalar whose type derives from the abstract class at `path`.
pub fn isinstance_abstract(v: &Value, path: &str) -> bool {
    let dt = match v {
        Value::NpScalar(dt, _) => dt,
        Value::Void(a) => a.dtype(),
        _ => return false,
    };
    abstract_parents(dt).contains(&path)
}

/// `np.issubdtype(arg1, arg2)`.
fn issubdtype(args: &Args) -> PyResult<Value> {
    let a = args.req(0, "arg1", "issubdtype")?;
    let b = args.req(1, "arg2", "issubdtype")?;
    if let Some(pb) = as_abstract(b) {
        let inside = match as_abstract(a) {
            Some(pa) => abstract_chain(pa).contains(&pb),
            None => abstract_parents(&dtype_of(a)?).contains(&pb),
        };
        return Ok(Value::Bool(inside));
    }
    if as_abstract(a).is_some() {
        return Ok(Value::Bool(false));
    }
    Ok(Value::Bool(same_type(&dtype_of(a)?, &dtype_of(b)?)))
}

/// Two dtypes with the same scalar type (`<U3` and `<U5` are both `str_`).
fn same_type(a: &DType, b: &DType) -> bool {
    match (a, b) {
        (DType::Str(_), DType::Str(_)) | (DType::Bytes(_), DType::Bytes(_)) => true,
        (DType::Record(_), DType::Record(_)) => true,
        _ => a == b,
    }
}

/// A dtype from anything that names one, or from an array's dtype.
fn dtype_of(v: &Value) -> PyResult<DType> {
    match v {
        Value::Array(a) => Ok(a.dtype().clone()),
        Value::NpScalar(dt, _) => Ok(dt.clone()),
        other => dtype_arg(other),
    }
}

/// The shape of one IEEE float type, as NumPy's `finfo` reports it.
struct FloatParams {
    nmant: i32,
    nexp: i32,
    minexp: i32,
    maxexp: i32,
    precision: i32,
    /// `%e` precision of NumPy's repr format (`%24.16e`, `%15.7e`, `%12.5e`).
    repr_digits: usize,
}

fn float_params(dt: &DType) -> FloatParams {
    match dt {
        DType::Float16 => FloatParams {
            nmant: 10,
            nexp: 5,
            minexp: -14,
            maxexp: 16,
            precision: 3,
            repr_digits: 5,
        },
        DType::Float32 => FloatParams {
            nmant: 23,
            nexp: 8,
            minexp: -126,
            maxexp: 128,
            precision: 6,
            repr_digits: 7,
        },
        _ => FloatParams {
            nmant: 52,
            nexp: 11,
            minexp: -1022,
            maxexp: 1024,
            precision: 15,
            repr_digits: 16,
        },
    }
}

fn iinfo_of(v: &Value) -> PyResult<MachInfo> {
    let dt = match v {
        Value::Int(_) => DType::Int64,
        // An array instance is looked up by its class: NumPy asks about `object`.
        Value::Array(_) => return Err(PyError::value("Invalid integer data type 'O'.")),
        other => dtype_of(other)?,
    };
    if !dt.is_integer() {
        return Err(PyError::value(format!(
            "Invalid integer data type '{}'.",
            dt.kind_char()
        )));
    }
    Ok(MachInfo::Int(dt))
}

fn finfo_of(v: &Value) -> PyResult<MachInfo> {
    let dt = match v {
        Value::Float(_) => DType::Float64,
        Value::Complex(..) => DType::Complex128,
        other => dtype_of(other)?.native(),
    };
    Ok(MachInfo::Float(match dt {
        DType::Float16 | DType::Float32 | DType::Float64 => dt,
        DType::Complex64 => DType::Float32,
        DType::Complex128 => DType::Float64,
        other => {
            return Err(PyError::value(format!(
                "data type <class 'numpy.{}'> not inexact",
                super::value::np_scalar_class(&other)
            )));
        }
    }))
}

impl MachInfo {
    fn int_limits(dt: &DType) -> (i128, i128) {
        dt.int_range()
            .expect("iinfo is made for integer dtypes only")
    }

    /// A float attribute as a NumPy scalar of the info's own type.
    fn float_value(dt: &DType, name: &str) -> Option<f64> {
        let p = float_params(dt);
        let two = |e: i32| 2f64.powi(e);
        Some(match name {
            "eps" => two(-p.nmant),
            "epsneg" => two(-p.nmant - 1),
            "tiny" | "smallest_normal" => two(p.minexp),
            "smallest_subnormal" => two(p.minexp) * two(-p.nmant),
            "max" => (2.0 - two(-p.nmant)) * two(p.maxexp - 1),
            "min" => -(2.0 - two(-p.nmant)) * two(p.maxexp - 1),
            "resolution" => round_to(dt, 10f64.powi(-p.precision)),
            _ => return None,
        })
    }

    /// `info.NAME`.
    pub fn attr(&self, name: &str) -> PyResult<Value> {
        match self {
            MachInfo::Int(dt) => {
                let (lo, hi) = Self::int_limits(dt);
                Ok(match name {
                    "min" => Value::Int(lo),
                    "max" => Value::Int(hi),
                    "bits" => Value::Int(8 * dt.itemsize() as i128),
                    "dtype" => Value::DType(dt.clone()),
                    "kind" => Value::str(&dt.kind_char().to_string()),
                    other => return Err(PyError::attribute("iinfo", other)),
                })
            }
            MachInfo::Float(dt) => {
                if let Some(x) = Self::float_value(dt, name) {
                    return Ok(Value::NpScalar(dt.clone(), Scalar::Float(x)));
                }
                let p = float_params(dt);
                let int = |i: i32| Ok(Value::Int(i as i128));
                match name {
                    "bits" => int(8 * dt.itemsize() as i32),
                    "nmant" => int(p.nmant),
                    "nexp" | "iexp" => int(p.nexp),
                    "minexp" => int(p.minexp),
                    "maxexp" => int(p.maxexp),
                    "machep" => int(-p.nmant),
                    "negep" => int(-p.nmant - 1),
                    "precision" => int(p.precision),
                    "dtype" => Ok(Value::DType(dt.clone())),
                    other => Err(PyError::attribute("finfo", other)),
                }
            }
        }
    }

    /// `repr(info)`.
    pub fn repr(&self) -> String {
        match self {
            MachInfo::Int(dt) => {
                let (lo, hi) = Self::int_limits(dt);
                format!(
                    "iinfo(min={lo}, max={hi}, dtype={})",
                    crate::render::dtype_str(dt)
                )
            }
            MachInfo::Float(dt) => {
                let digits = float_params(dt).repr_digits;
                let max = Self::float_value(dt, "max").unwrap_or(0.0);
                let res = self.float_str("resolution");
                format!(
                    "finfo(resolution={res}, min={}, max={}, dtype={})",
                    percent_e(-max, digits),
                    percent_e(max, digits),
                    dt.name()
                )
            }
        }
    }

    fn float_str(&self, name: &str) -> String {
        match self {
            MachInfo::Float(dt) => {
                let x = Self::float_value(dt, name).unwrap_or(0.0);
                scalar_str(dt, &Scalar::Float(x))
            }
            MachInfo::Int(_) => String::new(),
        }
    }

    /// `str(info)`: NumPy's "Machine parameters" table.
    pub fn str(&self) -> String {
        let rule = "---------------------------------------------------------------";
        match self {
            MachInfo::Int(dt) => {
                let (lo, hi) = Self::int_limits(dt);
                format!(
                    "Machine parameters for {}\n{rule}\nmin = {lo}\nmax = {hi}\n{rule}\n",
                    dt.name()
                )
            }
            MachInfo::Float(dt) => {
                let p = float_params(dt);
                let s = |n: &str| self.float_str(n);
                format!(
                    "Machine parameters for {}\n{rule}\n\
                     precision = {}   resolution = {}\n\
                     machep = {}   eps =        {}\n\
                     negep =  {}   epsneg =     {}\n\
                     minexp = {}   tiny =       {}\n\
                     maxexp = {}   max =        {}\n\
                     nexp =   {}   min =        -max\n\
                     smallest_normal = {}   smallest_subnormal = {}\n{rule}\n",
                    dt.name(),
                    p.precision,
                    s("resolution"),
                    -p.nmant,
                    s("eps"),
                    -p.nmant - 1,
                    s("epsneg"),
                    p.minexp,
                    s("tiny"),
                    p.maxexp,
                    s("max"),
                    p.nexp,
                    s("smallest_normal"),
                    s("smallest_subnormal"),
                )
            }
        }
    }
}

/// `x` rounded to the nearest value of a float dtype.
fn round_to(dt: &DType, x: f64) -> f64 {
    match dt {
        DType::Float32 => x as f32 as f64,
        DType::Float16 => f16_to_f64(f64_to_f16(x)),
        _ => x,
    }
}

/// C's `%.{digits}e`: `6.55040e+04`, `1.7976931348623157e+308`.
fn percent_e(x: f64, digits: usize) -> String {
    let s = format!("{x:.digits$e}");
    match s.split_once('e') {
        Some((mant, exp)) => {
            let e: i32 = exp.parse().unwrap_or(0);
            let sign = if e < 0 { '-' } else { '+' };
            format!("{mant}e{sign}{:02}", e.abs())
        }
        None => s,
    }
}

/// `np.min_scalar_type(a)`: the smallest dtype that holds the value.
fn min_scalar_type(v: &Value) -> PyResult<DType> {
    // NumPy's `min_scalar_type` thresholds are round numbers below each
    // type's largest value, compared strictly; a real that is not finite
    // fits anything, a complex part that is not finite nothing narrower.
    let below = |x: f64, limit: f64| x > -limit && x < limit;
    let float = |x: f64| {
        if !x.is_finite() || below(x, 65000.0) {
            DType::Float16
        } else if below(x, 3.4e38) {
            DType::Float32
        } else {
            DType::Float64
        }
    };
    Ok(match v {
        Value::Bool(_) => DType::Bool,
        Value::Int(i) => min_int_type(*i)?,
        Value::Float(x) => float(*x),
        Value::Complex(re, im) => {
            if below(*re, 3.4e38) && below(*im, 3.4e38) {
                DType::Complex64
            } else {
                DType::Complex128
            }
        }
        Value::Str(s) => DType::Str(s.chars().count()),
        Value::Bytes(b) => DType::Bytes(b.len()),
        Value::Array(a) if a.ndim() > 0 => a.dtype().clone(),
        other => {
            let a = as_array(other)?;
            let dt = a.dtype().clone();
            if a.ndim() > 0 {
                // Only a scalar's value is looked at (and `()` has none).
                return Ok(dt);
            }
            match (a.first(), dt.kind()) {
                (Scalar::Int(i), _) => min_int_type(i as i128)?,
                (Scalar::UInt(u), _) => min_int_type(u as i128)?,
                (Scalar::Float(x), Kind::Float) => float(x),
                _ => dt,
            }
        }
    })
}

fn min_int_type(i: i128) -> PyResult<DType> {
    let candidates: &[DType] = if i >= 0 {
        &[DType::UInt8, DType::UInt16, DType::UInt32, DType::UInt64]
    } else {
        &[DType::Int8, DType::Int16, DType::Int32, DType::Int64]
    };
    candidates
        .iter()
        .find(|dt| {
            let (lo, hi) = MachInfo::int_limits(dt);
            lo <= i && i <= hi
        })
        .cloned()
        .ok_or_else(|| {
            PyError::new(
                "NotImplementedError",
                "object dtype ('O') is not supported in slicelab",
            )
        })
}

/// `np.can_cast(from_, to, casting='safe')`.
pub fn can_cast(args: &Args) -> PyResult<Value> {
    let from = args.req(0, "from_", "can_cast")?;
    if matches!(
        from,
        Value::Int(_) | Value::Float(_) | Value::Complex(..) | Value::Bool(_)
    ) {
        return Err(PyError::type_error(
            "can_cast() does not support Python ints, floats, and complex because the result used to depend on the value.",
        ));
    }
    let to = args.req(1, "to", "can_cast")?;
    if matches!(from, Value::None) || matches!(to, Value::None) {
        return Err(PyError::type_error(
            "did not understand one of the types; 'None' not accepted",
        ));
    }
    let object = crate::eval::dtype_arg::wants_object;
    let from = if object(from) {
        DType::Object
    } else {
        dtype_of(from)?
    };
    let to = if object(to) {
        DType::Object
    } else {
        dtype_arg(to)?
    };
    let casting = match args.get(2, "casting") {
        None => "safe".to_string(),
        Some(Value::Str(s)) => s.to_string(),
        Some(other) => {
            return Err(PyError::type_error(format!(
                "casting must be one of 'no', 'equiv', 'safe', 'same_kind', 'unsafe' (got {})",
                super::display::repr(other, &Default::default())
            )));
        }
    };
    super::cast_rules::cast_allowed(&from, &to, &casting)
        .map(Value::Bool)
        .ok_or_else(|| {
            PyError::value(format!(
                "casting must be one of 'no', 'equiv', 'safe', 'same_kind', 'unsafe' (got '{casting}')"
            ))
        })
}

/// `a.tobytes(order='C')`: the elements' bytes in C (or Fortran) order.
pub fn tobytes(a: &crate::engine::ArrayRef, args: &Args) -> PyResult<Value> {
    use super::memory_order::MemoryOrder;
    // `PyArray_ToString`: 'A' is Fortran order for a Fortran-only array,
    // 'K' reads in C order like 'C'.
    let f_only = a.is_f_contiguous() && !a.is_c_contiguous();
    let order = match MemoryOrder::parse(args.get(0, "order"), MemoryOrder::C)? {
        MemoryOrder::F => Order::F,
        MemoryOrder::A if f_only => Order::F,
        _ => Order::C,
    };
    Ok(Value::Bytes(ordered_bytes(a, order)?.into()))
}

/// The elements' bytes, read in C or Fortran order: what `tobytes` and a
/// memoryview's `tobytes`/`bytes()` give.
pub(super) fn ordered_bytes(a: &crate::engine::ArrayRef, order: Order) -> PyResult<Vec<u8>> {
    let c = a.copy(order)?;
    let n = c.size() * c.dtype().itemsize();
    let start = c.layout().offset;
    Ok(c.buffer().bytes()[start..start + n].to_vec())
}

/// `np.frombuffer(buffer, dtype=float, count=-1, offset=0)`: a read-only
/// array over a bytes object's contents, or a writable one sharing a
/// bytearray's bytes (its `.base` a `memoryview` of it, as NumPy's is).
fn frombuffer(args: &Args) -> PyResult<Value> {
    // Bytes read as text must be text slicelab holds (`text_words`).
    super::text_words::checked(frombuffer_of(args)?)
}

/// `np.frombuffer(...)` itself.
fn frombuffer_of(args: &Args) -> PyResult<Value> {
    let source = args.req(0, "buffer", "frombuffer")?;
    // An array or a memoryview exports its memory itself and the new
    // array shares it: an array's is a view of it (its `.base` the
    // owner), a memoryview's goes through a new memoryview (NumPy wraps
    // any exporter that releases its buffers).
    if let Value::NpScalar(..) = source {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab does not implement np.frombuffer of a NumPy scalar yet",
        ));
    }
    let exported = match source {
        Value::Array(_) => Some(crate::eval::object::MemView::make(source)?),
        other if crate::eval::object::MemView::of(other).is_some() => {
            Some(crate::eval::object::MemView::make(other)?)
        }
        _ => None,
    };
    let memview = exported.as_ref().and_then(crate::eval::object::MemView::of);
    if let Some(m) = memview
        && !m.view.is_c_contiguous()
    {
        return Err(match source {
            Value::Array(_) => PyError::value("ndarray is not C-contiguous"),
            _ => PyError::new(
                "BufferError",
                "memoryview: underlying buffer is not C-contiguous",
            ),
        });
    }
    let data = match source {
        _ if let Some(m) = memview => std::rc::Rc::from(m.to_bytes(false)?),
        Value::Bytes(b) => b.clone(),
        other if let Some(b) = super::bytearray::bytes_like(other) => std::rc::Rc::from(b),
        other => {
            return Err(PyError::type_error(format!(
                "a bytes-like object is required, not '{}'",
                other.type_name()
            )));
        }
    };
    let dt = match args.get(1, "dtype") {
        None => DType::Float64,
        Some(d) => dtype_arg(d)?,
    };
    let count = match args.get(2, "count") {
        None => -1,
        Some(v) => int_arg(v, "count")?,
    };
    let offset = match args.get(3, "offset") {
        None => 0,
        Some(v) => int_arg(v, "offset")?,
    };
    let len = data.len();
    if offset < 0 || offset as usize > len {
        return Err(PyError::value(format!(
            "offset must be non-negative and no greater than buffer length ({len})"
        )));
    }
    let item = dt.itemsize();
    if item == 0 {
        return Err(PyError::value("itemsize cannot be zero in type"));
    }
    let avail = len - offset as usize;
    let n = if count < 0 {
        if !avail.is_multiple_of(item) {
            return Err(PyError::value(
                "buffer size must be a multiple of element size",
            ));
        }
        avail / item
    } else {
        let n = count as usize;
        if n.saturating_mul(item) > avail {
            return Err(PyError::value("buffer is smaller than requested size"));
        }
        n
    };
    if let (Some(m), Some(me)) = (memview, &exported) {
        let layout = crate::engine::layout::Layout {
            shape: vec![n],
            strides: vec![item as isize],
            offset: m.view.layout().offset + offset as usize,
        };
        let arr = match source {
            Value::Array(a) => NdArray::view(a, dt, layout),
            _ => NdArray::over_exported(
                m.view.buffer().clone(),
                dt,
                layout,
                std::rc::Rc::new(me.clone()),
            ),
        };
        if m.readonly {
            arr.lock_read_only();
        }
        return Ok(Value::Array(arr));
    }
    if let Some(b) = super::bytearray::of(source) {
        let layout = crate::engine::layout::Layout {
            shape: vec![n],
            strides: vec![item as isize],
            offset: offset as usize,
        };
        let view = crate::eval::object::MemView::base_for(source, b);
        return Ok(Value::Array(super::bytearray::export(b, dt, layout, &view)));
    }
    // The whole bytes object's contents, with the array starting
    // `offset` bytes in, as NumPy's array points into the object's own
    // memory (so an odd offset leaves `flags.aligned` false).
    let whole = NdArray::zeros(&[len], DType::UInt8)?;
    whole.buffer().bytes_mut()[..len].copy_from_slice(&data);
    let layout = crate::engine::layout::Layout {
        shape: vec![n],
        strides: vec![item as isize],
        offset: offset as usize,
    };
    let arr = NdArray::over_exported(
        whole.buffer().clone(),
        dt,
        layout,
        std::rc::Rc::new(source.clone()),
    );
    arr.lock_read_only();
    Ok(Value::Array(arr))
}

/// `np.void(value, dtype=...)`: a record scalar built directly. It is a
/// 0-d array of its own, as a record read out of an array is. Without a
/// dtype, bytes give a `V n` of those bytes and a length that many zero
/// bytes; a record stays itself.
pub fn void_scalar(args: &Args) -> PyResult<Value> {
    let value = args.req(0, "length_or_data", "void")?;
    let dt = match args.get(1, "dtype") {
        Some(d) if !matches!(d, Value::None) => dtype_arg(d)?,
        _ => match value {
            Value::Bytes(b) => DType::plain_void(b.len()),
            // A NumPy integer is a length too (`np.void(np.int32(3))`).
            Value::NpScalar(d, Scalar::Int(n)) if d.is_integer() => {
                return void_scalar(&Args {
                    pos: vec![Value::Int(*n as i128)],
                    kw: vec![],
                });
            }
            Value::NpScalar(d, Scalar::UInt(n)) if d.is_integer() => {
                return void_scalar(&Args {
                    pos: vec![Value::Int(*n as i128)],
                    kw: vec![],
                });
            }
            Value::Int(n) => match i32::try_from(*n).ok().filter(|n| *n >= 0) {
                Some(n) => DType::plain_void(n as usize),
                None => {
                    return Err(PyError::overflow(
                        "size must be non-negative and not greater than 2147483647",
                    ));
                }
            },
            Value::Void(_) => return Ok(value.clone()),
            _ => {
                return Err(PyError::new(
                    "NotImplementedError",
                    "slicelab's np.void takes bytes, a length, a record or dtype=",
                ));
            }
        },
    };
    if !matches!(dt, DType::Record(_)) {
        return Err(PyError::type_error(format!(
            "void: descr must be a `void` dtype that is not a subarray dtype (structured or unstructured). Got '{}'.",
            crate::render::dtype_repr(&dt)
        )));
    }
    if matches!(&dt, DType::Record(r) if r.fields().is_empty()) {
        let arr = NdArray::zeros(&[], dt)?;
        match value {
            Value::Bytes(b) => {
                crate::engine::element::write_scalar(
                    &mut arr.bytes_mut(),
                    0,
                    arr.dtype(),
                    &Scalar::Bytes(b.to_vec()),
                );
            }
            Value::Int(_)
                if args
                    .get(1, "dtype")
                    .is_none_or(|d| matches!(d, Value::None)) => {}
            other => {
                return Err(PyError::type_error(format!(
                    "a bytes-like object is required, not '{}'",
                    other.type_name()
                )));
            }
        }
        return Ok(Value::Void(arr));
    }
    let arr = NdArray::zeros(&[], dt)?;
    crate::eval::reshaping::fill_array(&arr, value)?;
    Ok(Value::Void(arr))
}

/// `V n`: n bytes without fields.
/// Dispatch for [`NAMES`].
pub fn call(name: &str, args: &Args) -> PyResult<Value> {
    match name {
        "iinfo" => Ok(Value::MachInfo(iinfo_of(args.req(0, "int_type", name)?)?)),
        "finfo" => Ok(Value::MachInfo(finfo_of(args.req(0, "dtype", name)?)?)),
        "issubdtype" => issubdtype(args),
        "min_scalar_type" => Ok(Value::DType(min_scalar_type(args.req(0, "a", name)?)?)),
        "frombuffer" => frombuffer(args),
        other => Err(PyError::attribute("module 'numpy'", other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_e_matches_c() {
        assert_eq!(percent_e(65504.0, 5), "6.55040e+04");
        assert_eq!(percent_e(f64::MAX, 16), "1.7976931348623157e+308");
        assert_eq!(percent_e(-3.4028234663852886e38, 7), "-3.4028235e+38");
    }

    #[test]
    fn float_limits_are_ieee() {
        assert_eq!(
            MachInfo::float_value(&DType::Float64, "max"),
            Some(f64::MAX)
        );
        assert_eq!(
            MachInfo::float_value(&DType::Float32, "tiny"),
            Some(f32::MIN_POSITIVE as f64)
        );
        assert_eq!(MachInfo::float_value(&DType::Float16, "max"), Some(65504.0));
    }

    #[test]
    fn hierarchy_reaches_generic() {
        assert!(abstract_parents(&DType::UInt8).contains(&"numpy.integer"));
        assert!(!abstract_parents(&DType::Bool).contains(&"numpy.number"));
        assert!(abstract_chain("numpy.floating").contains(&"numpy.inexact"));
    }
}
