//! Indexing on NumPy's rules (`numpy/_core/src/multiarray/mapping.c`).
//!
//! Basic indices (ints, slices, newaxis, ellipsis) give a *view*: a new
//! layout on the same buffer, computed in O(ndim). Advanced indices (integer
//! and boolean arrays) give a *copy*: the result is gathered into a new
//! buffer laid out as (broadcast index shape + remaining axes). When the
//! advanced indices are adjacent and not first, NumPy returns that buffer
//! transposed so the index dims sit where the indices were — which is why
//! `m[:, [0, 2]].base` is not None although it shares nothing with `m`.

use super::array::{ArrayRef, NdArray};
use super::broadcast::{broadcast_layout, broadcast_shapes, broadcasts_to};
use super::dtype::DType;
use super::element::{Element, load};
use super::error::EngineError;
use super::iter::for_each_offset;
use super::layout::Layout;
use super::scalar::Scalar;
use crate::dispatch_numeric;

/// One entry of an index tuple, already converted from Python objects.
#[derive(Debug, Clone)]
pub enum IndexItem {
    /// An integer (possibly negative).
    Int(i64),
    /// `start:stop:step`, each optional.
    Slice(Option<i64>, Option<i64>, Option<i64>),
    /// `None` / `np.newaxis`.
    NewAxis,
    /// `...`.
    Ellipsis,
    /// An integer array (any integer dtype, any shape). A 0-d one is an
    /// integer, except that an index it does not complete is a copy
    /// (mapping.c's `HAS_SCALAR_ARRAY`): see [`IndexItem::integer`].
    IntArray(ArrayRef),
    /// A boolean array; 0-d for a scalar `True`/`False`.
    BoolArray(ArrayRef),
}

impl IndexItem {
    /// The integer this item is: a Python int, or a 0-d integer array
    /// (which NumPy reads as one).
    pub fn integer(&self) -> Option<i64> {
        match self {
            IndexItem::Int(i) => Some(*i),
            IndexItem::IntArray(a) if a.ndim() == 0 => int_values(a).first().copied(),
            _ => None,
        }
    }

    /// A 0-d integer array.
    fn is_scalar_array(&self) -> bool {
        matches!(self, IndexItem::IntArray(a) if a.ndim() == 0)
    }
}

/// What indexing produced.
#[derive(Debug, Clone)]
pub enum Indexed {
    /// Every axis was taken by an integer: one element.
    Scalar(Scalar),
    /// A view (basic indexing) or a copy (advanced).
    Array(ArrayRef),
}

/// Python's `slice.indices(len)`: normalised (start, length, step).
pub fn adjust_slice(
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
    len: usize,
) -> Result<(i64, usize, i64), EngineError> {
    // Python clamps a huge negative step to -sys.maxsize, so it negates.
    let step = step.unwrap_or(1).max(-i64::MAX);
    if step == 0 {
        return Err(EngineError::ZeroStep);
    }
    let n = len as i64;
    let clamp = |v: Option<i64>, default: i64| -> i64 {
        match v {
            None => default,
            Some(v) => {
                let v = if v < 0 { v.saturating_add(n) } else { v };
                if step > 0 {
                    v.clamp(0, n)
                } else {
                    v.clamp(-1, n - 1)
                }
            }
        }
    };
    let (start, stop) = if step > 0 {
        (clamp(start, 0), clamp(stop, n))
    } else {
        (clamp(start, n - 1), clamp(stop, -1))
    };
    let count = if step > 0 {
        if stop > start {
            (stop - start - 1) / step + 1
        } else {
            0
        }
    } else if start > stop {
        (start - stop - 1) / (-step) + 1
    } else {
        0
    };
    Ok((start, count as usize, step))
}

/// An advanced index entry after preparation.
struct Advanced {
    /// Index values, as i64, with their shape.
    values: Vec<i64>,
    shape: Vec<usize>,
    /// The axis of the basic view it indexes (None for a 0-d bool).
    view_axis: Option<usize>,
    /// The axis of the original array (for error messages).
    array_axis: usize,
    /// Position in the expanded item list (for adjacency).
    slot: usize,
    /// Came from a Python int: excluded from shape-mismatch messages.
    from_int: bool,
}

/// The index split into a basic view plus advanced entries.
struct Prepared {
    view: Layout,
    advanced: Vec<Advanced>,
    /// All items were ints and covered every axis.
    all_ints: bool,
    /// A 0-d integer array among the items of an index that is neither
    /// complete nor advanced: NumPy copies the view it gives.
    scalar_array: bool,
    /// The sole index was one boolean array (for NumPy's setitem message).
    single_bool: Option<usize>,
}

fn int_values(a: &NdArray) -> Vec<i64> {
    let l = a.layout();
    let bytes = a.buffer().bytes();
    let mut out = super::buffer::vec_for(&l.shape, a.dtype().itemsize(), &a.dtype().name());
    dispatch_numeric!(a.dtype(), T => for_each_offset(&l.shape, &l.strides, l.offset as isize, |o| out.push(load::<T>(&bytes, o).to_i64())),
    // An integer index in a written-out byte order (`'>i4'`).
    _ => for_each_offset(&l.shape, &l.strides, l.offset as isize, |o| {
        let v = super::element::read_scalar(&bytes, o, a.dtype());
        out.push(super::element::scalar_to::<i64>(&v))
    }));
    out
}

