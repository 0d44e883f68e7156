//! `numpy.lib.recfunctions`, the basics a learner reaches for:
//! `structured_to_unstructured` (a strided view of the records' bytes
//! when every field has the result's type and the fields are evenly
//! spaced, else a copy), `unstructured_to_structured` (a view of a
//! C-contiguous input whose type fills the fields exactly, else a copy),
//! `repack_fields`, `drop_fields`, `rename_fields`, `get_names` and
//! `get_names_flat` (`merge_arrays` and `append_fields` are in
//! `recfunctions_join.rs`). Each follows NumPy's Python source step by step, so
//! when the result is a view and which errors are raised come out as
//! NumPy's do.

use std::rc::Rc;

use crate::engine::dtype::{DType, Field, RecordType};
use crate::engine::layout::Layout;
use crate::engine::{ArrayRef, NdArray, Order};

use super::dtype_arg::dtype_arg;
use super::error::{PyError, PyResult};
use super::signature::{Bound, Style, bind};
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::convert::as_array;
use crate::eval::protocol::truthy;

/// The module's name, as `import` and attribute chains spell it.
pub const MODULE: &str = "numpy.lib.recfunctions";

/// Each function's NumPy signature, written once: the name it answers to
/// is the text before `(`.
const SIGNATURES: &[&str] = &[
    "structured_to_unstructured(arr, dtype=None, copy=False, casting='unsafe')",
    "unstructured_to_structured(arr, dtype=None, names=None, align=False, copy=False, casting='unsafe')",
    "repack_fields(a, align=False, recurse=False)",
    "drop_fields(base, drop_names, usemask=True, asrecarray=False)",
    "rename_fields(base, namemapper)",
    "get_names(adtype)",
    "get_names_flat(adtype)",
    "merge_arrays(seqarrays, fill_value=-1, flatten=False, usemask=False, asrecarray=False)",
    "append_fields(base, names, data, dtypes=None, fill_value=-1, usemask=True, asrecarray=False)",
];

fn name_of(sig: &str) -> &str {
    sig.split('(').next().unwrap_or(sig)
}

/// `numpy.lib.recfunctions` as an attribute of `numpy.lib`, and its
/// functions as attributes of it.
pub fn module_attr(module: &str, name: &str) -> Option<Value> {
    match (module, name) {
        ("numpy.lib", "recfunctions") => Some(Value::Module(MODULE.into())),
        (MODULE, f) if SIGNATURES.iter().any(|s| name_of(s) == f) => {
            Some(Value::func(&format!("np.lib.recfunctions.{f}")))
        }
        _ => super::emath::module_attr(module, name),
    }
}

/// Call `numpy.lib.recfunctions.NAME`: bound against NumPy's signature
/// here, as these are not `np.` functions of the registry.
pub fn call(name: &str, args: &Args) -> PyResult<Value> {
    let sig = SIGNATURES
        .iter()
        .find(|s| name_of(s) == name)
        .ok_or_else(|| PyError::attribute("module 'numpy.lib.recfunctions'", name))?;
    let b = bind(sig, Style::Python, args)?;
    match name {
        "structured_to_unstructured" => structured_to_unstructured(&b),
        "unstructured_to_structured" => unstructured_to_structured(&b),
        "repack_fields" => repack_fields(&b),
        "drop_fields" => drop_fields(&b),
        "rename_fields" => rename_fields(&b),
        "merge_arrays" => super::recfunctions_join::merge_arrays(&b),
        "append_fields" => super::recfunctions_join::append_fields(&b),
        "get_names" => Ok(names_tuple(&*record_of(b.required("adtype"))?, false)),
        _ => Ok(names_tuple(&*record_of(b.required("adtype"))?, true)),
    }
}

/// A flag argument (`copy=`, `align=`): Python truthiness, default false.
pub(super) fn flag(b: &Bound, name: &str) -> PyResult<bool> {
    b.get(name).map_or(Ok(false), truthy)
}

/// Only `casting='unsafe'` (the default) is modelled.
fn unsafe_casting_only(b: &Bound) -> PyResult<()> {
    match b.get("casting") {
        None => Ok(()),
        Some(Value::Str(s)) if s.as_ref() == "unsafe" => Ok(()),
        Some(_) => Err(PyError::new(
            "NotImplementedError",
            "slicelab's recfunctions only cast with casting='unsafe'",
        )),
    }
}

