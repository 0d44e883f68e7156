//! The legacy `RandomState`'s samplers: MT19937 plus the cached second
//! value of the polar Gaussian (`legacy_gauss`), and `-log(1 - U)` for the
//! exponential. Kept apart from the Generator's samplers because NumPy
//! froze these streams.

use super::BitGen;
use super::mt19937::Mt19937;

/// `RandomState`'s state: the twister and the Gaussian cache.
#[derive(Debug, Clone)]
pub struct LegacyState {
    /// The bit generator.
    pub mt: Mt19937,
    /// Whether `gauss` holds the second value of the last polar pair.
    pub has_gauss: bool,
    /// That value.
    pub gauss: f64,
}

impl LegacyState {
    /// A fresh state around a seeded twister.
    pub fn new(mt: Mt19937) -> LegacyState {
        LegacyState {
            mt,
            has_gauss: false,
            gauss: 0.0,
        }
    }

    /// `legacy_gauss`: the polar method, returning the second value of each
    /// pair first and caching the other.
    pub fn gauss(&mut self) -> f64 {
        if self.has_gauss {
            self.has_gauss = false;
            return std::mem::take(&mut self.gauss);
        }
        loop {
            let x1 = 2.0 * self.mt.next_double() - 1.0;
            let x2 = 2.0 * self.mt.next_double() - 1.0;
            let r2 = x1 * x1 + x2 * x2;
            if r2 < 1.0 && r2 != 0.0 {
                let f = (-2.0 * r2.ln() / r2).sqrt();
                self.gauss = f * x1;
                self.has_gauss = true;
                return f * x2;
            }
        }
    }

    /// `legacy_standard_exponential`.
    pub fn standard_exponential(&mut self) -> f64 {
        -(1.0 - self.mt.next_double()).ln()
    }
}

/// The legacy samplers that draw plain words or doubles (`random_poisson`,
/// `random_laplace`, ...) take the twister itself; the Gaussian cache is
/// untouched by them.
impl super::BitGen for LegacyState {
    #[inline]
    fn next_u32(&mut self) -> u32 {
        self.mt.next_u32()
    }
    #[inline]
    fn next_u64(&mut self) -> u64 {
        self.mt.next_u64()
    }
    #[inline]
    fn next_double(&mut self) -> f64 {
        self.mt.next_double()
    }
}