fn bool_values(a: &NdArray) -> Vec<bool> {
    let l = a.layout();
    let bytes = a.buffer().bytes();
    let mut out = super::buffer::vec_for(&l.shape, a.dtype().itemsize(), &a.dtype().name());
    for_each_offset(&l.shape, &l.strides, l.offset as isize, |o| {
        out.push(bytes[o as usize] != 0)
    });
    out
}

/// The coordinates of the true entries of a C-ordered boolean block, one
/// vector per axis (what `np.nonzero` gives). Counts with an odometer, so no
/// allocation per element: masks can have 10^8 entries.
fn true_coordinates(flags: &[bool], shape: &[usize]) -> Vec<Vec<i64>> {
    let nnz = flags.iter().filter(|&&f| f).count();
    let mut coords: Vec<Vec<i64>> = vec![Vec::with_capacity(nnz); shape.len()];
    let mut at = vec![0usize; shape.len()];
    for &f in flags {
        if f {
            for (c, &i) in coords.iter_mut().zip(&at) {
                c.push(i as i64);
            }
        }
        for k in (0..shape.len()).rev() {
            at[k] += 1;
            if at[k] < shape[k] {
                break;
            }
            at[k] = 0;
        }
    }
    coords
}

/// NumPy's `NPY_MAXDIMS`: no array has more axes.
pub const MAX_DIMS: usize = 64;

fn prepare(shape: &[usize], items: &[IndexItem], base: &Layout) -> Result<Prepared, EngineError> {
    let ndim = shape.len();
    let mut used = 0usize;
    let mut n_ellipsis = 0;
    let mut any_array = false;
    for it in items {
        match it {
            IndexItem::Int(_) | IndexItem::Slice(..) | IndexItem::IntArray(_) => used += 1,
            IndexItem::BoolArray(b) => {
                used += b.ndim();
                any_array = true;
            }
            IndexItem::Ellipsis => n_ellipsis += 1,
            IndexItem::NewAxis => {}
        }
        if let IndexItem::IntArray(a) = it {
            // The evaluator checks index dtypes; a caller that did not
            // (e.g. `np.take` with floats) gets NumPy's error, not garbage.
            if !(a.dtype().is_integer() || a.dtype() == &DType::Bool) && a.size() > 0 {
                return Err(EngineError::NonIntegerIndexArray);
            }
            any_array |= !it.is_scalar_array();
        }
    }
    if n_ellipsis > 1 {
        return Err(EngineError::MultipleEllipsis);
    }
    if used > ndim {
        return Err(EngineError::TooManyIndices { ndim, used });
    }
    let all_ints = n_ellipsis == 0 && used == ndim && items.iter().all(|i| i.integer().is_some());
    let scalar_array = !any_array && !all_ints && items.iter().any(IndexItem::is_scalar_array);
    // NumPy's `HAS_BOOL`: one boolean index of the array's own shape
    // (any other mask becomes integer indices, with their messages).
    let single_bool = match items {
        [IndexItem::BoolArray(b)] if b.ndim() >= 1 && b.shape() == shape => Some(b.ndim()),
        _ => None,
    };

    // Expand the ellipsis (or pad at the end) with full slices.
    let fill = ndim - used;
    let mut expanded: Vec<IndexItem> = Vec::with_capacity(items.len() + fill);
    let mut filled = false;
    for it in items {
        if let IndexItem::Ellipsis = it {
            expanded.extend(std::iter::repeat_n(
                IndexItem::Slice(None, None, None),
                fill,
            ));
            filled = true;
        } else {
            expanded.push(it.clone());
        }
    }
    if !filled {
        expanded.extend(std::iter::repeat_n(
            IndexItem::Slice(None, None, None),
            fill,
        ));
    }

    let mut view = Layout {
        shape: vec![],
        strides: vec![],
        offset: base.offset,
    };
    let mut offset = base.offset as isize;
    let mut axis = 0usize; // axis of the original array
    let mut advanced: Vec<Advanced> = vec![];
    let mut slot = 0usize;
    for it in expanded {
        // Without an advanced index an integer (or a 0-d integer array)
        // fixes one axis of the view.
        if let Some(i) = it.integer().filter(|_| !any_array) {
            let n = shape[axis];
            let j = if i < 0 { i + n as i64 } else { i };
            if j < 0 || j >= n as i64 {
                return Err(EngineError::IndexOutOfBounds {
                    index: i,
                    axis,
                    size: n,
                });
            }
            offset += j as isize * base.strides[axis];
            axis += 1;
            continue;
        }
        match it {
            IndexItem::Slice(a, b, c) => {
                let (start, len, step) = adjust_slice(a, b, c, shape[axis])?;
                if len > 0 {
                    offset += start as isize * base.strides[axis];
                }
                view.shape.push(len);
                // A step past the axis keeps one element; its stride may
                // overflow, which must wrap, never panic.
                view.strides
                    .push((step as isize).wrapping_mul(base.strides[axis]));
                axis += 1;
                slot += 1;
            }
            IndexItem::NewAxis => {
                view.shape.push(1);
                view.strides.push(0);
                slot += 1;
            }
            IndexItem::Ellipsis => unreachable!("expanded above"),
            IndexItem::BoolArray(b) if b.ndim() == 0 => {
                // A scalar bool adds a length-1 (True) or 0 (False) dim.
                let on = bool_values(&b)[0];
                advanced.push(Advanced {
                    values: if on { vec![0] } else { vec![] },
                    shape: vec![on as usize],
                    view_axis: None,
                    array_axis: axis,
                    slot,
                    from_int: false,
                });
                slot += 1;
            }
            // Advanced indices: each entry indexes one axis of the view.
            IndexItem::Int(_) | IndexItem::IntArray(_) | IndexItem::BoolArray(_) => {
                let entries: Vec<(Vec<i64>, Vec<usize>, bool)> = match it {
                    IndexItem::Int(i) => vec![(vec![i], vec![], true)],
                    // A 0-d array is an integer there, left out of messages.
                    IndexItem::IntArray(a) => vec![(int_values(&a), a.shape(), a.ndim() == 0)],
                    IndexItem::BoolArray(b) => {
                        let bshape = b.shape();
                        for (k, &bn) in bshape.iter().enumerate() {
                            if bn != shape[axis + k] {
                                return Err(EngineError::BoolIndexMismatch {
                                    axis: axis + k,
                                    size: shape[axis + k],
                                    bool_size: bn,
                                });
                            }
                        }
                        let coords = true_coordinates(&bool_values(&b), &bshape);
                        coords
                            .into_iter()
                            .map(|values| {
                                let n = values.len();
                                (values, vec![n], false)
                            })
                            .collect()
                    }
                    _ => unreachable!("matched above"),
                };
                for (values, index_shape, from_int) in entries {
                    advanced.push(Advanced {
                        values,
                        shape: index_shape,
                        view_axis: Some(view.shape.len()),
                        array_axis: axis,
                        slot,
                        from_int,
                    });
                    view.shape.push(shape[axis]);
                    view.strides.push(base.strides[axis]);
                    axis += 1;
                    slot += 1;
                }
            }
        }
    }
    if view.shape.len() > MAX_DIMS {
        return Err(EngineError::other(
            "IndexError",
            format!(
                "number of dimensions must be within [0, {MAX_DIMS}], indexing result would have {}",
                view.shape.len()
            ),
        ));
    }
    view.offset = offset as usize;
    Ok(Prepared {
        view,
        advanced,
        all_ints,
        scalar_array,
        single_bool,
    })
}

