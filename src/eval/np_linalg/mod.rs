//! `np.linalg`: the submodule as a value (`np.linalg`, `import
//! numpy.linalg as la`, `from numpy.linalg import inv`), its registry
//! table and dispatch. The registry's `NP` table holds `np.NAME` only, so
//! this module keeps its own [`ENTRIES`] (NumPy 2.4's signatures, bound
//! once by `registry::prepare` when a call arrives) and answers every
//! public name NumPy's `numpy.linalg` has.
//!
//! Files: `blas.rs` (OpenBLAS's kernel summation orders), `lu.rs`
//! (`getf2`/`getrs` replayed), `solve.rs` (`det`, `slogdet`, `inv`, `solve`,
//! `matrix_power`), `norm.rs` (`norm`), `aliases.rs` (the array-API
//! names that are other NumPy functions with the last two axes fixed),
//! `dense.rs` (`_commonType` and stacks of matrices), `factor.rs`
//! (`cholesky`, `qr`: LAPACK's unblocked code replayed), `gesdd_full.rs`
//! (`dgesdd`: `gesdd_bidiag.rs` the bidiagonal reduction and its
//! reflectors, `gesdd_bdsqr.rs` `dbdsdc`/`dbdsqr`, `gesdd_dqds.rs` the
//! values by dqds, `gesdd.rs` the 2x2 kernels), `lapack.rs` (shared helpers), `jacobi.rs`
//! (eigenvalues and singular values), `spectral.rs` (`eigvalsh`, `svd`
//! values, `matrix_rank`, `cond`, `pinv`), `eigvals.rs` (`dgeev` without
//! vectors, through `geev.rs`), `eig.rs` (`dgeev` with right vectors,
//! through `geev_vectors.rs`), `hermitian.rs` (complex `eigh`,
//! `eigvalsh`, `cholesky`: `heevd.rs`, `potrf_complex.rs` over the complex
//! kernels of `zblas.rs`), `lstsq.rs`, `multi_dot.rs`,
//! `polyfit.rs` (`np.polyfit`, built on `lstsq`).

mod aliases;
pub(super) mod blas;
pub(super) mod common;
mod dense;
mod eig;
mod eigvals;
mod factor;
pub(super) mod geev;
mod geev_vectors;
mod gelsd;
mod gesdd;
mod gesdd_bdsqr;
mod gesdd_bidiag;
mod gesdd_dqds;
mod gesdd_full;
mod heevd;
mod hermitian;
mod jacobi;
mod lapack;
mod lstsq;
mod lu;
mod multi_dot;
mod norm;
pub(super) mod polyfit;
mod potrf_complex;
mod solve;
mod spectral;
mod syevd;
mod tensor;
mod zblas;

use super::error::{PyError, PyResult};
use super::registry::{Entry, Writes, func};
use super::signature::Style;
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::session::Session;
use common::linalg_error;

/// The module's name as `Value::Module` holds it.
pub const MODULE: &str = "numpy.linalg";

