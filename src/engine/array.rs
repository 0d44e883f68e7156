//! `NdArray`: one array object — a buffer, a dtype, a layout and the owner
//! its `.base` points at. Identity matters (`x.base is y`), so arrays live in
//! `Rc`s and the evaluator compares pointers.
//!
//! Invariants:
//! 1. An array with `base == None` owns its buffer (`flags.owndata`).
//! 2. A view's `base` is the *first owner* up its chain: views of views
//!    collapse, as NumPy's `PyArray_SetBaseObject` does.
//! 3. Creating a view never touches element data: O(1) in the array size.

use std::cell::{Cell, Ref, RefCell};
use std::rc::Rc;

use elsa::FrozenVec;

use super::buffer::Buffer;
use super::dtype::DType;
use super::element::{read_scalar, write_scalar};
use super::error::EngineError;
use super::iter::for_each_offset2;
use super::layout::{Layout, checked_size};
use super::scalar::Scalar;

/// A shared handle to an array object.
pub type ArrayRef = Rc<NdArray>;

/// One NumPy array object.
#[derive(Debug)]
pub struct NdArray {
    buffer: Rc<Buffer>,
    /// The dtype it was made with.
    dtype: DType,
    /// The dtypes `a.dtype = …` gave it since, the last one current. Only
    /// ever appended to, so a `&DType` read before a change stays valid
    /// (a caller holding one across a learner's callback never dangles).
    retyped: Retyped,
    layout: RefCell<Layout>,
    base: Option<ArrayRef>,
    /// The Python object whose memory an array made over a buffer
    /// borrows (`np.frombuffer(bytearray)`), opaque here: the evaluator
    /// puts it in and reads it back. Such an array owns no data, yet is
    /// the owner its views' `.base` collapses to, as in NumPy.
    exporter: Option<Rc<dyn std::any::Any>>,
    writeable: Cell<bool>,
    /// `setflags(align=False)` cleared `flags.aligned` on this array
    /// object; whether its elements sit at their alignment is read from
    /// the layout (`NdArray::aligned`).
    aligned: Cell<bool>,
    /// Made over memory its exporter lends read-only (`np.frombuffer` of
    /// `bytes`, a read-only memoryview): `flags.writeable` can never be
    /// turned on, as NumPy's `_IsWriteable` finds the buffer unwritable.
    read_only_export: Cell<bool>,
}

/// The dtypes an array was given after it was made (`NdArray::retype`).
#[derive(Default)]
struct Retyped(FrozenVec<Box<DType>>);

impl std::fmt::Debug for Retyped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.0.iter()).finish()
    }
}

/// Memory order for new arrays and copies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Row-major.
    C,
    /// Column-major.
    F,
}

impl NdArray {
    /// A new zero-filled, C-ordered array that owns its memory.
    pub fn zeros(shape: &[usize], dtype: DType) -> Result<ArrayRef, EngineError> {
        Self::zeros_ordered(shape, dtype, Order::C)
    }

    /// A new C-ordered array whose every element the caller is about to
    /// write (NumPy's `np.empty`): numeric dtypes only, since other kernels
    /// may leave padding bytes unwritten. Other dtypes get zeros.
    pub fn for_overwrite(shape: &[usize], dtype: DType) -> Result<ArrayRef, EngineError> {
        if !dtype.is_numeric() {
            return Self::zeros(shape, dtype);
        }
        let itemsize = dtype.itemsize();
        let nbytes = nbytes_of(shape, itemsize)?;
        let buffer = Buffer::for_overwrite(nbytes, shape, &dtype.name())?;
        Ok(Self::from_buffer(
            buffer,
            dtype,
            allocated(Layout::c_order(shape, itemsize), nbytes),
        ))
    }

