//! Calls by name, after binding: an `np.` function goes to the layer that
//! handles its arguments' kinds (datetimes, masked arrays, record arrays)
//! or, bound against its registry entry, to the ufunc layer or its routine;
//! an array method is bound against its entry and then called.
//!
//! This is the top of the evaluator's call path; the registry below it only
//! describes and binds.

use super::args::Args;
use super::error::PyResult;
use super::registry::{method_entry, np_entry};
use super::session::Session;
use super::value::Value;
use crate::eval::binding::{prepare, prepare_method};

impl Session {
    /// Call a bound method: registered array methods are bound first.
    pub(super) fn call_method_registered(
        &mut self,
        obj: &Value,
        name: &str,
        args: Args,
    ) -> PyResult<Value> {
        if crate::eval::object::is_poly(obj) {
            return super::poly1d::call_method(self, obj, name, args);
        }
        if super::array_subclass::is_sub(obj) {
            return super::subclass::method(self, obj, name, args);
        }
        if name == "view"
            && let Some(r) = super::subclass::view_call(self, obj, &args)
        {
            return r;
        }
        if crate::eval::object::as_matrix(obj).is_some() {
            return super::matrix_ops::method(self, obj, name, args);
        }
        if crate::eval::object::is_ma(obj) {
            return super::ma::call_method(self, obj, name, args);
        }
        if name.starts_with("__")
            && match obj {
                Value::Array(_) => super::dunder_names::has(name),
                Value::NpScalar(dt, _) => {
                    number_scalar(dt)
                        && super::dunder_names::scalar_has(
                            name,
                            dt.kind() == crate::engine::dtype::Kind::Complex,
                        )
                }
                _ => false,
            }
        {
            return super::array_dunders::call(self, obj, name, args);
        }
        if let Value::Array(a) = obj
            && *a.dtype() == crate::engine::DType::Object
            && let Some(r) = super::object_array::method(a, name, &args)
        {
            return r;
        }
        let args = match (obj, method_entry(name)) {
            (Value::Array(_), Some(entry)) => {
                let args = self.fspath_args(entry.signature, args)?;
                prepare_method(name, entry, obj, &args)?
            }
            _ => args,
        };
        super::methods::call_method(self, obj, name, args)
    }

    /// `np.NAME(pos..., **kw)` through the registry, as NumPy's own Python
    /// code calls its functions (`np.linalg`, `np.ma`, `np.rec`, ...).
    pub(super) fn np(
        &mut self,
        name: &str,
        pos: Vec<Value>,
        kw: Vec<(&str, Value)>,
    ) -> PyResult<Value> {
        let kw = kw.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        self.call_registered(&format!("np.{name}"), Args { pos, kw })
    }

    /// Call a function value: `np.` names are bound against their registry
    /// entry first (ufuncs through the ufunc layer); others go straight on.
    pub(super) fn call_registered(&mut self, name: &str, args: Args) -> PyResult<Value> {
        let entry = name.strip_prefix("np.").and_then(np_entry);
        let Some(entry) = entry else {
            return self.call_function(name, args);
        };
        let args = super::array_protocol::resolve_call(self, entry.name(), args)?;
        let mut args = self.fspath_args(entry.signature, args)?;
        // A ufunc call takes `sig=` as the old name of `signature=`.
        if entry.ufunc.is_some() && args.kw("sig").is_some() {
            if args.kw("signature").is_some() {
                return Err(super::error::PyError::type_error(
                    "cannot specify both 'sig' and 'signature'",
                ));
            }
            for (k, _) in args.kw.iter_mut().filter(|(k, _)| k == "sig") {
                *k = "signature".to_string();
            }
        }
        // Either names the loop: both given (even as None) is refused.
        if entry.ufunc.is_some() && args.kw("signature").is_some() && args.kw("dtype").is_some() {
            return Err(super::error::PyError::type_error(
                "cannot specify both 'signature' and 'dtype'",
            ));
        }
        // A ufunc's `dtype=` is checked before any loop is chosen (a dtype
        // slicelab reads otherwise, `object`, is left to the loops).
        if entry.ufunc.is_some()
            && let Some(d) = args.kw("dtype")
            && let Ok(dt) = super::dtype_arg::dtype_arg(d)
        {
            super::ufunc_args::general_dtype(dt)?;
        }
        if args
            .pos
            .iter()
            .chain(args.kw.iter().map(|(_, v)| v))
            .any(crate::eval::datetime_convert::involves_time)
        {
            return super::datetime::np_function(self, entry, args);
        }
        if super::ma::join::applies(entry.name(), &args) {
            return super::ma::join::call(self, entry.name(), args);
        }
        if args
            .pos
            .iter()
            .chain(args.kw.iter().map(|(_, v)| v))
            .any(crate::eval::object::is_ma)
        {
            if super::matrix::in_args(&args) {
                return Err(super::matrix::refuse(&format!(
                    "np.{} of a matrix and a masked array",
                    entry.name()
                )));
            }
            return super::ma::np_function(self, entry, args);
        }
        // NumPy's C parser sees defaults given explicitly; busday binds itself.
        if super::busday::answers(entry.name()) {
            return self.call_function(name, args);
        }
        let args = match super::poly1d::np_function(self, entry.name(), args) {
            Ok(out) => return out,
            Err(args) => args,
        };
        let args = match super::subclass::np_function(self, entry, args) {
            Ok(out) => return out,
            Err(args) => args,
        };
        let args = match super::matrix_ops::np_function(self, entry, args) {
            Ok(out) => return out,
            Err(args) => args,
        };
        let args = super::recarray::np_args(entry.name(), args)?;
        let prepared = prepare(entry, &args)?;
        // An object array, or a value only one can hold (`np.add(None, 1)`
        // is the object loop's TypeError).
        let object_inputs = entry
            .ufunc
            .is_some_and(|(nin, _)| super::object_ufunc::object_operands(&prepared, nin));
        if super::object_array::involved(&prepared) || object_inputs {
            return super::object_array::np_function(self, entry, args);
        }
        // Modules that bind calls against their own signatures take the
        // call as written (the registry has checked it already).
        // (By name: a `const` table's items need not have one address.)
        let binds_itself = [super::join_split::ENTRIES, super::dtype_info::ENTRIES]
            .iter()
            .any(|t| t.iter().any(|e| e.name() == entry.name()));
        let args = if binds_itself { args } else { prepared };
        match entry.ufunc {
            Some((nin, nout)) => super::ufunc_args::call(self, entry, nin, nout, args),
            None => self.call_function(name, args),
        }
    }
}

/// A NumPy scalar of a number type (bool, integer, float, complex), whose
/// special methods are its ufunc operators.
pub(super) fn number_scalar(dt: &crate::engine::DType) -> bool {
    use crate::engine::dtype::Kind;
    matches!(
        dt.native().kind(),
        Kind::Bool | Kind::Int | Kind::UInt | Kind::Float | Kind::Complex
    )
}
