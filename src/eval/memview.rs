//! Python's `memoryview` over NumPy arrays, scalars, `bytes` and
//! `bytearray` (`a.data`, `memoryview(x)`): the buffer a NumPy array
//! exports, read as CPython reads it. Its format is the struct code NumPy's
//! `_buffer_format_string` writes for the dtype (`'i'`, `'d'`, `'?'`,
//! `'Zd'`, `'>i'`, `'2w'`); its shape and byte strides are the array's.
//! `tolist`, indexing and iteration unpack only the formats CPython's
//! `memoryview` can (native single-character codes), and refuse the rest
//! with CPython's `NotImplementedError`. An array made over a memoryview
//! (`np.asarray(m)`, `np.frombuffer(m)`) shares the memory, so a write
//! through it shows in the array the view was taken of.

use crate::engine::dtype::DType;
use crate::engine::{ArrayRef, NdArray};

use super::error::{PyError, PyResult};
use super::object::{MemView, Obj, object};
use super::value::Value;

impl MemView {
    /// `memoryview(v)` (`v.data` for an array): the object whose buffer it
    /// reads, and an array over that buffer.
    pub fn make(v: &Value) -> PyResult<Value> {
        let (obj, view, readonly) = match v {
            Value::Array(a) => {
                format_of(a.dtype())?;
                (v.clone(), a.clone(), !a.writeable())
            }
            // A NumPy scalar exports a read-only copy of its value.
            Value::NpScalar(..) => {
                let a = super::convert::as_array(v)?;
                format_of(a.dtype())?;
                (v.clone(), a, true)
            }
            Value::Object(o) if let Obj::MemoryView(m) = o.as_ref() => {
                (m.obj.clone(), m.view.clone(), m.readonly)
            }
            Value::Object(o) if let Obj::ByteArray(b) = o.as_ref() => {
                let layout = crate::engine::layout::Layout::c_order(&[b.len()], 1);
                let view = super::bytearray::export(b, DType::UInt8, layout, v);
                (v.clone(), view, false)
            }
            Value::Bytes(b) => {
                let a = NdArray::zeros(&[b.len()], DType::UInt8)?;
                a.buffer().bytes_mut()[..b.len()].copy_from_slice(b);
                (v.clone(), super::bytearray::exported_by(&a, v)?, true)
            }
            other => {
                return Err(PyError::type_error(format!(
                    "memoryview: a bytes-like object is required, not '{}'",
                    other.type_name()
                )));
            }
        };
        Ok(object(Obj::MemoryView(MemView {
            obj,
            view,
            readonly,
        })))
    }

    /// The memoryview NumPy keeps as the `.base` of an array it made over
    /// a bytearray: it sees the whole bytearray, yet is no export of its
    /// own (the array over the bytes is the one the bytearray counts, so
    /// only that array's life decides whether the bytearray may resize).
    pub fn base_for(source: &Value, b: &super::bytearray::ByteArray) -> Value {
        let layout = crate::engine::layout::Layout::c_order(&[b.len()], 1);
        let view = b.unrecorded_view(DType::UInt8, layout, std::rc::Rc::new(source.clone()));
        object(Obj::MemoryView(MemView {
            obj: source.clone(),
            view,
            readonly: false,
        }))
    }

    /// The memoryview a value is, if it is one.
    pub fn of(v: &Value) -> Option<&MemView> {
        match v {
            Value::Object(o) => match o.as_ref() {
                Obj::MemoryView(m) => Some(m),
                _ => None,
            },
            _ => None,
        }
    }

    /// The same memory seen as a new memoryview over `view`.
    fn narrowed(&self, view: ArrayRef) -> Value {
        object(Obj::MemoryView(MemView {
            obj: self.obj.clone(),
            view,
            readonly: self.readonly,
        }))
    }

    /// The struct format code.
    pub fn format(&self) -> String {
        format_of(self.view.dtype()).unwrap_or_default()
    }

    /// Its attributes.
    pub fn attr(&self, name: &str) -> Option<PyResult<Value>> {
        let a = &self.view;
        let ints = |xs: Vec<i128>| Value::tuple(xs.into_iter().map(Value::Int).collect());
        Some(Ok(match name {
            "obj" => self.obj.clone(),
            "format" => Value::str(&self.format()),
            "itemsize" => Value::Int(a.dtype().itemsize() as i128),
            "ndim" => Value::Int(a.ndim() as i128),
            "shape" => ints(a.shape().iter().map(|&n| n as i128).collect()),
            "strides" => ints(a.strides().iter().map(|&s| s as i128).collect()),
            "suboffsets" => Value::tuple(vec![]),
            "nbytes" => Value::Int((a.size() * a.dtype().itemsize()) as i128),
            "readonly" => Value::Bool(self.readonly),
            "c_contiguous" => Value::Bool(a.is_c_contiguous()),
            "f_contiguous" => Value::Bool(a.is_f_contiguous()),
            "contiguous" => Value::Bool(a.is_c_contiguous() || a.is_f_contiguous()),
            _ => return None,
        }))
    }

