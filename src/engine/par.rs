//! When and how kernels split work: element loops run in chunks of
//! `CHUNK` elements (a place for an interrupt check between chunks), and on
//! both cores only when the array is large enough to repay starting them.
//! Every parallel kernel writes disjoint output ranges whose contents do not
//! depend on the split, so results are bit-identical to a serial run.

use rayon::prelude::*;

/// Elements per chunk of a long loop.
pub const CHUNK: usize = 1 << 16;

/// Below this many elements a kernel stays on one thread.
pub const PARALLEL_MIN: usize = 1 << 20;

/// Should a loop over `n` elements use the thread pool?
pub fn worth_parallel(n: usize) -> bool {
    n >= PARALLEL_MIN && rayon::current_num_threads() > 1
}

/// How many rows of `row_len` elements make one chunk (at least one).
pub fn rows_per_chunk(row_len: usize) -> usize {
    (CHUNK / row_len.max(1)).max(1)
}

/// Process `out`, a run of rows of `row_len` elements, in chunks of whole
/// rows: `f(first_row, rows)`. In parallel when `out` is large.
pub fn for_each_rows<T: Send>(
    out: &mut [T],
    row_len: usize,
    f: impl Fn(usize, &mut [T]) + Sync + Send,
) {
    let _ = try_for_each_rows(out, row_len, |r, o| {
        f(r, o);
        Ok::<(), ()>(())
    });
}

/// Like `for_each_rows`, but `f` may fail; a failure stops the work and is
/// returned (which one, when several chunks fail, is unspecified).
pub fn try_for_each_rows<T: Send, E: Send>(
    out: &mut [T],
    row_len: usize,
    f: impl Fn(usize, &mut [T]) -> Result<(), E> + Sync + Send,
) -> Result<(), E> {
    let rows = rows_per_chunk(row_len);
    let len = rows * row_len.max(1);
    if worth_parallel(out.len()) {
        // `poll` unwinds out of a worker; rayon carries the payload back to
        // the caller, where `Session::run` reports `KeyboardInterrupt`.
        out.par_chunks_mut(len).enumerate().try_for_each(|(c, o)| {
            super::interrupt::poll();
            f(c * rows, o)
        })
    } else {
        for (c, o) in out.chunks_mut(len).enumerate() {
            super::interrupt::poll();
            f(c * rows, o)?;
        }
        Ok(())
    }
}

/// `f(chunk_start, chunk_end)` for each chunk of `0..n`, results in order;
/// in parallel when `n` is large.
pub fn map_chunks<R: Send>(n: usize, f: impl Fn(usize, usize) -> R + Sync + Send) -> Vec<R> {
    let chunks = n.div_ceil(CHUNK);
    let run = |c: usize| {
        super::interrupt::poll();
        f(c * CHUNK, ((c + 1) * CHUNK).min(n))
    };
    if worth_parallel(n) {
        (0..chunks).into_par_iter().map(run).collect()
    } else {
        (0..chunks).map(run).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_cover_every_element_once() {
        for row_len in [1, 3, CHUNK + 1] {
            let mut out = vec![0u32; (3 * rows_per_chunk(row_len) + 7) * row_len];
            for_each_rows(&mut out, row_len, |r0, o| {
                for (k, x) in o.iter_mut().enumerate() {
                    *x += (r0 * row_len + k) as u32;
                }
            });
            assert!(out.iter().enumerate().all(|(k, &x)| x == k as u32));
        }
        let sums = map_chunks(2 * CHUNK + 1, |a, b| b - a);
        assert_eq!(sums, vec![CHUNK, CHUNK, 1]);
    }
}
