//! Data types: what one element is, how many bytes it takes, and NumPy's names
//! for it. Casting and promotion rules live in `promote.rs`; reading and
//! writing elements in `element.rs`.

use std::cell::{Ref, RefCell};
use std::rc::Rc;

/// An element type, as NumPy's `dtype`. Every plain variant is in native
/// (little-endian) order, NumPy's order on Linux x86-64 and aarch64; a
/// byte order written out is the one wrapper variant, `Ordered`, which no
/// typed kernel matches (`dispatch_numeric!` lists plain variants only), so
/// swapped bytes can never be read as native ones.
#[derive(Debug, Clone, PartialEq)]
pub enum DType {
    /// `bool`, one byte, 0 or 1.
    Bool,
    /// `int8`
    Int8,
    /// `int16`
    Int16,
    /// `int32`
    Int32,
    /// `int64` (NumPy's default integer on Linux, and `intp`).
    Int64,
    /// `uint8`
    UInt8,
    /// `uint16`
    UInt16,
    /// `uint32`
    UInt32,
    /// `uint64`
    UInt64,
    /// `float16`
    Float16,
    /// `float32`
    Float32,
    /// `float64` (the default float).
    Float64,
    /// `complex64`: two float32.
    Complex64,
    /// `complex128`: two float64.
    Complex128,
    /// `<U n`: n UCS-4 code points, NUL padded (4·n bytes).
    Str(usize),
    /// `|S n`: n bytes, NUL padded.
    Bytes(usize),
    /// A structured (record) type, or plain `V n` when it has no fields.
    Record(Rc<RecordType>),
    /// A plain multi-byte type (number, `float16`, complex, `U n`) with a
    /// byte order written out: `'>i4'` (bytes swapped) or the `'<i4'` that
    /// `newbyteorder` makes (native bytes, spelled with `<`). Made only by
    /// `DType::ordered`, so the inner type is never itself `Ordered`, a
    /// record, bytes or a one-byte type. Kernels see it only through
    /// `read_scalar`/`write_scalar` and byte copies; every computation
    /// casts it to `native()` first.
    Ordered(Box<DType>, Endian),
    /// `datetime64[unit]` (`M8`) or, with `delta`, `timedelta64[unit]`
    /// (`m8`): an int64 count of `unit`s, `NaT` = int64 min. Units, parsing
    /// and printing live in `engine/datetime.rs`.
    Time(super::datetime::TimeUnit, bool),
    /// `object` (`O`): each element is a `u64` id of a reference kept in
    /// `engine/object.rs`'s arena; only byte copies (which copy references)
    /// and the object-aware paths in `eval` touch it, every typed kernel
    /// refuses it.
    Object,
}

/// A byte order written out in a dtype.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endian {
    /// `>`: big-endian, the bytes of each value reversed from native.
    Big,
    /// `<` kept as written by `newbyteorder` (NumPy's `'<'` byteorder
    /// character, as opposed to `'='`): native bytes.
    Little,
}

/// The layout of a structured dtype: named fields at byte offsets inside a
/// record of `itemsize` bytes. Offsets may leave gaps and need not be in
/// order: a multi-field index (`data[['wage', 'age']]`) keeps the parent's
/// offsets and itemsize.
///
/// One record type is one NumPy dtype object, shared (`Rc`) by every
/// array and value made with it; `dtype.names = ...` renames the fields
/// of that object in place, so the fields sit in a `RefCell` and are read
/// through [`RecordType::fields`].
#[derive(Debug, Clone)]
pub struct RecordType {
    /// The fields in their declared (name) order.
    pub cells: RefCell<Vec<Field>>,
    /// Bytes per record.
    pub itemsize: usize,
    /// Made with `align=True`: fields at their C alignment, the itemsize
    /// a multiple of the largest (`dtype.isalignedstruct`).
    pub aligned: bool,
}

