//! `np.save` and `np.load` of `.npy` files (format versions 1.0, 2.0 and
//! 3.0), byte-compatible with NumPy's `numpy.lib.format`: the same header
//! text and padding, so a saved file is identical to NumPy's for the same
//! array, and NumPy's error messages for bad files.
//!
//! slicelab keeps every buffer little-endian, so a big-endian file
//! (`'>i4'`) loads byte-swapped into the native type (NumPy would keep the
//! `>i4` dtype; the values are the same).

mod literal;

use std::io::{self, Read, Write};
use std::rc::Rc;

use literal::{Lit, str_repr};

use super::error::{PyError, PyResult};
use crate::engine::dtype::{DType, Field, RecordType};
use crate::engine::layout::{Layout, c_strides, f_strides};
use crate::engine::{ArrayRef, NdArray, Order};

const MAGIC: &[u8] = b"\x93NUMPY";
const ALIGN: usize = 64;
/// NumPy leaves room in the header for the growing axis to reach this many
/// digits.
const GROWTH_AXIS_MAX_DIGITS: usize = 21;
/// NumPy refuses longer headers unless told to trust the file.
const MAX_HEADER_SIZE: usize = 10_000;

/// Write `a` to `path` as NumPy's `np.save` does (`.npy` is appended when
/// the name lacks it, as NumPy does for a str path).
pub fn save(path: &str, a: &ArrayRef) -> PyResult<()> {
    let path = if path.ends_with(".npy") {
        path.to_string()
    } else {
        format!("{path}.npy")
    };
    let bytes = encode(a)?;
    let mut file = std::fs::File::create(&path).map_err(|e| os_error(&e, &path))?;
    file.write_all(&bytes).map_err(|e| os_error(&e, &path))
}

/// Read an `.npy` file as NumPy's `np.load` does: the array is a view of a
/// flat owner (NumPy reshapes what it read), F-ordered when the header says
/// `fortran_order: True`.
pub fn load(path: &str) -> PyResult<ArrayRef> {
    let mut file = std::fs::File::open(path).map_err(|e| os_error(&e, path))?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)
        .map_err(|e| os_error(&e, path))?;
    decode(&bytes)
}

/// The whole file for `a`: magic, version, header, data.
pub fn encode(a: &ArrayRef) -> PyResult<Vec<u8>> {
    let descr = descr_of(a.dtype())?;
    let fortran = a.is_f_contiguous() && !a.is_c_contiguous();
    let shape = Lit::Tuple(a.shape().iter().map(|&n| Lit::Int(n as i128)).collect());
    let mut header = format!(
        "{{'descr': {}, 'fortran_order': {}, 'shape': {}, }}",
        descr.repr(),
        if fortran { "True" } else { "False" },
        shape.repr()
    );
    let growth_axis = if fortran {
        a.shape().last().copied()
    } else {
        a.shape().first().copied()
    };
    if let Some(n) = growth_axis {
        header.push_str(&" ".repeat(GROWTH_AXIS_MAX_DIGITS.saturating_sub(n.to_string().len())));
    }
    let mut out = wrap_header(&header);
    let data = if a.is_c_contiguous() || fortran {
        a.clone()
    } else {
        a.copy(Order::C)?
    };
    let nbytes = data.size() * data.dtype().itemsize();
    let offset = data.layout().offset;
    out.extend_from_slice(&data.buffer().bytes()[offset..offset + nbytes]);
    Ok(out)
}

/// Magic, version, length and the header padded so the data starts at a
/// multiple of 64 bytes. Version 1.0 when the header fits in 65535 bytes of
/// latin-1, 2.0 when it is longer, 3.0 when it needs UTF-8.
fn wrap_header(header: &str) -> Vec<u8> {
    let latin1: Option<Vec<u8>> = header
        .chars()
        .map(|c| u8::try_from(c as u32).ok())
        .collect();
    let (encoded, utf8) = match latin1 {
        Some(b) => (b, false),
        None => (header.as_bytes().to_vec(), true),
    };
    let hlen = encoded.len() + 1;
    let padding = |len_bytes: usize| ALIGN - ((MAGIC.len() + 2 + len_bytes + hlen) % ALIGN);
    let fits_v1 = !utf8 && hlen + padding(2) <= usize::from(u16::MAX);
    let padlen = padding(if fits_v1 { 2 } else { 4 });
    let total = hlen + padlen;
    let mut out = MAGIC.to_vec();
    match (fits_v1, utf8) {
        (true, _) => {
            out.extend_from_slice(&[1, 0]);
            out.extend_from_slice(&(total as u16).to_le_bytes());
        }
        (false, utf8) => {
            out.extend_from_slice(&[if utf8 { 3 } else { 2 }, 0]);
            out.extend_from_slice(&(total as u32).to_le_bytes());
        }
    }
    out.extend_from_slice(&encoded);
    out.extend(std::iter::repeat_n(b' ', padlen));
    out.push(b'\n');
    out
}