    /// The elements' bytes in C (or with `order='F'` Fortran) order.
    pub fn to_bytes(&self, fortran: bool) -> PyResult<Vec<u8>> {
        let order = if fortran {
            crate::engine::Order::F
        } else {
            crate::engine::Order::C
        };
        super::dtype_info::ordered_bytes(&self.view, order)
    }

    /// Fails unless CPython's memoryview can unpack the format.
    fn unpackable(&self) -> PyResult<()> {
        let f = self.format();
        if f.len() == 1 && "?bBhHiIlLqQnNfdeP".contains(f.as_str()) {
            Ok(())
        } else {
            Err(PyError::new(
                "NotImplementedError",
                format!("memoryview: unsupported format {f}"),
            ))
        }
    }

    /// `m.tolist()`: nested lists of Python values (a 0-d view's value).
    pub fn tolist(&self) -> PyResult<Value> {
        self.unpackable()?;
        Ok(super::methods::tolist(&self.view))
    }

    /// `len(m)`: the first dimension (1 for a 0-d view, as CPython has it).
    pub fn len(&self) -> usize {
        self.view.shape().first().copied().unwrap_or(1)
    }

    /// Whether `len(m)` is 0.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `m[i]` (an element of a 1-D view) and `m[a:b:c]` (a narrower view).
    pub fn getitem(&self, idx: &Value) -> PyResult<Value> {
        let a = &self.view;
        if let Value::Slice(_) = idx {
            if a.ndim() == 0 {
                return Err(PyError::type_error("invalid indexing of 0-dim memory"));
            }
            let Value::Array(v) = super::interp::array_getitem(a, idx)? else {
                unreachable!("a slice of an array is an array")
            };
            return Ok(self.narrowed(v));
        }
        if a.ndim() == 0 {
            return match idx {
                Value::Tuple(t) if t.is_empty() => self.tolist(),
                _ => Err(PyError::type_error("invalid indexing of 0-dim memory")),
            };
        }
        let i = super::seq_index::index_of(idx, "memoryview")
            .map_err(|_| PyError::type_error("memoryview: invalid slice key"))?;
        if a.ndim() > 1 {
            return Err(PyError::new(
                "NotImplementedError",
                "multi-dimensional sub-views are not implemented",
            ));
        }
        self.unpackable()?;
        let n = a.shape()[0] as i128;
        let j = if i < 0 { i + n } else { i };
        if j < 0 || j >= n {
            return Err(PyError::index("index out of bounds on dimension 1"));
        }
        use crate::engine::index::{IndexItem, Indexed, get};
        match get(a, &[IndexItem::Int(j as i64)])? {
            Indexed::Scalar(x) => Ok(super::convert::scalar_to_py(a.dtype(), &x)),
            Indexed::Array(_) => unreachable!("an integer index of a 1-d array is one element"),
        }
    }

    /// Whether `m[idx] = value` may go ahead, as CPython's `memory_ass_sub`
    /// and `pack_single` decide: a writable one-dimensional view, an
    /// integer index in range, and a value the format packs (an integer
    /// in range for an integer code, a number for a float code).
    pub fn check_store(&self, idx: &Value, value: &Value) -> PyResult<()> {
        if self.readonly {
            return Err(PyError::type_error("cannot modify read-only memory"));
        }
        if self.view.ndim() != 1
            || !matches!(idx, Value::Int(_) | Value::Bool(_) | Value::NpScalar(..))
        {
            return Err(PyError::new(
                "NotImplementedError",
                "slicelab stores into one element of a one-dimensional memoryview only",
            ));
        }
        self.unpackable()?;
        let f = self.format();
        let n = self.view.shape()[0] as i128;
        let i = super::seq_index::index_of(idx, "memoryview")?;
        if !(-n..n).contains(&i) {
            return Err(PyError::index("index out of bounds on dimension 1"));
        }
        let int = super::pyiter::index_int(value).ok();
        let bad_type = || PyError::type_error(format!("memoryview: invalid type for format '{f}'"));
        match f.as_str() {
            "?" => Ok(()),
            "f" | "d" | "e" => match value {
                Value::Int(_) | Value::Bool(_) | Value::Float(_) => Ok(()),
                Value::NpScalar(dt, _) if dt.kind() != crate::engine::dtype::Kind::Complex => {
                    Ok(())
                }
                _ => Err(bad_type()),
            },
            _ => {
                let v = int.ok_or_else(bad_type)?;
                let (lo, hi) = match self.view.dtype() {
                    DType::Int8 => (i8::MIN as i128, i8::MAX as i128),
                    DType::UInt8 => (0, u8::MAX as i128),
                    DType::Int16 => (i16::MIN as i128, i16::MAX as i128),
                    DType::UInt16 => (0, u16::MAX as i128),
                    DType::Int32 => (i32::MIN as i128, i32::MAX as i128),
                    DType::UInt32 => (0, u32::MAX as i128),
                    DType::Int64 => (i64::MIN as i128, i64::MAX as i128),
                    _ => (0, u64::MAX as i128),
                };
                if (lo..=hi).contains(&v) {
                    Ok(())
                } else {
                    Err(PyError::value(format!(
                        "memoryview: invalid value for format '{f}'"
                    )))
                }
            }
        }
    }

