//! The memory order NumPy gives a new elementwise result. A ufunc
//! allocates its output with `NPY_KEEPORDER`: laid out in the order its
//! iterator walks the operands, so `f + 1` of a Fortran-ordered `f` is
//! Fortran-ordered and `a.T * 2` is laid out like `a`. That order decides
//! the result's `.strides`, its flags, and whether a later `ravel` or
//! `reshape` is a view — things a learner inspects.

use super::array::{ArrayRef, NdArray, copy_elements};
use super::broadcast::broadcast_layout;
use super::error::EngineError;
use super::layout::Layout;

/// The axes, outermost first, in the order NumPy's iterator walks these
/// operands (`npyiter_find_best_axis_ordering`): a stable insertion sort
/// from the innermost axis by |stride|. A zero stride (a broadcast axis,
/// or an axis of length 1, which the iterator gives stride 0) compares
/// with nothing; an axis moves outward only if every operand that can
/// compare agrees, so where operands disagree C order wins.
pub fn iteration_order(strides: &[Vec<isize>]) -> Vec<usize> {
    let nd = strides.first().map_or(0, Vec::len);
    let mut inner_first: Vec<usize> = (0..nd).rev().collect();
    sort_inner_first(&mut inner_first, strides);
    inner_first.reverse();
    inner_first
}

/// The insertion sort itself, on `inner_first` (axis numbers, innermost
/// first; `strides[op][axis]`), as `npyiter_find_best_axis_ordering` does
/// it. `iter_plan.rs` (np.nditer) sorts its axes with it too.
pub fn sort_inner_first(inner_first: &mut Vec<usize>, strides: &[Vec<isize>]) {
    for i0 in 1..inner_first.len() {
        let j0 = inner_first[i0];
        let mut at = i0;
        for i1 in (0..i0).rev() {
            let j1 = inner_first[i1];
            let mut ambiguous = true;
            let mut swap = false;
            for s in strides {
                let (s0, s1) = (s[j0], s[j1]);
                if s0 != 0 && s1 != 0 {
                    if s1.unsigned_abs() <= s0.unsigned_abs() {
                        swap = false;
                    } else if ambiguous {
                        swap = true;
                    }
                    ambiguous = false;
                }
            }
            if !ambiguous {
                if swap {
                    at = i1;
                } else {
                    break;
                }
            }
        }
        if at != i0 {
            let axis = inner_first.remove(i0);
            inner_first.insert(at, axis);
        }
    }
}

/// The iteration order of `operands` broadcast to `shape`.
pub fn operands_order(shape: &[usize], operands: &[&NdArray]) -> Vec<usize> {
    let layouts: Vec<Layout> = operands.iter().map(|a| a.layout()).collect();
    layouts_order(shape, &layouts)
}

/// The iteration order of operands with these layouts, broadcast to
/// `shape` (only their shapes and strides count).
pub fn layouts_order(shape: &[usize], layouts: &[Layout]) -> Vec<usize> {
    let strides: Vec<Vec<isize>> = layouts
        .iter()
        .map(|layout| {
            let l = broadcast_layout(layout, shape);
            l.strides
                .iter()
                .zip(shape)
                .map(|(&s, &n)| if n == 1 { 0 } else { s })
                .collect()
        })
        .collect();
    if strides.is_empty() {
        return (0..shape.len()).collect();
    }
    iteration_order(&strides)
}

/// `out` (a fresh C-ordered result) laid out as NumPy would have
/// allocated it for these operands: `out` itself when that is C order,
/// else a new array with positive strides in the iterator's axis order.
pub fn kept_like(out: ArrayRef, operands: &[&NdArray]) -> Result<ArrayRef, EngineError> {
    let layouts: Vec<Layout> = operands.iter().map(|a| a.layout()).collect();
    kept_like_layouts(out, &layouts)
}