/// `np.linalg`'s functions with NumPy 2.4's signatures and the
/// parameters slicelab reads.
pub const ENTRIES: &[Entry] = &[
    func(
        "norm(x, ord=None, axis=None, keepdims=False)",
        Style::Python,
        "x ord axis keepdims",
        Writes::Nothing,
    ),
    func(
        "matrix_norm(x, /, *, keepdims=False, ord='fro')",
        Style::Python,
        "x keepdims ord",
        Writes::Nothing,
    ),
    func(
        "vector_norm(x, /, *, axis=None, keepdims=False, ord=2)",
        Style::Python,
        "x axis keepdims ord",
        Writes::Nothing,
    ),
    func("det(a)", Style::Python, "a", Writes::Nothing),
    func("slogdet(a)", Style::Python, "a", Writes::Nothing),
    func("inv(a)", Style::Python, "a", Writes::Nothing),
    func("solve(a, b)", Style::Python, "a b", Writes::Nothing),
    func("matrix_power(a, n)", Style::Python, "a n", Writes::Nothing),
    func(
        "trace(x, /, *, offset=0, dtype=None)",
        Style::Python,
        "x offset",
        Writes::Nothing,
    ),
    func(
        "diagonal(x, /, *, offset=0)",
        Style::Python,
        "x offset",
        Writes::Nothing,
    ),
    func("outer(x1, x2, /)", Style::Python, "x1 x2", Writes::Nothing),
    func("matmul(x1, x2, /)", Style::Python, "x1 x2", Writes::Nothing),
    func(
        "cross(x1, x2, /, *, axis=-1)",
        Style::Python,
        "x1 x2 axis",
        Writes::Nothing,
    ),
    func(
        "tensordot(x1, x2, /, *, axes=2)",
        Style::Python,
        "x1 x2 axes",
        Writes::Nothing,
    ),
    func(
        "matrix_transpose(x, /)",
        Style::Python,
        "x",
        Writes::Nothing,
    ),
    func(
        "cholesky(a, /, *, upper=False)",
        Style::Python,
        "a upper",
        Writes::Nothing,
    ),
    func(
        "qr(a, mode='reduced')",
        Style::Python,
        "a mode",
        Writes::Nothing,
    ),
    func("eig(a)", Style::Python, "a", Writes::Nothing),
    func("eigvals(a)", Style::Python, "a", Writes::Nothing),
    func(
        "eigvalsh(a, UPLO='L')",
        Style::Python,
        "a UPLO",
        Writes::Nothing,
    ),
    func(
        "eigh(a, UPLO='L')",
        Style::Python,
        "a UPLO",
        Writes::Nothing,
    ),
    func(
        "svd(a, full_matrices=True, compute_uv=True, hermitian=False)",
        Style::Python,
        "a full_matrices compute_uv hermitian",
        Writes::Nothing,
    ),
    func("svdvals(x, /)", Style::Python, "x", Writes::Nothing),
    func("cond(x, p=None)", Style::Python, "x p", Writes::Nothing),
    func(
        "matrix_rank(A, tol=None, hermitian=False, *, rtol=None)",
        Style::Python,
        "A tol hermitian rtol",
        Writes::Nothing,
    ),
    func(
        "pinv(a, rcond=None, hermitian=False, *, rtol=<no value>)",
        Style::Python,
        "a rcond rtol",
        Writes::Nothing,
    ),
    func(
        "lstsq(a, b, rcond=None)",
        Style::Python,
        "a b rcond",
        Writes::Nothing,
    ),
    func(
        "multi_dot(arrays, *, out=None)",
        Style::Python,
        "arrays",
        Writes::Nothing,
    ),
    func(
        "tensorinv(a, ind=2)",
        Style::Python,
        "a ind",
        Writes::Nothing,
    ),
    func(
        "tensorsolve(a, b, axes=None)",
        Style::Python,
        "a b axes",
        Writes::Nothing,
    ),
    func(
        "vecdot(x1, x2, /, *, axis=-1)",
        Style::Python,
        "x1 x2 axis",
        Writes::Nothing,
    ),
];

fn entry(name: &str) -> Option<&'static Entry> {
    ENTRIES.iter().find(|e| e.name() == name)
}

/// `np.linalg.NAME`.
pub fn module_attr(name: &str) -> PyResult<Value> {
    if name == "LinAlgError" {
        return super::exceptions::class("LinAlgError")
            .ok_or_else(|| PyError::new("SystemError", "LinAlgError is not registered"));
    }
    if entry(name).is_some() {
        return Ok(Value::func(&format!("np.linalg.{name}")));
    }
    Err(PyError::new(
        "AttributeError",
        format!("module 'numpy.linalg' has no attribute '{name}'"),
    ))
}

