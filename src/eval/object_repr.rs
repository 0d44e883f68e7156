//! `repr()` and `str()` of every object kind of the value model
//! ([`super::object`]): functions, exceptions, iterators, sets, classes and
//! instances, NumPy's result namedtuples, masked and record arrays,
//! `vectorize` objects and `np.random`'s objects.
//!
//! [`super::display`] calls in here for a `Value::Object`, and these call
//! back into it for the values they hold; nothing else is needed, so every
//! module can print any value without importing the modules that make it.

use std::rc::Rc;

use crate::render::PrintOptions;

use super::display::{repr, str_of};
use super::error::PyResult;
use super::object::{Instance, NamedTuple, Obj, Poly1d, RandomObj, class_of};
use super::value::Value;
use crate::engine::{DType, NdArray, Scalar};
use crate::render::ElementSource;

use crate::engine::element::scalar_as_f64;
use crate::eval::object::element;

/// `repr()` of an object.
pub fn object_repr(o: &Rc<Obj>, opts: &PrintOptions) -> String {
    let addr = Rc::as_ptr(o) as usize;
    match o.as_ref() {
        Obj::Func(f) => {
            let name = &f.def.qualname;
            format!("<function {name} at {addr:#x}>")
        }
        Obj::Exc(e, state) => args_repr(&e.kind, &state.args.borrow(), opts),
        Obj::Iter(state, kind) => match state.try_borrow().ok().and_then(|s| s.generator_name()) {
            Some(name) => format!("<generator object {name} at {addr:#x}>"),
            None => format!("<{kind} object at {addr:#x}>"),
        },
        Obj::MappingProxy(d) => format!("mappingproxy({})", repr(d, opts)),
        Obj::SubArrayDType(base, shape) => super::subarray_dtype::repr(base, shape),
        Obj::RecordDType(dt) => format!("dtype({})", record_dtype_str(dt)),
        Obj::Range(r) => r.repr(),
        Obj::Set(t) => set_repr(&t.borrow().items(), "set()", "", opts),
        Obj::FrozenSet(t) => set_repr(&t.items(), "frozenset()", "frozenset", opts),
        Obj::Context(_) => format!("<{} object at {addr:#x}>", o.type_name()),
        Obj::Class(_) | Obj::Instance(_) | Obj::BoundMethod(..) | Obj::Super(..) => {
            default_repr(o, opts).unwrap_or_default()
        }
        Obj::NamedTuple(t) => named_tuple_repr(t, opts),
        // `<class '__session__.Point'>`
        Obj::File(f) => file_repr(o, f),
        Obj::TupleClass(c) => format!("<class '{}.{}'>", c.module, c.name),
        Obj::Hint(h) => hint_repr(h),
        Obj::Masked(_) | Obj::MaskedConstant => super::ma::print::repr(o, opts),
        Obj::NotImplemented => "NotImplemented".into(),
        // Seen only where names are listed whole (`:vars`): reading the
        // name raises the refusal instead.
        Obj::Refused(e) => format!("<{}>", e.message),
        Obj::RecArray(_) | Obj::Record(_) => record_repr(o, opts),
        Obj::Matrix(m) => crate::render::subclass_array_repr(
            &crate::engine::array::Snapshot::of(&m.arr),
            opts,
            "matrix",
        ),
        Obj::Npz(n) => n.repr(),
        Obj::NpzView(v, _) => format!("{}({})", o.type_name(), repr(v, opts)),
        Obj::DictView(view) => format!(
            "{}({})",
            view.kind.type_name(),
            repr(&Value::list(view.items()), opts)
        ),
        Obj::Property(_) => format!("<property object at {addr:#x}>"),
        Obj::PyUfunc(u) => format!("<ufunc '{}'>", u.name),
        Obj::Vectorize(_) => vectorize_repr(o),
        Obj::Poly1d(p) => poly1d_repr(p, opts),
        Obj::BusDayCal(_) => format!("<numpy.busdaycalendar object at {addr:#x}>"),
        Obj::ByteArray(b) => super::bytearray::repr(b),
        Obj::MemoryView(_) => format!("<memory at {addr:#x}>"),
        Obj::DummyArray(_) => {
            format!("<numpy.lib._stride_tricks_impl.DummyArray object at {addr:#x}>")
        }
        Obj::NpIter(n) => format!("<{} object at {addr:#x}>", n.type_path()),
        Obj::PyTime(t) => t.repr(),
        Obj::StaticMethod(f) | Obj::ClassMethod(f) => {
            format!("<{}({})>", o.type_name(), repr(f, opts))
        }
    }
}

