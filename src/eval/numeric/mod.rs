//! Numeric routines tutorials reach for (issue 17, items 1–3):
//! histograms (`histogram.rs`, `histogramdd.rs`), signal and calculus helpers
//! (`signal.rs`: `interp`, `convolve`, `correlate`, `gradient`,
//! `trapezoid`, `ediff1d`, `unwrap`, `sinc`, `i0`) and statistics
//! (`stats.rs`: `cov`, `corrcoef`, the NaN-skipping reductions), and
//! functions of the learner's functions (`functional.rs`: `piecewise`,
//! `apply_along_axis`, `apply_over_axes`), small array helpers (`misc.rs`: `trim_zeros`, `sort_complex`,
//! `real_if_close`; `asanyarray` is `asarray`). Most of
//! them are Python code in NumPy; they are written here as the same
//! sequence of `np.` calls (`py.rs`), so their digits, dtypes and first
//! errors are NumPy's.

mod functional;
mod histogram;
mod histogramdd;
mod misc;
mod py;
mod signal;
mod stats;

use super::error::PyResult;
use super::registry::{Entry, Writes, func};
use super::signature::Style;
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::session::Session;

/// This module's registry entries.
pub const ENTRIES: &[Entry] = &[
    func(
        "histogram(a, bins=10, range=None, density=None, weights=None)",
        Style::Python,
        "a bins range density weights",
        Writes::Nothing,
    ),
    func(
        "histogram_bin_edges(a, bins=10, range=None, weights=None)",
        Style::Python,
        "a bins range weights",
        Writes::Nothing,
    ),
    func(
        "histogramdd(sample, bins=10, range=None, density=None, weights=None)",
        Style::Python,
        "sample bins range density weights",
        Writes::Nothing,
    ),
    func(
        "histogram2d(x, y, bins=10, range=None, density=None, weights=None)",
        Style::Python,
        "x y bins range density weights",
        Writes::Nothing,
    ),
    func(
        "interp(x, xp, fp, left=None, right=None, period=None)",
        Style::Python,
        "x xp fp left right period",
        Writes::Nothing,
    ),
    func(
        "convolve(a, v, mode='full')",
        Style::Python,
        "a v mode",
        Writes::Nothing,
    ),
    func(
        "correlate(a, v, mode='valid')",
        Style::Python,
        "a v mode",
        Writes::Nothing,
    ),
    func(
        "gradient(f, *varargs, axis=None, edge_order=1)",
        Style::Python,
        "f varargs axis edge_order",
        Writes::Nothing,
    ),
    func(
        "trapezoid(y, x=None, dx=1.0, axis=-1)",
        Style::Python,
        "y x dx axis",
        Writes::Nothing,
    ),
    func(
        "ediff1d(ary, to_end=None, to_begin=None)",
        Style::Python,
        "ary to_end to_begin",
        Writes::Nothing,
    ),
    func(
        "unwrap(p, discont=None, axis=-1, *, period=6.283185307179586)",
        Style::Python,
        "p discont axis period",
        Writes::Nothing,
    ),
    func("sinc(x)", Style::Python, "x", Writes::Nothing),
    func("i0(x)", Style::Python, "x", Writes::Nothing),
    func(
        "cov(m, y=None, rowvar=True, bias=False, ddof=None, fweights=None, aweights=None, *, dtype=None)",
        Style::Python,
        "m y rowvar bias ddof fweights aweights dtype",
        Writes::Nothing,
    ),
    func(
        "corrcoef(x, y=None, rowvar=True, *, dtype=None)",
        Style::Python,
        "x y rowvar dtype",
        Writes::Nothing,
    ),
    func(
        "nancumsum(a, axis=None, dtype=None, out=None)",
        Style::Python,
        "a axis dtype out",
        Writes::Out,
    ),
    func(
        "nancumprod(a, axis=None, dtype=None, out=None)",
        Style::Python,
        "a axis dtype out",
        Writes::Out,
    ),
    func(
        "nanvar(a, axis=None, dtype=None, out=None, ddof=0, keepdims=<no value>, *, where=<no value>, mean=<no value>, correction=<no value>)",
        Style::Python,
        "a axis dtype ddof keepdims",
        Writes::Nothing,
    ),
    func(
        "nanstd(a, axis=None, dtype=None, out=None, ddof=0, keepdims=<no value>, *, where=<no value>, mean=<no value>, correction=<no value>)",
        Style::Python,
        "a axis dtype ddof keepdims",
        Writes::Nothing,
    ),
    func(
        "nanmedian(a, axis=None, out=None, overwrite_input=False, keepdims=<no value>)",
        Style::Python,
        "a axis keepdims",
        Writes::Nothing,
    ),
    func(
        "asanyarray(a, dtype=None, order=None, *, device=None, copy=None, like=None)",
        Style::NumpyC,
        "a dtype order device copy",
        Writes::Nothing,
    ),
    func(
        "trim_zeros(filt, trim='fb', axis=None)",
        Style::Python,
        "filt trim axis",
        Writes::Nothing,
    ),
    func("sort_complex(a)", Style::Python, "a", Writes::Nothing),
    func(
        "real_if_close(a, tol=100)",
        Style::Python,
        "a tol",
        Writes::Nothing,
    ),
    func(
        "piecewise(x, condlist, funclist, *args, **kw)",
        Style::Python,
        "x condlist funclist args kw",
        Writes::Nothing,
    ),
    func(
        "apply_along_axis(func1d, axis, arr, *args, **kwargs)",
        Style::Python,
        "func1d axis arr args kwargs",
        Writes::Nothing,
    ),
    func(
        "apply_over_axes(func, a, axes)",
        Style::Python,
        "func a axes",
        Writes::Nothing,
    ),
];

inventory::submit! { crate::eval::registry::Table(ENTRIES) }

/// Whether `np.NAME` is one of this module's.
pub fn answers(name: &str) -> bool {
    ENTRIES.iter().any(|e| e.name() == name)
}

/// Call `np.NAME` with the registry's canonical arguments.
pub fn call(s: &mut Session, name: &str, args: &Args) -> PyResult<Value> {
    match name {
        // slicelab has no ndarray subclasses: asanyarray is asarray.
        "asanyarray" => s.call_function(
            "np.asarray",
            Args {
                pos: args.pos.clone(),
                kw: args.kw.clone(),
            },
        ),
        "piecewise" => functional::piecewise(s, args),
        "apply_along_axis" => functional::apply_along_axis(s, args),
        "apply_over_axes" => functional::apply_over_axes(s, args),
        "trim_zeros" => misc::trim_zeros(s, args),
        "sort_complex" => misc::sort_complex(s, args),
        "real_if_close" => misc::real_if_close(s, args),
        "histogramdd" => histogramdd::histogramdd(s, args),
        "histogram2d" => histogramdd::histogram2d(s, args),
        "histogram" => histogram::histogram(s, args, false),
        "histogram_bin_edges" => histogram::histogram(s, args, true),
        "cov" | "corrcoef" | "nancumsum" | "nancumprod" | "nanvar" | "nanstd" | "nanmedian" => {
            stats::call(s, name, args)
        }
        _ => signal::call(s, name, args),
    }
}
