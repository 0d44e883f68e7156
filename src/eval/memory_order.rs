//! `order=` of the functions that make a new array like another one
//! (`np.array`, `np.asarray`, `np.copy`, `astype`, `zeros_like`, …) and
//! `copy=` of `np.array`/`np.asarray`: whether a new array is made, and in
//! which memory order, decides its `.strides`, its flags and whether the
//! result *is* the argument — things a learner inspects.

use crate::engine::{ArrayRef, DType, NdArray, Order};

use super::error::{PyError, PyResult};
use super::value::Value;

/// An `order=` argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemoryOrder {
    /// Row-major.
    C,
    /// Column-major.
    F,
    /// F if the source is F-contiguous (and not C-contiguous), else C.
    A,
    /// As close to the source's layout as possible.
    K,
}

impl MemoryOrder {
    /// Parse `order=` (None is `default`), with NumPy's message.
    pub fn parse(v: Option<&Value>, default: MemoryOrder) -> PyResult<MemoryOrder> {
        match v {
            None | Some(Value::None) => Ok(default),
            Some(Value::Str(s)) => match s.as_ref() {
                "C" | "c" => Ok(MemoryOrder::C),
                "F" | "f" => Ok(MemoryOrder::F),
                "A" | "a" => Ok(MemoryOrder::A),
                "K" | "k" => Ok(MemoryOrder::K),
                other => Err(PyError::value(format!(
                    "order must be one of 'C', 'F', 'A', or 'K' (got '{other}')"
                ))),
            },
            Some(other) => Err(PyError::type_error(format!(
                "order must be str, not {}",
                other.type_name()
            ))),
        }
    }

    /// Whether `a` is already laid out in this order (no copy needed).
    pub fn holds(self, a: &NdArray) -> bool {
        match self {
            MemoryOrder::C => a.is_c_contiguous(),
            MemoryOrder::F => a.is_f_contiguous(),
            MemoryOrder::A => a.is_c_contiguous() || a.is_f_contiguous(),
            MemoryOrder::K => true,
        }
    }
}

/// The element order `order=` asks of a copy or ravel: `'A'` is Fortran
/// order for a Fortran-contiguous array, `'K'` the order the elements lie
/// in memory (refused for layouts with negative or interleaved strides).
pub fn element_order(a: &ArrayRef, order: Option<&Value>, func: &str) -> PyResult<Order> {
    let f_only = a.is_f_contiguous() && !a.is_c_contiguous();
    Ok(match order {
        Some(Value::Str(o)) if o.as_ref() == "F" => Order::F,
        Some(Value::Str(o)) if o.as_ref() == "A" && f_only => Order::F,
        Some(Value::Str(o)) if o.as_ref() == "K" => {
            let strides: Vec<isize> = a
                .shape()
                .iter()
                .zip(a.strides())
                .filter(|(n, _)| **n > 1)
                .map(|(_, s)| s)
                .collect();
            if a.is_c_contiguous()
                || strides.windows(2).all(|w| w[0] >= w[1]) && strides.iter().all(|s| *s > 0)
            {
                Order::C
            } else if f_only
                || strides.windows(2).all(|w| w[0] <= w[1]) && strides.iter().all(|s| *s > 0)
            {
                Order::F
            } else {
                return Err(PyError::new(
                    "NotImplementedError",
                    format!(
                        "slicelab does not implement order='K' of {func}() for this memory layout"
                    ),
                ));
            }
        }
        _ => Order::C,
    })
}

/// `order=` of `reshape` (`PyArray_Newshape`): 'A' reads and writes in
/// Fortran order when the array is Fortran-contiguous and not C-contiguous;
/// 'K' is refused.
pub fn reshape_order(a: &NdArray, order: Option<&Value>) -> PyResult<Order> {
    let f_only = a.is_f_contiguous() && !a.is_c_contiguous();
    match order {
        None | Some(Value::None) => Ok(Order::C),
        Some(Value::Str(o)) => match o.as_ref() {
            "C" => Ok(Order::C),
            "F" => Ok(Order::F),
            "A" => Ok(if f_only { Order::F } else { Order::C }),
            "K" => Err(PyError::value("order 'K' is not permitted for reshaping")),
            _ => Err(PyError::value("order must be one of 'C', 'F', 'A', or 'K'")),
        },
        Some(_) => Err(PyError::value("order must be one of 'C', 'F', 'A', or 'K'")),
    }
}