/// `{1, 2}`, `frozenset({1, 2})`, or the empty form.
fn set_repr(items: &[Value], empty: &str, name: &str, opts: &PrintOptions) -> String {
    if items.is_empty() {
        return empty.into();
    }
    let parts: Vec<String> = items.iter().map(|v| repr(v, opts)).collect();
    if name.is_empty() {
        format!("{{{}}}", parts.join(", "))
    } else {
        format!("{name}({{{}}})", parts.join(", "))
    }
}

/// `str()` of an object.
pub fn object_str(o: &Rc<Obj>, opts: &PrintOptions) -> String {
    match o.as_ref() {
        Obj::Exc(e, _) => e.message.clone(),
        Obj::Masked(_) | Obj::MaskedConstant => super::ma::print::str_of(o, opts),
        Obj::RecArray(_) | Obj::Record(_) => record_str(o, opts),
        Obj::Matrix(m) => str_of(&Value::Array(m.arr.clone()), opts),
        Obj::Poly1d(p) => poly1d_str(p, opts).unwrap_or_else(|e| e.message),
        Obj::PyTime(t) => t.str(),
        Obj::SubArrayDType(base, shape) => super::subarray_dtype::construction_str(base, shape),
        Obj::RecordDType(dt) => record_dtype_str(dt),
        // `mappingproxy.__str__` is the mapping's own.
        Obj::MappingProxy(d) => super::display::str_of(d, opts),
        _ => object_repr(o, opts),
    }
}

/// `repr(f)` of a file object: its name, mode and encoding for a disk
/// file, its address for a memory one.
fn file_repr(o: &Rc<Obj>, f: &super::object::FileObj) -> String {
    use super::npy::literal::str_repr;
    let t = f.type_path();
    match &f.kind {
        super::object::FileKind::Disk(path) if f.text => format!(
            "<{t} name={} mode={} encoding={}>",
            str_repr(path),
            str_repr(&f.mode),
            str_repr(&f.encoding)
        ),
        super::object::FileKind::Disk(path) => format!("<{t} name={}>", str_repr(path)),
        _ => format!("<{t} object at {:#x}>", Rc::as_ptr(o) as *const u8 as usize),
    }
}

/// The module the learner's classes and functions are defined in: the
/// conformance oracle runs a session as module `__session__` (its
/// `__name__`), so that is what `type(obj)` and `f.__module__` show.
pub const LEARNER_MODULE: &str = "__session__";

/// A class's `__module__`: [`LEARNER_MODULE`] for the learner's classes,
/// the module's name for those a standard module defines (`collections`).
pub(super) fn class_module(c: &super::object::ClassObj) -> String {
    c.attrs
        .borrow()
        .iter()
        .find_map(|(k, v)| match v {
            Value::Str(m) if k == "__module__" => Some(m.to_string()),
            _ => None,
        })
        .unwrap_or_else(|| LEARNER_MODULE.into())
}

