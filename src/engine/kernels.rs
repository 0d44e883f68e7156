//! Element loops: copies with casts, elementwise arithmetic and comparisons.
//! Each loop is chosen once by dtype and runs on concrete types; contiguous
//! operands take a slice fast path.

use super::array::{ArrayRef, NdArray, copy_via_scalars};
use super::broadcast::{broadcast_layout, broadcast_shapes_or_err, broadcasts_to};
use super::dtype::DType;
use super::element::{Bool8, Element, load, store};
use super::error::EngineError;
use super::iter::{for_each_offset2, for_each_offset3, for_each_offset4};
use super::layout::Layout;
use crate::dispatch_numeric;

/// Copy elements between layouts of equal shape, casting `sdtype` → `ddtype`.
pub fn copy_cast(
    sbytes: &[u8],
    sl: &Layout,
    sdtype: &DType,
    dbytes: &mut [u8],
    dl: &Layout,
    ddtype: &DType,
) {
    let item = sdtype.itemsize();
    // Nothing to copy; an empty view's offset may lie past its buffer's end.
    // Ids and numbers never cast into each other (callers refuse it first
    // through `array::refuse_object_cast`; this keeps the bytes untouched).
    if dl.size() == 0 || ((*sdtype == DType::Object) != (*ddtype == DType::Object)) {
        return;
    }
    // A record with gaps is copied field by field (below): its gap bytes
    // belong to other fields of the destination's buffer.
    let raw = sdtype == ddtype && ddtype.is_gapless();
    if raw
        && sl.is_c_contiguous(item)
        && dl.is_c_contiguous(item)
        && sl.strides.iter().all(|&s| s >= 0)
    {
        let n = sl.size() * item;
        let (s0, d0) = (sl.offset, dl.offset);
        dbytes[d0..d0 + n].copy_from_slice(&sbytes[s0..s0 + n]);
        return;
    }
    if raw {
        match item {
            1 => return copy_same::<u8>(sbytes, sl, dbytes, dl),
            2 => return copy_same::<u16>(sbytes, sl, dbytes, dl),
            4 => return copy_same::<u32>(sbytes, sl, dbytes, dl),
            8 => return copy_same::<u64>(sbytes, sl, dbytes, dl),
            _ => {}
        }
    }
    dispatch_numeric!(sdtype, S => dispatch_numeric!(ddtype, D => {
        for_each_offset2(&dl.shape, [&sl.strides, &dl.strides], [sl.offset as isize, dl.offset as isize], |s, d| {
            store::<D>(dbytes, d, D::cast_from(load::<S>(sbytes, s)));
        })
    }, _ => copy_via_scalars(sbytes, sl, sdtype, dbytes, dl, ddtype)),
    _ => copy_via_scalars(sbytes, sl, sdtype, dbytes, dl, ddtype))
}

fn copy_same<T: bytemuck::Pod + Send + Sync>(
    sbytes: &[u8],
    sl: &Layout,
    dbytes: &mut [u8],
    dl: &Layout,
) {
    super::strided_copy::copy_strided::<T>(sbytes, sl, dbytes, dl);
}

/// An array with the same elements cast to `dtype` (a new owner), or the
/// array itself when it already has that dtype.
pub fn cast(a: &ArrayRef, dtype: &DType) -> Result<ArrayRef, EngineError> {
    if a.dtype() == dtype {
        return Ok(a.clone());
    }
    let out = NdArray::zeros(&a.shape(), dtype.clone())?;
    super::array::copy_elements(a, &out)?;
    Ok(out)
}

/// `a` in native byte order: `a` itself, or a copy cast to
/// `a.dtype().native()` when its dtype has a byte order written out.
/// Every computing entry point (elementwise, comparisons, reductions,
/// sorting) calls this first, so no typed loop ever sees an `Ordered`
/// dtype's bytes.
pub fn to_native(a: &ArrayRef) -> Result<ArrayRef, EngineError> {
    refuse_object(a.dtype())?;
    cast(a, &a.dtype().native())
}

/// Object elements are references (`engine/object.rs`): no typed kernel
/// may read them, so every computing entry point stops here.
fn refuse_object(dtype: &DType) -> Result<(), EngineError> {
    if *dtype == DType::Object {
        return Err(EngineError::other(
            "NotImplementedError",
            "this operation on object arrays (dtype=object) is not supported in slicelab",
        ));
    }
    Ok(())
}

/// Like [`to_native`] for a borrowed array: `None` when it is already
/// native.
fn native_copy(a: &NdArray) -> Result<Option<ArrayRef>, EngineError> {
    refuse_object(a.dtype())?;
    if !matches!(a.dtype(), DType::Ordered(..)) {
        return Ok(None);
    }
    let out = NdArray::zeros(&a.shape(), a.dtype().native())?;
    super::array::copy_elements(a, &out)?;
    Ok(Some(out))
}

/// Rebind `$a` (a `&NdArray`) to a native-order copy when it needs one.
macro_rules! native_operand {
    ($a:ident, $keep:ident) => {
        let $keep = native_copy($a)?;
        let $a: &NdArray = $keep.as_deref().unwrap_or($a);
    };
}

