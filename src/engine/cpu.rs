//! Code compiled for the CPU it runs on. NumPy's loops (and the OpenBLAS
//! kernels it calls) use AVX2 and FMA3 where the CPU has them; the build
//! targets baseline x86-64, where `f64::mul_add` is a call into the
//! runtime's `fma`. `with_fma` runs a closure compiled with those features
//! enabled, chosen at run time through `pulp` (no `unsafe` of our own), so
//! every fused multiply-add inlined into it is one instruction and loops
//! may vectorise. The bits are the same either way: a fused multiply-add
//! is exact in software too.

/// `f()`, compiled for AVX2 and FMA3 when the CPU has them. Whatever `f`
/// calls must be `#[inline(always)]` to be compiled that way too.
#[inline(always)]
pub fn with_fma<R>(f: impl FnOnce() -> R) -> R {
    #[cfg(target_arch = "x86_64")]
    if let Some(v3) = pulp::x86::V3::try_new() {
        return v3.vectorize(f);
    }
    f()
}

/// Whether [`with_fma`] runs its closure with FMA3 instructions.
pub fn has_fma() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        pulp::x86::V3::is_available()
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn runs_the_closure_once_with_its_result() {
        let mut calls = 0;
        let r = super::with_fma(|| {
            calls += 1;
            0.1f64.mul_add(10.0, -1.0)
        });
        assert_eq!(calls, 1);
        assert_eq!(r.to_bits(), 0.1f64.mul_add(10.0, -1.0).to_bits());
    }
}
