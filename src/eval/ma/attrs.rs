//! A masked array's attributes, methods and indexing (`MaskedArray`'s
//! properties, `_arraymethod`, `__getitem__`, `__setitem__`, `filled`,
//! `compressed`, `count`, `tolist`) as core.py writes them.

use super::core::{filled, set_mask, zeros_mask};
use std::rc::Rc;

use crate::engine::{DType, Scalar};

use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use super::core::{array_of, masked, view};
use crate::eval::args::Args;
use crate::eval::object::Masked;
use crate::eval::object::{as_masked, is_masked_constant};
use crate::eval::protocol::truthy;
use crate::eval::session::Session;

/// The methods slicelab's masked arrays have.
const METHODS: &[&str] = &[
    "filled",
    "compressed",
    "count",
    "sum",
    "prod",
    "product",
    "mean",
    "min",
    "max",
    "reshape",
    "ravel",
    "copy",
    "transpose",
    "flatten",
    "squeeze",
    "swapaxes",
    "tolist",
    "harden_mask",
    "soften_mask",
    "unshare_mask",
    "shrink_mask",
    "argmin",
    "argmax",
    "cumsum",
    "cumprod",
    "var",
    "std",
    "put",
    "ptp",
    "argsort",
    "sort",
    "all",
    "any",
];

/// `np.ma.MaskedArray`'s methods slicelab does not have.
/// `MaskedArray`'s names beyond an ndarray's: its class's (`dir()`) and
/// the ones each instance sets.
const MASKED_ARRAY_OWN: &str = "_baseclass _comparison _data _defaulthardmask _defaultmask \
     _delegate_binop _get_data _insert_masked_print _module_source _print_width \
     _print_width_1d _set_mask _update_from anom baseclass compressed count fill_value filled \
     get_fill_value get_imag get_real harden_mask hardmask ids iscontiguous mask product ptp \
     recordmask set_fill_value sharedmask shrink_mask soften_mask toflex torecords unshare_mask \
     _mask _optinfo _fill_value _hardmask _sharedmask _isfield _basedict";

const LACKING: &[&str] = &[
    "anom",
    "astype",
    "view",
    "dot",
    "clip",
    "round",
    "nonzero",
    "take",
    "repeat",
    "diagonal",
    "trace",
    "resize",
    "fill",
    "item",
    "tobytes",
    "toflex",
    "torecords",
    "ids",
    "iscontiguous",
    "set_fill_value",
    "get_fill_value",
    "get_imag",
    "get_real",
    "compress",
    "searchsorted",
    "cumulative_sum",
    "cumulative_prod",
    "mini",
];

fn not_yet(name: &str) -> PyError {
    PyError::new(
        "NotImplementedError",
        format!("slicelab does not implement MaskedArray.{name} yet"),
    )
}

/// `m.NAME`.
pub fn attr(s: &mut Session, obj: &Value, name: &str) -> PyResult<Value> {
    if is_masked_constant(obj) {
        return match name {
            "data" => Ok(Value::Array(super::core::getdata(obj)?)),
            "mask" => Ok(Value::Array(
                super::core::getmask(obj).ok_or_else(|| PyError::value("no mask"))?,
            )),
            "shape" => Ok(Value::tuple(vec![])),
            "ndim" => Ok(Value::Int(0)),
            "size" => Ok(Value::Int(1)),
            "dtype" => Ok(Value::DType(DType::Float64)),
            _ => Err(PyError::new(
                "NotImplementedError",
                format!("slicelab does not implement np.ma.masked.{name}"),
            )),
        };
    }
    let Some(m) = as_masked(obj) else {
        return Err(PyError::attribute(&obj.type_name(), name));
    };
    match name {
        "data" | "_data" => Ok(Value::Array(view(&m.data))),
        "mask" => Ok(match m.mask() {
            Some(k) => Value::Array(view(&k)),
            None => Value::NpScalar(DType::Bool, Scalar::Bool(false)),
        }),
        "fill_value" => {
            let (dt, v) = m.fill_value()?;
            Ok(Value::NpScalar(dt, v))
        }
        "hardmask" => Ok(Value::Bool(m.hard.get())),
        "sharedmask" => Ok(Value::Bool(m.shared.get())),
        "shape" | "ndim" | "size" | "dtype" | "itemsize" | "nbytes" | "strides" => {
            let d = Value::Array(m.data.clone());
            s.getattr(&d, name)
        }
        "T" => arraymethod(s, m, "transpose", Args::empty()),
        n if METHODS.contains(&n) => Ok(Value::Method(Rc::new(obj.clone()), Rc::from(n))),
        n if LACKING.contains(&n) => Err(not_yet(n)),
        // A name NumPy's masked arrays have (an ndarray's, or their own)
        // is missing from slicelab, not from NumPy.
        n if crate::eval::numpy_names::numpy_has("numpy.ndarray", n)
            || MASKED_ARRAY_OWN.split_whitespace().any(|own| own == n) =>
        {
            Err(not_yet(n))
        }
        n => Err(PyError::attribute("MaskedArray", n)),
    }
}