/// Binary elementwise operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    /// `np.add`
    Add,
    /// `np.subtract`
    Sub,
    /// `np.multiply`
    Mul,
    /// `np.true_divide` (operands already float)
    Div,
    /// `np.floor_divide`
    FloorDiv,
    /// `np.remainder`
    Mod,
    /// `np.power`
    Pow,
    /// `np.bitwise_and` / `np.logical_and` on bools
    And,
    /// `np.bitwise_or`
    Or,
    /// `np.bitwise_xor`
    Xor,
    /// `np.left_shift`
    LShift,
    /// `np.right_shift`
    RShift,
    /// `np.maximum`
    Maximum,
    /// `np.minimum`
    Minimum,
}

impl BinaryOp {
    /// NumPy's ufunc name, for messages.
    pub fn ufunc_name(self) -> &'static str {
        match self {
            BinaryOp::Add => "add",
            BinaryOp::Sub => "subtract",
            BinaryOp::Mul => "multiply",
            BinaryOp::Div => "divide",
            BinaryOp::FloorDiv => "floor_divide",
            BinaryOp::Mod => "remainder",
            BinaryOp::Pow => "power",
            BinaryOp::And => "bitwise_and",
            BinaryOp::Or => "bitwise_or",
            BinaryOp::Xor => "bitwise_xor",
            BinaryOp::LShift => "left_shift",
            BinaryOp::RShift => "right_shift",
            BinaryOp::Maximum => "maximum",
            BinaryOp::Minimum => "minimum",
        }
    }

    /// True for the bitwise family, undefined on floats.
    pub fn is_bitwise(self) -> bool {
        matches!(
            self,
            BinaryOp::And | BinaryOp::Or | BinaryOp::Xor | BinaryOp::LShift | BinaryOp::RShift
        )
    }
}

/// Comparison operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOp {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl CompareOp {
    /// The comparison with its operands swapped (`a < b` is `b > a`), as
    /// Python's reflected operator asks it.
    pub fn reflected(self) -> CompareOp {
        match self {
            CompareOp::Lt => CompareOp::Gt,
            CompareOp::Le => CompareOp::Ge,
            CompareOp::Gt => CompareOp::Lt,
            CompareOp::Ge => CompareOp::Le,
            same => same,
        }
    }

    /// Python's operator for it (`<=`), as its error messages write it.
    pub fn symbol(self) -> &'static str {
        match self {
            CompareOp::Eq => "==",
            CompareOp::Ne => "!=",
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
        }
    }

    /// The comparison NumPy's ufunc `name` computes (`np.less_equal` is
    /// `Le`), or `None` for any other ufunc.
    pub fn of_ufunc(name: &str) -> Option<CompareOp> {
        Some(match name {
            "equal" => CompareOp::Eq,
            "not_equal" => CompareOp::Ne,
            "less" => CompareOp::Lt,
            "less_equal" => CompareOp::Le,
            "greater" => CompareOp::Gt,
            "greater_equal" => CompareOp::Ge,
            _ => return None,
        })
    }
}

/// Arithmetic on one element type, with NumPy's semantics (wrapping ints,
/// flooring division, IEEE floats).
pub trait Arith: Element {
    /// `a + b`
    fn add(a: Self, b: Self) -> Self;
    /// `a - b`
    fn sub(a: Self, b: Self) -> Self;
    /// `a * b`
    fn mul(a: Self, b: Self) -> Self;
    /// `a / b` (floats only; ints are cast to float first)
    fn div(a: Self, b: Self) -> Self;
    /// `a // b`
    fn floordiv(a: Self, b: Self) -> Self;
    /// `a % b`
    fn rem(a: Self, b: Self) -> Self;
    /// `a ** b`
    fn pow(a: Self, b: Self) -> Self;
    /// bitwise and (logical for bool)
    fn and(a: Self, b: Self) -> Self;
    /// bitwise or
    fn or(a: Self, b: Self) -> Self;
    /// bitwise xor
    fn xor(a: Self, b: Self) -> Self;
    /// `a << b`
    fn shl(a: Self, b: Self) -> Self;
    /// `a >> b`
    fn shr(a: Self, b: Self) -> Self;
    /// `-a` (wrapping)
    fn neg(a: Self) -> Self;
    /// `~a`
    fn invert(a: Self) -> Self;
    /// `abs(a)`
    fn abs(a: Self) -> Self;
    /// NaN?
    fn is_nan(a: Self) -> bool;
}