/// Where the advanced result lands: its shape, and the plan to fill it.
struct Plan {
    /// Broadcast shape of the index arrays.
    bshape: Vec<usize>,
    /// Each advanced entry's values broadcast to `bshape`, flattened.
    offsets: Vec<isize>,
    /// View axes not covered by advanced indices.
    sub_axes: Vec<usize>,
    /// Where the broadcast dims go in the result (0 = first).
    insert_at: usize,
}

fn plan(p: &Prepared) -> Result<Plan, EngineError> {
    let shapes: Vec<&[usize]> = p.advanced.iter().map(|a| a.shape.as_slice()).collect();
    let bshape = broadcast_shapes(&shapes).ok_or_else(|| EngineError::IndexShapeMismatch {
        shapes: p
            .advanced
            .iter()
            .filter(|a| !a.from_int)
            .map(|a| a.shape.clone())
            .collect(),
    })?;
    let n: usize = bshape.iter().product();
    let mut offsets = vec![0isize; n];
    for a in &p.advanced {
        let Some(vaxis) = a.view_axis else { continue };
        let len = p.view.shape[vaxis];
        let stride = p.view.strides[vaxis];
        // Bounds first, in index order, as NumPy reports the first bad one.
        for &v in &a.values {
            let j = if v < 0 { v + len as i64 } else { v };
            if j < 0 || j >= len as i64 {
                return Err(EngineError::IndexOutOfBounds {
                    index: v,
                    axis: a.array_axis,
                    size: len,
                });
            }
        }
        let src = Layout::c_order(&a.shape, 1);
        let bl = broadcast_layout(&src, &bshape);
        let mut k = 0usize;
        for_each_offset(&bl.shape, &bl.strides, 0, |o| {
            let v = a.values[o as usize];
            let j = if v < 0 { v + len as i64 } else { v };
            offsets[k] += j as isize * stride;
            k += 1;
        });
    }
    let adv_axes: Vec<usize> = p.advanced.iter().filter_map(|a| a.view_axis).collect();
    let sub_axes: Vec<usize> = (0..p.view.shape.len())
        .filter(|k| !adv_axes.contains(k))
        .collect();
    let slots: Vec<usize> = p.advanced.iter().map(|a| a.slot).collect();
    let consecutive = slots.windows(2).all(|w| w[1] == w[0] + 1);
    // View axes before the first advanced slot (newaxis and slices both count).
    let first_slot = slots[0];
    let insert_at = if consecutive {
        sub_axes
            .iter()
            .filter(|&&ax| ax < first_slot_view_axis(p, first_slot))
            .count()
    } else {
        0
    };
    Ok(Plan {
        bshape,
        offsets,
        sub_axes,
        insert_at,
    })
}

