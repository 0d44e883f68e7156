//! `np.linalg.eig` as `numpy/linalg/_linalg.py` computes it: LAPACK
//! `dgeev` with right eigenvectors (`jobvl = 'N'`, `jobvr = 'V'`) on each
//! matrix of the stack, replayed by `geev_vectors.rs`; float32 input is
//! computed in double (`'d->DD'`) and cast back.
//!
//! `_umath_linalg.eig` always returns complex arrays: a real eigenvalue's
//! vector is its column of `VR`, a conjugate pair's vectors are built from
//! two columns, `re + i*im` and `re - i*im`. `eig` then drops the
//! imaginary parts when every eigenvalue of the whole stack is real.
//! Complex input (`zgeev`) is refused.

use crate::engine::{DType, NdArray, Scalar};

use super::super::error::PyResult;
use super::super::named_tuple;
use super::super::value::Value;
use super::dense::{self, shape_with};
use super::eigvals::general_stack;
use crate::eval::args::Args;

/// One matrix's eigenvalues and its complex eigenvectors, column-major.
struct Eigen {
    wr: Vec<f64>,
    wi: Vec<f64>,
    /// `(re, im)` of each vector entry, column `j` the vector of
    /// eigenvalue `j`.
    vectors: Vec<(f64, f64)>,
}

/// `mk_geev_complex_eigenvectors`: a real eigenvalue's column as is, a
/// pair's two columns as a conjugate pair of vectors.
fn complex_vectors(n: usize, wi: &[f64], vr: &[f64]) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(n * n);
    let mut j = 0;
    while j < n {
        let re = &vr[j * n..(j + 1) * n];
        if wi[j] == 0.0 || j + 1 == n {
            out.extend(re.iter().map(|&r| (r, 0.0)));
            j += 1;
        } else {
            let im = &vr[(j + 1) * n..(j + 2) * n];
            out.extend(re.iter().zip(im).map(|(&r, &i)| (r, i)));
            out.extend(re.iter().zip(im).map(|(&r, &i)| (r, -i)));
            j += 2;
        }
    }
    out
}

/// `dgeev` of the row-major `n x n` matrix `m`.
fn eigen_of(n: usize, m: &[f64]) -> PyResult<Eigen> {
    let mut col = dense::work(n * n)?;
    for i in 0..n {
        for j in 0..n {
            col[i + j * n] = m[i * n + j];
        }
    }
    let Some(g) = super::geev_vectors::geev_right(n, &col) else {
        return Err(super::eigvals::refuse("eig", n));
    };
    let vectors = complex_vectors(n, &g.wi, &g.vr);
    Ok(Eigen {
        wr: g.wr,
        wi: g.wi,
        vectors,
    })
}

/// `np.linalg.eig(a)`.
pub fn eig(args: &Args) -> PyResult<Value> {
    let st = general_stack(args, "eig")?;
    let n = st.n;
    let mut all = Vec::with_capacity(st.count());
    for k in 0..st.count() {
        crate::engine::interrupt::check()?;
        all.push(eigen_of(n, st.matrix(k))?);
    }
    let w_shape = shape_with(&st.batch, &[n]);
    let v_shape = shape_with(&st.batch, &[n, n]);
    // Row-major vectors: entry (i, j) is row i of vector j.
    let rows = |e: &Eigen| -> Vec<(f64, f64)> {
        (0..n * n)
            .map(|ij| e.vectors[ij / n + (ij % n) * n])
            .collect()
    };
    if all.iter().all(|e| e.wi.iter().all(|&v| v == 0.0)) {
        let w: Vec<f64> = all.iter().flat_map(|e| e.wr.clone()).collect();
        let v: Vec<f64> = all
            .iter()
            .flat_map(|e| rows(e).into_iter().map(|(r, _)| r))
            .collect();
        let wv = Value::Array(dense::array(&w_shape, &w, &st.out)?);
        let vv = Value::Array(dense::array(&v_shape, &v, &st.out)?);
        return Ok(named_tuple::make(&named_tuple::EIG, vec![wv, vv]));
    }
    let out = if st.out == DType::Float32 {
        DType::Complex64
    } else {
        DType::Complex128
    };
    let complex = |shape: &[usize], vals: Vec<Scalar>| -> PyResult<Value> {
        let a = NdArray::from_scalars(shape, DType::Complex128, &vals)?;
        Ok(Value::Array(crate::engine::kernels::cast(&a, &out)?))
    };
    let w: Vec<Scalar> = all
        .iter()
        .flat_map(|e| e.wr.iter().zip(&e.wi).map(|(&r, &i)| Scalar::Complex(r, i)))
        .collect();
    let v: Vec<Scalar> = all
        .iter()
        .flat_map(|e| rows(e).into_iter().map(|(r, i)| Scalar::Complex(r, i)))
        .collect();
    Ok(named_tuple::make(
        &named_tuple::EIG,
        vec![complex(&w_shape, w)?, complex(&v_shape, v)?],
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_pair_of_columns_becomes_conjugate_vectors() {
        // 2x2 with one complex pair: columns re = (1, 0), im = (0, -1).
        let v = super::complex_vectors(2, &[1.0, -1.0], &[1.0, 0.0, 0.0, -1.0]);
        assert_eq!(v, vec![(1.0, 0.0), (0.0, -1.0), (1.0, -0.0), (0.0, 1.0)]);
    }

    #[test]
    fn real_eigenvalues_keep_their_columns() {
        let v = super::complex_vectors(2, &[0.0, 0.0], &[1.0, 2.0, 3.0, 4.0]);
        assert_eq!(v, vec![(1.0, 0.0), (2.0, 0.0), (3.0, 0.0), (4.0, 0.0)]);
    }
}