macro_rules! int_arith {
    ($($t:ty),*) => {$(
        impl Arith for $t {
            fn add(a: Self, b: Self) -> Self { a.wrapping_add(b) }
            fn sub(a: Self, b: Self) -> Self { a.wrapping_sub(b) }
            fn mul(a: Self, b: Self) -> Self { a.wrapping_mul(b) }
            fn div(a: Self, b: Self) -> Self { if b == 0 { 0 } else { a.wrapping_div(b) } }
            fn floordiv(a: Self, b: Self) -> Self {
                if b == 0 { return 0; }
                let q = a.wrapping_div(b);
                #[allow(unused_comparisons)]
                let adjust = (a.wrapping_rem(b) != 0) && ((a < 0) != (b < 0));
                if adjust { q.wrapping_sub(1) } else { q }
            }
            fn rem(a: Self, b: Self) -> Self {
                if b == 0 { return 0; }
                let r = a.wrapping_rem(b);
                #[allow(unused_comparisons)]
                let adjust = r != 0 && ((r < 0) != (b < 0));
                if adjust { r.wrapping_add(b) } else { r }
            }
            fn pow(a: Self, b: Self) -> Self {
                let mut e = b as u64;
                let (mut base, mut acc): (Self, Self) = (a, 1);
                while e > 0 {
                    if e & 1 == 1 { acc = acc.wrapping_mul(base); }
                    base = base.wrapping_mul(base);
                    e >>= 1;
                }
                acc
            }
            fn and(a: Self, b: Self) -> Self { a & b }
            fn or(a: Self, b: Self) -> Self { a | b }
            fn xor(a: Self, b: Self) -> Self { a ^ b }
            fn shl(a: Self, b: Self) -> Self {
                let bits = (8 * std::mem::size_of::<Self>()) as u64;
                if (b as u64) >= bits { 0 } else { a.wrapping_shl(b as u32) }
            }
            fn shr(a: Self, b: Self) -> Self {
                let bits = (8 * std::mem::size_of::<Self>()) as u64;
                #[allow(unused_comparisons)]
                if (b as u64) >= bits { if a < 0 { !0 } else { 0 } } else { a.wrapping_shr(b as u32) }
            }
            fn neg(a: Self) -> Self { (0 as Self).wrapping_sub(a) }
            fn invert(a: Self) -> Self { !a }
            #[allow(unused_comparisons)]
            fn abs(a: Self) -> Self { if a < 0 { (0 as Self).wrapping_sub(a) } else { a } }
            fn is_nan(_: Self) -> bool { false }
        }
    )*};
}
int_arith!(i8, i16, i32, i64, u8, u16, u32, u64);

macro_rules! float_arith {
    ($($t:ty),*) => {$(
        impl Arith for $t {
            fn add(a: Self, b: Self) -> Self { a + b }
            fn sub(a: Self, b: Self) -> Self { a - b }
            fn mul(a: Self, b: Self) -> Self { a * b }
            fn div(a: Self, b: Self) -> Self { a / b }
            fn floordiv(a: Self, b: Self) -> Self {
                // NumPy's npy_floor_divide: via divmod, so 7.0 // 0.1 == 69.
                if b == 0.0 { return a / b; }
                let m = a % b;
                let mut div = (a - m) / b;
                if m != 0.0 && ((b < 0.0) != (m < 0.0)) { div -= 1.0; }
                if div == 0.0 { return (0.0 as Self).copysign(a / b); }
                let fl = div.floor();
                if div - fl > 0.5 { fl + 1.0 } else { fl }
            }
            fn rem(a: Self, b: Self) -> Self {
                if b == 0.0 { return a % b; }
                let m = a % b;
                if m != 0.0 {
                    if (b < 0.0) != (m < 0.0) { m + b } else { m }
                } else {
                    (0.0 as Self).copysign(b)
                }
            }
            fn pow(a: Self, b: Self) -> Self { a.powf(b) }
            fn and(a: Self, _: Self) -> Self { a }
            fn or(a: Self, _: Self) -> Self { a }
            fn xor(a: Self, _: Self) -> Self { a }
            fn shl(a: Self, _: Self) -> Self { a }
            fn shr(a: Self, _: Self) -> Self { a }
            fn neg(a: Self) -> Self { -a }
            fn invert(a: Self) -> Self { a }
            fn abs(a: Self) -> Self { a.abs() }
            fn is_nan(a: Self) -> bool { a.is_nan() }
        }
    )*};
}
float_arith!(f32, f64);

impl Arith for Bool8 {
    fn add(a: Self, b: Self) -> Self {
        Bool8(a.0 | b.0)
    }
    fn sub(a: Self, b: Self) -> Self {
        Bool8(a.0 ^ b.0)
    }
    fn mul(a: Self, b: Self) -> Self {
        Bool8(a.0 & b.0)
    }
    fn div(a: Self, _: Self) -> Self {
        a
    }
    fn floordiv(a: Self, b: Self) -> Self {
        Bool8(a.0 & b.0)
    }
    fn rem(_: Self, _: Self) -> Self {
        Bool8(0)
    }
    fn pow(a: Self, b: Self) -> Self {
        Bool8(a.0 | (b.0 ^ 1))
    }
    fn and(a: Self, b: Self) -> Self {
        Bool8(a.0 & b.0)
    }
    fn or(a: Self, b: Self) -> Self {
        Bool8(a.0 | b.0)
    }
    fn xor(a: Self, b: Self) -> Self {
        Bool8(a.0 ^ b.0)
    }
    fn shl(a: Self, _: Self) -> Self {
        a
    }
    fn shr(a: Self, _: Self) -> Self {
        a
    }
    fn neg(a: Self) -> Self {
        a
    }
    fn invert(a: Self) -> Self {
        Bool8(a.0 ^ 1)
    }
    fn abs(a: Self) -> Self {
        a
    }
    fn is_nan(_: Self) -> bool {
        false
    }
}

/// Maximum with NaN propagation, as `np.maximum`: equal values give the
/// second operand (`maxsd`), so `np.maximum(0.0, -0.0)` is `-0.0`.
fn maximum<T: Arith>(a: T, b: T) -> T {
    super::minmax_zero::step(a, b, true)
}

/// Minimum with NaN propagation, as `np.minimum` (equal values: the second).
fn minimum<T: Arith>(a: T, b: T) -> T {
    super::minmax_zero::step(a, b, false)
}

