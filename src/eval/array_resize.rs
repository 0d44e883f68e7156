//! `ndarray.resize`: the array changes its shape, and its size, in place
//! (issue 17 item 1), after `array_resize` (`methods.c`) and
//! `PyArray_Resize_int` (`shape.c`) step for step.
//!
//! The new layout goes through `NdArray::set_layout` and new memory
//! through `Buffer::resize` and the logged byte writes, so the teaching
//! view's alerts and `:undo` see the statement as they see `a.shape = …`.
//!
//! NumPy's `refcheck` counts Python references to the array (more than
//! two, the name and the method's `self`, is an error on the Python 3.11
//! the reference runs). slicelab counts the references it can see: the
//! learner's names, `_`, and everything reachable from them (containers,
//! views whose `.base` is the array, masked arrays, `a.flat`, `a.flags`,
//! bound methods). Where a reference could hide in something it does not
//! walk (an instance's attributes, an iterator, a caller's frame), it
//! refuses with `NotImplementedError` rather than guess.
//!
//! A buffer that shrinks keeps its memory here (NumPy's `realloc` hands
//! the tail back): no other array can then read past its end, and what
//! the learner sees (values, `.nbytes`, a later growth zero-filling from
//! the old end) is NumPy's.

use std::collections::HashSet;
use std::rc::Rc;

use crate::engine::layout::{Layout, c_strides, f_strides};
use crate::engine::{ArrayRef, EngineError};

use super::error::{PyError, PyResult};
use super::object::Obj;
use super::value::Value;
use crate::eval::args::Args;
use crate::eval::session::Session;

/// The message NumPy gives when the array references, or is
/// referenced by, another object.
const REFERENCED: &str = "cannot resize an array that references or is referenced\n\
by another object in this way.\n\
Use the np.resize function to get a new resized copy or\n \
set refcheck=False to disable this check";

fn not_implemented(what: &str) -> PyError {
    PyError::new(
        "NotImplementedError",
        format!("slicelab does not implement {what} yet"),
    )
}