/// One leaf of `_get_fields_and_offsets`: a non-structured field's base
/// type, its element count (sub-array shapes multiplied out, nested
/// records unrolled) and its byte offset in the outer record.
struct Leaf {
    dtype: DType,
    count: usize,
    offset: usize,
}

fn leaves(rec: &RecordType, base: usize, out: &mut Vec<Leaf>) {
    for f in rec.fields().iter() {
        let n: usize = f.shape.iter().product();
        match &f.dtype {
            DType::Record(sub) if !sub.fields().is_empty() => {
                for i in 0..n {
                    leaves(sub, base + f.offset + i * f.dtype.itemsize(), out);
                }
            }
            other => out.push(Leaf {
                dtype: other.clone(),
                count: n,
                offset: base + f.offset,
            }),
        }
    }
}

/// `_common_stride`: the one byte step between consecutive elements of
/// all the leaves, negative when the fields run backwards in memory.
fn common_stride(leaves: &[Leaf], itemsize: usize) -> Option<isize> {
    if leaves.len() <= 1 {
        return Some(itemsize as isize);
    }
    let negative = leaves[1].offset < leaves[0].offset;
    let order: Vec<&Leaf> = if negative {
        leaves.iter().rev().collect()
    } else {
        leaves.iter().collect()
    };
    let (mut prev_end, mut stride): (Option<isize>, Option<isize>) = (None, None);
    for l in order {
        let offset = l.offset as isize;
        let end = if l.count != 1 {
            if negative {
                return None;
            }
            if *stride.get_or_insert(itemsize as isize) != itemsize as isize {
                return None;
            }
            offset + (l.count as isize - 1) * itemsize as isize
        } else {
            offset
        };
        if let Some(prev) = prev_end {
            let step = offset - prev;
            if *stride.get_or_insert(step) != step {
                return None;
            }
        }
        prev_end = Some(end);
    }
    let stride = stride?;
    Some(if negative { -stride } else { stride })
}

fn record_of(v: &Value) -> PyResult<Rc<RecordType>> {
    let dt = match v {
        Value::DType(d) => d.clone(),
        Value::Array(a) | Value::Void(a) => a.dtype().clone(),
        other => dtype_arg(other)?,
    };
    match dt {
        DType::Record(r) if !r.fields().is_empty() => Ok(r),
        _ => Err(PyError::value("arr must be a structured array")),
    }
}

/// An array of `dtype` on `source`'s buffer at `layout`.
fn view(source: &ArrayRef, dtype: DType, layout: Layout) -> ArrayRef {
    NdArray::view(source, dtype, layout)
}

/// `source`'s layout with `extra` trailing axes of the given shape and
/// strides, shifted by `offset` bytes.
fn extended(source: &ArrayRef, offset: isize, shape: &[usize], strides: &[isize]) -> Layout {
    let mut l = source.layout();
    l.offset = (l.offset as isize + offset) as usize;
    l.shape.extend_from_slice(shape);
    l.strides.extend_from_slice(strides);
    l
}

/// One leaf's elements in every record of `a`, as an extra last axis.
fn leaf_view(a: &ArrayRef, l: &Leaf) -> ArrayRef {
    let step = l.dtype.itemsize() as isize;
    let layout = extended(a, l.offset as isize, &[l.count], &[step]);
    view(a, l.dtype.clone(), layout)
}

/// `a[..., at:at + count]`.
fn run_of(a: &ArrayRef, at: usize, count: usize) -> ArrayRef {
    let mut l = a.layout();
    l.offset += at * a.dtype().itemsize();
    if let Some(last) = l.shape.last_mut() {
        *last = count;
    }
    view(a, a.dtype().clone(), l)
}

