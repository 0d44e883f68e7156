//! `Generator` methods: Lemire bounded integers, 53-bit doubles (24-bit
//! floats for `dtype=np.float32`), uniform, the ziggurat exponential
//! and normal (double and float),
//! and the sampling/reordering methods of `permute.rs`.

use std::rc::Rc;

use crate::engine::DType;
use crate::engine::random::bounded::Method;
use crate::engine::random::{AnyBitGen, next_float, ziggurat};

use super::super::error::{PyError, PyResult};
use super::super::signature::{Bound, Style, bind};
use super::super::value::Value;
use super::args::{bounded_range, doubles, filled, int_bounds, size_arg};
use super::out::fill_out;
use super::permute::{self, Flavor};
use super::{ints, sigs};
use crate::eval::args::Args;
use crate::eval::dtype_arg::dtype_arg;
use crate::eval::object::RandomObj;
use crate::eval::session::Session;

/// Call `Generator.NAME`.
pub fn call(_s: &mut Session, obj: &Rc<RandomObj>, name: &str, args: Args) -> PyResult<Value> {
    let sig = sigs::generator(name).ok_or_else(|| PyError::attribute(obj.type_path(), name))?;
    let b = bind(sig, Style::Cython, &args)?;
    let RandomObj::Generator { bit_generator } = obj.as_ref() else {
        unreachable!("generator::call on a Generator")
    };
    if name == "spawn" {
        let children =
            super::seeding::spawn_bit_generators(bit_generator, b.required("n_children"))?;
        return Ok(Value::list(
            children
                .into_iter()
                .map(|bg| Value::Random(Rc::new(RandomObj::Generator { bit_generator: bg })))
                .collect(),
        ));
    }
    let bg = bit_generator
        .bitgen()
        .expect("a Generator holds a bit generator");
    let mut g = bg.state.borrow_mut();
    draw(&mut g, name, &b)
}

/// `dtype=` of `random`/`standard_normal`/`standard_exponential`:
/// float64 or float32, else NumPy's message.
fn float_dtype(b: &Bound, func: &str) -> PyResult<DType> {
    let dt = match b.get("dtype") {
        None => DType::Float64,
        Some(v) => dtype_arg(v)?,
    };
    match dt {
        DType::Float64 | DType::Float32 => Ok(dt),
        other => Err(PyError::type_error(format!(
            "Unsupported dtype dtype('{}') for {func}",
            other.name()
        ))),
    }
}

