//! Bulk fills of doubles, bit for bit the draws one `next_double` at a
//! time would give, but faster on large outputs: PCG64's LCG can jump
//! ahead in O(log n) steps, so each chunk of the output starts from the
//! state the serial stream would reach there (`Pcg64::state_after`) and
//! the chunks run on both cores, each writing (and first touching, so the
//! kernel's page clearing is split too) its own part. MT19937 cannot jump
//! cheaply and stays serial. Every loop polls Ctrl-C between chunks.

use rayon::prelude::*;

use super::{AnyBitGen, BitGen, Pcg64};
use crate::engine::interrupt;
use crate::engine::par::{CHUNK, worth_parallel};

/// Fill `out` with the next `out.len()` doubles of `g`, as
/// `out.iter_mut().for_each(|o| *o = g.next_double())` would.
pub fn doubles(g: &mut AnyBitGen, out: &mut [f64]) {
    match g {
        AnyBitGen::Pcg64(p) if worth_parallel(out.len()) => pcg64_doubles(p, out),
        _ => serial(out, || g.next_double()),
    }
}

/// One draw per element in chunks, polling Ctrl-C between them.
pub fn serial<T>(out: &mut [T], mut draw: impl FnMut() -> T) {
    for chunk in out.chunks_mut(CHUNK) {
        interrupt::poll();
        for o in chunk {
            *o = draw();
        }
    }
}

/// PCG64 doubles in parallel chunks, each from its jumped-ahead state;
/// `g` ends where the serial loop would leave it (its buffered 32-bit
/// half untouched, as `next_double` leaves it).
fn pcg64_doubles(g: &mut Pcg64, out: &mut [f64]) {
    let base = g.clone();
    out.par_chunks_mut(CHUNK)
        .enumerate()
        .for_each(|(c, chunk)| {
            interrupt::poll();
            let mut p = base.clone();
            p.state = base.state_after((c * CHUNK) as u128);
            for o in chunk {
                *o = p.next_double();
            }
        });
    g.state = base.state_after(out.len() as u128);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_pcg64_doubles_match_the_serial_stream() {
        let mut a = AnyBitGen::Pcg64(Pcg64::from_words(12345, 678));
        let mut b = a.clone();
        let n = (1 << 20) + 12_345;
        let mut fast = vec![0.0; n];
        doubles(&mut a, &mut fast);
        let slow: Vec<f64> = (0..n).map(|_| b.next_double()).collect();
        assert_eq!(fast, slow);
        assert_eq!(a.next_u64(), b.next_u64());
    }
}
