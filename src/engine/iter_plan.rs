//! NpyIter's axis plan (`nditer_constr.c`, `nditer_api.c`): which axes an
//! `np.nditer` walks, innermost first, with one byte stride per operand
//! (and the C/F index's element stride last). The steps are NumPy's, in
//! its order: index strides on the C axes, then the forced order (`'F'`
//! reverses the axes), or for `'K'` the stable insertion sort by stride
//! (`npyiter_find_best_axis_ordering`, C order winning a conflict) and the
//! flip of axes whose strides are all negative or zero
//! (`npyiter_flip_negative_strides`), then the merge of neighbouring axes
//! that walk memory as one (`npyiter_coalesce_axes`) when no multi-index is
//! tracked. Pure arithmetic: no arrays, no Python.

/// One iterator axis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanAxis {
    /// How many steps it has.
    pub len: usize,
    /// The byte stride of each operand, then the index's element stride
    /// when an index is tracked.
    pub strides: Vec<isize>,
    /// The C axis of the iteration shape it walks (meaningless once axes
    /// were coalesced).
    pub src: usize,
    /// Walked backwards (a flipped negative stride): the multi-index
    /// counts down.
    pub flipped: bool,
}

/// How the axes are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanOrder {
    /// `order='C'`: the last axis innermost.
    C,
    /// `order='F'` (or `'A'` over Fortran-contiguous operands).
    F,
    /// `order='K'`: memory order of the operands.
    K,
}

/// The plan: axes innermost first, and the byte offset of the first
/// element of each operand (then the index's first value) that flipping
/// added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Innermost first.
    pub axes: Vec<PlanAxis>,
    /// Offset of the first visited element, per stride slot.
    pub base: Vec<isize>,
    /// Were axes merged (so no multi-index can be read)?
    pub coalesced: bool,
}

/// Which flat index the iterator tracks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexKind {
    /// `c_index`.
    C,
    /// `f_index`.
    F,
}

/// What [`plan`] needs besides the shape and strides.
#[derive(Debug, Clone, Copy)]
pub struct PlanOptions {
    /// The iteration order.
    pub order: PlanOrder,
    /// The index tracked, if any.
    pub index: Option<IndexKind>,
    /// Negative strides may be flipped (no operand is being allocated).
    pub may_flip: bool,
    /// Axes may be merged (no multi-index is tracked).
    pub may_coalesce: bool,
}

/// The plan for iteration `shape` (C order) with each operand's byte
/// `strides` over it (0 where it broadcasts).
pub fn plan(shape: &[usize], strides: &[Vec<isize>], opts: PlanOptions) -> Plan {
    let ndim = shape.len();
    let nop = strides.len();
    let nstrides = nop + usize::from(opts.index.is_some());
    let itersize: usize = shape.iter().product();
    // AXISDATA: innermost (last C axis) first.
    let mut axes: Vec<PlanAxis> = (0..ndim)
        .map(|k| {
            let src = ndim - 1 - k;
            let mut s: Vec<isize> = strides.iter().map(|op| op[src]).collect();
            if opts.index.is_some() {
                s.push(0);
            }
            PlanAxis {
                len: shape[src],
                strides: s,
                src,
                flipped: false,
            }
        })
        .collect();
    // `npyiter_compute_index_strides`: nothing to do for one element.
    if let Some(kind) = opts.index
        && itersize != 1
    {
        let order: Vec<usize> = match kind {
            IndexKind::C => (0..ndim).collect(),
            IndexKind::F => (0..ndim).rev().collect(),
        };
        let mut step = 1isize;
        for k in order {
            let len = axes[k].len;
            axes[k].strides[nop] = if len == 1 { 0 } else { step };
            step *= len as isize;
        }
    }
    let mut base = vec![0isize; nstrides];
    match opts.order {
        PlanOrder::C => {}
        PlanOrder::F => axes.reverse(),
        PlanOrder::K => {
            if ndim > 1 {
                sort_by_strides(&mut axes, nop);
            }
            if opts.may_flip {
                flip_negative(&mut axes, &mut base, nop);
            }
        }
    }
    let coalesced = opts.may_coalesce && ndim > 1;
    if coalesced {
        axes = coalesce(axes);
    }
    Plan {
        axes,
        base,
        coalesced,
    }
}

/// `npyiter_find_best_axis_ordering`: a stable insertion sort from the
/// smallest stride to the biggest, looking only at operands whose strides
/// are both nonzero; where operands disagree, C order wins.
fn sort_by_strides(axes: &mut Vec<PlanAxis>, nop: usize) {
    let strides: Vec<Vec<isize>> = (0..nop)
        .map(|op| axes.iter().map(|a| a.strides[op]).collect())
        .collect();
    let mut order: Vec<usize> = (0..axes.len()).collect();
    super::kept_order::sort_inner_first(&mut order, &strides);
    let mut taken: Vec<Option<PlanAxis>> = std::mem::take(axes).into_iter().map(Some).collect();
    *axes = order.iter().filter_map(|&k| taken[k].take()).collect();
}

