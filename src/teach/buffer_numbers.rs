//! Buffer numbers as the learner sees them: `#1`, `#2`, … in the order the
//! teaching view first shows each buffer.
//!
//! The engine's own buffer ids count every buffer any statement made,
//! temporaries included, so a session that has shown three buffers could
//! call them #1, #4 and #9. The learner only ever sees the buffers drawn or
//! named here, so those are the ones counted.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::engine::buffer::Buffer;

/// The number of each buffer shown so far in one session.
#[derive(Debug, Default)]
pub struct BufferNumbers {
    /// Engine buffer id → the learner's number.
    seen: RefCell<HashMap<u64, usize>>,
}

impl BufferNumbers {
    /// The learner's number for `buffer`, giving it the next one the first
    /// time it is shown.
    pub fn of(&self, buffer: &Buffer) -> usize {
        let mut seen = self.seen.borrow_mut();
        let next = seen.len() + 1;
        *seen.entry(buffer.id()).or_insert(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{DType, NdArray};

    #[test]
    fn numbers_follow_first_showing_not_creation() {
        let a = NdArray::zeros(&[2], DType::Int64).unwrap();
        let _temporary = NdArray::zeros(&[2], DType::Int64).unwrap();
        let b = NdArray::zeros(&[2], DType::Int64).unwrap();
        let numbers = BufferNumbers::default();
        assert_eq!(numbers.of(b.buffer()), 1);
        assert_eq!(numbers.of(a.buffer()), 2);
        assert_eq!(numbers.of(b.buffer()), 1);
    }
}