fn structured_to_unstructured(b: &Bound) -> PyResult<Value> {
    let arr = as_array(b.required("arr"))?;
    unsafe_casting_only(b)?;
    let DType::Record(rec) = arr.dtype() else {
        return Err(PyError::value("arr must be a structured array"));
    };
    if rec.fields().is_empty() {
        return Err(PyError::value("arr has no fields. Unable to guess dtype"));
    }
    let mut ls = vec![];
    leaves(rec, 0, &mut ls);
    let out_dtype = match b.get_some("dtype") {
        Some(d) => dtype_arg(d)?,
        None => ls.iter().skip(1).try_fold(ls[0].dtype.clone(), |acc, l| {
            crate::engine::promote::promote_types(&acc, &l.dtype)
                .ok_or_else(|| PyError::type_error("The fields' types have no common dtype"))
        })?,
    };
    let total: usize = ls.iter().map(|l| l.count).sum();
    let item = out_dtype.itemsize();
    if !flag(b, "copy")?
        && ls.iter().all(|l| l.dtype == out_dtype)
        && let Some(stride) = common_stride(&ls, item)
    {
        // Every element sits `stride` bytes after the previous one: a view.
        let first = if stride < 0 {
            ls.iter().map(|l| l.offset).max()
        } else {
            ls.iter().map(|l| l.offset).min()
        }
        .unwrap_or(0);
        let layout = extended(&arr, first as isize, &[total], &[stride]);
        return Ok(Value::Array(view(&arr, out_dtype, layout)));
    }
    let mut shape = arr.shape();
    shape.push(total);
    let out = NdArray::zeros(&shape, out_dtype.clone())?;
    let mut at = 0;
    for l in &ls {
        crate::engine::array::copy_elements(&leaf_view(&arr, l), &run_of(&out, at, l.count))?;
        at += l.count;
    }
    Ok(Value::Array(out))
}

fn unstructured_to_structured(b: &Bound) -> PyResult<Value> {
    let arr = as_array(b.required("arr"))?;
    unsafe_casting_only(b)?;
    let align = flag(b, "align")?;
    if arr.ndim() == 0 {
        return Err(PyError::value("arr must have at least one dimension"));
    }
    let shape = arr.shape();
    let n_elem = shape[shape.len() - 1];
    if n_elem == 0 {
        return Err(PyError::new(
            "NotImplementedError",
            "last axis with size 0 is not supported",
        ));
    }
    let out_dtype = match (b.get_some("dtype"), b.get_some("names")) {
        (Some(_), Some(_)) => return Err(PyError::value("don't supply both dtype and names")),
        (Some(d), None) => {
            let dt = dtype_arg(d)?;
            let rec = match &dt {
                DType::Record(r) => r.clone(),
                _ => Rc::new(RecordType {
                    cells: std::cell::RefCell::new(vec![]),
                    itemsize: 0,
                    aligned: false,
                }),
            };
            let mut ls = vec![];
            leaves(&rec, 0, &mut ls);
            if ls.iter().map(|l| l.count).sum::<usize>() != n_elem {
                return Err(PyError::value(
                    "The length of the last dimension of arr must be equal to the number of fields in dtype",
                ));
            }
            if align && !rec.aligned {
                return Err(PyError::value("align was True but dtype is not aligned"));
            }
            dt
        }
        (None, names) => {
            let names: Vec<String> = match names {
                Some(v) => crate::eval::protocol::iterate(v)?
                    .iter()
                    .map(|n| match n {
                        Value::Str(s) => Ok(s.to_string()),
                        _ => Err(PyError::type_error(
                            "First element of field tuple is neither a tuple nor str",
                        )),
                    })
                    .collect::<PyResult<_>>()?,
                None => (0..n_elem).map(|k| format!("f{k}")).collect(),
            };
            let rec = packed(
                names
                    .into_iter()
                    .map(|n| (n, None, arr.dtype().clone(), vec![]))
                    .collect(),
            )?;
            if rec.fields().len() != n_elem {
                return Err(PyError::value(
                    "When changing to a larger dtype, its size must be a divisor of the total size in bytes of the last axis of the array.",
                ));
            }
            let dt = DType::Record(rec);
            if align { realign(&dt) } else { dt }
        }
    };
    let DType::Record(rec) = &out_dtype else {
        unreachable!("built as a record above")
    };
    let mut ls = vec![];
    leaves(rec, 0, &mut ls);
    let item = arr.dtype().itemsize();
    let fills_exactly = ls.iter().all(|l| &l.dtype == arr.dtype())
        && ls
            .iter()
            .scan(0, |at, l| {
                let ok = l.offset == *at * item;
                *at += l.count;
                Some(ok)
            })
            .all(|ok| ok)
        && rec.itemsize == n_elem * item;
    let mut rows = shape.clone();
    rows.pop();
    if !flag(b, "copy")? && fills_exactly && arr.is_c_contiguous() {
        // The last axis' elements are the fields, in place: a view.
        let mut l = arr.layout();
        l.shape.pop();
        l.strides.pop();
        return Ok(Value::Array(view(&arr, out_dtype, l)));
    }
    let src = arr.copy(Order::C)?;
    let out = NdArray::zeros(&rows, out_dtype.clone())?;
    let mut at = 0;
    for l in &ls {
        crate::engine::array::copy_elements(&run_of(&src, at, l.count), &leaf_view(&out, l))?;
        at += l.count;
    }
    Ok(Value::Array(out))
}