/// `npyiter_flip_negative_strides`: an axis where some operand walks
/// backwards and none forwards is walked forwards from its far end.
fn flip_negative(axes: &mut [PlanAxis], base: &mut [isize], nop: usize) {
    for ax in axes.iter_mut() {
        let mut any_negative = false;
        let mut all = true;
        for &s in &ax.strides[..nop] {
            if s < 0 {
                any_negative = true;
            } else if s != 0 {
                all = false;
                break;
            }
        }
        if any_negative && all {
            let last = ax.len as isize - 1;
            for (b, s) in base.iter_mut().zip(ax.strides.iter_mut()) {
                *b += last * *s;
                *s = -*s;
            }
            ax.flipped = true;
        }
    }
}

/// `npyiter_coalesce_axes`: merge an axis into the next when, for every
/// stride slot, stepping the inner axis to its end lands on the outer
/// axis's next step (or either is a length-1 axis with stride 0).
pub fn coalesce(axes: Vec<PlanAxis>) -> Vec<PlanAxis> {
    let mut out: Vec<PlanAxis> = Vec::with_capacity(axes.len());
    for ax in axes {
        let Some(last) = out.last_mut() else {
            out.push(ax);
            continue;
        };
        let can = last.strides.iter().zip(&ax.strides).all(|(&s0, &s1)| {
            (last.len == 1 && s0 == 0) || (ax.len == 1 && s1 == 0) || s0 * last.len as isize == s1
        });
        if can {
            last.len *= ax.len;
            for (s0, &s1) in last.strides.iter_mut().zip(&ax.strides) {
                if *s0 == 0 {
                    *s0 = s1;
                }
            }
        } else {
            out.push(ax);
        }
    }
    out
}

/// The byte strides of an array the iterator allocates
/// (`npyiter_new_temp_array`): packed in the plan's axis order, so the
/// innermost iterator axis is the fastest in memory. `op_axes[k]` is the
/// array axis C axis `k` of the iteration maps to (`None`: not in the
/// array, a reduction axis). Returns strides for `op_ndim` axes.
pub fn allocated_strides(
    axes: &[PlanAxis],
    shape: &[usize],
    op_axes: &[Option<usize>],
    op_ndim: usize,
    itemsize: usize,
) -> Vec<isize> {
    let mut strides = vec![0isize; op_ndim];
    let mut step = itemsize as isize;
    for ax in axes {
        if let Some(Some(i)) = op_axes.get(ax.src) {
            strides[*i] = step;
            step *= shape[ax.src] as isize;
        }
    }
    strides
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(order: PlanOrder) -> PlanOptions {
        PlanOptions {
            order,
            index: None,
            may_flip: true,
            may_coalesce: true,
        }
    }

    #[test]
    fn c_array_coalesces_to_one_axis() {
        let p = plan(&[2, 3], &[vec![24, 8]], opts(PlanOrder::K));
        assert_eq!(p.axes.len(), 1);
        assert_eq!(p.axes[0].len, 6);
        assert_eq!(p.axes[0].strides, vec![8]);
    }

    #[test]
    fn transposed_array_walks_memory_order() {
        // a.T of a (2, 3) C array: shape (3, 2), strides (8, 24).
        let p = plan(&[3, 2], &[vec![8, 24]], opts(PlanOrder::K));
        assert_eq!(p.axes.len(), 1);
        assert_eq!(p.axes[0].strides, vec![8]);
        let f = plan(&[2, 3], &[vec![24, 8]], opts(PlanOrder::F));
        assert_eq!(f.axes.len(), 2);
        assert_eq!(f.axes[0].strides, vec![24]);
    }

    #[test]
    fn negative_strides_flip() {
        let p = plan(&[3], &[vec![-16]], opts(PlanOrder::K));
        assert_eq!(p.base, vec![-32]);
        assert_eq!(p.axes[0].strides, vec![16]);
        assert!(p.axes[0].flipped);
    }

    #[test]
    fn f_index_strides() {
        let mut o = opts(PlanOrder::K);
        o.index = Some(IndexKind::F);
        o.may_coalesce = false;
        let p = plan(&[2, 3], &[vec![24, 8]], o);
        // innermost is C axis 1 (len 3): F index stride 2.
        assert_eq!(p.axes[0].strides, vec![8, 2]);
        assert_eq!(p.axes[1].strides, vec![24, 1]);
    }

    #[test]
    fn allocation_follows_plan() {
        let p = plan(&[3, 2], &[vec![8, 24], vec![0, 0]], opts(PlanOrder::K));
        let p2 = PlanOptions {
            may_coalesce: false,
            ..opts(PlanOrder::K)
        };
        let q = plan(&[3, 2], &[vec![8, 24]], p2);
        assert_eq!(p.axes.len(), 1);
        assert_eq!(
            allocated_strides(&q.axes, &[3, 2], &[Some(0), Some(1)], 2, 8),
            vec![8, 24]
        );
    }
}
