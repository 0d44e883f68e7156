//! Where a copy's values came from: the evaluator records the one step
//! that made each copy (`crate::eval::provenance`: the source array and
//! the index or method arguments as already evaluated), and this file
//! applies that step to a "tag" array laid out like the source whose every
//! cell holds its own buffer position. Nothing of the learner's statement
//! is evaluated again. Only for small buffers (the diagram shows cells one
//! by one only there), so the cost stays bounded.

use crate::engine::{DType, Layout, NdArray, Scalar};
use crate::eval::provenance::Made;
use crate::eval::{Session, Value};

/// Buffers larger than this are drawn to scale, without gather numbers.
const MAX_CELLS: usize = 400;

/// For the copy made by the expression spanning `span`: the buffer cell
/// of its source's owner each element was taken from, in reading order.
pub fn cells(session: &mut Session, made: &[Made], span: (usize, usize)) -> Option<Vec<usize>> {
    let made = made.iter().rev().find(|m| m.span == span)?;
    let src = &made.source;
    let owner = super::render::drawn_owner(src, &session.bindings());
    let item = owner.dtype().itemsize();
    if owner.size() > MAX_CELLS || src.dtype() != owner.dtype() || item == 0 {
        return None;
    }
    let l = src.layout();
    if !l.offset.is_multiple_of(item) || l.strides.iter().any(|s| s % item as isize != 0) {
        return None;
    }
    let numbers: Vec<Scalar> = (0..owner.size() as i64).map(Scalar::Int).collect();
    let tags = NdArray::from_scalars(&[owner.size()], DType::Int64, &numbers).ok()?;
    let scale = |x: isize| x / item as isize * 8;
    let layout = Layout {
        shape: l.shape.clone(),
        strides: l.strides.iter().map(|&s| scale(s)).collect(),
        offset: scale(l.offset as isize) as usize,
    };
    let tagged = NdArray::view_with(&tags, layout);
    match session.replay(made, &tagged)? {
        Value::Array(a) => a
            .to_scalars()
            .iter()
            .map(|s| match s {
                Scalar::Int(i) => usize::try_from(*i).ok(),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}
