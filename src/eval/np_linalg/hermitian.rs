//! `np.linalg.eigh`, `eigvalsh` and `cholesky` of complex input, as
//! `numpy/linalg/_linalg.py` calls them: `_commonType` computes
//! complex64 and complex128 alike in complex128 and casts back; the
//! numbers are LAPACK's `zheevd` (`heevd.rs`) and OpenBLAS's `zpotrf`
//! (`potrf_complex.rs`) replayed. Eigenvalues are real (float64, or
//! float32 for complex64 input), eigenvectors and factors complex.

use crate::engine::dtype::DType;
use crate::engine::typed::elems;
use crate::engine::{ArrayRef, NdArray, Order, Scalar, kernels};

use super::super::error::{PyError, PyResult};
use super::super::value::Value;
use super::common::linalg_error;
use super::dense::{self, shape_with};
use super::heevd::{MAX_N, MAX_N_VALUES, heevd};
use super::zblas::C;

/// A stack of complex matrices, each column-major as LAPACK sees it.
struct ComplexStack {
    batch: Vec<usize>,
    n: usize,
    /// Matrix `k`'s element `(i, j)` at `k * n * n + i + j * n`.
    cols: Vec<C>,
    /// Whether the input was complex64 (results cast to single).
    single: bool,
}

impl ComplexStack {
    fn of(a: &ArrayRef) -> PyResult<ComplexStack> {
        let shape = a.shape();
        let nd = shape.len();
        let n = shape[nd - 1];
        let c = kernels::cast(a, &DType::Complex128)?.copy(Order::C)?;
        let bytes = c.buffer().bytes();
        let flat = elems::<f64>(&bytes).unwrap_or(&[]);
        let mut cols = Vec::with_capacity(flat.len() / 2);
        // `chunks` refuses a size of zero: a stack of empty matrices
        // has no elements to read.
        if n > 0 {
            for m in flat.chunks(2 * n * n) {
                for j in 0..n {
                    for i in 0..n {
                        let at = 2 * (i * n + j);
                        cols.push((m[at], m[at + 1]));
                    }
                }
            }
        }
        Ok(ComplexStack {
            batch: shape[..nd - 2].to_vec(),
            n,
            cols,
            single: *a.dtype() == DType::Complex64,
        })
    }

    fn count(&self) -> usize {
        self.batch.iter().product()
    }

    fn matrix(&self, k: usize) -> &[C] {
        let size = self.n * self.n;
        &self.cols[k * size..(k + 1) * size]
    }

    fn has_nonfinite(&self) -> bool {
        self.cols
            .iter()
            .any(|(r, i)| !r.is_finite() || !i.is_finite())
    }

    /// The real result dtype.
    fn real_out(&self) -> DType {
        if self.single {
            DType::Float32
        } else {
            DType::Float64
        }
    }

    /// A complex array of `shape` from column-major matrices `cols`.
    fn complex_array(&self, shape: &[usize], cols: &[C]) -> PyResult<Value> {
        let n = self.n;
        let size = n * n;
        let vals: Vec<Scalar> = (0..cols.len())
            .map(|idx| {
                let (k, ij) = (idx / size.max(1), idx % size.max(1));
                let (i, j) = (ij / n, ij % n);
                let (re, im) = cols[k * size + i + j * n];
                Scalar::Complex(re, im)
            })
            .collect();
        let a = NdArray::from_scalars(shape, DType::Complex128, &vals)?;
        let out = if self.single {
            DType::Complex64
        } else {
            DType::Complex128
        };
        Ok(Value::Array(kernels::cast(&a, &out)?))
    }
}

fn refuse(what: String) -> PyError {
    PyError::new("NotImplementedError", what)
}

/// `eigh` (`vectors`) or `eigvalsh` of a complex stack.
pub fn eigh(a: &ArrayRef, lower: bool, vectors: bool) -> PyResult<Value> {
    let func = if vectors { "eigh" } else { "eigvalsh" };
    let st = ComplexStack::of(a)?;
    let n = st.n;
    let limit = if vectors { MAX_N } else { MAX_N_VALUES };
    if n > limit {
        return Err(refuse(format!(
            "slicelab's np.linalg.{func} of complex input replays LAPACK's zheevd up to {limit}x{limit}; this matrix is {n}x{n}"
        )));
    }
    if st.has_nonfinite() {
        return Err(dense::refuse_nonfinite(func));
    }
    let (mut w, mut v) = (Vec::new(), Vec::new());
    for k in 0..st.count() {
        crate::engine::interrupt::check()?;
        let Some((d, z)) = heevd(n, st.matrix(k), lower, vectors) else {
            return Err(linalg_error("Eigenvalues did not converge"));
        };
        w.extend(d);
        v.extend(z);
    }
    let wv = Value::Array(dense::array(
        &shape_with(&st.batch, &[n]),
        &w,
        &st.real_out(),
    )?);
    if !vectors {
        return Ok(wv);
    }
    let vv = st.complex_array(&shape_with(&st.batch, &[n, n]), &v)?;
    Ok(super::super::named_tuple::make(
        &super::super::named_tuple::EIGH,
        vec![wv, vv],
    ))
}

/// `cholesky(a, upper=upper)` of a complex stack.
pub fn cholesky(a: &ArrayRef, upper: bool) -> PyResult<Value> {
    let st = ComplexStack::of(a)?;
    let n = st.n;
    let max = super::factor::POTF2_MAX_N;
    if n > max {
        return Err(refuse(format!(
            "slicelab's np.linalg.cholesky replays OpenBLAS's unblocked zpotf2, which OpenBLAS uses up to {max}x{max}; this matrix is {n}x{n} (OpenBLAS's blocked path rounds differently)"
        )));
    }
    if st.has_nonfinite() {
        return Err(refuse(
            "slicelab's np.linalg.cholesky does not replay OpenBLAS's zpotrf on complex input with infinities or NaNs".into(),
        ));
    }
    let mut out = Vec::with_capacity(st.cols.len());
    for k in 0..st.count() {
        crate::engine::interrupt::check()?;
        let mut m = st.matrix(k).to_vec();
        if super::potrf_complex::zpotrf(n, &mut m, upper).is_err() {
            return Err(linalg_error("Matrix is not positive definite"));
        }
        out.extend(m);
    }
    st.complex_array(&a.shape(), &out)
}
