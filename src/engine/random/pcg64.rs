//! PCG64 (XSL-RR output on a 128-bit LCG) as NumPy seeds it: four 64-bit
//! words from `SeedSequence` give the initial state and the stream.
//! 32-bit draws use the two halves of one 64-bit output, low half first.

use super::BitGen;
use super::seed_sequence::SeedSequence;

const MULTIPLIER: u128 = (2_549_297_995_355_413_924u128 << 64) | 4_865_540_595_714_422_341u128;

/// A PCG64 state with NumPy's buffered 32-bit half.
#[derive(Debug, Clone)]
pub struct Pcg64 {
    /// The LCG state.
    pub state: u128,
    /// The LCG increment (always odd).
    pub inc: u128,
    /// Whether `uinteger` holds the unused high half of the last output.
    pub has_uint32: bool,
    /// That half.
    pub uinteger: u32,
}

impl Pcg64 {
    /// `pcg64_set_seed(state, seed, inc)`: PCG's `srandom_r`.
    pub fn from_words(seed: u128, initseq: u128) -> Pcg64 {
        let mut g = Pcg64 {
            state: 0,
            inc: (initseq << 1) | 1,
            has_uint32: false,
            uinteger: 0,
        };
        g.step();
        g.state = g.state.wrapping_add(seed);
        g.step();
        g
    }

    /// `np.random.PCG64(seed)`.
    pub fn from_seed_sequence(seq: &SeedSequence) -> Pcg64 {
        let v = seq.generate_state_u64(4);
        Pcg64::from_words(
            ((v[0] as u128) << 64) | v[1] as u128,
            ((v[2] as u128) << 64) | v[3] as u128,
        )
    }

    #[inline]
    fn step(&mut self) {
        self.state = self.state.wrapping_mul(MULTIPLIER).wrapping_add(self.inc);
    }

    /// `advance(delta)`: jump the LCG by `delta` steps in O(log delta).
    pub fn advance(&mut self, delta: u128) {
        self.state = self.state_after(delta);
        self.has_uint32 = false;
        self.uinteger = 0;
    }

    /// The LCG state `delta` steps on, in O(log delta) (PCG's
    /// `pcg_advance_lcg_128`), leaving `self` as it is.
    pub fn state_after(&self, delta: u128) -> u128 {
        let (mut acc_mult, mut acc_plus) = (1u128, 0u128);
        let (mut cur_mult, mut cur_plus) = (MULTIPLIER, self.inc);
        let mut d = delta;
        while d > 0 {
            if d & 1 == 1 {
                acc_mult = acc_mult.wrapping_mul(cur_mult);
                acc_plus = acc_plus.wrapping_mul(cur_mult).wrapping_add(cur_plus);
            }
            cur_plus = cur_mult.wrapping_add(1).wrapping_mul(cur_plus);
            cur_mult = cur_mult.wrapping_mul(cur_mult);
            d >>= 1;
        }
        acc_mult.wrapping_mul(self.state).wrapping_add(acc_plus)
    }
}

impl BitGen for Pcg64 {
    #[inline]
    fn next_u64(&mut self) -> u64 {
        self.step();
        let s = self.state;
        let x = ((s >> 64) as u64) ^ (s as u64);
        x.rotate_right((s >> 122) as u32)
    }
    #[inline]
    fn next_u32(&mut self) -> u32 {
        if self.has_uint32 {
            self.has_uint32 = false;
            return self.uinteger;
        }
        let next = self.next_u64();
        self.has_uint32 = true;
        self.uinteger = (next >> 32) as u32;
        next as u32
    }
    #[inline]
    fn next_double(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
    }
}
