//! Philox4x64-10 (Salmon et al.'s counter-based generator) as NumPy runs
//! it: a 256-bit counter and a 128-bit key (from `SeedSequence` unless
//! given); each block of four outputs is ten rounds on the counter after
//! it is incremented, handed out one at a time. 32-bit draws use the two
//! halves of one 64-bit output, low half first.

use super::Words64;
use super::seed_sequence::SeedSequence;

/// Outputs per block.
pub const BUFFER_SIZE: usize = 4;

const M0: u64 = 0xD2E7_470E_E14C_6C93;
const M1: u64 = 0xCA5A_8263_9512_1157;
const W0: u64 = 0x9E37_79B9_7F4A_7C15;
const W1: u64 = 0xBB67_AE85_84CA_A73B;
const ROUNDS: usize = 10;

/// A Philox state: counter, key, the current block and NumPy's buffered
/// 32-bit half.
#[derive(Debug, Clone)]
pub struct Philox {
    /// The 256-bit counter, least significant word first.
    pub counter: [u64; 4],
    /// The 128-bit key.
    pub key: [u64; 2],
    /// The current block of outputs.
    pub buffer: [u64; BUFFER_SIZE],
    /// The next unused output of `buffer` (`BUFFER_SIZE`: none left).
    pub buffer_pos: usize,
    /// Whether `uinteger` holds the unused high half of the last output.
    pub has_uint32: bool,
    /// That half.
    pub uinteger: u32,
}

impl Philox {
    /// A generator at `counter` with `key`, its buffer empty.
    pub fn new(counter: [u64; 4], key: [u64; 2]) -> Philox {
        Philox {
            counter,
            key,
            buffer: [0; BUFFER_SIZE],
            buffer_pos: BUFFER_SIZE,
            has_uint32: false,
            uinteger: 0,
        }
    }

    /// `np.random.Philox(seed, counter)`: the key is two words of the
    /// seed sequence.
    pub fn from_seed_sequence(seq: &SeedSequence, counter: [u64; 4]) -> Philox {
        let k = seq.generate_state_u64(2);
        Philox::new(counter, [k[0], k[1]])
    }

    /// `advance(delta)`: the counter plus `delta` (256-bit words, least
    /// significant first), the buffer emptied.
    pub fn advance(&mut self, step: [u64; 4]) {
        let mut carry = false;
        for (v, s) in self.counter.iter_mut().zip(step) {
            if carry {
                *v = v.wrapping_add(1);
                carry = *v == 0;
            }
            let orig = *v;
            *v = v.wrapping_add(s);
            if *v < orig && !carry {
                carry = true;
            }
        }
        self.buffer = [0; BUFFER_SIZE];
        self.buffer_pos = BUFFER_SIZE;
        self.has_uint32 = false;
        self.uinteger = 0;
    }
}

/// One Philox round.
fn round(ctr: [u64; 4], key: [u64; 2]) -> [u64; 4] {
    let p0 = u128::from(M0) * u128::from(ctr[0]);
    let p1 = u128::from(M1) * u128::from(ctr[2]);
    let (hi0, lo0) = ((p0 >> 64) as u64, p0 as u64);
    let (hi1, lo1) = ((p1 >> 64) as u64, p1 as u64);
    [hi1 ^ ctr[1] ^ key[0], lo1, hi0 ^ ctr[3] ^ key[1], lo0]
}

/// `philox4x64_R(10, ctr, key)`: the key bumped before every round but
/// the first.
fn block(mut ctr: [u64; 4], mut key: [u64; 2]) -> [u64; 4] {
    for r in 0..ROUNDS {
        if r > 0 {
            key = [key[0].wrapping_add(W0), key[1].wrapping_add(W1)];
        }
        ctr = round(ctr, key);
    }
    ctr
}

impl Words64 for Philox {
    #[inline]
    fn next_word(&mut self) -> u64 {
        if self.buffer_pos < BUFFER_SIZE {
            let out = self.buffer[self.buffer_pos];
            self.buffer_pos += 1;
            return out;
        }
        for v in &mut self.counter {
            *v = v.wrapping_add(1);
            if *v != 0 {
                break;
            }
        }
        self.buffer = block(self.counter, self.key);
        self.buffer_pos = 1;
        self.buffer[0]
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

    /// `np.random.Philox(counter=[1, 2, 3, 4], key=[5, 6]).random_raw(2)`
    /// and `Philox(counter=7, key=5)` in NumPy 2.4.6.
    #[test]
    fn blocks_match_numpy() {
        let mut g = Philox::new([1, 2, 3, 4], [5, 6]);
        assert_eq!(
            [g.next_u64(), g.next_u64()],
            [10568657560886415971, 15636345889197363040]
        );
        let mut g = Philox::new([7, 0, 0, 0], [5, 0]);
        assert_eq!(
            [g.next_u64(), g.next_u64()],
            [14843759927929523615, 2480881581244526920]
        );
    }

    #[test]
    fn advance_carries_across_words_and_empties_the_buffer() {
        let mut g = Philox::new([u64::MAX, 0, 0, 0], [0, 0]);
        g.next_u64();
        g.advance([1, 0, 0, 0]);
        assert_eq!(g.counter, [1, 1, 0, 0]);
        assert_eq!(g.buffer_pos, BUFFER_SIZE);
    }
}
