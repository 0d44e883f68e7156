//! The state of a Python `bytearray` (see `bytearray.rs` for the object's
//! behaviour): its bytes, in an engine buffer arrays may share, and the
//! arrays made over it. A leaf of `src/eval`: `object.rs` holds it, so it
//! imports nothing of the evaluator (an import back would tie the object
//! model into one circle with everything `bytearray.rs` uses).

use std::any::Any;
use std::cell::RefCell;
use std::rc::{Rc, Weak};

use crate::engine::buffer::Buffer;
use crate::engine::dtype::DType;
use crate::engine::layout::Layout;
use crate::engine::{ArrayRef, EngineError, NdArray};

/// The bytes, and the arrays made over them (weakly: an export lasts while
/// its array lives).
#[derive(Debug)]
pub struct ByteArray {
    buf: Rc<Buffer>,
    exports: RefCell<Vec<Weak<NdArray>>>,
}

impl ByteArray {
    /// A bytearray holding a copy of `bytes`.
    pub fn new(bytes: &[u8]) -> Result<Self, EngineError> {
        let buf = Rc::new(Buffer::zeroed(bytes.len(), &[bytes.len()], "uint8")?);
        buf.bytes_mut().copy_from_slice(bytes);
        Ok(ByteArray {
            buf,
            exports: RefCell::new(vec![]),
        })
    }

    /// The bytes, copied out.
    pub fn to_vec(&self) -> Vec<u8> {
        self.buf.bytes().to_vec()
    }

    /// `len()`.
    pub fn len(&self) -> usize {
        self.buf.nbytes()
    }

    /// `not ba`.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// An array over the buffer, whose `.base` is `exporter`, not recorded
    /// as an export (its life does not stop a resize).
    pub fn unrecorded_view(&self, dtype: DType, layout: Layout, exporter: Rc<dyn Any>) -> ArrayRef {
        NdArray::over_exported(self.buf.clone(), dtype, layout, exporter)
    }

    /// An array over the buffer, whose `.base` is `exporter`; the array is
    /// recorded as an export.
    pub fn export(&self, dtype: DType, layout: Layout, exporter: Rc<dyn Any>) -> ArrayRef {
        let arr = NdArray::over_exported(self.buf.clone(), dtype, layout, exporter);
        self.exports.borrow_mut().push(Rc::downgrade(&arr));
        arr
    }

    /// Whether an array made over the buffer is still the learner's (one
    /// the teaching view alone keeps for `:undo` is not: `engine::held`).
    pub fn is_exported(&self) -> bool {
        self.exports.borrow().iter().any(|w| {
            w.upgrade()
                .is_some_and(|a| crate::engine::held::learner_holds(&a))
        })
    }

    /// Replace the contents with bytes of another length. The buffer is
    /// resized in place (logged, so `:undo` puts the old size back); the
    /// caller refuses this while the buffer is exported.
    pub fn resize(&self, bytes: &[u8]) -> Result<(), EngineError> {
        self.buf.resize(bytes.len(), &[bytes.len()], "uint8")?;
        self.buf.bytes_mut().copy_from_slice(bytes);
        Ok(())
    }

    /// Overwrite bytes in place (same length), through the logged write
    /// path, so arrays sharing the buffer see it.
    pub fn write_at(&self, positions: &[usize], bytes: &[u8]) {
        let mut dst = self.buf.bytes_mut();
        for (&p, &b) in positions.iter().zip(bytes) {
            dst[p] = b;
        }
    }
}