impl Args {
    /// No arguments.
    pub fn empty() -> Args {
        Args {
            pos: vec![],
            kw: vec![],
        }
    }
}

/// `m.NAME(...)`.
pub fn call_method(s: &mut Session, obj: &Value, name: &str, args: Args) -> PyResult<Value> {
    if is_masked_constant(obj) {
        return Err(PyError::new(
            "NotImplementedError",
            format!("slicelab does not implement np.ma.masked.{name}()"),
        ));
    }
    let Some(m) = as_masked(obj) else {
        return Err(PyError::attribute(&obj.type_name(), name));
    };
    let sig = |text: &'static str, honours: &'static str| -> PyResult<Args> {
        let e = super::super::registry::func(
            text,
            super::super::signature::Style::Python,
            honours,
            super::super::registry::Writes::Nothing,
        );
        let with_self = Args {
            pos: [vec![obj.clone()], args.pos.clone()].concat(),
            kw: args.kw.clone(),
        };
        let mut out = crate::eval::binding::prepare(&e, &with_self)?;
        out.pos.clear();
        out.kw.retain(|(k, _)| k != "self");
        Ok(out)
    };
    match name {
        "filled" => {
            let a = sig("filled(self, fill_value=None)", "self fill_value")?;
            Ok(Value::Array(filled(s, m, a.kw("fill_value").cloned())?))
        }
        "compressed" => {
            sig("compressed(self)", "self")?;
            compressed(s, m)
        }
        "count" => {
            let a = sig(
                "count(self, axis=None, keepdims=<no value>)",
                "self axis keepdims",
            )?;
            super::reduce::count(s, m, &a)
        }
        "sum" | "prod" | "product" => {
            let a = sig(
                match name {
                    "sum" => "sum(self, axis=None, dtype=None, out=None, keepdims=<no value>)",
                    "prod" => "prod(self, axis=None, dtype=None, out=None, keepdims=<no value>)",
                    _ => "product(self, axis=None, dtype=None, out=None, keepdims=<no value>)",
                },
                "self axis dtype keepdims",
            )?;
            super::reduce::sum_prod(s, m, if name == "sum" { "sum" } else { "prod" }, &a)
        }
        "mean" => {
            let a = sig(
                "mean(self, axis=None, dtype=None, out=None, keepdims=<no value>)",
                "self axis dtype keepdims",
            )?;
            super::reduce::mean(s, m, &a)
        }
        "min" | "max" => {
            let a = sig(
                if name == "min" {
                    "min(self, axis=None, out=None, fill_value=None, keepdims=<no value>)"
                } else {
                    "max(self, axis=None, out=None, fill_value=None, keepdims=<no value>)"
                },
                "self axis fill_value keepdims",
            )?;
            super::reduce::min_max(s, m, name, &a)
        }
        "argmin" | "argmax" => {
            let a = sig(
                if name == "argmin" {
                    "argmin(self, axis=None, fill_value=None, out=None, *, keepdims=<no value>)"
                } else {
                    "argmax(self, axis=None, fill_value=None, out=None, *, keepdims=<no value>)"
                },
                "self axis fill_value keepdims",
            )?;
            super::more::arg_extreme(s, m, name, &a)
        }
        "cumsum" | "cumprod" => {
            let a = sig(
                if name == "cumsum" {
                    "cumsum(self, axis=None, dtype=None, out=None)"
                } else {
                    "cumprod(self, axis=None, dtype=None, out=None)"
                },
                "self axis dtype",
            )?;
            super::more::cumulate(s, m, name, &a)
        }
        "var" | "std" => {
            let a = sig(
                if name == "var" {
                    "var(self, axis=None, dtype=None, out=None, ddof=0, keepdims=<no value>, mean=<no value>)"
                } else {
                    "std(self, axis=None, dtype=None, out=None, ddof=0, keepdims=<no value>, mean=<no value>)"
                },
                "self axis dtype ddof keepdims mean",
            )?;
            if name == "var" {
                super::more::var(s, obj, m, &a)
            } else {
                super::more::std(s, obj, m, &a)
            }
        }
        "put" => {
            let a = sig(
                "put(self, indices, values, mode='raise')",
                "self indices values mode",
            )?;
            let indices = a.kw("indices").cloned().unwrap_or(Value::None);
            let values = a.kw("values").cloned().unwrap_or(Value::None);
            super::put::put(s, obj, m, indices, values, a.kw("mode").cloned())?;
            Ok(Value::None)
        }
        "ptp" => {
            let a = sig(
                "ptp(self, axis=None, out=None, fill_value=None, keepdims=False)",
                "self axis fill_value keepdims",
            )?;
            ptp(s, obj, &a)
        }
        "ravel" => {
            let a = sig("ravel(self, order='C')", "self order")?;
            if let Some(o) = a.kw("order")
                && !matches!(o, Value::Str(t) if t.as_ref() == "C")
            {
                return Err(PyError::new(
                    "NotImplementedError",
                    "slicelab does not implement MaskedArray.ravel(order=...) yet",
                ));
            }
            arraymethod(s, m, "ravel", Args::empty())
        }
        "reshape" | "copy" | "transpose" | "flatten" | "squeeze" | "swapaxes" => {
            arraymethod(s, m, name, args)
        }
        "all" | "any" => {
            let a = sig(
                if name == "all" {
                    "all(self, axis=None, out=None, keepdims=<no value>)"
                } else {
                    "any(self, axis=None, out=None, keepdims=<no value>)"
                },
                "self axis keepdims",
            )?;
            super::reduce::all_any(s, m, name, &a)
        }
        "argsort" => {
            let a = sig(
                "argsort(self, axis=<no value>, kind=None, order=None, endwith=True, fill_value=None, *, stable=False)",
                "self axis kind endwith fill_value stable",
            )?;
            super::sort::argsort(s, m, &a)
        }
        "sort" => {
            let a = sig(
                "sort(self, axis=-1, kind=None, order=None, endwith=True, fill_value=None, *, stable=False)",
                "self axis kind endwith fill_value stable",
            )?;
            super::sort::sort_in_place(s, obj, m, &a)
        }
        "tolist" => {
            sig("tolist(self)", "self")?;
            tolist(s, m)
        }
        "harden_mask" | "soften_mask" => {
            sig(
                if name == "harden_mask" {
                    "harden_mask(self)"
                } else {
                    "soften_mask(self)"
                },
                "self",
            )?;
            m.hard.set(name == "harden_mask");
            Ok(obj.clone())
        }
        "unshare_mask" => {
            sig("unshare_mask(self)", "self")?;
            if m.shared.get() {
                let k = m.mask();
                if let Some(k) = k {
                    *m.mask.borrow_mut() = Some(k.copy_kept()?);
                }
                m.shared.set(false);
            }
            Ok(obj.clone())
        }
        "shrink_mask" => {
            sig("shrink_mask(self)", "self")?;
            if let Some(k) = m.mask()
                && !super::core::any(&k)
            {
                *m.mask.borrow_mut() = None;
            }
            Ok(obj.clone())
        }
        other => Err(not_yet(other)),
    }
}