/// The view axis at which the advanced block starts.
fn first_slot_view_axis(p: &Prepared, first_slot: usize) -> usize {
    // Slots and view axes coincide, except that a 0-d bool takes a slot
    // but no view axis; count the view axes of earlier slots.
    let mut zero_d_before = 0;
    for a in &p.advanced {
        if a.slot < first_slot && a.view_axis.is_none() {
            zero_d_before += 1;
        }
    }
    first_slot - zero_d_before
}

fn gather(
    source: &ArrayRef,
    items: &[IndexItem],
    p: &Prepared,
    plan: &Plan,
) -> Result<ArrayRef, EngineError> {
    let dtype = source.dtype().clone();
    let sub_shape: Vec<usize> = plan.sub_axes.iter().map(|&k| p.view.shape[k]).collect();
    let sub_strides: Vec<isize> = plan.sub_axes.iter().map(|&k| p.view.strides[k]).collect();
    let mut full: Vec<usize> = plan.bshape.clone();
    full.extend(&sub_shape);
    if sub_shape.is_empty() {
        let owner = NdArray::zeros(&full, dtype.clone())?;
        {
            let src = source.buffer().bytes();
            let mut dst = owner.buffer().bytes_mut();
            let base = p.view.offset as isize;
            gather_elements(&src, &mut dst, base, &plan.offsets, &dtype);
        }
        return Ok(owner);
    }
    let order = map_iter_order(&plan.bshape, items, &sub_shape, &sub_strides);
    let owner = NdArray::zeros_permuted(&full, dtype.clone(), &order)?;
    {
        let owned = owner.strides();
        let nb = plan.bshape.len();
        let mut starts = Vec::with_capacity(plan.offsets.len());
        for_each_offset(&plan.bshape, &owned[..nb], 0, |o| starts.push(o as usize));
        let src = source.buffer().bytes();
        let mut dst = owner.buffer().bytes_mut();
        let base = p.view.offset as isize;
        for (&off, start) in plan.offsets.iter().zip(starts) {
            let sl = Layout {
                shape: sub_shape.clone(),
                strides: sub_strides.clone(),
                offset: (base + off) as usize,
            };
            let dl = Layout {
                shape: sub_shape.clone(),
                strides: owned[nb..].to_vec(),
                offset: start,
            };
            super::kernels::copy_cast(&src, &sl, &dtype, &mut dst, &dl, &dtype);
        }
    }
    let nb = plan.bshape.len();
    if plan.insert_at == 0 {
        return Ok(owner);
    }
    // Move the broadcast dims to `insert_at`: a view of the hidden owner.
    let ns = sub_shape.len();
    let mut axes: Vec<usize> = (nb..nb + plan.insert_at).collect();
    axes.extend(0..nb);
    axes.extend(nb + plan.insert_at..nb + ns);
    let layout = owner.layout().permuted(&axes);
    Ok(NdArray::view_with(&owner, layout))
}

/// The axes of an advanced-index result in memory, outermost first, while
/// its index dims still come first (mapping.c, `PyArray_MapIterNew`): the
/// broadcast index dims outermost, in C order — or, when the axes left
/// over from the source hold one element, in the index arrays' own memory
/// order (`NPY_KEEPORDER`) — then the leftover axes by their |stride| in
/// the source, largest first and ties in axis order
/// (`PyArray_CreateSortedStridePerm`). So `t.T[[0, 1]]` keeps `t.T`'s
/// Fortran order in its last axes, and `t[:, [0, 1]]` is not C-contiguous.
fn map_iter_order(
    bshape: &[usize],
    items: &[IndexItem],
    sub_shape: &[usize],
    sub_strides: &[isize],
) -> Vec<usize> {
    let nb = bshape.len();
    let mut order: Vec<usize> = if sub_shape.iter().product::<usize>() == 1 {
        super::kept_order::layouts_order(bshape, &index_layouts(items))
    } else {
        (0..nb).collect()
    };
    let mut sub: Vec<usize> = (0..sub_shape.len()).collect();
    sub.sort_by_key(|&k| std::cmp::Reverse(sub_strides[k].unsigned_abs()));
    order.extend(sub.into_iter().map(|k| nb + k));
    order
}

/// The layouts of an advanced index's arrays, as NumPy's iterator sees
/// them: an integer array as it lies, a mask as the C-ordered 1-D arrays
/// of its `nonzero()`; integers are 0-d and order nothing.
fn index_layouts(items: &[IndexItem]) -> Vec<Layout> {
    let mut layouts = Vec::new();
    for item in items {
        match item {
            IndexItem::IntArray(ix) => layouts.push(ix.layout()),
            IndexItem::BoolArray(m) if m.ndim() > 0 => {
                let count = count_nonzero(m);
                layouts.extend((0..m.ndim()).map(|_| Layout::c_order(&[count], 8)));
            }
            _ => {}
        }
    }
    layouts
}

