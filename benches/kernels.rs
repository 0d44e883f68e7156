//! Kernel benchmarks: gather, mask filter, masked assignment, strided and
//! transposed copies, the repr of a large array, and issue 20's typed
//! kernels (three-argument where, float math, unique of integers, var). `cargo bench --bench
//! kernels`; whole-session timings against NumPy are in `bench/run.py`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use slicelab::engine::index::{self, IndexItem};
use slicelab::engine::{ArrayRef, DType, NdArray, Order};
use slicelab::eval::Session;

const N: usize = 4_000_000;

/// `np.arange(n)` as int64, built directly in the buffer.
fn arange(n: usize) -> ArrayRef {
    let a = NdArray::zeros(&[n], DType::Int64).expect("allocates");
    {
        let mut b = a.buffer().bytes_mut();
        let xs: &mut [i64] = bytemuck::cast_slice_mut(&mut b[..n * 8]);
        for (i, x) in xs.iter_mut().enumerate() {
            *x = i as i64;
        }
    }
    a
}

/// A bool array with `keep(i)` at position i.
fn mask(n: usize, keep: impl Fn(usize) -> bool) -> ArrayRef {
    let m = NdArray::zeros(&[n], DType::Bool).expect("allocates");
    {
        let mut b = m.buffer().bytes_mut();
        for (i, x) in b[..n].iter_mut().enumerate() {
            *x = keep(i) as u8;
        }
    }
    m
}

fn gather(c: &mut Criterion) {
    let a = arange(2 * N);
    let idx = arange(N);
    {
        let mut b = idx.buffer().bytes_mut();
        let xs: &mut [i64] = bytemuck::cast_slice_mut(&mut b[..N * 8]);
        for (i, x) in xs.iter_mut().enumerate() {
            *x = (i as i64 * 7919) % (2 * N as i64);
        }
    }
    let items = [IndexItem::IntArray(idx)];
    c.bench_function("gather a[idx] 4M int64", |b| {
        b.iter(|| black_box(index::get(&a, &items).expect("in bounds")))
    });
}

fn masks(c: &mut Criterion) {
    let x = arange(N);
    let items = [IndexItem::BoolArray(mask(N, |i| i % 1000 > 500))];
    c.bench_function("mask filter x[m] 4M int64", |b| {
        b.iter(|| black_box(index::get(&x, &items).expect("mask fits")))
    });
    let zero = NdArray::zeros(&[], DType::Int64).expect("allocates");
    c.bench_function("masked assign x[m] = 0 4M int64", |b| {
        b.iter(|| index::set(&x, &items, &zero).expect("mask fits"))
    });
    let random = [IndexItem::BoolArray(mask(N, |i| (i * 2654435761) % 7 < 3))];
    c.bench_function("mask filter x[m] 4M int64, scattered mask", |b| {
        b.iter(|| black_box(index::get(&x, &random).expect("mask fits")))
    });
}

fn strided_copies(c: &mut Criterion) {
    let side = 2000;
    let flat = arange(side * side);
    let layout = slicelab::engine::Layout::c_order(&[side, side], 8);
    let m = NdArray::view_with(&flat, layout.clone());
    let t = NdArray::view_with(&flat, layout.permuted(&[1, 0]));
    c.bench_function("copy m.T 2000x2000 int64", |b| {
        b.iter(|| black_box(t.copy(Order::C).expect("allocates")))
    });
    let every_other = [
        IndexItem::Slice(None, None, Some(2)),
        IndexItem::Slice(None, None, Some(2)),
    ];
    let Ok(index::Indexed::Array(sub)) = index::get(&m, &every_other) else {
        panic!("a view");
    };
    c.bench_function("copy m[::2, ::2] 2000x2000 int64", |b| {
        b.iter(|| black_box(sub.copy(Order::C).expect("allocates")))
    });
}

fn repr(c: &mut Criterion) {
    let mut s = Session::new();
    s.run("a = np.arange(10_000_000, dtype=np.float64).reshape(1000, 10000) / 7");
    c.bench_function("repr of a 1000x10000 float64 array", |b| {
        b.iter(|| black_box(s.run("a").output))
    });
}

/// `np.arange(n) / 7.0` as float64.
fn floats(n: usize) -> ArrayRef {
    let a = NdArray::zeros(&[n], DType::Float64).expect("allocates");
    {
        let mut b = a.buffer().bytes_mut();
        let xs: &mut [f64] = bytemuck::cast_slice_mut(&mut b[..n * 8]);
        for (i, x) in xs.iter_mut().enumerate() {
            *x = i as f64 / 7.0;
        }
    }
    a
}

fn typed_kernels(c: &mut Criterion) {
    use slicelab::engine::kernels;
    use slicelab::engine::reduce::{Reduction, reduce};
    let x = floats(N);
    let y = floats(N);
    let m = mask(N, |i| i % 3 == 0);
    c.bench_function("np.where(m, x, y) 4M float64", |b| {
        b.iter(|| black_box(kernels::select(&m, &x, &y, &[N]).expect("fits")))
    });
    c.bench_function("np.sqrt(x) 4M float64", |b| {
        b.iter(|| black_box(kernels::map_f64(&x, f64::sqrt).expect("allocates")))
    });
    c.bench_function("np.exp(x) 4M float64", |b| {
        b.iter(|| black_box(kernels::map_f64(&x, f64::exp).expect("allocates")))
    });
    c.bench_function("x.var() 4M float64", |b| {
        b.iter(|| black_box(reduce(&x, Reduction::Var(0.0), None, false).expect("reduces")))
    });
    let ints = arange(N);
    {
        let mut b = ints.buffer().bytes_mut();
        let xs: &mut [i64] = bytemuck::cast_slice_mut(&mut b[..N * 8]);
        for (i, x) in xs.iter_mut().enumerate() {
            *x = (i as i64 * 7919) % 100_003;
        }
    }
    c.bench_function("np.unique(ints, return_counts=True) 4M int64", |b| {
        b.iter(|| {
            black_box(
                slicelab::engine::distinct::sorted_distinct(&ints, true, true).expect("sorts"),
            )
        })
    });
}

criterion_group! {
    name = kernels;
    config = Criterion::default().sample_size(10);
    targets = gather, masks, strided_copies, repr, typed_kernels
}
criterion_main!(kernels);
