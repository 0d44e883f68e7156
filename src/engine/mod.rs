//! The strided-array engine: NumPy's memory model. Buffers of bytes shared
//! by an owner and its views; dtypes; layouts (shape, byte strides, byte
//! offset); indexing that returns views or gathers copies; element kernels.
//! The engine never sees an AST or a Python value, and never prints.

pub mod array;
pub mod broadcast;
pub mod buffer;
pub mod busday;
pub mod cmath;
pub mod cpu;
pub mod datetime;
pub mod datetime_meta;
pub mod distinct;
pub mod divide;
pub mod dtype;
pub mod element;
pub mod error;
pub mod fancy;
pub mod fill;
pub mod fp_flags;
pub mod gemm;
pub mod held;
pub mod index;
pub mod interrupt;
pub mod iter;
pub mod iter_plan;
pub mod kept_order;
pub mod kernels;
pub mod layout;
pub mod member;
pub mod minmax_zero;
pub mod nan_tag;
pub mod object;
pub mod par;
pub mod pocketfft;
pub mod promote;
pub mod random;
pub mod reduce;
pub mod reduce_stream;
pub mod replicate;
pub mod scalar;
pub mod scalar_kernels;
pub mod select;
pub mod simd_f32;
pub mod sort;
pub mod strided_copy;
pub mod text_cast;
pub mod text_numbers;
pub mod text_points;
pub mod typed;
pub mod void_cast;
pub mod write_log;

pub use array::{ArrayRef, NdArray, Order};
pub use dtype::DType;
pub use error::EngineError;
pub use layout::Layout;
pub use scalar::Scalar;
