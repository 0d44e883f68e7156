//! The array methods and attributes every NumPy scalar carries
//! (`np.float64(2.5).sum()`, `.reshape(1)`, `.T`, `.flags`): NumPy answers
//! them generically (`gentype_generic_method` in
//! `numpy/_core/src/multiarray/scalartypes.c.src`) by converting the scalar
//! to a fresh 0-d array, calling the array's method, and turning a 0-d
//! array result back into a scalar (`PyArray_Return`). slicelab does the
//! same, so results, errors and messages are the array method's. Writes
//! (`fill`, `put`) land in the temporary array and leave the scalar as it
//! was, as in NumPy.

use std::rc::Rc;

use crate::engine::dtype::DType;
use crate::engine::element::scalar_as_f64;
use crate::engine::{ArrayRef, NdArray, Scalar};

use super::error::PyResult;
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::coerce::scalarize;
use crate::eval::session::Session;

/// The fresh 0-d array NumPy's `PyArray_FromScalar` makes.
fn zero_d(dt: &DType, sc: &Scalar) -> PyResult<ArrayRef> {
    Ok(NdArray::from_scalars(
        &[],
        dt.clone(),
        std::slice::from_ref(sc),
    )?)
}

/// Does a scalar of type `dt` have the method `name` that slicelab
/// forwards to its 0-d array?
pub fn has_method(dt: &DType, name: &str) -> bool {
    (name == "hex" && *dt == DType::Float64)
        || (!matches!(dt, DType::Record(_))
            && name != "tolist"
            && !matches!(name, "dot" | "partition" | "argpartition")
            && crate::eval::array_attrs::ARRAY_METHODS.contains(&name))
}

/// `scalar.NAME` for the attributes NumPy's `gentype` getters answer
/// from the 0-d array, and the generic methods; `None` when there is no
/// such attribute.
pub fn attr(me: &Value, dt: &DType, sc: &Scalar, name: &str) -> PyResult<Option<Value>> {
    Ok(Some(match name {
        "T" => me.clone(),
        "nbytes" => Value::Int(dt.itemsize() as i128),
        "strides" => Value::tuple(vec![]),
        "device" => Value::str("cpu"),
        "imag" => part(dt, sc, "imag")?,
        // `numbers.Rational` of `np.integer` (`statistics` reads them).
        "numerator" if dt.is_integer() => me.clone(),
        "denominator" if dt.is_integer() => Value::Int(1),
        // A scalar's flags are those of a read-only 0-d array that owns
        // its data.
        "flags" => {
            let z = zero_d(dt, sc)?;
            z.set_writeable(false)?;
            Value::Flags(z)
        }
        "flat" => Value::FlatIter(zero_d(dt, sc)?, Default::default()),
        m if has_method(dt, m) => Value::Method(Rc::new(me.clone()), Rc::from(m)),
        _ => return Ok(None),
    }))
}

/// `.real` or `.imag` of a scalar: the 0-d array's, made a scalar.
pub fn part(dt: &DType, sc: &Scalar, which: &str) -> PyResult<Value> {
    let z = zero_d(dt, sc)?;
    Ok(
        match crate::eval::array_attrs::array_attr(&z, &Value::Array(z.clone()), which)? {
            Value::Array(a) => scalarize(a),
            v => v,
        },
    )
}

/// Call `scalar.NAME(...)`: the 0-d array's method, a 0-d result made a
/// scalar again.
pub fn call(s: &mut Session, dt: &DType, sc: &Scalar, name: &str, args: Args) -> PyResult<Value> {
    if name == "hex" {
        if !args.pos.is_empty() || !args.kw.is_empty() {
            return Err(super::error::PyError::type_error(format!(
                "float.hex() takes no arguments ({} given)",
                args.pos.len() + args.kw.len()
            )));
        }
        return Ok(Value::str(&float_hex(scalar_as_f64(sc))));
    }
    let a = zero_d(dt, sc)?;
    let args = match super::registry::method_entry(name) {
        Some(entry) => {
            crate::eval::binding::prepare_method(name, entry, &Value::Array(a.clone()), &args)?
        }
        None => args,
    };
    Ok(
        match super::methods::call_array_method(s, &a, name, args)? {
            Value::Array(r) if r.ndim() == 0 => scalarize(r),
            v => v,
        },
    )
}

/// CPython's `float.hex`: `[-]0x1.<13 hex digits>p<exp>`, subnormals as
/// `0x0.<digits>p-1022`, zero as `0x0.0p+0`.
pub fn float_hex(v: f64) -> String {
    if v.is_nan() {
        return "nan".into();
    }
    if v.is_infinite() {
        return if v < 0.0 { "-inf" } else { "inf" }.into();
    }
    let sign = if v.is_sign_negative() { "-" } else { "" };
    if v == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let mant = bits & ((1u64 << 52) - 1);
    let (lead, e) = if exp == 0 {
        (0, -1022)
    } else {
        (1, exp - 1023)
    };
    let sign_e = if e < 0 { '-' } else { '+' };
    format!("{sign}0x{lead}.{mant:013x}p{sign_e}{}", e.abs())
}

#[cfg(test)]
mod tests {
    use super::float_hex;

    #[test]
    fn hex_matches_cpython() {
        assert_eq!(float_hex(2.5), "0x1.4000000000000p+1");
        assert_eq!(float_hex(-0.0), "-0x0.0p+0");
        assert_eq!(float_hex(5e-324), "0x0.0000000000001p-1022");
        assert_eq!(float_hex(1.0), "0x1.0000000000000p+0");
        assert_eq!(float_hex(0.1), "0x1.999999999999ap-4");
    }
}
