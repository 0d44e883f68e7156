// Included twice by `mod.rs` (as f64 and f32): no inner attributes here.



struct RFactor {
    ip: usize,
    tw: Vec<Real>,
    tws: Vec<Real>,
}

/// pocketfft's `rfftp`: FFTPACK's real plan.
pub struct Rfftp {
    length: usize,
    fact: Vec<RFactor>,
}

const TAUI: Real = 0.8660254037844386467637231707529362;
const SQRT2: Real = 1.414213562373095048801688724209698;
const TR11: Real = 0.3090169943749474241022934171828191;
const TI11: Real = 0.9510565162951535721164393333793821;
const TR12: Real = -0.8090169943749474241022934171828191;
const TI12: Real = 0.5877852522924731291687059546390728;

/// `MULPM(a, b, c, d, e, f)`: a = c*e + d*f; b = c*f - d*e.
fn mulpm(c: Real, d: Real, e: Real, f: Real) -> (Real, Real) {
    (c * e + d * f, c * f - d * e)
}

impl Rfftp {
    /// Factor `length` and compute the twiddles.
    pub fn new(length: usize) -> Rfftp {
        let mut plan = Rfftp {
            length,
            fact: Vec::new(),
        };
        if length <= 1 {
            return plan;
        }
        let mut ips = Vec::new();
        let mut len = length;
        while len % 4 == 0 {
            ips.push(4);
            len >>= 2;
        }
        if len % 2 == 0 {
            len >>= 1;
            ips.push(2);
            let last = ips.len() - 1;
            ips.swap(0, last);
        }
        let mut d = 3;
        while d * d <= len {
            while len % d == 0 {
                ips.push(d);
                len /= d;
            }
            d += 2;
        }
        if len > 1 {
            ips.push(len);
        }
        let twid = SinCos::new(length);
        let mut l1 = 1;
        let nf = ips.len();
        for (k, &ip) in ips.iter().enumerate() {
            let ido = length / (l1 * ip);
            let mut tw = Vec::new();
            if k < nf - 1 {
                tw = vec![0.0; (ip - 1) * (ido - 1)];
                for j in 1..ip {
                    for i in 1..=(ido - 1) / 2 {
                        let t = twiddle(&twid, j * l1 * i);
                        tw[(j - 1) * (ido - 1) + 2 * i - 2] = t.r;
                        tw[(j - 1) * (ido - 1) + 2 * i - 1] = t.i;
                    }
                }
            }
            let mut tws = Vec::new();
            if ip > 5 {
                tws = vec![0.0; 2 * ip];
                tws[0] = 1.0;
                tws[1] = 0.0;
                let mut i = 2;
                let mut ic = 2 * ip - 2;
                while i <= ic {
                    let t = twiddle(&twid, i / 2 * (length / ip));
                    tws[i] = t.r;
                    tws[i + 1] = t.i;
                    tws[ic] = t.r;
                    tws[ic + 1] = -t.i;
                    i += 2;
                    ic -= 2;
                }
            }
            plan.fact.push(RFactor { ip, tw, tws });
            l1 *= ip;
        }
        plan
    }

    /// `exec(c, fct, r2hc)`.
    pub fn exec(&self, c: &mut [Real], fct: Real, r2hc: bool) {
        let length = self.length;
        if length == 1 {
            c[0] *= fct;
            return;
        }
        let nf = self.fact.len();
        let mut ch = vec![0.0; length];
        let mut in_c = true;
        if r2hc {
            let mut l1 = length;
            for k1 in 0..nf {
                let k = nf - k1 - 1;
                let f = &self.fact[k];
                let ip = f.ip;
                let ido = length / l1;
                l1 /= ip;
                let (p1, p2): (&mut [Real], &mut [Real]) = if in_c {
                    (&mut *c, &mut ch)
                } else {
                    (&mut ch, &mut *c)
                };
                match ip {
                    4 => radf4(ido, l1, p1, p2, &f.tw),
                    2 => radf2(ido, l1, p1, p2, &f.tw),
                    3 => radf3(ido, l1, p1, p2, &f.tw),
                    5 => radf5(ido, l1, p1, p2, &f.tw),
                    _ => {
                        radfg(ido, ip, l1, p1, p2, &f.tw, &f.tws);
                        in_c = !in_c;
                    }
                }
                in_c = !in_c;
            }
        } else {
            let mut l1 = 1;
            for f in &self.fact {
                let ip = f.ip;
                let ido = length / (ip * l1);
                let (p1, p2): (&mut [Real], &mut [Real]) = if in_c {
                    (&mut *c, &mut ch)
                } else {
                    (&mut ch, &mut *c)
                };
                match ip {
                    4 => radb4(ido, l1, p1, p2, &f.tw),
                    2 => radb2(ido, l1, p1, p2, &f.tw),
                    3 => radb3(ido, l1, p1, p2, &f.tw),
                    5 => radb5(ido, l1, p1, p2, &f.tw),
                    _ => radbg(ido, ip, l1, p1, p2, &f.tw, &f.tws),
                }
                in_c = !in_c;
                l1 *= ip;
            }
        }
        // copy_and_norm
        if !in_c {
            if fct != 1.0 {
                for i in 0..length {
                    c[i] = fct * ch[i];
                }
            } else {
                c[..length].copy_from_slice(&ch[..length]);
            }
        } else if fct != 1.0 {
            for x in c.iter_mut().take(length) {
                *x *= fct;
            }
        }
    }
}