    /// A new zero-filled array in the given order.
    pub fn zeros_ordered(
        shape: &[usize],
        dtype: DType,
        order: Order,
    ) -> Result<ArrayRef, EngineError> {
        let itemsize = dtype.itemsize();
        let nbytes = nbytes_of(shape, itemsize)?;
        let buffer = Buffer::zeroed(nbytes, shape, &dtype.name())?;
        let layout = match order {
            Order::C => Layout::c_order(shape, itemsize),
            Order::F => Layout {
                shape: shape.to_vec(),
                strides: super::layout::f_strides(shape, itemsize),
                offset: 0,
            },
        };
        let layout = allocated(layout, nbytes);
        Ok(Rc::new(NdArray {
            buffer: Rc::new(buffer),
            dtype,
            retyped: Retyped::default(),
            layout: RefCell::new(layout),
            base: None,
            exporter: None,
            writeable: Cell::new(true),
            aligned: Cell::new(true),
            read_only_export: Cell::new(false),
        }))
    }

    /// A new owning array over a buffer just filled by a kernel.
    pub fn from_buffer(buffer: Buffer, dtype: DType, layout: Layout) -> ArrayRef {
        Rc::new(NdArray {
            buffer: Rc::new(buffer),
            dtype,
            retyped: Retyped::default(),
            layout: RefCell::new(layout),
            base: None,
            exporter: None,
            writeable: Cell::new(true),
            aligned: Cell::new(true),
            read_only_export: Cell::new(false),
        })
    }

    /// A new C-ordered array from scalars (cast to `dtype`).
    pub fn from_scalars(
        shape: &[usize],
        dtype: DType,
        values: &[Scalar],
    ) -> Result<ArrayRef, EngineError> {
        let arr = Self::zeros(shape, dtype.clone())?;
        {
            let mut bytes = arr.buffer.bytes_mut();
            let item = dtype.itemsize() as isize;
            for (k, v) in values.iter().enumerate() {
                write_scalar(&mut bytes, k as isize * item, &dtype, v);
            }
        }
        Ok(arr)
    }

    /// A view of `source` with another dtype and layout on the same buffer.
    /// Its base is `source`'s owner (chains collapse); it inherits
    /// `source`'s writeable flag.
    pub fn view(source: &ArrayRef, dtype: DType, layout: Layout) -> ArrayRef {
        let owner = match &source.base {
            Some(b) => b.clone(),
            None => source.clone(),
        };
        Rc::new(NdArray {
            buffer: source.buffer.clone(),
            dtype,
            retyped: Retyped::default(),
            layout: RefCell::new(layout),
            base: Some(owner),
            exporter: None,
            writeable: Cell::new(source.writeable.get()),
            aligned: Cell::new(true),
            read_only_export: Cell::new(false),
        })
    }

    /// The same array seen with another layout over the same bytes: a new
    /// object with this one's base, exporter and flags. A subclass's
    /// `__array_finalize__` reshapes a result nobody else holds yet this
    /// way (`np.matrix` makes a 1-D result a row), so the result keeps
    /// owning its data instead of gaining a level of `.base`.
    pub fn relaid(&self, layout: Layout) -> ArrayRef {
        Rc::new(NdArray {
            buffer: self.buffer.clone(),
            dtype: self.dtype().clone(),
            retyped: Retyped::default(),
            layout: RefCell::new(layout),
            base: self.base.clone(),
            exporter: self.exporter.clone(),
            writeable: Cell::new(self.writeable.get()),
            aligned: Cell::new(self.aligned.get()),
            read_only_export: Cell::new(self.read_only_export.get()),
        })
    }

    /// An array over a buffer another object exports (a `bytearray`'s
    /// bytes): it shares the buffer and keeps `exporter` as its base.
    pub fn over_exported(
        buffer: Rc<Buffer>,
        dtype: DType,
        layout: Layout,
        exporter: Rc<dyn std::any::Any>,
    ) -> ArrayRef {
        Rc::new(NdArray {
            buffer,
            dtype,
            retyped: Retyped::default(),
            layout: RefCell::new(layout),
            base: None,
            exporter: Some(exporter),
            writeable: Cell::new(true),
            aligned: Cell::new(true),
            read_only_export: Cell::new(false),
        })
    }