/// A field as the list form gives it: name, title, type, shape.
/// A field to be: name, title, type, sub-array shape.
pub(super) type Spec = (String, Option<String>, DType, Vec<usize>);

/// Fields end to end in the order given.
pub(super) fn packed(specs: Vec<Spec>) -> PyResult<Rc<RecordType>> {
    let mut fields: Vec<Field> = vec![];
    let mut at = 0;
    for (name, title, dtype, shape) in specs {
        if fields.iter().any(|f| f.name == name) {
            return Err(PyError::value(format!(
                "field '{name}' occurs more than once"
            )));
        }
        let f = Field {
            name,
            dtype,
            offset: at,
            shape,
            title,
        };
        at += f.nbytes();
        fields.push(f);
    }
    Ok(Rc::new(RecordType {
        cells: std::cell::RefCell::new(fields),
        itemsize: at,
        aligned: false,
    }))
}

/// `np.dtype(dt, align=True)` for a packed record.
fn realign(dt: &DType) -> DType {
    let args = Args {
        pos: vec![Value::DType(dt.clone())],
        kw: vec![("align".into(), Value::Bool(true))],
    };
    match super::dtype_arg::dtype_call(&args) {
        Ok(Value::DType(d)) => d,
        _ => dt.clone(),
    }
}

/// `repack_fields` on a dtype: the fields in name order, end to end (or
/// aligned), nested records too when `recurse`.
fn repacked(rec: &RecordType, align: bool, recurse: bool) -> PyResult<DType> {
    let specs = rec
        .fields()
        .iter()
        .map(|f| {
            let dtype = match &f.dtype {
                DType::Record(sub) if recurse && !sub.fields().is_empty() => {
                    repacked(sub, align, true)?
                }
                other => other.clone(),
            };
            Ok((f.name.clone(), f.title.clone(), dtype, f.shape.clone()))
        })
        .collect::<PyResult<Vec<_>>>()?;
    let dt = DType::Record(packed(specs)?);
    Ok(if align { realign(&dt) } else { dt })
}

fn repack_fields(b: &Bound) -> PyResult<Value> {
    let (align, recurse) = (flag(b, "align")?, flag(b, "recurse")?);
    let a = b.required("a");
    if let Value::DType(dt) = a {
        return Ok(Value::DType(match dt {
            DType::Record(r) if !r.fields().is_empty() => repacked(r, align, recurse)?,
            other => other.clone(),
        }));
    }
    let arr = as_array(a)?;
    let DType::Record(r) = arr.dtype() else {
        return Ok(a.clone());
    };
    if r.fields().is_empty() {
        return Ok(a.clone());
    }
    let dt = repacked(r, align, recurse)?;
    if &dt == arr.dtype() {
        // `astype(copy=False)` of the same type is the array itself.
        return Ok(a.clone());
    }
    Ok(Value::Array(crate::engine::kernels::cast(&arr, &dt)?))
}

/// `_drop_descr`: the fields left once `drop` is taken out, nested records
/// losing theirs and vanishing when none is left.
fn kept(rec: &RecordType, drop: &[String]) -> PyResult<Vec<Spec>> {
    let mut out = vec![];
    for f in rec.fields().iter() {
        if drop.contains(&f.name) {
            continue;
        }
        match &f.dtype {
            DType::Record(sub) if !sub.fields().is_empty() => {
                let inner = kept(sub, drop)?;
                if !inner.is_empty() {
                    let dt = DType::Record(packed(inner)?);
                    out.push((f.name.clone(), None, dt, f.shape.clone()));
                }
            }
            other => out.push((f.name.clone(), None, other.clone(), f.shape.clone())),
        }
    }
    Ok(out)
}