fn radf2(ido: usize, l1: usize, cc: &[Real], ch: &mut [Real], wa: &[Real]) {
    let wa_ = |x: usize, i: usize| wa[i + x * (ido - 1)];
    let cci = |a: usize, b: usize, c: usize| a + ido * (b + l1 * c);
    let chi = |a: usize, b: usize, c: usize| a + ido * (b + 2 * c);
    for k in 0..l1 {
        let (a, b) = (cc[cci(0, k, 0)], cc[cci(0, k, 1)]);
        ch[chi(0, 0, k)] = a + b;
        ch[chi(ido - 1, 1, k)] = a - b;
    }
    if ido & 1 == 0 {
        for k in 0..l1 {
            ch[chi(0, 1, k)] = -cc[cci(ido - 1, k, 1)];
            ch[chi(ido - 1, 0, k)] = cc[cci(ido - 1, k, 0)];
        }
    }
    if ido <= 2 {
        return;
    }
    for k in 0..l1 {
        let mut i = 2;
        while i < ido {
            let ic = ido - i;
            let (tr2, ti2) = mulpm(
                wa_(0, i - 2),
                wa_(0, i - 1),
                cc[cci(i - 1, k, 1)],
                cc[cci(i, k, 1)],
            );
            let c0 = cc[cci(i - 1, k, 0)];
            ch[chi(i - 1, 0, k)] = c0 + tr2;
            ch[chi(ic - 1, 1, k)] = c0 - tr2;
            let c1 = cc[cci(i, k, 0)];
            ch[chi(i, 0, k)] = ti2 + c1;
            ch[chi(ic, 1, k)] = ti2 - c1;
            i += 2;
        }
    }
}

fn radf3(ido: usize, l1: usize, cc: &[Real], ch: &mut [Real], wa: &[Real]) {
    let taur = -0.5;
    let wa_ = |x: usize, i: usize| wa[i + x * (ido - 1)];
    let cci = |a: usize, b: usize, c: usize| a + ido * (b + l1 * c);
    let chi = |a: usize, b: usize, c: usize| a + ido * (b + 3 * c);
    for k in 0..l1 {
        let cr2 = cc[cci(0, k, 1)] + cc[cci(0, k, 2)];
        ch[chi(0, 0, k)] = cc[cci(0, k, 0)] + cr2;
        ch[chi(0, 2, k)] = TAUI * (cc[cci(0, k, 2)] - cc[cci(0, k, 1)]);
        ch[chi(ido - 1, 1, k)] = cc[cci(0, k, 0)] + taur * cr2;
    }
    if ido == 1 {
        return;
    }
    for k in 0..l1 {
        let mut i = 2;
        while i < ido {
            let ic = ido - i;
            let (dr2, di2) = mulpm(
                wa_(0, i - 2),
                wa_(0, i - 1),
                cc[cci(i - 1, k, 1)],
                cc[cci(i, k, 1)],
            );
            let (dr3, di3) = mulpm(
                wa_(1, i - 2),
                wa_(1, i - 1),
                cc[cci(i - 1, k, 2)],
                cc[cci(i, k, 2)],
            );
            // REARRANGE(dr2, di2, dr3, di3)
            let (t1, t2, t3, t4) = (dr2 + dr3, dr3 - dr2, di2 + di3, di2 - di3);
            let (dr2, di2, dr3, di3) = (t1, t3, t4, t2);
            ch[chi(i - 1, 0, k)] = cc[cci(i - 1, k, 0)] + dr2;
            ch[chi(i, 0, k)] = cc[cci(i, k, 0)] + di2;
            let tr2 = cc[cci(i - 1, k, 0)] + taur * dr2;
            let ti2 = cc[cci(i, k, 0)] + taur * di2;
            let tr3 = TAUI * dr3;
            let ti3 = TAUI * di3;
            ch[chi(i - 1, 2, k)] = tr2 + tr3;
            ch[chi(ic - 1, 1, k)] = tr2 - tr3;
            ch[chi(i, 2, k)] = ti3 + ti2;
            ch[chi(ic, 1, k)] = ti3 - ti2;
            i += 2;
        }
    }
}