/// A C-ordered advanced-index result from the fast paths (index dims
/// first, `used` source axes consumed) in NumPy's memory order.
fn laid_out_as_map_iter(
    out: ArrayRef,
    source: &NdArray,
    items: &[IndexItem],
    used: usize,
) -> Result<ArrayRef, EngineError> {
    let layout = source.layout();
    let sub_shape = &layout.shape[used..];
    let nb = out.ndim() - sub_shape.len();
    let order = map_iter_order(
        &out.shape()[..nb],
        items,
        sub_shape,
        &layout.strides[used..],
    );
    if order.iter().enumerate().all(|(i, &k)| i == k) {
        return Ok(out);
    }
    let fresh = NdArray::zeros_permuted(&out.shape(), out.dtype().clone(), &order)?;
    super::array::copy_elements(&out, &fresh)?;
    Ok(fresh)
}

/// One element per offset: the typed inner loop of a gather.
fn gather_elements(src: &[u8], dst: &mut [u8], base: isize, offsets: &[isize], dtype: &DType) {
    let item = dtype.itemsize();
    match item {
        8 => gather_typed::<u64>(src, dst, base, offsets),
        4 => gather_typed::<u32>(src, dst, base, offsets),
        2 => gather_typed::<u16>(src, dst, base, offsets),
        1 => gather_typed::<u8>(src, dst, base, offsets),
        _ => {
            for (k, &o) in offsets.iter().enumerate() {
                let s = (base + o) as usize;
                dst[k * item..(k + 1) * item].copy_from_slice(&src[s..s + item]);
            }
        }
    }
}

fn gather_typed<T: bytemuck::Pod + Send + Sync>(
    src: &[u8],
    dst: &mut [u8],
    base: isize,
    offsets: &[isize],
) {
    let out: &mut [T] =
        bytemuck::cast_slice_mut(&mut dst[..offsets.len() * std::mem::size_of::<T>()]);
    for (o, &off) in out.iter_mut().zip(offsets) {
        *o = load::<T>(src, base + off);
    }
}

/// `source[items]`: a view, a copy, or one element.
pub fn get(source: &ArrayRef, items: &[IndexItem]) -> Result<Indexed, EngineError> {
    if let Some(out) = super::fancy::try_get(source, items)? {
        let used = match items {
            [IndexItem::BoolArray(m)] => m.ndim(),
            _ => 1,
        };
        return Ok(Indexed::Array(if used == source.ndim() {
            laid_out_like_indices(out, items)?
        } else {
            laid_out_as_map_iter(out, source, items, used)?
        }));
    }
    let layout = source.layout();
    let p = prepare(&layout.shape, items, &layout)?;
    if p.advanced.is_empty() {
        if p.all_ints {
            let bytes = source.buffer().bytes();
            return Ok(Indexed::Scalar(super::element::read_scalar(
                &bytes,
                p.view.offset as isize,
                source.dtype(),
            )));
        }
        let view = NdArray::view_with(source, p.view);
        // A 0-d integer array makes the view a copy (mapping.c).
        return Ok(Indexed::Array(if p.scalar_array {
            view.copy_kept()?
        } else {
            view
        }));
    }
    let plan = plan(&p)?;
    let out = gather(source, items, &p, &plan)?;
    Ok(Indexed::Array(if plan.sub_axes.is_empty() {
        laid_out_like_indices(out, items)?
    } else {
        out
    }))
}

/// A gather with no axes left over from the source (every axis taken by
/// an index array or an integer) in the memory order NumPy allocates it:
/// its iterator walks the index arrays in their own memory order
/// (`NPY_KEEPORDER`), so a Fortran-ordered index gives a Fortran-ordered
/// result. An integer is a 0-d array there, and a mask is the 1-D arrays
/// of its `nonzero()`, C-ordered.
fn laid_out_like_indices(out: ArrayRef, items: &[IndexItem]) -> Result<ArrayRef, EngineError> {
    // One axis has one order: no mask need be counted for it.
    if out.ndim() < 2 {
        return Ok(out);
    }
    super::kept_order::kept_like_layouts(out, &index_layouts(items))
}

/// The value of `dest[items] = value` without the leading length-1 axes
/// it has beyond the indexing result's dimensions (NumPy drops them before
/// broadcasting: `a[:] = b[None]`); `None` when there are none to drop.
fn without_leading_ones(
    dest: &ArrayRef,
    items: &[IndexItem],
    value: &ArrayRef,
) -> Result<Option<ArrayRef>, EngineError> {
    let vl = value.layout();
    if vl.shape.first() != Some(&1) || vl.shape.len() < 2 {
        return Ok(None);
    }
    let layout = dest.layout();
    let p = prepare(&layout.shape, items, &layout)?;
    let ndim = if p.advanced.is_empty() {
        if p.all_ints {
            // One element: `set` refuses an array value whatever its shape.
            return Ok(None);
        }
        p.view.shape.len()
    } else {
        let plan = plan(&p)?;
        plan.sub_axes.len() + plan.bshape.len()
    };
    let drop = vl
        .shape
        .iter()
        .take(vl.shape.len().saturating_sub(ndim))
        .take_while(|&&n| n == 1)
        .count();
    if drop == 0 {
        return Ok(None);
    }
    let inner = Layout {
        shape: vl.shape[drop..].to_vec(),
        strides: vl.strides[drop..].to_vec(),
        offset: vl.offset,
    };
    Ok(Some(NdArray::view_with(value, inner)))
}

