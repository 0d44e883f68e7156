//! `np.ndenumerate` and `np.ndindex`: iterator objects over an array's
//! positions in C order (`for (i, j), v in np.ndenumerate(m):`), each
//! position a tuple of ints, each value a NumPy scalar as indexing gives.

use super::error::PyResult;
use super::pyiter::{index_int, iter_object};
use super::registry::{Entry, Writes, func};
use super::signature::Style;
use super::value::Value;
use crate::engine::index::{self, IndexItem};
use crate::eval::args::Args;
use crate::eval::object::IterState;
use crate::eval::protocol::wrap_indexed;

/// The functions of this module.
pub const ENTRIES: &[Entry] = &[
    func("ndenumerate(arr)", Style::Python, "arr", Writes::Nothing),
    func("ndindex(*shape)", Style::Python, "shape", Writes::Nothing),
];

inventory::submit! { crate::eval::registry::Table(ENTRIES) }

/// Is `np.NAME` one of this module's?
pub fn answers(name: &str) -> bool {
    ENTRIES.iter().any(|e| e.name() == name)
}

/// Every index of `shape` in C order.
fn positions(shape: &[usize]) -> PyResult<Vec<Vec<usize>>> {
    let n = shape.iter().product::<usize>();
    crate::engine::buffer::python_room(n, std::mem::size_of::<Value>() * (shape.len() + 2))?;
    let mut out = Vec::with_capacity(n);
    let mut at = vec![0usize; shape.len()];
    for _ in 0..n {
        out.push(at.clone());
        for axis in (0..shape.len()).rev() {
            at[axis] += 1;
            if at[axis] < shape[axis] {
                break;
            }
            at[axis] = 0;
        }
    }
    Ok(out)
}

fn index_tuple(at: &[usize]) -> Value {
    Value::tuple(at.iter().map(|i| Value::Int(*i as i128)).collect())
}

/// Call `np.ndenumerate` / `np.ndindex`.
pub fn call(name: &str, args: &Args) -> PyResult<Value> {
    if name == "ndenumerate" {
        let a = crate::eval::convert::as_array(args.req(0, "arr", name)?)?;
        let mut items = Vec::new();
        for at in positions(&a.shape())? {
            crate::engine::interrupt::check()?;
            let idx: Vec<IndexItem> = at.iter().map(|i| IndexItem::Int(*i as i64)).collect();
            let v = wrap_indexed(&a, index::get(&a, &idx)?);
            items.push(Value::tuple(vec![index_tuple(&at), v]));
        }
        return Ok(iter_object(
            IterState::Items(items.into()),
            "numpy.ndenumerate",
        ));
    }
    // `np.ndindex(2, 3)` or `np.ndindex((2, 3))`.
    let dims: Vec<Value> = match &args.pos[..] {
        [Value::Tuple(t)] => t.as_ref().clone(),
        other => other.to_vec(),
    };
    let shape = dims
        .iter()
        .map(|d| {
            let n = index_int(d)?;
            Ok(usize::try_from(n).unwrap_or(0))
        })
        .collect::<PyResult<Vec<usize>>>()?;
    let items: Vec<Value> = positions(&shape)?
        .iter()
        .map(|at| index_tuple(at))
        .collect();
    Ok(iter_object(IterState::Items(items.into()), "numpy.ndindex"))
}