/// NumPy's `dtype_to_descr`: `'<i8'` for a plain type, the field list for
/// a structured one, with `('', '|V n')` entries for gaps.
fn descr_of(dt: &DType) -> PyResult<Lit> {
    let DType::Record(r) = dt else {
        return Ok(Lit::Str(dt.descr()));
    };
    if r.fields.is_empty() {
        return Ok(Lit::Str(dt.descr()));
    }
    let mut items = Vec::new();
    let mut at = 0;
    for f in &r.fields {
        if f.offset < at {
            return Err(PyError::new(
                "NotImplementedError",
                "slicelab cannot save a structured dtype whose fields overlap or are out of order; save a copy made with np.array(a.tolist(), dtype=...)",
            ));
        }
        if f.offset > at {
            items.push(Lit::Tuple(vec![
                Lit::Str(String::new()),
                Lit::Str(format!("|V{}", f.offset - at)),
            ]));
        }
        let mut entry = vec![Lit::Str(f.name.clone()), descr_of(&f.dtype)?];
        if !f.shape.is_empty() {
            entry.push(Lit::Tuple(
                f.shape.iter().map(|&n| Lit::Int(n as i128)).collect(),
            ));
        }
        items.push(Lit::Tuple(entry));
        at = f.offset + f.nbytes();
    }
    if r.itemsize > at {
        items.push(Lit::Tuple(vec![
            Lit::Str(String::new()),
            Lit::Str(format!("|V{}", r.itemsize - at)),
        ]));
    }
    Ok(Lit::List(items))
}

/// A dtype read from a header, and whether its bytes are big-endian.
struct FileType {
    dtype: DType,
    /// Byte ranges (offset, width) inside one element to reverse.
    swaps: Vec<(usize, usize)>,
}

/// NumPy's `descr_to_dtype`, for the types slicelab has.
fn dtype_of(descr: &Lit) -> Option<FileType> {
    match descr {
        Lit::Str(s) => {
            let big = s.starts_with('>');
            let native = if big {
                format!("<{}", &s[1..])
            } else {
                s.clone()
            };
            let dtype = DType::parse(&native)?;
            let swaps = if big { swaps_of(&dtype, 0) } else { vec![] };
            Some(FileType { dtype, swaps })
        }
        Lit::List(items) => {
            let mut fields = Vec::new();
            let mut swaps = Vec::new();
            let mut at = 0;
            for item in items {
                let Lit::Tuple(parts) = item else { return None };
                let (name, ty, shape) = match parts.as_slice() {
                    [Lit::Str(n), t] => (n, t, vec![]),
                    [Lit::Str(n), t, Lit::Tuple(dims)] => {
                        let dims: Option<Vec<usize>> = dims
                            .iter()
                            .map(|d| match d {
                                Lit::Int(i) => usize::try_from(*i).ok(),
                                _ => None,
                            })
                            .collect();
                        (n, t, dims?)
                    }
                    _ => return None,
                };
                let ft = dtype_of(ty)?;
                let count: usize = shape.iter().product();
                let width = ft.dtype.itemsize() * count;
                if !name.is_empty() {
                    for k in 0..count {
                        let base = at + k * ft.dtype.itemsize();
                        swaps.extend(ft.swaps.iter().map(|&(o, w)| (base + o, w)));
                    }
                    fields.push(Field {
                        name: name.clone(),
                        dtype: ft.dtype,
                        offset: at,
                        shape,
                    });
                }
                at += width;
            }
            Some(FileType {
                dtype: DType::Record(Rc::new(RecordType {
                    fields,
                    itemsize: at,
                })),
                swaps,
            })
        }
        _ => None,
    }
}

/// The byte ranges to reverse in one big-endian element of `dt`.
fn swaps_of(dt: &DType, at: usize) -> Vec<(usize, usize)> {
    match dt {
        DType::Complex64 => vec![(at, 4), (at + 4, 4)],
        DType::Complex128 => vec![(at, 8), (at + 8, 8)],
        DType::Str(n) => (0..*n).map(|k| (at + 4 * k, 4)).collect(),
        DType::Bytes(_) | DType::Bool | DType::Int8 | DType::UInt8 | DType::Record(_) => vec![],
        other => vec![(at, other.itemsize())],
    }
}

