//! `np.einsum` (issue 17 item 3), on the steps of NumPy 2.4's
//! `PyArray_EinsteinSum` (`numpy/_core/src/multiarray/einsum.cpp`):
//! the subscripts parsed with its messages, a single operand without a
//! reduction returned as a VIEW (`'ii->i'`, `'ij->ji'`), repeated labels
//! combined into diagonal views, the operands broadcast over the
//! iterator's labels (output labels, then the summed ones) with NpyIter's
//! message, and the output allocated in the iterator's best axis order
//! (order='K'), as NumPy allocates it.
//!
//! Sums: integers and booleans in any order give NumPy's result, so they
//! are computed here. Float and complex sums of more than one product
//! depend on NumPy's SIMD kernels (fused multiply-adds, several
//! accumulators, the iterator's buffering), which slicelab does not
//! replay: those are refused with `NotImplementedError` unless every
//! partial sum is exact whatever the order (whole numbers and other
//! multiples of a power of two, kept small: `exact_in_any_order`), while
//! float results of a single product per element (outer and elementwise
//! products, transposes, broadcasting) are exact and computed.
//!
//! `out=` joins the iterator as its last operand, as in NumPy: its
//! dimensions, writeability, broadcasting and casts are checked with
//! NpyIter's words, and the result is written into it through the
//! engine, after every operand was read.

use crate::engine::dtype::{DType, Kind};
use crate::engine::layout::Layout;
use crate::engine::{ArrayRef, NdArray, Order, Scalar, kernels};

use super::error::{PyError, PyResult};
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::coerce::{int_arg, scalarize};
use crate::eval::convert::as_array;
use crate::eval::protocol::iterate;

fn value_error(msg: impl Into<String>) -> PyError {
    PyError::value(msg.into())
}

fn not_implemented(msg: impl Into<String>) -> PyError {
    PyError::new("NotImplementedError", msg.into())
}

/// `np.einsum(*operands, out=None, optimize=False, **kwargs)`.
pub fn einsum(args: &Args) -> PyResult<Value> {
    let optimize = args.kw("optimize").cloned().unwrap_or(Value::Bool(false));
    let optimized = !matches!(optimize, Value::Bool(false));
    let mut dtype = None;
    let mut casting = String::from("safe");
    let mut order_given = false;
    let mut unknown = vec![];
    for (k, v) in &args.kw {
        match k.as_str() {
            "optimize" | "out" => {}
            "dtype" if !matches!(v, Value::None) => {
                dtype = Some(super::dtype_arg::dtype_arg(v)?);
            }
            "dtype" => {}
            "casting" => {
                if let Value::Str(s) = v {
                    if !super::cast_rules::RULES.contains(&s.as_ref()) {
                        return Err(value_error(format!(
                            "casting must be one of 'no', 'equiv', 'safe', 'same_kind', 'unsafe' (got '{s}')"
                        )));
                    }
                    casting = s.to_string();
                }
            }
            "order" => {
                order_given = !matches!(v, Value::Str(s) if s.eq_ignore_ascii_case("K"));
            }
            other => unknown.push(other.to_string()),
        }
    }
    if let Some(k) = unknown.first() {
        return Err(PyError::type_error(if optimized {
            let names: Vec<String> = unknown.iter().map(|k| format!("'{k}'")).collect();
            format!(
                "Did not understand the following kwargs: [{}]",
                names.join(", ")
            )
        } else {
            format!("einsum() got an unexpected keyword argument '{k}'")
        }));
    }
    if optimized {
        match &optimize {
            Value::Bool(true) => {}
            Value::Str(s) if matches!(&**s, "greedy" | "optimal") => {}
            _ => {
                return Err(not_implemented(
                    "slicelab's np.einsum takes optimize=False, True, 'greedy' or 'optimal'",
                ));
            }
        }
    }
    let out = match args.kw("out") {
        None | Some(Value::None) => None,
        Some(Value::Array(a)) => Some(a.clone()),
        Some(_) => {
            return Err(PyError::type_error(
                "keyword parameter out must be an array for einsum",
            ));
        }
    };
    let (subscripts, operands) = subscripts_and_operands(&args.pos)?;
    let ops: Vec<ArrayRef> = operands.iter().map(as_array).collect::<PyResult<_>>()?;
    let opts = Options {
        dtype,
        casting,
        order_given,
        optimized,
        out,
    };
    let run = || einstein_sum(&subscripts, &ops, &opts);
    if optimized {
        // `einsum_path` parses the subscripts itself, with other words
        // for the same mistakes; slicelab words only the C parser's.
        return run().map_err(|e| {
            if e.kind == "ValueError" {
                not_implemented(format!(
                    "slicelab words np.einsum's errors as optimize=False does: {}",
                    e.message
                ))
            } else {
                e
            }
        });
    }
    run()
}