/// One field of a structured dtype.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The field's name.
    pub name: String,
    /// The type of one element of the field.
    pub dtype: DType,
    /// Byte offset inside the record.
    pub offset: usize,
    /// Sub-array shape (`('b', 'f8', (3, 3))`); empty for a scalar field.
    pub shape: Vec<usize>,
    /// A second name the field answers to (`(('title', 'name'), 'i4')`).
    pub title: Option<String>,
}

impl Field {
    /// Bytes the field occupies in the record.
    pub fn nbytes(&self) -> usize {
        self.dtype.itemsize() * self.shape.iter().product::<usize>()
    }
}

/// NumPy's dtype equality: same fields at the same offsets, same itemsize;
/// whether the struct was made with `align=True` does not count.
impl PartialEq for RecordType {
    fn eq(&self, other: &Self) -> bool {
        *self.fields() == *other.fields() && self.itemsize == other.itemsize
    }
}

impl RecordType {
    /// A record type of `fields` in `itemsize` bytes.
    pub fn new(fields: Vec<Field>, itemsize: usize, aligned: bool) -> RecordType {
        RecordType {
            cells: RefCell::new(fields),
            itemsize,
            aligned,
        }
    }

    /// The fields in their declared order.
    pub fn fields(&self) -> Ref<'_, Vec<Field>> {
        self.cells.borrow()
    }

    /// Give the fields new names, in order (`dtype.names = ...`): every
    /// holder of this record type sees them.
    pub fn rename(&self, names: Vec<String>) {
        for (f, name) in self.cells.borrow_mut().iter_mut().zip(names) {
            f.name = name;
        }
    }

    /// True when the fields sit where the list form would put them —
    /// end to end, or at their alignment for an aligned struct — which is
    /// when NumPy prints the dtype as a list of tuples rather than a dict
    /// (`_is_packed` in `numpy/_core/_dtype.py`).
    pub fn is_packed(&self) -> bool {
        let (mut at, mut widest) = (0usize, 1usize);
        for f in self.fields().iter() {
            if self.aligned {
                at = at.next_multiple_of(f.dtype.alignment());
                widest = widest.max(f.dtype.alignment());
            }
            if f.offset != at {
                return false;
            }
            at += f.nbytes();
        }
        if self.aligned {
            at = at.next_multiple_of(widest);
        }
        at == self.itemsize
    }

    /// True when a field has a title (printed as `((title, name), fmt)`).
    pub fn has_titles(&self) -> bool {
        self.fields().iter().any(|f| f.title.is_some())
    }

    /// The field called `name`, or titled `name`.
    pub fn field(&self, name: &str) -> Option<Ref<'_, Field>> {
        Ref::filter_map(self.fields(), |fs| {
            fs.iter()
                .find(|f| f.name == name || f.title.as_deref() == Some(name))
        })
        .ok()
    }
}

/// The broad category of a dtype, as NumPy's `dtype.kind` letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// `b`
    Bool,
    /// `u`
    UInt,
    /// `i`
    Int,
    /// `f`
    Float,
    /// `c`
    Complex,
    /// `U`
    Str,
    /// `S`
    Bytes,
    /// `V`
    Void,
    /// `M` (datetime64)
    DateTime,
    /// `m` (timedelta64)
    TimeDelta,
    /// `O` (object)
    Object,
}

impl Kind {
    /// An integer, float or complex kind (not bool): what text casts to by
    /// Python's numeral rules.
    pub fn is_number(self) -> bool {
        matches!(self, Kind::Int | Kind::UInt | Kind::Float | Kind::Complex)
    }
}

impl DType {
    /// The unstructured void `V n`: a record of `n` bytes without fields.
    pub fn plain_void(n: usize) -> DType {
        DType::Record(Rc::new(RecordType {
            cells: std::cell::RefCell::new(vec![]),
            itemsize: n,
            aligned: false,
        }))
    }

