// Included twice by `mod.rs` (as f64 and f32): no inner attributes here.


/// pocketfft's `fftblue`.
pub struct Blue {
    n: usize,
    n2: usize,
    plan: Cfftp,
    bk: Vec<Cx>,
    bkf: Vec<Cx>,
}

impl Blue {
    /// The chirp and its transform for `n` points.
    pub fn new(n: usize) -> Blue {
        let n2 = good_size_cmplx(n * 2 - 1);
        let plan = Cfftp::new(n2);
        let tmp = SinCos::new(2 * n);
        let mut bk = vec![Cx::ZERO; n];
        bk[0] = Cx { r: 1.0, i: 0.0 };
        let mut coeff = 0;
        for m in 1..n {
            coeff += 2 * m - 1;
            if coeff >= 2 * n {
                coeff -= 2 * n;
            }
            bk[m] = twiddle(&tmp, coeff);
        }
        let mut tbkf = vec![Cx::ZERO; n2];
        let xn2 = 1.0 / n2 as Real;
        tbkf[0] = bk[0].scale(xn2);
        for m in 1..n {
            let v = bk[m].scale(xn2);
            tbkf[m] = v;
            tbkf[n2 - m] = v;
        }
        plan.exec(&mut tbkf, 1.0, true);
        let bkf = tbkf[..n2 / 2 + 1].to_vec();
        Blue {
            n,
            n2,
            plan,
            bk,
            bkf,
        }
    }

    fn fft(&self, c: &mut [Cx], fct: Real, fwd: bool) {
        let (n, n2) = (self.n, self.n2);
        let mut akf = vec![Cx::ZERO; n2];
        for m in 0..n {
            akf[m] = smul(c[m], self.bk[m], fwd);
        }
        let zero = akf[0].scale(0.0);
        for a in akf.iter_mut().skip(n) {
            *a = zero;
        }
        self.plan.exec(&mut akf, 1.0, true);
        akf[0] = smul(akf[0], self.bkf[0], !fwd);
        for m in 1..n2.div_ceil(2) {
            akf[m] = smul(akf[m], self.bkf[m], !fwd);
            akf[n2 - m] = smul(akf[n2 - m], self.bkf[m], !fwd);
        }
        if n2 & 1 == 0 {
            akf[n2 / 2] = smul(akf[n2 / 2], self.bkf[n2 / 2], !fwd);
        }
        self.plan.exec(&mut akf, 1.0, false);
        for m in 0..n {
            c[m] = smul(akf[m], self.bk[m], fwd).scale(fct);
        }
    }

    /// A complex transform.
    pub fn exec(&self, c: &mut [Cx], fct: Real, fwd: bool) {
        self.fft(c, fct, fwd);
    }

    /// `exec_r`: a real transform through the complex one.
    pub fn exec_r(&self, c: &mut [Real], fct: Real, fwd: bool) {
        let n = self.n;
        let mut tmp = vec![Cx::ZERO; n];
        if fwd {
            let zero = 0.0 * c[0];
            for m in 0..n {
                tmp[m] = Cx { r: c[m], i: zero };
            }
            self.fft(&mut tmp, fct, true);
            c[0] = tmp[0].r;
            // copy_n(&tmp[1].r, n-1, &c[1]): the interleaved parts.
            for j in 0..n - 1 {
                let z = tmp[1 + j / 2];
                c[1 + j] = if j % 2 == 0 { z.r } else { z.i };
            }
        } else {
            tmp[0] = Cx {
                r: c[0],
                i: c[0] * 0.0,
            };
            for j in 0..n - 1 {
                let z = &mut tmp[1 + j / 2];
                if j % 2 == 0 {
                    z.r = c[1 + j];
                } else {
                    z.i = c[1 + j];
                }
            }
            if n & 1 == 0 {
                tmp[n / 2].i = 0.0 * c[0];
            }
            let mut m = 1;
            while 2 * m < n {
                tmp[n - m] = Cx {
                    r: tmp[m].r,
                    i: -tmp[m].i,
                };
                m += 1;
            }
            self.fft(&mut tmp, fct, false);
            for m in 0..n {
                c[m] = tmp[m].r;
            }
        }
    }
}