/// Operand views broadcast to a common shape.
fn broadcast_pair(a: &NdArray, b: &NdArray) -> Result<(Vec<usize>, Layout, Layout), EngineError> {
    let (la, lb) = (a.layout(), b.layout());
    let shape = broadcast_shapes_or_err(&[&la.shape, &lb.shape])?;
    Ok((
        shape.clone(),
        broadcast_layout(&la, &shape),
        broadcast_layout(&lb, &shape),
    ))
}

/// A contiguous, aligned run of `n` items starting at the layout's offset.
fn dense_run(l: &Layout, item: usize) -> bool {
    l.is_c_contiguous(item) && l.offset.is_multiple_of(item) && l.strides.iter().all(|&s| s > 0)
}

/// A broadcast scalar: every element is the one at the offset.
fn is_repeated_scalar(l: &Layout) -> bool {
    l.strides.iter().all(|&s| s == 0)
}

/// One operand of the fast path.
enum Operand<'s, T> {
    Run(&'s [T]),
    Scalar(T),
}

impl<T: Copy> Operand<'_, T> {
    #[inline(always)]
    fn at(&self, k: usize) -> T {
        match self {
            Operand::Run(xs) => xs[k],
            Operand::Scalar(v) => *v,
        }
    }
}

fn fast_operand<'s, T: Element>(bytes: &'s [u8], l: &Layout, n: usize) -> Option<Operand<'s, T>> {
    let item = std::mem::size_of::<T>();
    if is_repeated_scalar(l) {
        Some(Operand::Scalar(load::<T>(bytes, l.offset as isize)))
    } else if dense_run(l, item) {
        Some(Operand::Run(bytemuck::cast_slice(
            &bytes[l.offset..l.offset + n * item],
        )))
    } else {
        None
    }
}

/// `out = f(a, b)` elementwise. An operand on `out`'s buffer must have
/// `out`'s layout (`binary_into` copies any other view first); it is then
/// read in place, element by element before that element is written, so an
/// in-place operation needs no temporary.
fn run_binary<T: Arith, O: Element>(
    a: &NdArray,
    la: &Layout,
    b: &NdArray,
    lb: &Layout,
    out: &NdArray,
    f: impl Fn(T, T) -> O + Sync + Send,
) {
    let ol = out.layout();
    let a_own = (!a.same_buffer(out)).then(|| a.buffer().bytes());
    let b_own = (!b.same_buffer(out)).then(|| b.buffer().bytes());
    let mut obytes = out.bytes_mut();
    let item_o = std::mem::size_of::<O>();
    let n = ol.size();
    if n > 0
        && dense_run(&ol, item_o)
        && let (Some(ab), Some(bb)) = (&a_own, &b_own)
        && let (Some(xs), Some(ys)) = (fast_operand::<T>(ab, la, n), fast_operand::<T>(bb, lb, n))
    {
        let zs: &mut [O] = bytemuck::cast_slice_mut(&mut obytes[ol.offset..ol.offset + n * item_o]);
        // Chunks of the output are independent, so large ones run on both
        // cores with the same results as one.
        super::par::for_each_rows(zs, 1, |start, zs| {
            let end = start + zs.len();
            match (&xs, &ys) {
                (Operand::Run(xs), Operand::Run(ys)) => {
                    for ((z, &x), &y) in zs.iter_mut().zip(&xs[start..end]).zip(&ys[start..end]) {
                        *z = f(x, y);
                    }
                }
                (Operand::Run(xs), Operand::Scalar(y)) => {
                    for (z, &x) in zs.iter_mut().zip(&xs[start..end]) {
                        *z = f(x, *y);
                    }
                }
                (Operand::Scalar(x), Operand::Run(ys)) => {
                    for (z, &y) in zs.iter_mut().zip(&ys[start..end]) {
                        *z = f(*x, y);
                    }
                }
                _ => {
                    for (k, z) in zs.iter_mut().enumerate() {
                        *z = f(xs.at(start + k), ys.at(start + k));
                    }
                }
            }
        });
        return;
    }
    for_each_offset3(
        &ol.shape,
        [&la.strides, &lb.strides, &ol.strides],
        [la.offset as isize, lb.offset as isize, ol.offset as isize],
        |pa, pb, po| {
            let x = match &a_own {
                Some(bytes) => load::<T>(bytes, pa),
                None => load::<T>(&obytes, pa),
            };
            let y = match &b_own {
                Some(bytes) => load::<T>(bytes, pb),
                None => load::<T>(&obytes, pb),
            };
            store::<O>(&mut obytes, po, f(x, y));
        },
    );
}

/// NumPy's loop lookup for `op` computed in `dt`: bitwise ops and shifts
/// have no float loop. It comes before any casting check of the output
/// (`x <<= 1.0` on integers is this TypeError, not a cast error).
pub fn has_loop(op: BinaryOp, dt: &DType) -> Result<(), EngineError> {
    if op.is_bitwise() && matches!(dt.kind(), super::dtype::Kind::Float) {
        return Err(unsupported(op.ufunc_name()));
    }
    Ok(())
}

fn unsupported(op: &str) -> EngineError {
    EngineError::Other(
        "TypeError",
        format!(
            "ufunc '{op}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''"
        ),
    )
}

