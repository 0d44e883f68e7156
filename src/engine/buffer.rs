//! Byte storage shared by an owning array and all of its views.
//!
//! Small storage is a `Vec<u64>` and large storage an anonymous memory map,
//! so every buffer starts at least 8-byte aligned: typed kernels can then
//! view a contiguous run as `&[T]` through bytemuck without copying.
//! Allocation is fallible: a learner's `np.zeros(10**13)` becomes a
//! `MemoryError`, never an abort.

use std::cell::{Cell, Ref, RefCell, RefMut};
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use super::error::EngineError;

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// A block of bytes with an identity. Views hold an `Rc<Buffer>` and a
/// layout over it; two arrays share memory only if they share a buffer.
#[derive(Debug)]
pub struct Buffer {
    id: u64,
    /// A `Cell` only for `ndarray.resize`, which reallocates in place.
    nbytes: Cell<usize>,
    storage: RefCell<Storage>,
}

/// Where the bytes live.
#[derive(Debug)]
enum Storage {
    /// Heap words (zeroed on allocation; cheap at this size).
    Small(Vec<u64>),
    /// Fresh zero pages from the kernel, in transparent huge pages where
    /// the system allows, as NumPy asks for its large arrays: no zeroing
    /// pass, pages cost only when first written, and 2 MiB pages make far
    /// fewer page faults and TLB misses.
    Large(memmap2::MmapMut),
}

/// From this size on, a buffer is a memory map.
const LARGE_BYTES: usize = 1 << 21;

/// Refuse single allocations above this share of the memory the machine
/// has available now (free plus reclaimable cache), so that a typo cannot
/// push the machine into swap or the OOM killer, whatever else runs.
const MAX_SHARE_OF_AVAILABLE: f64 = 0.8;

/// From this size on, an allocation asks the system what is available now
/// (a few microseconds); smaller ones are measured against physical memory.
const ASK_SYSTEM_FROM: usize = 64 << 20;

/// A cap below the share of RAM, set by tests that must not touch much
/// memory (the fuzz test); `usize::MAX` means none.
static ALLOCATION_LIMIT: AtomicUsize = AtomicUsize::new(usize::MAX);

/// The environment variable that caps every single allocation (bytes, or
/// with a `K`, `M` or `G` suffix), for tests and small machines.
pub const LIMIT_VARIABLE: &str = "SLICELAB_MAX_ALLOCATION";

/// Refuse (with `MemoryError`) any single buffer above `bytes`.
pub fn set_allocation_limit(bytes: usize) {
    ALLOCATION_LIMIT.store(bytes, Ordering::Relaxed);
}

/// Whether a buffer of `nbytes` may be allocated at all: under the
/// [`set_allocation_limit`] cap, the [`LIMIT_VARIABLE`] cap, the share of
/// memory available, and the address space `ulimit -v` leaves.
pub fn may_allocate(nbytes: usize) -> bool {
    if nbytes > ALLOCATION_LIMIT.load(Ordering::Relaxed) || nbytes > isize::MAX as usize {
        return false;
    }
    if environment_limit().is_some_and(|cap| nbytes as u64 > cap) {
        return false;
    }
    if let Some(ram) = physical_memory_bytes()
        && nbytes as f64 > ram as f64 * MAX_SHARE_OF_AVAILABLE
    {
        return false;
    }
    if nbytes < ASK_SYSTEM_FROM {
        return true;
    }
    let available = meminfo_field("MemAvailable:");
    let fits_memory = available.is_none_or(|a| nbytes as f64 <= a as f64 * MAX_SHARE_OF_AVAILABLE);
    fits_memory && address_space_left().is_none_or(|left| nbytes as u64 <= left)
}

/// [`LIMIT_VARIABLE`], read once.
fn environment_limit() -> Option<u64> {
    static LIMIT: std::sync::OnceLock<Option<u64>> = std::sync::OnceLock::new();
    *LIMIT.get_or_init(|| parse_size(&std::env::var(LIMIT_VARIABLE).ok()?))
}

/// `1000`, `64K`, `512M`, `6G` as bytes.
fn parse_size(text: &str) -> Option<u64> {
    let t = text.trim();
    let (digits, shift) = match t.chars().last()?.to_ascii_uppercase() {
        'K' => (&t[..t.len() - 1], 10),
        'M' => (&t[..t.len() - 1], 20),
        'G' => (&t[..t.len() - 1], 30),
        _ => (t, 0),
    };
    digits.trim().parse::<u64>().ok()?.checked_mul(1 << shift)
}