/// Call `np.linalg.NAME(...)`: bound against its entry, then computed.
pub fn call(s: &mut Session, name: &str, args: Args) -> PyResult<Value> {
    let args = match crate::eval::matrix_ops::linalg(s, name, args) {
        Ok(out) => return out,
        Err(args) => args,
    };
    if crate::eval::array_subclass::in_args(&args) {
        return crate::eval::subclass::linalg(s, name, &args, call);
    }
    let Some(e) = entry(name) else {
        return Err(PyError::new(
            "NotImplementedError",
            format!("slicelab does not have np.linalg.{name} yet"),
        ));
    };
    let args = crate::eval::binding::prepare(e, &args)?;
    match name {
        "norm" => norm::norm(s, &args),
        "det" => solve::det(&args),
        "slogdet" => solve::slogdet(&args),
        "inv" => solve::inv(&args),
        "solve" => solve::solve(&args),
        "matrix_power" => solve::matrix_power(&args),
        "cholesky" => factor::cholesky(&args),
        "qr" => factor::qr(s, &args),
        "eig" => eig::eig(&args),
        "eigvals" => eigvals::eigvals(&args),
        "eigvalsh" => spectral::eigvalsh(&args),
        "eigh" => spectral::eigh(&args),
        "svd" => spectral::svd(&args),
        "svdvals" => spectral::svdvals(&args),
        "cond" => spectral::cond(s, &args),
        "matrix_rank" => spectral::matrix_rank(&args),
        "pinv" => spectral::pinv(&args),
        "lstsq" => lstsq::lstsq(&args),
        "multi_dot" => multi_dot::multi_dot(s, &args),
        "tensorinv" => tensor::tensorinv(&args),
        "tensorsolve" => tensor::tensorsolve(&args),
        "vecdot" => tensor::vecdot(s, &args),
        _ => aliases::call(s, name, &args),
    }
}

/// `np.linalg.eigvals(a)` for `np.poly` of a matrix.
pub(crate) fn eigvals_of(a: Value) -> PyResult<Value> {
    eigvals::eigvals(&Args::positional(vec![a]))
}

/// `np.linalg.cholesky`'s lower factor of the row-major `n x n` matrix
/// `m`, row-major, or NumPy's `LinAlgError`; `None` when the order is
/// past the replayed `potf2` (for `np.random`'s `multivariate_normal`).
pub(crate) fn cholesky_lower(n: usize, m: &[f64]) -> Option<PyResult<Vec<f64>>> {
    if n > factor::POTF2_MAX_N {
        return None;
    }
    let mut c = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..n {
            c[i + j * n] = m[i * n + j];
        }
    }
    if factor::potf2(n, &mut c, false) > 0 {
        return Some(Err(linalg_error("Matrix is not positive definite")));
    }
    let mut l = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            l[i * n + j] = c[i + j * n];
        }
    }
    Some(Ok(l))
}

/// `np.linalg.eigh(m)` (lower triangle) of the row-major `n x n` matrix
/// `m`: eigenvalues and the eigenvectors as a row-major matrix whose
/// columns they are, or `None` when `dsteqr` does not converge.
pub(crate) fn eigh_lower(n: usize, m: &[f64]) -> Option<(Vec<f64>, Vec<f64>)> {
    let mut col = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..n {
            col[i + j * n] = m[i * n + j];
        }
    }
    let (w, z) = syevd::syevd_lower(n, col)?;
    let mut u = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..n {
            u[i * n + j] = z[i + j * n];
        }
    }
    Some((w, u))
}

/// `np.linalg.svd(m)` of the row-major `n x n` matrix `m` as row-major
/// `(u, s, vt)`, or `None` where `dgesdd` is not replayed (`gesdd_full.rs`).
pub(crate) fn svd_square(n: usize, m: &[f64]) -> Option<(Vec<f64>, Vec<f64>, Vec<f64>)> {
    spectral::gesdd_rows(n, n, m, gesdd_full::Jobz::A).map(|d| (d.u, d.s, d.vt))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_signature_parses_and_names_what_it_honours() {
        for e in ENTRIES {
            let sig = super::super::signature::parse(e.signature)
                .unwrap_or_else(|m| panic!("{}: {m}", e.signature));
            for h in e.honours.split_whitespace() {
                assert!(sig.params.iter().any(|p| p.name == h), "{} {h}", e.name());
            }
        }
    }
}
