//! Where a copy's values came from: the statement's index applied to a
//! "tag" array whose every cell holds its own buffer position. Only for
//! small buffers (the diagram shows cells one by one only there), so the
//! cost stays bounded.

use crate::engine::{ArrayRef, DType, Layout, NdArray, Scalar};
use crate::eval::{Session, Value};
use crate::syntax::ast::{Expr, ExprKind};

/// Buffers larger than this are drawn to scale, without gather numbers.
const MAX_CELLS: usize = 400;

/// A name nobody types, bound only while the index is re-applied.
const TAG: &str = "__slicelab_gather_tag__";

/// For `expr = src[index]`: the buffer cell of `src`'s owner each element
/// of the result was taken from, in reading order.
pub fn cells(session: &mut Session, expr: &Expr, src: &ArrayRef) -> Option<Vec<usize>> {
    let ExprKind::Subscript { value, index } = &expr.kind else {
        return None;
    };
    if !matches!(value.kind, ExprKind::Name(_)) {
        return None;
    }
    let owner = src.base().cloned().unwrap_or_else(|| src.clone());
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
    let saved = session.bindings();
    session.bind(TAG, Value::Array(tagged));
    let probe = Expr {
        kind: ExprKind::Subscript {
            value: Box::new(Expr {
                kind: ExprKind::Name(TAG.into()),
                span: value.span,
            }),
            index: index.clone(),
        },
        span: expr.span,
    };
    let result = session.evaluate(&probe);
    session.restore_bindings(saved);
    match result? {
        Value::Array(a) => Some(
            a.to_scalars()
                .iter()
                .map(|s| match s {
                    Scalar::Int(i) => *i as usize,
                    _ => 0,
                })
                .collect(),
        ),
        _ => None,
    }
}
