//! `np.block(arrays)`: NumPy's `_block_setup` then `_block_concatenate` —
//! the nested lists are checked for equal depth (tuples refused, empty
//! lists named by their index), every leaf is raised to the result's
//! number of dimensions, and the innermost lists are joined along the last
//! axis, the next ones along the axis before, and so on. Always a new
//! array, even for a bare array.

use super::error::{PyError, PyResult};
use super::value::Value;
use crate::engine::{ArrayRef, Order};
use crate::eval::convert::as_array;
use crate::eval::reshaping::{concatenate, reshape};

/// Where a leaf sits: one index per list level, `None` for an empty list.
type Path = Vec<Option<usize>>;

/// `np.block(arrays)`.
pub fn block(arrays: &Value) -> PyResult<ArrayRef> {
    let (bottom, arr_ndim) = check_depths(arrays, &mut Vec::new())?;
    if bottom.last() == Some(&None) {
        return Err(PyError::value(format!(
            "List at {} cannot be empty",
            format_index(&bottom)
        )));
    }
    let list_ndim = bottom.len();
    let result_ndim = arr_ndim.max(list_ndim);
    let out = join(arrays, list_ndim, result_ndim, 0)?;
    // A bare array is copied too, as NumPy's `_block_concatenate` does.
    if list_ndim == 0 {
        return Ok(out.copy(Order::C)?);
    }
    Ok(out)
}

/// NumPy's `_block_format_index`: `arrays[0][1]`.
fn format_index(path: &Path) -> String {
    let idx: String = path.iter().flatten().map(|i| format!("[{i}]")).collect();
    format!("arrays{idx}")
}

/// NumPy's `_block_check_depths_match`: the path of the first deepest
/// leaf and the largest leaf `ndim`.
fn check_depths(arrays: &Value, parent: &mut Path) -> PyResult<(Path, usize)> {
    match arrays {
        Value::Tuple(_) => Err(PyError::type_error(format!(
            "{} is a tuple. Only lists can be used to arrange blocks, and np.block does not allow implicit conversion from tuple to ndarray.",
            format_index(parent)
        ))),
        Value::List(items) => {
            let items = items.borrow().clone();
            if items.is_empty() {
                let mut p = parent.clone();
                p.push(None);
                return Ok((p, 0));
            }
            let mut first: Option<Path> = None;
            let mut max_ndim = 0;
            for (i, item) in items.iter().enumerate() {
                parent.push(Some(i));
                let found = check_depths(item, parent);
                parent.pop();
                let (index, ndim) = found?;
                max_ndim = max_ndim.max(ndim);
                match &first {
                    None => first = Some(index),
                    Some(f) => {
                        if index.len() != f.len() {
                            return Err(PyError::value(format!(
                                "List depths are mismatched. First element was at depth {}, but there is an element at depth {} ({})",
                                f.len(),
                                index.len(),
                                format_index(&index)
                            )));
                        }
                        if index.last() == Some(&None) {
                            first = Some(index);
                        }
                    }
                }
            }
            Ok((first.unwrap_or_default(), max_ndim))
        }
        leaf => Ok((parent.clone(), as_array(leaf)?.ndim())),
    }
}

/// NumPy's `_block`: join the lists below `depth`, innermost along the
/// last axis.
fn join(arrays: &Value, max_depth: usize, result_ndim: usize, depth: usize) -> PyResult<ArrayRef> {
    if depth < max_depth {
        let Value::List(items) = arrays else {
            unreachable!("depths were checked")
        };
        let parts: Vec<ArrayRef> = items
            .borrow()
            .iter()
            .map(|a| join(a, max_depth, result_ndim, depth + 1))
            .collect::<PyResult<_>>()?;
        let axis = result_ndim - (max_depth - depth);
        concatenate(&parts, Some(axis))
    } else {
        atleast_nd(&as_array(arrays)?, result_ndim)
    }
}

/// `np.array(a, ndmin=ndim, copy=None)`: ones prepended, no copy.
fn atleast_nd(a: &ArrayRef, ndim: usize) -> PyResult<ArrayRef> {
    if a.ndim() >= ndim {
        return Ok(a.clone());
    }
    let mut shape = vec![Value::Int(1); ndim - a.ndim()];
    shape.extend(a.shape().iter().map(|&d| Value::Int(d as i128)));
    reshape(a, &Value::tuple(shape), Order::C)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_paths_print_as_numpys() {
        assert_eq!(format_index(&vec![Some(1), Some(0)]), "arrays[1][0]");
        assert_eq!(format_index(&vec![Some(0), None]), "arrays[0]");
    }
}
