//! Type hints, so annotated tutorial code runs: the `typing` module's
//! forms (`Optional[int]`, `List[float]`, `Callable[[int], str]`,
//! `TypeVar('T')`), builtin generics (`list[int]`, `tuple[int, ...]`,
//! `np.ndarray[...]`), `int | None`, and `numpy.typing.NDArray`.
//!
//! A hint is data only: it prints as CPython 3.11 prints it and compares
//! by that text. slicelab never checks a value against a hint, as Python
//! does not either; calling one or using it in `isinstance` is an honest
//! error.

use std::rc::Rc;

use super::error::{PyError, PyResult};
use super::object::{Hint, Obj, object};
use super::value::{TypeObj, Value};

/// `typing`'s names that are forms, generics or values.
const TYPING_FORMS: &[&str] = &[
    "Any",
    "Optional",
    "Union",
    "List",
    "Dict",
    "Tuple",
    "Set",
    "FrozenSet",
    "Callable",
    "Iterable",
    "Iterator",
    "Sequence",
    "Mapping",
    "MutableMapping",
    "MutableSequence",
    "Generator",
    "Type",
    "Literal",
    "Final",
    "ClassVar",
    "NoReturn",
    "Collection",
    "Hashable",
    "Sized",
    "DefaultDict",
    "Deque",
    "Counter",
];

/// `typing.NAME`.
pub fn typing_attr(name: &str) -> Option<Value> {
    if let Some(form) = TYPING_FORMS.iter().find(|f| **f == name) {
        return Some(hint(Hint::Form(form)));
    }
    match name {
        "TYPE_CHECKING" => Some(Value::Bool(false)),
        "TypeVar" | "cast" => Some(Value::func(&format!("typing.{name}"))),
        _ => None,
    }
}

/// The module `numpy.typing`.
pub const NUMPY_TYPING: &str = "numpy.typing";

/// `numpy.typing.NAME`: `NDArray` (a generic alias of `ndarray`), and
/// `ArrayLike`/`DTypeLike`, whose long unions slicelab does not spell out.
pub fn numpy_typing_attr(name: &str) -> Option<Value> {
    match name {
        "NDArray" => Some(hint(Hint::Alias {
            origin: "numpy.ndarray".into(),
            args: vec![
                hint(Hint::Text("tuple[typing.Any, ...]".into())),
                hint(Hint::Text("numpy.dtype[~_ScalarT]".into())),
            ],
        })),
        "ArrayLike" => Some(hint(Hint::Opaque("ArrayLike"))),
        "DTypeLike" => Some(hint(Hint::Opaque("DTypeLike"))),
        _ => None,
    }
}

fn hint(h: Hint) -> Value {
    object(Obj::Hint(h))
}

/// Calls `typing.TypeVar` and `typing.cast`.
pub fn call(name: &str, args: &super::args::Args) -> Option<PyResult<Value>> {
    match name {
        "typing.TypeVar" => Some(match args.pos.first() {
            Some(Value::Str(s)) => Ok(hint(Hint::Text(format!("~{s}")))),
            _ => Err(PyError::type_error("TypeVar name must be a string")),
        }),
        "typing.cast" => Some(match args.pos.as_slice() {
            [_, v] => Ok(v.clone()),
            _ => Err(PyError::type_error(format!(
                "cast() takes 2 positional arguments but {} were given",
                args.pos.len()
            ))),
        }),
        _ => None,
    }
}

use super::object_repr::{hint_arg_repr as arg_repr, hint_repr};

/// The builtin classes whose `[...]` makes a `types.GenericAlias`.
fn generic_builtin(t: &TypeObj) -> Option<String> {
    match t {
        TypeObj::Builtin(n @ ("list" | "dict" | "tuple" | "set" | "frozenset" | "type")) => {
            Some((*n).to_string())
        }
        TypeObj::NdArray => Some("numpy.ndarray".into()),
        TypeObj::DTypeClass => Some("numpy.dtype".into()),
        _ => None,
    }
}

fn args_of(idx: &Value) -> Vec<Value> {
    match idx {
        Value::Tuple(items) if !items.is_empty() => items.as_ref().clone(),
        other => vec![other.clone()],
    }
}

/// The members of a union hint (`int | None`, `typing.Union[...]`,
/// `typing.Optional[X]`), or `v` alone.
fn members(v: &Value) -> Vec<Value> {
    if let Value::Object(o) = v
        && let Obj::Hint(h) = o.as_ref()
    {
        match h {
            Hint::Union(items) => return items.clone(),
            Hint::Alias { origin, args, .. } if origin == "typing.Union" => return args.clone(),
            Hint::Alias { origin, args, .. } if origin == "typing.Optional" => {
                return args.iter().cloned().chain([Value::None]).collect();
            }
            _ => {}
        }
    }
    vec![v.clone()]
}

/// Members without repeats (by their text).
fn distinct(all: impl IntoIterator<Item = Value>) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    for x in all {
        if !out.iter().any(|y| arg_repr(y) == arg_repr(&x)) {
            out.push(x);
        }
    }
    out
}

/// `typing.Union[...]`: nested unions flattened, repeats dropped, `None`
/// shown as `NoneType`; one member is that member, two with `None` are
/// `Optional`.
fn typing_union(parts: Vec<Value>) -> Value {
    let none = Value::Type(TypeObj::Builtin("NoneType"));
    let mut flat = distinct(parts.iter().flat_map(members).map(|m| {
        if matches!(m, Value::None) {
            none.clone()
        } else {
            m
        }
    }));
    let is_none = |v: &Value| arg_repr(v) == "NoneType";
    match flat.len() {
        1 => flat.remove(0),
        2 if flat.iter().any(is_none) => {
            let other = flat
                .into_iter()
                .find(|v| !is_none(v))
                .unwrap_or(Value::None);
            hint(Hint::Alias {
                origin: "typing.Optional".into(),
                args: vec![other],
            })
        }
        _ => hint(Hint::Alias {
            origin: "typing.Union".into(),
            args: flat,
        }),
    }
}