/// `m.ptp(axis, fill_value, keepdims)`: `result = max(...)`, then
/// `result -= min(...)` (in place, so integers wrap in their own type).
fn ptp(s: &mut Session, obj: &Value, a: &Args) -> PyResult<Value> {
    let kw: Vec<(String, Value)> = a.kw.iter().filter(|(k, _)| k != "self").cloned().collect();
    let hi = call_method(
        s,
        obj,
        "max",
        Args {
            pos: vec![],
            kw: kw.clone(),
        },
    )?;
    let lo = call_method(s, obj, "min", Args { pos: vec![], kw })?;
    if is_masked_constant(&hi) {
        return Ok(hi);
    }
    if as_masked(&hi).is_some() {
        return super::ops::inplace(s, crate::syntax::ast::BinOp::Sub, &hi, &lo);
    }
    if is_masked_constant(&lo) {
        return Ok(masked());
    }
    s.binary(crate::syntax::ast::BinOp::Sub, &hi, &lo)
}

/// `_arraymethod(funcname)`: the method on the data, the same method on
/// the mask (`reshape` and `ravel` do the same).
fn arraymethod(s: &mut Session, m: &Masked, name: &str, args: Args) -> PyResult<Value> {
    let again = Args {
        pos: args.pos.clone(),
        kw: args.kw.clone(),
    };
    let d = s.call_method_registered(&Value::Array(m.data.clone()), name, args)?;
    let d = array_of(d)?;
    let mask = match m.mask() {
        Some(k) => Some(array_of(s.call_method_registered(
            &Value::Array(k),
            name,
            again,
        )?)?),
        None => None,
    };
    Ok(Masked::new(d, mask).update_from(m).into_value())
}

