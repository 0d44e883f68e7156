//! `.npy` files against the ones real NumPy wrote (`tests/data/npy/`,
//! made by `make.py` there): slicelab's `np.save` of the same array gives
//! the same bytes, and loading then saving a NumPy file reproduces it.
//! What loading prints is checked against NumPy by the conformance file
//! `tests/conformance/31_npy.session`.

mod common;

use std::path::{Path, PathBuf};

use slicelab::eval::Session;

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/npy")
}

fn temp_dir(name: &str) -> PathBuf {
    common::temp_dir("npy", name)
}

/// (name, the NumPy expression that made `name.npy`).
fn saved() -> Vec<(String, String)> {
    std::fs::read_to_string(data_dir().join("SAVED.txt"))
        .unwrap()
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(n, e)| (n.to_string(), e.to_string()))
        .collect()
}

fn run_ok(s: &mut Session, stmt: &str) {
    let out = s.run(stmt);
    assert!(out.error.is_none(), "{stmt}: {:?}", out.error);
}

#[test]
fn save_writes_the_bytes_numpy_writes() {
    let tmp = temp_dir("save");
    let mut failures = Vec::new();
    for (name, expr) in saved() {
        let mut s = Session::new();
        let path = tmp.join(format!("{name}.npy"));
        run_ok(&mut s, &format!("a = {expr}"));
        run_ok(
            &mut s,
            &format!("np.save({:?}, a)", path.display().to_string()),
        );
        let ours = std::fs::read(&path).unwrap();
        let numpys = std::fs::read(data_dir().join(format!("{name}.npy"))).unwrap();
        if ours != numpys {
            failures.push(format!(
                "{name} ({expr}):\n  ours:  {:?}\n  numpy: {:?}",
                String::from_utf8_lossy(&ours[..ours.len().min(128)]),
                String::from_utf8_lossy(&numpys[..numpys.len().min(128)])
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn load_then_save_reproduces_numpys_file() {
    let tmp = temp_dir("resave");
    for (name, _) in saved() {
        let src = data_dir().join(format!("{name}.npy"));
        let dst = tmp.join(format!("{name}.npy"));
        let mut s = Session::new();
        run_ok(
            &mut s,
            &format!("a = np.load({:?})", src.display().to_string()),
        );
        run_ok(
            &mut s,
            &format!("np.save({:?}, a)", dst.display().to_string()),
        );
        assert_eq!(
            std::fs::read(&dst).unwrap(),
            std::fs::read(&src).unwrap(),
            "{name}"
        );
    }
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn other_versions_and_byte_orders_load() {
    let mut s = Session::new();
    let load = |s: &mut Session, name: &str, tail: &str| {
        let path = data_dir().join(format!("{name}.npy"));
        s.run(&format!("np.load({:?}){tail}", path.display().to_string()))
            .output
    };
    let want = "array([[0, 1, 2],\n       [3, 4, 5]], dtype=int32)\n";
    assert_eq!(load(&mut s, "other_v2", ""), want);
    assert_eq!(load(&mut s, "other_v3", ""), want);
    // Big-endian files keep their byte order, as NumPy's loads do.
    assert_eq!(
        load(&mut s, "other_big_endian", ""),
        "array([  1,  -2, 300], dtype='>i4')\n"
    );
    assert_eq!(
        load(&mut s, "other_big_endian_c16", ""),
        "array([1.+2.j], dtype='>c16')\n"
    );
    assert_eq!(
        load(&mut s, "other_big_endian_f8", ""),
        "array([[ 1.5, -2. ]], dtype='>f8')\n"
    );
    assert_eq!(
        load(&mut s, "other_big_endian_struct", ""),
        "array([(1, 2.5)], dtype=[('x', '>i4'), ('y', '>f8')])\n"
    );
    assert_eq!(
        load(&mut s, "other_big_endian_struct", ".tolist()"),
        "[(1, 2.5)]\n"
    );
}

/// Big-endian arrays made in slicelab save byte for byte as NumPy saved
/// the same arrays (`tests/data/npy/make.py`), and a loaded big-endian
/// file saves back unchanged: the bytes are never swapped on the way.
#[test]
fn big_endian_arrays_save_as_numpy_does() {
    let tmp = temp_dir("big_endian");
    let cases = [
        ("other_big_endian", "np.array([1, -2, 300], dtype='>i4')"),
        (
            "other_big_endian_f8",
            "np.array([[1.5, -2.0]], dtype='>f8')",
        ),
        ("other_big_endian_c16", "np.array([1 + 2j], dtype='>c16')"),
        (
            "other_big_endian_struct",
            "np.array([(1, 2.5)], dtype=[('x', '>i4'), ('y', '>f8')])",
        ),
    ];
    for (name, make) in cases {
        let mut s = Session::new();
        for (k, stmt) in [
            make.to_string(),
            format!(
                "np.load({:?})",
                data_dir().join(format!("{name}.npy")).display().to_string()
            ),
        ]
        .iter()
        .enumerate()
        {
            let dst = tmp.join(format!("{name}_{k}.npy"));
            run_ok(&mut s, &format!("a = {stmt}"));
            run_ok(
                &mut s,
                &format!("np.save({:?}, a)", dst.display().to_string()),
            );
            assert_eq!(
                std::fs::read(&dst).unwrap(),
                std::fs::read(data_dir().join(format!("{name}.npy"))).unwrap(),
                "{name} from {stmt}"
            );
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn save_appends_npy_and_accepts_lists() {
    let tmp = temp_dir("suffix");
    let mut s = Session::new();
    let stem = tmp.join("plain").display().to_string();
    run_ok(&mut s, &format!("np.save({stem:?}, [1, 2, 3])"));
    let out = s.run(&format!("np.load({:?})", format!("{stem}.npy")));
    assert_eq!(out.output, "array([1, 2, 3])\n");
    let _ = std::fs::remove_dir_all(&tmp);
}
