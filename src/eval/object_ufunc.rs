//! NumPy's object loops for the elementwise ufuncs (`TD(O, f=...)` in
//! `generate_umath.py`): each element, or pair of elements, through the
//! Python operation the loop calls — `PyNumber_Add` for `np.add`,
//! `PyNumber_Absolute` for `np.absolute`, `npy_ObjectMax` (`x >= y` keeps
//! `x`) for `np.maximum`, `math.floor` for `np.floor`. They run when an
//! operand is an object array, or a value NumPy can only hold as one
//! (`None`, a list with `None` in it), so `np.add(None, 1)` fails with
//! Python's own TypeError. A 0-d result is its element, as NumPy unwraps
//! object scalars. Only the operands and `out=` (an object array) are
//! modelled; any other argument is refused.

use crate::engine::dtype::DType;
use crate::engine::index::{IndexItem, set};
use crate::engine::kernels::CompareOp;
use crate::syntax::ast::{BinOp, UnaryOp};

use super::args::Args;
use super::convert::{broadcast_pair, from_values, not_supported, object_operand};
use super::error::{PyError, PyResult};
use super::session::Session;
use super::value::Value;

/// What a ufunc's object loop does with its elements.
#[derive(Clone, Copy)]
pub enum Loop {
    /// A Python binary operator.
    Binary(BinOp),
    /// `npy_ObjectMax` (`Ge`) / `npy_ObjectMin` (`Le`): the first operand
    /// when the comparison holds, else the second.
    Extreme(CompareOp),
    /// A Python unary operator (`-x`, `+x`, `~x`).
    Unary(UnaryOp),
    /// Python's `abs()` of the element.
    Abs,
    /// A `math` function of the element (`math.floor`).
    Math(&'static str),
    /// `x * x` (`Py_square`).
    Square,
    /// `1 / x` (`Py_reciprocal`).
    Reciprocal,
}

/// The object loop of ufunc `name`, among those this file runs.
pub fn loop_of(name: &str) -> Option<Loop> {
    Some(match name {
        "add" => Loop::Binary(BinOp::Add),
        "subtract" => Loop::Binary(BinOp::Sub),
        "multiply" => Loop::Binary(BinOp::Mul),
        "divide" | "true_divide" => Loop::Binary(BinOp::Div),
        "floor_divide" => Loop::Binary(BinOp::FloorDiv),
        "remainder" | "mod" => Loop::Binary(BinOp::Mod),
        "power" | "pow" => Loop::Binary(BinOp::Pow),
        "bitwise_and" => Loop::Binary(BinOp::BitAnd),
        "bitwise_or" => Loop::Binary(BinOp::BitOr),
        "bitwise_xor" => Loop::Binary(BinOp::BitXor),
        "left_shift" | "bitwise_left_shift" => Loop::Binary(BinOp::LShift),
        "right_shift" | "bitwise_right_shift" => Loop::Binary(BinOp::RShift),
        "maximum" | "fmax" => Loop::Extreme(CompareOp::Ge),
        "minimum" | "fmin" => Loop::Extreme(CompareOp::Le),
        "negative" => Loop::Unary(UnaryOp::Neg),
        "positive" => Loop::Unary(UnaryOp::Pos),
        "invert" | "bitwise_not" | "bitwise_invert" => Loop::Unary(UnaryOp::Invert),
        "absolute" | "abs" => Loop::Abs,
        "floor" => Loop::Math("math.floor"),
        "ceil" => Loop::Math("math.ceil"),
        "trunc" => Loop::Math("math.trunc"),
        "square" => Loop::Square,
        "reciprocal" => Loop::Reciprocal,
        _ => return None,
    })
}

impl Loop {
    fn nin(self) -> usize {
        match self {
            Loop::Binary(_) | Loop::Extreme(_) => 2,
            _ => 1,
        }
    }
}

/// True when one of the first `nin` operands of a ufunc call is a value
/// NumPy can hold only in an object array: `None`, or a list or tuple
/// with such a value in it.
pub fn object_operands(args: &Args, nin: usize) -> bool {
    args.pos.iter().take(nin).any(|v| match v {
        Value::None => true,
        Value::Array(a) => *a.dtype() == DType::Object,
        Value::List(_) | Value::Tuple(_) => super::convert::has_object_leaf(v, 0),
        _ => false,
    })
}

/// `np.NAME(x[, y], out=...)` through the object loop `lp`.
pub fn call(s: &mut Session, name: &str, lp: Loop, args: &Args) -> PyResult<Value> {
    let nin = lp.nin();
    let mut inputs: Vec<Value> = args.pos.iter().take(nin).cloned().collect();
    let mut out = None;
    for (k, v) in &args.kw {
        match k.as_str() {
            "x" | "x1" | "x2" if inputs.len() < nin => inputs.push(v.clone()),
            "out" => out = Some(v.clone()),
            "dtype" if super::dtype_arg::wants_object(v) || matches!(v, Value::None) => {}
            _ => return Err(not_supported(&format!("np.{name} with {k}="))),
        }
    }
    if args.pos.len() > nin {
        out = Some(args.pos[nin].clone());
    }
    let out = match out {
        None | Some(Value::None) => None,
        Some(Value::Tuple(t)) if t.len() == 1 => match &t[0] {
            Value::None => None,
            v => Some(v.clone()),
        },
        Some(v) => Some(v),
    };
    if inputs.len() < nin {
        return Err(not_supported(&format!("np.{name} with missing operands")));
    }
    // The output is checked before any element is computed, as NumPy's
    // iterator is set up before the loop runs.
    let target = match &out {
        None => None,
        Some(Value::Array(o)) => {
            if *o.dtype() != DType::Object {
                // No cast from objects is `same_kind`.
                return Err(PyError::type_error(format!(
                    "Cannot cast ufunc '{name}' output from dtype('O') to {} with casting rule 'same_kind'",
                    crate::render::dtype_repr(o.dtype())
                )));
            }
            let in_shapes: Vec<Vec<usize>> = inputs
                .iter()
                .map(|v| object_operand(v).map(|a| a.shape()))
                .collect::<PyResult<_>>()?;
            let refs: Vec<&[usize]> = in_shapes.iter().map(Vec::as_slice).collect();
            crate::engine::broadcast::check_operands(&refs, Some(&o.shape()))?;
            o.check_writeable()?;
            Some(o.clone())
        }
        Some(_) => {
            return Err(PyError::type_error("return arrays must be of ArrayType"));
        }
    };
    let second = inputs.get(1).cloned().unwrap_or(Value::None);
    let (shape, pairs) = broadcast_pair(&inputs[0], &second)?;
    let mut results = Vec::with_capacity(pairs.len());
    for (k, (x, y)) in pairs.into_iter().enumerate() {
        if k % 4096 == 0 {
            crate::engine::interrupt::check()?;
        }
        results.push(element(s, lp, x, y)?);
    }
    match target {
        Some(o) => {
            set(&o, &[IndexItem::Ellipsis], &from_values(&shape, &results)?)?;
            Ok(Value::Array(o))
        }
        None if shape.is_empty() => Ok(results.into_iter().next().unwrap_or(Value::None)),
        None => Ok(Value::Array(from_values(&shape, &results)?)),
    }
}

/// One element (or pair) through the loop.
fn element(s: &mut Session, lp: Loop, x: Value, y: Value) -> PyResult<Value> {
    let no_kw = |v: Vec<Value>| Args { pos: v, kw: vec![] };
    match lp {
        Loop::Binary(op) => s.binary(op, &x, &y),
        Loop::Extreme(op) => {
            let keep = super::protocol::truthy(&s.compare(cmp_syntax(op), &x, &y)?)?;
            Ok(if keep { x } else { y })
        }
        Loop::Unary(op) => s.unary(op, &x),
        Loop::Abs => s.call_function("abs", no_kw(vec![x])),
        Loop::Math(f) => super::pymath::call(f, &no_kw(vec![x]))?.ok_or_else(|| not_supported(f)),
        Loop::Square => s.binary(BinOp::Mul, &x, &x),
        Loop::Reciprocal => s.binary(BinOp::Div, &Value::Int(1), &x),
    }
}

/// The comparison operator of the syntax tree that `op` is.
fn cmp_syntax(op: CompareOp) -> crate::syntax::ast::CmpOp {
    use crate::syntax::ast::CmpOp as C;
    match op {
        CompareOp::Eq => C::Eq,
        CompareOp::Ne => C::Ne,
        CompareOp::Lt => C::Lt,
        CompareOp::Le => C::Le,
        CompareOp::Gt => C::Gt,
        CompareOp::Ge => C::Ge,
    }
}
