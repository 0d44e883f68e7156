//! `repr()` and `str()` of Python values, as the prompt and `print` show
//! them. Arrays, NumPy scalars and dtypes go to `render`.

use crate::engine::array::Snapshot;
use crate::render::scalar_repr::{py_bytes_repr, py_str_repr};
use crate::render::{
    PrintOptions, array_repr, array_str, dtype_repr, dtype_str, py_float_repr, scalar_repr,
    scalar_str,
};

use super::value::{TypeObj, Value, np_scalar_class};

/// Python's `repr(value)`.
pub fn repr(v: &Value, opts: &PrintOptions) -> String {
    match v {
        Value::None => "None".into(),
        Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        Value::Int(i) => i.to_string(),
        Value::BigInt(b) => b.to_string(),
        Value::Float(f) => py_float_repr(*f),
        Value::Complex(re, im) => complex_repr(*re, *im),
        Value::Str(s) => py_str_repr(s),
        Value::Bytes(b) => py_bytes_repr(b),
        Value::Tuple(items) => {
            let parts: Vec<String> = items.iter().map(|x| repr(x, opts)).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
        Value::List(items) => {
            let Some(_entered) = ReprGuard::enter(std::rc::Rc::as_ptr(items) as *const ()) else {
                return "[...]".into();
            };
            let parts: Vec<String> = items.borrow().iter().map(|x| repr(x, opts)).collect();
            format!("[{}]", parts.join(", "))
        }
        Value::Dict(items) => {
            let Some(_entered) = ReprGuard::enter(std::rc::Rc::as_ptr(items) as *const ()) else {
                return "{...}".into();
            };
            let parts: Vec<String> = items
                .borrow()
                .iter()
                .map(|(k, x)| format!("{}: {}", repr(k, opts), repr(x, opts)))
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
        Value::Slice(parts) => format!(
            "slice({}, {}, {})",
            repr(&parts[0], opts),
            repr(&parts[1], opts),
            repr(&parts[2], opts)
        ),
        Value::Ellipsis => "Ellipsis".into(),
        Value::Array(a) if *a.dtype() == crate::engine::DType::Object => {
            super::object_repr::object_array_repr(a, opts)
        }
        Value::Array(a) => array_repr(&Snapshot::of(a), opts),
        Value::NpScalar(dt, s) => scalar_repr(dt, s),
        Value::Void(a) => scalar_repr(a.dtype(), &a.first()),
        Value::DType(dt) => dtype_repr(dt),
        Value::Type(t) => format!("<class '{}'>", type_path(t)),
        Value::Function(name)
            if name.strip_prefix("np.").is_some_and(|short| {
                super::registry::np_entry(short).is_some_and(|e| e.ufunc.is_some())
                    || super::ufunc_info::row(short).is_some()
            }) =>
        {
            let short = &name[3..];
            let shown = super::ufunc_info::row(short).map_or(short, |r| r.1);
            format!("<ufunc '{shown}'>")
        }
        Value::Function(name) if let Some(r) = super::descriptor_names::repr(name) => r,
        Value::Function(name) if let Some(k) = super::callable_kinds::of(name) => k.repr(
            name.rsplit('.').next().unwrap_or(name),
            std::rc::Rc::as_ptr(name) as *const u8 as usize,
        ),
        // `object`'s slots, read off the class.
        Value::Function(name)
            if let Some(slot) = name.strip_prefix("object.")
                && matches!(slot, "__init__" | "__setattr__" | "__delattr__") =>
        {
            format!("<slot wrapper '{slot}' of 'object' objects>")
        }
        Value::Function(name) => format!(
            "<built-in function {}>",
            name.rsplit('.').next().unwrap_or(name)
        ),
        Value::Method(obj, name)
            if let Value::Array(a) = obj.as_ref()
                && super::dunder_names::is_slot(name) =>
        {
            format!(
                "<method-wrapper '{name}' of numpy.ndarray object at {:#x}>",
                std::rc::Rc::as_ptr(a) as usize
            )
        }
        Value::Method(obj, name)
            if matches!(obj.as_ref(), Value::NpScalar(..))
                && super::dunder_names::is_slot(name) =>
        {
            format!(
                "<method-wrapper '{name}' of {} object at {:#x}>",
                obj.type_name(),
                std::rc::Rc::as_ptr(obj) as usize
            )
        }
        Value::Method(obj, name) => {
            format!(
                "<built-in method {name} of {} object at {:#x}>",
                obj.type_name(),
                std::rc::Rc::as_ptr(obj) as usize
            )
        }
        Value::Module(name) => {
            super::stdlib::names::module_repr(name).unwrap_or_else(|| format!("<module '{name}'>"))
        }
        Value::Flags(a) => flags_repr(a),
        Value::Random(r) => super::object_repr::random_repr(r),
        Value::MachInfo(m) => m.repr(),
        Value::FlatIter(a, _) => format!(
            "<numpy.flatiter object at {:#x}>",
            std::rc::Rc::as_ptr(a) as usize
        ),
        Value::Object(o) => super::object_repr::object_repr(o, opts),
    }
}

thread_local! {
    /// Lists and dicts whose repr is being written (CPython's
    /// `Py_ReprEnter`): `l.append(l)` shows `[..., [...]]`, not a stack
    /// overflow.
    static IN_REPR: std::cell::RefCell<Vec<*const ()>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Marks one container as being written; `None` if it already is.
struct ReprGuard(*const ());

impl ReprGuard {
    fn enter(ptr: *const ()) -> Option<ReprGuard> {
        IN_REPR.with(|s| {
            let mut s = s.borrow_mut();
            if s.contains(&ptr) {
                return None;
            }
            s.push(ptr);
            Some(ReprGuard(ptr))
        })
    }
}

impl Drop for ReprGuard {
    fn drop(&mut self) {
        IN_REPR.with(|s| s.borrow_mut().retain(|&p| p != self.0));
    }
}

/// Python's `str(value)`.
pub fn str_of(v: &Value, opts: &PrintOptions) -> String {
    match v {
        Value::Str(s) => s.to_string(),
        Value::Array(a) if *a.dtype() == crate::engine::DType::Object => {
            super::object_repr::object_array_str(a, opts)
        }
        Value::Array(a) => array_str(&Snapshot::of(a), opts),
        Value::NpScalar(dt, s) => scalar_str(dt, s),
        Value::Void(a) => scalar_str(a.dtype(), &a.first()),
        Value::DType(dt) => dtype_str(dt),
        Value::Object(o) => super::object_repr::object_str(o, opts),
        Value::MachInfo(m) => m.str(),
        Value::Random(r) => super::object_repr::random_str(r),
        other => repr(other, opts),
    }
}

fn complex_repr(re: f64, im: f64) -> String {
    let imag = py_float_repr(im);
    let imag = imag.strip_suffix(".0").unwrap_or(&imag).to_string();
    if re == 0.0 && re.is_sign_positive() {
        return format!("{imag}j");
    }
    let real = py_float_repr(re);
    let real = real.strip_suffix(".0").unwrap_or(&real).to_string();
    let sign = if im < 0.0 || (im == 0.0 && im.is_sign_negative()) {
        ""
    } else {
        "+"
    };
    format!("({real}{sign}{imag}j)")
}

/// The dotted path Python shows for a type.
pub fn type_path(t: &TypeObj) -> String {
    match t {
        TypeObj::Builtin(name) => qualified_name(name),
        TypeObj::NpScalar(dt) => format!("numpy.{}", np_scalar_class(dt)),
        TypeObj::NdArray => "numpy.ndarray".into(),
        TypeObj::Void => "numpy.void".into(),
        TypeObj::DTypeClass => "numpy.dtype".into(),
        TypeObj::DTypeKind(name) => format!("numpy.dtypes.{name}"),
        TypeObj::NpStr => "numpy.str_".into(),
    }
}

fn flags_repr(a: &crate::engine::ArrayRef) -> String {
    let b = |x: bool| if x { "True" } else { "False" };
    format!(
        "  C_CONTIGUOUS : {}\n  F_CONTIGUOUS : {}\n  OWNDATA : {}\n  WRITEABLE : {}\n  ALIGNED : {}\n  WRITEBACKIFCOPY : False\n",
        b(a.is_c_contiguous()),
        b(a.is_f_contiguous()),
        b(a.owndata()),
        b(a.writeable()),
        b(a.aligned())
    )
}
/// The dotted path Python shows for an exception class (`type(e)`):
/// NumPy's classes live in their modules.
pub fn qualified_name(name: &str) -> String {
    match name {
        "LinAlgError" => "numpy.linalg.LinAlgError".into(),
        "MaskError" => "numpy.ma.core.MaskError".into(),
        "BadZipFile" => "zipfile.BadZipFile".into(),
        n if super::np_exceptions::NAMES.contains(&n) => format!("numpy.exceptions.{n}"),
        other => other.into(),
    }
}
