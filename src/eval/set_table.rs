//! CPython's set hash table (`Objects/setobject.c`), replayed so a set
//! prints and iterates in the order Python's does: 8 slots to start,
//! nine linear probes then perturbation, dummies left by `discard`, a
//! resize when three fifths are filled, and the orders `|`, `&`, `-`, `^`
//! and `copy` visit their operands in. Ints, floats, bools and NumPy's
//! numeric scalars hash as CPython hashes them; str hashing is salted per
//! process in CPython, so any order of strings is as right as another.

use std::cell::RefCell;

use super::error::PyError;
use super::error::PyResult;
use super::object::{Obj, object};
use super::object::{SetSlot, SetTable};
use super::ops::lookup_eq;
use super::value::Value;
use crate::engine::Scalar;

const MIN_SIZE: usize = 8;
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;
/// CPython's `_PyHASH_MODULUS`: hashes of numbers are taken modulo 2^61 - 1.
const MODULUS: i128 = (1 << 61) - 1;

impl Default for SetTable {
    fn default() -> Self {
        SetTable {
            slots: vec![SetSlot::Empty; MIN_SIZE],
            used: 0,
            fill: 0,
            finger: 0,
        }
    }
}

/// `hash(v)` as CPython computes it for numbers; a stable stand-in for
/// strings and other hashable values (whose CPython hash varies by process).
pub fn py_hash(v: &Value) -> i64 {
    let h = match super::named_tuple::plain(v) {
        Value::Bool(b) => *b as i64,
        Value::Int(i) => hash_int(*i),
        Value::BigInt(b) => super::bigint::hash(b),
        Value::Float(f) => hash_float(*f),
        Value::NpScalar(_, Scalar::Int(i)) => hash_int(*i as i128),
        Value::NpScalar(_, Scalar::UInt(u)) => hash_int(*u as i128),
        Value::NpScalar(_, Scalar::Bool(b)) => *b as i64,
        Value::NpScalar(_, Scalar::Float(f)) => hash_float(*f),
        Value::Tuple(items) => hash_tuple(items),
        Value::DType(dt) => super::dtype_hash::dtype(dt),
        other => {
            // FNV-1a of the repr: any fixed order is as good as CPython's
            // salted one.
            let text = super::display::repr(other, &Default::default());
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for b in text.bytes() {
                h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
            }
            h as i64
        }
    };
    if h == -1 { -2 } else { h }
}

/// `hash(v)` where CPython's value is the same in every process: numbers
/// (not NaN, which hashes by identity) and tuples of them; `None` for the
/// rest (a `str`'s hash is salted per process).
pub fn stable_hash(v: &Value) -> Option<i64> {
    match super::named_tuple::plain(v) {
        Value::Tuple(items) => items
            .iter()
            .all(|it| stable_hash(it).is_some())
            .then(|| py_hash(v)),
        Value::Float(f) | Value::NpScalar(_, Scalar::Float(f)) if f.is_nan() => None,
        Value::Bool(_)
        | Value::Int(_)
        | Value::BigInt(_)
        | Value::Float(_)
        | Value::NpScalar(
            _,
            Scalar::Int(_) | Scalar::UInt(_) | Scalar::Bool(_) | Scalar::Float(_),
        ) => Some(py_hash(v)),
        _ => None,
    }
}

/// `==` between two set items: NumPy's numeric scalars compare as the
/// Python numbers they equal (`np.int64(2) == 2`).
fn key_eq(a: &Value, b: &Value) -> bool {
    lookup_eq(&plain(a), &plain(b))
}

fn plain(v: &Value) -> Value {
    match v {
        Value::NpScalar(_, Scalar::Int(i)) => Value::Int(*i as i128),
        Value::NpScalar(_, Scalar::UInt(u)) => Value::Int(*u as i128),
        Value::NpScalar(_, Scalar::Bool(b)) => Value::Bool(*b),
        Value::NpScalar(_, Scalar::Float(f)) => Value::Float(*f),
        other => other.clone(),
    }
}

fn hash_int(i: i128) -> i64 {
    let m = (i.unsigned_abs() % MODULUS as u128) as i64;
    let h = if i < 0 { -m } else { m };
    if h == -1 { -2 } else { h }
}