    /// `inner` with byte order `endian`: the order-free types (one-byte
    /// numbers, bytes, records) come back as they are, since NumPy gives
    /// them byte order `'|'`.
    pub fn ordered(inner: DType, endian: Endian) -> DType {
        let inner = inner.native();
        if inner.has_byte_order() {
            DType::Ordered(Box::new(inner), endian)
        } else {
            inner
        }
    }

    /// The same type in native order with no order written out (`'>i4'`
    /// → `int32`). Records keep their fields' orders, as NumPy does.
    pub fn native(&self) -> DType {
        match self {
            DType::Ordered(inner, _) => (**inner).clone(),
            other => other.clone(),
        }
    }

    /// An unsized `'U'` or `'S'` without its byte order: NumPy sizes an
    /// unsized text type afresh, in native order, wherever it is used
    /// (`np.array(['ab'], dtype='>U')` is `<U2`), so a written order is
    /// kept only by the dtype object itself. Every other dtype as it is.
    pub fn unsized_text_native(&self) -> DType {
        match self {
            DType::Ordered(inner, _) if matches!(**inner, DType::Str(0) | DType::Bytes(0)) => {
                (**inner).clone()
            }
            other => other.clone(),
        }
    }

    /// True when the element's bytes are in the reverse of native order
    /// (`'>i4'` on this little-endian machine).
    pub fn is_swapped(&self) -> bool {
        matches!(self, DType::Ordered(_, Endian::Big))
    }

    /// True when the type has a byte order at all (NumPy's byteorder is
    /// not `'|'`): plain numbers wider than a byte, and text.
    pub fn has_byte_order(&self) -> bool {
        match self {
            DType::Bytes(_) | DType::Record(_) | DType::Object => false,
            DType::Str(_) | DType::Ordered(..) => true,
            other => other.itemsize() > 1,
        }
    }

    /// NumPy's `dtype.byteorder` character: `'>'`, `'<'` (as
    /// `newbyteorder` writes it), `'='` or `'|'`.
    pub fn byteorder_char(&self) -> char {
        match self {
            DType::Ordered(_, Endian::Big) => '>',
            DType::Ordered(_, Endian::Little) => '<',
            other if other.has_byte_order() => '=',
            _ => '|',
        }
    }

    /// NumPy's dtype equality (`==`, `np.dtype(a) == b`): `'<i4'` written
    /// out equals `int32`; `'>i4'` does not.
    pub fn equivalent(&self, other: &DType) -> bool {
        let strip = |d: &DType| match d {
            DType::Ordered(inner, Endian::Little) => (**inner).clone(),
            d => d.clone(),
        };
        strip(self) == strip(other)
    }

    /// The length in bytes of each piece byte swapping reverses: the item
    /// for numbers, a part for complex, a code point for text; `None` for
    /// order-free types.
    pub fn swap_unit(&self) -> Option<usize> {
        match self {
            DType::Ordered(inner, _) => inner.swap_unit(),
            DType::Complex64 => Some(4),
            DType::Complex128 => Some(8),
            DType::Str(_) => Some(4),
            DType::Bytes(_) | DType::Record(_) | DType::Object => None,
            other if other.itemsize() > 1 => Some(other.itemsize()),
            _ => None,
        }
    }

    /// Bytes per element.
    pub fn itemsize(&self) -> usize {
        match self {
            DType::Ordered(inner, _) => inner.itemsize(),
            DType::Bool | DType::Int8 | DType::UInt8 => 1,
            DType::Int16 | DType::UInt16 | DType::Float16 => 2,
            DType::Int32 | DType::UInt32 | DType::Float32 => 4,
            DType::Int64 | DType::UInt64 | DType::Float64 | DType::Complex64 => 8,
            DType::Complex128 => 16,
            DType::Str(n) => 4 * n,
            DType::Bytes(n) => *n,
            DType::Record(r) => r.itemsize,
            DType::Time(..) | DType::Object => 8,
        }
    }