/// `m.compressed()`: the unmasked values as a 1-D array.
fn compressed(s: &mut Session, m: &Masked) -> PyResult<Value> {
    let data = s.np("ravel", vec![Value::Array(view(&m.data))], vec![])?;
    match m.mask() {
        None => Ok(data),
        Some(k) => {
            let flat = s.np("ravel", vec![Value::Array(k)], vec![])?;
            let keep = s.np("logical_not", vec![flat], vec![])?;
            s.getitem(&data, &keep)
        }
    }
}

/// `m.tolist()`: masked entries become `None`.
fn tolist(s: &mut Session, m: &Masked) -> PyResult<Value> {
    let d = s.call_method_registered(&Value::Array(m.data.clone()), "tolist", Args::empty())?;
    let Some(k) = m.mask() else {
        return Ok(d);
    };
    let mk = s.call_method_registered(&Value::Array(k), "tolist", Args::empty())?;
    fn merge(d: &Value, k: &Value) -> PyResult<Value> {
        Ok(match (d, k) {
            (Value::List(dl), Value::List(kl)) => {
                let items: PyResult<Vec<Value>> = dl
                    .borrow()
                    .iter()
                    .zip(kl.borrow().iter())
                    .map(|(a, b)| merge(a, b))
                    .collect();
                Value::list(items?)
            }
            (_, Value::Bool(true)) => Value::None,
            (other, _) => other.clone(),
        })
    }
    merge(&d, &mk)
}

/// `m[idx]`: a masked view/copy with the mask indexed the same way, the
/// element, or `masked`.
pub fn getitem(s: &mut Session, obj: &Value, idx: &Value) -> PyResult<Value> {
    let Some(m) = as_masked(obj) else {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab does not implement indexing np.ma.masked",
        ));
    };
    if matches!(idx, Value::Str(_)) || as_masked(idx).is_some() {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab does not implement this index of a masked array",
        ));
    }
    let dout = s.getitem(&Value::Array(m.data.clone()), idx)?;
    match m.mask() {
        Some(k) => {
            let mout = s.getitem(&Value::Array(k), idx)?;
            match (dout, mout) {
                (Value::Array(d), Value::Array(mo)) => {
                    let mo = if mo.shape() == d.shape() {
                        mo
                    } else {
                        let shape = Value::tuple(
                            d.shape().iter().map(|&n| Value::Int(n as i128)).collect(),
                        );
                        array_of(s.np("reshape", vec![Value::Array(mo), shape], vec![])?)?
                    };
                    let out = Masked::new(d, Some(mo)).update_from(m);
                    out.shared.set(true);
                    Ok(out.into_value())
                }
                (d, mo) => {
                    if truthy(&mo)? {
                        Ok(masked())
                    } else {
                        Ok(d)
                    }
                }
            }
        }
        None => match dout {
            Value::Array(d) => Ok(Masked::new(d, None).update_from(m).into_value()),
            other => Ok(other),
        },
    }
}