    /// A view of `source` with the same dtype and a new layout.
    pub fn view_with(source: &ArrayRef, layout: Layout) -> ArrayRef {
        Self::view(source, source.dtype().clone(), layout)
    }

    /// The buffer.
    pub fn buffer(&self) -> &Rc<Buffer> {
        &self.buffer
    }

    /// The element type.
    pub fn dtype(&self) -> &DType {
        self.retyped.0.last().unwrap_or(&self.dtype)
    }

    /// A copy of the layout.
    pub fn layout(&self) -> Layout {
        self.layout.borrow().clone()
    }

    /// Borrow the layout.
    pub fn layout_ref(&self) -> Ref<'_, Layout> {
        self.layout.borrow()
    }

    /// Replace the layout in place (`a.shape = ...`): every name bound to
    /// this object sees the new shape.
    pub fn set_layout(self: &Rc<Self>, layout: Layout) {
        super::write_log::note_state(self);
        *self.layout.borrow_mut() = layout;
    }

    /// Write access to the buffer for a caller that writes only this
    /// array's own elements: the write log saves just their byte extent.
    pub fn bytes_mut(&self) -> std::cell::RefMut<'_, [u8]> {
        if !super::write_log::active() {
            return self.buffer.bytes_mut_within(0, 0);
        }
        let (lo, hi) = self
            .layout
            .borrow()
            .byte_extent(self.dtype().itemsize())
            .map_or((0, 0), |(lo, hi)| (lo.max(0) as usize, hi.max(0) as usize));
        self.buffer.bytes_mut_within(lo, hi)
    }

    /// Put back a layout and flag the write log saved (`:undo`).
    /// `a.dtype = …`: the same array object reads its bytes as `dtype`
    /// with `layout` from now on (the evaluator checks that they fit, as
    /// NumPy's setter does). Saved first, so `:undo` puts both back.
    pub fn retype(self: &Rc<Self>, dtype: DType, layout: Layout) {
        super::write_log::note_state(self);
        self.retyped.0.push(Box::new(dtype));
        *self.layout.borrow_mut() = layout;
    }

    pub(super) fn restore_state(
        &self,
        dtype: &DType,
        layout: Layout,
        writeable: bool,
        aligned: bool,
    ) {
        if self.dtype() != dtype {
            self.retyped.0.push(Box::new(dtype.clone()));
        }
        *self.layout.borrow_mut() = layout;
        self.writeable.set(writeable);
        self.aligned.set(aligned);
    }

    /// The shape.
    pub fn shape(&self) -> Vec<usize> {
        self.layout.borrow().shape.clone()
    }

    /// Byte strides.
    pub fn strides(&self) -> Vec<isize> {
        self.layout.borrow().strides.clone()
    }

    /// Number of axes.
    pub fn ndim(&self) -> usize {
        self.layout.borrow().ndim()
    }

    /// Number of elements.
    pub fn size(&self) -> usize {
        self.layout.borrow().size()
    }

    /// NumPy's `.base`: the owner, or `None` for an owner.
    pub fn base(&self) -> Option<&ArrayRef> {
        self.base.as_ref()
    }

    /// `flags.owndata`.
    pub fn owndata(&self) -> bool {
        self.base.is_none() && self.exporter.is_none()
    }

    /// The object whose memory this array borrows, if any (see the field).
    pub fn exporter(&self) -> Option<&Rc<dyn std::any::Any>> {
        self.exporter.as_ref()
    }

    /// `flags.writeable`.
    pub fn writeable(&self) -> bool {
        self.writeable.get()
    }

    /// Set `flags.writeable`. Turning it on is refused when the owner is
    /// read-only, as NumPy refuses it.
    pub fn set_writeable(self: &Rc<Self>, on: bool) -> Result<(), EngineError> {
        if on && (self.read_only_export.get() || self.base.as_ref().is_some_and(|b| !b.writeable()))
        {
            return Err(EngineError::value(
                "cannot set WRITEABLE flag to True of this array",
            ));
        }
        super::write_log::note_state(self);
        self.writeable.set(on);
        Ok(())
    }

    /// Make this array, over an exporter's memory, read-only for good:
    /// the exporter lends it read-only.
    pub fn lock_read_only(self: &Rc<Self>) {
        self.writeable.set(false);
        self.read_only_export.set(true);
    }

    /// `flags.aligned`: not cleared by `setflags`, and every element
    /// at a multiple of its dtype's alignment.
    pub fn aligned(&self) -> bool {
        self.aligned.get() && self.layout_aligned()
    }

    /// The flag `setflags(align=)` sets, saved and restored by `:undo`.
    pub(super) fn aligned_flag(&self) -> bool {
        self.aligned.get()
    }

    /// NumPy's `raw_array_is_aligned`: the first element's offset and the
    /// stride of every axis longer than one are multiples of the dtype's
    /// alignment (an empty array is aligned). Buffers themselves start at
    /// an address aligned for every dtype, as NumPy's allocations do, so
    /// only the offset within the buffer counts.
    fn layout_aligned(&self) -> bool {
        let alignment = self.dtype().alignment();
        if alignment <= 1 {
            return true;
        }
        let layout = self.layout.borrow();
        if layout.shape.contains(&0) {
            return true;
        }
        let mut check = layout.offset;
        for (&n, &stride) in layout.shape.iter().zip(&layout.strides) {
            if n > 1 {
                check |= stride.unsigned_abs();
            }
        }
        check.is_multiple_of(alignment)
    }

    /// `setflags(align=...)`: False clears the flag on this array object;
    /// True sets it again, refused for elements that are truly misaligned.
    pub fn set_aligned(self: &Rc<Self>, on: bool) -> Result<(), EngineError> {
        if on && !self.layout_aligned() {
            return Err(EngineError::value(
                "cannot set aligned flag of mis-aligned array to True",
            ));
        }
        super::write_log::note_state(self);
        self.aligned.set(on);
        Ok(())
    }

    /// `flags.c_contiguous`.
    pub fn is_c_contiguous(&self) -> bool {
        self.layout
            .borrow()
            .is_c_contiguous(self.dtype().itemsize())
    }

    /// `a` itself when it is one C-ordered run at an offset aligned for
    /// 8-byte words (so typed slices can read it where it lies), else a C
    /// copy of it.
    pub fn c_run(a: &ArrayRef) -> Result<ArrayRef, EngineError> {
        if a.is_c_contiguous() && a.layout().offset.is_multiple_of(8) {
            Ok(a.clone())
        } else {
            a.copy(Order::C)
        }
    }

    /// `flags.f_contiguous`.
    pub fn is_f_contiguous(&self) -> bool {
        self.layout
            .borrow()
            .is_f_contiguous(self.dtype().itemsize())
    }

    /// The element at a full index (caller checks bounds).
    pub fn get(&self, index: &[usize]) -> Scalar {
        let at = self.layout.borrow().offset_of(index);
        read_scalar(&self.buffer.bytes(), at, self.dtype())
    }

    /// The single element of a size-1 array (any shape).
    pub fn first(&self) -> Scalar {
        let at = self.layout.borrow().offset as isize;
        read_scalar(&self.buffer.bytes(), at, self.dtype())
    }

    /// Fail with NumPy's error when this array may not be written.
    pub fn check_writeable(&self) -> Result<(), EngineError> {
        if self.writeable() {
            Ok(())
        } else {
            Err(EngineError::ReadOnly)
        }
    }

    /// All elements in C order as scalars (for small arrays: printing
    /// `tolist`, building Python values). Kernels never use this.
    pub fn to_scalars(&self) -> Vec<Scalar> {
        let l = self.layout.borrow();
        let bytes = self.buffer.bytes();
        let mut out =
            super::buffer::vec_for(&l.shape, self.dtype().itemsize(), &self.dtype().name());
        super::iter::for_each_offset(&l.shape, &l.strides, l.offset as isize, |o| {
            out.push(read_scalar(&bytes, o, self.dtype()))
        });
        out
    }

    /// True when both arrays are on one buffer.
    pub fn same_buffer(&self, other: &NdArray) -> bool {
        Rc::ptr_eq(&self.buffer, &other.buffer)
    }

    /// A new zero-filled array shaped like this one in NumPy's
    /// `order='K'`: C-ordered when this one is C-contiguous, F-ordered
    /// when it is F-contiguous, else with its axes laid out in the order
    /// of their strides' sizes (largest outermost, ties in axis order) and
    /// every stride positive (`PyArray_NewLikeArray`'s `NPY_KEEPORDER`).
    pub fn zeros_kept(&self, dtype: DType) -> Result<ArrayRef, EngineError> {
        let shape = self.shape();
        if self.is_c_contiguous() {
            return NdArray::zeros_ordered(&shape, dtype, Order::C);
        }
        if self.is_f_contiguous() {
            return NdArray::zeros_ordered(&shape, dtype, Order::F);
        }
        let strides = self.strides();
        let mut perm: Vec<usize> = (0..shape.len()).collect();
        perm.sort_by_key(|&k| std::cmp::Reverse(strides[k].unsigned_abs()));
        NdArray::zeros_permuted(&shape, dtype, &perm)
    }

    /// A new zero-filled array of `shape` whose axes lie in memory in the
    /// order `perm` names them (outermost first), every stride positive:
    /// how NumPy allocates a result after sorting its inputs' strides.
    pub fn zeros_permuted(
        shape: &[usize],
        dtype: DType,
        perm: &[usize],
    ) -> Result<ArrayRef, EngineError> {
        let permuted: Vec<usize> = perm.iter().map(|&k| shape[k]).collect();
        let out = NdArray::zeros_ordered(&permuted, dtype, Order::C)?;
        let c = out.strides();
        let mut kept = vec![0isize; shape.len()];
        for (i, &k) in perm.iter().enumerate() {
            kept[k] = c[i];
        }
        *out.layout.borrow_mut() = Layout {
            shape: shape.to_vec(),
            strides: kept,
            offset: 0,
        };
        Ok(out)
    }

    /// A copy in NumPy's `order='K'` (see [`NdArray::zeros_kept`]).
    pub fn copy_kept(&self) -> Result<ArrayRef, EngineError> {
        let out = self.zeros_kept(self.dtype().clone())?;
        copy_elements(self, &out)?;
        Ok(out)
    }

    /// A new owning copy in the given order, same dtype.
    pub fn copy(&self, order: Order) -> Result<ArrayRef, EngineError> {
        let shape = self.shape();
        // The copy writes every element.
        let out = match order {
            Order::C => NdArray::for_overwrite(&shape, self.dtype().clone())?,
            Order::F => NdArray::zeros_ordered(&shape, self.dtype().clone(), order)?,
        };
        copy_elements(self, &out)?;
        Ok(out)
    }
}