fn eof(what: &str, want: usize, got: usize) -> PyError {
    PyError::value(format!(
        "EOF: reading {what}, expected {want} bytes got {got}"
    ))
}

/// Parse a whole `.npy` file.
pub fn decode(bytes: &[u8]) -> PyResult<ArrayRef> {
    if bytes.is_empty() {
        return Err(PyError::new("EOFError", "No data left in file"));
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Err(PyError::new(
            "NotImplementedError",
            "this is an .npz archive; slicelab reads single-array .npy files only",
        ));
    }
    if !bytes.starts_with(MAGIC) {
        return Err(PyError::value(
            "This file contains pickled (object) data. If you trust the file you can load it unsafely using the `allow_pickle=` keyword argument or `pickle.load()`.",
        ));
    }
    if bytes.len() < 8 {
        return Err(eof("magic string", 8, bytes.len()));
    }
    let (major, minor) = (bytes[6], bytes[7]);
    let len_bytes = match (major, minor) {
        (1, 0) => 2,
        (2, 0) | (3, 0) => 4,
        _ => {
            return Err(PyError::value(format!(
                "we only support format version (1,0), (2,0), and (3,0), not ({major}, {minor})"
            )));
        }
    };
    let rest = &bytes[8..];
    if rest.len() < len_bytes {
        return Err(eof("array header length", len_bytes, rest.len()));
    }
    let hlen = if len_bytes == 2 {
        usize::from(u16::from_le_bytes([rest[0], rest[1]]))
    } else {
        u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]) as usize
    };
    let rest = &rest[len_bytes..];
    if rest.len() < hlen {
        return Err(eof("array header", hlen, rest.len()));
    }
    let raw = &rest[..hlen];
    let header: String = if major == 3 {
        String::from_utf8_lossy(raw).into_owned()
    } else {
        raw.iter().map(|&b| char::from(b)).collect()
    };
    if header.chars().count() > MAX_HEADER_SIZE {
        return Err(PyError::value(format!(
            "Header info length ({}) is large and may not be safe to load securely.\n\
             To allow loading, adjust `max_header_size` or fully trust the `.npy` file using `allow_pickle=True`.\n\
             For safety against large resource use or crashes, sandboxing may be necessary.",
            header.chars().count()
        )));
    }
    let (file_type, fortran, shape) = read_header(&header)?;
    let data = &rest[hlen..];
    let count: usize = shape.iter().product();
    let itemsize = file_type.dtype.itemsize();
    let nbytes = count * itemsize;
    if data.len() < nbytes {
        let got = data.len().checked_div(itemsize).unwrap_or(0);
        let shape_repr = Lit::Tuple(shape.iter().map(|&n| Lit::Int(n as i128)).collect()).repr();
        return Err(PyError::value(format!(
            "Failed to read all data for array. Expected {shape_repr} = {count} elements, could only read {got} elements. (file seems not fully written?)"
        )));
    }
    let dtype = file_type.dtype.clone();
    let owner = NdArray::zeros(&[count], dtype.clone())?;
    {
        let mut buf = owner.buffer().bytes_mut();
        buf[..nbytes].copy_from_slice(&data[..nbytes]);
        if !file_type.swaps.is_empty() {
            for element in buf[..nbytes].chunks_mut(itemsize.max(1)) {
                for &(o, w) in &file_type.swaps {
                    element[o..o + w].reverse();
                }
            }
        }
    }
    let strides = if fortran {
        f_strides(&shape, itemsize)
    } else {
        c_strides(&shape, itemsize)
    };
    Ok(NdArray::view(
        &owner,
        dtype,
        Layout {
            shape,
            strides,
            offset: 0,
        },
    ))
}