    /// `dtype.alignment`: the C alignment of one element (a complex
    /// number's part, 4 for UCS-4 text, the widest field of an aligned
    /// struct, 1 for bytes and unaligned records).
    pub fn alignment(&self) -> usize {
        match self {
            DType::Ordered(inner, _) => inner.alignment(),
            DType::Complex64 | DType::Complex128 => self.itemsize() / 2,
            DType::Str(_) => 4,
            DType::Bytes(_) => 1,
            DType::Record(r) if r.aligned => r
                .fields()
                .iter()
                .map(|f| f.dtype.alignment())
                .max()
                .unwrap_or(1),
            DType::Record(_) => 1,
            other => other.itemsize(),
        }
    }

    /// True when every byte of an element belongs to its value: false for
    /// a record with gaps between or after its fields (a multi-field view,
    /// `{'offsets': [0, 8]}`), whose gap bytes belong to other fields of
    /// the same buffer and must never be copied over.
    pub fn is_gapless(&self) -> bool {
        let DType::Record(r) = self else {
            return true;
        };
        if r.fields().is_empty() {
            return true;
        }
        let mut spans: Vec<(usize, usize)> = r
            .fields()
            .iter()
            .filter(|f| f.dtype.is_gapless())
            .map(|f| (f.offset, f.offset + f.nbytes()))
            .collect();
        if spans.len() != r.fields().len() {
            return false;
        }
        spans.sort_unstable();
        let mut reached = 0;
        for (start, end) in spans {
            if start > reached {
                return false;
            }
            reached = reached.max(end);
        }
        reached == r.itemsize
    }

    /// The values an integer dtype holds, `(min, max)`; `None` for others.
    /// Every bound check (casts of Python ints, `iinfo`, `randint`'s
    /// limits) reads it here.
    pub fn int_range(&self) -> Option<(i128, i128)> {
        let bits = 8 * self.itemsize() as u32;
        match self.kind() {
            Kind::Int => Some((-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)),
            Kind::UInt => Some((0, (1i128 << bits) - 1)),
            _ => None,
        }
    }

    /// The kind letter's category.
    pub fn kind(&self) -> Kind {
        match self {
            DType::Bool => Kind::Bool,
            DType::Int8 | DType::Int16 | DType::Int32 | DType::Int64 => Kind::Int,
            DType::UInt8 | DType::UInt16 | DType::UInt32 | DType::UInt64 => Kind::UInt,
            DType::Float16 | DType::Float32 | DType::Float64 => Kind::Float,
            DType::Complex64 | DType::Complex128 => Kind::Complex,
            DType::Str(_) => Kind::Str,
            DType::Bytes(_) => Kind::Bytes,
            DType::Record(_) => Kind::Void,
            DType::Time(_, false) => Kind::DateTime,
            DType::Time(_, true) => Kind::TimeDelta,
            DType::Object => Kind::Object,
            DType::Ordered(inner, _) => inner.kind(),
        }
    }

    /// NumPy's `dtype.kind` character.
    pub fn kind_char(&self) -> char {
        match self.kind() {
            Kind::Bool => 'b',
            Kind::Int => 'i',
            Kind::UInt => 'u',
            Kind::Float => 'f',
            Kind::Complex => 'c',
            Kind::Str => 'U',
            Kind::Bytes => 'S',
            Kind::Void => 'V',
            Kind::DateTime => 'M',
            Kind::TimeDelta => 'm',
            Kind::Object => 'O',
        }
    }

    /// True for the integer kinds (signed or not).
    pub fn is_integer(&self) -> bool {
        matches!(self.kind(), Kind::Int | Kind::UInt)
    }

    /// True for float and complex: NumPy's `np.inexact` kinds.
    pub fn is_inexact(&self) -> bool {
        matches!(self.kind(), Kind::Float | Kind::Complex)
    }

    /// True for bool, integer, float and complex: the types arithmetic works on.
    pub fn is_numeric(&self) -> bool {
        matches!(
            self.kind(),
            Kind::Bool | Kind::Int | Kind::UInt | Kind::Float | Kind::Complex
        )
    }