/// Bytes of an array of this shape and item size, or `ArrayTooBig`.
fn nbytes_of(shape: &[usize], itemsize: usize) -> Result<usize, EngineError> {
    checked_size(shape)
        .and_then(|size| size.checked_mul(itemsize))
        .filter(|&n| n <= isize::MAX as usize)
        .ok_or(EngineError::ArrayTooBig)
}

/// Copy every element of `src` into `dst` (same shape), casting between
/// dtypes as NumPy's unsafe cast does. Safe when both share a buffer: the
/// source is then copied out first.
pub fn copy_elements(src: &NdArray, dst: &NdArray) -> Result<(), EngineError> {
    refuse_object_cast(src.dtype(), dst.dtype())?;
    // `U` to `S` encodes as ASCII, failing as Python's codec does.
    if matches!(src.dtype().native(), DType::Str(_))
        && matches!(dst.dtype().native(), DType::Bytes(_))
    {
        for s in src.to_scalars() {
            if let Scalar::Str(t) = s
                && let Some(message) = ascii_encode_error(&t)
            {
                return Err(EngineError::other("UnicodeEncodeError", message));
            }
        }
    }
    if let Some(texts) = super::text_cast::float_texts(src, dst.dtype()) {
        let texts: ArrayRef = texts?;
        return copy_elements(&texts, dst);
    }
    if super::text_cast::reads_numbers(src.dtype(), dst.dtype()) {
        let numbers = super::text_cast::numbers(src, dst.dtype())?;
        return copy_elements(&numbers, dst);
    }
    if src.same_buffer(dst) {
        let tmp = src.copy(Order::C)?;
        return copy_elements(&tmp, dst);
    }
    if let Some(done) = super::void_cast::copy(src, dst) {
        return done;
    }
    let sl = src.layout_ref();
    let dl = dst.layout_ref();
    debug_assert_eq!(sl.shape, dl.shape);
    let sbytes = src.buffer.bytes();
    let mut dbytes = dst.bytes_mut();
    super::kernels::copy_cast(&sbytes, &sl, src.dtype(), &mut dbytes, &dl, dst.dtype());
    Ok(())
}