/// The subscripts string and the operands, from either calling form:
/// `einsum('ij,jk', a, b)` or `einsum(a, [0, 1], b, [1, 2], [0, 2])`.
fn subscripts_and_operands(pos: &[Value]) -> PyResult<(String, Vec<Value>)> {
    match pos.first() {
        None => Err(value_error(
            "must specify the einstein sum subscripts string and at least one operand, or at least one operand and its corresponding subscripts list",
        )),
        Some(Value::Str(s)) => {
            if pos.len() < 2 {
                return Err(value_error(
                    "must specify the einstein sum subscripts string and at least one operand",
                ));
            }
            Ok((s.to_string(), pos[1..].to_vec()))
        }
        Some(_) => {
            let mut subs = vec![];
            let mut ops = vec![];
            let mut k = 0;
            while k + 1 < pos.len() {
                ops.push(pos[k].clone());
                subs.push(sublist(&pos[k + 1])?);
                k += 2;
            }
            if ops.is_empty() {
                return Err(value_error(
                    "must specify the einstein sum subscripts string and at least one operand, or at least one operand and its corresponding subscripts list",
                ));
            }
            let mut s = subs.join(",");
            if k < pos.len() {
                s.push_str("->");
                s.push_str(&sublist(&pos[k])?);
            }
            Ok((s, ops))
        }
    }
}

/// One subscripts list as letters: 0–25 are `A`–`Z`, 26–51 `a`–`z`.
fn sublist(v: &Value) -> PyResult<String> {
    let mut out = String::new();
    for item in iterate(v)? {
        if matches!(item, Value::Ellipsis) {
            out.push_str("...");
            continue;
        }
        let i = int_arg(&item, "")?;
        let c = match i {
            0..=25 => (b'A' + i as u8) as char,
            26..=51 => (b'a' + (i - 26) as u8) as char,
            _ => {
                return Err(value_error(
                    "subscript is not within the valid range [0, 52)",
                ));
            }
        };
        out.push(c);
    }
    Ok(out)
}

/// One operand's labels: a letter, 0 for a broadcast (`...`) axis, or
/// `-k` for a repeat of the label `k` axes earlier.
fn parse_operand(
    sub: &[u8],
    ndim: usize,
    iop: usize,
    counts: &mut [u32; 128],
) -> PyResult<Vec<i32>> {
    let mut labels = vec![0i32; ndim];
    let mut idim = 0;
    let mut ellipsis: Option<usize> = None;
    let mut i = 0;
    while i < sub.len() {
        let c = sub[i];
        if c.is_ascii_alphabetic() {
            if idim >= ndim {
                return Err(value_error(format!(
                    "einstein sum subscripts string contains too many subscripts for operand {iop}"
                )));
            }
            labels[idim] = c as i32;
            idim += 1;
            counts[c as usize] += 1;
        } else if c == b'.' {
            if ellipsis.is_some() || i + 2 >= sub.len() || sub[i + 1] != b'.' || sub[i + 2] != b'.'
            {
                return Err(value_error(format!(
                    "einstein sum subscripts string contains a '.' that is not part of an ellipsis ('...') in operand {iop}"
                )));
            }
            i += 2;
            ellipsis = Some(idim);
        } else if c != b' ' {
            return Err(invalid_subscript(c));
        }
        i += 1;
    }
    match ellipsis {
        None if idim != ndim => {
            return Err(value_error(
                "operand has more dimensions than subscripts given in einstein sum, but no '...' ellipsis provided to broadcast the extra dimensions.",
            ));
        }
        Some(e) if idim < ndim => {
            let after = idim - e;
            for k in 0..after {
                labels[ndim - k - 1] = labels[idim - k - 1];
            }
            for l in labels.iter_mut().skip(e).take(ndim - idim) {
                *l = 0;
            }
        }
        _ => {}
    }
    for d in 0..ndim {
        let l = labels[d];
        if l > 0 {
            for (n, later) in labels.iter_mut().enumerate().skip(d + 1) {
                if *later == l {
                    *later = d as i32 - n as i32;
                }
            }
        }
    }
    Ok(labels)
}