/// `out[...] = op(a, b)` with broadcasting; `a` and `b` already have the
/// compute dtype, which `out` has too. `out` may be one of the inputs (an
/// in-place operation) or a fresh array of the broadcast shape.
pub fn binary_into(
    op: BinaryOp,
    a: &NdArray,
    b: &NdArray,
    out: &NdArray,
) -> Result<(), EngineError> {
    native_operand!(a, a_native);
    native_operand!(b, b_native);
    if matches!(out.dtype(), DType::Ordered(..)) {
        // Computed in native order, then stored in the output's order.
        let tmp = NdArray::for_overwrite(&out.shape(), out.dtype().native())?;
        binary_into(op, a, b, &tmp)?;
        return super::array::copy_elements(&tmp, out);
    }
    // Both operands must stretch to the output's shape (callers compute it
    // from the operands, or check it for in-place operations).
    let shape = out.shape();
    let (la, lb) = (a.layout(), b.layout());
    if !broadcasts_to(&la.shape, &shape) || !broadcasts_to(&lb.shape, &shape) {
        return Err(EngineError::BroadcastMismatch {
            shapes: vec![la.shape, lb.shape],
        });
    }
    let la = broadcast_layout(&la, &shape);
    let lb = broadcast_layout(&lb, &shape);
    // Another view of the output's memory (`x[1:] += x[:-1]`) is copied out
    // first, as NumPy does for overlapping operands; the output itself is
    // read in place by run_binary.
    let (a_copy, b_copy);
    let (a, la) = if a.same_buffer(out) && la != out.layout() {
        a_copy = a.copy(super::array::Order::C)?;
        (&*a_copy, broadcast_layout(&a_copy.layout(), &shape))
    } else {
        (a, la)
    };
    let (b, lb) = if b.same_buffer(out) && lb != out.layout() {
        b_copy = b.copy(super::array::Order::C)?;
        (&*b_copy, broadcast_layout(&b_copy.layout(), &shape))
    } else {
        (b, lb)
    };
    let dt = a.dtype().clone();
    has_loop(op, &dt)?;
    if dt == DType::Bool && op == BinaryOp::Sub {
        return Err(EngineError::type_error(
            "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.",
        ));
    }
    if divide_by_scalar(op, a, &la, b, &lb, out) {
        return Ok(());
    }
    dispatch_numeric!(&dt, T => {
        match op {
            BinaryOp::Add => run_binary::<T, T>(a, &la, b, &lb, out, <T as Arith>::add),
            BinaryOp::Sub => run_binary::<T, T>(a, &la, b, &lb, out, <T as Arith>::sub),
            BinaryOp::Mul => run_binary::<T, T>(a, &la, b, &lb, out, <T as Arith>::mul),
            BinaryOp::Div => run_binary::<T, T>(a, &la, b, &lb, out, <T as Arith>::div),
            BinaryOp::FloorDiv => run_binary::<T, T>(a, &la, b, &lb, out, <T as Arith>::floordiv),
            BinaryOp::Mod => run_binary::<T, T>(a, &la, b, &lb, out, <T as Arith>::rem),
            BinaryOp::Pow => run_binary::<T, T>(a, &la, b, &lb, out, <T as Arith>::pow),
            BinaryOp::And => run_binary::<T, T>(a, &la, b, &lb, out, <T as Arith>::and),
            BinaryOp::Or => run_binary::<T, T>(a, &la, b, &lb, out, <T as Arith>::or),
            BinaryOp::Xor => run_binary::<T, T>(a, &la, b, &lb, out, <T as Arith>::xor),
            BinaryOp::LShift => run_binary::<T, T>(a, &la, b, &lb, out, <T as Arith>::shl),
            BinaryOp::RShift => run_binary::<T, T>(a, &la, b, &lb, out, <T as Arith>::shr),
            BinaryOp::Maximum => run_binary::<T, T>(a, &la, b, &lb, out, maximum::<T>),
            BinaryOp::Minimum => run_binary::<T, T>(a, &la, b, &lb, out, minimum::<T>),
        }
        Ok(())
    }, _ => if super::scalar_kernels::handles(&dt) {
        super::scalar_kernels::binary_into(op, a, &la, b, &lb, out)
    } else {
        Err(unsupported(op.ufunc_name()))
    })
}

/// `a % d` or `a // d` for a dense int64 `a` and one int64 `d >= 2`,
/// through a reciprocal multiply; `false` when the case does not apply.
fn divide_by_scalar(
    op: BinaryOp,
    a: &NdArray,
    la: &Layout,
    b: &NdArray,
    lb: &Layout,
    out: &NdArray,
) -> bool {
    use super::divide::{Divisor, floordiv_i64, rem_i64};
    let ol = out.layout();
    if !matches!(op, BinaryOp::Mod | BinaryOp::FloorDiv)
        || *a.dtype() != DType::Int64
        || a.same_buffer(out)
        || !is_repeated_scalar(lb)
        || !dense_run(la, 8)
        || !dense_run(&ol, 8)
    {
        return false;
    }
    let d = load::<i64>(&b.buffer().bytes(), lb.offset as isize);
    let Some(div) = u64::try_from(d).ok().and_then(Divisor::new) else {
        return false;
    };
    let n = ol.size();
    let ab = a.buffer().bytes();
    let mut ob = out.bytes_mut();
    let xs: &[i64] = bytemuck::cast_slice(&ab[la.offset..la.offset + n * 8]);
    let zs: &mut [i64] = bytemuck::cast_slice_mut(&mut ob[ol.offset..ol.offset + n * 8]);
    if op == BinaryOp::Mod {
        rem_i64(xs, div, zs);
    } else {
        floordiv_i64(xs, div, zs);
    }
    true
}