    /// NumPy's `dtype.name` / `str(dtype)` for simple types: `int64`,
    /// `float32`, `bool`, `<U10`, `|S3`, `void416`. Structured types have no
    /// short name; this gives their `V n` name.
    pub fn name(&self) -> String {
        match self {
            DType::Bool => "bool".into(),
            DType::Int8 => "int8".into(),
            DType::Int16 => "int16".into(),
            DType::Int32 => "int32".into(),
            DType::Int64 => "int64".into(),
            DType::UInt8 => "uint8".into(),
            DType::UInt16 => "uint16".into(),
            DType::UInt32 => "uint32".into(),
            DType::UInt64 => "uint64".into(),
            DType::Float16 => "float16".into(),
            DType::Float32 => "float32".into(),
            DType::Float64 => "float64".into(),
            DType::Complex64 => "complex64".into(),
            DType::Complex128 => "complex128".into(),
            DType::Str(n) => format!("<U{n}"),
            DType::Bytes(n) => format!("|S{n}"),
            DType::Record(r) => format!("void{}", 8 * r.itemsize),
            DType::Time(u, delta) => super::datetime::dtype_name(*u, *delta),
            DType::Object => "object".into(),
            DType::Ordered(inner, _) => inner.name(),
        }
    }

    /// The array-protocol type string (`dtype.str`): `<i8`, `|b1`, `<f4`,
    /// `<U10`, `|S3`, `|V16`.
    pub fn descr(&self) -> String {
        match self {
            DType::Bool => "|b1".into(),
            DType::Int8 => "|i1".into(),
            DType::UInt8 => "|u1".into(),
            DType::Str(n) => format!("<U{n}"),
            DType::Bytes(n) => format!("|S{n}"),
            DType::Record(r) => format!("|V{}", r.itemsize),
            DType::Object => "|O".into(),
            DType::Ordered(inner, Endian::Big) => format!(">{}", &inner.descr()[1..]),
            DType::Ordered(inner, Endian::Little) => inner.descr(),
            DType::Time(u, delta) => super::datetime::dtype_str(*u, *delta),
            other => format!("<{}{}", other.kind_char(), other.itemsize()),
        }
    }

    /// The name of NumPy's scalar type for one element: `int64` for
    /// `np.int64(5)`, `bool` (printed `np.True_`), `str_`, `bytes_`, `void`.
    pub fn scalar_type_name(&self) -> String {
        match self {
            DType::Str(_) => "str_".into(),
            DType::Bytes(_) => "bytes_".into(),
            DType::Record(_) => "void".into(),
            DType::Time(_, false) => "datetime64".into(),
            DType::Time(_, true) => "timedelta64".into(),
            DType::Object => "object_".into(),
            DType::Ordered(inner, _) => inner.scalar_type_name(),
            other => other.name(),
        }
    }