/// `m[idx] = value` as `MaskedArray.__setitem__`.
pub fn setitem(s: &mut Session, obj: &Value, idx: &Value, value: &Value) -> PyResult<()> {
    let Some(m) = as_masked(obj) else {
        return Err(PyError::new(
            "MaskError",
            "Cannot alter the masked element.",
        ));
    };
    // A masked index works as its data where ndarray indexing takes it
    // (`_mask[indx] = True`, `_data[indx] = dval`); the soft-mask branch
    // that writes only `_data[indx.data]` is not modelled.
    let idx_data;
    let idx = match as_masked(idx) {
        Some(im) if is_masked_constant(value) || m.mask().is_none() => {
            idx_data = Value::Array(view(&im.data));
            &idx_data
        }
        _ => idx,
    };
    if matches!(idx, Value::Str(_)) || as_masked(idx).is_some() {
        return Err(PyError::new(
            "NotImplementedError",
            "slicelab does not implement this index of a masked array",
        ));
    }
    let data = Value::Array(m.data.clone());
    if is_masked_constant(value) {
        let k = match m.mask() {
            Some(k) => k,
            None => {
                let k = zeros_mask(s, &m.data.shape())?;
                *m.mask.borrow_mut() = Some(k.clone());
                k
            }
        };
        return s.setitem(&Value::Array(k), idx, &Value::Bool(true));
    }
    let dval = match as_masked(value) {
        Some(v) => Value::Array(view(&v.data)),
        None => value.clone(),
    };
    let mval = super::core::getmask(value);
    match m.mask() {
        None => {
            s.setitem(&data, idx, &dval)?;
            if let Some(mv) = mval {
                let k = zeros_mask(s, &m.data.shape())?;
                *m.mask.borrow_mut() = Some(k.clone());
                s.setitem(&Value::Array(k), idx, &Value::Array(mv))?;
            }
            Ok(())
        }
        Some(k) if !m.hard.get() => {
            s.setitem(&data, idx, &dval)?;
            let mv = match mval {
                Some(a) => Value::Array(a),
                None => Value::NpScalar(DType::Bool, Scalar::Bool(false)),
            };
            s.setitem(&Value::Array(k), idx, &mv)
        }
        Some(k) => {
            if let Value::Array(i) = idx
                && i.dtype().native() == DType::Bool
            {
                return Err(PyError::new(
                    "NotImplementedError",
                    "slicelab does not implement boolean assignment into a hard mask yet",
                ));
            }
            let kv = Value::Array(k.clone());
            let mi = s.getitem(&kv, idx)?;
            let mi = match mval {
                Some(mv) => s.np("logical_or", vec![mi, Value::Array(mv)], vec![])?,
                None => mi,
            };
            let none_set = match &mi {
                Value::Array(a) => !super::core::any(a),
                other => !truthy(other)?,
            };
            let mut di = s.getitem(&data, idx)?;
            let size = match &di {
                Value::Array(a) => a.size(),
                _ => 1,
            };
            if size > 1 {
                let where_ = if none_set {
                    Value::Bool(true)
                } else {
                    s.np("logical_not", vec![mi.clone()], vec![])?
                };
                s.np("copyto", vec![di.clone(), dval], vec![("where", where_)])?;
            } else if none_set {
                di = dval;
            }
            s.setitem(&data, idx, &di)?;
            let mset = if none_set {
                Value::NpScalar(DType::Bool, Scalar::Bool(false))
            } else {
                mi
            };
            s.setitem(&kv, idx, &mset)
        }
    }
}

/// `m.NAME = value`: the fill value (cast to the dtype; `None` resets
/// it) and the mask (`__setmask__`); others are refused.
pub fn setattr(s: &mut Session, obj: &Value, name: &str, value: &Value) -> PyResult<()> {
    let Some(m) = as_masked(obj) else {
        return Err(PyError::new(
            "NotImplementedError",
            format!("slicelab does not implement setting np.ma.masked.{name}"),
        ));
    };
    match name {
        "shape" => super::put::set_shape(m, value),
        "fill_value" => {
            let dt = m.data.dtype().clone();
            let f = super::core::check_fill(s, value, &dt)?;
            *m.fill.borrow_mut() = Some(f);
            Ok(())
        }
        "mask" => {
            let v = if is_masked_constant(value) {
                Value::Bool(true)
            } else {
                value.clone()
            };
            if m.mask().is_none() && matches!(v, Value::NpScalar(DType::Bool, Scalar::Bool(false)))
            {
                return Ok(());
            }
            let arr =
                array_of(s.np("array", vec![v], vec![("dtype", Value::DType(DType::Bool))])?)?;
            if arr.size() != 1 && arr.shape() != m.data.shape() {
                return Err(PyError::new(
                    "NotImplementedError",
                    "slicelab does not implement setting a mask of another shape (NumPy fills it flat)",
                ));
            }
            set_mask(s, m, &Value::Array(arr))
        }
        other => Err(PyError::new(
            "NotImplementedError",
            format!("slicelab does not implement setting MaskedArray.{other}"),
        )),
    }
}