fn radf4(ido: usize, l1: usize, cc: &[Real], ch: &mut [Real], wa: &[Real]) {
    let wa_ = |x: usize, i: usize| wa[i + x * (ido - 1)];
    let cci = |a: usize, b: usize, c: usize| a + ido * (b + l1 * c);
    let chi = |a: usize, b: usize, c: usize| a + ido * (b + 4 * c);
    for k in 0..l1 {
        let tr1 = cc[cci(0, k, 3)] + cc[cci(0, k, 1)];
        ch[chi(0, 2, k)] = cc[cci(0, k, 3)] - cc[cci(0, k, 1)];
        let tr2 = cc[cci(0, k, 0)] + cc[cci(0, k, 2)];
        ch[chi(ido - 1, 1, k)] = cc[cci(0, k, 0)] - cc[cci(0, k, 2)];
        ch[chi(0, 0, k)] = tr2 + tr1;
        ch[chi(ido - 1, 3, k)] = tr2 - tr1;
    }
    if ido & 1 == 0 {
        for k in 0..l1 {
            let ti1 = -HSQT2 * (cc[cci(ido - 1, k, 1)] + cc[cci(ido - 1, k, 3)]);
            let tr1 = HSQT2 * (cc[cci(ido - 1, k, 1)] - cc[cci(ido - 1, k, 3)]);
            let c0 = cc[cci(ido - 1, k, 0)];
            ch[chi(ido - 1, 0, k)] = c0 + tr1;
            ch[chi(ido - 1, 2, k)] = c0 - tr1;
            let c2 = cc[cci(ido - 1, k, 2)];
            ch[chi(0, 3, k)] = ti1 + c2;
            ch[chi(0, 1, k)] = ti1 - c2;
        }
    }
    if ido <= 2 {
        return;
    }
    for k in 0..l1 {
        let mut i = 2;
        while i < ido {
            let ic = ido - i;
            let (cr2, ci2) = mulpm(
                wa_(0, i - 2),
                wa_(0, i - 1),
                cc[cci(i - 1, k, 1)],
                cc[cci(i, k, 1)],
            );
            let (cr3, ci3) = mulpm(
                wa_(1, i - 2),
                wa_(1, i - 1),
                cc[cci(i - 1, k, 2)],
                cc[cci(i, k, 2)],
            );
            let (cr4, ci4) = mulpm(
                wa_(2, i - 2),
                wa_(2, i - 1),
                cc[cci(i - 1, k, 3)],
                cc[cci(i, k, 3)],
            );
            let (tr1, tr4) = (cr4 + cr2, cr4 - cr2);
            let (ti1, ti4) = (ci2 + ci4, ci2 - ci4);
            let (tr2, tr3) = (cc[cci(i - 1, k, 0)] + cr3, cc[cci(i - 1, k, 0)] - cr3);
            let (ti2, ti3) = (cc[cci(i, k, 0)] + ci3, cc[cci(i, k, 0)] - ci3);
            ch[chi(i - 1, 0, k)] = tr2 + tr1;
            ch[chi(ic - 1, 3, k)] = tr2 - tr1;
            ch[chi(i, 0, k)] = ti1 + ti2;
            ch[chi(ic, 3, k)] = ti1 - ti2;
            ch[chi(i - 1, 2, k)] = tr3 + ti4;
            ch[chi(ic - 1, 1, k)] = tr3 - ti4;
            ch[chi(i, 2, k)] = tr4 + ti3;
            ch[chi(ic, 1, k)] = tr4 - ti3;
            i += 2;
        }
    }
}