/// Check the header dict as `numpy.lib.format._read_array_header` does.
fn read_header(header: &str) -> PyResult<(FileType, bool, Vec<usize>)> {
    let d = literal::parse(header)
        .ok_or_else(|| PyError::value(format!("Cannot parse header: {}", str_repr(header))))?;
    let Lit::Dict(items) = &d else {
        return Err(PyError::value(format!(
            "Header is not a dictionary: {}",
            d.repr()
        )));
    };
    let get = |k: &str| {
        items
            .iter()
            .find(|(key, _)| *key == Lit::Str(k.into()))
            .map(|(_, v)| v)
    };
    let mut keys: Vec<&Lit> = items.iter().map(|(k, _)| k).collect();
    let expected = ["descr", "fortran_order", "shape"];
    let right_keys = keys.len() == 3 && expected.iter().all(|k| get(k).is_some());
    if !right_keys {
        keys.sort_by_key(|k| k.repr());
        let listed: Vec<String> = keys.iter().map(|k| k.repr()).collect();
        return Err(PyError::value(format!(
            "Header does not contain the correct keys: [{}]",
            listed.join(", ")
        )));
    }
    let (descr, fortran, shape) = (get("descr"), get("fortran_order"), get("shape"));
    let shape = match shape {
        Some(Lit::Tuple(dims)) => dims
            .iter()
            .map(|d| match d {
                Lit::Int(i) => usize::try_from(*i).ok(),
                _ => None,
            })
            .collect::<Option<Vec<usize>>>(),
        _ => None,
    }
    .ok_or_else(|| {
        PyError::value(format!(
            "shape is not valid: {}",
            shape.map_or(String::new(), Lit::repr)
        ))
    })?;
    let fortran = match fortran {
        Some(Lit::Bool(b)) => *b,
        other => {
            return Err(PyError::value(format!(
                "fortran_order is not a valid bool: {}",
                other.map_or(String::new(), Lit::repr)
            )));
        }
    };
    let descr = descr.unwrap_or(&Lit::None);
    if matches!(descr, Lit::Str(s) if s.trim_start_matches(['<', '>', '|', '=']) == "O") {
        return Err(PyError::value(
            "Object arrays cannot be loaded when allow_pickle=False",
        ));
    }
    let file_type = dtype_of(descr).ok_or_else(|| {
        PyError::value(format!(
            "descr is not a valid dtype descriptor: {}",
            descr.repr()
        ))
    })?;
    Ok((file_type, fortran, shape))
}

/// Python's `OSError` subclass and message for a failed file operation:
/// `FileNotFoundError: [Errno 2] No such file or directory: 'x.npy'`.
fn os_error(e: &io::Error, path: &str) -> PyError {
    let Some(code) = e.raw_os_error() else {
        return PyError::new("OSError", format!("{e}: {}", str_repr(path)));
    };
    let kind = match code {
        2 => "FileNotFoundError",
        13 | 1 => "PermissionError",
        17 => "FileExistsError",
        20 => "NotADirectoryError",
        21 => "IsADirectoryError",
        _ => "OSError",
    };
    let text = e.to_string();
    let strerror = text
        .strip_suffix(&format!(" (os error {code})"))
        .unwrap_or(&text);
    PyError::new(
        kind,
        format!("[Errno {code}] {strerror}: {}", str_repr(path)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_is_numpys() {
        let a = NdArray::zeros(&[3], DType::Int64).unwrap();
        let bytes = encode(&a).unwrap();
        let head = &bytes[..128];
        let want =
            b"\x93NUMPY\x01\x00v\x00{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }";
        assert_eq!(&head[..want.len()], want);
        assert_eq!(head[127], b'\n');
        assert_eq!(bytes.len(), 128 + 24);
    }

    #[test]
    fn round_trip_in_memory() {
        let a = NdArray::zeros(&[2, 3], DType::Float32).unwrap();
        let b = decode(&encode(&a).unwrap()).unwrap();
        assert_eq!(b.shape(), vec![2, 3]);
        assert_eq!(*b.dtype(), DType::Float32);
        assert!(
            b.base().is_some(),
            "a view of the flat array read, as NumPy"
        );
    }

    #[test]
    fn bad_files_give_numpys_errors() {
        let msg = |b: &[u8]| decode(b).unwrap_err().to_string();
        assert_eq!(msg(b""), "EOFError: No data left in file");
        assert!(msg(b"hello\n").starts_with("ValueError: This file contains pickled"));
        assert_eq!(
            msg(b"\x93NUMPY\x04\x00"),
            "ValueError: we only support format version (1,0), (2,0), and (3,0), not (4, 0)"
        );
        assert_eq!(
            msg(b"\x93NUMPY\x01\x00\x10\x00{bad header}   \n"),
            "ValueError: Cannot parse header: '{bad header}   \\n'"
        );
        assert_eq!(
            msg(b"\x93NUMPY\x01\x00\x09\x00{'a': 1}\n"),
            "ValueError: Header does not contain the correct keys: ['a']"
        );
        let a = NdArray::zeros(&[3], DType::Int64).unwrap();
        let bytes = encode(&a).unwrap();
        assert_eq!(
            msg(&bytes[..140]),
            "ValueError: Failed to read all data for array. Expected (3,) = 3 elements, could only read 1 elements. (file seems not fully written?)"
        );
    }

    #[test]
    fn missing_file_is_file_not_found() {
        let e = load("/nonexistent-dir/x.npy").unwrap_err();
        assert_eq!(
            e.to_string(),
            "FileNotFoundError: [Errno 2] No such file or directory: '/nonexistent-dir/x.npy'"
        );
    }
}