/// `a.resize(*new_shape, refcheck=True)`; the registry bound `args`.
pub fn resize(s: &Session, a: &ArrayRef, args: &Args) -> PyResult<Value> {
    let refcheck = match args.kw("refcheck") {
        None => true,
        Some(Value::Bool(b)) => *b,
        Some(Value::Int(i)) => *i != 0,
        Some(Value::NpScalar(_, crate::engine::Scalar::Int(i))) => *i != 0,
        Some(other) => {
            return Err(PyError::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            )));
        }
    };
    let shape_v = match args.pos.as_slice() {
        [] | [Value::None] => return Ok(Value::None),
        [one] => one.clone(),
        many => Value::tuple(many.to_vec()),
    };
    let raw: Vec<i128> = match &shape_v {
        Value::Tuple(_) | Value::List(_) => crate::eval::protocol::iterate(&shape_v)?
            .iter()
            .map(crate::eval::coerce::dimension)
            .collect::<PyResult<_>>()?,
        // `PyArray_IntpConverter` on one object that is no sequence.
        Value::Bool(_) | Value::Float(_) => {
            return Err(PyError::type_error(format!(
                "expected a sequence of integers or a single integer, got '{}'",
                super::display::repr(&shape_v, &Default::default())
            )));
        }
        one => vec![crate::eval::coerce::dimension(one)?],
    };
    if raw.len() > crate::engine::index::MAX_DIMS {
        return Err(PyError::value(format!(
            "maximum supported dimension for an ndarray is currently {}, found {}",
            crate::engine::index::MAX_DIMS,
            raw.len()
        )));
    }
    let layout = a.layout();
    let item = a.dtype().itemsize();
    if !(layout.ndim() == 0 || layout.is_c_contiguous(item) || layout.is_f_contiguous(item)) {
        return Err(PyError::value("resize only works on single-segment arrays"));
    }
    // NumPy stops at the first 0 (a negative length after it is not
    // looked at) and refuses a negative one before it.
    let mut newsize: usize = 1;
    for &d in &raw {
        if d == 0 {
            newsize = 0;
            break;
        }
        if d < 0 {
            return Err(PyError::value("negative dimensions not allowed"));
        }
        newsize = usize::try_from(d)
            .ok()
            .and_then(|d| newsize.checked_mul(d))
            .filter(|&n| n <= isize::MAX as usize)
            .ok_or_else(|| PyError::new("MemoryError", ""))?;
    }
    let oldnbytes = a.size() * item;
    let newnbytes = newsize
        .checked_mul(item)
        .filter(|&n| n <= isize::MAX as usize)
        .ok_or_else(|| PyError::new("MemoryError", ""))?;
    if raw.iter().any(|&d| d < 0) {
        // NumPy stores the negative length after a 0 as it is.
        return Err(not_implemented(
            "ndarray.resize to a shape with a negative length after a 0",
        ));
    }
    let shape: Vec<usize> = raw.iter().map(|&d| d as usize).collect();
    if oldnbytes != newnbytes {
        if !a.owndata() {
            return Err(PyError::value(
                "cannot resize this array: it does not own its data",
            ));
        }
        if refcheck {
            if s.depth > 0 || s.scope.is_some() {
                return Err(not_implemented(
                    "ndarray.resize(refcheck=True) inside a function",
                ));
            }
            let refs = references(s, a)?;
            if refs > 1 {
                return Err(PyError::value(REFERENCED));
            }
        }
        if layout.offset != 0 || a.buffer().nbytes() < oldnbytes {
            return Err(not_implemented(
                "ndarray.resize of an array that does not start its memory",
            ));
        }
        if newnbytes > oldnbytes {
            if !a.writeable() {
                // NumPy leaves the new memory of a read-only array as
                // realloc gives it: no values to show.
                return Err(not_implemented("ndarray.resize growing a read-only array"));
            }
            let buf = a.buffer();
            if newnbytes > buf.nbytes() {
                buf.resize(newnbytes, &shape, &a.dtype().name())
                    .map_err(|e| match e {
                        EngineError::OutOfMemory { .. } => {
                            PyError::new("MemoryError", "cannot allocate memory for array")
                        }
                        other => other.into(),
                    })?;
            }
            // Zero what lay past the old end, through the logged path
            // (a buffer kept from a shrink still holds old values there).
            buf.bytes_mut_within(oldnbytes, newnbytes)[oldnbytes..newnbytes].fill(0);
        }
    }
    let flags_f_only = layout.is_f_contiguous(item) && !layout.is_c_contiguous(item);
    let strides = if flags_f_only {
        f_strides(&shape, item)
    } else {
        c_strides(&shape, item)
    };
    a.set_layout(Layout {
        shape,
        strides,
        offset: layout.offset,
    });
    Ok(Value::None)
}

/// How many references to `a` the learner's namespace holds (NumPy's
/// `Py_REFCNT(a) - 1`, the `self` of the call not counted).
fn references(s: &Session, a: &ArrayRef) -> PyResult<usize> {
    let mut walk = Walk {
        target: a,
        count: 0,
        seen: HashSet::new(),
        opaque: false,
    };
    for v in s.names.values() {
        walk.value(v);
    }
    if let Some(v) = &s.last_shown {
        walk.value(v);
    }
    if walk.count <= 1 && walk.opaque {
        return Err(not_implemented(
            "ndarray.resize(refcheck=True) while an object slicelab cannot look into \
             (an instance, an iterator) may hold the array; pass refcheck=False",
        ));
    }
    Ok(walk.count)
}

/// A walk over values counting references to `target`.
struct Walk<'a> {
    target: &'a ArrayRef,
    count: usize,
    /// Containers and arrays already walked (each holds its references once).
    seen: HashSet<usize>,
    /// Whether something that may hold references was not looked into.
    opaque: bool,
}