/// True when these items make a view (no advanced index).
pub fn is_basic(items: &[IndexItem]) -> bool {
    !items
        .iter()
        .any(|i| matches!(i, IndexItem::IntArray(_) | IndexItem::BoolArray(_)))
}

/// `dest[items] = value`, with `value` already an array of `dest`'s dtype
/// (or castable). Broadcasting and errors as NumPy.
pub fn set(dest: &ArrayRef, items: &[IndexItem], value: &ArrayRef) -> Result<(), EngineError> {
    dest.check_writeable()?;
    super::array::refuse_object_cast(value.dtype(), dest.dtype())?;
    // Casts into or out of a void are not elementwise conversions
    // (engine/void_cast.rs), nor are text read as numbers or floats
    // written as text (engine/text_cast.rs, which can fail): the value is
    // cast whole first.
    let converted;
    let (from, to) = (value.dtype(), dest.dtype());
    let value = if from != to
        && (super::void_cast::is_plain_void(from)
            || super::void_cast::is_plain_void(to)
            || super::text_cast::reads_numbers(from, to)
            || super::text_cast::writes_float_text(from, to)
            || matches!(
                (from.native(), to.native()),
                (DType::Str(_), DType::Bytes(_))
            )) {
        converted = NdArray::zeros(&value.shape(), dest.dtype().clone())?;
        super::array::copy_elements(value, &converted)?;
        &converted
    } else {
        value
    };
    // One mask of the array's shape takes a 0-d or 1-d value only
    // (mapping.c's `array_assign_boolean_subscript`).
    if let [IndexItem::BoolArray(m)] = items
        && m.ndim() >= 1
        && m.shape() == dest.shape()
        && value.ndim() > 1
    {
        return Err(EngineError::type_error(format!(
            "NumPy boolean array indexing assignment requires a 0 or 1-dimensional input, input has {} dimensions",
            value.ndim()
        )));
    }
    let stripped;
    let value = match without_leading_ones(dest, items, value)? {
        Some(v) => {
            stripped = v;
            &stripped
        }
        None => value,
    };
    if super::fancy::try_set(dest, items, value)? {
        return Ok(());
    }
    let layout = dest.layout();
    let p = prepare(&layout.shape, items, &layout)?;
    // A 0-d target takes an array of one element, of any shape: NumPy
    // strips the leading ones, except for a plain integer index, which
    // packs one item (a number refuses a sequence, a record's
    // `VOID_setitem` takes it whole).
    let one;
    let value = if p.advanced.is_empty()
        && p.view.shape.is_empty()
        && value.ndim() > 0
        && value.size() == 1
        && (!p.all_ints || matches!(dest.dtype(), DType::Record(_)))
    {
        let l = value.layout();
        one = NdArray::view_with(
            value,
            Layout {
                shape: vec![],
                strides: vec![],
                offset: l.offset,
            },
        );
        &one
    } else {
        value
    };
    let vshape = value.shape();
    if p.advanced.is_empty() {
        let target = p.view.clone();
        // One element takes one value, not an array of any size.
        // (The text types' setitem words it without the full stop.)
        if p.all_ints && !vshape.is_empty() {
            let text = matches!(dest.dtype().native(), DType::Str(_) | DType::Bytes(_));
            return Err(EngineError::value(if text {
                "setting an array element with a sequence"
            } else {
                "setting an array element with a sequence."
            }));
        }
        if !broadcasts_to(&vshape, &target.shape) {
            return Err(EngineError::CannotBroadcastInput {
                from: vshape,
                to: target.shape,
            });
        }
        let vl = broadcast_layout(&value.layout(), &target.shape);
        let tmp;
        let (src_arr, src_layout) = if value.same_buffer(dest) {
            tmp = value.copy(super::array::Order::C)?;
            let l = broadcast_layout(&tmp.layout(), &target.shape);
            (&tmp, l)
        } else {
            (value, vl)
        };
        let sbytes = src_arr.buffer().bytes();
        let mut dbytes = dest.bytes_mut();
        super::kernels::copy_cast(
            &sbytes,
            &src_layout,
            src_arr.dtype(),
            &mut dbytes,
            &target,
            dest.dtype(),
        );
        return Ok(());
    }
    let plan = plan(&p)?;
    let sub_shape: Vec<usize> = plan.sub_axes.iter().map(|&k| p.view.shape[k]).collect();
    let sub_strides: Vec<isize> = plan.sub_axes.iter().map(|&k| p.view.strides[k]).collect();
    // The result shape as the user sees it (broadcast dims at insert_at).
    let mut shown: Vec<usize> = sub_shape[..plan.insert_at.min(sub_shape.len())].to_vec();
    shown.extend(&plan.bshape);
    shown.extend(&sub_shape[plan.insert_at.min(sub_shape.len())..]);
    if !broadcasts_to(&vshape, &shown) {
        if let Some(_k) = p.single_bool
            && vshape.len() <= 1
        {
            return Err(EngineError::BoolAssignCount {
                given: value.size(),
                wanted: plan.bshape.iter().product(),
            });
        }
        return Err(EngineError::FancyValueMismatch {
            value: vshape,
            result: shown,
        });
    }
    // Read the value in the (broadcast dims first) order used for writing.
    let vl = broadcast_layout(&value.layout(), &shown);
    let nb = plan.bshape.len();
    let ia = plan.insert_at.min(sub_shape.len());
    let mut axes: Vec<usize> = (ia..ia + nb).collect();
    axes.extend(0..ia);
    axes.extend(ia + nb..shown.len());
    let vl = vl.permuted(&axes);
    let tmp;
    // A value on the destination's buffer is copied out first, so reads
    // never see this assignment's own writes (`e[1:] = e[:-1]`).
    let value = if value.same_buffer(dest) {
        tmp = value.copy(super::array::Order::C)?;
        &tmp
    } else {
        value
    };
    let sbytes = value.buffer().bytes();
    let mut dbytes = dest.bytes_mut();
    let base = p.view.offset as isize;
    let vsub_strides: Vec<isize> = vl.strides[nb..].to_vec();
    let vb_layout = Layout {
        shape: plan.bshape.clone(),
        strides: vl.strides[..nb].to_vec(),
        offset: vl.offset,
    };
    let mut k = 0usize;
    let offsets = &plan.offsets;
    for_each_offset(
        &vb_layout.shape,
        &vb_layout.strides,
        vb_layout.offset as isize,
        |voff| {
            let dl = Layout {
                shape: sub_shape.clone(),
                strides: sub_strides.clone(),
                offset: (base + offsets[k]) as usize,
            };
            let sl = Layout {
                shape: sub_shape.clone(),
                strides: vsub_strides.clone(),
                offset: voff as usize,
            };
            super::kernels::copy_cast(&sbytes, &sl, value.dtype(), &mut dbytes, &dl, dest.dtype());
            k += 1;
        },
    );
    Ok(())
}

