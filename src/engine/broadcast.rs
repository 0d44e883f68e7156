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
