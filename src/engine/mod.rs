//! The strided-array engine: NumPy's memory model.

pub mod dtype;
pub mod scalar;
