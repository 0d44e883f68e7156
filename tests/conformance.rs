//! NumPy conformance tests.
//!
//! Every `tests/conformance/NN_topic.expected` file is a transcript that real
//! NumPy 2.4.6 produced for the statements in `NN_topic.session` (see
//! `tests/conformance/README.md`). Each test feeds the statements of one file
//! to `slicelab --transcript` and compares the output statement by statement,
//! with the same rules as `check.py`: trailing white space is ignored,
//! trailing blank lines of an output block are dropped, and a statement
//! counts only when either side printed something for it.
//!
//! These tests need neither NumPy nor anything outside this repository.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How many mismatches to show per file.
const SHOW: usize = 5;
/// Wall-clock limit for one file.
const TIMEOUT: Duration = Duration::from_secs(60);

/// A statement and the lines printed for it.
#[derive(Debug, Clone, PartialEq)]
struct Block {
    statement: String,
    output: Vec<String>,
}

/// Split a transcript into blocks: `>>> ` starts a statement, and `... `
/// lines right after it go on it (a statement over several lines, joined
/// with newlines); a leading `# numpy ...` line is skipped, output lines are
/// right-trimmed and trailing blank lines are dropped. Anything before the
/// first statement is ignored.
fn parse_transcript(text: &str) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    for line in text.lines() {
        if let Some(stmt) = line.strip_prefix(">>> ") {
            blocks.push(Block {
                statement: stmt.to_string(),
                output: Vec::new(),
            });
        } else if let Some(last) = blocks
            .last_mut()
            .filter(|b| b.output.is_empty())
            .filter(|_| line.starts_with("... ") || line == "...")
        {
            last.statement.push('\n');
            last.statement.push_str(line.get(4..).unwrap_or(""));
        } else if blocks.is_empty() {
            // `# numpy X.Y.Z` header (or stray preamble): not part of any statement.
            continue;
        } else if let Some(last) = blocks.last_mut() {
            last.output.push(line.trim_end().to_string());
        }
    }
    for b in &mut blocks {
        while b.output.last().is_some_and(|l| l.is_empty()) {
            b.output.pop();
        }
    }
    blocks
}

/// A fresh empty working directory for one session, holding only a
/// `tests` link to this repository's `tests/`: sessions that write files
/// (`np.savetxt('x.txt', ...)`) write there, and fixtures are read as
/// `tests/data/...` as from the repository's root. The oracle ran the
/// same way (`tests/conformance/README.md`).
fn scratch_dir(stem: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "slicelab-conformance-{}-{stem}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    std::os::unix::fs::symlink(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests"),
        dir.join("tests"),
    )
    .expect("a tests link in the scratch directory");
    dir
}

/// Run the binary on the statements in `dir`; returns (stdout, status
/// description, stderr).
fn run_slicelab(statements: &[String], dir: &Path) -> (String, String, String) {
    // As check.py feeds them: a statement over several lines is followed by
    // an empty line, as at Python's prompt.
    let input: String = statements
        .iter()
        .map(|s| {
            if s.contains('\n') {
                format!("{s}\n\n")
            } else {
                format!("{s}\n")
            }
        })
        .collect();
    let mut child = match Command::new(env!("CARGO_BIN_EXE_slicelab"))
        .arg("--transcript")
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("TERM", "dumb")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => {
            return (
                String::new(),
                format!("could not start: {e}"),
                String::new(),
            );
        }
    };
    // Feed stdin from a thread so a program that writes a lot before reading
    // everything cannot deadlock against us.
    let mut stdin = child.stdin.take().expect("piped stdin");
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
        // dropping stdin closes it: end of input
    });
    let mut stdout = child.stdout.take().expect("piped stdout");
    let mut stderr = child.stderr.take().expect("piped stderr");
    let out_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stdout, &mut v);
        v
    });
    let err_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stderr, &mut v);
        v
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(st)) => break format!("{st}"),
            Ok(None) if start.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                break "timeout".to_string();
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => break format!("wait failed: {e}"),
        }
    };
    let _ = writer.join();
    let out = out_reader.join().unwrap_or_default();
    let err = err_reader.join().unwrap_or_default();
    (
        String::from_utf8_lossy(&out).into_owned(),
        status,
        String::from_utf8_lossy(&err).into_owned(),
    )
}

