//! The abstract syntax of one statement, as plain data. The parser builds it;
//! the evaluator walks it. Nothing here knows about arrays.

/// A byte range in the statement's text, for carets under errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// One line typed at the prompt.
#[derive(Debug, Clone, PartialEq)]
pub enum Stmt {
    /// An expression whose value the prompt shows (`a[1:]`).
    Expr(Expr),
    /// `t1 = t2 = value`: every target gets the value, left to right.
    /// A target is a name, subscript, attribute, or a tuple/list of those.
    Assign {
        /// The targets in source order.
        targets: Vec<Expr>,
        /// The right-hand side, evaluated once, before any target.
        value: Expr,
    },
    /// `target op= value`.
    AugAssign {
        /// A name, subscript or attribute.
        target: Expr,
        /// The operator (`+=` is `BinOp::Add`).
        op: BinOp,
        /// The right-hand side.
        value: Expr,
    },
    /// `import numpy as np`, `import numpy`: the module name and the alias.
    Import {
        /// Dotted module name.
        module: String,
        /// The name it is bound to (`np`), if `as` was used.
        alias: Option<String>,
    },
    /// `from numpy import newaxis, ix_ as ix`.
    FromImport {
        /// Dotted module name.
        module: String,
        /// (name, alias) pairs.
        names: Vec<(String, Option<String>)>,
    },
    /// An empty line, a comment, or `pass`.
    Pass,
}

/// An expression with the span it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    /// What kind of expression this is.
    pub kind: ExprKind,
    /// Where it stands in the line.
    pub span: Span,
}

/// The kinds of expression the statement language has.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// A name (`a`, `np`).
    Name(String),
    /// An integer literal (`12`, `1_000_000`, `0x1f`, `0b101`, `0o17`).
    Int(i128),
    /// An integer literal too large for i128, kept as its decimal digits.
    BigInt(String),
    /// A float literal (`1e-3`, `15.`, `.5`).
    Float(f64),
    /// An imaginary literal (`1.2j`): the imaginary part.
    Imag(f64),
    /// A string literal, escapes resolved (`'abc'`, `"x"`, `r'\d'`).
    Str(String),
    /// A bytes literal (`b'ab'`).
    Bytes(Vec<u8>),
    /// `True` or `False`.
    Bool(bool),
    /// `None`.
    NoneLit,
    /// `...`.
    Ellipsis,
    /// `[a, b]`.
    List(Vec<Expr>),
    /// `(a, b)`, `a, b`, `(a,)`, `()`; inside `[]` also the bare `1, 2`.
    Tuple(Vec<Expr>),
    /// `{k: v, ...}`.
    Dict(Vec<(Expr, Expr)>),
    /// `value.name`.
    Attribute {
        /// The object.
        value: Box<Expr>,
        /// The attribute name.
        name: String,
    },
    /// `value[index]`. `a[1, 2:]` has a `Tuple` index holding an `Int` and a `Slice`.
    Subscript {
        /// The object indexed.
        value: Box<Expr>,
        /// The index expression.
        index: Box<Expr>,
    },
    /// `start:stop:step` (only inside a subscript); absent parts are `None`.
    Slice {
        /// Start, if written.
        start: Option<Box<Expr>>,
        /// Stop, if written.
        stop: Option<Box<Expr>>,
        /// Step, if written.
        step: Option<Box<Expr>>,
    },
    /// `func(args...)`.
    Call {
        /// The callee.
        func: Box<Expr>,
        /// Positional and keyword arguments in source order.
        args: Vec<Arg>,
    },
    /// `-x`, `+x`, `~x`, `not x`.
    Unary {
        /// The operator.
        op: UnaryOp,
        /// The operand.
        operand: Box<Expr>,
    },
    /// `left op right` for arithmetic and bitwise operators.
    Binary {
        /// The operator.
        op: BinOp,
        /// Left operand.
        left: Box<Expr>,
        /// Right operand.
        right: Box<Expr>,
    },
    /// A comparison chain: `a < b <= c` is `left=a, rest=[(Lt, b), (Le, c)]`.
    Compare {
        /// The first operand.
        left: Box<Expr>,
        /// The following (operator, operand) pairs.
        rest: Vec<(CmpOp, Expr)>,
    },
    /// `a and b and c` / `a or b`: short-circuit, Python truthiness.
    BoolOp {
        /// `and` or `or`.
        op: BoolOpKind,
        /// Two or more operands.
        values: Vec<Expr>,
    },
    /// `body if test else orelse`.
    IfExp {
        /// The condition.
        test: Box<Expr>,
        /// Value when true.
        body: Box<Expr>,
        /// Value when false.
        orelse: Box<Expr>,
    },
    /// `*x` inside a call, list or tuple.
    Starred(Box<Expr>),
}

/// A call argument.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// `f(x)`.
    Positional(Expr),
    /// `f(axis=0)`.
    Keyword(String, Expr),
}

/// Unary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    /// `-x`
    Neg,
    /// `+x`
    Pos,
    /// `~x`
    Invert,
    /// `not x`
    Not,
}

/// Binary arithmetic and bitwise operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `@`
    MatMul,
    /// `/`
    Div,
    /// `//`
    FloorDiv,
    /// `%`
    Mod,
    /// `**`
    Pow,
    /// `<<`
    LShift,
    /// `>>`
    RShift,
    /// `&`
    BitAnd,
    /// `|`
    BitOr,
    /// `^`
    BitXor,
}

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `is`
    Is,
    /// `is not`
    IsNot,
    /// `in`
    In,
    /// `not in`
    NotIn,
}

/// `and` / `or`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoolOpKind {
    /// `and`
    And,
    /// `or`
    Or,
}