fn invalid_subscript(c: u8) -> PyError {
    value_error(format!(
        "invalid subscript '{}' in einstein sum subscripts string, subscripts must be letters",
        c as char
    ))
}

/// The output labels after `->`.
fn parse_output(sub: &[u8], ndim_broadcast: usize, counts: &[u32; 128]) -> PyResult<Vec<i32>> {
    let mut out = vec![];
    let mut ellipsis = false;
    let mut i = 0;
    while i < sub.len() {
        let c = sub[i];
        if c.is_ascii_alphabetic() {
            if sub[i + 1..].contains(&c) {
                return Err(value_error(format!(
                    "einstein sum subscripts string includes output subscript '{}' multiple times",
                    c as char
                )));
            }
            if counts[c as usize] == 0 {
                return Err(value_error(format!(
                    "einstein sum subscripts string included output subscript '{}' which never appeared in an input",
                    c as char
                )));
            }
            out.push(c as i32);
        } else if c == b'.' {
            if ellipsis || i + 2 >= sub.len() || sub[i + 1] != b'.' || sub[i + 2] != b'.' {
                return Err(value_error(
                    "einstein sum subscripts string contains a '.' that is not part of an ellipsis ('...') in the output",
                ));
            }
            i += 2;
            ellipsis = true;
            out.extend(std::iter::repeat_n(0, ndim_broadcast));
        } else if c != b' ' {
            return Err(invalid_subscript(c));
        }
        i += 1;
    }
    if !ellipsis && ndim_broadcast > 0 {
        return Err(value_error(
            "output has more dimensions than subscripts given in einstein sum, but no '...' ellipsis provided to broadcast the extra dimensions.",
        ));
    }
    Ok(out)
}

/// The actual label of axis `d` (a repeat points back to its first axis).
fn label_at(labels: &[i32], d: usize) -> i32 {
    let l = labels[d];
    if l < 0 {
        labels[(d as i32 + l) as usize]
    } else {
        l
    }
}

/// `get_single_op_view`: the output as a view of the one operand when no
/// label is summed; `Ok(None)` when one is.
fn single_op_view(op: &ArrayRef, labels: &[i32], out_labels: &[i32]) -> PyResult<Option<ArrayRef>> {
    let l = op.layout();
    let n = out_labels.len();
    let mut dims = vec![0usize; n];
    let mut strides = vec![0isize; n];
    let mut ibroadcast = 0;
    for d in 0..labels.len() {
        let label = label_at(labels, d);
        if label == 0 {
            while ibroadcast < n && out_labels[ibroadcast] != 0 {
                ibroadcast += 1;
            }
            if ibroadcast == n {
                return Err(value_error("output had too few broadcast dimensions"));
            }
            dims[ibroadcast] = l.shape[d];
            strides[ibroadcast] = l.strides[d];
            ibroadcast += 1;
        } else {
            let Some(i) = out_labels.iter().position(|&o| o == label) else {
                return Ok(None);
            };
            if dims[i] != 0 && dims[i] != l.shape[d] {
                return Err(value_error(format!(
                    "dimensions in single operand for collapsing index '{}' don't match ({} != {})",
                    label as u8 as char, dims[i], l.shape[d]
                )));
            }
            dims[i] = l.shape[d];
            strides[i] += l.strides[d];
        }
    }
    let layout = Layout {
        shape: dims,
        strides,
        offset: l.offset,
    };
    Ok(Some(NdArray::view_with(op, layout)))
}

