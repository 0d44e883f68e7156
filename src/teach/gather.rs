//! Where a copy's values came from: the statement's index applied to a
//! "tag" array whose every cell holds its own buffer position. Only for
//! small buffers (the diagram shows cells one by one only there), so the
//! cost stays bounded.

use crate::engine::{ArrayRef, DType, Layout, NdArray, Scalar};
use crate::eval::{Session, Value};
use crate::syntax::ast::{Arg, Expr, ExprKind};

/// Buffers larger than this are drawn to scale, without gather numbers.
const MAX_CELLS: usize = 400;

/// Functions and methods that only move or copy values (so applying them
/// to cell numbers tells where each value came from). Sorting and the like
/// depend on the values themselves and are left out.
const MOVERS: &[&str] = &[
    "reshape",
    "ravel",
    "flatten",
    "copy",
    "transpose",
    "swapaxes",
    "moveaxis",
    "squeeze",
    "expand_dims",
    "astype",
    "take",
    "repeat",
    "array",
    "asarray",
    "ascontiguousarray",
    "asfortranarray",
    "flip",
    "fliplr",
    "flipud",
    "diagonal",
    "tile",
    "broadcast_to",
];

/// A name nobody types, bound only while the index is re-applied.
const TAG: &str = "__slicelab_gather_tag__";

/// For a copy taken from the named array `src` (`src[index]`,
/// `src.T.reshape(12)`, `np.array(src)`): the buffer cell of `src`'s owner
/// each element of the result was taken from, in reading order.
pub fn cells(session: &mut Session, expr: &Expr, src: &ArrayRef) -> Option<Vec<usize>> {
    let probe = with_tag_at_root(expr)?;
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
    let result = session.evaluate(&probe);
    session.restore_bindings(saved);
    match result? {
        Value::Array(a) => Some(
            a.to_scalars()
                .iter()
                .map(|s| match s {
                    Scalar::Int(i) => usize::try_from(*i).ok(),
                    Scalar::UInt(u) => usize::try_from(*u).ok(),
                    Scalar::Float(f) if *f >= 0.0 && f.fract() == 0.0 => Some(*f as usize),
                    _ => None,
                })
                .collect::<Option<Vec<usize>>>()?,
        ),
        _ => None,
    }
}

/// `expr` with the name at the root of its source chain replaced by the
/// tag name: `a[a > 5]` becomes `TAG[a > 5]` (the mask still reads `a`).
fn with_tag_at_root(expr: &Expr) -> Option<Expr> {
    let kind = match &expr.kind {
        ExprKind::Name(n) if n != "np" => ExprKind::Name(TAG.into()),
        ExprKind::Subscript { value, index } => ExprKind::Subscript {
            value: Box::new(with_tag_at_root(value)?),
            index: index.clone(),
        },
        ExprKind::Attribute { value, name } if !is_np(value) => ExprKind::Attribute {
            value: Box::new(with_tag_at_root(value)?),
            name: name.clone(),
        },
        ExprKind::Call { func, args } => match &func.kind {
            ExprKind::Attribute { name, .. } if !MOVERS.contains(&name.as_str()) => return None,
            ExprKind::Attribute { value, .. } if is_np(value) => {
                let mut args = args.clone();
                let first = args.iter_mut().find_map(|a| match a {
                    Arg::Positional(e) => Some(e),
                    Arg::Keyword(..) => None,
                })?;
                *first = with_tag_at_root(first)?;
                ExprKind::Call {
                    func: func.clone(),
                    args,
                }
            }
            ExprKind::Attribute { .. } => ExprKind::Call {
                func: Box::new(with_tag_at_root(func)?),
                args: args.clone(),
            },
            _ => return None,
        },
        _ => return None,
    };
    Some(Expr {
        kind,
        span: expr.span,
    })
}

fn is_np(e: &Expr) -> bool {
    matches!(&e.kind, ExprKind::Name(n) if n == "np" || n == "numpy")
}
