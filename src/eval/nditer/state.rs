//! A built `np.nditer`: its operands, the axis plan and the position, and
//! what Python reads from it (`it.value`, `it[i]`, `it.multi_index`,
//! `it.index`, ...) with `nditer_pywrap.c`'s messages. Elements are views
//! of the operands (0-d, or the inner loop's 1-d run with
//! `external_loop`), so `x[...] = v` writes the operand through the
//! engine's logged write path.

use std::cell::RefCell;

use crate::engine::iter_plan::Plan;
use crate::engine::layout::Layout;
use crate::engine::{ArrayRef, NdArray};
use crate::eval::error::{PyError, PyResult};
use crate::eval::value::Value;

/// When a cast copy of a writable operand goes back into the operand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum WriteBack {
    /// Not a copy, or a read-only one.
    Never,
    /// `updateifcopy`: when the iterator is closed.
    AtClose,
    /// `buffered`: when the iteration ends (and at close).
    AtEnd,
}

/// The iterator's state.
#[derive(Debug)]
pub(super) struct Cursor {
    /// What `it.operands` shows.
    pub operands: Vec<ArrayRef>,
    /// What is walked: the operand, or its cast copy.
    pub walked: Vec<ArrayRef>,
    /// The operand each copy goes back into, and when.
    pub originals: Vec<(ArrayRef, WriteBack)>,
    /// Operands the iterator may write.
    pub writable: Vec<bool>,
    /// Axes innermost first, strides per operand (then the index).
    pub plan: Plan,
    /// The iteration shape in C order (what a multi-index counts over).
    pub shape_c: Vec<usize>,
    /// `external_loop`: each step is the innermost axis's whole run.
    pub external: bool,
    /// `buffered` with `external_loop` over more than one axis: the one
    /// step is every element, gathered in iteration order (read-only).
    pub gathered: bool,
    /// `multi_index` is tracked.
    pub multi_index: bool,
    /// `c_index`/`f_index` is tracked (its stride is the plan's last).
    pub has_index: bool,
    /// `delay_bufalloc` before the first `reset()`.
    pub delayed: bool,
    /// Position along each plan axis.
    pub coords: Vec<usize>,
    /// Elements passed so far.
    pub iterindex: usize,
    /// Elements in all.
    pub itersize: usize,
    /// `next()` has returned the current element.
    pub started: bool,
    /// Past the end.
    pub finished: bool,
    /// Closed (`with` exited or `close()`).
    pub closed: bool,
}

/// An `np.nditer` object.
#[derive(Debug)]
pub struct NdIter {
    pub(super) c: RefCell<Cursor>,
}

impl crate::eval::object::NpIterState for NdIter {
    fn type_path(&self) -> &'static str {
        "numpy.nditer"
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn next_item(&self) -> PyResult<Option<Value>> {
        self.c.borrow_mut().next()
    }
}

pub(super) fn past_end() -> PyError {
    PyError::value("Iterator is past the end")
}

pub(super) fn invalid() -> PyError {
    PyError::value("Iterator is invalid")
}

fn delayed() -> PyError {
    PyError::value(
        "Iterator construction used delayed buffer allocation, and no reset has been done yet",
    )
}

impl Cursor {
    fn nop(&self) -> usize {
        self.walked.len()
    }

    /// Byte offset of operand `op`'s current element in its buffer.
    fn offset(&self, op: usize) -> isize {
        let start = self.walked[op].layout_ref().offset as isize + self.plan.base[op];
        self.plan
            .axes
            .iter()
            .zip(&self.coords)
            .fold(start, |at, (ax, &i)| at + i as isize * ax.strides[op])
    }

    /// The view `it[op]` gives.
    pub fn element(&self, op: usize) -> PyResult<ArrayRef> {
        let src = &self.walked[op];
        let offset = usize::try_from(self.offset(op))
            .map_err(|_| PyError::new("SystemError", "nditer offset below the buffer"))?;
        let view = if self.gathered {
            // Every element in iteration order, as NumPy's buffer holds them.
            let axes = &self.plan.axes;
            let walk = NdArray::view_with(
                src,
                Layout {
                    shape: axes.iter().rev().map(|a| a.len).collect(),
                    strides: axes.iter().rev().map(|a| a.strides[op]).collect(),
                    offset,
                },
            );
            let copy = walk.copy(crate::engine::array::Order::C)?;
            let flat = Layout {
                shape: vec![self.itersize],
                strides: vec![src.dtype().itemsize() as isize],
                offset: 0,
            };
            let out = NdArray::view_with(&copy, flat);
            out.set_writeable(false)?;
            return Ok(out);
        } else if self.external {
            let (len, stride) = self
                .plan
                .axes
                .first()
                .map_or((1, 0), |a| (a.len, a.strides[op]));
            NdArray::view_with(
                src,
                Layout {
                    shape: vec![len],
                    strides: vec![stride],
                    offset,
                },
            )
        } else {
            NdArray::view_with(
                src,
                Layout {
                    shape: vec![],
                    strides: vec![],
                    offset,
                },
            )
        };
        if !self.writable[op] {
            view.set_writeable(false)?;
        }
        Ok(view)
    }

    /// Refuse reading elements when there are none to read.
    pub fn check_readable(&self) -> PyResult<()> {
        if self.closed || self.finished {
            return Err(past_end());
        }
        if self.delayed {
            return Err(delayed());
        }
        Ok(())
    }