impl Walk<'_> {
    fn first_visit<T: ?Sized>(&mut self, p: *const T) -> bool {
        self.seen.insert(p as *const u8 as usize)
    }

    /// One reference to an array object.
    fn array(&mut self, x: &ArrayRef) {
        if Rc::ptr_eq(x, self.target) {
            self.count += 1;
            return;
        }
        if self.first_visit(Rc::as_ptr(x))
            && let Some(b) = x.base()
        {
            self.array(b);
        }
    }

    fn value(&mut self, v: &Value) {
        match v {
            Value::Array(x) | Value::Flags(x) | Value::FlatIter(x, _) | Value::Void(x) => {
                self.array(x)
            }
            // Each container holds its references once, however often reached.
            Value::Tuple(t) if self.first_visit(Rc::as_ptr(t)) => {
                for x in t.iter() {
                    self.value(x);
                }
            }
            Value::List(l) if self.first_visit(Rc::as_ptr(l)) => {
                for x in l.borrow().iter() {
                    self.value(x);
                }
            }
            Value::Dict(d) if self.first_visit(Rc::as_ptr(d)) => {
                for (k, x) in d.borrow().iter() {
                    self.value(k);
                    self.value(x);
                }
            }
            Value::Method(obj, _) => self.value(obj),
            Value::Object(o) => {
                if !self.first_visit(Rc::as_ptr(o)) {
                    return;
                }
                match o.as_ref() {
                    Obj::Masked(m) => {
                        self.array(&m.data);
                        if let Some(k) = m.mask() {
                            self.array(&k);
                        }
                    }
                    Obj::RecArray(x) | Obj::Record(x) => self.array(x),
                    Obj::Matrix(m) => {
                        self.array(&m.arr);
                        if let Some(b) = &m.base {
                            self.value(b);
                        }
                    }
                    Obj::Poly1d(p) => self.array(&p.coeffs()),
                    Obj::BoundMethod(a, b, c) => {
                        self.value(a);
                        self.value(b);
                        self.value(c);
                    }
                    Obj::MappingProxy(d) | Obj::StaticMethod(d) | Obj::ClassMethod(d) => {
                        self.value(d)
                    }
                    Obj::NamedTuple(t) => {
                        self.value(&t.items);
                        t.class.defaults.iter().for_each(|d| self.value(d));
                    }
                    Obj::TupleClass(c) => c.defaults.iter().for_each(|d| self.value(d)),
                    Obj::DictView(view) => self.value(&Value::Dict(view.dict.clone())),
                    Obj::MemoryView(m) => self.array(&m.view),
                    Obj::DummyArray(d) => self.value(&d.base),
                    Obj::Instance(_) | Obj::Iter(..) | Obj::Class(_) | Obj::NpIter(_) => {
                        self.opaque = true
                    }
                    // Functions close over frames the walk covers (default
                    // values aside); sets hold no arrays (unhashable); the
                    // rest hold functions, strings and files.
                    Obj::Func(_)
                    | Obj::Hint(_)
                    | Obj::SubArrayDType(..)
                    | Obj::RecordDType(_)
                    | Obj::PyTime(_)
                    | Obj::BusDayCal(_)
                    | Obj::ByteArray(_)
                    | Obj::Exc(..)
                    | Obj::Context(_)
                    | Obj::Super(..)
                    | Obj::Property(_)
                    | Obj::NpzView(..)
                    | Obj::PyUfunc(_)
                    | Obj::Vectorize(_)
                    | Obj::Range(_)
                    | Obj::Set(_)
                    | Obj::FrozenSet(_)
                    | Obj::MaskedConstant
                    | Obj::NotImplemented
                    | Obj::Refused(_)
                    | Obj::File(_)
                    | Obj::Npz(_) => {}
                }
            }
            _ => {}
        }
    }
}