/// Number of true elements of a bool array (or nonzero of any numeric).
pub fn count_nonzero(a: &NdArray) -> usize {
    if judged_by_value(a.dtype()) {
        return truth_mask(a).map_or(0, |m| count_nonzero(&m));
    }
    let l = a.layout();
    let bytes = a.buffer().bytes();
    let mut n = 0usize;
    dispatch_numeric!(a.dtype(), T => {
        // A dense array (C or Fortran order: the count ignores the order)
        // is one typed run, counted in blocks the compiler vectorises.
        let item = std::mem::size_of::<T>();
        if (a.is_c_contiguous() || a.is_f_contiguous())
            && l.offset.is_multiple_of(item)
            && let Some(xs) = super::typed::elems::<T>(&bytes)
        {
            let run = &xs[l.offset / item..l.offset / item + a.size()];
            // Byte counters: a block of 255 cannot overflow them.
            return run
                .chunks(255)
                .map(|block| block.iter().fold(0u8, |acc, x| acc + x.to_bool() as u8) as usize)
                .sum();
        }
        for_each_offset(&l.shape, &l.strides, l.offset as isize, |o| if load::<T>(&bytes, o).to_bool() { n += 1 })
    }, _ => {});
    n
}

/// Dtypes whose elements' truth is read from their values rather than by
/// a typed kernel: complex, float16, byte-swapped, text, bytes, records
/// and times (object references are judged in `eval`).
fn judged_by_value(dt: &DType) -> bool {
    super::scalar_kernels::handles(dt)
        || matches!(
            dt,
            DType::Ordered(..)
                | DType::Str(_)
                | DType::Bytes(_)
                | DType::Record(_)
                | DType::Time(..)
        )
}

/// `a` as bools, each element's truth: the bool cast for the dtypes typed
/// kernels read, [`truth_mask`] for the others.
pub fn truth_array(a: &ArrayRef) -> Result<ArrayRef, EngineError> {
    if judged_by_value(a.dtype()) {
        truth_mask(a)
    } else {
        super::kernels::cast(a, &DType::Bool)
    }
}

/// A bool array of `a`'s shape: each element's [`Scalar::is_nonzero`].
pub(super) fn truth_mask(a: &NdArray) -> Result<ArrayRef, EngineError> {
    let vals: Vec<Scalar> = a
        .to_scalars()
        .iter()
        .map(|s| Scalar::Bool(s.is_nonzero()))
        .collect();
    NdArray::from_scalars(&a.shape(), DType::Bool, &vals)
}