fn radf5(ido: usize, l1: usize, cc: &[Real], ch: &mut [Real], wa: &[Real]) {
    let wa_ = |x: usize, i: usize| wa[i + x * (ido - 1)];
    let cci = |a: usize, b: usize, c: usize| a + ido * (b + l1 * c);
    let chi = |a: usize, b: usize, c: usize| a + ido * (b + 5 * c);
    for k in 0..l1 {
        let (cr2, ci5) = (
            cc[cci(0, k, 4)] + cc[cci(0, k, 1)],
            cc[cci(0, k, 4)] - cc[cci(0, k, 1)],
        );
        let (cr3, ci4) = (
            cc[cci(0, k, 3)] + cc[cci(0, k, 2)],
            cc[cci(0, k, 3)] - cc[cci(0, k, 2)],
        );
        let c0 = cc[cci(0, k, 0)];
        ch[chi(0, 0, k)] = c0 + cr2 + cr3;
        ch[chi(ido - 1, 1, k)] = c0 + TR11 * cr2 + TR12 * cr3;
        ch[chi(0, 2, k)] = TI11 * ci5 + TI12 * ci4;
        ch[chi(ido - 1, 3, k)] = c0 + TR12 * cr2 + TR11 * cr3;
        ch[chi(0, 4, k)] = TI12 * ci5 - TI11 * ci4;
    }
    if ido == 1 {
        return;
    }
    for k in 0..l1 {
        let mut i = 2;
        while i < ido {
            let ic = ido - i;
            let m = |x: usize, b: usize| {
                mulpm(
                    wa_(x, i - 2),
                    wa_(x, i - 1),
                    cc[cci(i - 1, k, b)],
                    cc[cci(i, k, b)],
                )
            };
            let (dr2, di2) = m(0, 1);
            let (dr3, di3) = m(1, 2);
            let (dr4, di4) = m(2, 3);
            let (dr5, di5) = m(3, 4);
            // REARRANGE(dr2, di2, dr5, di5); REARRANGE(dr3, di3, dr4, di4)
            let (dr2, di2, dr5, di5) = (dr2 + dr5, di2 + di5, di2 - di5, dr5 - dr2);
            let (dr3, di3, dr4, di4) = (dr3 + dr4, di3 + di4, di3 - di4, dr4 - dr3);
            let c0 = cc[cci(i - 1, k, 0)];
            let c1 = cc[cci(i, k, 0)];
            ch[chi(i - 1, 0, k)] = c0 + dr2 + dr3;
            ch[chi(i, 0, k)] = c1 + di2 + di3;
            let tr2 = c0 + TR11 * dr2 + TR12 * dr3;
            let ti2 = c1 + TR11 * di2 + TR12 * di3;
            let tr3 = c0 + TR12 * dr2 + TR11 * dr3;
            let ti3 = c1 + TR12 * di2 + TR11 * di3;
            let tr5 = TI11 * dr5 + TI12 * dr4;
            let ti5 = TI11 * di5 + TI12 * di4;
            let tr4 = TI12 * dr5 - TI11 * dr4;
            let ti4 = TI12 * di5 - TI11 * di4;
            ch[chi(i - 1, 2, k)] = tr2 + tr5;
            ch[chi(ic - 1, 1, k)] = tr2 - tr5;
            ch[chi(i, 2, k)] = ti5 + ti2;
            ch[chi(ic, 1, k)] = ti5 - ti2;
            ch[chi(i - 1, 4, k)] = tr3 + tr4;
            ch[chi(ic - 1, 3, k)] = tr3 - tr4;
            ch[chi(i, 4, k)] = ti4 + ti3;
            ch[chi(ic, 3, k)] = ti4 - ti3;
            i += 2;
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn radfg(
    ido: usize,
    ip: usize,
    l1: usize,
    cc: &mut [Real],
    ch: &mut [Real],
    wa: &[Real],
    csarr: &[Real],
) {
    let cdim = ip;
    let ipph = ip.div_ceil(2);
    let idl1 = ido * l1;
    let cci = |a: usize, b: usize, c: usize| a + ido * (b + cdim * c);
    let chi = |a: usize, b: usize, c: usize| a + ido * (b + l1 * c);
    let c1i = chi;
    let c2i = |a: usize, b: usize| a + idl1 * b;

    if ido > 1 {
        let mut j = 1;
        let mut jc = ip - 1;
        while j < ipph {
            let is = (j - 1) * (ido - 1);
            let is2 = (jc - 1) * (ido - 1);
            for k in 0..l1 {
                let mut idij = is;
                let mut idij2 = is2;
                let mut i = 1;
                while i + 2 <= ido {
                    let t1 = cc[c1i(i, k, j)];
                    let t2 = cc[c1i(i + 1, k, j)];
                    let t3 = cc[c1i(i, k, jc)];
                    let t4 = cc[c1i(i + 1, k, jc)];
                    let x1 = wa[idij] * t1 + wa[idij + 1] * t2;
                    let x2 = wa[idij] * t2 - wa[idij + 1] * t1;
                    let x3 = wa[idij2] * t3 + wa[idij2 + 1] * t4;
                    let x4 = wa[idij2] * t4 - wa[idij2 + 1] * t3;
                    cc[c1i(i, k, j)] = x3 + x1;
                    cc[c1i(i + 1, k, jc)] = x3 - x1;
                    cc[c1i(i + 1, k, j)] = x2 + x4;
                    cc[c1i(i, k, jc)] = x2 - x4;
                    idij += 2;
                    idij2 += 2;
                    i += 2;
                }
            }
            j += 1;
            jc -= 1;
        }
    }
    let mut j = 1;
    let mut jc = ip - 1;
    while j < ipph {
        for k in 0..l1 {
            // MPINPLACE(a, b): t = a; a -= b; b = t + b
            let a = cc[c1i(0, k, jc)];
            let b = cc[c1i(0, k, j)];
            cc[c1i(0, k, jc)] = a - b;
            cc[c1i(0, k, j)] = a + b;
        }
        j += 1;
        jc -= 1;
    }
    let mut l = 1;
    let mut lc = ip - 1;
    while l < ipph {
        for ik in 0..idl1 {
            ch[c2i(ik, l)] = cc[c2i(ik, 0)]
                + csarr[2 * l] * cc[c2i(ik, 1)]
                + csarr[4 * l] * cc[c2i(ik, 2)];
            ch[c2i(ik, lc)] =
                csarr[2 * l + 1] * cc[c2i(ik, ip - 1)] + csarr[4 * l + 1] * cc[c2i(ik, ip - 2)];
        }
        let mut iang = 2 * l;
        let mut j = 3;
        let mut jc = ip - 3;
        let next = |iang: &mut usize| {
            *iang += l;
            if *iang >= ip {
                *iang -= ip;
            }
            (csarr[2 * *iang], csarr[2 * *iang + 1])
        };
        while j + 3 < ipph {
            let (ar1, ai1) = next(&mut iang);
            let (ar2, ai2) = next(&mut iang);
            let (ar3, ai3) = next(&mut iang);
            let (ar4, ai4) = next(&mut iang);
            for ik in 0..idl1 {
                ch[c2i(ik, l)] += ar1 * cc[c2i(ik, j)]
                    + ar2 * cc[c2i(ik, j + 1)]
                    + ar3 * cc[c2i(ik, j + 2)]
                    + ar4 * cc[c2i(ik, j + 3)];
                ch[c2i(ik, lc)] += ai1 * cc[c2i(ik, jc)]
                    + ai2 * cc[c2i(ik, jc - 1)]
                    + ai3 * cc[c2i(ik, jc - 2)]
                    + ai4 * cc[c2i(ik, jc - 3)];
            }
            j += 4;
            jc -= 4;
        }
        while j + 1 < ipph {
            let (ar1, ai1) = next(&mut iang);
            let (ar2, ai2) = next(&mut iang);
            for ik in 0..idl1 {
                ch[c2i(ik, l)] += ar1 * cc[c2i(ik, j)] + ar2 * cc[c2i(ik, j + 1)];
                ch[c2i(ik, lc)] += ai1 * cc[c2i(ik, jc)] + ai2 * cc[c2i(ik, jc - 1)];
            }
            j += 2;
            jc -= 2;
        }
        while j < ipph {
            let (ar, ai) = next(&mut iang);
            for ik in 0..idl1 {
                ch[c2i(ik, l)] += ar * cc[c2i(ik, j)];
                ch[c2i(ik, lc)] += ai * cc[c2i(ik, jc)];
            }
            j += 1;
            jc -= 1;
        }
        l += 1;
        lc -= 1;
    }
    for ik in 0..idl1 {
        ch[c2i(ik, 0)] = cc[c2i(ik, 0)];
    }
    for j in 1..ipph {
        for ik in 0..idl1 {
            ch[c2i(ik, 0)] += cc[c2i(ik, j)];
        }
    }
    for k in 0..l1 {
        for i in 0..ido {
            cc[cci(i, 0, k)] = ch[chi(i, k, 0)];
        }
    }
    let mut j = 1;
    let mut jc = ip - 1;
    while j < ipph {
        let j2 = 2 * j - 1;
        for k in 0..l1 {
            cc[cci(ido - 1, j2, k)] = ch[chi(0, k, j)];
            cc[cci(0, j2 + 1, k)] = ch[chi(0, k, jc)];
        }
        j += 1;
        jc -= 1;
    }
    if ido == 1 {
        return;
    }
    let mut j = 1;
    let mut jc = ip - 1;
    while j < ipph {
        let j2 = 2 * j - 1;
        for k in 0..l1 {
            let mut i = 1;
            let mut ic = ido - i - 2;
            while i + 2 <= ido {
                cc[cci(i, j2 + 1, k)] = ch[chi(i, k, j)] + ch[chi(i, k, jc)];
                cc[cci(ic, j2, k)] = ch[chi(i, k, j)] - ch[chi(i, k, jc)];
                cc[cci(i + 1, j2 + 1, k)] = ch[chi(i + 1, k, j)] + ch[chi(i + 1, k, jc)];
                cc[cci(ic + 1, j2, k)] = ch[chi(i + 1, k, jc)] - ch[chi(i + 1, k, j)];
                i += 2;
                ic = ic.wrapping_sub(2);
            }
        }
        j += 1;
        jc -= 1;
    }
}

fn radb2(ido: usize, l1: usize, cc: &[Real], ch: &mut [Real], wa: &[Real]) {
    let wa_ = |x: usize, i: usize| wa[i + x * (ido - 1)];
    let cci = |a: usize, b: usize, c: usize| a + ido * (b + 2 * c);
    let chi = |a: usize, b: usize, c: usize| a + ido * (b + l1 * c);
    for k in 0..l1 {
        let (a, b) = (cc[cci(0, 0, k)], cc[cci(ido - 1, 1, k)]);
        ch[chi(0, k, 0)] = a + b;
        ch[chi(0, k, 1)] = a - b;
    }
    if ido & 1 == 0 {
        for k in 0..l1 {
            ch[chi(ido - 1, k, 0)] = 2.0 * cc[cci(ido - 1, 0, k)];
            ch[chi(ido - 1, k, 1)] = -2.0 * cc[cci(0, 1, k)];
        }
    }
    if ido <= 2 {
        return;
    }
    for k in 0..l1 {
        let mut i = 2;
        while i < ido {
            let ic = ido - i;
            let (a, b) = (cc[cci(i - 1, 0, k)], cc[cci(ic - 1, 1, k)]);
            ch[chi(i - 1, k, 0)] = a + b;
            let tr2 = a - b;
            let (a, b) = (cc[cci(i, 0, k)], cc[cci(ic, 1, k)]);
            let ti2 = a + b;
            ch[chi(i, k, 0)] = a - b;
            let (x, y) = mulpm(wa_(0, i - 2), wa_(0, i - 1), ti2, tr2);
            ch[chi(i, k, 1)] = x;
            ch[chi(i - 1, k, 1)] = y;
            i += 2;
        }
    }
}

fn radb3(ido: usize, l1: usize, cc: &[Real], ch: &mut [Real], wa: &[Real]) {
    let taur = -0.5;
    let wa_ = |x: usize, i: usize| wa[i + x * (ido - 1)];
    let cci = |a: usize, b: usize, c: usize| a + ido * (b + 3 * c);
    let chi = |a: usize, b: usize, c: usize| a + ido * (b + l1 * c);
    for k in 0..l1 {
        let tr2 = 2.0 * cc[cci(ido - 1, 1, k)];
        let cr2 = cc[cci(0, 0, k)] + taur * tr2;
        ch[chi(0, k, 0)] = cc[cci(0, 0, k)] + tr2;
        let ci3 = 2.0 * TAUI * cc[cci(0, 2, k)];
        ch[chi(0, k, 2)] = cr2 + ci3;
        ch[chi(0, k, 1)] = cr2 - ci3;
    }
    if ido == 1 {
        return;
    }
    for k in 0..l1 {
        let mut i = 2;
        while i < ido {
            let ic = ido - i;
            let tr2 = cc[cci(i - 1, 2, k)] + cc[cci(ic - 1, 1, k)];
            let ti2 = cc[cci(i, 2, k)] - cc[cci(ic, 1, k)];
            let cr2 = cc[cci(i - 1, 0, k)] + taur * tr2;
            let ci2 = cc[cci(i, 0, k)] + taur * ti2;
            ch[chi(i - 1, k, 0)] = cc[cci(i - 1, 0, k)] + tr2;
            ch[chi(i, k, 0)] = cc[cci(i, 0, k)] + ti2;
            let cr3 = TAUI * (cc[cci(i - 1, 2, k)] - cc[cci(ic - 1, 1, k)]);
            let ci3 = TAUI * (cc[cci(i, 2, k)] + cc[cci(ic, 1, k)]);
            let (dr3, dr2) = (cr2 + ci3, cr2 - ci3);
            let (di2, di3) = (ci2 + cr3, ci2 - cr3);
            let (x, y) = mulpm(wa_(0, i - 2), wa_(0, i - 1), di2, dr2);
            ch[chi(i, k, 1)] = x;
            ch[chi(i - 1, k, 1)] = y;
            let (x, y) = mulpm(wa_(1, i - 2), wa_(1, i - 1), di3, dr3);
            ch[chi(i, k, 2)] = x;
            ch[chi(i - 1, k, 2)] = y;
            i += 2;
        }
    }
}

fn radb4(ido: usize, l1: usize, cc: &[Real], ch: &mut [Real], wa: &[Real]) {
    let wa_ = |x: usize, i: usize| wa[i + x * (ido - 1)];
    let cci = |a: usize, b: usize, c: usize| a + ido * (b + 4 * c);
    let chi = |a: usize, b: usize, c: usize| a + ido * (b + l1 * c);
    for k in 0..l1 {
        let (tr2, tr1) = (
            cc[cci(0, 0, k)] + cc[cci(ido - 1, 3, k)],
            cc[cci(0, 0, k)] - cc[cci(ido - 1, 3, k)],
        );
        let tr3 = 2.0 * cc[cci(ido - 1, 1, k)];
        let tr4 = 2.0 * cc[cci(0, 2, k)];
        ch[chi(0, k, 0)] = tr2 + tr3;
        ch[chi(0, k, 2)] = tr2 - tr3;
        ch[chi(0, k, 3)] = tr1 + tr4;
        ch[chi(0, k, 1)] = tr1 - tr4;
    }
    if ido & 1 == 0 {
        for k in 0..l1 {
            let (ti1, ti2) = (
                cc[cci(0, 3, k)] + cc[cci(0, 1, k)],
                cc[cci(0, 3, k)] - cc[cci(0, 1, k)],
            );
            let (tr2, tr1) = (
                cc[cci(ido - 1, 0, k)] + cc[cci(ido - 1, 2, k)],
                cc[cci(ido - 1, 0, k)] - cc[cci(ido - 1, 2, k)],
            );
            ch[chi(ido - 1, k, 0)] = tr2 + tr2;
            ch[chi(ido - 1, k, 1)] = SQRT2 * (tr1 - ti1);
            ch[chi(ido - 1, k, 2)] = ti2 + ti2;
            ch[chi(ido - 1, k, 3)] = -SQRT2 * (tr1 + ti1);
        }
    }
    if ido <= 2 {
        return;
    }
    for k in 0..l1 {
        let mut i = 2;
        while i < ido {
            let ic = ido - i;
            let pmv = |a: Real, b: Real| (a + b, a - b);
            let (tr2, tr1) = pmv(cc[cci(i - 1, 0, k)], cc[cci(ic - 1, 3, k)]);
            let (ti1, ti2) = pmv(cc[cci(i, 0, k)], cc[cci(ic, 3, k)]);
            let (tr4, ti3) = pmv(cc[cci(i, 2, k)], cc[cci(ic, 1, k)]);
            let (tr3, ti4) = pmv(cc[cci(i - 1, 2, k)], cc[cci(ic - 1, 1, k)]);
            let (h0, cr3) = pmv(tr2, tr3);
            ch[chi(i - 1, k, 0)] = h0;
            let (h1, ci3) = pmv(ti2, ti3);
            ch[chi(i, k, 0)] = h1;
            let (cr4, cr2) = pmv(tr1, tr4);
            let (ci2, ci4) = pmv(ti1, ti4);
            let (x, y) = mulpm(wa_(0, i - 2), wa_(0, i - 1), ci2, cr2);
            ch[chi(i, k, 1)] = x;
            ch[chi(i - 1, k, 1)] = y;
            let (x, y) = mulpm(wa_(1, i - 2), wa_(1, i - 1), ci3, cr3);
            ch[chi(i, k, 2)] = x;
            ch[chi(i - 1, k, 2)] = y;
            let (x, y) = mulpm(wa_(2, i - 2), wa_(2, i - 1), ci4, cr4);
            ch[chi(i, k, 3)] = x;
            ch[chi(i - 1, k, 3)] = y;
            i += 2;
        }
    }
}

fn radb5(ido: usize, l1: usize, cc: &[Real], ch: &mut [Real], wa: &[Real]) {
    let wa_ = |x: usize, i: usize| wa[i + x * (ido - 1)];
    let cci = |a: usize, b: usize, c: usize| a + ido * (b + 5 * c);
    let chi = |a: usize, b: usize, c: usize| a + ido * (b + l1 * c);
    let pmv = |a: Real, b: Real| (a + b, a - b);
    for k in 0..l1 {
        let ti5 = cc[cci(0, 2, k)] + cc[cci(0, 2, k)];
        let ti4 = cc[cci(0, 4, k)] + cc[cci(0, 4, k)];
        let tr2 = cc[cci(ido - 1, 1, k)] + cc[cci(ido - 1, 1, k)];
        let tr3 = cc[cci(ido - 1, 3, k)] + cc[cci(ido - 1, 3, k)];
        let c0 = cc[cci(0, 0, k)];
        ch[chi(0, k, 0)] = c0 + tr2 + tr3;
        let cr2 = c0 + TR11 * tr2 + TR12 * tr3;
        let cr3 = c0 + TR12 * tr2 + TR11 * tr3;
        let (ci5, ci4) = mulpm(ti5, ti4, TI11, TI12);
        (ch[chi(0, k, 4)], ch[chi(0, k, 1)]) = pmv(cr2, ci5);
        (ch[chi(0, k, 3)], ch[chi(0, k, 2)]) = pmv(cr3, ci4);
    }
    if ido == 1 {
        return;
    }
    for k in 0..l1 {
        let mut i = 2;
        while i < ido {
            let ic = ido - i;
            let (tr2, tr5) = pmv(cc[cci(i - 1, 2, k)], cc[cci(ic - 1, 1, k)]);
            let (ti5, ti2) = pmv(cc[cci(i, 2, k)], cc[cci(ic, 1, k)]);
            let (tr3, tr4) = pmv(cc[cci(i - 1, 4, k)], cc[cci(ic - 1, 3, k)]);
            let (ti4, ti3) = pmv(cc[cci(i, 4, k)], cc[cci(ic, 3, k)]);
            let c0 = cc[cci(i - 1, 0, k)];
            let c1 = cc[cci(i, 0, k)];
            ch[chi(i - 1, k, 0)] = c0 + tr2 + tr3;
            ch[chi(i, k, 0)] = c1 + ti2 + ti3;
            let cr2 = c0 + TR11 * tr2 + TR12 * tr3;
            let ci2 = c1 + TR11 * ti2 + TR12 * ti3;
            let cr3 = c0 + TR12 * tr2 + TR11 * tr3;
            let ci3 = c1 + TR12 * ti2 + TR11 * ti3;
            let (cr5, cr4) = mulpm(tr5, tr4, TI11, TI12);
            let (ci5, ci4) = mulpm(ti5, ti4, TI11, TI12);
            let (dr4, dr3) = pmv(cr3, ci4);
            let (di3, di4) = pmv(ci3, cr4);
            let (dr5, dr2) = pmv(cr2, ci5);
            let (di2, di5) = pmv(ci2, cr5);
            for (x, di, dr) in [(0, di2, dr2), (1, di3, dr3), (2, di4, dr4), (3, di5, dr5)] {
                let (a, b) = mulpm(wa_(x, i - 2), wa_(x, i - 1), di, dr);
                ch[chi(i, k, x + 1)] = a;
                ch[chi(i - 1, k, x + 1)] = b;
            }
            i += 2;
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn radbg(
    ido: usize,
    ip: usize,
    l1: usize,
    cc: &mut [Real],
    ch: &mut [Real],
    wa: &[Real],
    csarr: &[Real],
) {
    let cdim = ip;
    let ipph = ip.div_ceil(2);
    let idl1 = ido * l1;
    let cci = |a: usize, b: usize, c: usize| a + ido * (b + cdim * c);
    let chi = |a: usize, b: usize, c: usize| a + ido * (b + l1 * c);
    let c1i = chi;
    let c2i = |a: usize, b: usize| a + idl1 * b;

    for k in 0..l1 {
        for i in 0..ido {
            ch[chi(i, k, 0)] = cc[cci(i, 0, k)];
        }
    }
    let mut j = 1;
    let mut jc = ip - 1;
    while j < ipph {
        let j2 = 2 * j - 1;
        for k in 0..l1 {
            ch[chi(0, k, j)] = 2.0 * cc[cci(ido - 1, j2, k)];
            ch[chi(0, k, jc)] = 2.0 * cc[cci(0, j2 + 1, k)];
        }
        j += 1;
        jc -= 1;
    }
    if ido != 1 {
        let mut j = 1;
        let mut jc = ip - 1;
        while j < ipph {
            let j2 = 2 * j - 1;
            for k in 0..l1 {
                let mut i = 1;
                let mut ic = ido - i - 2;
                while i + 2 <= ido {
                    ch[chi(i, k, j)] = cc[cci(i, j2 + 1, k)] + cc[cci(ic, j2, k)];
                    ch[chi(i, k, jc)] = cc[cci(i, j2 + 1, k)] - cc[cci(ic, j2, k)];
                    ch[chi(i + 1, k, j)] = cc[cci(i + 1, j2 + 1, k)] - cc[cci(ic + 1, j2, k)];
                    ch[chi(i + 1, k, jc)] = cc[cci(i + 1, j2 + 1, k)] + cc[cci(ic + 1, j2, k)];
                    i += 2;
                    ic = ic.wrapping_sub(2);
                }
            }
            j += 1;
            jc -= 1;
        }
    }
    let mut l = 1;
    let mut lc = ip - 1;
    while l < ipph {
        for ik in 0..idl1 {
            cc[c2i(ik, l)] = ch[c2i(ik, 0)]
                + csarr[2 * l] * ch[c2i(ik, 1)]
                + csarr[4 * l] * ch[c2i(ik, 2)];
            cc[c2i(ik, lc)] =
                csarr[2 * l + 1] * ch[c2i(ik, ip - 1)] + csarr[4 * l + 1] * ch[c2i(ik, ip - 2)];
        }
        let mut iang = 2 * l;
        let mut j = 3;
        let mut jc = ip - 3;
        let next = |iang: &mut usize| {
            *iang += l;
            if *iang > ip {
                *iang -= ip;
            }
            (csarr[2 * *iang], csarr[2 * *iang + 1])
        };
        while j + 3 < ipph {
            let (ar1, ai1) = next(&mut iang);
            let (ar2, ai2) = next(&mut iang);
            let (ar3, ai3) = next(&mut iang);
            let (ar4, ai4) = next(&mut iang);
            for ik in 0..idl1 {
                cc[c2i(ik, l)] += ar1 * ch[c2i(ik, j)]
                    + ar2 * ch[c2i(ik, j + 1)]
                    + ar3 * ch[c2i(ik, j + 2)]
                    + ar4 * ch[c2i(ik, j + 3)];
                cc[c2i(ik, lc)] += ai1 * ch[c2i(ik, jc)]
                    + ai2 * ch[c2i(ik, jc - 1)]
                    + ai3 * ch[c2i(ik, jc - 2)]
                    + ai4 * ch[c2i(ik, jc - 3)];
            }
            j += 4;
            jc -= 4;
        }
        while j + 1 < ipph {
            let (ar1, ai1) = next(&mut iang);
            let (ar2, ai2) = next(&mut iang);
            for ik in 0..idl1 {
                cc[c2i(ik, l)] += ar1 * ch[c2i(ik, j)] + ar2 * ch[c2i(ik, j + 1)];
                cc[c2i(ik, lc)] += ai1 * ch[c2i(ik, jc)] + ai2 * ch[c2i(ik, jc - 1)];
            }
            j += 2;
            jc -= 2;
        }
        while j < ipph {
            let (war, wai) = next(&mut iang);
            for ik in 0..idl1 {
                cc[c2i(ik, l)] += war * ch[c2i(ik, j)];
                cc[c2i(ik, lc)] += wai * ch[c2i(ik, jc)];
            }
            j += 1;
            jc -= 1;
        }
        l += 1;
        lc -= 1;
    }
    for j in 1..ipph {
        for ik in 0..idl1 {
            let v = ch[c2i(ik, j)];
            ch[c2i(ik, 0)] += v;
        }
    }
    let mut j = 1;
    let mut jc = ip - 1;
    while j < ipph {
        for k in 0..l1 {
            let (a, b) = (cc[c1i(0, k, j)], cc[c1i(0, k, jc)]);
            ch[chi(0, k, jc)] = a + b;
            ch[chi(0, k, j)] = a - b;
        }
        j += 1;
        jc -= 1;
    }
    if ido == 1 {
        return;
    }
    let mut j = 1;
    let mut jc = ip - 1;
    while j < ipph {
        for k in 0..l1 {
            let mut i = 1;
            while i + 2 <= ido {
                let (a, b, c, d) = (
                    cc[c1i(i, k, j)],
                    cc[c1i(i + 1, k, jc)],
                    cc[c1i(i + 1, k, j)],
                    cc[c1i(i, k, jc)],
                );
                ch[chi(i, k, j)] = a - b;
                ch[chi(i, k, jc)] = a + b;
                ch[chi(i + 1, k, j)] = c + d;
                ch[chi(i + 1, k, jc)] = c - d;
                i += 2;
            }
        }
        j += 1;
        jc -= 1;
    }
    for j in 1..ip {
        let is = (j - 1) * (ido - 1);
        for k in 0..l1 {
            let mut idij = is;
            let mut i = 1;
            while i + 2 <= ido {
                let t1 = ch[chi(i, k, j)];
                let t2 = ch[chi(i + 1, k, j)];
                ch[chi(i, k, j)] = wa[idij] * t1 - wa[idij + 1] * t2;
                ch[chi(i + 1, k, j)] = wa[idij] * t2 + wa[idij + 1] * t1;
                idij += 2;
                i += 2;
            }
        }
    }
}