    /// Parse a dtype given as a string, the way `np.dtype('...')` reads it:
    /// names (`'int64'`, `'float'`, `'bool'`), codes (`'i4'`, `'<f8'`, `'u1'`,
    /// `'U10'`, `'S3'`, `'?'`, `'b'`), and NumPy's single letters. Returns
    /// `None` for anything NumPy would call "not understood". Byte orders
    /// other than native/little (`>`) are refused here, as slicelab keeps
    /// every buffer little-endian.
    pub fn parse(text: &str) -> Option<DType> {
        let named = match text {
            "bool" | "bool_" | "?" | "b1" | "|b1" => Some(DType::Bool),
            "int8" | "byte" | "b" => Some(DType::Int8),
            "int16" | "short" | "h" => Some(DType::Int16),
            "int32" | "intc" | "i" => Some(DType::Int32),
            "int64" | "int" | "intp" | "int_" | "long" | "longlong" | "l" | "q" | "p" | "n" => {
                Some(DType::Int64)
            }
            "uint8" | "ubyte" | "B" => Some(DType::UInt8),
            "uint16" | "ushort" | "H" => Some(DType::UInt16),
            "uint32" | "uintc" | "I" => Some(DType::UInt32),
            "uint64" | "uint" | "uintp" | "ulong" | "ulonglong" | "L" | "Q" | "P" | "N" => {
                Some(DType::UInt64)
            }
            "float16" | "half" | "e" => Some(DType::Float16),
            "float32" | "single" | "f" => Some(DType::Float32),
            "float64" | "float" | "double" | "d" => Some(DType::Float64),
            "complex64" | "csingle" | "F" => Some(DType::Complex64),
            "complex128" | "complex" | "cdouble" | "D" => Some(DType::Complex128),
            "str" | "str_" | "unicode" | "U" => Some(DType::Str(0)),
            "bytes" | "bytes_" | "S" => Some(DType::Bytes(0)),
            "object" | "object_" | "O" | "|O" => Some(DType::Object),
            _ => None,
        };
        if named.is_some() {
            return named;
        }
        let body = text
            .strip_prefix('<')
            .or_else(|| text.strip_prefix('='))
            .or_else(|| text.strip_prefix('|'))
            .unwrap_or(text);
        let mut chars = body.chars();
        let code = chars.next()?;
        let digits = chars.as_str();
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let n: usize = digits.parse().ok()?;
        match (code, n) {
            ('b', 1) => Some(DType::Bool),
            ('i', 1) => Some(DType::Int8),
            ('i', 2) => Some(DType::Int16),
            ('i', 4) => Some(DType::Int32),
            ('i', 8) => Some(DType::Int64),
            ('u', 1) => Some(DType::UInt8),
            ('u', 2) => Some(DType::UInt16),
            ('u', 4) => Some(DType::UInt32),
            ('u', 8) => Some(DType::UInt64),
            ('f', 2) => Some(DType::Float16),
            ('f', 4) => Some(DType::Float32),
            ('f', 8) => Some(DType::Float64),
            ('c', 8) => Some(DType::Complex64),
            ('c', 16) => Some(DType::Complex128),
            ('U', n) => Some(DType::Str(n)),
            ('S', n) | ('a', n) => Some(DType::Bytes(n)),
            ('V', n) => Some(DType::plain_void(n)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_and_names() {
        assert_eq!(DType::parse("i4"), Some(DType::Int32));
        assert_eq!(DType::parse("<f8"), Some(DType::Float64));
        assert_eq!(DType::parse("U10"), Some(DType::Str(10)));
        assert_eq!(DType::parse("float"), Some(DType::Float64));
        assert_eq!(DType::parse("int"), Some(DType::Int64));
        assert_eq!(DType::parse("foo"), None);
        assert_eq!(DType::parse("i3"), None);
    }

    #[test]
    fn written_out_byte_orders() {
        let big = DType::ordered(DType::Int32, Endian::Big);
        assert_eq!(big.descr(), ">i4");
        assert_eq!(big.itemsize(), 4);
        assert_eq!(big.byteorder_char(), '>');
        assert!(big.is_swapped() && !big.equivalent(&DType::Int32));
        assert_eq!(big.native(), DType::Int32);
        // One-byte types, bytes and records have no byte order.
        assert_eq!(DType::ordered(DType::UInt8, Endian::Big), DType::UInt8);
        assert_eq!(
            DType::ordered(DType::Bytes(3), Endian::Big),
            DType::Bytes(3)
        );
        let little = DType::ordered(DType::Float64, Endian::Little);
        assert!(little.equivalent(&DType::Float64) && little != DType::Float64);
        assert_eq!(little.descr(), "<f8");
        assert_eq!(
            DType::ordered(DType::Complex64, Endian::Big).swap_unit(),
            Some(4)
        );
    }

    #[test]
    fn names_match_numpy() {
        assert_eq!(DType::Int64.name(), "int64");
        assert_eq!(DType::Str(10).descr(), "<U10");
        assert_eq!(DType::Bool.descr(), "|b1");
        assert_eq!(DType::Float32.descr(), "<f4");
    }
}
