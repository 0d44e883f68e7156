//! The order `np.unique(..., sorted=False)` and `np.unique_values` give
//! for integer, complex and string arrays: NumPy 2.4 inserts the elements
//! into a C++ `std::unordered_set` keyed by an FNV-1a hash
//! (`numpy/_core/src/multiarray/unique.cpp`) and copies the set out in
//! iteration order. That order is libstdc++'s: one singly linked list of
//! nodes, each bucket pointing at the node before its first; a node
//! joins the front of its bucket, or the front of the list when its
//! bucket is empty; the bucket count follows `_Prime_rehash_policy`
//! (load factor 1, growth by 2 to the next prime of its table) and a
//! rehash relinks the nodes in list order. This file replays that.

/// FNV-1a, 64 bits (`npy_fnv1a` on a 64-bit platform).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// libstdc++'s `__prime_list` from its seventh entry on (what
/// `_M_next_bkt` searches for counts of 14 and more), up to 2^33.
const PRIMES: &[u64] = &[
    17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 103, 109, 113, 127,
    137, 139, 149, 157, 167, 179, 193, 199, 211, 227, 241, 257, 277, 293, 313, 337, 359, 383, 409,
    439, 467, 503, 541, 577, 619, 661, 709, 761, 823, 887, 953, 1031, 1109, 1193, 1289, 1381, 1493,
    1613, 1741, 1879, 2029, 2179, 2357, 2549, 2753, 2971, 3209, 3469, 3739, 4027, 4349, 4703, 5087,
    5503, 5953, 6427, 6949, 7517, 8123, 8783, 9497, 10273, 11113, 12011, 12983, 14033, 15173,
    16411, 17749, 19183, 20753, 22447, 24281, 26267, 28411, 30727, 33223, 35933, 38873, 42043,
    45481, 49201, 53201, 57557, 62233, 67307, 72817, 78779, 85229, 92203, 99733, 107897, 116731,
    126271, 136607, 147793, 159871, 172933, 187091, 202409, 218971, 236897, 256279, 277261, 299951,
    324503, 351061, 379787, 410857, 444487, 480881, 520241, 562841, 608903, 658753, 712697, 771049,
    834181, 902483, 976369, 1056323, 1142821, 1236397, 1337629, 1447153, 1565659, 1693859, 1832561,
    1982627, 2144977, 2320627, 2510653, 2716249, 2938679, 3179303, 3439651, 3721303, 4026031,
    4355707, 4712381, 5098259, 5515729, 5967347, 6456007, 6984629, 7556579, 8175383, 8844859,
    9569143, 10352717, 11200489, 12117689, 13109983, 14183539, 15345007, 16601593, 17961079,
    19431899, 21023161, 22744717, 24607243, 26622317, 28802401, 31160981, 33712729, 36473443,
    39460231, 42691603, 46187573, 49969847, 54061849, 58488943, 63278561, 68460391, 74066549,
    80131819, 86693767, 93793069, 101473717, 109783337, 118773397, 128499677, 139022417, 150406843,
    162723577, 176048909, 190465427, 206062531, 222936881, 241193053, 260944219, 282312799,
    305431229, 330442829, 357502601, 386778277, 418451333, 452718089, 489790921, 529899637,
    573292817, 620239453, 671030513, 725980837, 785430967, 849749479, 919334987, 994618837,
    1076067617, 1164186217, 1259520799, 1362662261, 1474249943, 1594975441, 1725587117, 1866894511,
    2019773507, 2185171673, 2364114217, 2557710269, 2767159799, 2993761039, 3238918481, 3504151727,
    3791104843, 4101556399, 4294967291, 6442450933, 8589934583,
];

/// `_Prime_rehash_policy` with `max_load_factor` 1: the bucket count for
/// a hint and the element count that triggers the next growth.
struct Policy {
    next_resize: u64,
}

impl Policy {
    /// `_M_next_bkt(n)`; `None` past the table (2^33 buckets).
    fn next_bkt(&mut self, n: u64) -> Option<u64> {
        const FAST: [u64; 14] = [2, 2, 2, 3, 5, 5, 7, 7, 11, 11, 11, 11, 13, 13];
        if n < 14 {
            if n == 0 {
                // The first insertion then allocates (next_resize stays 0).
                return Some(1);
            }
            self.next_resize = FAST[n as usize];
            return Some(FAST[n as usize]);
        }
        let k = PRIMES.partition_point(|&p| p < n);
        let p = *PRIMES.get(k)?;
        self.next_resize = p;
        Some(p)
    }

