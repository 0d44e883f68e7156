//! Broadcasting: NumPy's rule that axes of length 1 (or missing leading
//! axes) stretch to match, by giving them stride 0. No data moves.

use super::error::EngineError;
use super::layout::Layout;

/// The broadcast shape of several shapes, or `None` if they do not broadcast.
pub fn broadcast_shapes(shapes: &[&[usize]]) -> Option<Vec<usize>> {
    let nd = shapes.iter().map(|s| s.len()).max().unwrap_or(0);
    let mut out = vec![1usize; nd];
    for s in shapes {
        let pad = nd - s.len();
        for (k, &n) in s.iter().enumerate() {
            let o = &mut out[pad + k];
            if *o == 1 {
                *o = n;
            } else if n != 1 && n != *o {
                return None;
            }
        }
    }
    Some(out)
}

/// Like `broadcast_shapes`, with NumPy's operand error.
pub fn broadcast_shapes_or_err(shapes: &[&[usize]]) -> Result<Vec<usize>, EngineError> {
    broadcast_shapes(shapes).ok_or_else(|| EngineError::BroadcastMismatch {
        shapes: shapes.iter().map(|s| s.to_vec()).collect(),
    })
}

/// NumPy's multi-iterator broadcast (`PyArray_Broadcast`: `np.broadcast`,
/// `broadcast_arrays`, `broadcast_shapes`, `cross`, the random samplers'
/// parameters): dimensions from the outermost, and a mismatch names the
/// argument that set the dimension and the first that disagrees with it.
pub fn broadcast_objects(shapes: &[&[usize]]) -> Result<Vec<usize>, EngineError> {
    let nd = shapes.iter().map(|s| s.len()).max().unwrap_or(0);
    let mut out = vec![1usize; nd];
    for (i, o) in out.iter_mut().enumerate() {
        let mut src = 0;
        for (j, s) in shapes.iter().enumerate() {
            let Some(k) = (i + s.len()).checked_sub(nd) else {
                continue;
            };
            let d = s[k];
            if d == 1 {
                continue;
            }
            if *o == 1 {
                *o = d;
                src = j;
            } else if *o != d {
                return Err(EngineError::value(format!(
                    "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg {src} with shape {} and arg {j} with shape {}.",
                    super::error::shape_tuple(shapes[src]),
                    super::error::shape_tuple(s)
                )));
            }
        }
    }
    Ok(out)
}

/// NumPy's iterator over a ufunc's operands: the inputs and the output
/// (`out=`, or the target of `x += y`) broadcast together — failing that,
/// every operand's shape is listed, a 0-d one as `()` — and the output
/// must already have the broadcast shape. The one check every ufunc-like
/// caller makes, so the messages cannot drift apart.
pub fn check_operands(
    inputs: &[&[usize]],
    out: Option<&[usize]>,
) -> Result<Vec<usize>, EngineError> {
    let mut all: Vec<&[usize]> = inputs.to_vec();
    all.extend(out);
    let want = broadcast_shapes_or_err(&all)?;
    match out {
        Some(o) if o != want.as_slice() => Err(EngineError::NonBroadcastableOutput {
            out: o.to_vec(),
            want,
        }),
        _ => Ok(want),
    }
}

/// The layout that reads `layout` as if it had shape `target` (which must be
/// a broadcast of it): stretched axes get stride 0.
pub fn broadcast_layout(layout: &Layout, target: &[usize]) -> Layout {
    let pad = target.len() - layout.ndim();
    let mut strides = vec![0isize; target.len()];
    for k in 0..layout.ndim() {
        strides[pad + k] = if layout.shape[k] == 1 && target[pad + k] != 1 {
            0
        } else {
            layout.strides[k]
        };
    }
    Layout {
        shape: target.to_vec(),
        strides,
        offset: layout.offset,
    }
}

/// True when `from` can be broadcast to exactly `to`.
pub fn broadcasts_to(from: &[usize], to: &[usize]) -> bool {
    if from.len() > to.len() {
        return false;
    }
    let pad = to.len() - from.len();
    from.iter()
        .enumerate()
        .all(|(k, &n)| n == 1 || n == to[pad + k])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_broadcast() {
        assert_eq!(
            broadcast_shapes(&[&[5, 1, 4], &[3, 1]]),
            Some(vec![5, 3, 4])
        );
        assert_eq!(broadcast_shapes(&[&[3, 4], &[3]]), None);
    }
}