/// `np.nonzero`: one index array per axis. As in NumPy
/// (`PyArray_Nonzero`), the coordinates are the rows of one new C-ordered
/// `(count, ndim)` int64 array and each index array is a column of it, a
/// view (so `.base` is that array and `.strides` is `(8 * ndim,)`).
/// Counts first, then writes the coordinates straight into that array.
pub fn nonzero(a: &NdArray) -> Result<Vec<ArrayRef>, EngineError> {
    if judged_by_value(a.dtype()) {
        let mask = truth_mask(a)?;
        return nonzero(&mask);
    }
    let l = a.layout();
    let shape = if l.ndim() == 0 {
        vec![1]
    } else {
        l.shape.clone()
    };
    let nd = shape.len();
    let nnz = count_nonzero(a);
    let rows = NdArray::zeros(&[nnz, nd], DType::Int64)?;
    {
        let bytes = a.buffer().bytes();
        let mut out = rows.buffer().bytes_mut();
        let coords: &mut [i64] = bytemuck::cast_slice_mut(&mut out[..nnz * nd * 8]);
        let mut at = vec![0usize; nd];
        let mut j = 0;
        dispatch_numeric!(a.dtype(), T => {
            if dense_coordinates::<T>(a, &bytes, &shape, coords) {
                return Ok(coordinate_columns(&rows, nnz, nd));
            }
            for_each_offset(&l.shape, &l.strides, l.offset as isize, |o| {
            if load::<T>(&bytes, o).to_bool() {
                for (c, &i) in coords[j * nd..(j + 1) * nd].iter_mut().zip(&at) {
                    *c = i as i64;
                }
                j += 1;
            }
            for k in (0..nd).rev() {
                at[k] += 1;
                if at[k] < shape[k] {
                    break;
                }
                at[k] = 0;
            }
        })}, _ => {});
    }
    Ok(coordinate_columns(&rows, nnz, nd))
}

/// The `nd` index arrays of `nonzero`: the columns of `rows`.
fn coordinate_columns(rows: &ArrayRef, nnz: usize, nd: usize) -> Vec<ArrayRef> {
    (0..nd)
        .map(|k| {
            NdArray::view_with(
                rows,
                Layout {
                    shape: vec![nnz],
                    strides: vec![8 * nd as isize],
                    offset: 8 * k,
                },
            )
        })
        .collect()
}

/// `nonzero`'s coordinates of a C-contiguous array (`shape` as `nonzero`
/// sees it) written into `coords`, read as one typed run: each block of a
/// row records the positions of its true elements without a branch per
/// element, then writes their coordinates. `false` (nothing written) for
/// other layouts.
fn dense_coordinates<T: Element>(
    a: &NdArray,
    bytes: &[u8],
    shape: &[usize],
    coords: &mut [i64],
) -> bool {
    const BLOCK: usize = 4096;
    let item = std::mem::size_of::<T>();
    let offset = a.layout().offset;
    let n = a.size();
    let (true, true, Some(xs)) = (
        a.is_c_contiguous(),
        offset.is_multiple_of(item),
        super::typed::elems::<T>(bytes),
    ) else {
        return false;
    };
    let nd = shape.len();
    let m = shape[nd - 1];
    if n == 0 {
        return true;
    }
    let run = &xs[offset / item..offset / item + n];
    let mut outer = vec![0usize; nd - 1];
    let mut hits = [0u32; BLOCK];
    let mut j = 0;
    for row in run.chunks(m) {
        for (b, block) in row.chunks(BLOCK).enumerate() {
            let mut h = 0;
            // Runs of 64 without a true element (most of a sparse mask)
            // are passed over after one vectorised test.
            for (g, group) in block.chunks(64).enumerate() {
                if !group.iter().fold(false, |acc, x| acc | x.to_bool()) {
                    continue;
                }
                for (k, x) in group.iter().enumerate() {
                    hits[h] = (g * 64 + k) as u32;
                    h += x.to_bool() as usize;
                }
            }
            for &k in &hits[..h] {
                let at = &mut coords[j * nd..(j + 1) * nd];
                for (c, &o) in at.iter_mut().zip(&outer) {
                    *c = o as i64;
                }
                at[nd - 1] = (b * BLOCK + k as usize) as i64;
                j += 1;
            }
        }
        for k in (0..nd - 1).rev() {
            outer[k] += 1;
            if outer[k] < shape[k] {
                break;
            }
            outer[k] = 0;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::iter::unravel;

    #[test]
    fn true_coordinates_follow_c_order() {
        let flags = [false, true, true, false, false, true];
        let coords = true_coordinates(&flags, &[2, 3]);
        let want: Vec<Vec<i64>> = (0..2)
            .map(|k| {
                flags
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| **f)
                    .map(|(flat, _)| unravel(flat, &[2, 3])[k] as i64)
                    .collect()
            })
            .collect();
        assert_eq!(coords, want);
    }

    #[test]
    fn slices_match_python() {
        assert_eq!(
            adjust_slice(Some(-3), Some(3), Some(-1), 10).unwrap(),
            (7, 4, -1)
        );
        assert_eq!(
            adjust_slice(Some(2), Some(8), Some(-1), 10).unwrap(),
            (2, 0, -1)
        );
        assert_eq!(
            adjust_slice(Some(8), Some(2), Some(-2), 10).unwrap(),
            (8, 3, -2)
        );
        assert_eq!(
            adjust_slice(Some(-100), Some(100), None, 10).unwrap(),
            (0, 10, 1)
        );
        assert_eq!(adjust_slice(None, None, Some(-1), 10).unwrap(), (9, 10, -1));
        assert!(adjust_slice(None, None, Some(0), 10).is_err());
    }
}
