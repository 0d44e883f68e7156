//! Bounded integers: NumPy's masked rejection (the legacy `randint`) and
//! Lemire's multiply-shift rejection (`Generator.integers`), with the
//! 32-bit word buffered into 8- and 16-bit draws as NumPy does, and
//! `random_interval` (the shuffles' draw). Every function fills values in
//! `off ..= off + rng` (wrapping), in the unsigned type of the output's
//! width; signed dtypes reinterpret the same bits.

use super::BitGen;

/// How a bounded draw rejects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Mask to the smallest covering power of two and redraw (legacy).
    Masked,
    /// Lemire's method (Generator).
    Lemire,
}

/// The smallest all-ones mask covering `max`.
#[inline]
pub fn gen_mask(max: u64) -> u64 {
    if max == 0 {
        0
    } else {
        u64::MAX >> max.leading_zeros()
    }
}

/// `random_interval(max)`: a value in `0..=max` by masked rejection, from
/// 32-bit words when `max` fits in 32 bits.
#[inline]
pub fn random_interval<G: BitGen>(g: &mut G, max: u64) -> u64 {
    if max == 0 {
        return 0;
    }
    let mask = gen_mask(max);
    if max <= 0xffff_ffff {
        loop {
            let v = (g.next_u32() as u64) & mask;
            if v <= max {
                return v;
            }
        }
    }
    loop {
        let v = g.next_u64() & mask;
        if v <= max {
            return v;
        }
    }
}

/// One Lemire draw in `0..=rng` (`random_bounded_uint64(0, rng, 0,
/// use_masked=False)`), as `fill_u64` gives it one element at a time.
#[inline]
pub fn lemire_one<G: BitGen>(g: &mut G, rng: u64) -> u64 {
    match rng {
        0 => 0,
        0xffff_ffff => g.next_u32() as u64,
        1..0xffff_ffff => lemire32(g, rng as u32) as u64,
        u64::MAX => g.next_u64(),
        _ => lemire64(g, rng),
    }
}

#[inline]
fn lemire32<G: BitGen>(g: &mut G, rng: u32) -> u32 {
    let excl = rng + 1;
    let mut m = g.next_u32() as u64 * excl as u64;
    let mut left = m as u32;
    if left < excl {
        let threshold = (u32::MAX - rng) % excl;
        while left < threshold {
            m = g.next_u32() as u64 * excl as u64;
            left = m as u32;
        }
    }
    (m >> 32) as u32
}

#[inline]
fn lemire64<G: BitGen>(g: &mut G, rng: u64) -> u64 {
    let excl = rng + 1;
    let mut m = g.next_u64() as u128 * excl as u128;
    let mut left = m as u64;
    if left < excl {
        let threshold = (u64::MAX - rng) % excl;
        while left < threshold {
            m = g.next_u64() as u128 * excl as u128;
            left = m as u64;
        }
    }
    (m >> 64) as u64
}

/// `random_bounded_uint64`/`_fill`: 64-bit outputs.
pub fn fill_u64<G: BitGen>(g: &mut G, off: u64, rng: u64, method: Method, out: &mut [u64]) {
    if rng == 0 {
        out.fill(off);
    } else if rng <= 0xffff_ffff {
        if rng == 0xffff_ffff {
            out.iter_mut()
                .for_each(|o| *o = off.wrapping_add(g.next_u32() as u64));
        } else if method == Method::Masked {
            let mask = gen_mask(rng) as u32;
            for o in out {
                *o = off.wrapping_add(masked32(g, rng as u32, mask) as u64);
            }
        } else {
            for o in out {
                *o = off.wrapping_add(lemire32(g, rng as u32) as u64);
            }
        }
    } else if rng == u64::MAX {
        out.iter_mut()
            .for_each(|o| *o = off.wrapping_add(g.next_u64()));
    } else if method == Method::Masked {
        let mask = gen_mask(rng);
        for o in out {
            *o = off.wrapping_add(loop {
                let v = g.next_u64() & mask;
                if v <= rng {
                    break v;
                }
            });
        }
    } else {
        for o in out {
            *o = off.wrapping_add(lemire64(g, rng));
        }
    }
}

#[inline]
fn masked32<G: BitGen>(g: &mut G, rng: u32, mask: u32) -> u32 {
    loop {
        let v = g.next_u32() & mask;
        if v <= rng {
            return v;
        }
    }
}

/// `random_bounded_uint32_fill`.
pub fn fill_u32<G: BitGen>(g: &mut G, off: u32, rng: u32, method: Method, out: &mut [u32]) {
    if rng == 0 {
        out.fill(off);
    } else if rng == u32::MAX {
        out.iter_mut()
            .for_each(|o| *o = off.wrapping_add(g.next_u32()));
    } else if method == Method::Masked {
        let mask = gen_mask(rng as u64) as u32;
        out.iter_mut()
            .for_each(|o| *o = off.wrapping_add(masked32(g, rng, mask)));
    } else {
        out.iter_mut()
            .for_each(|o| *o = off.wrapping_add(lemire32(g, rng)));
    }
}

/// A 32-bit word handed out in `BITS`-wide pieces, low piece first
/// (`buffered_uint16`, `buffered_uint8`, and the bool buffer).
struct Pieces<const BITS: u32> {
    buf: u32,
    left: u32,
}

