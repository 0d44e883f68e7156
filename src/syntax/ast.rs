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
    /// `target: annotation = value` (PEP 526): the value, if any, is
    /// assigned as by `=`; the annotation is evaluated afterwards at module
    /// and class level only, as CPython does without `from __future__
    /// import annotations`.
    AnnAssign {
        /// A name, attribute or subscript.
        target: Expr,
        /// The annotation.
        annotation: Expr,
        /// The value assigned, if written.
        value: Option<Expr>,
    },
    /// `import numpy as np, math`: each dotted module name with the name
    /// it is bound to (`np`), if `as` was used; bound left to right.
    Import {
        /// (dotted module name, alias) pairs.
        modules: Vec<(String, Option<String>)>,
    },
    /// `from numpy import newaxis, ix_ as ix`.
    FromImport {
        /// Dotted module name.
        module: String,
        /// (name, alias) pairs; `from M import *` is the one pair `("*", None)`.
        names: Vec<(String, Option<String>)>,
    },
    /// An empty line, a comment, or `pass`.
    Pass,
    /// Several statements run in order: `a; b` on one line, or a whole
    /// input of several top-level statements.
    Seq(Vec<Stmt>),
    /// `if`/`elif`/`else`: the first branch whose test is true runs.
    If {
        /// (test, body) for `if` and each `elif`.
        branches: Vec<(Expr, Vec<Stmt>)>,
        /// The `else:` body (empty when absent).
        orelse: Vec<Stmt>,
    },
    /// `while test: body else: orelse`.
    While {
        /// The condition, evaluated before each iteration.
        test: Expr,
        /// The loop body.
        body: Vec<Stmt>,
        /// Runs when the loop ends without `break`.
        orelse: Vec<Stmt>,
    },
    /// `for target in iter: body else: orelse`.
    For {
        /// What each item is bound to.
        target: Expr,
        /// The iterable.
        iter: Expr,
        /// The loop body.
        body: Vec<Stmt>,
        /// Runs when the loop ends without `break`.
        orelse: Vec<Stmt>,
    },
    /// `def name(params): body`.
    FunctionDef(std::sync::Arc<FuncDef>),
    /// `class NAME(BASES): body`.
    ClassDef(std::sync::Arc<ClassDef>),
    /// `@decorator` lines above a `def` or `class` (held in `def`): the
    /// decorators, top first, are evaluated before the definition runs and
    /// applied to it bottom first.
    Decorated {
        /// The decorator expressions, in written order.
        decorators: Vec<Expr>,
        /// The `def` or `class` statement.
        def: Box<Stmt>,
    },
    /// `return value`.
    Return(Option<Expr>),
    /// `break`.
    Break,
    /// `continue`.
    Continue,
    /// `try: body except ...: ... else: ... finally: ...`.
    Try {
        /// The guarded body.
        body: Vec<Stmt>,
        /// The `except` clauses in order.
        handlers: Vec<Handler>,
        /// Runs when the body raised nothing.
        orelse: Vec<Stmt>,
        /// Runs always.
        finalbody: Vec<Stmt>,
    },
    /// `with ctx as target, ...: body`.
    With {
        /// (context expression, `as` target).
        items: Vec<(Expr, Option<Expr>)>,
        /// The body.
        body: Vec<Stmt>,
    },
    /// `match subject:` and its `case` clauses (PEP 634).
    Match {
        /// The subject, evaluated once.
        subject: Expr,
        /// The cases, tried in order.
        cases: Vec<MatchCase>,
    },
    /// `raise`, `raise exc`, `raise exc from cause`.
    Raise {
        /// The exception (class or instance); `None` re-raises.
        exc: Option<Expr>,
        /// The `from` part.
        cause: Option<Expr>,
    },
    /// `del a, b[0], d['k']`.
    Del(Vec<Expr>),
    /// `assert test, msg`.
    Assert {
        /// The condition.
        test: Expr,
        /// The message, if given.
        msg: Option<Expr>,
    },
    /// `global a, b`.
    Global(Vec<String>),
    /// `nonlocal a, b`.
    Nonlocal(Vec<String>),
}

/// One `case pattern if guard:` clause.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchCase {
    /// What the subject must match.
    pub pattern: Pattern,
    /// The `if` after the pattern, tested once its names are bound.
    pub guard: Option<Expr>,
    /// The clause's body.
    pub body: Vec<Stmt>,
}

/// A pattern of a `case` clause.
#[derive(Debug, Clone, PartialEq)]
pub enum Pattern {
    /// A literal (other than None/True/False) or a dotted name: `==`.
    Value(Expr),
    /// `None`, `True`, `False`: `is`.
    Singleton(Expr),
    /// A bare name: binds the subject.
    Capture(String),
    /// `_`.
    Wildcard,
    /// `[p, *rest, q]`, `(p, q)`, `p, q`.
    Sequence(Vec<Pattern>),
    /// `*name` (`*_` is `None`) inside a sequence pattern.
    Star(Option<String>),
    /// `{key: p, **rest}`.
    Mapping {
        /// The keys (literals or dotted names) and their patterns.
        items: Vec<(Expr, Pattern)>,
        /// `**rest`.
        rest: Option<String>,
    },
    /// `Cls(p, attr=q)`.
    Class {
        /// The class (a name or a dotted name).
        cls: Expr,
        /// Positional sub-patterns.
        args: Vec<Pattern>,
        /// Keyword sub-patterns.
        kwargs: Vec<(String, Pattern)>,
    },
    /// `p | q`.
    Or(Vec<Pattern>),
    /// `p as name`.
    As(Box<Pattern>, String),
}

