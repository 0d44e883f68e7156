//! Code points a `U` element can hold that slicelab's text cannot. NumPy
//! stores UCS-4 words as they are, so bytes reinterpreted as text
//! (`byteswap()` of a `U` array, `view('U1')` of integers) may hold words
//! past U+10FFFF or surrogates; Python then makes a `str` of them
//! (`'\U61000000\U62000000'`) or fails (`SystemError` for a single such
//! character). A Rust `String` holds neither, and reading one would
//! silently print U+FFFD instead, so the operations that make such text
//! ask here first and are refused honestly.

use super::array::NdArray;
use super::dtype::{DType, Endian};

/// The first UCS-4 word of `a`'s text (plain `U` elements or `U` fields of
/// records, sub-arrays included) that is not a Unicode scalar value.
pub fn bad_code_point(a: &NdArray) -> Option<u32> {
    let slots = text_slots(a.dtype(), 0);
    if slots.is_empty() || a.size() == 0 {
        return None;
    }
    let bytes = a.buffer().bytes();
    let l = a.layout();
    let mut found = None;
    super::iter::for_each_offset(&l.shape, &l.strides, l.offset as isize, |o| {
        if found.is_some() {
            return;
        }
        for &(at, words, swapped) in &slots {
            for k in 0..words {
                let p = o as usize + at + 4 * k;
                let mut w = [0u8; 4];
                w.copy_from_slice(&bytes[p..p + 4]);
                let c = if swapped {
                    u32::from_be_bytes(w)
                } else {
                    u32::from_le_bytes(w)
                };
                if char::from_u32(c).is_none() {
                    found = Some(c);
                    return;
                }
            }
        }
    });
    found
}

/// True when an element of `dt` holds `U` text anywhere.
pub fn has_text(dt: &DType) -> bool {
    !text_slots(dt, 0).is_empty()
}

/// Where `U` text sits inside one element of `dt`: (byte offset, UCS-4
/// words, bytes swapped).
fn text_slots(dt: &DType, base: usize) -> Vec<(usize, usize, bool)> {
    match dt {
        DType::Str(n) => vec![(base, *n, false)],
        DType::Ordered(inner, order) => match **inner {
            DType::Str(n) => vec![(base, n, *order == Endian::Big)],
            _ => vec![],
        },
        DType::Record(r) => {
            let mut out = vec![];
            for f in r.fields().iter() {
                let count: usize = f.shape.iter().product();
                let size = f.dtype.itemsize();
                for i in 0..count {
                    out.extend(text_slots(&f.dtype, base + f.offset + i * size));
                }
            }
            out
        }
        _ => vec![],
    }
}
