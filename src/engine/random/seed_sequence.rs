//! `np.random.SeedSequence`: entropy (an int or a sequence of ints, as
//! 32-bit words) hashed into a pool, and `generate_state` that hashes the
//! pool out into as many words as a bit generator needs. Spawned children
//! extend the spawn key.

const INIT_A: u32 = 0x43b0_d7e5;
const MULT_A: u32 = 0x931e_8875;
const INIT_B: u32 = 0x8b51_f9dd;
const MULT_B: u32 = 0x58f3_8ded;
const MIX_MULT_L: u32 = 0xca01_f9dd;
const MIX_MULT_R: u32 = 0x4973_f715;
const XSHIFT: u32 = 16;
/// The default pool size in 32-bit words.
pub const DEFAULT_POOL_SIZE: usize = 4;

/// A seed sequence: its inputs and the mixed pool.
#[derive(Debug, Clone, PartialEq)]
pub struct SeedSequence {
    /// The entropy, as the 32-bit words of each integer, lowest first.
    pub entropy_words: Vec<u32>,
    /// The spawn key.
    pub spawn_key: Vec<u128>,
    /// Pool size in words.
    pub pool_size: usize,
    /// How many children `spawn` has made.
    pub n_children_spawned: usize,
    /// The mixed pool.
    pub pool: Vec<u32>,
}

/// The 32-bit words of a non-negative integer, lowest first (`0` is one word).
pub fn int_words(mut n: u128) -> Vec<u32> {
    let mut out = vec![];
    if n == 0 {
        out.push(0);
    }
    while n > 0 {
        out.push(n as u32);
        n >>= 32;
    }
    out
}

fn hashmix(value: u32, hash_const: &mut u32) -> u32 {
    let mut v = value ^ *hash_const;
    *hash_const = hash_const.wrapping_mul(MULT_A);
    v = v.wrapping_mul(*hash_const);
    v ^ (v >> XSHIFT)
}

fn mix(x: u32, y: u32) -> u32 {
    let r = MIX_MULT_L
        .wrapping_mul(x)
        .wrapping_sub(MIX_MULT_R.wrapping_mul(y));
    r ^ (r >> XSHIFT)
}

impl SeedSequence {
    /// A sequence from entropy words (already coerced) and a spawn key.
    pub fn new(entropy_words: Vec<u32>, spawn_key: Vec<u128>, pool_size: usize) -> SeedSequence {
        let mut run = entropy_words.clone();
        let spawn: Vec<u32> = spawn_key.iter().flat_map(|&k| int_words(k)).collect();
        if !spawn.is_empty() && run.len() < pool_size {
            run.resize(pool_size, 0);
        }
        run.extend(spawn);
        let mut pool = vec![0u32; pool_size];
        let mut hc = INIT_A;
        for (i, p) in pool.iter_mut().enumerate() {
            *p = hashmix(run.get(i).copied().unwrap_or(0), &mut hc);
        }
        for src in 0..pool_size {
            for dst in 0..pool_size {
                if src != dst {
                    let h = hashmix(pool[src], &mut hc);
                    pool[dst] = mix(pool[dst], h);
                }
            }
        }
        for &word in run.iter().skip(pool_size) {
            for p in pool.iter_mut() {
                let h = hashmix(word, &mut hc);
                *p = mix(*p, h);
            }
        }
        SeedSequence {
            entropy_words,
            spawn_key,
            pool_size,
            n_children_spawned: 0,
            pool,
        }
    }

    /// `generate_state(n, np.uint32)`.
    pub fn generate_state_u32(&self, n: usize) -> Vec<u32> {
        let mut hc = INIT_B;
        (0..n)
            .map(|i| {
                let mut v = self.pool[i % self.pool.len()] ^ hc;
                hc = hc.wrapping_mul(MULT_B);
                v = v.wrapping_mul(hc);
                v ^ (v >> XSHIFT)
            })
            .collect()
    }

    /// `generate_state(n, np.uint64)`: pairs of 32-bit words, low first.
    pub fn generate_state_u64(&self, n: usize) -> Vec<u64> {
        self.generate_state_u32(2 * n)
            .chunks(2)
            .map(|w| w[0] as u64 | ((w[1] as u64) << 32))
            .collect()
    }

    /// `spawn(n)`: children whose spawn keys extend this one's.
    pub fn spawn(&mut self, n: usize) -> Vec<SeedSequence> {
        let start = self.n_children_spawned;
        self.n_children_spawned += n;
        (start..start + n)
            .map(|i| {
                let mut key = self.spawn_key.clone();
                key.push(i as u128);
                SeedSequence::new(self.entropy_words.clone(), key, self.pool_size)
            })
            .collect()
    }
}
