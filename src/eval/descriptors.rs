//! What a class gives for an attribute of its instances: `str.lower`,
//! `list.append`, `np.ndarray.sum` are method descriptors, callable with
//! the instance first (`sorted(words, key=str.lower)`,
//! `map(str.strip, lines)`, `np.ndarray.sum(a)`); `np.ndarray.T` is a
//! data descriptor, which only prints. Both travel as a
//! `Value::Function` whose name (`descriptor_names.rs`, a leaf, so
//! printing reads it without reaching here) carries the kind, the
//! class's path and the attribute.

use super::descriptor_names;
use super::error::{PyError, PyResult};
use super::value::{TypeObj, Value};

/// `np.ndarray`'s data attributes (getset descriptors); its other public
/// names are methods.
const NDARRAY_DATA: &str = "T base ctypes data device dtype flags flat imag itemsize mT nbytes \
     ndim real shape size strides";

/// Data attributes of Python's number types.
const NUMBER_DATA: &str = "real imag numerator denominator";

/// `class.name` for the classes whose instances' attributes slicelab
/// knows, plus `__name__`, `__qualname__` and `__module__`.
pub fn class_attr(t: &TypeObj, name: &str) -> Option<Value> {
    let path = super::display::type_path(t);
    let short = path.rsplit('.').next().unwrap_or_default().to_string();
    match name {
        "__name__" | "__qualname__" => return Some(Value::str(&short)),
        "__module__" => {
            let module = path.rsplit_once('.').map_or("builtins", |(m, _)| m);
            return Some(Value::str(module));
        }
        _ => {}
    }
    // `object.__new__(cls)` makes a learner's instance (`pybuiltins.rs`).
    if matches!(t, TypeObj::Builtin("object"))
        && matches!(name, "__new__" | "__init__" | "__setattr__" | "__delattr__")
    {
        return Some(Value::func(&format!("object.{name}")));
    }
    // `np.ndarray.__new__(cls, shape, ...)` makes a learner's subclass
    // instance too (`subclass.rs`).
    if matches!(t, TypeObj::NdArray) && name == "__new__" {
        return Some(Value::func("ndarray.__new__"));
    }
    if let TypeObj::Builtin(ty) = t
        && let Some(f) = super::class_methods::function_name(ty, name)
    {
        return Some(Value::func(&f));
    }
    let data = match t {
        TypeObj::NdArray if super::numpy_names::numpy_has("numpy.ndarray", name) => {
            NDARRAY_DATA.split_whitespace().any(|n| n == name)
        }
        TypeObj::Builtin(ty) if super::py_attr_names::has(ty, name) => {
            matches!(*ty, "int" | "float" | "bool")
                && NUMBER_DATA.split_whitespace().any(|n| n == name)
        }
        _ => return None,
    };
    Some(Value::func(&descriptor_names::encode(&path, name, data)))
}

/// A call of the descriptor `fname` (see `descriptor_names::is_descriptor`): the instance
/// it applies to, taken off `pos`, and the method's name, for the caller
/// to call as `instance.name(*rest)`; or CPython's TypeError.
pub fn unbind(fname: &str, pos: &mut Vec<Value>) -> PyResult<(Value, String)> {
    let Some((class, attr, method)) = descriptor_names::parts(fname) else {
        return Err(PyError::type_error(format!(
            "'{fname}' is not a descriptor"
        )));
    };
    if !method {
        return Err(PyError::type_error(
            "'getset_descriptor' object is not callable",
        ));
    }
    let short = class.rsplit('.').next().unwrap_or(class);
    if pos.is_empty() {
        return Err(PyError::type_error(format!(
            "unbound method {short}.{attr}() needs an argument"
        )));
    }
    let instance = pos.remove(0);
    let its = super::display::type_path(&super::types::type_of(&instance));
    // bool is an int.
    if its != class && !(class == "int" && its == "bool") {
        return Err(PyError::type_error(format!(
            "descriptor '{attr}' for '{class}' objects doesn't apply to a '{}' object",
            instance.type_name()
        )));
    }
    // An int method on a bool sees the int.
    let instance = match instance {
        Value::Bool(b) if class == "int" => Value::Int(i128::from(b)),
        other => other,
    };
    Ok((instance, attr.to_string()))
}