/// Whether `v` is `NDArray`'s `numpy.dtype[~_ScalarT]`, still open.
fn is_type_var_dtype(v: &Value) -> bool {
    matches!(v, Value::Object(o) if matches!(o.as_ref(), Obj::Hint(Hint::Text(t)) if t.ends_with("[~_ScalarT]")))
}

/// `obj[idx]` when `obj` is a class with generic aliases or a hint.
pub fn subscript(obj: &Value, idx: &Value) -> Option<PyResult<Value>> {
    match obj {
        Value::Type(t) => {
            let origin = generic_builtin(t)?;
            Some(Ok(hint(Hint::Alias {
                origin,
                args: args_of(idx),
            })))
        }
        Value::Object(o) => match o.as_ref() {
            Obj::Hint(Hint::Form(name)) => Some(form_subscript(name, idx)),
            Obj::Hint(Hint::Alias { origin, args, .. })
                if origin == "numpy.ndarray" && args.len() == 2 && is_type_var_dtype(&args[1]) =>
            {
                // `NDArray[np.float64]`: the scalar type fills the dtype's
                // type variable; an alias with none left is not generic.
                Some(Ok(hint(Hint::Alias {
                    origin: origin.clone(),
                    args: vec![
                        args[0].clone(),
                        hint(Hint::Text(format!("numpy.dtype[{}]", arg_repr(idx)))),
                    ],
                })))
            }
            Obj::Hint(h) => Some(Err(PyError::type_error(format!(
                "{} is not a generic class",
                super::object_repr::hint_repr(h)
            )))),
            _ => None,
        },
        _ => None,
    }
}

fn form_subscript(name: &str, idx: &Value) -> PyResult<Value> {
    match name {
        "Any" => Err(PyError::type_error("type 'Any' is not subscriptable")),
        "NoReturn" => Err(PyError::type_error("typing.NoReturn is not subscriptable")),
        "Union" => Ok(typing_union(args_of(idx))),
        "Optional" => {
            if matches!(idx, Value::Tuple(t) if !t.is_empty()) {
                return Err(PyError::type_error(format!(
                    "typing.Optional requires a single type. Got {}.",
                    super::display::repr(idx, &Default::default())
                )));
            }
            Ok(typing_union(vec![idx.clone(), Value::None]))
        }
        _ => Ok(hint(Hint::Alias {
            origin: format!("typing.{name}"),
            args: match idx {
                Value::Tuple(t) if t.is_empty() => vec![idx.clone()],
                other => args_of(other),
            },
        })),
    }
}

/// Whether `v` is a class or a hint: what `|` makes a union of.
fn is_type_like(v: &Value) -> bool {
    match v {
        Value::Type(_) => true,
        Value::Object(o) => matches!(o.as_ref(), Obj::Hint(_) | Obj::Class(_)),
        _ => false,
    }
}

/// Whether `v` is one of `typing`'s own hints, whose `|` gives a
/// `typing.Union` rather than a `types.UnionType`.
fn from_typing(v: &Value) -> bool {
    matches!(v, Value::Object(o) if matches!(o.as_ref(),
        Obj::Hint(Hint::Form(_)) | Obj::Hint(Hint::Opaque(_)))
        || matches!(o.as_ref(), Obj::Hint(Hint::Alias { origin, .. }) if origin.starts_with("typing.")))
}

/// `X | Y` of classes and hints (`int | None`), as `types.UnionType`.
pub fn union(a: &Value, b: &Value) -> Option<Value> {
    // `None` may stand on one side, never on both (`None | None` is a
    // TypeError of its own).
    let member = |v: &Value| matches!(v, Value::None) || is_type_like(v);
    if !(member(a) && member(b) && (is_type_like(a) || is_type_like(b))) {
        return None;
    }
    if from_typing(a) || from_typing(b) {
        return Some(typing_union(vec![a.clone(), b.clone()]));
    }
    let mut items = distinct(members(a).into_iter().chain(members(b)));
    Some(if items.len() == 1 {
        items.remove(0)
    } else {
        hint(Hint::Union(items))
    })
}

/// Hints are equal when they print the same.
pub fn eq(a: &Rc<Obj>, b: &Rc<Obj>) -> Option<bool> {
    match (a.as_ref(), b.as_ref()) {
        (Obj::Hint(x), Obj::Hint(y)) => Some(hint_repr(x) == hint_repr(y)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int() -> Value {
        Value::Type(TypeObj::Builtin("int"))
    }

    fn text(v: &Value) -> String {
        arg_repr(v)
    }

    #[test]
    fn prints_as_cpython() {
        let optional = typing_attr("Optional").unwrap();
        let opt_int = subscript(&optional, &int()).unwrap().unwrap();
        assert_eq!(text(&opt_int), "typing.Optional[int]");
        let list = Value::Type(TypeObj::Builtin("list"));
        assert_eq!(
            text(&subscript(&list, &int()).unwrap().unwrap()),
            "list[int]"
        );
        assert_eq!(text(&union(&int(), &Value::None).unwrap()), "int | None");
        let u = typing_attr("Union").unwrap();
        let one = subscript(&u, &Value::tuple(vec![int(), int()]))
            .unwrap()
            .unwrap();
        assert_eq!(text(&one), "int");
    }
}