/// What `ulimit -v` (RLIMIT_AS) leaves of the address space now: the
/// limit less the process's mapped size (`None` when unlimited). Rust
/// aborts when a `Vec` cannot get its memory, so this is asked first.
fn address_space_left() -> Option<u64> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let soft: u64 = limits
        .lines()
        .find_map(|l| l.strip_prefix("Max address space"))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let used_kib: u64 = status
        .lines()
        .find(|l| l.starts_with("VmSize:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(soft.saturating_sub(used_kib * 1024))
}

/// Check, before building per-element temporaries (`temp_each` bytes per
/// element) for an array of `shape` and `dtype`, that they can exist:
/// NumPy's `ValueError` when the size overflows, its `MemoryError` for the
/// array when memory cannot hold them. Rust would abort on the allocation
/// itself, so code that collects a `Vec` sized by a learner's number asks
/// here first.
pub fn ensure_room(
    shape: &[usize],
    itemsize: usize,
    dtype_name: &str,
    temp_each: usize,
) -> Result<(), EngineError> {
    let size = shape
        .iter()
        .try_fold(1usize, |a, &d| a.checked_mul(d))
        .filter(|&n| {
            n.checked_mul(itemsize.max(1))
                .is_some_and(|b| b <= isize::MAX as usize)
        })
        .ok_or(EngineError::ArrayTooBig)?;
    let temp = size.saturating_mul(temp_each.max(itemsize));
    if may_allocate(temp) {
        Ok(())
    } else {
        Err(EngineError::OutOfMemory {
            nbytes: (size as u128) * itemsize as u128,
            shape: shape.to_vec(),
            dtype: dtype_name.to_string(),
        })
    }
}

/// An error raised where no `Result` can carry it (a `Vec` filled inside
/// an infallible loop): `Session::run` catches the unwind and reports the
/// error like any other. `resume_unwind` runs no panic hook.
#[derive(Debug)]
pub struct Unwound(pub EngineError);

/// A `Vec` with room for one `T` per element of `shape`, or an unwind with
/// NumPy's `MemoryError` for an array of `shape` and `dtype_name` (Rust
/// would abort on the allocation).
pub fn vec_for<T>(shape: &[usize], itemsize: usize, dtype_name: &str) -> Vec<T> {
    if let Err(e) = ensure_room(shape, itemsize, dtype_name, std::mem::size_of::<T>()) {
        std::panic::resume_unwind(Box::new(Unwound(e)));
    }
    Vec::with_capacity(shape.iter().product())
}

/// Read once: every allocation asks.
fn physical_memory_bytes() -> Option<u64> {
    static RAM: std::sync::OnceLock<Option<u64>> = std::sync::OnceLock::new();
    *RAM.get_or_init(|| meminfo_field("MemTotal:"))
}

/// One `/proc/meminfo` field in bytes.
fn meminfo_field(name: &str) -> Option<u64> {
    let text = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = text.lines().find(|l| l.starts_with(name))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Room for `count` Python objects of `each` bytes (list items, str
/// bytes), or Python's bare `MemoryError` (`[0] * 2**40`, `tolist()` of
/// a huge empty array): Rust would abort on the allocation.
pub fn python_room(count: usize, each: usize) -> Result<(), EngineError> {
    let fits = count.checked_mul(each.max(1)).is_some_and(may_allocate);
    if fits {
        Ok(())
    } else {
        Err(EngineError::other("MemoryError", ""))
    }
}

/// A `Vec` with room for `n` items, or an unwind with Python's bare
/// `MemoryError` (for loops that cannot return an error, such as sort
/// scratch space and index lists).
pub fn try_vec<T>(n: usize) -> Vec<T> {
    let mut v = Vec::new();
    let ok = python_room(n, std::mem::size_of::<T>()).is_ok() && v.try_reserve_exact(n).is_ok();
    if !ok {
        std::panic::resume_unwind(Box::new(Unwound(EngineError::other("MemoryError", ""))));
    }
    v
}

impl Buffer {
    /// A zero-filled buffer of `nbytes` bytes, or `MemoryError`.
    /// `describe` gives the shape and dtype for NumPy's message.
    pub fn zeroed(nbytes: usize, shape: &[usize], dtype_name: &str) -> Result<Buffer, EngineError> {
        let too_big = || EngineError::OutOfMemory {
            nbytes: nbytes as u128,
            shape: shape.to_vec(),
            dtype: dtype_name.to_string(),
        };
        if !may_allocate(nbytes) {
            return Err(too_big());
        }
        let storage = if nbytes >= LARGE_BYTES {
            match take_spare(nbytes) {
                Some(mut map) => {
                    map.fill(0);
                    Storage::Large(map)
                }
                None => Storage::Large(map_large(nbytes).map_err(|_| too_big())?),
            }
        } else {
            let n_words = nbytes.div_ceil(8);
            let mut words: Vec<u64> = Vec::new();
            words.try_reserve_exact(n_words).map_err(|_| too_big())?;
            words.resize(n_words, 0);
            Storage::Small(words)
        };
        Ok(Buffer {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            nbytes: Cell::new(nbytes),
            storage: RefCell::new(storage),
        })
    }

    /// A buffer whose every byte the caller is about to write: the bytes
    /// start unspecified (zero, or what an array freed just before held).
    /// A large one reuses the memory of the last large array freed when it
    /// has exactly this size, so a statement run again (`b = a[idx]`)
    /// neither faults in nor clears fresh pages.
    pub fn for_overwrite(
        nbytes: usize,
        shape: &[usize],
        dtype_name: &str,
    ) -> Result<Buffer, EngineError> {
        if nbytes >= LARGE_BYTES
            && let Some(map) = take_spare(nbytes)
        {
            return Ok(Buffer {
                id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
                nbytes: Cell::new(nbytes),
                storage: RefCell::new(Storage::Large(map)),
            });
        }
        Buffer::zeroed(nbytes, shape, dtype_name)
    }

    /// A stable number naming this buffer (for diagrams and `:vars`).
    /// Numbers grow: a buffer made after another has a larger one.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Size in bytes.
    pub fn nbytes(&self) -> usize {
        self.nbytes.get()
    }

    /// Read access to the bytes.
    pub fn bytes(&self) -> Ref<'_, [u8]> {
        let n = self.nbytes.get();
        Ref::map(self.storage.borrow(), |s| match s {
            Storage::Small(w) => &bytemuck::cast_slice::<u64, u8>(w)[..n],
            Storage::Large(m) => &m[..n],
        })
    }

    /// Write access to all the bytes. Every write to a buffer goes through
    /// here or [`Buffer::bytes_mut_within`] (or `NdArray::bytes_mut`), so
    /// the open write log, if any, saves what is about to be overwritten.
    pub fn bytes_mut(self: &Rc<Self>) -> RefMut<'_, [u8]> {
        self.bytes_mut_within(0, self.nbytes.get())
    }

    /// Reallocate to `nbytes` in place, as `PyDataMem_UserRENEW` does
    /// for `ndarray.resize`: the first bytes are kept, new ones are zero
    /// (NumPy zero-fills them for a writeable array, and fresh memory is
    /// zero here). The open write log keeps the old contents whole, so
    /// `:undo` can put the old size back. The caller makes sure no other
    /// array reads past the new end.
    pub fn resize(
        self: &Rc<Self>,
        nbytes: usize,
        shape: &[usize],
        dtype_name: &str,
    ) -> Result<(), EngineError> {
        let fresh = Buffer::zeroed(nbytes, shape, dtype_name)?;
        super::write_log::note_resize(self);
        let keep = nbytes.min(self.nbytes());
        fresh.unlogged_bytes_mut()[..keep].copy_from_slice(&self.bytes()[..keep]);
        std::mem::swap(
            &mut *self.storage.borrow_mut(),
            &mut *fresh.storage.borrow_mut(),
        );
        self.nbytes.set(nbytes);
        Ok(())
    }

    /// Put back the size and contents saved before a resize (`:undo`).
    pub(super) fn restore_whole(&self, old: &[u8]) {
        let mut storage = Storage::Small(vec![0; old.len().div_ceil(8)]);
        if let Storage::Small(w) = &mut storage {
            bytemuck::cast_slice_mut::<u64, u8>(w)[..old.len()].copy_from_slice(old);
        }
        *self.storage.borrow_mut() = storage;
        self.nbytes.set(old.len());
    }

    /// Write access for a caller that writes only bytes `[lo, hi)`: the
    /// write log saves just that range (the slice is still the whole
    /// buffer, so offsets stay buffer offsets).
    pub fn bytes_mut_within(self: &Rc<Self>, lo: usize, hi: usize) -> RefMut<'_, [u8]> {
        super::write_log::note_bytes(self, lo, hi);
        self.unlogged_bytes_mut()
    }

    /// The bytes `[lo, hi)`, or `None` while the buffer is being written.
    pub(super) fn try_read(&self, lo: usize, hi: usize) -> Option<Vec<u8>> {
        let storage = self.storage.try_borrow().ok()?;
        let bytes: &[u8] = match &*storage {
            Storage::Small(w) => bytemuck::cast_slice::<u64, u8>(w),
            Storage::Large(m) => m,
        };
        bytes.get(lo..hi).map(<[u8]>::to_vec)
    }

    /// Put saved bytes back at `lo` (`:undo`); not itself logged.
    pub(super) fn restore(&self, lo: usize, old: &[u8]) {
        // A range saved before a resize that shrank the buffer may lie
        // past its end once the resize is undone in the other order.
        if let Some(dst) = self.unlogged_bytes_mut().get_mut(lo..lo + old.len()) {
            dst.copy_from_slice(old);
        }
    }

    fn unlogged_bytes_mut(&self) -> RefMut<'_, [u8]> {
        let n = self.nbytes.get();
        RefMut::map(self.storage.borrow_mut(), |s| match s {
            Storage::Small(w) => &mut bytemuck::cast_slice_mut::<u64, u8>(w)[..n],
            Storage::Large(m) => &mut m[..n],
        })
    }
}

