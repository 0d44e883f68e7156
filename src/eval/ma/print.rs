//! `repr` and `str` of masked arrays as `MaskedArray.__repr__`/`__str__`
//! (NumPy 2's non-legacy layout): with a mask, the data is printed as an
//! object array (each element's repr, `--` where masked, no padding),
//! after NumPy's corner cut (`_print_width`); without one, as the plain
//! array prints. `masked` prints `masked` (repr) and `--` (str).

use crate::engine::{ArrayRef, DType, Scalar};
use crate::render::repr::{array2string_with, object_array_str, object_array2string};
use crate::render::{ElementSource, PrintOptions, scalar_repr, scalar_str};

use super::super::object::Obj;
use crate::eval::object::Masked;

/// The object array `_insert_masked_print` makes: per axis the kept
/// positions (NumPy keeps `print_width // 2` at each end of a longer
/// axis), each element's text or `--`.
struct Words<'a> {
    data: &'a ArrayRef,
    mask: &'a ArrayRef,
    keep: Vec<Vec<usize>>,
    shape: Vec<usize>,
    dtype: DType,
}

impl<'a> Words<'a> {
    fn new(data: &'a ArrayRef, mask: &'a ArrayRef) -> Words<'a> {
        let full = data.shape();
        let width = if full.len() > 1 { 100 } else { 1500 };
        let keep: Vec<Vec<usize>> = full
            .iter()
            .map(|&n| {
                if n > width {
                    let half = width / 2;
                    (0..half).chain(n - half..n).collect()
                } else {
                    (0..n).collect()
                }
            })
            .collect();
        let shape = keep.iter().map(|k| k.len()).collect();
        Words {
            data,
            mask,
            keep,
            shape,
            dtype: DType::Str(1),
        }
    }
}

impl ElementSource for Words<'_> {
    fn shape(&self) -> &[usize] {
        &self.shape
    }
    fn dtype(&self) -> &DType {
        &self.dtype
    }
    fn get(&self, index: &[usize]) -> Scalar {
        let at: Vec<usize> = index.iter().zip(&self.keep).map(|(&i, k)| k[i]).collect();
        if matches!(self.mask.get(&at), Scalar::Bool(true)) {
            return Scalar::Str("--".into());
        }
        // An object array holds Python scalars (int, float, bool,
        // complex), printed with the repr NumPy's scalars share inside
        // arrays.
        Scalar::Str(scalar_str(&self.data.dtype().native(), &self.data.get(&at)))
    }
}

fn dtype_is_implied(dt: &DType) -> bool {
    !dt.is_swapped()
        && matches!(
            dt.native(),
            DType::Int64 | DType::Float64 | DType::Complex128 | DType::Bool
        )
}

/// `repr()` of a masked array or `masked`.
pub fn repr(o: &Obj, opts: &PrintOptions) -> String {
    let Obj::Masked(m) = o else {
        return "masked".into();
    };
    masked_repr(m, opts)
}

/// `str()` of a masked array or `masked`.
pub fn str_of(o: &Obj, opts: &PrintOptions) -> String {
    let Obj::Masked(m) = o else {
        return "--".into();
    };
    match m.mask() {
        None => crate::render::array_str(&crate::engine::array::Snapshot::of(&m.data), opts),
        Some(k) => object_array_str(&Words::new(&m.data, &k), opts),
    }
}

fn masked_repr(m: &Masked, opts: &PrintOptions) -> String {
    let data = &m.data;
    let mask = m.mask();
    let dt = data.dtype();
    let all_masked = match &mask {
        Some(k) => crate::engine::index::count_nonzero(k) == k.size(),
        None => false,
    };
    let dtype_needed = !dtype_is_implied(dt) || all_masked || data.size() == 0;
    let mut keys = vec!["data", "mask", "fill_value"];
    if dtype_needed {
        keys.push("dtype");
    }
    let shape = data.shape();
    let one_row = shape.len() <= 1 || shape[..shape.len() - 1].iter().all(|&n| n == 1);
    let prefix = "masked_array(";
    let indent = |k: &str| -> String {
        if one_row {
            if k == "data" {
                prefix.to_string()
            } else {
                " ".repeat(2usize.max((prefix.len() + 4).saturating_sub(k.len())))
            }
        } else {
            "  ".to_string()
        }
    };
    let data_text = match &mask {
        None => array2string_with(
            &crate::engine::array::Snapshot::of(data),
            opts,
            ", ",
            &format!("{}data=", indent("data")),
            ",",
        ),
        Some(k) => object_array2string(
            &Words::new(data, k),
            opts,
            ", ",
            &format!("{}data=", indent("data")),
            ",",
        ),
    };
    let mask_text = match &mask {
        None => "False".to_string(),
        Some(k) => array2string_with(
            &crate::engine::array::Snapshot::of(k),
            opts,
            ", ",
            &format!("{}mask=", indent("mask")),
            ",",
        ),
    };
    let fill_text = match m.fill_value() {
        Ok((fdt, fv)) => {
            if fdt == dt.native() && !dt.is_swapped() {
                scalar_str(&fdt, &fv)
            } else {
                scalar_repr(&fdt, &fv)
            }
        }
        Err(_) => "?".into(),
    };
    let mut parts = Vec::new();
    for k in &keys {
        let v = match *k {
            "data" => data_text.clone(),
            "mask" => mask_text.clone(),
            "fill_value" => fill_text.clone(),
            _ => crate::render::dtype_repr::dtype_short_repr(dt),
        };
        parts.push(format!("{}{k}={v}", indent(k)));
    }
    let body = parts.join(",\n");
    if one_row {
        format!("{body})")
    } else {
        format!("{prefix}\n{body})")
    }
}