/// Object elements are references: a byte-level cast between an object
/// dtype and any other would read ids as numbers (or numbers as ids), so
/// every such cast is refused here; `eval`'s object code converts values
/// one by one instead.
pub fn refuse_object_cast(from: &DType, to: &DType) -> Result<(), EngineError> {
    if (*from == DType::Object) != (*to == DType::Object) {
        return Err(EngineError::other(
            "NotImplementedError",
            format!(
                "casting between {} and {} arrays is not supported in slicelab",
                from.name(),
                to.name()
            ),
        ));
    }
    Ok(())
}

/// CPython's message when `text.encode('ascii')` fails (`None` when it
/// does not): the first run of non-ASCII characters, one character named
/// by its escape, a longer run by its positions.
pub fn ascii_encode_error(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let start = chars.iter().position(|c| !c.is_ascii())?;
    let end = chars[start..]
        .iter()
        .position(|c| c.is_ascii())
        .map_or(chars.len(), |k| start + k);
    let what = if end - start == 1 {
        let c = chars[start] as u32;
        let escaped = if c < 0x100 {
            format!("\\x{c:02x}")
        } else if c < 0x10000 {
            format!("\\u{c:04x}")
        } else {
            format!("\\U{c:08x}")
        };
        format!("character '{escaped}' in position {start}")
    } else {
        format!("characters in position {start}-{}", end - 1)
    };
    Some(format!(
        "'ascii' codec can't encode {what}: ordinal not in range(128)"
    ))
}