/// The id the next buffer made will get: buffers with an id at or past it
/// were made after this call.
pub fn next_id() -> u64 {
    NEXT_ID.load(Ordering::Relaxed)
}

/// A fresh zero-filled map in transparent huge pages where allowed.
fn map_large(nbytes: usize) -> std::io::Result<memmap2::MmapMut> {
    let map = memmap2::MmapOptions::new().len(nbytes).map_anon()?;
    // Only a hint: without huge pages the map works the same.
    let _ = map.advise(memmap2::Advice::HugePage);
    Ok(map)
}

thread_local! {
    /// The memory of the last large buffer freed, kept for one allocation.
    /// Every large allocation first takes it (same size) or releases it, so
    /// the process never holds more than it held when that buffer was
    /// alive: peak memory is as without the spare.
    static SPARE: RefCell<Option<memmap2::MmapMut>> = const { RefCell::new(None) };
}

/// The spare map when it has exactly `nbytes`; otherwise release it.
fn take_spare(nbytes: usize) -> Option<memmap2::MmapMut> {
    let spare = SPARE.with(|s| s.borrow_mut().take())?;
    (spare.len() == nbytes).then_some(spare)
}

impl Drop for Buffer {
    fn drop(&mut self) {
        if let Storage::Large(map) =
            std::mem::replace(self.storage.get_mut(), Storage::Small(vec![]))
        {
            // Replacing an older spare releases it.
            let _ = SPARE.try_with(|s| *s.borrow_mut() = Some(map));
        }
    }
}