/// `get_combined_dims_view`: repeated labels merged into one diagonal
/// axis; the labels of the view's axes.
fn combined_view(op: &ArrayRef, iop: usize, labels: &[i32]) -> PyResult<(ArrayRef, Vec<i32>)> {
    if labels.iter().all(|&l| l >= 0) {
        return Ok((op.clone(), labels.to_vec()));
    }
    let l = op.layout();
    let mut dims: Vec<usize> = vec![];
    let mut strides: Vec<isize> = vec![];
    let mut new_labels = vec![];
    let mut map = vec![usize::MAX; labels.len()];
    for d in 0..labels.len() {
        let label = labels[d];
        if label >= 0 {
            map[d] = dims.len();
            dims.push(l.shape[d]);
            strides.push(l.strides[d]);
            new_labels.push(label);
        } else {
            let first = (d as i32 + label) as usize;
            let i = map[first];
            if dims[i] != l.shape[d] {
                return Err(value_error(format!(
                    "dimensions in operand {iop} for collapsing index '{}' don't match ({} != {})",
                    labels[first] as u8 as char, dims[i], l.shape[d]
                )));
            }
            strides[i] += l.strides[d];
        }
    }
    let layout = Layout {
        shape: dims,
        strides,
        offset: l.offset,
    };
    Ok((NdArray::view_with(op, layout), new_labels))
}

/// `prepare_op_axes`: for each iterator axis, the operand's axis or None.
fn op_axes(labels: &[i32], iter_labels: &[i32]) -> Vec<Option<usize>> {
    let mut axes = vec![None; iter_labels.len()];
    let mut ib = labels.len() as isize - 1;
    for i in (0..iter_labels.len()).rev() {
        let label = iter_labels[i];
        if label == 0 {
            while ib >= 0 && labels[ib as usize] != 0 {
                ib -= 1;
            }
            if ib >= 0 {
                axes[i] = Some(ib as usize);
                ib -= 1;
            }
        } else {
            axes[i] = labels.iter().position(|&l| l == label);
        }
    }
    axes
}

/// NpyIter's `convert_shape_to_string`: leading newaxis dropped.
fn shape_text(vals: &[Option<usize>], ending: &str) -> String {
    let first = vals.iter().position(|v| v.is_some());
    let Some(i) = first else {
        return format!("(){ending}");
    };
    let mut s = vals[i].unwrap_or(0).to_string();
    for v in &vals[i + 1..] {
        match v {
            Some(d) => s.push_str(&format!(",{d}")),
            None => s.push_str(",newaxis"),
        }
    }
    if vals.len() == 1 {
        format!("({s},){ending}")
    } else {
        format!("({s}){ending}")
    }
}

/// The keyword arguments `c_einsum` reads.
struct Options {
    dtype: Option<DType>,
    casting: String,
    /// `order=` other than 'K': slicelab allocates in 'K' order only.
    order_given: bool,
    optimized: bool,
    /// `out=`: the iterator's last operand, read and written, so that its
    /// dtype joins the common one and must cast both ways under `casting`.
    out: Option<ArrayRef>,
}