fn draw(g: &mut AnyBitGen, name: &str, b: &Bound) -> PyResult<Value> {
    if super::dists::NAMES.contains(&name) {
        return super::dists::generator(g, name, b);
    }
    if super::multivariate::NAMES.contains(&name) {
        return super::multivariate::generator(g, name, b);
    }
    let size = || size_arg(b.get("size"));
    match name {
        "random" => {
            let dt = float_dtype(b, name)?;
            if let Some(out) = given_out(b) {
                return match dt {
                    DType::Float32 => fill_out(out, dt, b.get("size"), || next_float(g)),
                    _ => fill_out(out, dt, b.get("size"), || {
                        crate::engine::random::BitGen::next_double(g)
                    }),
                };
            }
            match dt {
                DType::Float32 => float32s(size()?, || next_float(g)),
                _ => match size()? {
                    None => Ok(Value::Float(crate::engine::random::BitGen::next_double(g))),
                    // Both cores for PCG64, bit for bit the serial stream.
                    Some(shape) => super::args::filled::<f64>(&shape, DType::Float64, |out| {
                        crate::engine::random::fill::doubles(g, out)
                    }),
                },
            }
        }
        "standard_normal" => {
            let dt = float_dtype(b, name)?;
            if let Some(out) = given_out(b) {
                return match dt {
                    DType::Float32 => {
                        fill_out(out, dt, b.get("size"), || ziggurat::standard_normal_f32(g))
                    }
                    _ => fill_out(out, dt, b.get("size"), || ziggurat::standard_normal(g)),
                };
            }
            match dt {
                DType::Float32 => float32s(size()?, || ziggurat::standard_normal_f32(g)),
                _ => doubles(size()?, || ziggurat::standard_normal(g)),
            }
        }
        "standard_exponential" => {
            // NumPy tests `method == 'zig'`; anything else is inversion.
            let inv = match b.get("method") {
                None => false,
                Some(Value::Str(m)) => m.as_ref() != "zig",
                Some(_) => true,
            };
            let dt = float_dtype(b, name)?;
            if let Some(out) = given_out(b) {
                let size = b.get("size");
                return match dt {
                    DType::Float32 if inv => fill_out(out, dt, size, || -(-next_float(g)).ln_1p()),
                    DType::Float32 => {
                        fill_out(out, dt, size, || ziggurat::standard_exponential_f32(g))
                    }
                    _ if inv => fill_out(out, dt, size, || {
                        -(-crate::engine::random::BitGen::next_double(g)).ln_1p()
                    }),
                    _ => fill_out(out, dt, size, || ziggurat::standard_exponential(g)),
                };
            }
            match dt {
                DType::Float32 if inv => float32s(size()?, || -(-next_float(g)).ln_1p()),
                DType::Float32 => float32s(size()?, || ziggurat::standard_exponential_f32(g)),
                _ if inv => doubles(size()?, || {
                    -(-crate::engine::random::BitGen::next_double(g)).ln_1p()
                }),
                _ => doubles(size()?, || ziggurat::standard_exponential(g)),
            }
        }
        "integers" => {
            let dt = match b.get("dtype") {
                None => DType::Int64,
                Some(v) => dtype_arg(v)?,
            };
            if int_bounds(&dt).is_none() {
                return Err(PyError::type_error(format!(
                    "Unsupported dtype dtype('{}') for integers",
                    dt.name()
                )));
            }
            let endpoint = match b.get("endpoint") {
                Some(v) => crate::eval::protocol::truthy(v)?,
                None => false,
            };
            if let Some(empty) = super::args::empty_draw(b.get("size"), &dt)? {
                return Ok(empty);
            }
            if super::int_broadcast::is_array(b.required("low"), b.get("high")) {
                return super::int_broadcast::draw(
                    g,
                    b.required("low"),
                    b.get("high"),
                    b.get("size"),
                    &dt,
                    endpoint,
                    Method::Lemire,
                );
            }
            let (off, rng) = bounded_range(Some(b.required("low")), b.get("high"), &dt, endpoint)?;
            let v = ints::draw(g, size()?.as_deref(), &dt, off, rng, Method::Lemire)?;
            Ok(match b.get("dtype") {
                Some(Value::Type(super::super::value::TypeObj::Builtin("int" | "bool"))) => {
                    ints::python_scalar(v)
                }
                _ => v,
            })
        }
        "bytes" => {
            let n = super::args::int_param(b.required("length"))?;
            Ok(Value::Bytes(Rc::from(super::legacy::bytes(
                g,
                n,
                Method::Lemire,
            )?)))
        }
        "choice" => super::choice::choice(g, Flavor::Generator, b),
        "permutation" => {
            let axis = b.get("axis").map_or(Ok(0), super::args::int_param)? as i64;
            permute::permutation(g, b.required("x"), axis, Flavor::Generator)
        }
        "shuffle" => {
            let axis = b.get("axis").map_or(Ok(0), super::args::int_param)? as i64;
            permute::shuffle(g, b.required("x"), axis, Flavor::Generator)
        }
        "permuted" => permute::permuted(g, b.required("x"), b.get("axis"), b.get("out")),
        _ => Err(PyError::attribute(
            "numpy.random._generator.Generator",
            name,
        )),
    }
}

/// `out=` when given (an explicit `None` is not given).
fn given_out(b: &Bound) -> Option<&Value> {
    b.get("out").filter(|v| !matches!(v, Value::None))
}

/// float32 draws: a NumPy float32 scalar for `size=None`.
fn float32s(size: Option<Vec<usize>>, mut draw: impl FnMut() -> f32) -> PyResult<Value> {
    match size {
        None => Ok(Value::Float(draw() as f64)),
        Some(shape) => filled::<f32>(&shape, DType::Float32, |o| {
            o.iter_mut().for_each(|x| *x = draw())
        }),
    }
}
