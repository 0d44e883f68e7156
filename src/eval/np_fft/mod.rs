//! `np.fft`: the submodule as a value (`np.fft`, `import numpy.fft`,
//! `from numpy.fft import fft`), its registry table and dispatch, in the
//! manner of `np_linalg`. The transforms are `numpy/fft/_pocketfft.py`
//! step for step (`transform.rs`) over the engine's pocketfft port
//! (`engine::pocketfft`); `helper.rs` is `numpy/fft/_helper.py`
//! (`fftfreq`, `rfftfreq`, `fftshift`, `ifftshift`).

mod helper;
mod transform;

use super::error::{PyError, PyResult};
use super::registry::{Entry, Writes, func};
use super::signature::Style;
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::session::Session;

/// The module's name as `Value::Module` holds it.
pub const MODULE: &str = "numpy.fft";

const ONE_D: &str = "a n axis norm out";
const N_D: &str = "a s axes norm out";

/// `np.fft`'s functions with NumPy 2.4's signatures.
pub const ENTRIES: &[Entry] = &[
    func(
        "fft(a, n=None, axis=-1, norm=None, out=None)",
        Style::Python,
        ONE_D,
        Writes::Nothing,
    ),
    func(
        "ifft(a, n=None, axis=-1, norm=None, out=None)",
        Style::Python,
        ONE_D,
        Writes::Nothing,
    ),
    func(
        "rfft(a, n=None, axis=-1, norm=None, out=None)",
        Style::Python,
        ONE_D,
        Writes::Nothing,
    ),
    func(
        "irfft(a, n=None, axis=-1, norm=None, out=None)",
        Style::Python,
        ONE_D,
        Writes::Nothing,
    ),
    func(
        "hfft(a, n=None, axis=-1, norm=None, out=None)",
        Style::Python,
        ONE_D,
        Writes::Nothing,
    ),
    func(
        "ihfft(a, n=None, axis=-1, norm=None, out=None)",
        Style::Python,
        ONE_D,
        Writes::Nothing,
    ),
    func(
        "fft2(a, s=None, axes=(-2, -1), norm=None, out=None)",
        Style::Python,
        N_D,
        Writes::Nothing,
    ),
    func(
        "ifft2(a, s=None, axes=(-2, -1), norm=None, out=None)",
        Style::Python,
        N_D,
        Writes::Nothing,
    ),
    func(
        "fftn(a, s=None, axes=None, norm=None, out=None)",
        Style::Python,
        N_D,
        Writes::Nothing,
    ),
    func(
        "ifftn(a, s=None, axes=None, norm=None, out=None)",
        Style::Python,
        N_D,
        Writes::Nothing,
    ),
    func(
        "rfft2(a, s=None, axes=(-2, -1), norm=None, out=None)",
        Style::Python,
        N_D,
        Writes::Nothing,
    ),
    func(
        "irfft2(a, s=None, axes=(-2, -1), norm=None, out=None)",
        Style::Python,
        N_D,
        Writes::Nothing,
    ),
    func(
        "rfftn(a, s=None, axes=None, norm=None, out=None)",
        Style::Python,
        N_D,
        Writes::Nothing,
    ),
    func(
        "irfftn(a, s=None, axes=None, norm=None, out=None)",
        Style::Python,
        N_D,
        Writes::Nothing,
    ),
    func(
        "fftfreq(n, d=1.0, device=None)",
        Style::Python,
        "n d device",
        Writes::Nothing,
    ),
    func(
        "rfftfreq(n, d=1.0, device=None)",
        Style::Python,
        "n d device",
        Writes::Nothing,
    ),
    func(
        "fftshift(x, axes=None)",
        Style::Python,
        "x axes",
        Writes::Nothing,
    ),
    func(
        "ifftshift(x, axes=None)",
        Style::Python,
        "x axes",
        Writes::Nothing,
    ),
];

fn entry(name: &str) -> Option<&'static Entry> {
    ENTRIES.iter().find(|e| e.name() == name)
}

/// `np.fft.NAME`.
pub fn module_attr(name: &str) -> PyResult<Value> {
    if entry(name).is_some() || name == "test" {
        return Ok(Value::func(&format!("np.fft.{name}")));
    }
    Err(PyError::new(
        "AttributeError",
        format!("module 'numpy.fft' has no attribute '{name}'"),
    ))
}

/// Call `np.fft.NAME(...)`: bound against its entry, then computed.
pub fn call(s: &mut Session, name: &str, args: Args) -> PyResult<Value> {
    let Some(e) = entry(name) else {
        return Err(PyError::new(
            "NotImplementedError",
            format!("slicelab does not have np.fft.{name}"),
        ));
    };
    let b = super::signature::bind(e.signature, e.style, &args)?;
    match name {
        "fftfreq" | "rfftfreq" => helper::freq(s, &b, name == "rfftfreq"),
        "fftshift" | "ifftshift" => helper::shift(s, &b, name == "ifftshift"),
        "fft" | "ifft" | "rfft" | "irfft" | "hfft" | "ihfft" => transform::one_d(s, name, &b),
        _ => transform::n_d(s, name, &b),
    }
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