/// Fallback element copy through scalars, for dtypes without a typed kernel
/// (strings, records, complex, float16).
pub fn copy_via_scalars(
    sbytes: &[u8],
    sl: &Layout,
    sdtype: &DType,
    dbytes: &mut [u8],
    dl: &Layout,
    ddtype: &DType,
) {
    for_each_offset2(
        &dl.shape,
        [&sl.strides, &dl.strides],
        [sl.offset as isize, dl.offset as isize],
        |s, d| {
            let mut v = read_scalar(sbytes, s, sdtype);
            if matches!(sdtype, DType::Time(..)) || matches!(ddtype, DType::Time(..)) {
                v = super::datetime::cast_scalar(v, sdtype, ddtype);
            }
            // A one-field record cast to a plain type is its field.
            while !matches!(ddtype, DType::Record(_))
                && let Scalar::Record(items) = &mut v
                && items.len() == 1
            {
                v = items.remove(0);
            }
            write_scalar(dbytes, d, ddtype, &v);
        },
    );
}

/// A read-only snapshot for the printer: holds the layout, reads elements
/// from the buffer on demand.
pub struct Snapshot<'a> {
    array: &'a NdArray,
    layout: Layout,
}

impl<'a> Snapshot<'a> {
    /// Snapshot an array.
    pub fn of(array: &'a NdArray) -> Snapshot<'a> {
        Snapshot {
            array,
            layout: array.layout(),
        }
    }
}

impl crate::render::ElementSource for Snapshot<'_> {
    fn shape(&self) -> &[usize] {
        &self.layout.shape
    }
    fn dtype(&self) -> &DType {
        self.array.dtype()
    }
    fn get(&self, index: &[usize]) -> Scalar {
        let at = self.layout.offset_of(index);
        read_scalar(&self.array.buffer.bytes(), at, self.array.dtype())
    }
}