    /// `it.value`: one view, or a tuple of one per operand.
    pub fn value(&self) -> PyResult<Value> {
        self.check_readable()?;
        if self.nop() == 1 {
            return Ok(Value::Array(self.element(0)?));
        }
        let items = (0..self.nop())
            .map(|op| self.element(op).map(Value::Array))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(Value::tuple(items))
    }

    /// Step to the next element (or inner run); false at the end.
    fn advance(&mut self) -> bool {
        if self.gathered {
            self.iterindex = self.itersize;
            return false;
        }
        let first = usize::from(self.external);
        let step = if self.external {
            self.plan.axes.first().map_or(1, |a| a.len)
        } else {
            1
        };
        self.iterindex += step;
        for k in first..self.plan.axes.len() {
            self.coords[k] += 1;
            if self.coords[k] < self.plan.axes[k].len {
                return true;
            }
            self.coords[k] = 0;
        }
        false
    }

    /// The iteration ended: buffered copies go back into their operands.
    fn finish(&mut self) -> PyResult<()> {
        self.finished = true;
        self.write_back(false)
    }

    fn write_back(&self, closing: bool) -> PyResult<()> {
        for (op, (original, when)) in self.originals.iter().enumerate() {
            let due = match when {
                WriteBack::Never => false,
                WriteBack::AtEnd => true,
                WriteBack::AtClose => closing,
            };
            if due {
                crate::engine::array::copy_elements(&self.walked[op], original)?;
            }
        }
        Ok(())
    }

    /// Python's `next(it)`: the current element the first time, then the
    /// following ones (`npyiter_next`'s started flag).
    pub fn next(&mut self) -> PyResult<Option<Value>> {
        if self.closed || self.finished {
            return Ok(None);
        }
        if self.delayed {
            return Err(delayed());
        }
        if self.started && !self.advance() {
            self.finish()?;
            return Ok(None);
        }
        self.started = true;
        self.value().map(Some)
    }

    /// `it.iternext()`.
    pub fn iternext(&mut self) -> PyResult<bool> {
        if self.closed || self.finished {
            return Ok(false);
        }
        if self.advance() {
            return Ok(true);
        }
        self.finish()?;
        Ok(false)
    }

    /// `it.reset()`.
    pub fn reset(&mut self) -> PyResult<()> {
        if self.closed {
            return Err(invalid());
        }
        if !self.finished {
            self.write_back(false)?;
        }
        self.coords.iter_mut().for_each(|c| *c = 0);
        self.iterindex = 0;
        self.started = false;
        self.finished = self.itersize == 0;
        self.delayed = false;
        Ok(())
    }

    /// `it.close()` / leaving `with`: copies are written back.
    pub fn close(&mut self) -> PyResult<()> {
        if self.closed {
            return Ok(());
        }
        self.closed = true;
        self.write_back(true)
    }

    /// `it.multi_index`, in the iteration shape's C order.
    pub fn multi_index(&self) -> PyResult<Value> {
        if self.closed || self.finished {
            return Err(past_end());
        }
        if !self.multi_index {
            return Err(PyError::value("Iterator is not tracking a multi-index"));
        }
        let mut out = vec![0usize; self.shape_c.len()];
        for (ax, &i) in self.plan.axes.iter().zip(&self.coords) {
            out[ax.src] = if ax.flipped { ax.len - 1 - i } else { i };
        }
        Ok(Value::tuple(
            out.into_iter().map(|i| Value::Int(i as i128)).collect(),
        ))
    }

    /// `it.index`.
    pub fn index(&self) -> PyResult<Value> {
        if self.closed || self.finished {
            return Err(past_end());
        }
        if !self.has_index {
            return Err(PyError::value("Iterator does not have an index"));
        }
        let slot = self.nop();
        let at = self
            .plan
            .axes
            .iter()
            .zip(&self.coords)
            .fold(self.plan.base[slot], |at, (ax, &i)| {
                at + i as isize * ax.strides[slot]
            });
        Ok(Value::Int(at as i128))
    }

    /// `it.shape`: the C shape with a multi-index, else the plan's axes
    /// innermost first (`NpyIter_GetShape`).
    pub fn shape(&self) -> PyResult<Value> {
        if self.closed || self.finished {
            return Err(past_end());
        }
        let dims: Vec<usize> = if self.multi_index {
            self.shape_c.clone()
        } else {
            self.plan.axes.iter().map(|a| a.len).collect()
        };
        Ok(Value::tuple(
            dims.into_iter().map(|d| Value::Int(d as i128)).collect(),
        ))
    }

    /// `it[i] = v`: assign into operand `i`'s current element.
    pub fn check_writable(&self, op: usize) -> PyResult<()> {
        if !self.writable[op] {
            return Err(PyError::new(
                "RuntimeError",
                format!("Iterator operand {op} is not writeable"),
            ));
        }
        Ok(())
    }

    /// The operand number `i` names (negative counts from the end).
    pub fn operand_number(&self, i: i128) -> PyResult<usize> {
        let n = self.nop() as i128;
        let k = if i < 0 { i + n } else { i };
        if k < 0 || k >= n {
            return Err(PyError::index(format!(
                "Iterator operand index {i} is out of bounds"
            )));
        }
        Ok(k as usize)
    }

    /// `len(it)`, `it.nop`.
    pub fn nop_count(&self) -> usize {
        self.nop()
    }
}