fn einstein_sum(subscripts: &str, ops_in: &[ArrayRef], opts: &Options) -> PyResult<Value> {
    let optimized = opts.optimized;
    let nop = ops_in.len();
    if nop >= 64 {
        return Err(value_error(
            "too many operands provided to einstein sum function",
        ));
    }
    let bytes = subscripts.as_bytes();
    if let Some(&c) = bytes.iter().find(|c| !c.is_ascii()) {
        return Err(invalid_subscript(c));
    }
    let mut counts = [0u32; 128];
    let mut op_labels = vec![];
    let mut rest = bytes;
    for (iop, op) in ops_in.iter().enumerate() {
        let len = rest
            .iter()
            .position(|&c| c == b',' || c == b'-')
            .unwrap_or(rest.len());
        let next = rest.get(len).copied();
        if iop == nop - 1 && next == Some(b',') {
            return Err(value_error(
                "more operands provided to einstein sum function than specified in the subscripts string",
            ));
        }
        if iop < nop - 1 && next != Some(b',') {
            return Err(value_error(
                "fewer operands provided to einstein sum function than specified in the subscripts string",
            ));
        }
        op_labels.push(parse_operand(&rest[..len], op.ndim(), iop, &mut counts)?);
        rest = &rest[len..];
        if iop < nop - 1 {
            rest = &rest[1..];
        }
    }
    let ndim_broadcast = op_labels
        .iter()
        .map(|l| l.iter().filter(|&&x| x == 0).count())
        .max()
        .unwrap_or(0);
    let out_labels: Vec<i32> = if rest.is_empty() {
        let mut out = vec![0; ndim_broadcast];
        out.extend((0..128).filter(|&c| counts[c] == 1).map(|c| c as i32));
        out
    } else {
        if !rest.starts_with(b"->") {
            return Err(value_error(
                "einstein sum subscript string does not contain proper '->' output specified",
            ));
        }
        parse_output(&rest[2..], ndim_broadcast, &counts)?
    };
    if let Some(o) = &opts.out
        && o.ndim() != out_labels.len()
    {
        return Err(value_error(format!(
            "out parameter does not have the correct number of dimensions, has {} but should have {}",
            o.ndim(),
            out_labels.len()
        )));
    }
    if nop == 1
        && opts.out.is_none()
        && let Some(v) = single_op_view(&ops_in[0], &op_labels[0], &out_labels)?
    {
        return Ok(scalarize(v));
    }
    let mut ops = vec![];
    let mut labels = vec![];
    for (iop, op) in ops_in.iter().enumerate() {
        let (v, l) = combined_view(op, iop, &op_labels[iop])?;
        ops.push(v);
        labels.push(l);
    }
    let mut iter_labels = out_labels.clone();
    for (c, &n) in counts.iter().enumerate() {
        if n > 0 && !out_labels.contains(&(c as i32)) {
            iter_labels.push(c as i32);
        }
    }
    let ndim_iter = iter_labels.len();
    let n_out = out_labels.len();
    let axes: Vec<Vec<Option<usize>>> = labels.iter().map(|l| op_axes(l, &iter_labels)).collect();
    // `out` is the iterator's operand `nop`: its axes are the output
    // labels' axes, in order, and it has none along the summed labels.
    let mut all_ops = ops.clone();
    let mut all_axes = axes.clone();
    if let Some(o) = &opts.out {
        if !o.writeable() {
            return Err(value_error(
                "operand array with iterator write flag set is read-only",
            ));
        }
        all_ops.push(o.clone());
        all_axes.push((0..ndim_iter).map(|d| (d < n_out).then_some(d)).collect());
    }
    // Broadcast every operand over the iterator's axes.
    let mut shape = vec![1usize; ndim_iter];
    let mut clash = false;
    for (op, ax) in all_ops.iter().zip(&all_axes) {
        let s = op.shape();
        for (d, a) in ax.iter().enumerate() {
            if let Some(a) = a {
                let n = s[*a];
                if n != 1 {
                    if shape[d] != 1 && shape[d] != n {
                        clash = true;
                    }
                    shape[d] = n;
                }
            }
        }
    }
    if clash {
        let mut msg = String::from(
            "operands could not be broadcast together with remapped shapes [original->remapped]: ",
        );
        for (op, ax) in all_ops.iter().zip(&all_axes) {
            let s = op.shape();
            let orig: Vec<Option<usize>> = s.iter().map(|&d| Some(d)).collect();
            msg.push_str(&shape_text(&orig, "->"));
            let rem: Vec<Option<usize>> = ax.iter().map(|a| a.map(|a| s[a])).collect();
            msg.push_str(&shape_text(&rem, " "));
        }
        return Err(value_error(msg));
    }
    // An `out` axis of length 1 where the output is longer would be summed
    // into: NpyIter refuses it, naming the last such axis first.
    if let Some(o) = &opts.out
        && let Some(d) = (0..n_out)
            .rev()
            .find(|&d| o.shape()[d] == 1 && shape[d] != 1)
    {
        return Err(value_error(format!(
            "output operand requires a reduction along dimension {d}, but the reduction is not enabled. The dimension size of 1 does not match the expected output shape."
        )));
    }
    // The common dtype (`out`'s too, as a read operand), and the casts
    // into it.
    let common = all_ops
        .iter()
        .try_fold(None::<DType>, |acc, op| -> PyResult<Option<DType>> {
            Ok(Some(match acc {
                None => op.dtype().clone(),
                Some(d) => {
                    crate::engine::promote::promote_types(&d, op.dtype()).ok_or_else(|| {
                        not_implemented("slicelab's np.einsum does not promote these dtypes")
                    })?
                }
            }))
        })?
        .unwrap_or(DType::Float64);
    let dt = opts.dtype.clone().unwrap_or(common);
    check_casts(&all_ops, &dt, &opts.casting, opts.out.is_some())?;
    let kind = dt.kind();
    if opts.order_given && n_out > 1 {
        return Err(not_implemented(
            "slicelab's np.einsum allocates its output in order='K' only",
        ));
    }
    let reduce: usize = shape[n_out..].iter().product();
    let out_size: usize = shape[..n_out].iter().product();
    // Read every operand once, in the common dtype, C order.
    let data: Vec<Vec<Scalar>> = ops
        .iter()
        .map(|op| Ok(kernels::cast(op, &dt)?.copy(Order::C)?.to_scalars()))
        .collect::<PyResult<_>>()?;
    match kind {
        Kind::Bool | Kind::Int | Kind::UInt => {}
        Kind::Float if dt != DType::Float16 || nop <= 2 => {
            if reduce > 1 && out_size > 0 && !exact_in_any_order(&data, reduce, &dt) {
                return Err(not_implemented(
                    "slicelab's np.einsum does not add float products: NumPy's SIMD kernels (fused multiply-adds, several accumulators) fix an order of additions slicelab does not replay; np.tensordot or @ give NumPy's digits",
                ));
            }
            if optimized && nop > 2 {
                return Err(not_implemented(
                    "slicelab's np.einsum with optimize= multiplies float operands pairwise in einsum_path's order, which it does not replay",
                ));
            }
        }
        Kind::Complex if exact_in_any_order(&data, reduce, &dt) => {}
        _ => {
            if nop > 1 || reduce > 1 {
                return Err(not_implemented(format!(
                    "slicelab's np.einsum does not compute {} products",
                    crate::render::dtype_repr(&dt)
                )));
            }
        }
    }
    // Element strides of each operand along the iterator's axes.
    let estr: Vec<Vec<usize>> = ops
        .iter()
        .zip(&axes)
        .map(|(op, ax)| {
            let s = op.shape();
            let cs = crate::engine::layout::c_strides(&s, 1);
            ax.iter()
                .map(|a| match a {
                    Some(a) if s[*a] != 1 => cs[*a] as usize,
                    _ => 0,
                })
                .collect()
        })
        .collect();
    crate::engine::buffer::ensure_room(
        &shape[..n_out],
        dt.itemsize(),
        &dt.name(),
        std::mem::size_of::<Scalar>(),
    )?;
    let mut values = Vec::with_capacity(out_size);
    let mut idx = vec![0usize; ndim_iter];
    if out_size > 0 {
        for _ in 0..out_size {
            let mut acc = Acc::zero(&dt);
            if reduce > 0 {
                for _ in 0..reduce {
                    let mut prod: Option<Scalar> = None;
                    for (k, d) in data.iter().enumerate() {
                        let at: usize = idx.iter().zip(&estr[k]).map(|(i, s)| i * s).sum();
                        prod = Some(match prod {
                            None => d[at].clone(),
                            Some(p) => times(&dt, &p, &d[at]),
                        });
                    }
                    if let Some(p) = prod {
                        acc = acc.plus(&dt, &p);
                    }
                    advance(&mut idx[n_out..], &shape[n_out..]);
                }
                crate::engine::interrupt::check()?;
            }
            values.push(acc.0);
            advance(&mut idx[..n_out], &shape[..n_out]);
        }
    }
    let c = NdArray::from_scalars(&shape[..n_out], dt.clone(), &values)?;
    if let Some(o) = &opts.out {
        // Every operand was read before this write (NpyIter's
        // COPY_IF_OVERLAP), and the casts were checked above.
        crate::engine::index::set(o, &[crate::engine::index::IndexItem::Ellipsis], &c)?;
        return Ok(Value::Array(o.clone()));
    }
    let out = NdArray::zeros(&shape[..n_out], dt.clone())?;
    out.set_layout(k_order_layout(&ops, &axes, &shape, n_out, dt.itemsize()));
    crate::engine::array::copy_elements(&c, &out)?;
    Ok(scalarize(out))
}