/// `op(a, b)` into a new array of the broadcast shape.
pub fn binary(op: BinaryOp, a: &NdArray, b: &NdArray) -> Result<ArrayRef, EngineError> {
    let shape = broadcast_shapes_or_err(&[&a.shape(), &b.shape()])?;
    let out = NdArray::for_overwrite(&shape, a.dtype().clone())?;
    binary_into(op, a, b, &out)?;
    Ok(out)
}

/// Elementwise comparison into a new bool array; operands share a dtype.
pub fn compare(op: CompareOp, a: &NdArray, b: &NdArray) -> Result<ArrayRef, EngineError> {
    native_operand!(a, a_native);
    native_operand!(b, b_native);
    let (shape, la, lb) = broadcast_pair(a, b)?;
    let out = NdArray::for_overwrite(&shape, DType::Bool)?;
    let dt = a.dtype().clone();
    dispatch_numeric!(&dt, T => {
        match op {
            CompareOp::Eq => run_binary::<T, Bool8>(a, &la, b, &lb, &out, |x, y| Bool8((x == y) as u8)),
            CompareOp::Ne => run_binary::<T, Bool8>(a, &la, b, &lb, &out, |x, y| Bool8((x != y) as u8)),
            CompareOp::Lt => run_binary::<T, Bool8>(a, &la, b, &lb, &out, |x, y| Bool8((x < y) as u8)),
            CompareOp::Le => run_binary::<T, Bool8>(a, &la, b, &lb, &out, |x, y| Bool8((x <= y) as u8)),
            CompareOp::Gt => run_binary::<T, Bool8>(a, &la, b, &lb, &out, |x, y| Bool8((x > y) as u8)),
            CompareOp::Ge => run_binary::<T, Bool8>(a, &la, b, &lb, &out, |x, y| Bool8((x >= y) as u8)),
        }
        Ok(out)
    }, _ => {
        // Strings and other non-numeric types compare through scalars.
        let (xs, ys) = (a.to_scalars_layout(&la), b.to_scalars_layout(&lb));
        let vals: Vec<super::scalar::Scalar> = xs.iter().zip(&ys).map(|(x, y)| {
            let ord = compare_scalars(x, y);
            super::scalar::Scalar::Bool(match op {
                CompareOp::Eq => ord == Some(std::cmp::Ordering::Equal),
                CompareOp::Ne => ord != Some(std::cmp::Ordering::Equal),
                CompareOp::Lt => ord == Some(std::cmp::Ordering::Less),
                CompareOp::Le => matches!(ord, Some(std::cmp::Ordering::Less | std::cmp::Ordering::Equal)),
                CompareOp::Gt => ord == Some(std::cmp::Ordering::Greater),
                CompareOp::Ge => matches!(ord, Some(std::cmp::Ordering::Greater | std::cmp::Ordering::Equal)),
            })
        }).collect();
        NdArray::from_scalars(&shape, DType::Bool, &vals)
    })
}

