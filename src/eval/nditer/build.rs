//! Building an `np.nditer`: `nditer_pywrap.c`'s argument conversion, then
//! `NpyIter_AdvancedNew`'s steps in its order — global flag checks,
//! operand preparation, broadcasting (`npyiter_fill_axisdata`, with its
//! reduction and `no_broadcast` checks), the axis plan
//! (`engine::iter_plan`), the common dtype of allocated outputs, casting
//! checks, allocation in the iteration order, copies, coalescing.
//! Every message is NumPy's; what slicelab does not model (`ranged`,
//! `common_dtype`, masks, non-native byte order, object operands,
//! buffered chunks larger than one buffer) is `NotImplementedError`.

use std::cell::RefCell;

use crate::engine::buffer::Buffer;
use crate::engine::iter_plan::{self, IndexKind, PlanOptions, PlanOrder};
use crate::engine::layout::Layout;
use crate::engine::{ArrayRef, DType, NdArray};
use crate::eval::args::Args;
use crate::eval::convert::as_array;
use crate::eval::dtype_arg::dtype_arg;
use crate::eval::error::{PyError, PyResult};
use crate::eval::object::{Obj, object};
use crate::eval::value::Value;
use crate::render::dtype_repr::dtype_repr;

use super::state::{Cursor, NdIter, WriteBack};

const GLOBAL_FLAGS: &[&str] = &[
    "buffered",
    "c_index",
    "common_dtype",
    "copy_if_overlap",
    "delay_bufalloc",
    "external_loop",
    "f_index",
    "grow_inner",
    "multi_index",
    "ranged",
    "refs_ok",
    "reduce_ok",
    "zerosize_ok",
];

const OP_FLAGS: &[&str] = &[
    "readonly",
    "readwrite",
    "writeonly",
    "allocate",
    "no_broadcast",
    "copy",
    "updateifcopy",
    "nbo",
    "aligned",
    "contig",
    "no_subtype",
    "arraymask",
    "writemasked",
    "virtual",
    "overlap_assume_elementwise",
];

fn refuse(what: &str) -> PyError {
    PyError::new(
        "NotImplementedError",
        format!("slicelab's np.nditer does not implement {what} yet"),
    )
}

/// The strings of a flags list, or `None` if it is not a list/tuple of
/// strings.
fn strings(v: &Value) -> Option<Vec<String>> {
    let items = match v {
        Value::List(l) => l.borrow().clone(),
        Value::Tuple(t) => t.as_ref().clone(),
        _ => return None,
    };
    items
        .iter()
        .map(|x| match x {
            Value::Str(s) => Some(s.to_string()),
            _ => None,
        })
        .collect()
}

fn items_of(v: &Value) -> Option<Vec<Value>> {
    match v {
        Value::List(l) => Some(l.borrow().clone()),
        Value::Tuple(t) => Some(t.as_ref().clone()),
        _ => None,
    }
}

/// One operand's flags.
#[derive(Debug, Clone, Default)]
struct OpFlags {
    read: bool,
    write: bool,
    allocate: bool,
    no_broadcast: bool,
    copy: bool,
    updateifcopy: bool,
}

fn op_flags(names: &[String]) -> PyResult<OpFlags> {
    let mut f = OpFlags::default();
    let mut rw = 0;
    for n in names {
        if !OP_FLAGS.contains(&n.as_str()) {
            return Err(PyError::value(format!(
                "Unexpected per-op iterator flag \"{n}\""
            )));
        }
        match n.as_str() {
            "readonly" => {
                rw += 1;
                f.read = true;
            }
            "readwrite" => {
                rw += 1;
                f.read = true;
                f.write = true;
            }
            "writeonly" => {
                rw += 1;
                f.write = true;
            }
            "allocate" => f.allocate = true,
            "no_broadcast" => f.no_broadcast = true,
            "copy" => f.copy = true,
            "updateifcopy" => f.updateifcopy = true,
            "nbo" | "aligned" | "no_subtype" | "overlap_assume_elementwise" => {}
            other => return Err(refuse(&format!("the '{other}' operand flag"))),
        }
    }
    if rw > 1 {
        return Err(PyError::value(
            "Only one of the iterator flags READWRITE, READONLY, and WRITEONLY may be specified for an operand",
        ));
    }
    if rw == 0 {
        return Err(PyError::value(
            "None of the iterator flags READWRITE, READONLY, or WRITEONLY were specified for an operand",
        ));
    }
    Ok(f)
}