/// `repr()` when the class does not define `__repr__`.
pub fn default_repr(o: &Rc<Obj>, opts: &crate::render::PrintOptions) -> Option<String> {
    let addr = Rc::as_ptr(o) as usize;
    Some(match o.as_ref() {
        Obj::Class(c) => format!("<class '{}.{}'>", class_module(c), c.name),
        Obj::Instance(Instance {
            class,
            exc: Some(state),
            ..
        }) => args_repr(
            class_of(class).map_or("object", |c| c.name.as_str()),
            &state.args.borrow(),
            opts,
        ),
        // A learner's ndarray subclass: NumPy's array repr under its name.
        Obj::Instance(Instance {
            class,
            array: Some(p),
            ..
        }) => crate::render::subclass_array_repr(
            &crate::engine::array::Snapshot::of(&p.arr),
            opts,
            class_of(class).map_or("ndarray", |c| c.name.as_str()),
        ),
        Obj::Instance(i) => match class_of(&i.class) {
            Some(c) => format!("<{}.{} object at {addr:#x}>", class_module(c), c.name),
            None => format!("<{LEARNER_MODULE}.object object at {addr:#x}>"),
        },
        Obj::BoundMethod(me, f, owner) => {
            let fname = match f {
                Value::Object(fo) => match fo.as_ref() {
                    Obj::Func(u) => u.def.name.clone(),
                    _ => String::new(),
                },
                _ => String::new(),
            };
            let cname = class_of(owner).map_or("object", |c| c.name.as_str());
            format!(
                "<bound method {cname}.{fname} of {}>",
                match me {
                    Value::Object(mo) => default_repr(mo, opts).unwrap_or_default(),
                    _ => String::new(),
                }
            )
        }
        // `super_repr`: the start class and the type of the object bound.
        Obj::Super(after, me) => {
            let name = |c: &Value| {
                class_of(c)
                    .map_or("object", |c| c.name.as_str())
                    .to_string()
            };
            let me_type = match me {
                Value::Object(mo) if let Obj::Instance(i) = mo.as_ref() => name(&i.class),
                other => name(other),
            };
            format!("<super: <class '{}'>, <{me_type} object>>", name(after))
        }
        _ => return None,
    })
}

/// `BaseException.__repr__`: `Name(arg)` for one argument, else the class
/// name before the repr of the tuple of arguments (`Name()`, `Name(1, 2)`).
pub fn args_repr(name: &str, args: &[Value], opts: &PrintOptions) -> String {
    match args {
        [one] => format!("{name}({})", repr(one, opts)),
        [] => format!("{name}()"),
        many => format!("{name}{}", repr(&Value::tuple(many.to_vec()), opts)),
    }
}

/// `repr(x)`: `UniqueCountsResult(values=array([1, 2]), counts=array([2, 1]))`.
pub fn named_tuple_repr(t: &NamedTuple, opts: &PrintOptions) -> String {
    let parts: Vec<String> = t
        .class
        .fields
        .iter()
        .zip(match &t.items {
            Value::Tuple(items) => &items[..],
            _ => &[],
        })
        .map(|(f, v)| format!("{f}={}", repr(v, opts)))
        .collect();
    format!("{}({})", t.class.name, parts.join(", "))
}

/// `repr(r)`: recarray.__repr__ (always `rec.array(`, the dtype on its
/// own line) or the record's `np.record(...)`.
pub fn record_repr(o: &Obj, opts: &PrintOptions) -> String {
    match o {
        Obj::RecArray(a) => {
            let snap = crate::engine::array::Snapshot::of(a);
            let prefix = "rec.array(";
            let size: usize = a.shape().iter().product();
            let lst = if size > 0 || a.shape() == [0] {
                crate::render::array2string_with(&snap, opts, ", ", prefix, ",")
            } else {
                format!(
                    "[], shape={}",
                    crate::engine::error::shape_tuple(&a.shape())
                )
            };
            format!(
                "rec.array({lst},\n{}dtype={})",
                " ".repeat(prefix.len()),
                crate::render::dtype_repr::dtype_short_repr(a.dtype())
            )
        }
        Obj::Record(a) => {
            let v = repr(&Value::Void(a.clone()), opts);
            match v.strip_prefix("np.void(") {
                Some(rest) => format!("np.record({rest}"),
                None => v,
            }
        }
        _ => String::new(),
    }
}

/// `str(r)`: the array's (or the record's) str.
pub fn record_str(o: &Obj, opts: &PrintOptions) -> String {
    match o {
        Obj::RecArray(a) => str_of(&Value::Array(a.clone()), opts),
        Obj::Record(a) => str_of(&Value::Void(a.clone()), opts),
        _ => String::new(),
    }
}

/// `repr()` of a `numpy.vectorize` object (Python's default).
pub fn vectorize_repr(o: &Rc<Obj>) -> String {
    format!("<numpy.vectorize object at {:#x}>", Rc::as_ptr(o) as usize)
}

/// NumPy's `str()`: a `Generator`'s and a `RandomState`'s name without the
/// address their repr adds (`Generator(PCG64)`), the repr otherwise.
pub fn random_str(obj: &Rc<RandomObj>) -> String {
    let repr = random_repr(obj);
    match obj.as_ref() {
        RandomObj::Generator { .. } | RandomObj::RandomState(_) => {
            match repr.split_once(" at 0x") {
                Some((name, _)) => name.to_string(),
                None => repr,
            }
        }
        _ => repr,
    }
}

