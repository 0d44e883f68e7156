//! Printer tests: expected text generated with NumPy 2.4.6 by `gen_tests.py`
//! (cases in `cases.rs`).

use std::cell::RefCell;
use std::rc::Rc;

pub(super) use super::PrintOptions;
pub(super) use crate::engine::dtype::{DType, Field, RecordType};
pub(super) use crate::engine::scalar::Scalar;

use super::{ElementSource, array_repr, array_str, dtype_repr, dtype_str, scalar_repr, scalar_str};

#[path = "cases.rs"]
mod cases;

type Gen = Box<dyn Fn(usize) -> Scalar>;

/// A test array: C-ordered values (or a generator of element i), recording
/// how many elements the printer reads.
pub(super) struct VecSource {
    shape: Vec<usize>,
    dtype: DType,
    make: Gen,
    reads: RefCell<usize>,
}

impl VecSource {
    pub(super) fn new(shape: Vec<usize>, dtype: DType, data: Vec<Scalar>) -> Self {
        VecSource {
            shape,
            dtype,
            make: Box::new(move |i| data[i].clone()),
            reads: RefCell::new(0),
        }
    }

    pub(super) fn func(
        shape: Vec<usize>,
        dtype: DType,
        f: impl Fn(usize) -> Scalar + 'static,
    ) -> Self {
        VecSource {
            shape,
            dtype,
            make: Box::new(f),
            reads: RefCell::new(0),
        }
    }
}

impl ElementSource for VecSource {
    fn shape(&self) -> &[usize] {
        &self.shape
    }
    fn dtype(&self) -> &DType {
        &self.dtype
    }
    fn get(&self, index: &[usize]) -> Scalar {
        *self.reads.borrow_mut() += 1;
        let mut flat = 0;
        for (i, n) in index.iter().zip(&self.shape) {
            assert!(i < n, "index out of bounds");
            flat = flat * n + i;
        }
        (self.make)(flat)
    }
}

/// A structured dtype from (name, dtype, offset, sub-array shape).
pub(super) fn rec(fields: Vec<(&str, DType, usize, Vec<usize>)>, itemsize: usize) -> DType {
    DType::Record(Rc::new(RecordType::new(
        fields
            .into_iter()
            .map(|(name, dtype, offset, shape)| Field {
                name: name.into(),
                dtype,
                offset,
                shape,
                title: None,
            })
            .collect(),
        itemsize,
        false,
    )))
}

#[test]
fn arrays_match_numpy() {
    let mut failures = Vec::new();
    let cases = cases::array_cases();
    let n = cases.len();
    for (expr, src, opts, want_repr, want_str) in cases {
        let got = array_repr(&src, &opts);
        if got != want_repr {
            failures.push(format!(
                "repr {expr}\n--- want\n{want_repr}\n--- got\n{got}\n"
            ));
        }
        let reads = *src.reads.borrow();
        let size: usize = src.shape.iter().product();
        if size > opts.threshold {
            let shown: usize = src
                .shape
                .iter()
                .map(|&n| n.min(2 * opts.edgeitems))
                .product();
            if reads > shown {
                failures.push(format!("{expr}: read {reads} elements, only {shown} shown"));
            }
        }
        let got = array_str(&src, &opts);
        if got != want_str {
            failures.push(format!(
                "str {expr}\n--- want\n{want_str}\n--- got\n{got}\n"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {n} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn scalars_match_numpy() {
    let mut failures = Vec::new();
    for (expr, dt, v, want_repr, want_str) in cases::scalar_cases() {
        let got = scalar_repr(&dt, &v);
        if got != want_repr {
            failures.push(format!("repr {expr}: want {want_repr} got {got}"));
        }
        let got = scalar_str(&dt, &v);
        if got != want_str {
            failures.push(format!("str {expr}: want {want_str} got {got}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn dtypes_match_numpy() {
    let mut failures = Vec::new();
    for (expr, dt, want_repr, want_str) in cases::dtype_cases() {
        let got = dtype_repr(&dt);
        if got != want_repr {
            failures.push(format!("repr {expr}: want {want_repr} got {got}"));
        }
        let got = dtype_str(&dt);
        if got != want_str {
            failures.push(format!("str {expr}: want {want_str} got {got}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