fn compare_scalars(
    x: &super::scalar::Scalar,
    y: &super::scalar::Scalar,
) -> Option<std::cmp::Ordering> {
    use super::scalar::Scalar::*;
    match (x, y) {
        (Str(a), Str(b)) => Some(a.cmp(b)),
        (Float(a), Float(b)) => a.partial_cmp(b),
        (Bytes(a), Bytes(b)) => Some(a.cmp(b)),
        (Complex(a, b), Complex(c, d)) => {
            if a == c && b == d {
                Some(std::cmp::Ordering::Equal)
            } else {
                (a, b).partial_cmp(&(c, d))
            }
        }
        (Record(a), Record(b)) => {
            if a == b {
                Some(std::cmp::Ordering::Equal)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// `f` of every element of a float64 array, into a new C-ordered float64
/// array (see `map_into`).
pub fn map_f64(a: &NdArray, f: impl Fn(f64) -> f64 + Sync + Send) -> Result<ArrayRef, EngineError> {
    map_same::<f64>(a, DType::Float64, f)
}

/// `f` of every element of a float32 array, into a new C-ordered float32
/// array, with no float64 temporary (see `map_into`).
pub fn map_f32(a: &NdArray, f: impl Fn(f32) -> f32 + Sync + Send) -> Result<ArrayRef, EngineError> {
    map_same::<f32>(a, DType::Float32, f)
}

/// `f(x, y)` of each pair of elements of `a` and `b` (both of `T`'s dtype)
/// broadcast together, into a new C-ordered array of `T`; `None` when the
/// shapes do not broadcast (the caller reports that in its own words).
pub fn map2<T: Arith>(
    a: &NdArray,
    b: &NdArray,
    f: impl Fn(T, T) -> T + Sync + Send,
) -> Result<Option<ArrayRef>, EngineError> {
    if *a.dtype() != T::dtype() || *b.dtype() != T::dtype() {
        return Err(EngineError::Other(
            "TypeError",
            format!("map2 needs {} elements", T::dtype().name()),
        ));
    }
    let (sa, sb) = (a.shape(), b.shape());
    let Some(shape) = super::broadcast::broadcast_shapes(&[&sa, &sb]) else {
        return Ok(None);
    };
    let out = NdArray::for_overwrite(&shape, T::dtype())?;
    let la = broadcast_layout(&a.layout(), &shape);
    let lb = broadcast_layout(&b.layout(), &shape);
    run_binary::<T, T>(a, &la, b, &lb, &out, f);
    Ok(Some(out))
}

/// `f` of every element of a float32 array, where `f(xs, zs)` writes each
/// `zs[i]` from `xs[i]`: whole runs go to `f` at once (so it can be a
/// loop compiled for the CPU's vector units), strided elements one by one.
pub fn map_f32_runs(
    a: &NdArray,
    f: impl Fn(&[f32], &mut [f32]) + Sync + Send,
) -> Result<ArrayRef, EngineError> {
    if *a.dtype() != DType::Float32 {
        // `map_f32`'s refusal of other element types.
        return map_f32(a, |x| x);
    }
    let out = NdArray::for_overwrite(&a.shape(), DType::Float32)?;
    let l = a.layout();
    let n = l.size();
    let src = a.buffer().bytes();
    let ol = out.layout();
    if n > 0
        && dense_run(&ol, 4)
        && let Some(Operand::Run(xs)) = fast_operand::<f32>(&src, &l, n)
    {
        {
            let mut ob = out.bytes_mut();
            let zs: &mut [f32] = bytemuck::cast_slice_mut(&mut ob[ol.offset..ol.offset + n * 4]);
            super::par::for_each_rows(zs, 1, |start, zs| f(&xs[start..start + zs.len()], zs));
        }
        return Ok(out);
    }
    drop(src);
    map_into::<f32, f32>(a, &out, |x| {
        let mut z = [0.0];
        f(&[x], &mut z);
        z[0]
    });
    Ok(out)
}

fn map_same<T: Element>(
    a: &NdArray,
    dt: DType,
    f: impl Fn(T) -> T + Sync + Send,
) -> Result<ArrayRef, EngineError> {
    if *a.dtype() != dt {
        return Err(EngineError::Other(
            "TypeError",
            format!("map needs {} elements, not {}", dt.name(), a.dtype().name()),
        ));
    }
    let out = NdArray::for_overwrite(&a.shape(), dt)?;
    map_into::<T, T>(a, &out, f);
    Ok(out)
}

/// `f` of every element of an array of `T`'s dtype, into a new C-ordered
/// array of `O`'s (a predicate's bools, say).
pub fn map_to<T: Element, O: Element>(
    a: &NdArray,
    f: impl Fn(T) -> O + Sync + Send,
) -> Result<ArrayRef, EngineError> {
    if *a.dtype() != T::dtype() {
        return Err(EngineError::Other(
            "TypeError",
            format!(
                "map needs {} elements, not {}",
                T::dtype().name(),
                a.dtype().name()
            ),
        ));
    }
    let out = NdArray::for_overwrite(&a.shape(), O::dtype())?;
    map_into::<T, O>(a, &out, f);
    Ok(out)
}

/// `out[...] = f(a)` elementwise for a fresh `out` of `a`'s shape, of
/// element types `T` and `O`: a slice loop on both cores when `a` is one
/// dense run, else a strided walk. Each element is computed alone, so the
/// split does not change a bit.
fn map_into<T: Element, O: Element>(a: &NdArray, out: &NdArray, f: impl Fn(T) -> O + Sync + Send) {
    let l = a.layout();
    let n = l.size();
    let src = a.buffer().bytes();
    let ol = out.layout();
    let mut ob = out.bytes_mut();
    let item_o = std::mem::size_of::<O>();
    if n > 0
        && dense_run(&ol, item_o)
        && let Some(Operand::Run(xs)) = fast_operand::<T>(&src, &l, n)
    {
        let zs: &mut [O] = bytemuck::cast_slice_mut(&mut ob[ol.offset..ol.offset + n * item_o]);
        super::par::for_each_rows(zs, 1, |start, zs| {
            let end = start + zs.len();
            // Compiled for AVX2 where the CPU has it, so `floor` and the
            // like are one instruction and the loop vectorises; a library
            // call stays a call, and no result bit changes.
            super::cpu::with_fma(
                #[inline(always)]
                || {
                    for (z, &x) in zs.iter_mut().zip(&xs[start..end]) {
                        *z = f(x);
                    }
                },
            )
        });
    } else {
        for_each_offset2(
            &l.shape,
            [&l.strides, &ol.strides],
            [l.offset as isize, ol.offset as isize],
            |s, d| store::<O>(&mut ob, d, f(load::<T>(&src, s))),
        );
    }
}

/// `np.where(cond, x, y)` into a new C-ordered array of `shape` (which all
/// three broadcast to): `x`'s element where `cond` is true, else `y`'s.
/// `None` unless `cond` is bool and `x` and `y` share one numeric dtype.
pub fn select(
    cond: &NdArray,
    x: &NdArray,
    y: &NdArray,
    shape: &[usize],
) -> Result<Option<ArrayRef>, EngineError> {
    if *cond.dtype() != DType::Bool || x.dtype() != y.dtype() {
        return Ok(None);
    }
    for l in [cond.layout(), x.layout(), y.layout()] {
        if !broadcasts_to(&l.shape, shape) {
            return Ok(None);
        }
    }
    dispatch_numeric!(x.dtype(), T => select_typed::<T>(cond, x, y, shape).map(Some), _ => Ok(None))
}

fn select_typed<T: Element>(
    cond: &NdArray,
    x: &NdArray,
    y: &NdArray,
    shape: &[usize],
) -> Result<ArrayRef, EngineError> {
    let out = NdArray::for_overwrite(shape, x.dtype().clone())?;
    let lc = broadcast_layout(&cond.layout(), shape);
    let lx = broadcast_layout(&x.layout(), shape);
    let ly = broadcast_layout(&y.layout(), shape);
    let ol = out.layout();
    let n = ol.size();
    let item = std::mem::size_of::<T>();
    let (cb, xb, yb) = (
        cond.buffer().bytes(),
        x.buffer().bytes(),
        y.buffer().bytes(),
    );
    let mut ob = out.bytes_mut();
    let pick = |c: Bool8, a: T, b: T| if c.0 != 0 { a } else { b };
    if n > 0
        && let (Some(cs), Some(xs), Some(ys)) = (
            fast_operand::<Bool8>(&cb, &lc, n),
            fast_operand::<T>(&xb, &lx, n),
            fast_operand::<T>(&yb, &ly, n),
        )
    {
        let zs: &mut [T] = bytemuck::cast_slice_mut(&mut ob[ol.offset..ol.offset + n * item]);
        super::par::for_each_rows(zs, 1, |start, zs| {
            let end = start + zs.len();
            match (&cs, &xs, &ys) {
                (Operand::Run(cs), Operand::Run(xs), Operand::Run(ys)) => {
                    let it = cs[start..end]
                        .iter()
                        .zip(&xs[start..end])
                        .zip(&ys[start..end]);
                    for (z, ((&c, &a), &b)) in zs.iter_mut().zip(it) {
                        *z = pick(c, a, b);
                    }
                }
                (Operand::Run(cs), Operand::Run(xs), Operand::Scalar(b)) => {
                    for (z, (&c, &a)) in zs
                        .iter_mut()
                        .zip(cs[start..end].iter().zip(&xs[start..end]))
                    {
                        *z = pick(c, a, *b);
                    }
                }
                (Operand::Run(cs), Operand::Scalar(a), Operand::Run(ys)) => {
                    for (z, (&c, &b)) in zs
                        .iter_mut()
                        .zip(cs[start..end].iter().zip(&ys[start..end]))
                    {
                        *z = pick(c, *a, b);
                    }
                }
                _ => {
                    for (k, z) in zs.iter_mut().enumerate() {
                        *z = pick(cs.at(start + k), xs.at(start + k), ys.at(start + k));
                    }
                }
            }
        });
    } else {
        for_each_offset4(
            shape,
            [&lc.strides, &lx.strides, &ly.strides, &ol.strides],
            [
                lc.offset as isize,
                lx.offset as isize,
                ly.offset as isize,
                ol.offset as isize,
            ],
            |pc, px, py, po| {
                let v = if load::<Bool8>(&cb, pc).0 != 0 {
                    load::<T>(&xb, px)
                } else {
                    load::<T>(&yb, py)
                };
                store::<T>(&mut ob, po, v);
            },
        );
    }
    drop(ob);
    Ok(out)
}

/// Unary elementwise operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    /// `-a`
    Neg,
    /// `~a`
    Invert,
    /// `abs(a)`
    Abs,
}

/// `op(a)` into a new array.
pub fn unary(op: UnaryOp, a: &NdArray) -> Result<ArrayRef, EngineError> {
    native_operand!(a, a_native);
    let l = a.layout();
    let dt = a.dtype().clone();
    if super::scalar_kernels::handles(&dt) {
        return super::scalar_kernels::unary(op, a);
    }
    let out = NdArray::for_overwrite(&l.shape, dt.clone())?;
    if op == UnaryOp::Neg && dt == DType::Bool {
        return Err(EngineError::type_error(
            "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.",
        ));
    }
    if op == UnaryOp::Invert && matches!(dt.kind(), super::dtype::Kind::Float) {
        return Err(EngineError::type_error(
            "ufunc 'invert' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''",
        ));
    }
    {
        dispatch_numeric!(&dt, T => {
            match op {
                UnaryOp::Neg => map_into::<T, T>(a, &out, <T as Arith>::neg),
                UnaryOp::Invert => map_into::<T, T>(a, &out, <T as Arith>::invert),
                UnaryOp::Abs => map_into::<T, T>(a, &out, <T as Arith>::abs),
            }
        }, _ => return Err(EngineError::type_error(format!("ufunc '{}' did not contain a loop with signature matching types", match op { UnaryOp::Neg => "negative", UnaryOp::Invert => "invert", UnaryOp::Abs => "absolute" }))));
    }
    // Laid out as NumPy allocates it: `-f` of a Fortran `f` is Fortran.
    super::kept_order::kept_like(out, &[a])
}

impl NdArray {
    /// Elements in C order of a (possibly broadcast) layout over this buffer.
    pub fn to_scalars_layout(&self, l: &Layout) -> Vec<super::scalar::Scalar> {
        let bytes = self.buffer().bytes();
        let dt = self.dtype();
        let mut out = super::buffer::vec_for(&l.shape, dt.itemsize(), &dt.name());
        super::iter::for_each_offset(&l.shape, &l.strides, l.offset as isize, |o| {
            out.push(super::element::read_scalar(&bytes, o, self.dtype()))
        });
        out
    }
}
