//! PCG64 (XSL-RR output on a 128-bit LCG) as NumPy seeds it: four 64-bit
//! words from `SeedSequence` give the initial state and the stream.
//! 32-bit draws use the two halves of one 64-bit output, low half first.

use super::Words64;
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
        lcg_advance(self.state, self.inc, MULTIPLIER, delta)
    }
}

/// An LCG `state * mult + inc` jumped `delta` steps in O(log delta)
/// (PCG's `pcg_advance_lcg_128`).
fn lcg_advance(state: u128, inc: u128, mult: u128, delta: u128) -> u128 {
    let (mut acc_mult, mut acc_plus) = (1u128, 0u128);
    let (mut cur_mult, mut cur_plus) = (mult, inc);
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
    acc_mult.wrapping_mul(state).wrapping_add(acc_plus)
}

/// PCG's 64-bit "cheap multiplier", used by the DXSM variant.
const CHEAP_MULTIPLIER: u64 = 0xda94_2042_e4dd_58b5;

/// `np.random.PCG64DXSM`: PCG64's seeding, then the cheap-multiplier LCG
/// with the DXSM output function applied to the state before each step.
#[derive(Debug, Clone)]
pub struct Pcg64Dxsm(pub Pcg64);

impl Pcg64Dxsm {
    /// `np.random.PCG64DXSM(seed)`: seeded exactly as PCG64.
    pub fn from_seed_sequence(seq: &SeedSequence) -> Pcg64Dxsm {
        Pcg64Dxsm(Pcg64::from_seed_sequence(seq))
    }

    /// `advance(delta)` on the cheap-multiplier LCG.
    pub fn advance(&mut self, delta: u128) {
        let g = &mut self.0;
        g.state = lcg_advance(g.state, g.inc, u128::from(CHEAP_MULTIPLIER), delta);
        g.has_uint32 = false;
        g.uinteger = 0;
    }
}

impl Words64 for Pcg64Dxsm {
    #[inline]
    fn next_word(&mut self) -> u64 {
        let g = &mut self.0;
        let mut hi = (g.state >> 64) as u64;
        let lo = (g.state as u64) | 1;
        hi ^= hi >> 32;
        hi = hi.wrapping_mul(CHEAP_MULTIPLIER);
        hi ^= hi >> 48;
        hi = hi.wrapping_mul(lo);
        g.state = g
            .state
            .wrapping_mul(u128::from(CHEAP_MULTIPLIER))
            .wrapping_add(g.inc);
        hi
    }
    #[inline]
    fn half(&mut self) -> (&mut bool, &mut u32) {
        (&mut self.0.has_uint32, &mut self.0.uinteger)
    }
}

impl Words64 for Pcg64 {
    #[inline]
    fn next_word(&mut self) -> u64 {
        self.step();
        let s = self.state;
        let x = ((s >> 64) as u64) ^ (s as u64);
        x.rotate_right((s >> 122) as u32)
    }
    #[inline]
    fn half(&mut self) -> (&mut bool, &mut u32) {
        (&mut self.has_uint32, &mut self.uinteger)
    }
}

#[cfg(test)]
mod dxsm_tests {
    use super::*;
    use crate::engine::random::BitGen;

    /// `np.random.PCG64DXSM(1).random_raw(3)` in NumPy 2.4.6.
    #[test]
    fn seeded_outputs_match_numpy() {
        let seq = SeedSequence::new(vec![1], vec![], 4);
        let mut g = Pcg64Dxsm::from_seed_sequence(&seq);
        assert_eq!(
            [g.next_u64(), g.next_u64(), g.next_u64()],
            [
                5001773312344742047,
                5153105853343410367,
                9971774173010308333
            ]
        );
    }

    #[test]
    fn advance_matches_stepping() {
        let seq = SeedSequence::new(vec![7], vec![], 4);
        let mut a = Pcg64Dxsm::from_seed_sequence(&seq);
        let mut b = a.clone();
        for _ in 0..5 {
            a.next_u64();
        }
        b.advance(5);
        assert_eq!(a.next_u64(), b.next_u64());
    }
}