fn shape_text(dims: &[Option<usize>], ending: &str) -> String {
    // `convert_shape_to_string`: leading new axes are left out.
    let first = dims.iter().position(Option::is_some);
    let Some(first) = first else {
        return format!("(){ending}");
    };
    let parts: Vec<String> = dims[first..]
        .iter()
        .map(|d| d.map_or("newaxis".to_string(), |n| n.to_string()))
        .collect();
    if parts.len() == 1 {
        format!("({},){ending}", parts[0])
    } else {
        format!("({}){ending}", parts.join(","))
    }
}

fn plain_shape(shape: &[usize], ending: &str) -> String {
    let dims: Vec<Option<usize>> = shape.iter().map(|&d| Some(d)).collect();
    shape_text(&dims, ending)
}

/// `np.nditer(op, flags, op_flags, op_dtypes, order, casting, op_axes,
/// itershape, buffersize)`, bound by the registry.
pub fn build(args: &Args) -> PyResult<Value> {
    let arg = |i: usize, name: &str| args.get(i, name).filter(|v| !matches!(v, Value::None));
    // Global flags (`NpyIter_GlobalFlagsConverter`).
    let flags: Vec<String> = match arg(1, "flags") {
        None => vec![],
        Some(v) => strings(v).ok_or_else(|| {
            PyError::value("Iterator global flags must be a list or tuple of strings")
        })?,
    };
    for f in &flags {
        if !GLOBAL_FLAGS.contains(&f.as_str()) {
            return Err(PyError::value(format!(
                "Unexpected iterator global flag \"{f}\""
            )));
        }
    }
    let has = |f: &str| flags.iter().any(|x| x == f);
    for unmodelled in ["ranged", "common_dtype", "copy_if_overlap"] {
        if has(unmodelled) {
            return Err(refuse(&format!("the '{unmodelled}' flag")));
        }
    }
    let order = match arg(4, "order") {
        None => "K".to_string(),
        Some(Value::Str(s)) if matches!(s.as_ref(), "C" | "F" | "A" | "K") => s.to_string(),
        Some(Value::Str(s)) => {
            return Err(PyError::value(format!(
                "order must be one of 'C', 'F', 'A', or 'K' (got '{s}')"
            )));
        }
        Some(_) => return Err(refuse("a non-string order")),
    };
    let casting = match arg(5, "casting") {
        None => "safe".to_string(),
        Some(Value::Str(s))
            if matches!(s.as_ref(), "no" | "equiv" | "safe" | "same_kind" | "unsafe") =>
        {
            s.to_string()
        }
        Some(Value::Str(s)) => {
            return Err(PyError::value(format!(
                "casting must be one of 'no', 'equiv', 'safe', 'same_kind', 'unsafe' (got '{s}')"
            )));
        }
        Some(_) => return Err(refuse("a non-string casting")),
    };
    let buffersize = match arg(8, "buffersize") {
        None => 0,
        Some(v) => crate::eval::coerce::int_arg(v, "buffersize")?,
    };
    let buffersize = if buffersize <= 0 {
        8192
    } else {
        buffersize as usize
    };
    // Operands (`npyiter_convert_ops`).
    let op_in = args.req(0, "op", "nditer")?;
    let given: Vec<Value> = items_of(op_in).unwrap_or_else(|| vec![op_in.clone()]);
    let nop = given.len();
    if nop == 0 {
        return Err(refuse("an empty operand list"));
    }
    let mut ops: Vec<Option<ArrayRef>> = Vec::with_capacity(nop);
    for v in &given {
        ops.push(match v {
            Value::None => None,
            other => Some(as_array(other)?),
        });
    }
    // Per-operand flags.
    let per_op: Vec<OpFlags> = match arg(2, "op_flags") {
        None => ops
            .iter()
            .map(|o| match o {
                None => OpFlags {
                    write: true,
                    allocate: true,
                    ..OpFlags::default()
                },
                Some(_) => OpFlags {
                    read: true,
                    ..OpFlags::default()
                },
            })
            .collect(),
        Some(v) => {
            let bad = || PyError::value("op_flags must be a tuple or array of per-op flag-tuples");
            let items = items_of(v).ok_or_else(bad)?;
            if items.first().is_some_and(|x| matches!(x, Value::Str(_))) || items.is_empty() {
                let names = strings(v).ok_or_else(bad)?;
                let f = op_flags(&names)?;
                vec![f; nop]
            } else {
                if items.len() != nop {
                    return Err(bad());
                }
                items
                    .iter()
                    .map(|x| op_flags(&strings(x).ok_or_else(bad)?))
                    .collect::<PyResult<_>>()?
            }
        }
    };
    // Requested dtypes.
    let requested: Vec<Option<DType>> = match arg(3, "op_dtypes") {
        None => vec![None; nop],
        Some(v) => match items_of(v) {
            Some(items) if items.len() == nop => items
                .iter()
                .map(|x| match x {
                    Value::None => Ok(None),
                    d => dtype_arg(d).map(Some),
                })
                .collect::<PyResult<_>>()?,
            Some(_) => return Err(refuse("op_dtypes of another length than the operands")),
            None => vec![Some(dtype_arg(v)?); nop],
        },
    };
    // `op_axes`.
    let op_axes: Option<Vec<Option<Vec<Option<usize>>>>> = match arg(6, "op_axes") {
        None => None,
        Some(v) => {
            let items = items_of(v).filter(|i| i.len() == nop).ok_or_else(|| {
                PyError::value("op_axes must be a tuple/list matching the number of ops")
            })?;
            let mut out = Vec::with_capacity(nop);
            let mut size: Option<usize> = None;
            for x in &items {
                if matches!(x, Value::None) {
                    out.push(None);
                    continue;
                }
                let entries = items_of(x).ok_or_else(|| {
                    PyError::value("Each entry of op_axes must be None or a tuple/list")
                })?;
                if size.is_some_and(|n| n != entries.len()) {
                    return Err(PyError::value(
                        "Each entry of op_axes must have the same size",
                    ));
                }
                size = Some(entries.len());
                let mut axes = Vec::with_capacity(entries.len());
                for e in &entries {
                    let i = match e {
                        Value::None => -1,
                        other => crate::eval::coerce::int_arg(other, "op_axes")?,
                    };
                    axes.push(match i {
                        -1 => None,
                        i if i >= 0 => Some(i as usize),
                        _ => return Err(refuse("op_axes entries below -1")),
                    });
                }
                out.push(Some(axes));
            }
            if size.is_none() {
                return Err(PyError::value(
                    "If op_axes is provided, at least one list of axes must be contained within it",
                ));
            }
            // `npyiter_check_op_axes`: no operand axis twice.
            for (iop, axes) in out.iter().enumerate() {
                if let Some(axes) = axes {
                    for (k, a) in axes.iter().enumerate() {
                        if let Some(a) = a
                            && axes[..k].contains(&Some(*a))
                        {
                            return Err(PyError::value(format!(
                                "The 'op_axes' provided to the iterator constructor for operand {iop} contained duplicate value {a}"
                            )));
                        }
                    }
                }
            }
            Some(out)
        }
    };
    // `npyiter_check_global_flags`.
    if has("c_index") && has("f_index") {
        return Err(PyError::value(
            "Iterator flags C_INDEX and F_INDEX cannot both be specified",
        ));
    }
    let external = has("external_loop");
    let multi_index = has("multi_index");
    let index = if has("c_index") {
        Some(IndexKind::C)
    } else if has("f_index") {
        Some(IndexKind::F)
    } else {
        None
    };
    if external && (multi_index || index.is_some()) {
        return Err(PyError::value(
            "Iterator flag EXTERNAL_LOOP cannot be used if an index or multi-index is being tracked",
        ));
    }
    let buffered = has("buffered");
    // `npyiter_prepare_operands`.
    for (iop, (op, f)) in ops.iter().zip(&per_op).enumerate() {
        match op {
            None if !f.allocate => {
                return Err(PyError::value(
                    "Iterator operand was NULL, but neither the ALLOCATE nor the VIRTUAL flag was specified",
                ));
            }
            None if !f.write => return Err(refuse("a read-only allocated operand")),
            None => {}
            Some(a) => {
                if f.write && !a.writeable() {
                    return Err(PyError::value(
                        "operand array with iterator write flag set is read-only",
                    ));
                }
                if matches!(a.dtype(), DType::Ordered(..)) || !a.dtype().is_numeric() {
                    return Err(refuse(&format!(
                        "operands of dtype {} (operand {iop})",
                        a.dtype().name()
                    )));
                }
            }
        }
    }
    // `npyiter_fill_axisdata`: the broadcast shape.
    let ndim = match &op_axes {
        Some(axes) => axes.iter().flatten().next().map_or(0, Vec::len),
        None => ops.iter().flatten().map(|a| a.ndim()).max().unwrap_or(0),
    };
    let axes_of = |iop: usize| op_axes.as_ref().and_then(|a| a[iop].as_ref());
    let mut bshape = vec![1usize; ndim];
    let broadcast_error = || {
        let mut text = String::new();
        for (iop, op) in ops.iter().enumerate() {
            let Some(a) = op else { continue };
            let shape = a.shape();
            match axes_of(iop) {
                None => text += &plain_shape(&shape, " "),
                Some(axes) => {
                    text += &plain_shape(&shape, "->");
                    let rem: Vec<Option<usize>> = axes
                        .iter()
                        .map(|a| a.filter(|&i| i < shape.len()).map(|i| shape[i]))
                        .collect();
                    text += &shape_text(&rem, " ");
                }
            }
        }
        if op_axes.is_none() {
            PyError::value(format!(
                "operands could not be broadcast together with shapes {text}"
            ))
        } else {
            PyError::value(format!(
                "operands could not be broadcast together with remapped shapes [original->remapped]: {text}"
            ))
        }
    };
    for (iop, op) in ops.iter().enumerate() {
        let Some(a) = op else { continue };
        let shape = a.shape();
        match axes_of(iop) {
            None => {
                if shape.len() > ndim {
                    return Err(PyError::value(
                        "input operand has more dimensions than allowed by the axis remapping",
                    ));
                }
                for (k, &n) in shape.iter().enumerate() {
                    let b = &mut bshape[k + ndim - shape.len()];
                    if *b == 1 {
                        *b = n;
                    } else if *b != n && n != 1 {
                        return Err(broadcast_error());
                    }
                }
            }
            Some(axes) => {
                for (idim, ax) in axes.iter().enumerate() {
                    let Some(i) = *ax else { continue };
                    if i >= shape.len() {
                        return Err(PyError::value(format!(
                            "Iterator input op_axes[{iop}][{}] (=={i}) is not a valid axis of op[{iop}], which has {} dimensions ",
                            ndim - idim - 1,
                            shape.len()
                        )));
                    }
                    let b = &mut bshape[idim];
                    if *b == 1 {
                        *b = shape[i];
                    } else if *b != shape[i] && shape[i] != 1 {
                        return Err(broadcast_error());
                    }
                }
            }
        }
    }
    // The per-axis pass: strides are filled later; here the checks, in
    // NumPy's order (innermost axis first, operands in order).
    let reduce_ok = has("reduce_ok");
    for idim in 0..ndim {
        let c_axis = ndim - idim - 1;
        let b = bshape[c_axis];
        for (iop, op) in ops.iter().enumerate() {
            let f = &per_op[iop];
            let different = |a: &ArrayRef| {
                let shape = a.shape();
                let text = plain_shape(&shape, "");
                let want = plain_shape(&bshape, "");
                if let Some(axes) = axes_of(iop) {
                    let rem: Vec<Option<usize>> = axes
                        .iter()
                        .map(|x| x.filter(|&i| i < shape.len()).map(|i| shape[i]))
                        .collect();
                    let rem = shape_text(&rem, "");
                    if f.read && !f.write {
                        PyError::value(format!(
                            "non-broadcastable operand with shape {text} [remapped to {rem}] doesn't match the broadcast shape {want}"
                        ))
                    } else {
                        PyError::value(format!(
                            "non-broadcastable output operand with shape {text} [remapped to {rem}] doesn't match the broadcast shape {want}"
                        ))
                    }
                } else if f.read && !f.write {
                    PyError::value(format!(
                        "non-broadcastable operand with shape {text} doesn't match the broadcast shape {want}"
                    ))
                } else {
                    PyError::value(format!(
                        "non-broadcastable output operand with shape {text} doesn't match the broadcast shape {want}"
                    ))
                }
            };
            let reduce_check = |dim: i64| -> PyResult<()> {
                if f.write {
                    if !reduce_ok {
                        return Err(PyError::value(format!(
                            "output operand requires a reduction along dimension {dim}, but the reduction is not enabled. The dimension size of 1 does not match the expected output shape."
                        )));
                    }
                    if !f.read {
                        return Err(PyError::value(
                            "output operand requires a reduction, but is flagged as write-only, not read-write",
                        ));
                    }
                }
                Ok(())
            };
            match axes_of(iop) {
                None => {
                    let Some(a) = op else { continue };
                    let ondim = a.ndim();
                    if b == 1 {
                        if idim >= ondim && f.no_broadcast {
                            return Err(different(a));
                        }
                    } else if idim >= ondim || a.shape()[ondim - idim - 1] == 1 {
                        if f.no_broadcast {
                            return Err(different(a));
                        }
                        reduce_check(idim as i64)?;
                    }
                }
                Some(axes) => {
                    if b == 1 {
                        continue;
                    }
                    match axes[c_axis] {
                        Some(i) => {
                            if let Some(a) = op
                                && a.shape()[i] == 1
                            {
                                if f.no_broadcast {
                                    return Err(different(a));
                                }
                                reduce_check(i as i64)?;
                            }
                        }
                        None => reduce_check(-1)?,
                    }
                }
            }
        }
    }
    let itersize: usize = bshape.iter().product();
    if itersize == 0 && !has("zerosize_ok") {
        return Err(PyError::value(
            "Iteration of zero-sized operands is not enabled",
        ));
    }
    // Dtypes: requested, or the operand's; allocated ones without a
    // request take the inputs' common type (`npyiter_get_common_dtype`).
    let mut dtypes: Vec<Option<DType>> = ops
        .iter()
        .zip(&requested)
        .map(|(o, r)| r.clone().or_else(|| o.as_ref().map(|a| a.dtype().clone())))
        .collect();
    if dtypes.iter().any(Option::is_none) {
        let mut common: Option<DType> = None;
        for (op, f) in ops.iter().zip(&per_op) {
            if let Some(a) = op
                && f.read
            {
                let d = a.dtype().clone();
                common = Some(match common {
                    None => d,
                    Some(c) => crate::engine::promote::promote_types(&c, &d)
                        .ok_or_else(|| refuse("operands without a common dtype"))?,
                });
            }
        }
        let common = common.ok_or_else(|| {
            PyError::type_error("no arrays or types available to calculate result type")
        })?;
        for d in dtypes.iter_mut().filter(|d| d.is_none()) {
            *d = Some(common.clone());
        }
    }
    let dtypes: Vec<DType> = dtypes.into_iter().flatten().collect();
    // `npyiter_check_casting`.
    for (iop, op) in ops.iter().enumerate() {
        let Some(a) = op else { continue };
        let (from, to) = (a.dtype(), &dtypes[iop]);
        if from == to {
            continue;
        }
        let f = &per_op[iop];
        if f.read && !crate::eval::ufunc_args::can_cast(from, to, &casting) {
            return Err(PyError::type_error(format!(
                "Iterator operand {iop} dtype could not be cast from {} to {} according to the rule '{casting}'",
                dtype_repr(from),
                dtype_repr(to)
            )));
        }
        if f.write && !crate::eval::ufunc_args::can_cast(to, from, &casting) {
            return Err(PyError::type_error(format!(
                "Iterator requested dtype could not be cast from {} to {}, the operand {iop} dtype, according to the rule '{casting}'",
                dtype_repr(to),
                dtype_repr(from)
            )));
        }
    }
    // Copies for casts (`npyiter_allocate_arrays`).
    let mut walked: Vec<Option<ArrayRef>> = Vec::with_capacity(nop);
    let mut shown: Vec<Option<ArrayRef>> = Vec::with_capacity(nop);
    let mut originals: Vec<Option<(ArrayRef, WriteBack)>> = Vec::with_capacity(nop);
    for (iop, op) in ops.iter().enumerate() {
        let f = &per_op[iop];
        let Some(a) = op else {
            walked.push(None);
            shown.push(None);
            originals.push(None);
            continue;
        };
        if a.dtype() == &dtypes[iop] {
            walked.push(Some(a.clone()));
            shown.push(Some(a.clone()));
            originals.push(Some((a.clone(), WriteBack::Never)));
            continue;
        }
        let copying = f.copy || f.updateifcopy;
        if !copying && !buffered {
            return Err(PyError::type_error(
                "Iterator operand required copying or buffering, but neither copying nor buffering was enabled",
            ));
        }
        if f.write && !buffered && !f.updateifcopy {
            return Err(refuse("a writable operand copied without 'updateifcopy'"));
        }
        let copy = a.zeros_kept(dtypes[iop].clone())?;
        if f.read {
            crate::engine::array::copy_elements(a, &copy)?;
        }
        let when = match (f.write, buffered) {
            (false, _) => WriteBack::Never,
            (true, true) => WriteBack::AtEnd,
            (true, false) => WriteBack::AtClose,
        };
        walked.push(Some(copy.clone()));
        shown.push(Some(if buffered { a.clone() } else { copy }));
        originals.push(Some((a.clone(), when)));
    }
    // Strides over the iteration's C axes.
    let strides_of = |iop: usize, a: &ArrayRef| -> Vec<isize> {
        let shape = a.shape();
        let st = a.strides();
        (0..ndim)
            .map(|c| {
                if bshape[c] == 1 {
                    return 0;
                }
                match axes_of(iop) {
                    None => {
                        let lead = ndim - shape.len();
                        if c < lead || shape[c - lead] == 1 {
                            0
                        } else {
                            st[c - lead]
                        }
                    }
                    Some(axes) => match axes[c] {
                        Some(i) if shape[i] != 1 => st[i],
                        _ => 0,
                    },
                }
            })
            .collect()
    };
    let op_strides: Vec<Vec<isize>> = walked
        .iter()
        .enumerate()
        .map(|(iop, w)| w.as_ref().map_or(vec![0; ndim], |a| strides_of(iop, a)))
        .collect();
    let any_allocate = ops.iter().any(Option::is_none);
    let plan_order = match order.as_str() {
        "C" => PlanOrder::C,
        "F" => PlanOrder::F,
        "A" if ndim > 1 && ops.iter().flatten().all(|a| a.is_f_contiguous()) => PlanOrder::F,
        "A" => PlanOrder::C,
        _ => PlanOrder::K,
    };
    let mut plan = iter_plan::plan(
        &bshape,
        &op_strides,
        PlanOptions {
            order: plan_order,
            index,
            may_flip: !any_allocate,
            may_coalesce: false,
        },
    );
    // Allocate outputs in the iteration order (`npyiter_new_temp_array`).
    for iop in 0..nop {
        if walked[iop].is_some() {
            continue;
        }
        let dtype = dtypes[iop].clone();
        let itemsize = dtype.itemsize();
        let map: Vec<Option<usize>> = match axes_of(iop) {
            Some(axes) => axes.clone(),
            None => (0..ndim).map(Some).collect(),
        };
        let op_ndim = map.iter().flatten().count();
        if (0..op_ndim).any(|i| !map.contains(&Some(i))) {
            return Err(refuse("op_axes that skip an axis of an allocated operand"));
        }
        let mut shape = vec![0usize; op_ndim];
        for (c, m) in map.iter().enumerate() {
            if let Some(i) = m {
                shape[*i] = bshape[c];
            }
        }
        let strides = iter_plan::allocated_strides(&plan.axes, &bshape, &map, op_ndim, itemsize);
        let nbytes = shape
            .iter()
            .try_fold(itemsize, |n, &d| n.checked_mul(d))
            .ok_or_else(|| PyError::new("MemoryError", "array is too big"))?;
        let buffer = Buffer::zeroed(nbytes, &shape, &dtype.name())?;
        let a = NdArray::from_buffer(
            buffer,
            dtype,
            Layout {
                shape: shape.clone(),
                strides,
                offset: 0,
            },
        );
        // Its strides over the plan's axes.
        for ax in plan.axes.iter_mut() {
            ax.strides[iop] = match map[ax.src] {
                Some(i) if shape[i] != 1 => a.strides()[i],
                _ => 0,
            };
        }
        walked[iop] = Some(a.clone());
        shown[iop] = Some(a.clone());
        originals[iop] = Some((a, WriteBack::Never));
    }
    if !multi_index && plan.axes.len() > 1 {
        plan.axes = iter_plan::coalesce(std::mem::take(&mut plan.axes));
        plan.coalesced = true;
    }
    let walked: Vec<ArrayRef> = walked.into_iter().flatten().collect();
    let writable: Vec<bool> = per_op.iter().map(|f| f.write).collect();
    let gathered = buffered && external && plan.axes.len() > 1;
    if buffered && external {
        if itersize > buffersize {
            return Err(refuse("buffered external loops longer than one buffer"));
        }
        if gathered && writable.iter().any(|&w| w) {
            return Err(refuse(
                "buffered external loops that gather a writable operand",
            ));
        }
    }
    let coords = vec![0; plan.axes.len()];
    let cursor = Cursor {
        operands: shown.into_iter().flatten().collect(),
        walked,
        originals: originals.into_iter().flatten().collect(),
        writable,
        plan,
        shape_c: bshape,
        external,
        gathered,
        multi_index,
        has_index: index.is_some(),
        delayed: buffered && has("delay_bufalloc"),
        coords,
        iterindex: 0,
        itersize,
        started: itersize == 0,
        finished: itersize == 0,
        closed: false,
    };
    Ok(object(Obj::NpIter(Box::new(NdIter {
        c: RefCell::new(cursor),
    }))))
}