/// NumPy's repr. Objects whose repr holds an address show this object's.
pub fn random_repr(obj: &Rc<RandomObj>) -> String {
    let addr = Rc::as_ptr(obj) as usize;
    match obj.as_ref() {
        RandomObj::Generator { bit_generator } => {
            let name = bit_generator
                .bitgen()
                .map_or("?", |b| b.state.borrow().name());
            format!("Generator({name}) at 0x{addr:X}")
        }
        RandomObj::RandomState(_) => format!("RandomState(MT19937) at 0x{addr:X}"),
        RandomObj::BitGenerator(_) => format!("<{} object at {addr:#x}>", obj.type_path()),
        RandomObj::SeedSequence(s) => {
            let s = s.borrow();
            let opts = Default::default();
            let mut lines = vec![
                "SeedSequence(".to_string(),
                format!("    entropy={},", repr(&s.entropy, &opts)),
            ];
            if !s.seq.spawn_key.is_empty() {
                lines.push(format!(
                    "    spawn_key={},",
                    spawn_key_repr(&s.seq.spawn_key)
                ));
            }
            if s.seq.pool_size != crate::engine::random::seed_sequence::DEFAULT_POOL_SIZE {
                lines.push(format!("    pool_size={},", s.seq.pool_size));
            }
            if s.seq.n_children_spawned != 0 {
                lines.push(format!(
                    "    n_children_spawned={},",
                    s.seq.n_children_spawned
                ));
            }
            lines.push(")".into());
            lines.join("\n")
        }
    }
}

fn spawn_key_repr(key: &[u128]) -> String {
    let parts: Vec<String> = key.iter().map(|k| k.to_string()).collect();
    if parts.len() == 1 {
        format!("({},)", parts[0])
    } else {
        format!("({})", parts.join(", "))
    }
}

pub(super) fn nonzero(s: &Scalar) -> bool {
    match s {
        Scalar::Complex(r, i) => *r != 0.0 || *i != 0.0,
        Scalar::Bool(b) => *b,
        Scalar::Int(i) => *i != 0,
        Scalar::UInt(u) => *u != 0,
        other => scalar_as_f64(other) != 0.0,
    }
}

/// `repr(p)`: `poly1d(` + `repr(p.coeffs)[6:-1]` + `)`.
pub fn poly1d_repr(p: &Poly1d, opts: &PrintOptions) -> String {
    let r = repr(&Value::Array(p.coeffs()), opts);
    let inner = r
        .strip_prefix("array(")
        .and_then(|t| t.strip_suffix(')'))
        .unwrap_or(&r);
    format!("poly1d({inner})")
}

/// `f'{q:.4g}'.removesuffix('.0000')`.
fn fmt_float(q: f64, opts: &PrintOptions) -> PyResult<String> {
    let s = crate::eval::format_spec::format_value(&Value::Float(q), ".4g", opts)?;
    Ok(s.strip_suffix(".0000").map(str::to_string).unwrap_or(s))
}

/// `_raise_power`: every `**N` moved to a line above, wrapped at `wrap`.
pub(super) fn raise_power(astr: &str, wrap: usize) -> String {
    let chars: Vec<char> = astr.chars().collect();
    let (mut n, mut line1, mut line2) = (0usize, String::new(), String::new());
    let mut output = String::from(" ");
    let width = |s: &str| s.chars().count();
    // _poly_mat.search(astr, n): `\*\*([0-9]*)`.
    let find = |from: usize| {
        (from..chars.len().saturating_sub(1)).find(|&i| chars[i] == '*' && chars[i + 1] == '*')
    };
    while let Some(at) = find(n) {
        let mut end = at + 2;
        while end < chars.len() && chars[end].is_ascii_digit() {
            end += 1;
        }
        let power: String = chars[at + 2..end].iter().collect();
        let partstr: String = chars[n..at].iter().collect();
        n = end;
        let pad = " ".repeat(width(&power).saturating_sub(1));
        let toadd2 = format!("{partstr}{pad}");
        let toadd1 = format!("{}{power}", " ".repeat(width(&partstr).saturating_sub(1)));
        if width(&line2) + width(&toadd2) > wrap || width(&line1) + width(&toadd1) > wrap {
            output += &format!("{line1}\n{line2}\n ");
            line1 = toadd1;
            line2 = toadd2;
        } else {
            line2 += &toadd2;
            line1 += &toadd1;
        }
    }
    let rest: String = chars[n..].iter().collect();
    format!("{output}{line1}\n{line2}{rest}")
}