fn drop_fields(b: &Bound) -> PyResult<Value> {
    if b.get("asrecarray").map(truthy).transpose()? == Some(true) {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab has no record arrays (asrecarray=True)",
        ));
    }
    let base = as_array(b.required("base"))?;
    let drop: Vec<String> = match b.required("drop_names") {
        Value::Str(s) => vec![s.to_string()],
        other => crate::eval::protocol::iterate(other)?
            .iter()
            .filter_map(|v| match v {
                Value::Str(s) => Some(s.to_string()),
                _ => None,
            })
            .collect(),
    };
    let DType::Record(rec) = base.dtype() else {
        return Err(PyError::type_error("'NoneType' object is not iterable"));
    };
    let specs = kept(rec, &drop)?;
    if specs.is_empty() {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab has no structured dtype without fields (dtype=[])",
        ));
    }
    let out = NdArray::zeros(&base.shape(), DType::Record(packed(specs)?))?;
    fill_fields(&base, &out)?;
    Ok(Value::Array(out))
}

/// `recursive_fill_fields`: every field of `out` from the field of the
/// same name in `input`, nested records field by field.
fn fill_fields(input: &ArrayRef, out: &ArrayRef) -> PyResult<()> {
    let DType::Record(rec) = out.dtype() else {
        return Ok(());
    };
    for f in rec.fields().iter() {
        let (src, dst) = (
            crate::eval::record_fields::field_view(input, &f.name)?,
            crate::eval::record_fields::field_view(out, &f.name)?,
        );
        if matches!(&f.dtype, DType::Record(r) if !r.fields().is_empty()) {
            fill_fields(&src, &dst)?;
        } else {
            crate::engine::array::copy_elements(&src, &dst)?;
        }
    }
    Ok(())
}

/// The record with names replaced as `map` says, nested records too.
fn renamed(rec: &RecordType, map: &[(Value, Value)]) -> PyResult<DType> {
    let mut fields = vec![];
    for f in rec.fields().iter() {
        let mut g = f.clone();
        if let Some((_, to)) = map
            .iter()
            .find(|(k, _)| matches!(k, Value::Str(s) if s.as_ref() == f.name))
        {
            let Value::Str(to) = to else {
                return Err(PyError::value("field names must be strings"));
            };
            g.name = to.to_string();
        }
        if let DType::Record(sub) = &f.dtype
            && !sub.fields().is_empty()
        {
            g.dtype = renamed(sub, map)?;
        }
        fields.push(g);
    }
    Ok(DType::Record(Rc::new(RecordType {
        cells: std::cell::RefCell::new(fields),
        itemsize: rec.itemsize,
        aligned: rec.aligned,
    })))
}

fn rename_fields(b: &Bound) -> PyResult<Value> {
    let base = as_array(b.required("base"))?;
    let Value::Dict(map) = b.required("namemapper") else {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab's rename_fields takes a dict of old name -> new name",
        ));
    };
    let rec = record_of(&Value::Array(base.clone()))?;
    let dt = renamed(&rec, &map.borrow())?;
    Ok(Value::Array(view(&base, dt, base.layout())))
}

/// `get_names` (nested names as `(name, (sub, ...))`) or `get_names_flat`.
fn names_tuple(rec: &RecordType, flat: bool) -> Value {
    let mut out = vec![];
    for f in rec.fields().iter() {
        let name = Value::str(&f.name);
        match &f.dtype {
            DType::Record(sub) if !sub.fields().is_empty() => {
                let inner = names_tuple(sub, flat);
                if flat {
                    out.push(name);
                    if let Value::Tuple(t) = inner {
                        out.extend(t.iter().cloned());
                    }
                } else {
                    out.push(Value::tuple(vec![name, inner]));
                }
            }
            _ => out.push(name),
        }
    }
    Value::tuple(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf(offset: usize, count: usize) -> Leaf {
        Leaf {
            dtype: DType::Float32,
            count,
            offset,
        }
    }

    #[test]
    fn common_strides_as_numpy_finds_them() {
        assert_eq!(
            common_stride(&[leaf(0, 1), leaf(4, 1), leaf(8, 1)], 4),
            Some(4)
        );
        assert_eq!(common_stride(&[leaf(8, 1), leaf(0, 1)], 4), Some(-8));
        assert_eq!(
            common_stride(&[leaf(0, 1), leaf(4, 1), leaf(12, 1)], 4),
            None
        );
        assert_eq!(common_stride(&[leaf(0, 2), leaf(8, 1)], 4), Some(4));
        assert_eq!(common_stride(&[leaf(8, 2), leaf(0, 1)], 4), None);
    }
}
