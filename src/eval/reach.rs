//! Whether a value holds, anywhere inside it, an array sharing a given
//! buffer: through tuples, lists, dicts, namedtuples, a learner's objects'
//! attributes and masked or record arrays. The teaching view asks it
//! before calling a write "lost in a temporary": `lst[0][1] = 5` and
//! `p.x[0] = 7` write into arrays a name reaches, not into copies.

use std::collections::HashSet;
use std::rc::Rc;

use crate::engine::ArrayRef;

use super::object::Obj;
use super::value::Value;

/// Whether `v` reaches an array sharing `a`'s buffer.
pub fn reaches_buffer(v: &Value, a: &ArrayRef) -> bool {
    Reach {
        target: a,
        seen: HashSet::new(),
    }
    .value(v)
}

struct Reach<'a> {
    target: &'a ArrayRef,
    /// Containers already looked into (a list may hold itself).
    seen: HashSet<usize>,
}

impl Reach<'_> {
    fn first_visit<T: ?Sized>(&mut self, p: *const T) -> bool {
        self.seen.insert(p as *const u8 as usize)
    }

    fn value(&mut self, v: &Value) -> bool {
        match v {
            Value::Array(x) | Value::Flags(x) | Value::FlatIter(x, _) | Value::Void(x) => {
                x.same_buffer(self.target)
            }
            Value::Tuple(t) if self.first_visit(Rc::as_ptr(t)) => t.iter().any(|x| self.value(x)),
            Value::List(l) if self.first_visit(Rc::as_ptr(l)) => {
                l.borrow().iter().any(|x| self.value(x))
            }
            Value::Dict(d) if self.first_visit(Rc::as_ptr(d)) => d
                .borrow()
                .iter()
                .any(|(k, x)| self.value(k) || self.value(x)),
            Value::Object(o) if self.first_visit(Rc::as_ptr(o)) => match o.as_ref() {
                Obj::NamedTuple(t) => self.value(&t.items),
                Obj::Instance(i) => {
                    i.array
                        .as_ref()
                        .is_some_and(|p| p.arr.same_buffer(self.target))
                        || i.attrs.borrow().iter().any(|(_, x)| self.value(x))
                }
                Obj::RecArray(x) | Obj::Record(x) => x.same_buffer(self.target),
                Obj::Matrix(m) => m.arr.same_buffer(self.target),
                Obj::Masked(m) => {
                    m.data.same_buffer(self.target)
                        || m.mask().is_some_and(|k| k.same_buffer(self.target))
                }
                _ => false,
            },
            _ => false,
        }
    }
}