/// NpyIter's casting checks, operand by operand: each input read in `dt`,
/// and `out` (the last operand when `has_out`) read in `dt` and written
/// back from it, under `casting`.
fn check_casts(ops: &[ArrayRef], dt: &DType, casting: &str, has_out: bool) -> PyResult<()> {
    use super::cast_rules::cast_allowed;
    // `casting` was checked against the five rules when read.
    let allowed = |from: &DType, to: &DType| cast_allowed(from, to, casting) == Some(true);
    let repr = crate::render::dtype_repr;
    for (iop, op) in ops.iter().enumerate() {
        if !allowed(op.dtype(), dt) {
            return Err(PyError::type_error(format!(
                "Iterator operand {iop} dtype could not be cast from {} to {} according to the rule '{casting}'",
                repr(op.dtype()),
                repr(dt)
            )));
        }
        if has_out && iop == ops.len() - 1 && !allowed(dt, op.dtype()) {
            return Err(PyError::type_error(format!(
                "Iterator requested dtype could not be cast from {} to {}, the operand {iop} dtype, according to the rule '{casting}'",
                repr(dt),
                repr(op.dtype())
            )));
        }
    }
    Ok(())
}

/// True when a float or complex sum of products comes out the same in
/// any order of operations, so slicelab's order gives NumPy's digits.
/// Every finite part of an operand's values is a multiple of a power of
/// two (`2^low`: 3 of 1, 0.75 of 1/4), so every product is a multiple of
/// the product of those powers, and so is every partial sum. Such sums
/// are exact while they stay below 2^mantissa times that unit (2⁵³ for
/// float64 and complex128, 2²⁴ for float32 and complex64), which bounds
/// the largest product part times the number of terms. Infinities and
/// NaNs then combine alike in any order, since nothing finite overflows.
fn exact_in_any_order(data: &[Vec<Scalar>], reduce: usize, dt: &DType) -> bool {
    let mantissa = match dt {
        DType::Float64 | DType::Complex128 => 53,
        DType::Float32 | DType::Complex64 => 24,
        _ => return false,
    };
    let mut bound = (reduce as f64).log2();
    for values in data {
        let mut largest = 0f64;
        let mut low = i32::MAX;
        for v in values {
            // A complex part of a product is bounded by the product of
            // the factors' |re| + |im|.
            let (parts, size) = match v {
                Scalar::Float(x) => ([*x, 0.0], x.abs()),
                Scalar::Complex(re, im) => ([*re, *im], re.abs() + im.abs()),
                _ => return false,
            };
            for x in parts.into_iter().filter(|x| x.is_finite() && *x != 0.0) {
                low = low.min(lowest_bit(x));
            }
            if size.is_finite() {
                largest = largest.max(size);
            }
        }
        if largest == 0.0 {
            // Zeros (or only infinities) add nothing finite.
            return true;
        }
        bound += largest.log2() - f64::from(low);
    }
    // A hair below the limit, for log2's rounding.
    bound <= f64::from(mantissa) - 1e-9
}

