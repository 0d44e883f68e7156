//! Property tests of the engine against a naive model of NumPy's basic
//! indexing: a view made from random slices and ints reads exactly the
//! elements a plain loop over Python's slice rules selects, and a write
//! through it lands on exactly those cells of the base.

use proptest::prelude::*;
use slicelab::engine::index::{self, IndexItem, Indexed};
use slicelab::engine::{DType, NdArray, Scalar};

/// Python's `range(n)[start:stop:step]`, written out naively.
fn naive_slice(n: usize, start: Option<i64>, stop: Option<i64>, step: i64) -> Vec<usize> {
    let n = n as i64;
    let norm = |v: i64| if v < 0 { v + n } else { v };
    let mut out = vec![];
    if step > 0 {
        let lo = start.map(norm).unwrap_or(0).max(0);
        let hi = stop.map(norm).unwrap_or(n).min(n);
        let mut i = lo;
        while i < hi {
            out.push(i as usize);
            i += step;
        }
    } else {
        let hi = start.map(norm).unwrap_or(n - 1).min(n - 1);
        let lo = stop.map(norm).unwrap_or(-1).max(-1);
        let mut i = hi;
        while i > lo {
            out.push(i as usize);
            i += step;
        }
    }
    out
}

#[derive(Debug, Clone)]
enum Pick {
    Int(i64),
    Slice(Option<i64>, Option<i64>, i64),
}

fn pick(n: usize) -> impl Strategy<Value = Pick> {
    let n = n as i64;
    prop_oneof![
        (-n..n).prop_map(Pick::Int),
        (
            proptest::option::of(-2 * n..2 * n),
            proptest::option::of(-2 * n..2 * n),
            prop_oneof![1i64..4, -4i64..-1]
        )
            .prop_map(|(a, b, c)| Pick::Slice(a, b, c)),
    ]
}

fn case() -> impl Strategy<Value = (Vec<usize>, Vec<Pick>)> {
    proptest::collection::vec(1usize..6, 1..4).prop_flat_map(|shape| {
        let picks: Vec<_> = shape.iter().map(|&n| pick(n)).collect();
        (Just(shape), picks)
    })
}

proptest! {
    #[test]
    fn basic_view_reads_the_stride_walk_and_writes_land_in_the_base((shape, picks) in case()) {
        let size: usize = shape.iter().product();
        let values: Vec<Scalar> = (0..size as i64).map(Scalar::Int).collect();
        let base = NdArray::from_scalars(&shape, DType::Int64, &values).unwrap();
        let items: Vec<IndexItem> = picks.iter().map(|p| match p {
            Pick::Int(i) => IndexItem::Int(*i),
            Pick::Slice(a, b, c) => IndexItem::Slice(*a, *b, Some(*c)),
        }).collect();

        // The model: per axis, the selected positions; ints drop the axis.
        let per_axis: Vec<Vec<usize>> = picks.iter().zip(&shape).map(|(p, &n)| match p {
            Pick::Int(i) => vec![if *i < 0 { (*i + n as i64) as usize } else { *i as usize }],
            Pick::Slice(a, b, c) => naive_slice(n, *a, *b, *c),
        }).collect();
        let mut expected_flat = vec![];
        let strides: Vec<usize> = (0..shape.len()).map(|k| shape[k + 1..].iter().product()).collect();
        let mut idx = vec![0usize; shape.len()];
        let total: usize = per_axis.iter().map(|v| v.len()).product();
        for _ in 0..total {
            expected_flat.push(idx.iter().enumerate().map(|(k, &j)| per_axis[k][j] * strides[k]).sum::<usize>());
            for k in (0..shape.len()).rev() {
                idx[k] += 1;
                if idx[k] < per_axis[k].len() { break; }
                idx[k] = 0;
            }
        }

        let got = index::get(&base, &items).unwrap();
        let view = match got {
            Indexed::Scalar(s) => {
                prop_assert_eq!(expected_flat.len(), 1);
                prop_assert_eq!(s, Scalar::Int(expected_flat[0] as i64));
                return Ok(());
            }
            Indexed::Array(v) => v,
        };
        prop_assert!(view.same_buffer(&base), "basic indexing must not copy");
        let read: Vec<Scalar> = view.to_scalars();
        let want: Vec<Scalar> = expected_flat.iter().map(|&f| Scalar::Int(f as i64)).collect();
        prop_assert_eq!(read, want);

        // Write -1 through the view: exactly the modelled cells change.
        let minus = NdArray::from_scalars(&[], DType::Int64, &[Scalar::Int(-1)]).unwrap();
        index::set(&view, &[IndexItem::Ellipsis], &minus).unwrap();
        let after = base.to_scalars();
        for (k, v) in after.iter().enumerate() {
            let hit = expected_flat.contains(&k);
            prop_assert_eq!(v.clone(), if hit { Scalar::Int(-1) } else { Scalar::Int(k as i64) });
        }
    }
}