/// `str(p)`: NumPy's `poly1d.__str__`.
pub fn poly1d_str(p: &Poly1d, opts: &PrintOptions) -> PyResult<String> {
    let var = &p.variable;
    let all = p.coeffs().to_scalars();
    // coeffs[logical_or.accumulate(coeffs != 0)]
    let start = all.iter().position(nonzero).unwrap_or(all.len());
    let coeffs = &all[start..];
    let n = coeffs.len() as i64 - 1;
    let mut thestr = String::from("0");
    for (k, c) in coeffs.iter().enumerate() {
        let coefstr = match c {
            Scalar::Complex(re, im) if *im != 0.0 => {
                if *re == 0.0 {
                    format!("{}j", fmt_float(*im, opts)?)
                } else {
                    format!("({} + {}j)", fmt_float(*re, opts)?, fmt_float(*im, opts)?)
                }
            }
            Scalar::Complex(re, _) => fmt_float(*re, opts)?,
            other => fmt_float(scalar_as_f64(other), opts)?,
        };
        let power = n - k as i64;
        let newstr = if power == 0 {
            if coefstr != "0" {
                coefstr
            } else if k == 0 {
                "0".into()
            } else {
                String::new()
            }
        } else if coefstr == "0" {
            String::new()
        } else if power == 1 {
            format!("{coefstr} {var}")
        } else {
            format!("{coefstr} {var}**{power}")
        };
        if k > 0 {
            if !newstr.is_empty() {
                thestr = match newstr.strip_prefix('-') {
                    Some(rest) => format!("{thestr} - {rest}"),
                    None => format!("{thestr} + {newstr}"),
                };
            }
        } else {
            thestr = newstr;
        }
    }
    Ok(raise_power(&thestr, 70))
}

// ---- object arrays (dtype=object) ----

/// The text of one element as NumPy's `_object_format` writes it, from
/// the element's repr `r`.
pub fn element_text(v: &Value, r: String) -> String {
    if matches!(v, Value::List(_)) {
        format!("list({r})")
    } else {
        r
    }
}

/// How an element's repr is found: by [`repr`], or by the session when
/// the array holds a learner's instance, whose `__repr__` is Python.
pub type ReprOf<'a> = &'a dyn Fn(&Value) -> String;

/// The array seen through its elements' reprs (what `array2string` of an
/// object array formats: raw text, no padding).
struct Texts<'a> {
    a: &'a NdArray,
    shape: Vec<usize>,
    repr_of: ReprOf<'a>,
    dtype: DType,
}

impl ElementSource for Texts<'_> {
    fn shape(&self) -> &[usize] {
        &self.shape
    }
    fn dtype(&self) -> &DType {
        &self.dtype
    }
    fn get(&self, index: &[usize]) -> Scalar {
        let v = match self.a.get(index) {
            Scalar::Object(id) => element(id),
            _ => Value::None,
        };
        Scalar::Str(element_text(&v, (self.repr_of)(&v)))
    }
}