/// NumPy's human-readable size in a `MemoryError` message: `72.8 TiB`,
/// `8.00 GiB`, with three significant digits as `numpy._core._exceptions`.
pub fn format_size(nbytes: u128) -> String {
    const UNITS: [&str; 7] = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    if nbytes < 1024 {
        return format!("{nbytes} bytes");
    }
    let mut unit = ((nbytes as f64).log2() as usize / 10).min(UNITS.len() - 1);
    let mut scaled = nbytes as f64 / (1u128 << (10 * unit)) as f64;
    // NumPy rounds to 3 significant figures and moves up a unit at 1024.
    if (scaled * 100.0).round() / 100.0 >= 1024.0 && unit + 1 < UNITS.len() {
        unit += 1;
        scaled /= 1024.0;
    }
    let text = if scaled < 10.0 {
        format!("{scaled:.2}")
    } else if scaled < 100.0 {
        format!("{scaled:.1}")
    } else {
        format!("{scaled:.0}.")
    };
    format!("{text} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_numpy() {
        assert_eq!(format_size(80_000_000_000_000), "72.8 TiB");
        assert_eq!(format_size(8 * (1 << 30)), "8.00 GiB");
        assert_eq!(format_size(100), "100 bytes");
        assert_eq!(format_size(800_000_000_000), "745. GiB");
    }

    #[test]
    fn large_buffers_are_zeroed_and_writable() {
        let b = Rc::new(Buffer::zeroed(LARGE_BYTES + 3, &[LARGE_BYTES + 3], "uint8").unwrap());
        assert!(b.bytes().iter().all(|&x| x == 0));
        b.bytes_mut()[LARGE_BYTES + 2] = 7;
        assert_eq!(b.bytes()[LARGE_BYTES + 2], 7);
        assert_eq!(b.bytes().len(), LARGE_BYTES + 3);
    }

    #[test]
    fn a_reused_large_buffer_is_zeroed_again() {
        let n = LARGE_BYTES;
        let b = Rc::new(Buffer::for_overwrite(n, &[n], "uint8").unwrap());
        b.bytes_mut()[5] = 1;
        drop(b);
        let z = Buffer::zeroed(n, &[n], "uint8").unwrap();
        assert!(z.bytes().iter().all(|&x| x == 0));
    }

    #[test]
    fn sizes_parse_with_suffixes() {
        assert_eq!(parse_size("6G"), Some(6 << 30));
        assert_eq!(parse_size("512m"), Some(512 << 20));
        assert_eq!(parse_size("1000"), Some(1000));
        assert_eq!(parse_size("lots"), None);
    }

    #[test]
    fn python_objects_past_memory_are_a_bare_memory_error() {
        let e = python_room(1 << 40, 32).unwrap_err();
        assert_eq!(e.kind(), "MemoryError");
        assert_eq!(e.to_string(), "");
        assert!(python_room(10, 32).is_ok());
    }

    #[test]
    fn huge_allocation_is_an_error() {
        assert!(Buffer::zeroed(usize::MAX / 2, &[1], "float64").is_err());
    }
}