fn conformance_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("conformance")
}

fn indent(lines: &Option<Vec<String>>) -> String {
    match lines {
        None => "(statement missing from the transcript)".to_string(),
        Some(l) if l.is_empty() => "(nothing)".to_string(),
        Some(l) => l.join("\n             "),
    }
}

/// Statements slicelab is known not to match yet, as `STEM<TAB>STATEMENT`
/// lines in `tests/conformance/known_gaps.txt` (a statement over several
/// lines has its newlines written as `⏎`). The list is a ratchet: a
/// listed statement that starts to pass fails the test until it is removed,
/// and any unlisted mismatch fails it as well.
fn known_gaps(stem: &str) -> Vec<String> {
    let path = conformance_dir().join("known_gaps.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
        .filter(|(s, _)| *s == stem)
        .map(|(_, stmt)| stmt.replace('⏎', "\n"))
        .collect()
}

/// Check one `.expected` file (name without extension) and panic with a
/// report if any statement mismatches (other than its known gaps).
fn check_file(stem: &str) {
    let path = conformance_dir().join(format!("{stem}.expected"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let want = parse_transcript(&text);
    assert!(!want.is_empty(), "{} holds no statements", path.display());
    let statements: Vec<String> = want.iter().map(|b| b.statement.clone()).collect();
    let dir = scratch_dir(stem);
    let (stdout, status, stderr) = run_slicelab(&statements, &dir);
    let _ = std::fs::remove_dir_all(&dir);
    let got = parse_transcript(&stdout);

    let mut total = 0usize;
    let mut passed = 0usize;
    let mut mismatches: Vec<(String, Vec<String>, Option<Vec<String>>)> = Vec::new();
    let mut aligned = true;
    for (i, w) in want.iter().enumerate() {
        if aligned && got.get(i).is_none_or(|g| g.statement != w.statement) {
            aligned = false;
        }
        let actual = if aligned {
            Some(got[i].output.clone())
        } else {
            None
        };
        if w.output.is_empty() && actual.as_ref().is_some_and(|a| a.is_empty()) {
            continue; // silent on both sides: not a test
        }
        total += 1;
        if actual.as_ref() == Some(&w.output) {
            passed += 1;
        } else {
            mismatches.push((w.statement.clone(), w.output.clone(), actual));
        }
    }

    let gaps = known_gaps(stem);
    let now_passing: Vec<&String> = gaps
        .iter()
        .filter(|g| !mismatches.iter().any(|(stmt, _, _)| stmt == *g))
        .collect();
    mismatches.retain(|(stmt, _, _)| !gaps.contains(stmt));

    let mut report = format!("{passed}/{total} {stem} ({} known gaps)", gaps.len());
    if !status.contains("exit status: 0") {
        let last = stderr.trim().lines().last().unwrap_or("");
        report.push_str(&format!(
            "  ({status}{}{})",
            if last.is_empty() { "" } else { ": " },
            last
        ));
    }
    report.push('\n');
    for (stmt, w, g) in mismatches.iter().take(SHOW) {
        report.push_str(&format!("     >>> {stmt}\n"));
        report.push_str(&format!("       want: {}\n", indent(&Some(w.clone()))));
        report.push_str(&format!("       got:  {}\n", indent(g)));
    }
    if mismatches.len() > SHOW {
        report.push_str(&format!("     ... and {} more\n", mismatches.len() - SHOW));
    }
    if mismatches.is_empty() {
        eprintln!("{report}");
    }
    assert!(
        mismatches.is_empty(),
        "conformance {stem}: {passed}/{total} passed\n{report}"
    );
    assert!(
        now_passing.is_empty(),
        "conformance {stem}: these known gaps now pass; remove them from known_gaps.txt: {now_passing:?}"
    );
}

macro_rules! conformance_test {
    ($name:ident, $stem:literal) => {
        #[test]
        fn $name() {
            check_file($stem);
        }
    };
}

/// The conformance tests, each session named once: one test per file, and
/// the list `every_expected_file_has_a_test` holds the folder against.
macro_rules! conformance_tests {
    ($($name:ident => $stem:literal),* $(,)?) => {
        $(conformance_test!($name, $stem);)*
        const KNOWN: &[&str] = &[$($stem),*];
    };
}

conformance_tests! {
    basic_indexing => "01_basic_indexing",
    views_base => "02_views_base",
    integer_array_indexing => "03_integer_array_indexing",
    boolean_indexing => "04_boolean_indexing",
    newaxis_ellipsis => "05_newaxis_ellipsis",
    mixed_indexing => "06_mixed_indexing",
    assignment => "07_assignment",
    errors => "08_errors",
    printing => "09_printing",
    arithmetic_promotion => "10_arithmetic_promotion",
    shape_ops => "11_shape_ops",
    functions_reductions => "12_functions_reductions",
    hostile_input => "13_hostile_input",
    flatiter => "14_flatiter",
    index_routines => "15_index_routines",
    print_legacy => "20_print_legacy",
    print_formatter => "21_print_formatter",
    str_start_end => "22_str_start_end",
    numbers_from_text => "23_numbers_from_text",
    numpy_subclasses => "24_numpy_subclasses",
    bytes_sequence => "25_bytes_sequence",
    namedtuple => "26_namedtuple",
    files => "27_files",
    floor_division => "28_floor_division",
    python_complex => "29_python_complex",
    eye_identity => "32_eye_identity",
    annotated_assignment => "33_annotated_assignment",
    type_hints => "34_type_hints",
    svd_small => "37_svd_small",
    mvnormal_svd => "38_mvnormal_svd",
    bit_generators => "39_bit_generators",
    class_descriptors => "59_class_descriptors",
    svd_values => "77_svd_values",
    scalar_constructors => "78_scalar_constructors",
    lstsq_qr_bits => "79_lstsq_qr_bits",
    flags_flat_full => "108_flags_flat_full",
    import_errors => "109_import_errors",
    np_testing => "129_np_testing",
    setitem_leading_ones => "130_setitem_leading_ones",
    isclose_and_fixes => "131_isclose_and_fixes",
    text_promotion => "132_text_promotion",
    sequence_repeat => "133_sequence_repeat",
    casts_round_at => "134_casts_round_at",
    random_str => "202_random_str",
    private_modules => "221_private_modules",
    grid_numpy_scalars => "222_grid_numpy_scalars",
    session_module => "233_session_module",
    dtype_classes => "268_dtype_classes",
    eigvals_hessenberg => "269_eigvals_hessenberg",
    polynomial => "272_polynomial",
    builtins_testing_utils => "273_builtins_testing_utils",
    legendre => "274_legendre",
    chebyshev => "280_chebyshev",
    hermite => "281_hermite",
    hermite_e => "282_hermite_e",
    laguerre => "283_laguerre",
    void_casts => "275_void_casts",
    can_cast_rules => "276_can_cast_rules",
    array_protocol_new => "277_array_protocol_new",
    overwrite_input => "278_overwrite_input",
    ma_testutils => "279_ma_testutils",
    codecs => "284_codecs",
    array_utils => "285_array_utils",
    with_protocol => "286_with_protocol",
    contextlib => "287_contextlib",
    complex_spaces => "288_complex_spaces",
    masked_where_in_place => "289_masked_where_in_place",
    vecdot_out => "290_vecdot_out",
    concatenate_into => "291_concatenate_into",
    lazy_modules => "292_lazy_modules",
    exit_stack => "293_exit_stack",
    c_api_version => "294_c_api_version",
    import_error_files => "295_import_errors",
    private_helpers => "296_private_helpers",
    unsized_text_creation => "297_unsized_text_creation",
    dtype_counts => "298_dtype_counts",
    quantile_out => "299_quantile_out",
    cumulative_out => "300_cumulative_out",
    big_python_ints => "301_big_python_ints",
    ndarray_over_array => "302_ndarray_over_array",
    unsized_text_order => "303_unsized_text_order",
    isclose_python_tolerances => "304_isclose_python_tolerances",
    datetime_text_casts => "305_datetime_text_casts",
    fancy_result_order => "306_fancy_result_order",
    quantile_out_methods => "307_quantile_out_methods",
    big_ints_in_ranges_and_comparisons => "308_big_ints_in_ranges_and_comparisons",
    object_casts => "309_object_casts",
    array_special_methods => "310_array_special_methods",
    pep3118_formats => "311_pep3118_formats",
    temp_paths => "312_temp_paths",
    scalar_special_methods => "313_scalar_special_methods",
    einsum_out => "314_einsum_out",
    float_positional_digits => "315_float_positional_digits",
    aligned_flag => "316_aligned_flag",
    cast_rules_time_struct => "317_cast_rules_time_struct",
    object_element_reprs => "318_object_element_reprs",
    record_cast_rules => "319_record_cast_rules",
    pathlib => "320_pathlib",
    instance_order_os_errors => "321_instance_order_os_errors",
    sequence_operator_messages => "322_sequence_operator_messages",
    refused_from_imports => "323_refused_from_imports",
    os_error_fields => "324_os_error_fields",
    list_slice_assignment => "325_list_slice_assignment",
    module_dunders_unicode_errors => "326_module_dunders_unicode_errors",
    dict_views => "327_dict_views",
    star_imports => "328_star_imports",
    memoryview => "329_memoryview",
    named_unicode_escapes => "330_named_unicode_escapes",
    python_bigint => "331_python_bigint",
    matrix => "332_matrix",
    eval_exec => "333_eval_exec",
    live_iteration => "334_live_iteration",
    ufunc_reduce_out => "335_ufunc_reduce_out",
    python_datetime => "336_python_datetime",
    numpy_version => "337_numpy_version",
    numpy_lib_version => "338_numpy_lib_version",
    set_dtype => "339_set_dtype",
    object_identity => "340_object_identity",
    ufunc_casting => "341_ufunc_casting",
    power_and_bool_loops => "342_power_and_bool_loops",
    ndarray_subclass => "343_ndarray_subclass",
    ndarray_subclass_new => "344_ndarray_subclass_new",
    ndarray_subclass_functions => "345_ndarray_subclass_functions",
    relative_import => "346_relative_import",
    datetime_ufuncs => "347_datetime_ufuncs",
    mappings_and_buffers => "348_mappings_and_buffers",
    self_containing => "349_self_containing",
    str_widths => "350_str_widths",
    record_ufuncs => "351_record_ufuncs",
    element_truth => "352_element_truth",
    none_compare => "353_none_compare",
    record_scalar => "354_record_scalar",
    logical_typed => "355_logical_typed",
    typed_fills => "356_typed_fills",
    matvec => "357_matvec",
    unique_typed => "358_unique_typed",
    argmax_runs => "359_argmax_runs",
    shuffle_draws => "360_shuffle_draws",
    unique_positions => "361_unique_positions",
    scan_reductions => "362_scan_reductions",
    typed_float_ufuncs => "363_typed_float_ufuncs",
    nan_reductions => "364_nan_reductions",
    repeat_tile => "365_repeat_tile",
    median_quantile_arrangement => "366_median_quantile_arrangement",
    text_reductions => "367_text_reductions",
    truth_along_axes => "368_truth_along_axes",
    isin_bincount => "369_isin_bincount",
    nanmedian_1d => "370_nanmedian_1d",
    text_to_numbers => "371_text_to_numbers",
    sort_text_complex_dates => "372_sort_text_complex_dates",
    weak_scalar_choices => "373_weak_scalar_choices",
    power_flip_shapes => "374_power_flip_shapes",
    scalar_object_dtype_names => "375_scalar_object_dtype_names",
    float16_round => "376_float16_round",
    put_values_bool_round => "377_put_values_bool_round",
    numpy_scalar_pack => "378_numpy_scalar_pack",
    float_text_casts => "379_float_text_casts",
    structured_sets => "380_structured_sets",
    ufunc_object_text_loops => "381_ufunc_object_text_loops",
    text_scalars_sequences => "382_text_scalars_sequences",
    sequence_order_numpy_items => "383_sequence_order_numpy_items",
    object_ufunc_loops => "384_object_ufunc_loops",
    python_types_as_dtype_reshape_negative => "385_python_types_as_dtype_reshape_negative",
    integers_bounds_messages => "386_integers_bounds_messages",
    callable_types_and_index_errors => "387_callable_types_and_index_errors",
    masked_joins_datetime_tuples => "388_masked_joins_datetime_tuples",
    probe5_wrong_values => "389_probe5_wrong_values",
    warnings_filters => "390_warnings_filters",
    record_setitem_generator_args => "391_record_setitem_generator_args",
    zero_d_index_and_fancy_layout => "392_zero_d_index_and_fancy_layout",
    boolean_ufunc_dtype => "393_boolean_ufunc_dtype",
    mappings_and_strided_base => "394_mappings_and_strided_base",
    genfromtxt_fields => "395_genfromtxt_fields",
    compare_plain_objects => "396_compare_plain_objects",
    fromfile_file_object => "397_fromfile_file_object",
    genfromtxt_inferred => "398_genfromtxt_inferred",
    genfromtxt_typed => "399_genfromtxt_typed",
    datetime_arange_relative => "400_datetime_arange_relative",
    genfromtxt_widths_formats => "401_genfromtxt_widths_formats",
    nan_identity => "402_nan_identity",
    linalg_eig => "403_linalg_eig",
    linalg_svd => "404_linalg_svd",
    linalg_hermitian => "405_linalg_hermitian",
    linalg_pinv => "406_linalg_pinv",
    dtype_hash => "407_dtype_hash",
    scalar_axis => "408_scalar_axis",
    dtype_corners => "409_dtype_corners",
    datetime_reduce => "410_datetime_reduce",
    index_protocol => "411_index_protocol",
    test_suite_checks => "412_test_suite_checks",
    printing_controls => "16_printing_controls",
    complex_float16 => "17_complex_float16",
    edge_shapes => "18_edge_shapes",
    more_functions => "19_more_functions",
    help_examples => "30_help_examples",
    npy_files => "31_npy",
    stride_tricks => "35_stride_tricks",
    copyto => "36_copyto",
    blocks_and_loops => "40_blocks_and_loops",
    functions => "41_functions",
    scoping => "42_scoping",
    comprehensions => "43_comprehensions",
    formatting => "44_formatting",
    errors_in_blocks => "45_errors_in_blocks",
    statements => "46_statements",
    builtins_and_methods => "47_builtins_and_methods",
    incident => "48_incident",
    limits => "49_limits",
    random_legacy => "50_random_legacy",
    random_generator => "51_random_generator",
    random_errors => "52_random_errors",
    random_views => "53_random_views",
    random_streams => "54_random_streams",
    random_ziggurat => "55_random_ziggurat",
    random_binomial_poisson => "56_random_binomial_poisson",
    random_normal => "57_random_normal",
    random_argument_errors => "58_random_argument_errors",
    random_array_params => "120_random_array_params",
    random_continuous => "121_random_continuous",
    random_legacy_dists => "122_random_legacy_dists",
    random_counts => "123_random_counts",
    random_int_bounds => "124_random_int_bounds",
    random_multivariate => "125_random_multivariate",
    random_multivariate_streams => "126_random_multivariate_streams",
    random_out_float32_gamma => "127_random_out_float32_gamma",
    random_mvnormal_checks => "128_random_mvnormal_checks",
    errstate => "155_errstate",
    memory_order => "156_memory_order",
    ma_build_print => "161_ma_build_print",
    ma_methods => "162_ma_methods",
    ma_indexing => "163_ma_indexing",
    ma_arithmetic => "164_ma_arithmetic",
    datetime_scalars => "165_datetime_scalars",
    datetime_arrays => "166_datetime_arrays",
    datetime_arithmetic => "167_datetime_arithmetic",
    datetime_routines => "168_datetime_routines",
    where_kernel => "135_where_kernel",
    float_math_kernel => "136_float_math_kernel",
    unique_sorted_ints => "137_unique_sorted_ints",
    var_std_kernel => "138_var_std_kernel",
    vector_matmul_unary => "139_vector_matmul_unary",
    split_insert => "60_split_insert",
    append_pad => "61_append_pad",
    meshgrid_tri_resize => "62_meshgrid_tri_resize",
    spaces_fromiter => "63_spaces_fromiter",
    clip_repeat_copyto => "64_clip_repeat_copyto",
    block => "65_block",
    search_count => "65_search_count",
    sets => "66_sets",
    quantiles => "67_quantiles",
    partition => "68_partition",
    unique_reductions => "69_unique_reductions",
    structured_dtypes => "70_structured_dtypes",
    dtype_limits_casting => "71_dtype_limits_casting",
    records_titles_align => "72_records_titles_align",
    records_views_sort => "73_records_views_sort",
    recfunctions => "74_recfunctions",
    void_bytes => "75_void_bytes",
    record_casts => "76_record_casts",
    byte_order => "140_byte_order",
    byte_order_compute => "141_byte_order_compute",
    linalg_cholesky_qr => "142_linalg_cholesky_qr",
    linalg_spectral => "143_linalg_spectral",
    linalg_lstsq_polyfit => "144_linalg_lstsq_polyfit",
    linalg_eigh => "145_linalg_eigh",
    strict_arguments => "80_strict_arguments",
    ufunc_arguments => "81_ufunc_arguments",
    numpy2_names => "82_numpy2_names",
    method_arguments => "83_method_arguments",
    ufunc_out_more => "84_ufunc_out_more",
    math_ufunc_digits => "85_math_ufunc_digits",
    math_ufunc_types => "86_math_ufunc_types",
    ufunc_methods => "87_ufunc_methods",
    math_awkward_input => "88_math_awkward_input",
    overlapping_writes => "89_overlapping_writes",
    npy_hostile => "90_npy_hostile",
    hostile_sizes => "91_hostile_sizes",
    method_and_builtin_binding => "92_method_and_builtin_binding",
    scalar_conversions => "93_scalar_conversions",
    attribute_errors => "94_attribute_errors",
    sum_order => "95_sum_order",
    sort_typed => "96_sort_typed",
    reduce_axes => "97_reduce_axes",
    matmul_digits => "98_matmul_digits",
    reduce_arguments => "99_reduce_arguments",
    linalg_lu => "100_linalg_lu",
    linalg_norm => "101_linalg_norm",
    products => "102_products",
    unique_namedtuple => "103_unique_namedtuple",
    unique_hash_order => "104_unique_hash_order",
    cross => "105_cross",
    tensordot => "106_tensordot",
    einsum => "107_einsum",
    iterators_and_ranges => "110_iterators_and_ranges",
    python_sets => "111_sets",
    math_module => "112_math_module",
    python_classes => "113_classes",
    language_corners => "114_language_corners",
    generators => "115_generators",
    lazy_iterables => "116_lazy_iterables",
    class_protocols => "117_class_protocols",
    decorators => "118_decorators",
    exception_classes => "119_exception_classes",
    histograms => "150_histograms",
    signal_calculus => "151_signal_calculus",
    statistics => "152_statistics",
    array_helpers => "153_array_helpers",
    bit_ufuncs => "157_bit_ufuncs",
    array_api_names => "158_array_api_names",
    bits_formatting => "159_bits_formatting",
    polynomials => "160_polynomials",
    loadtxt => "146_loadtxt",
    npz => "147_npz",
    savetxt_tofile => "148_savetxt_tofile",
    files_hostile => "149_files_hostile",
    scalar_methods_tanh_vecdot => "177_scalar_methods_tanh_vecdot",
    namespace_odds_windows => "178_namespace_odds_windows",
    ma_ufunc_wrappers => "180_ma_ufunc_wrappers",
    vectorize_frompyfunc => "172_vectorize",
    np_strings => "173_np_strings",
    char_string_ops => "174_char_string_ops",
    text_scalars => "176_text_scalars",
    np_rec => "175_rec",
    fft_basics => "181_fft_basics",
    fft_transforms => "182_fft_transforms",
    fft_helpers_errors => "183_fft_helpers_errors",
    fft_digits => "184_fft_digits",
    matvec_vecmat => "154_matvec_vecmat",
    generator_close_finally => "194_generator_close_finally",
    generators_with_arrays => "195_generators_with_arrays",
    random_multivariate_normal => "196_random_multivariate_normal",
    random_signatures => "197_random_signatures",
    errcall => "227_errcall",
    poly1d => "179_poly1d",
    roots => "186_roots",
    resize_require => "188_resize_require",
    fromstring_text => "189_fromstring",
    ma_more => "190_ma_more",
    datetime_to_python => "191_datetime_to_python",
    datetime_reductions => "192_datetime_reductions",
    busday => "193_busday",
    object_construct => "169_object_construct",
    object_indexing => "170_object_indexing",
    object_arithmetic => "171_object_arithmetic",
    object_frompyfunc_char => "185_object_frompyfunc_char",
    ufunc_attributes => "215_ufunc_attributes",
    broadcast_object => "216_broadcast_object",
    nditer_basics => "217_nditer_basics",
    nditer_operands => "218_nditer_operands",
    wrong_answers => "198_wrong_answers",
    corner_values => "199_corner_values",
    pad_modes => "200_pad_modes",
    axes_and_equal_nan => "201_axes_and_equal_nan",
    memory_order_of_results => "219_memory_order_of_results",
    ufunc_at_read_only => "220_ufunc_at_read_only",
    ma_put_shape => "207_ma_put_shape",
    ma_mask_tools => "208_ma_mask_tools",
    ma_diff_allclose => "209_ma_diff_allclose",
    ma_average => "210_ma_average",
    complex_math => "203_complex_math",
    products_nd_object => "204_products_nd_object",
    linalg_tensor => "205_linalg_tensor",
    complex_digits => "206_complex_digits",
    stdlib_time_sys_copy => "223_stdlib_time_sys_copy",
    stdlib_random => "224_stdlib_random",
    stdlib_collections_itertools => "225_stdlib_collections_itertools",
    walrus => "226_walrus",
    dtype_subarray_forms => "211_dtype_subarray_forms",
    byte_order_buffers => "212_byte_order_buffers",
    structured_casts_fields => "213_structured_casts_fields",
    datetime_creation_strings => "214_datetime_creation_strings",
    joined_layout => "264_joined_layout",
    where_round_layout => "265_where_round_layout",
    empty_strides => "266_empty_strides",
    record_iteration => "267_record_iteration",
    dtype_structured_forms => "256_dtype_structured_forms",
    structured_records_ops => "257_structured_records_ops",
    byte_order_forms => "258_byte_order_forms",
    object_arrays_issue16 => "259_object_arrays",
    datetime_units_casts => "260_datetime_units_casts",
    datetime_routines_issue16 => "261_datetime_routines",
    recfunctions_rec_void => "262_recfunctions_rec_void",
    bytearray_buffers => "263_bytearray_buffers",
    float32_math => "270_float32_math",
    ma_sets => "246_ma_sets",
    ma_median => "247_ma_median",
    ma_misc => "248_ma_misc",
    linalg_norms => "249_linalg_norms",
    copyto_overlap => "250_copyto_overlap",
    routines_join_split => "236_join_split",
    routines_pad_block_stack => "237_pad_block_stack",
    routines_grids_ranges => "238_grids_ranges",
    routines_sort_search => "239_sort_search",
    routines_sets_unique => "240_sets_unique",
    routines_stats_order => "241_stats_order",
    routines_elementwise_math => "242_elementwise_math",
    routines_ufunc_methods => "243_ufunc_methods",
    routines_products_einsum => "244_products_einsum",
    routines_calculus_signal => "245_calculus_signal",
    comprehension_laziness => "228_comprehension_laziness",
    match_statements => "229_match",
    itertools_tee => "230_tee",
    stdlib_json => "231_json",
    stdlib_statistics => "232_statistics",
    tutorial_rows => "234_tutorial_rows",
    tutorial_records => "235_tutorial_records",
    index_dunder => "403_index_dunder",
    percent_format => "400_percent_format",
    format_spec => "401_format_spec",
    format_complex_0d => "402_format_complex_0d",
    random_permute_choice => "410_random_permute_choice",
    random_raw_isinstance => "411_random_raw_isinstance",
    random_legacy_seed => "412_random_legacy_seed",
    random_state => "413_random_state",
    dtype_order_metadata => "420_dtype_order_metadata",
    dtype_names_setter => "421_dtype_names_setter",
    identities_zeros => "430_identities_zeros",
    quantile_sort_dtypes => "431_quantile_sort_dtypes",
    error_texts => "432_error_texts",
    math_prod_norms => "440_math_module",
    super_explicit => "441_super_explicit",
    function_introspection => "442_function_introspection",
    sequence_protocol => "443_sequence_protocol",
    container_equality => "444_container_equality",
    attribute_protocol => "445_attribute_protocol",
    dataclass_methods => "446_dataclass_methods",
    dataclass_fields => "447_dataclass_fields",
}

/// Every `.expected` file in the folder must have a test above, so a new file
/// cannot be silently skipped.
#[test]
fn every_expected_file_has_a_test() {
    let known = KNOWN;
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(conformance_dir()).expect("tests/conformance exists") {
        let p = entry.expect("dir entry").path();
        if p.extension().is_some_and(|e| e == "expected") {
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            if !known.contains(&stem.as_str()) {
                missing.push(stem);
            }
        }
    }
    assert!(
        missing.is_empty(),
        "add conformance_test! lines for: {missing:?}"
    );
}

#[test]
fn transcript_parser_follows_check_py_rules() {
    let t = "# numpy 2.4.6\n>>> a = 1\n>>> a  \n1   \n\n\n>>> print(1, 2)\n1 2\n\n3\n";
    let b = parse_transcript(t);
    assert_eq!(b.len(), 3);
    assert_eq!(
        b[0],
        Block {
            statement: "a = 1".into(),
            output: vec![]
        }
    );
    assert_eq!(
        b[1],
        Block {
            statement: "a  ".into(),
            output: vec!["1".into()]
        }
    );
    assert_eq!(
        b[2].output,
        vec!["1 2".to_string(), String::new(), "3".to_string()]
    );
    let t = ">>> for i in x:\n...     print(i)\n... \n0\n... not a continuation\n";
    let b = parse_transcript(t);
    assert_eq!(b[0].statement, "for i in x:\n    print(i)\n");
    assert_eq!(
        b[0].output,
        vec!["0".to_string(), "... not a continuation".to_string()]
    );
}
