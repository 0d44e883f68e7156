//! The Mersenne Twister as NumPy seeds and runs it: Knuth's seeding for a
//! legacy integer seed, `init_by_array` for a legacy array seed, and the
//! `SeedSequence` route of `np.random.MT19937(seed)`.

use super::BitGen;
use super::seed_sequence::SeedSequence;

/// Words of state.
pub const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// An MT19937 state: 624 words and the position of the next one.
#[derive(Clone)]
pub struct Mt19937 {
    /// The state words (`key` in NumPy's state dict).
    pub key: Box<[u32; N]>,
    /// The next word to temper; `N` means regenerate first.
    pub pos: usize,
}

impl std::fmt::Debug for Mt19937 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Mt19937 {{ pos: {} }}", self.pos)
    }
}

impl Mt19937 {
    /// `mt19937_seed`: the legacy `np.random.seed(int)`.
    pub fn from_u32(seed: u32) -> Mt19937 {
        let mut key = Box::new([0u32; N]);
        let mut s = seed;
        for (pos, k) in key.iter_mut().enumerate() {
            *k = s;
            s = 1_812_433_253u32
                .wrapping_mul(s ^ (s >> 30))
                .wrapping_add(pos as u32 + 1);
        }
        Mt19937 { key, pos: N }
    }

    /// `mt19937_init_by_array`: the legacy `np.random.seed([a, b, ...])`.
    pub fn from_array(init: &[u32]) -> Mt19937 {
        let mut g = Mt19937::from_u32(19_650_218);
        let mt = &mut g.key;
        let (mut i, mut j) = (1usize, 0usize);
        let len = init.len().max(1);
        for _ in 0..N.max(init.len()) {
            let prev = mt[i - 1] ^ (mt[i - 1] >> 30);
            mt[i] = (mt[i] ^ prev.wrapping_mul(1_664_525))
                .wrapping_add(init.get(j).copied().unwrap_or(0))
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= len {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = mt[i - 1] ^ (mt[i - 1] >> 30);
            mt[i] = (mt[i] ^ prev.wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x8000_0000;
        g.pos = N;
        g
    }

    /// `np.random.MT19937(seed)`: 624 words from the seed sequence, the
    /// first forced to `0x80000000`, and (as NumPy's Cython loop leaves
    /// it) the position at 623.
    pub fn from_seed_sequence(seq: &SeedSequence) -> Mt19937 {
        let words = seq.generate_state_u32(N);
        let mut key = Box::new([0u32; N]);
        key.copy_from_slice(&words);
        key[0] = 0x8000_0000;
        Mt19937 { key, pos: N - 1 }
    }

    fn generate(&mut self) {
        let mt = &mut self.key;
        let twist = |a: u32, b: u32, c: u32| {
            let y = (a & UPPER_MASK) | (b & LOWER_MASK);
            c ^ (y >> 1) ^ (0u32.wrapping_sub(y & 1) & MATRIX_A)
        };
        for i in 0..N - M {
            mt[i] = twist(mt[i], mt[i + 1], mt[i + M]);
        }
        for i in N - M..N - 1 {
            mt[i] = twist(mt[i], mt[i + 1], mt[i + M - N]);
        }
        mt[N - 1] = twist(mt[N - 1], mt[0], mt[M - 1]);
        self.pos = 0;
    }
}

impl BitGen for Mt19937 {
    #[inline]
    fn next_u32(&mut self) -> u32 {
        if self.pos >= N {
            self.generate();
        }
        let mut y = self.key[self.pos];
        self.pos += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }
    #[inline]
    fn next_u64(&mut self) -> u64 {
        let hi = self.next_u32() as u64;
        (hi << 32) | self.next_u32() as u64
    }
    #[inline]
    fn next_double(&mut self) -> f64 {
        let a = (self.next_u32() >> 5) as f64;
        let b = (self.next_u32() >> 6) as f64;
        (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_first_outputs() {
        // Matsumoto & Nishimura's mt19937ar.c test: init_by_array
        // {0x123, 0x234, 0x345, 0x456} starts 1067595299 955945823.
        let mut g = Mt19937::from_array(&[0x123, 0x234, 0x345, 0x456]);
        assert_eq!(g.next_u32(), 1_067_595_299);
        assert_eq!(g.next_u32(), 955_945_823);
    }
}