/// CPython's `_Py_HashDouble` (NaN hashes by identity there; 0 here).
fn hash_float(f: f64) -> i64 {
    if f.is_infinite() {
        return if f > 0.0 { 314_159 } else { -314_159 };
    }
    if f.is_nan() {
        return 0;
    }
    let (mut m, mut e) = frexp(f.abs());
    let mut x: u64 = 0;
    let modulus = MODULUS as u64;
    while m != 0.0 {
        x = ((x << 28) & modulus) | (x >> (61 - 28));
        m *= 268_435_456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= modulus {
            x -= modulus;
        }
    }
    let e = if e >= 0 {
        e % 61
    } else {
        61 - 1 - ((-1 - e) % 61)
    };
    x = ((x << e) & modulus) | (x >> (61 - e));
    let h = if f < 0.0 { -(x as i64) } else { x as i64 };
    if h == -1 { -2 } else { h }
}

fn frexp(f: f64) -> (f64, i32) {
    if f == 0.0 {
        return (0.0, 0);
    }
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (m, e) = frexp(f * 2f64.powi(64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022)
}

/// CPython 3.8+'s xxHash-based tuple hash.
fn hash_tuple(items: &[Value]) -> i64 {
    const P1: u64 = 11_400_714_785_074_694_791;
    const P2: u64 = 14_029_467_366_897_019_727;
    const P5: u64 = 2_870_177_450_012_600_261;
    let mut acc = P5;
    for it in items {
        let lane = py_hash(it) as u64;
        acc = acc.wrapping_add(lane.wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add(items.len() as u64 ^ (P5 ^ 3_527_539));
    if acc == u64::MAX {
        return 1_546_275_796;
    }
    acc as i64
}

/// The slot CPython probes after `i`'s run of linear probes.
fn next_probe(i: usize, perturb: &mut u64, mask: usize) -> usize {
    *perturb >>= PERTURB_SHIFT;
    (i.wrapping_mul(5)
        .wrapping_add(1)
        .wrapping_add(*perturb as usize))
        & mask
}

impl SetTable {
    /// A table holding `items` added in order.
    pub fn from_items(items: Vec<Value>) -> PyResult<SetTable> {
        let mut t = SetTable::default();
        for v in items {
            t.add(v)?;
        }
        Ok(t)
    }

    /// How many items.
    pub fn len(&self) -> usize {
        self.used
    }

    /// Whether it holds nothing.
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// The items in table order (Python's iteration order).
    pub fn items(&self) -> Vec<Value> {
        self.entries().map(|(_, v)| v.clone()).collect()
    }

    fn entries(&self) -> impl Iterator<Item = (i64, &Value)> {
        self.slots.iter().filter_map(|s| match s {
            SetSlot::Full(h, v) => Some((*h, v)),
            _ => None,
        })
    }

    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    fn find(&self, v: &Value, hash: i64) -> Option<usize> {
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in i..=i + probes {
                match &self.slots[j] {
                    SetSlot::Empty => return None,
                    SetSlot::Full(h, x) if *h == hash && key_eq(x, v) => return Some(j),
                    _ => {}
                }
            }
            i = next_probe(i, &mut perturb, mask);
        }
    }

    /// `x in s`.
    pub fn contains(&self, v: &Value) -> PyResult<bool> {
        crate::eval::set_table::check_hashable(v)?;
        Ok(self.find(v, py_hash(v)).is_some())
    }

    /// `s.add(v)`; `TypeError` for an unhashable value.
    pub fn add(&mut self, v: Value) -> PyResult<()> {
        crate::eval::set_table::check_hashable(&v)?;
        let hash = py_hash(&v);
        self.add_entry(v, hash);
        Ok(())
    }

    fn add_entry(&mut self, v: Value, hash: i64) {
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        let mut free: Option<usize> = None;
        let empty = loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            let mut found = None;
            for j in i..=i + probes {
                match &self.slots[j] {
                    SetSlot::Empty => {
                        found = Some(j);
                        break;
                    }
                    SetSlot::Full(h, x) if *h == hash && key_eq(x, &v) => return,
                    SetSlot::Dummy if free.is_none() => free = Some(j),
                    _ => {}
                }
            }
            if let Some(j) = found {
                break j;
            }
            i = next_probe(i, &mut perturb, mask);
        };
        self.used += 1;
        if let Some(f) = free {
            self.slots[f] = SetSlot::Full(hash, v);
            return;
        }
        self.fill += 1;
        self.slots[empty] = SetSlot::Full(hash, v);
        if self.fill * 5 >= mask * 3 {
            let want = if self.used > 50_000 {
                self.used * 2
            } else {
                self.used * 4
            };
            self.resize(want);
        }
    }

    fn resize(&mut self, min_used: usize) {
        let mut size = MIN_SIZE;
        while size <= min_used {
            size <<= 1;
        }
        let old = std::mem::replace(&mut self.slots, vec![SetSlot::Empty; size]);
        self.fill = self.used;
        for s in old {
            if let SetSlot::Full(h, v) = s {
                self.insert_clean(h, v);
            }
        }
    }

    fn insert_clean(&mut self, hash: i64, v: Value) {
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            if matches!(self.slots[i], SetSlot::Empty) {
                self.slots[i] = SetSlot::Full(hash, v);
                return;
            }
            if i + LINEAR_PROBES <= mask {
                for j in i + 1..=i + LINEAR_PROBES {
                    if matches!(self.slots[j], SetSlot::Empty) {
                        self.slots[j] = SetSlot::Full(hash, v);
                        return;
                    }
                }
            }
            i = next_probe(i, &mut perturb, mask);
        }
    }

    /// `s.discard(v)`: whether it was there.
    pub fn discard(&mut self, v: &Value) -> PyResult<bool> {
        crate::eval::set_table::check_hashable(v)?;
        match self.find(v, py_hash(v)) {
            Some(j) => {
                self.slots[j] = SetSlot::Dummy;
                self.used -= 1;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// `s.pop()`: the item at or after the table's finger.
    pub fn pop(&mut self) -> Option<Value> {
        if self.used == 0 {
            return None;
        }
        let mask = self.mask();
        let mut i = self.finger & mask;
        while !matches!(self.slots[i], SetSlot::Full(..)) {
            i = (i + 1) & mask;
        }
        let SetSlot::Full(_, v) = std::mem::replace(&mut self.slots[i], SetSlot::Dummy) else {
            return None;
        };
        self.used -= 1;
        self.finger = i + 1;
        Some(v)
    }

    /// `set_merge`: every item of `other`, in the way CPython copies a
    /// table (slot for slot into an empty table of the same size).
    pub fn merge(&mut self, other: &SetTable) {
        if other.used == 0 {
            return;
        }
        if (self.fill + other.used) * 5 >= self.mask() * 3 {
            self.resize((self.used + other.used) * 2);
        }
        if self.fill == 0 && self.slots.len() == other.slots.len() && other.fill == other.used {
            self.slots = other.slots.clone();
            self.fill = other.fill;
            self.used = other.used;
            return;
        }
        if self.fill == 0 {
            self.fill = other.used;
            self.used = other.used;
            for (h, v) in other.entries() {
                self.insert_clean(h, v.clone());
            }
            return;
        }
        for (h, v) in other.entries() {
            self.add_entry(v.clone(), h);
        }
    }

    /// `s.update(d)` for a dict's entries (`set_update_internal`): one
    /// resize for all its keys first, as CPython expects few to be in
    /// already, then each key added.
    pub fn update_from_dict(&mut self, entries: &[(Value, Value)]) -> PyResult<()> {
        if (self.fill + entries.len()) * 5 >= self.mask() * 3 {
            self.resize((self.used + entries.len()) * 2);
        }
        for (k, _) in entries {
            self.add(k.clone())?;
        }
        Ok(())
    }

    /// `s.copy()`.
    pub fn copy(&self) -> SetTable {
        let mut t = SetTable::default();
        t.merge(self);
        t
    }

    /// `s | t`.
    pub fn union(&self, other: &SetTable) -> SetTable {
        let mut t = self.copy();
        t.merge(other);
        t
    }

    /// `s & t`: the smaller one's items, in its order.
    pub fn intersection(&self, other: &SetTable) -> SetTable {
        let (big, small) = if other.used > self.used {
            (other, self)
        } else {
            (self, other)
        };
        let mut t = SetTable::default();
        for (h, v) in small.entries() {
            if big.find(v, h).is_some() {
                t.add_entry(v.clone(), h);
            }
        }
        t
    }

    /// `s - t`.
    pub fn difference(&self, other: &SetTable) -> SetTable {
        if (self.used >> 2) > other.used {
            let mut t = self.copy();
            for (h, v) in other.entries() {
                if let Some(j) = t.find(v, h) {
                    t.slots[j] = SetSlot::Dummy;
                    t.used -= 1;
                }
            }
            return t;
        }
        let mut t = SetTable::default();
        for (h, v) in self.entries() {
            if other.find(v, h).is_none() {
                t.add_entry(v.clone(), h);
            }
        }
        t
    }

    /// `s ^ t`: a copy of `t` with each of `s` toggled.
    pub fn symmetric_difference(&self, other: &SetTable) -> SetTable {
        let mut t = other.copy();
        for (h, v) in self.entries() {
            match t.find(v, h) {
                Some(j) => {
                    t.slots[j] = SetSlot::Dummy;
                    t.used -= 1;
                }
                None => t.add_entry(v.clone(), h),
            }
        }
        t
    }

    /// `s <= t`.
    pub fn is_subset(&self, other: &SetTable) -> bool {
        self.used <= other.used && self.entries().all(|(h, v)| other.find(v, h).is_some())
    }
}

/// `TypeError: unhashable type` for what cannot be a set item or dict key.
pub fn check_hashable(v: &Value) -> PyResult<()> {
    match v {
        // Slices are unhashable before Python 3.12 (the reference is 3.11).
        Value::List(_) | Value::Dict(_) | Value::Array(_) | Value::Slice(_) => Err(
            PyError::type_error(format!("unhashable type: '{}'", v.type_name())),
        ),
        Value::Object(o) if matches!(o.as_ref(), Obj::Set(_)) => {
            Err(PyError::type_error("unhashable type: 'set'"))
        }
        Value::Object(o) if matches!(o.as_ref(), Obj::Range(_)) => Ok(()),
        Value::Void(a) if a.writeable() => Err(PyError::type_error(
            "unhashable type: 'writeable void-scalar'",
        )),
        Value::Object(o) if let Obj::DictView(view) = o.as_ref() => Err(PyError::type_error(
            format!("unhashable type: '{}'", view.kind.type_name()),
        )),
        Value::Object(o) if matches!(o.as_ref(), Obj::Poly1d(_)) => {
            Err(PyError::type_error("unhashable type: 'poly1d'"))
        }
        // ndarray sets `__hash__` to None, for its subclasses too.
        v if crate::eval::array_subclass::is_sub(v)
            && !crate::eval::classes::has_method(v, "__hash__") =>
        {
            Err(PyError::type_error(format!(
                "unhashable type: '{}'",
                v.type_name()
            )))
        }
        // Python sets `__hash__` to None in a class that defines `__eq__`
        // only.
        // `__hash__ = None` in the class (a dataclass with `eq` and no
        // `frozen` sets it so).
        v if crate::eval::classes::hash_disabled(v) => Err(PyError::type_error(format!(
            "unhashable type: '{}'",
            v.type_name()
        ))),
        Value::Object(o) if matches!(o.as_ref(), Obj::Instance(_)) => {
            let eq = crate::eval::classes::has_method(v, "__eq__");
            match (eq, crate::eval::classes::has_method(v, "__hash__")) {
                (true, false) => Err(PyError::type_error(format!(
                    "unhashable type: '{}'",
                    v.type_name()
                ))),
                (true, true) => Err(PyError::new(
                    "NotImplementedError",
                    "slicelab does not implement dict keys and set items of a class that defines __eq__ yet",
                )),
                _ => Ok(()),
            }
        }
        Value::Tuple(items) => items.iter().try_for_each(check_hashable),
        Value::Object(o) if let Obj::NamedTuple(t) = o.as_ref() => check_hashable(&t.items),
        _ => Ok(()),
    }
}
/// A set value from items added in order (duplicates dropped, first kept).
pub fn set_of(items: Vec<Value>) -> PyResult<Value> {
    Ok(object(Obj::Set(RefCell::new(SetTable::from_items(items)?))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(t: &SetTable) -> Vec<i128> {
        t.items()
            .iter()
            .map(|v| match v {
                Value::Int(i) => *i,
                _ => -999,
            })
            .collect()
    }

    fn set(xs: &[i128]) -> SetTable {
        SetTable::from_items(xs.iter().map(|i| Value::Int(*i)).collect()).unwrap()
    }

    /// Orders read from CPython 3.11 (items added one by one).
    #[test]
    fn orders_match_cpython() {
        assert_eq!(ints(&set(&[3, 1, 2, 10])), vec![10, 1, 2, 3]);
        assert_eq!(ints(&set(&[8, 32, 1])), vec![8, 1, 32]);
        assert_eq!(
            ints(&set(&[100, 7, 5, 0, 3, 9, 2])),
            vec![0, 2, 3, 100, 5, 7, 9]
        );
        assert_eq!(hash_float(1.5), 1_152_921_504_606_846_977);
        assert_eq!(hash_int(-1), -2);
    }
}