thread_local! {
    /// The arrays being printed now (NumPy's `_recursive_guard` on
    /// `_array2string`): an array met again inside itself prints `...`.
    static PRINTING: std::cell::RefCell<Vec<usize>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Run `body` unless `a` is already being printed (then `None`).
fn guarded(a: &NdArray, body: impl FnOnce() -> String) -> Option<String> {
    let key = a as *const NdArray as usize;
    if PRINTING.with(|p| p.borrow().contains(&key)) {
        return None;
    }
    PRINTING.with(|p| p.borrow_mut().push(key));
    let out = body();
    PRINTING.with(|p| p.borrow_mut().retain(|&k| k != key));
    Some(out)
}

/// `repr(a)` of an object array.
pub fn object_array_repr(a: &NdArray, opts: &PrintOptions) -> String {
    object_array_repr_with(a, opts, &|v| repr(v, opts))
}

/// `repr(a)` of an object array whose elements' reprs `repr_of` gives.
pub fn object_array_repr_with(a: &NdArray, opts: &PrintOptions, repr_of: ReprOf) -> String {
    let body = || {
        let t = Texts {
            a,
            shape: a.shape(),
            repr_of,
            dtype: DType::Object,
        };
        crate::render::repr::object_array_repr(&t, opts)
    };
    // A 0-d array holding itself meets the guard in its element's repr,
    // as NumPy's `array(array(..., dtype=object), dtype=object)` shows.
    guarded(a, body).unwrap_or_else(|| "array(..., dtype=object)".into())
}

/// `np.array2string(a, separator=, prefix=, suffix=)` of an object array
/// of one or more dimensions, its elements' reprs given by `repr_of`.
pub fn object_array2string_with(
    a: &NdArray,
    opts: &PrintOptions,
    (separator, prefix, suffix): (&str, &str, &str),
    repr_of: ReprOf,
) -> String {
    guarded(a, || {
        let t = Texts {
            a,
            shape: a.shape(),
            repr_of,
            dtype: DType::Object,
        };
        crate::render::repr::object_array2string(&t, opts, separator, prefix, suffix)
    })
    .unwrap_or_else(|| "...".into())
}

/// `str(a)` of an object array (a 0-d one prints `str` of its element).
pub fn object_array_str(a: &NdArray, opts: &PrintOptions) -> String {
    if a.ndim() == 0 {
        let v = match a.first() {
            Scalar::Object(id) => element(id),
            _ => Value::None,
        };
        // `_guarded_repr_or_str`: an array that holds itself prints `...`.
        return guarded(a, || str_of(&v, opts)).unwrap_or_else(|| "...".into());
    }
    object_array_str_with(a, opts, &|v| repr(v, opts))
}

/// `str(a)` of an object array of one or more dimensions, its elements'
/// reprs given by `repr_of`.
pub fn object_array_str_with(a: &NdArray, opts: &PrintOptions, repr_of: ReprOf) -> String {
    guarded(a, || {
        let t = Texts {
            a,
            shape: a.shape(),
            repr_of,
            dtype: DType::Object,
        };
        crate::render::repr::object_array_str(&t, opts)
    })
    .unwrap_or_else(|| "...".into())
}

// ---- operators ----------------------------------------------------------

/// How a hint shows an argument (`typing._type_repr`): a class by its
/// qualified name, `...` as is, others by their repr.
pub fn hint_arg_repr(v: &Value) -> String {
    match v {
        Value::Type(t) => super::display::type_path(t),
        Value::None => "None".into(),
        Value::Ellipsis => "...".into(),
        Value::List(items) => {
            let parts: Vec<String> = items.borrow().iter().map(hint_arg_repr).collect();
            format!("[{}]", parts.join(", "))
        }
        Value::Tuple(items) if items.is_empty() => "()".into(),
        Value::Object(o) if let super::object::Obj::Hint(h) = o.as_ref() => hint_repr(h),
        Value::Object(o) if let super::object::Obj::Class(c) = o.as_ref() => {
            format!("{}.{}", LEARNER_MODULE, c.name)
        }
        other => super::display::repr(other, &Default::default()),
    }
}

/// The hint's text, as CPython prints it.
pub fn hint_repr(h: &super::object::Hint) -> String {
    match h {
        super::object::Hint::Form(name) => format!("typing.{name}"),
        super::object::Hint::Alias { origin, args, .. } => {
            let parts: Vec<String> = args.iter().map(hint_arg_repr).collect();
            format!("{origin}[{}]", parts.join(", "))
        }
        super::object::Hint::Union(items) => items
            .iter()
            .map(hint_arg_repr)
            .collect::<Vec<_>>()
            .join(" | "),
        super::object::Hint::Text(t) => t.clone(),
        super::object::Hint::Opaque(name) => format!("numpy.typing.{name}"),
    }
}

/// `str()` of a recarray's `numpy.record` dtype (`record_dtype.rs`):
/// `(numpy.record, [('a', '<i4')])`; its repr wraps it in `dtype(...)`.
fn record_dtype_str(dt: &crate::engine::DType) -> String {
    format!(
        "(numpy.record, {})",
        crate::render::dtype_repr::field_format(dt)
    )
}
