// Included twice by `mod.rs` (as f64 and f32): no inner attributes here.



struct CFactor {
    ip: usize,
    tw: Vec<Cx>,
    tws: Vec<Cx>,
}

/// pocketfft's `cfftp`: the complex Cooley–Tukey plan.
pub struct Cfftp {
    length: usize,
    fact: Vec<CFactor>,
}

const HSQT2: Real = 0.707106781186547524400844362104849;

impl Cfftp {
    /// Factor `length` and compute the twiddles.
    pub fn new(length: usize) -> Cfftp {
        let mut plan = Cfftp {
            length,
            fact: Vec::new(),
        };
        if length <= 1 {
            return plan;
        }
        let mut ips = Vec::new();
        let mut len = length;
        while len & 7 == 0 {
            ips.push(8);
            len >>= 3;
        }
        while len & 3 == 0 {
            ips.push(4);
            len >>= 2;
        }
        if len & 1 == 0 {
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
        for ip in ips {
            let ido = length / (l1 * ip);
            let mut tw = vec![Cx::ZERO; (ip - 1) * (ido - 1)];
            for j in 1..ip {
                for i in 1..ido {
                    tw[(j - 1) * (ido - 1) + i - 1] = twiddle(&twid, j * l1 * i);
                }
            }
            let mut tws = Vec::new();
            if ip > 11 {
                for j in 0..ip {
                    tws.push(twiddle(&twid, j * l1 * ido));
                }
            }
            plan.fact.push(CFactor { ip, tw, tws });
            l1 *= ip;
        }
        plan
    }

    /// `pass_all<fwd>(c, fct)`.
    pub fn exec(&self, c: &mut [Cx], fct: Real, fwd: bool) {
        let length = self.length;
        if length == 1 {
            c[0] = c[0].scale(fct);
            return;
        }
        let mut ch = vec![Cx::ZERO; length];
        let mut in_c = true;
        let mut l1 = 1;
        for f in &self.fact {
            let ip = f.ip;
            let l2 = ip * l1;
            let ido = length / l2;
            let (p1, p2): (&mut [Cx], &mut [Cx]) = if in_c {
                (&mut *c, &mut ch)
            } else {
                (&mut ch, &mut *c)
            };
            let wa = &f.tw[..];
            match ip {
                4 => pass4(ido, l1, p1, p2, wa, fwd),
                8 => pass8(ido, l1, p1, p2, wa, fwd),
                2 => pass2(ido, l1, p1, p2, wa, fwd),
                3 => pass3(ido, l1, p1, p2, wa, fwd),
                5 => pass5(ido, l1, p1, p2, wa, fwd),
                7 => pass7(ido, l1, p1, p2, wa, fwd),
                11 => pass11(ido, l1, p1, p2, wa, fwd),
                _ => {
                    passg(ido, ip, l1, p1, p2, wa, &f.tws, fwd);
                    in_c = !in_c;
                }
            }
            in_c = !in_c;
            l1 = l2;
        }
        if !in_c {
            if fct != 1.0 {
                for i in 0..length {
                    c[i] = ch[i].scale(fct);
                }
            } else {
                c[..length].copy_from_slice(&ch[..length]);
            }
        } else if fct != 1.0 {
            for x in c.iter_mut().take(length) {
                *x = x.scale(fct);
            }
        }
    }
}

fn pass2(ido: usize, l1: usize, cc: &[Cx], ch: &mut [Cx], wa: &[Cx], fwd: bool) {
    let cci = |a: usize, b: usize, c: usize| a + ido * (b + 2 * c);
    let chi = |a: usize, b: usize, c: usize| a + ido * (b + l1 * c);
    for k in 0..l1 {
        ch[chi(0, k, 0)] = cc[cci(0, 0, k)].add(cc[cci(0, 1, k)]);
        ch[chi(0, k, 1)] = cc[cci(0, 0, k)].sub(cc[cci(0, 1, k)]);
        for i in 1..ido {
            ch[chi(i, k, 0)] = cc[cci(i, 0, k)].add(cc[cci(i, 1, k)]);
            ch[chi(i, k, 1)] = smul(
                cc[cci(i, 0, k)].sub(cc[cci(i, 1, k)]),
                wa[i - 1],
                fwd,
            );
        }
    }
}

fn pass3(ido: usize, l1: usize, cc: &[Cx], ch: &mut [Cx], wa: &[Cx], fwd: bool) {
    let tw1r = -0.5;
    let tw1i = if fwd { -1.0 } else { 1.0 } * 0.8660254037844386467637231707529362;
    let cci = |a: usize, b: usize, c: usize| a + ido * (b + 3 * c);
    let chi = |a: usize, b: usize, c: usize| a + ido * (b + l1 * c);
    let wai = |x: usize, i: usize| i - 1 + x * (ido - 1);
    for k in 0..l1 {
        for i in 0..ido {
            let t0 = cc[cci(i, 0, k)];
            let (t1, t2) = pm(cc[cci(i, 1, k)], cc[cci(i, 2, k)]);
            ch[chi(i, k, 0)] = t0.add(t1);
            let ca = t0.add(t1.scale(tw1r));
            let cb = Cx {
                r: -t2.i * tw1i,
                i: t2.r * tw1i,
            };
            if i == 0 {
                ch[chi(0, k, 1)] = ca.add(cb);
                ch[chi(0, k, 2)] = ca.sub(cb);
            } else {
                ch[chi(i, k, 1)] = smul(ca.add(cb), wa[wai(0, i)], fwd);
                ch[chi(i, k, 2)] = smul(ca.sub(cb), wa[wai(1, i)], fwd);
            }
        }
    }
}

fn pass4(ido: usize, l1: usize, cc: &[Cx], ch: &mut [Cx], wa: &[Cx], fwd: bool) {
    let cci = |a: usize, b: usize, c: usize| a + ido * (b + 4 * c);
    let chi = |a: usize, b: usize, c: usize| a + ido * (b + l1 * c);
    let wai = |x: usize, i: usize| i - 1 + x * (ido - 1);
    for k in 0..l1 {
        {
            let (t2, t1) = pm(cc[cci(0, 0, k)], cc[cci(0, 2, k)]);
            let (t3, t4) = pm(cc[cci(0, 1, k)], cc[cci(0, 3, k)]);
            let t4 = rotx90(t4, fwd);
            (ch[chi(0, k, 0)], ch[chi(0, k, 2)]) = pm(t2, t3);
            (ch[chi(0, k, 1)], ch[chi(0, k, 3)]) = pm(t1, t4);
        }
        for i in 1..ido {
            let (cc0, cc1, cc2, cc3) = (
                cc[cci(i, 0, k)],
                cc[cci(i, 1, k)],
                cc[cci(i, 2, k)],
                cc[cci(i, 3, k)],
            );
            let (t2, t1) = pm(cc0, cc2);
            let (t3, t4) = pm(cc1, cc3);
            let t4 = rotx90(t4, fwd);
            ch[chi(i, k, 0)] = t2.add(t3);
            ch[chi(i, k, 1)] = smul(t1.add(t4), wa[wai(0, i)], fwd);
            ch[chi(i, k, 2)] = smul(t2.sub(t3), wa[wai(1, i)], fwd);
            ch[chi(i, k, 3)] = smul(t1.sub(t4), wa[wai(2, i)], fwd);
        }
    }
}

fn pass5(ido: usize, l1: usize, cc: &[Cx], ch: &mut [Cx], wa: &[Cx], fwd: bool) {
    let s = if fwd { -1.0 } else { 1.0 };
    let tw1r = 0.3090169943749474241022934171828191;
    let tw1i = s * 0.9510565162951535721164393333793821;
    let tw2r = -0.8090169943749474241022934171828191;
    let tw2i = s * 0.5877852522924731291687059546390728;
    let cci = |a: usize, b: usize, c: usize| a + ido * (b + 5 * c);
    let chi = |a: usize, b: usize, c: usize| a + ido * (b + l1 * c);
    let wai = |x: usize, i: usize| i - 1 + x * (ido - 1);
    for k in 0..l1 {
        for i in 0..ido {
            let t0 = cc[cci(i, 0, k)];
            let (t1, t4) = pm(cc[cci(i, 1, k)], cc[cci(i, 4, k)]);
            let (t2, t3) = pm(cc[cci(i, 2, k)], cc[cci(i, 3, k)]);
            ch[chi(i, k, 0)] = Cx {
                r: t0.r + t1.r + t2.r,
                i: t0.i + t1.i + t2.i,
            };
            let step = |twar: Real, twbr: Real, twai: Real, twbi: Real| {
                let ca = Cx {
                    r: t0.r + twar * t1.r + twbr * t2.r,
                    i: t0.i + twar * t1.i + twbr * t2.i,
                };
                let cb = Cx {
                    i: twai * t4.r + twbi * t3.r,
                    r: -(twai * t4.i + twbi * t3.i),
                };
                (ca, cb)
            };
            for (u1, u2, a, b) in [
                (1, 4, step(tw1r, tw2r, tw1i, tw2i).0, step(tw1r, tw2r, tw1i, tw2i).1),
                (2, 3, step(tw2r, tw1r, tw2i, -tw1i).0, step(tw2r, tw1r, tw2i, -tw1i).1),
            ] {
                if i == 0 {
                    (ch[chi(0, k, u1)], ch[chi(0, k, u2)]) = pm(a, b);
                } else {
                    ch[chi(i, k, u1)] = smul(a.add(b), wa[wai(u1 - 1, i)], fwd);
                    ch[chi(i, k, u2)] = smul(a.sub(b), wa[wai(u2 - 1, i)], fwd);
                }
            }
        }
    }
}

fn pass7(ido: usize, l1: usize, cc: &[Cx], ch: &mut [Cx], wa: &[Cx], fwd: bool) {
    let s = if fwd { -1.0 } else { 1.0 };
    let tw1r = 0.6234898018587335305250048840042398;
    let tw1i = s * 0.7818314824680298087084445266740578;
    let tw2r = -0.2225209339563144042889025644967948;
    let tw2i = s * 0.9749279121818236070181316829939312;
    let tw3r = -0.9009688679024191262361023195074451;
    let tw3i = s * 0.433883739117558120475768332848359;
    let cci = |a: usize, b: usize, c: usize| a + ido * (b + 7 * c);
    let chi = |a: usize, b: usize, c: usize| a + ido * (b + l1 * c);
    let wai = |x: usize, i: usize| i - 1 + x * (ido - 1);
    for k in 0..l1 {
        for i in 0..ido {
            let t1 = cc[cci(i, 0, k)];
            let (t2, t7) = pm(cc[cci(i, 1, k)], cc[cci(i, 6, k)]);
            let (t3, t6) = pm(cc[cci(i, 2, k)], cc[cci(i, 5, k)]);
            let (t4, t5) = pm(cc[cci(i, 3, k)], cc[cci(i, 4, k)]);
            ch[chi(i, k, 0)] = Cx {
                r: t1.r + t2.r + t3.r + t4.r,
                i: t1.i + t2.i + t3.i + t4.i,
            };
            let step = |x1: Real, x2: Real, x3: Real, y1: Real, y2: Real, y3: Real| {
                let ca = Cx {
                    r: t1.r + x1 * t2.r + x2 * t3.r + x3 * t4.r,
                    i: t1.i + x1 * t2.i + x2 * t3.i + x3 * t4.i,
                };
                let cb = Cx {
                    i: y1 * t7.r + y2 * t6.r + y3 * t5.r,
                    r: -(y1 * t7.i + y2 * t6.i + y3 * t5.i),
                };
                pm(ca, cb)
            };
            let parts = [
                (1, 6, step(tw1r, tw2r, tw3r, tw1i, tw2i, tw3i)),
                (2, 5, step(tw2r, tw3r, tw1r, tw2i, -tw3i, -tw1i)),
                (3, 4, step(tw3r, tw1r, tw2r, tw3i, -tw1i, tw2i)),
            ];
            for (u1, u2, (da, db)) in parts {
                if i == 0 {
                    ch[chi(0, k, u1)] = da;
                    ch[chi(0, k, u2)] = db;
                } else {
                    ch[chi(i, k, u1)] = smul(da, wa[wai(u1 - 1, i)], fwd);
                    ch[chi(i, k, u2)] = smul(db, wa[wai(u2 - 1, i)], fwd);
                }
            }
        }
    }
}

fn rotx45(a: Cx, fwd: bool) -> Cx {
    if fwd {
        Cx {
            r: HSQT2 * (a.r + a.i),
            i: HSQT2 * (a.i - a.r),
        }
    } else {
        Cx {
            r: HSQT2 * (a.r - a.i),
            i: HSQT2 * (a.i + a.r),
        }
    }
}

fn rotx135(a: Cx, fwd: bool) -> Cx {
    if fwd {
        Cx {
            r: HSQT2 * (a.i - a.r),
            i: HSQT2 * (-a.r - a.i),
        }
    } else {
        Cx {
            r: HSQT2 * (-a.r - a.i),
            i: HSQT2 * (a.r - a.i),
        }
    }
}

/// `PMINPLACE(a, b)`: a += b; b = old a - b.
fn pminplace(a: &mut Cx, b: &mut Cx) {
    let t = *a;
    *a = a.add(*b);
    *b = t.sub(*b);
}

fn pass8(ido: usize, l1: usize, cc: &[Cx], ch: &mut [Cx], wa: &[Cx], fwd: bool) {
    let cci = |a: usize, b: usize, c: usize| a + ido * (b + 8 * c);
    let chi = |a: usize, b: usize, c: usize| a + ido * (b + l1 * c);
    let wai = |x: usize, i: usize| i - 1 + x * (ido - 1);
    for k in 0..l1 {
        {
            let (mut a1, mut a5) = pm(cc[cci(0, 1, k)], cc[cci(0, 5, k)]);
            let (mut a3, mut a7) = pm(cc[cci(0, 3, k)], cc[cci(0, 7, k)]);
            pminplace(&mut a1, &mut a3);
            a3 = rotx90(a3, fwd);
            a7 = rotx90(a7, fwd);
            pminplace(&mut a5, &mut a7);
            a5 = rotx45(a5, fwd);
            a7 = rotx135(a7, fwd);
            let (a0, a4) = pm(cc[cci(0, 0, k)], cc[cci(0, 4, k)]);
            let (a2, a6) = pm(cc[cci(0, 2, k)], cc[cci(0, 6, k)]);
            (ch[chi(0, k, 0)], ch[chi(0, k, 4)]) = pm(a0.add(a2), a1);
            (ch[chi(0, k, 2)], ch[chi(0, k, 6)]) = pm(a0.sub(a2), a3);
            let a6 = rotx90(a6, fwd);
            (ch[chi(0, k, 1)], ch[chi(0, k, 5)]) = pm(a4.add(a6), a5);
            (ch[chi(0, k, 3)], ch[chi(0, k, 7)]) = pm(a4.sub(a6), a7);
        }
        for i in 1..ido {
            let (mut a1, mut a5) = pm(cc[cci(i, 1, k)], cc[cci(i, 5, k)]);
            let (mut a3, mut a7) = pm(cc[cci(i, 3, k)], cc[cci(i, 7, k)]);
            a7 = rotx90(a7, fwd);
            pminplace(&mut a1, &mut a3);
            a3 = rotx90(a3, fwd);
            pminplace(&mut a5, &mut a7);
            a5 = rotx45(a5, fwd);
            a7 = rotx135(a7, fwd);
            let (mut a0, mut a4) = pm(cc[cci(i, 0, k)], cc[cci(i, 4, k)]);
            let (mut a2, mut a6) = pm(cc[cci(i, 2, k)], cc[cci(i, 6, k)]);
            pminplace(&mut a0, &mut a2);
            ch[chi(i, k, 0)] = a0.add(a1);
            ch[chi(i, k, 4)] = smul(a0.sub(a1), wa[wai(3, i)], fwd);
            ch[chi(i, k, 2)] = smul(a2.add(a3), wa[wai(1, i)], fwd);
            ch[chi(i, k, 6)] = smul(a2.sub(a3), wa[wai(5, i)], fwd);
            a6 = rotx90(a6, fwd);
            pminplace(&mut a4, &mut a6);
            ch[chi(i, k, 1)] = smul(a4.add(a5), wa[wai(0, i)], fwd);
            ch[chi(i, k, 5)] = smul(a4.sub(a5), wa[wai(4, i)], fwd);
            ch[chi(i, k, 3)] = smul(a6.add(a7), wa[wai(2, i)], fwd);
            ch[chi(i, k, 7)] = smul(a6.sub(a7), wa[wai(6, i)], fwd);
        }
    }
}

fn pass11(ido: usize, l1: usize, cc: &[Cx], ch: &mut [Cx], wa: &[Cx], fwd: bool) {
    let s = if fwd { -1.0 } else { 1.0 };
    let tw1r = 0.8412535328311811688618116489193677;
    let tw1i = s * 0.5406408174555975821076359543186917;
    let tw2r = 0.4154150130018864255292741492296232;
    let tw2i = s * 0.9096319953545183714117153830790285;
    let tw3r = -0.1423148382732851404437926686163697;
    let tw3i = s * 0.9898214418809327323760920377767188;
    let tw4r = -0.6548607339452850640569250724662936;
    let tw4i = s * 0.7557495743542582837740358439723444;
    let tw5r = -0.9594929736144973898903680570663277;
    let tw5i = s * 0.2817325568414296977114179153466169;
    let cci = |a: usize, b: usize, c: usize| a + ido * (b + 11 * c);
    let chi = |a: usize, b: usize, c: usize| a + ido * (b + l1 * c);
    let wai = |x: usize, i: usize| i - 1 + x * (ido - 1);
    for k in 0..l1 {
        for i in 0..ido {
            let t1 = cc[cci(i, 0, k)];
            let (t2, t11) = pm(cc[cci(i, 1, k)], cc[cci(i, 10, k)]);
            let (t3, t10) = pm(cc[cci(i, 2, k)], cc[cci(i, 9, k)]);
            let (t4, t9) = pm(cc[cci(i, 3, k)], cc[cci(i, 8, k)]);
            let (t5, t8) = pm(cc[cci(i, 4, k)], cc[cci(i, 7, k)]);
            let (t6, t7) = pm(cc[cci(i, 5, k)], cc[cci(i, 6, k)]);
            ch[chi(i, k, 0)] = Cx {
                r: t1.r + t2.r + t3.r + t4.r + t5.r + t6.r,
                i: t1.i + t2.i + t3.i + t4.i + t5.i + t6.i,
            };
            let step = |x: [Real; 5], y: [Real; 5]| {
                let ca = t1
                    .add(t2.scale(x[0]))
                    .add(t3.scale(x[1]))
                    .add(t4.scale(x[2]))
                    .add(t5.scale(x[3]))
                    .add(t6.scale(x[4]));
                let cb = Cx {
                    i: y[0] * t11.r + y[1] * t10.r + y[2] * t9.r + y[3] * t8.r + y[4] * t7.r,
                    r: -(y[0] * t11.i + y[1] * t10.i + y[2] * t9.i + y[3] * t8.i + y[4] * t7.i),
                };
                pm(ca, cb)
            };
            let parts = [
                (
                    1,
                    10,
                    step([tw1r, tw2r, tw3r, tw4r, tw5r], [tw1i, tw2i, tw3i, tw4i, tw5i]),
                ),
                (
                    2,
                    9,
                    step([tw2r, tw4r, tw5r, tw3r, tw1r], [tw2i, tw4i, -tw5i, -tw3i, -tw1i]),
                ),
                (
                    3,
                    8,
                    step([tw3r, tw5r, tw2r, tw1r, tw4r], [tw3i, -tw5i, -tw2i, tw1i, tw4i]),
                ),
                (
                    4,
                    7,
                    step([tw4r, tw3r, tw1r, tw5r, tw2r], [tw4i, -tw3i, tw1i, tw5i, -tw2i]),
                ),
                (
                    5,
                    6,
                    step([tw5r, tw1r, tw4r, tw2r, tw3r], [tw5i, -tw1i, tw4i, -tw2i, tw3i]),
                ),
            ];
            for (u1, u2, (da, db)) in parts {
                if i == 0 {
                    ch[chi(0, k, u1)] = da;
                    ch[chi(0, k, u2)] = db;
                } else {
                    ch[chi(i, k, u1)] = smul(da, wa[wai(u1 - 1, i)], fwd);
                    ch[chi(i, k, u2)] = smul(db, wa[wai(u2 - 1, i)], fwd);
                }
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn passg(
    ido: usize,
    ip: usize,
    l1: usize,
    cc: &mut [Cx],
    ch: &mut [Cx],
    wa: &[Cx],
    csarr: &[Cx],
    fwd: bool,
) {
    let cdim = ip;
    let ipph = ip.div_ceil(2);
    let idl1 = ido * l1;
    let chi = |a: usize, b: usize, c: usize| a + ido * (b + l1 * c);
    let cci = |a: usize, b: usize, c: usize| a + ido * (b + cdim * c);
    let cxi = |a: usize, b: usize, c: usize| a + ido * (b + l1 * c);
    let x2 = |a: usize, b: usize| a + idl1 * b;

    let mut wal = vec![Cx::ZERO; ip];
    wal[0] = Cx { r: 1.0, i: 0.0 };
    for i in 1..ip {
        wal[i] = Cx {
            r: csarr[i].r,
            i: if fwd { -csarr[i].i } else { csarr[i].i },
        };
    }
    for k in 0..l1 {
        for i in 0..ido {
            ch[chi(i, k, 0)] = cc[cci(i, 0, k)];
        }
    }
    let mut j = 1;
    let mut jc = ip - 1;
    while j < ipph {
        for k in 0..l1 {
            for i in 0..ido {
                (ch[chi(i, k, j)], ch[chi(i, k, jc)]) = pm(cc[cci(i, j, k)], cc[cci(i, jc, k)]);
            }
        }
        j += 1;
        jc -= 1;
    }
    for k in 0..l1 {
        for i in 0..ido {
            let mut tmp = ch[chi(i, k, 0)];
            for j in 1..ipph {
                tmp = tmp.add(ch[chi(i, k, j)]);
            }
            cc[cxi(i, k, 0)] = tmp;
        }
    }
    let mut l = 1;
    let mut lc = ip - 1;
    while l < ipph {
        for ik in 0..idl1 {
            let c0 = ch[x2(ik, 0)];
            let c1 = ch[x2(ik, 1)];
            let c2 = ch[x2(ik, 2)];
            let cl = ch[x2(ik, ip - 1)];
            let cl2 = ch[x2(ik, ip - 2)];
            cc[x2(ik, l)] = Cx {
                r: c0.r + wal[l].r * c1.r + wal[2 * l].r * c2.r,
                i: c0.i + wal[l].r * c1.i + wal[2 * l].r * c2.i,
            };
            cc[x2(ik, lc)] = Cx {
                r: -wal[l].i * cl.i - wal[2 * l].i * cl2.i,
                i: wal[l].i * cl.r + wal[2 * l].i * cl2.r,
            };
        }
        let mut iwal = 2 * l;
        let mut j = 3;
        let mut jc = ip - 3;
        while j + 1 < ipph {
            iwal += l;
            if iwal > ip {
                iwal -= ip;
            }
            let xwal = wal[iwal];
            iwal += l;
            if iwal > ip {
                iwal -= ip;
            }
            let xwal2 = wal[iwal];
            for ik in 0..idl1 {
                let (hj, hj1, hjc, hjc1) = (
                    ch[x2(ik, j)],
                    ch[x2(ik, j + 1)],
                    ch[x2(ik, jc)],
                    ch[x2(ik, jc - 1)],
                );
                let a = &mut cc[x2(ik, l)];
                a.r += hj.r * xwal.r + hj1.r * xwal2.r;
                a.i += hj.i * xwal.r + hj1.i * xwal2.r;
                let b = &mut cc[x2(ik, lc)];
                b.r -= hjc.i * xwal.i + hjc1.i * xwal2.i;
                b.i += hjc.r * xwal.i + hjc1.r * xwal2.i;
            }
            j += 2;
            jc -= 2;
        }
        while j < ipph {
            iwal += l;
            if iwal > ip {
                iwal -= ip;
            }
            let xwal = wal[iwal];
            for ik in 0..idl1 {
                let (hj, hjc) = (ch[x2(ik, j)], ch[x2(ik, jc)]);
                let a = &mut cc[x2(ik, l)];
                a.r += hj.r * xwal.r;
                a.i += hj.i * xwal.r;
                let b = &mut cc[x2(ik, lc)];
                b.r -= hjc.i * xwal.i;
                b.i += hjc.r * xwal.i;
            }
            j += 1;
            jc -= 1;
        }
        l += 1;
        lc -= 1;
    }
    // shuffling and twiddling
    if ido == 1 {
        let mut j = 1;
        let mut jc = ip - 1;
        while j < ipph {
            for ik in 0..idl1 {
                let (t1, t2) = (cc[x2(ik, j)], cc[x2(ik, jc)]);
                (cc[x2(ik, j)], cc[x2(ik, jc)]) = pm(t1, t2);
            }
            j += 1;
            jc -= 1;
        }
    } else {
        let mut j = 1;
        let mut jc = ip - 1;
        while j < ipph {
            for k in 0..l1 {
                let (t1, t2) = (cc[cxi(0, k, j)], cc[cxi(0, k, jc)]);
                (cc[cxi(0, k, j)], cc[cxi(0, k, jc)]) = pm(t1, t2);
                for i in 1..ido {
                    let (x1, x2v) = pm(cc[cxi(i, k, j)], cc[cxi(i, k, jc)]);
                    let idij = (j - 1) * (ido - 1) + i - 1;
                    cc[cxi(i, k, j)] = smul(x1, wa[idij], fwd);
                    let idij = (jc - 1) * (ido - 1) + i - 1;
                    cc[cxi(i, k, jc)] = smul(x2v, wa[idij], fwd);
                }
            }
            j += 1;
            jc -= 1;
        }
    }
}