    /// The items `iter(m)` gives: a 1-D view's elements.
    pub fn items(&self) -> PyResult<Vec<Value>> {
        match self.view.ndim() {
            0 => Err(PyError::type_error("invalid indexing of 0-dim memory")),
            1 => match self.tolist()? {
                Value::List(l) => Ok(l.borrow().clone()),
                other => Ok(vec![other]),
            },
            _ => Err(PyError::new(
                "NotImplementedError",
                "multi-dimensional sub-views are not implemented",
            )),
        }
    }

    /// `m == other` for another memoryview or a bytes-like object: the same
    /// shape and the same values element by element, whatever the formats.
    pub fn equal(a: &Value, b: &Value) -> Option<bool> {
        let as_view = |v: &Value| -> Option<MemView> {
            if let Some(m) = MemView::of(v) {
                return Some(m.clone());
            }
            if !matches!(v, Value::Bytes(_)) {
                return None;
            }
            let made = MemView::make(v).ok()?;
            MemView::of(&made).cloned()
        };
        if MemView::of(a).is_none() && MemView::of(b).is_none() {
            return None;
        }
        if a.is(b) {
            return Some(true);
        }
        let (x, y) = (as_view(a)?, as_view(b)?);
        if x.view.shape() != y.view.shape() {
            return Some(false);
        }
        match (x.tolist(), y.tolist()) {
            (Ok(p), Ok(q)) => Some(super::ops::python_eq(&p, &q)),
            _ => Some(false),
        }
    }

    /// An array over the same memory (`np.asarray(m)`), its `.base` the
    /// memoryview.
    pub fn array(&self, me: &Value) -> ArrayRef {
        let a = NdArray::over_exported(
            self.view.buffer().clone(),
            self.view.dtype().clone(),
            self.view.layout(),
            std::rc::Rc::new(me.clone()),
        );
        if self.readonly {
            a.lock_read_only();
        }
        a
    }

    /// `m.tobytes()`, `m.tolist()`, `m.hex()`, `m.toreadonly()`.
    pub fn method(&self, name: &str, args: &super::args::Args) -> PyResult<Value> {
        match name {
            "tobytes" => {
                let fortran = match args.get(0, "order") {
                    None | Some(Value::None) => false,
                    Some(Value::Str(o)) => match o.as_ref() {
                        "C" => false,
                        "F" => true,
                        "A" => self.view.is_f_contiguous() && !self.view.is_c_contiguous(),
                        _ => {
                            return Err(PyError::value("order must be 'C', 'F' or 'A'"));
                        }
                    },
                    Some(other) => {
                        return Err(PyError::type_error(format!(
                            "tobytes() argument 'order' must be str or None, not {}",
                            other.type_name()
                        )));
                    }
                };
                Ok(Value::Bytes(self.to_bytes(fortran)?.into()))
            }
            "tolist" => self.tolist(),
            "hex" => Ok(Value::str(
                &self
                    .to_bytes(false)?
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect::<String>(),
            )),
            "toreadonly" => Ok(object(Obj::MemoryView(MemView {
                readonly: true,
                ..self.clone()
            }))),
            _ => Err(PyError::new(
                "NotImplementedError",
                format!("slicelab does not implement memoryview.{name} yet"),
            )),
        }
    }
}

/// The struct format NumPy's buffer export gives a dtype (its
/// `_buffer_format_string`), or its `ValueError` for a dtype no buffer
/// holds; layouts slicelab does not spell are refused.
fn format_of(dt: &DType) -> PyResult<String> {
    if let DType::Ordered(inner, _) = dt {
        return Ok(format!("{}{}", dt.byteorder_char(), format_of(inner)?));
    }
    let code = match dt {
        DType::Bool => "?".to_string(),
        DType::Int8 => "b".into(),
        DType::UInt8 => "B".into(),
        DType::Int16 => "h".into(),
        DType::UInt16 => "H".into(),
        DType::Int32 => "i".into(),
        DType::UInt32 => "I".into(),
        DType::Int64 => "l".into(),
        DType::UInt64 => "L".into(),
        DType::Float16 => "e".into(),
        DType::Float32 => "f".into(),
        DType::Float64 => "d".into(),
        DType::Complex64 => "Zf".into(),
        DType::Complex128 => "Zd".into(),
        DType::Bytes(n) => format!("{n}s"),
        DType::Str(n) => format!("{n}w"),
        DType::Time(..) => {
            return Err(PyError::value(format!(
                "cannot include dtype '{}' in a buffer",
                if dt.kind_char() == 'M' { 'M' } else { 'm' }
            )));
        }
        other => {
            return Err(PyError::new(
                "NotImplementedError",
                format!(
                    "slicelab does not implement the buffer format of dtype('{}') yet",
                    other.name()
                ),
            ));
        }
    };
    Ok(code)
}