/// The exponent of the lowest set bit of a finite, non-zero `x`: `x` is
/// an odd multiple of `2^lowest_bit(x)`.
fn lowest_bit(x: f64) -> i32 {
    let bits = x.to_bits();
    let raw_exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    let (mant, exp) = if raw_exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), raw_exp - 1075)
    };
    exp + mant.trailing_zeros() as i32
}

/// Odometer step over `shape` (last axis fastest).
fn advance(idx: &mut [usize], shape: &[usize]) {
    for d in (0..idx.len()).rev() {
        idx[d] += 1;
        if idx[d] < shape[d] {
            return;
        }
        idx[d] = 0;
    }
}

/// The output's layout as NpyIter allocates it: the iterator's axes put
/// in `npyiter_find_best_axis_ordering`'s order (a stable insertion sort
/// on the inputs' absolute strides, C order where they disagree), then
/// the output's axes given contiguous strides from the innermost out.
fn k_order_layout(
    ops: &[ArrayRef],
    axes: &[Vec<Option<usize>>],
    shape: &[usize],
    n_out: usize,
    itemsize: usize,
) -> Layout {
    let ndim = shape.len();
    // Axisdata `k` is iterator axis `ndim - 1 - k`; its stride per operand.
    let strides_of = |k: usize| -> Vec<isize> {
        let d = ndim - 1 - k;
        ops.iter()
            .zip(axes)
            .map(|(op, ax)| match ax[d] {
                Some(a) if shape[d] != 1 && op.shape()[a] != 1 => op.strides()[a],
                _ => 0,
            })
            .collect()
    };
    let mut perm: Vec<usize> = (0..ndim).collect();
    for i0 in 1..ndim {
        let mut ipos = i0;
        let j0 = perm[i0];
        let s0 = strides_of(j0);
        for i1 in (0..i0).rev() {
            let s1 = strides_of(perm[i1]);
            let mut ambig = true;
            let mut swap = false;
            for (a, b) in s0.iter().zip(&s1) {
                if *a != 0 && *b != 0 {
                    if b.abs() <= a.abs() {
                        swap = false;
                    } else if ambig {
                        swap = true;
                    }
                    ambig = false;
                }
            }
            if !ambig {
                if swap {
                    ipos = i1;
                } else {
                    break;
                }
            }
        }
        if ipos != i0 {
            perm.remove(i0);
            perm.insert(ipos, j0);
        }
    }
    let mut strides = vec![0isize; n_out];
    let mut stride = itemsize as isize;
    for &k in &perm {
        let d = ndim - 1 - k;
        if d < n_out {
            strides[d] = stride;
            stride *= shape[d] as isize;
        }
    }
    Layout {
        shape: shape[..n_out].to_vec(),
        strides,
        offset: 0,
    }
}