impl<const BITS: u32> Pieces<BITS> {
    fn new() -> Self {
        Pieces { buf: 0, left: 0 }
    }
    #[inline]
    fn next<G: BitGen>(&mut self, g: &mut G) -> u32 {
        if self.left == 0 {
            self.buf = g.next_u32();
            self.left = 32 / BITS - 1;
        } else {
            self.buf >>= BITS;
            self.left -= 1;
        }
        self.buf & (u32::MAX >> (32 - BITS))
    }
}

/// `random_bounded_uint16_fill` and `_uint8_fill`: `BITS` is 16 or 8,
/// `O` the output element (`u16` or `u8`), which each draw is cut to by
/// `as`, so the output is written directly (no wide scratch array).
pub fn fill_small<G: BitGen, const BITS: u32, O: Copy + 'static>(
    g: &mut G,
    off: u32,
    rng: u32,
    method: Method,
    out: &mut [O],
) where
    u32: num_traits::AsPrimitive<O>,
{
    use num_traits::AsPrimitive;
    let top = u32::MAX >> (32 - BITS);
    let mut p = Pieces::<BITS>::new();
    let wrap = |v: u32| -> O { (off.wrapping_add(v) & top).as_() };
    if rng == 0 {
        out.fill(off.as_());
    } else if rng == top {
        out.iter_mut().for_each(|o| *o = wrap(p.next(g)));
    } else if method == Method::Masked {
        let mask = gen_mask(rng as u64) as u32;
        for o in out {
            *o = wrap(loop {
                let v = p.next(g) & mask;
                if v <= rng {
                    break v;
                }
            });
        }
    } else {
        let excl = rng + 1;
        let threshold = (top - rng) % excl;
        for o in out {
            let mut m = p.next(g) * excl;
            let mut left = m & top;
            if left < excl {
                while left < threshold {
                    m = p.next(g) * excl;
                    left = m & top;
                }
            }
            *o = wrap(m >> BITS);
        }
    }
}

/// `random_bounded_bool_fill`: one bit per draw from a buffered word.
pub fn fill_bool<G: BitGen>(g: &mut G, off: bool, rng: bool, out: &mut [u8]) {
    let mut p = Pieces::<1>::new();
    for o in out {
        *o = if rng { p.next(g) as u8 } else { off as u8 };
    }
}

/// Bounded draws one element at a time, each with its own offset and
/// range, as NumPy's broadcast path of `integers`/`randint` makes them
/// (`random_bounded_uint64`, `random_buffered_bounded_uint32/16/8/bool`):
/// the 32-bit word split into 16-, 8- or 1-bit pieces carries over from
/// one element to the next.
pub struct PerElement {
    p16: Pieces<16>,
    p8: Pieces<8>,
    p1: Pieces<1>,
}

impl Default for PerElement {
    fn default() -> Self {
        PerElement {
            p16: Pieces::new(),
            p8: Pieces::new(),
            p1: Pieces::new(),
        }
    }
}

impl PerElement {
    /// `random_bounded_uint64` (also the 32-bit draw: a range that fits in
    /// 32 bits takes 32-bit words, unbuffered).
    pub fn wide<G: BitGen>(&mut self, g: &mut G, off: u64, rng: u64, method: Method) -> u64 {
        let v = match rng {
            0 => 0,
            0xffff_ffff => g.next_u32() as u64,
            r if r < 0xffff_ffff && method == Method::Masked => {
                masked32(g, r as u32, gen_mask(r) as u32) as u64
            }
            r if r < 0xffff_ffff => lemire32(g, r as u32) as u64,
            u64::MAX => g.next_u64(),
            r if method == Method::Masked => loop {
                let v = g.next_u64() & gen_mask(r);
                if v <= r {
                    break v;
                }
            },
            r => lemire64(g, r),
        };
        off.wrapping_add(v)
    }

    /// `random_buffered_bounded_uint16`.
    pub fn u16<G: BitGen>(&mut self, g: &mut G, off: u32, rng: u32, method: Method) -> u32 {
        one_small(&mut self.p16, g, off, rng, method)
    }

    /// `random_buffered_bounded_uint8`.
    pub fn u8<G: BitGen>(&mut self, g: &mut G, off: u32, rng: u32, method: Method) -> u32 {
        one_small(&mut self.p8, g, off, rng, method)
    }

    /// `random_buffered_bounded_bool`: no draw when the range is empty.
    pub fn bool<G: BitGen>(&mut self, g: &mut G, off: bool, rng: bool) -> bool {
        if rng { self.p1.next(g) != 0 } else { off }
    }
}

/// One 16- or 8-bit bounded draw from a carried buffer.
fn one_small<G: BitGen, const BITS: u32>(
    p: &mut Pieces<BITS>,
    g: &mut G,
    off: u32,
    rng: u32,
    method: Method,
) -> u32 {
    let top = u32::MAX >> (32 - BITS);
    let v = if rng == 0 {
        0
    } else if rng == top {
        p.next(g)
    } else if method == Method::Masked {
        let mask = gen_mask(rng as u64) as u32;
        loop {
            let v = p.next(g) & mask;
            if v <= rng {
                break v;
            }
        }
    } else {
        let excl = rng + 1;
        let mut m = p.next(g) * excl;
        if m & top < excl {
            let threshold = (top - rng) % excl;
            while m & top < threshold {
                m = p.next(g) * excl;
            }
        }
        m >> BITS
    };
    off.wrapping_add(v) & top
}