/// Can two different indices of `l` reach the same bytes (a window made
/// by `as_strided` over itself)? Conservative: `false` only when the
/// strides, sorted, provably keep every element apart.
pub fn may_self_overlap(l: &Layout, itemsize: usize) -> bool {
    let mut axes: Vec<(usize, usize)> = l
        .shape
        .iter()
        .zip(&l.strides)
        .filter(|&(&n, _)| n > 1)
        .map(|(&n, &s)| (s.unsigned_abs(), n))
        .collect();
    axes.sort_unstable();
    let mut reach = itemsize;
    for (stride, n) in axes {
        if stride < reach {
            return true;
        }
        reach += stride * (n - 1);
    }
    false
}

/// Write a computed result into `dst`, which may overlap itself. NumPy
/// computes such an output into a temporary and copies it back in its
/// iterator's order — negative strides flipped, the largest stride
/// outermost — so where several indices share a cell the last of them in
/// that order wins. Other outputs are an ordinary copy.
pub fn write_back(src: &NdArray, dst: &NdArray) -> Result<(), EngineError> {
    let item = dst.dtype().itemsize();
    if !may_self_overlap(&dst.layout(), item) {
        return copy_elements(src, dst);
    }
    let src = super::kernels::cast(&src.copy(Order::C)?, dst.dtype())?;
    let (mut sl, mut dl) = (src.layout(), dst.layout());
    for k in 0..dl.ndim() {
        if dl.strides[k] < 0 && dl.shape[k] > 0 {
            let last = (dl.shape[k] - 1) as isize;
            dl.offset = (dl.offset as isize + last * dl.strides[k]) as usize;
            dl.strides[k] = -dl.strides[k];
            sl.offset = (sl.offset as isize + last * sl.strides[k]) as usize;
            sl.strides[k] = -sl.strides[k];
        }
    }
    let mut order: Vec<usize> = (0..dl.ndim()).collect();
    order.sort_by_key(|&k| std::cmp::Reverse(dl.strides[k]));
    let (sl, dl) = (sl.permuted(&order), dl.permuted(&order));
    let sbytes = src.buffer.bytes();
    let mut dbytes = dst.bytes_mut();
    for_each_offset2(
        &dl.shape,
        [&sl.strides, &dl.strides],
        [sl.offset as isize, dl.offset as isize],
        |s, d| {
            let (s, d) = (s as usize, d as usize);
            dbytes[d..d + item].copy_from_slice(&sbytes[s..s + item]);
        },
    );
    Ok(())
}

/// The layout NumPy gives an array it allocates: as asked, except that an
/// array of no bytes gets all-zero strides (`PyArray_NewFromDescr_int`,
/// ctors.c), so `np.zeros((4, 0)).strides` is `(0, 0)`.
fn allocated(mut layout: Layout, nbytes: usize) -> Layout {
    if nbytes == 0 {
        layout.strides.fill(0);
    }
    layout
}