/// A new zero-filled array shaped like `proto`, of `dtype`, in `order`.
pub fn zeros_like(proto: &NdArray, dtype: DType, order: MemoryOrder) -> PyResult<ArrayRef> {
    let shape = proto.shape();
    let f_only = proto.is_f_contiguous() && !proto.is_c_contiguous();
    Ok(match order {
        MemoryOrder::C => NdArray::zeros_ordered(&shape, dtype, Order::C)?,
        MemoryOrder::F => NdArray::zeros_ordered(&shape, dtype, Order::F)?,
        MemoryOrder::A if f_only => NdArray::zeros_ordered(&shape, dtype, Order::F)?,
        MemoryOrder::A => NdArray::zeros_ordered(&shape, dtype, Order::C)?,
        MemoryOrder::K => proto.zeros_kept(dtype)?,
    })
}

/// A copy of `a` as `dtype` in `order` (NumPy's unsafe cast, with its
/// floating-point errors).
pub fn copy_as(a: &ArrayRef, dtype: DType, order: MemoryOrder) -> PyResult<ArrayRef> {
    if &dtype != a.dtype() {
        super::fp_errors::before_cast(a, &dtype)?;
    }
    let out = zeros_like(a, dtype, order)?;
    crate::engine::array::copy_elements(a, &out)?;
    Ok(out)
}

/// NumPy 2's error for `copy=False` when a copy cannot be avoided.
pub fn copy_refused() -> PyError {
    PyError::value(
        "Unable to avoid copy while creating an array as requested.\n\
         If using `np.array(obj, copy=False)` replace it with `np.asarray(obj)` to allow a copy when needed (no behavior change in NumPy 1.x).\n\
         For more details, see https://numpy.org/devdocs/numpy_2_0_migration_guide.html#adapting-to-changes-in-the-copy-keyword.",
    )
}

/// `copy=` of `np.array`/`np.asarray`: `True` always copies, `None` copies
/// when needed, `False` never does (and says so when it would have to).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyRule {
    /// `copy=True`.
    Always,
    /// `copy=None`.
    IfNeeded,
    /// `copy=False`.
    Never,
}

impl CopyRule {
    /// Parse `copy=` (absent is `default`).
    pub fn parse(v: Option<&Value>, default: CopyRule) -> PyResult<CopyRule> {
        Ok(match v {
            None => default,
            Some(Value::None) => CopyRule::IfNeeded,
            Some(v) => {
                if crate::eval::protocol::truthy(v)? {
                    CopyRule::Always
                } else {
                    CopyRule::Never
                }
            }
        })
    }
}

/// `np.array(obj, dtype, copy=, order=)` and `np.asarray`: the argument
/// itself when no copy is asked for or needed, else a new array.
pub fn array_from(
    v: &Value,
    dtype: Option<DType>,
    copy: CopyRule,
    order: MemoryOrder,
) -> PyResult<Value> {
    // A memoryview is read as the array over its memory.
    if let Some(m) = super::object::MemView::of(v) {
        return array_from(&Value::Array(m.array(v)), dtype, copy, order);
    }
    if let Value::Array(a) = v {
        let same_type = dtype.as_ref().is_none_or(|d| d == a.dtype());
        let needed = !same_type || !order.holds(a);
        return match (copy, needed) {
            (CopyRule::Never, true) => Err(copy_refused()),
            (CopyRule::Never | CopyRule::IfNeeded, false) => Ok(v.clone()),
            _ if same_type => Ok(Value::Array(copy_as(a, a.dtype().clone(), order)?)),
            _ => {
                // The conversion rules (string widths, record casts) are
                // `to_array`'s; the memory order is the source's.
                if let Some(dt) = &dtype {
                    super::fp_errors::before_cast(a, dt)?;
                }
                let converted = super::convert::to_array(v, dtype.as_ref())?;
                if order == MemoryOrder::C || (order != MemoryOrder::F && a.is_c_contiguous()) {
                    return Ok(Value::Array(converted));
                }
                let out = zeros_like(a, converted.dtype().clone(), order)?;
                crate::engine::array::copy_elements(&converted, &out)?;
                Ok(Value::Array(out))
            }
        };
    }
    if copy == CopyRule::Never {
        return Err(copy_refused());
    }
    let made = super::convert::to_array(v, dtype.as_ref())?;
    Ok(Value::Array(match order {
        MemoryOrder::F if !made.is_f_contiguous() => made.copy(Order::F)?,
        _ => made,
    }))
}
