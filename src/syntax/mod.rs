//! Statement text to AST. (Placeholder: the pest grammar and builder land next.)

pub mod ast;