/// One `except` clause.
#[derive(Debug, Clone, PartialEq)]
pub struct Handler {
    /// The class (or tuple of classes) matched; `None` for a bare `except:`.
    pub class: Option<Expr>,
    /// The `as` name.
    pub name: Option<String>,
    /// The clause's body.
    pub body: Vec<Stmt>,
}

/// A parameter list, as Python's `def` and `lambda` write it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Params {
    /// Positional-or-keyword parameters (positional-only ones first), with defaults.
    pub positional: Vec<(String, Option<Expr>)>,
    /// How many of `positional` come before a `/`.
    pub positional_only: usize,
    /// `*args`.
    pub varargs: Option<String>,
    /// Keyword-only parameters, with defaults.
    pub kwonly: Vec<(String, Option<Expr>)>,
    /// `**kwargs`.
    pub varkw: Option<String>,
    /// The annotations written (`x: int`, `-> bool` as `return`), in the
    /// order CPython evaluates them into `__annotations__`: the
    /// positional-or-keyword parameters, then the positional-only ones,
    /// `*args`, the keyword-only ones, `**kwargs`, the return.
    pub annotations: Vec<(String, Expr)>,
}

/// A class definition: its bases and its body, held as a function
/// definition without parameters (its `locals` are the class's names).
#[derive(Debug, Clone, PartialEq)]
pub struct ClassDef {
    /// The base class expressions.
    pub bases: Vec<Expr>,
    /// The name, body, docstring and the names the body binds.
    pub def: FuncDef,
}

/// A function written by the learner (`def` or `lambda`).
#[derive(Debug, Clone, PartialEq)]
pub struct FuncDef {
    /// Its name (`<lambda>` for a lambda).
    pub name: String,
    /// `__qualname__`: the name with its class (`Point.norm`).
    pub qualname: String,
    /// The parameters.
    pub params: Params,
    /// The body; a lambda's is one `return`.
    pub body: Vec<Stmt>,
    /// The docstring, if the body starts with a string literal.
    pub doc: Option<String>,
    /// Names local to the function (assigned in it and not declared
    /// `global`/`nonlocal`), parameters included: Python decides scope
    /// when it compiles the function, and so does the builder.
    pub locals: Vec<String>,
    /// Names declared `global`.
    pub globals: Vec<String>,
    /// Whether the body holds a `yield` (outside nested functions): a call
    /// makes a generator object instead of running the body.
    pub generator: bool,
}

/// One part of an f-string.
#[derive(Debug, Clone, PartialEq)]
pub enum FPart {
    /// Literal text (`{{` already turned into `{`).
    Lit(String),
    /// `{expr!conv:spec}`, and `{expr=}` with its text.
    Field {
        /// The expression.
        expr: Box<Expr>,
        /// `r`, `s` or `a` after `!`.
        conv: Option<char>,
        /// The format spec, itself an f-string.
        spec: Vec<FPart>,
        /// For `{x=}`: the text `x=` written before the value.
        debug: Option<String>,
    },
}

/// One `for ... in ... if ...` clause of a comprehension.
#[derive(Debug, Clone, PartialEq)]
pub struct CompFor {
    /// What each item is bound to.
    pub target: Expr,
    /// The iterable.
    pub iter: Expr,
    /// The `if` conditions.
    pub ifs: Vec<Expr>,
}

/// Which collection a comprehension builds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompKind {
    /// `[...]`
    List,
    /// `{...}` without `:`.
    Set,
    /// `(...)`, or the lone argument of a call.
    Generator,
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
    /// `**x` inside a call or a dict display.
    DoubleStarred(Box<Expr>),
    /// `{a, b}`.
    Set(Vec<Expr>),
    /// `lambda params: body`.
    Lambda(std::sync::Arc<FuncDef>),
    /// `[elt for ...]`, `{elt for ...}`, `(elt for ...)`.
    Comp {
        /// The collection built.
        kind: CompKind,
        /// The element.
        elt: Box<Expr>,
        /// The `for` clauses, outermost first.
        clauses: Vec<CompFor>,
    },
    /// `{k: v for ...}`.
    DictComp {
        /// The key.
        key: Box<Expr>,
        /// The value.
        value: Box<Expr>,
        /// The `for` clauses, outermost first.
        clauses: Vec<CompFor>,
    },
    /// `f"..."`.
    FString(Vec<FPart>),
    /// `name := value`: binds `name` in the enclosing function's scope
    /// (a comprehension's too) and is `value`.
    NamedExpr {
        /// The name bound.
        target: String,
        /// The value.
        value: Box<Expr>,
    },
    /// `yield` or `yield value`: makes the function a generator.
    Yield(Option<Box<Expr>>),
    /// `yield from iterable`.
    YieldFrom(Box<Expr>),
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

impl BinOp {
    /// The operator as it is written.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::MatMul => "@",
            BinOp::Div => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::BitAnd => "&",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
        }
    }

    /// The operator as CPython's "unsupported operand type(s) for …"
    /// message names it (`**` is `** or pow()`, since `pow(a, b)` reaches
    /// the same slot).
    pub fn error_symbol(self) -> &'static str {
        match self {
            BinOp::Pow => "** or pow()",
            op => op.symbol(),
        }
    }
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
