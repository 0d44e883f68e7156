//! `a.__array_interface__` and `np.info(a)`: what NumPy reports about an
//! array's memory.
//!
//! Both show a data pointer. slicelab gives the real address of the
//! element data in slicelab's own memory (the buffer's address plus the
//! view's byte offset): an honest number, never NumPy's (which belongs to
//! another process), and differences between two arrays' pointers —
//! `a[:, 1:]` starts 4 bytes after `a` for int32 — are exactly NumPy's.

use super::dtype_attrs::descr_list;
use super::error::{PyError, PyResult};
use super::value::Value;
use crate::engine::ArrayRef;
use crate::engine::dtype::{DType, Endian};
use crate::eval::args::Args;

/// The address of the first element.
fn data_pointer(a: &ArrayRef) -> usize {
    let base = a.buffer().bytes().as_ptr() as usize;
    base + a.layout().offset
}

/// `a.__array_interface__` (version 3), keys in NumPy's order.
pub fn interface(a: &ArrayRef) -> Value {
    let ints = |v: &[isize]| Value::tuple(v.iter().map(|&n| Value::Int(n as i128)).collect());
    let strides = if a.is_c_contiguous() {
        Value::None
    } else {
        ints(&a.strides())
    };
    let shape: Vec<isize> = a.shape().iter().map(|&n| n as isize).collect();
    let entries = vec![
        (
            Value::str("data"),
            Value::tuple(vec![
                Value::Int(data_pointer(a) as i128),
                Value::Bool(!a.writeable()),
            ]),
        ),
        (Value::str("strides"), strides),
        (Value::str("descr"), Value::list(descr_list(a.dtype()))),
        (Value::str("typestr"), Value::str(&a.dtype().descr())),
        (Value::str("shape"), ints(&shape)),
        (Value::str("version"), Value::Int(3)),
    ];
    Value::Dict(std::rc::Rc::new(std::cell::RefCell::new(entries)))
}

/// `np.info(a)` for an array: `numpy/lib/_utils_impl.py`'s `_info` lines
/// (`print("class: ", ...)` puts two spaces after each colon).
pub fn info(s: &mut crate::eval::session::Session, args: &Args) -> PyResult<Value> {
    let a = match args.get(0, "object") {
        Some(Value::Array(a)) => a.clone(),
        _ => {
            return Err(PyError::new(
                "NotImplementedError",
                "slicelab's np.info describes arrays only (NumPy prints other objects' documentation)",
            ));
        }
    };
    let opts = s.print_options.clone();
    let show = |v: &Value| super::display::str_of(v, &opts);
    let ints = |v: Vec<i128>| Value::tuple(v.into_iter().map(Value::Int).collect());
    let (order, swapped) = match a.dtype() {
        DType::Ordered(_, Endian::Big) => ("big", true),
        _ => ("little", false),
    };
    let text = format!(
        "class:  ndarray\nshape:  {}\nstrides:  {}\nitemsize:  {}\naligned:  True\ncontiguous:  {}\nfortran:  {}\ndata pointer: {:#x}\nbyteorder:  {order}\nbyteswap:  {}\ntype: {}\n",
        show(&ints(a.shape().iter().map(|&n| n as i128).collect())),
        show(&ints(a.strides().iter().map(|&n| n as i128).collect())),
        a.dtype().itemsize(),
        py_bool(a.is_c_contiguous()),
        py_bool(a.is_f_contiguous()),
        data_pointer(&a),
        py_bool(swapped),
        show(&Value::DType(a.dtype().clone())),
    );
    s.print_text(&text);
    Ok(Value::None)
}

fn py_bool(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

#[cfg(test)]
mod tests {
    use crate::eval::session::Session;

    /// NumPy 2.4.6's `np.info(a[:, ::2].T)` for an int32 (2, 3) array
    /// and `np.info` of a big-endian array, the pointer aside.
    #[test]
    fn info_prints_numpys_lines() {
        let mut s = Session::new();
        s.run("a = np.arange(6, dtype=np.int32).reshape(2, 3)");
        let out = s.run("np.info(a[:, ::2].T)").output;
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[..7],
            [
                "class:  ndarray",
                "shape:  (2, 2)",
                "strides:  (8, 12)",
                "itemsize:  4",
                "aligned:  True",
                "contiguous:  False",
                "fortran:  False",
            ]
        );
        assert!(lines[7].starts_with("data pointer: 0x"), "{out}");
        assert_eq!(
            lines[8..],
            ["byteorder:  little", "byteswap:  False", "type: int32"]
        );
        let out = s.run("np.info(np.array([1.5], dtype='>f8'))").output;
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[5..7], ["contiguous:  True", "fortran:  True"]);
        assert_eq!(
            lines[8..],
            ["byteorder:  big", "byteswap:  True", "type: >f8"]
        );
    }
}