    /// `_M_need_rehash(n_bkt, n_elt, 1)`: the new bucket count, if any.
    fn need_rehash(&mut self, n_bkt: u64, n_elt: u64) -> Option<Option<u64>> {
        if n_elt < self.next_resize {
            return Some(None);
        }
        let floor = if self.next_resize == 0 { 11 } else { 0 };
        let min_bkts = (n_elt + 1).max(floor);
        if min_bkts >= n_bkt {
            return self.next_bkt((min_bkts + 1).max(n_bkt * 2)).map(Some);
        }
        self.next_resize = n_bkt;
        Some(None)
    }
}

/// Where a bucket's "node before the first" is.
#[derive(Clone, Copy, PartialEq)]
enum Before {
    Empty,
    ListHead,
    Node(usize),
}

/// The positions (into `hashes`) of the distinct elements, in the set's
/// iteration order: element `i` has hash `hashes[i]` and `same(i, j)`
/// says whether two elements are equal. The first of equal elements is
/// the one kept. `None` when the table would outgrow its prime list.
pub fn set_order(hashes: &[u64], same: impl Fn(usize, usize) -> bool) -> Option<Vec<usize>> {
    let mut policy = Policy { next_resize: 0 };
    let hint = (hashes.len() as u64).min(1024);
    let mut n_bkt = policy.next_bkt(hint)?.max(1);
    let mut buckets = vec![Before::Empty; n_bkt as usize];
    // Nodes: the element each holds and the next node in the list.
    let mut elem: Vec<usize> = vec![];
    let mut next: Vec<Option<usize>> = vec![];
    let mut head: Option<usize> = None;
    let first_in = |b: Before, head: Option<usize>, next: &[Option<usize>]| match b {
        Before::Empty => None,
        Before::ListHead => head,
        Before::Node(n) => next[n],
    };
    for (i, &h) in hashes.iter().enumerate() {
        // Look for an equal element in its bucket.
        let bkt = (h % n_bkt) as usize;
        let mut p = first_in(buckets[bkt], head, &next);
        let mut found = false;
        while let Some(node) = p {
            let e = elem[node];
            if hashes[e] % n_bkt != bkt as u64 {
                break;
            }
            if hashes[e] == h && same(e, i) {
                found = true;
                break;
            }
            p = next[node];
        }
        if found {
            continue;
        }
        if let Some(new_bkt) = policy.need_rehash(n_bkt, elem.len() as u64)? {
            // `_M_rehash_aux`: walk the old list, relinking into new buckets.
            n_bkt = new_bkt;
            buckets = vec![Before::Empty; n_bkt as usize];
            let mut p = head;
            head = None;
            let mut bbegin_bkt = 0usize;
            while let Some(node) = p {
                let after = next[node];
                let b = (hashes[elem[node]] % n_bkt) as usize;
                match buckets[b] {
                    Before::Empty => {
                        next[node] = head;
                        head = Some(node);
                        buckets[b] = Before::ListHead;
                        if next[node].is_some() {
                            buckets[bbegin_bkt] = Before::Node(node);
                        }
                        bbegin_bkt = b;
                    }
                    before => {
                        let prev_next = match before {
                            Before::Node(n) => next[n],
                            _ => head,
                        };
                        next[node] = prev_next;
                        match before {
                            Before::Node(n) => next[n] = Some(node),
                            _ => head = Some(node),
                        }
                    }
                }
                p = after;
            }
        }
        let bkt = (h % n_bkt) as usize;
        let node = elem.len();
        elem.push(i);
        next.push(None);
        // `_M_insert_bucket_begin`.
        match buckets[bkt] {
            Before::Empty => {
                next[node] = head;
                head = Some(node);
                if let Some(old_first) = next[node] {
                    let b = (hashes[elem[old_first]] % n_bkt) as usize;
                    buckets[b] = Before::Node(node);
                }
                buckets[bkt] = Before::ListHead;
            }
            Before::ListHead => {
                next[node] = head;
                head = Some(node);
            }
            Before::Node(n) => {
                next[node] = next[n];
                next[n] = Some(node);
            }
        }
    }
    let mut out = Vec::with_capacity(elem.len());
    let mut p = head;
    while let Some(node) = p {
        out.push(elem[node]);
        p = next[node];
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `np.unique_values(np.array([5, 3, 1, 3, 5, 100, -2, 7]))` is
    /// `[7, -2, 1, 100, 3, 5]` in NumPy 2.4.6.
    #[test]
    fn int64_order_matches_numpy() {
        let vals: [i64; 8] = [5, 3, 1, 3, 5, 100, -2, 7];
        let hashes: Vec<u64> = vals.iter().map(|v| fnv1a(&v.to_le_bytes())).collect();
        let order = set_order(&hashes, |i, j| vals[i] == vals[j]).unwrap();
        let got: Vec<i64> = order.iter().map(|&k| vals[k]).collect();
        assert_eq!(got, [7, -2, 1, 100, 3, 5]);
    }
}