/// [`kept_like`] for operands known by their layouts alone (the index
/// arrays of an advanced index, some of which exist only as a count).
pub fn kept_like_layouts(out: ArrayRef, layouts: &[Layout]) -> Result<ArrayRef, EngineError> {
    let shape = out.shape();
    if shape.len() < 2 || out.size() < 2 {
        return Ok(out);
    }
    let perm = layouts_order(&shape, layouts);
    if perm.iter().enumerate().all(|(i, &k)| i == k) {
        return Ok(out);
    }
    let fresh = NdArray::zeros_permuted(&shape, out.dtype().clone(), &perm)?;
    copy_elements(&out, &fresh)?;
    Ok(fresh)
}

/// The axes, outermost first, in the memory order `np.concatenate` gives
/// its result (`PyArray_CreateMultiSortedStridePerm`, shape.c): the
/// iterator's stable insertion sort run from the outermost axis, by
/// |stride|, where an axis of length 1 in an array compares with nothing
/// and where arrays disagree C order wins.
pub fn multi_sorted_stride_perm(arrays: &[&NdArray]) -> Vec<usize> {
    let layouts: Vec<(Vec<usize>, Vec<isize>)> =
        arrays.iter().map(|a| (a.shape(), a.strides())).collect();
    stride_perm_of(&layouts)
}

fn stride_perm_of(layouts: &[(Vec<usize>, Vec<isize>)]) -> Vec<usize> {
    let nd = layouts.first().map_or(0, |l| l.0.len());
    let mut perm: Vec<usize> = (0..nd).collect();
    for i0 in 1..nd {
        let j0 = perm[i0];
        let mut at = i0;
        for i1 in (0..i0).rev() {
            let j1 = perm[i1];
            let mut ambiguous = true;
            let mut swap = false;
            for (shape, strides) in layouts {
                if shape[j0] != 1 && shape[j1] != 1 {
                    if strides[j0].unsigned_abs() <= strides[j1].unsigned_abs() {
                        swap = false;
                    } else if ambiguous {
                        swap = true;
                    }
                    ambiguous = false;
                }
            }
            if !ambiguous {
                if swap {
                    at = i1;
                } else {
                    break;
                }
            }
        }
        if at != i0 {
            let axis = perm.remove(i0);
            perm.insert(at, axis);
        }
    }
    perm
}

#[cfg(test)]
mod tests {
    use super::{iteration_order, stride_perm_of};

    #[test]
    fn one_operand_sorts_by_stride_size() {
        // a[:, ::-1].transpose(2, 0, 1) of a (2, 3, 4) int64 array.
        assert_eq!(iteration_order(&[vec![8, 96, -32]]), vec![1, 2, 0]);
        assert_eq!(iteration_order(&[vec![8, 24]]), vec![1, 0]);
        // A broadcast axis stays where C order puts it.
        assert_eq!(iteration_order(&[vec![8, 0]]), vec![0, 1]);
    }

    #[test]
    fn c_order_wins_when_operands_disagree() {
        // A Fortran (2, 3) operand and a C one: NumPy allocates C.
        assert_eq!(iteration_order(&[vec![8, 16], vec![24, 8]]), vec![0, 1]);
        // A Fortran operand and a broadcast row: Fortran.
        assert_eq!(iteration_order(&[vec![8, 16], vec![0, 8]]), vec![1, 0]);
    }

    #[test]
    fn concatenate_keeps_the_inputs_layout() {
        // Two Fortran (2, 3) float64 arrays: Fortran.
        let f = (vec![2, 3], vec![8, 16]);
        assert_eq!(stride_perm_of(&[f.clone(), f.clone()]), vec![1, 0]);
        // A Fortran one and a C one: C wins.
        let c = (vec![2, 3], vec![24, 8]);
        assert_eq!(stride_perm_of(&[f, c]), vec![0, 1]);
        // A length-1 axis compares with nothing (np.stack's new axis).
        let g = (vec![1, 2, 3], vec![0, 8, 16]);
        assert_eq!(stride_perm_of(&[g.clone(), g]), vec![0, 2, 1]);
    }
}
