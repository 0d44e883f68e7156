//! SFC64 (Chris Doty-Humphrey's Small Fast Chaotic generator) as NumPy
//! seeds it: three 64-bit words from `SeedSequence`, the counter at 1,
//! then twelve outputs thrown away. 32-bit draws use the two halves of
//! one 64-bit output, low half first.

use super::Words64;
use super::seed_sequence::SeedSequence;

/// An SFC64 state with NumPy's buffered 32-bit half.
#[derive(Debug, Clone)]
pub struct Sfc64 {
    /// `a`, `b`, `c` and the counter `w`.
    pub s: [u64; 4],
    /// Whether `uinteger` holds the unused high half of the last output.
    pub has_uint32: bool,
    /// That half.
    pub uinteger: u32,
}

impl Sfc64 {
    /// `sfc64_set_seed`: the three words, the counter at 1, twelve rounds.
    pub fn from_words(seed: [u64; 3]) -> Sfc64 {
        let mut g = Sfc64 {
            s: [seed[0], seed[1], seed[2], 1],
            has_uint32: false,
            uinteger: 0,
        };
        for _ in 0..12 {
            g.next_word();
        }
        g
    }

    /// `np.random.SFC64(seed)`.
    pub fn from_seed_sequence(seq: &SeedSequence) -> Sfc64 {
        let v = seq.generate_state_u64(3);
        Sfc64::from_words([v[0], v[1], v[2]])
    }
}

impl Words64 for Sfc64 {
    #[inline]
    fn next_word(&mut self) -> u64 {
        let s = &mut self.s;
        let tmp = s[0].wrapping_add(s[1]).wrapping_add(s[3]);
        s[3] = s[3].wrapping_add(1);
        s[0] = s[1] ^ (s[1] >> 11);
        s[1] = s[2].wrapping_add(s[2] << 3);
        s[2] = s[2].rotate_left(24).wrapping_add(tmp);
        tmp
    }
    #[inline]
    fn half(&mut self) -> (&mut bool, &mut u32) {
        (&mut self.has_uint32, &mut self.uinteger)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::random::BitGen;

    /// `np.random.SFC64(1).random_raw(3)` in NumPy 2.4.6 (seed 1 is the
    /// entropy word 1).
    #[test]
    fn seeded_outputs_match_numpy() {
        let mut g = Sfc64::from_seed_sequence(&SeedSequence::new(vec![1], vec![], 4));
        assert_eq!(
            [g.next_u64(), g.next_u64(), g.next_u64()],
            [
                18365948275979584072,
                6864396556639111295,
                7917024265190753706
            ]
        );
    }
}