/// `p * q` in the einsum loop's type.
fn times(dt: &DType, p: &Scalar, q: &Scalar) -> Scalar {
    match (p, q) {
        (Scalar::Bool(a), Scalar::Bool(b)) => Scalar::Bool(*a && *b),
        (Scalar::Int(a), Scalar::Int(b)) => Scalar::Int(a.wrapping_mul(*b)),
        (Scalar::UInt(a), Scalar::UInt(b)) => Scalar::UInt(a.wrapping_mul(*b)),
        (Scalar::Float(a), Scalar::Float(b)) if *dt == DType::Float32 => {
            Scalar::Float((*a as f32 * *b as f32) as f64)
        }
        (Scalar::Float(a), Scalar::Float(b)) => Scalar::Float(a * b),
        // Complex products are computed only where every step is exact
        // (`exact_in_any_order`), so f64 arithmetic serves complex64 too.
        (Scalar::Complex(a, b), Scalar::Complex(c, d)) => {
            Scalar::Complex(a * c - b * d, a * d + b * c)
        }
        _ => p.clone(),
    }
}

/// The running sum of one output element, from NumPy's zero.
struct Acc(Scalar);

impl Acc {
    fn zero(dt: &DType) -> Acc {
        Acc(match dt.kind() {
            Kind::Bool => Scalar::Bool(false),
            Kind::Int => Scalar::Int(0),
            Kind::UInt => Scalar::UInt(0),
            Kind::Complex => Scalar::Complex(0.0, 0.0),
            _ => Scalar::Float(0.0),
        })
    }

    /// `product + sum`, the order NumPy's kernels write (`temp + *out`).
    fn plus(self, dt: &DType, p: &Scalar) -> Acc {
        Acc(match (&self.0, p) {
            (Scalar::Bool(a), Scalar::Bool(b)) => Scalar::Bool(*a || *b),
            (Scalar::Int(a), Scalar::Int(b)) => Scalar::Int(b.wrapping_add(*a)),
            (Scalar::UInt(a), Scalar::UInt(b)) => Scalar::UInt(b.wrapping_add(*a)),
            (Scalar::Float(a), Scalar::Float(b)) if *dt == DType::Float32 => {
                Scalar::Float((*b as f32 + *a as f32) as f64)
            }
            (Scalar::Float(a), Scalar::Float(b)) => Scalar::Float(b + a),
            (Scalar::Complex(a, b), Scalar::Complex(c, d)) => Scalar::Complex(c + a, d + b),
            _ => p.clone(),
        })
    }
}
