//! `strftime` of Python's `datetime.date` and `datetime.datetime` for the
//! codes tutorials use, as glibc writes them (any other code is refused).
//! A leaf: `format(d, '%Y')` in `format_spec.rs` reads it.

use super::error::{PyError, PyResult};
use super::object::PyTime;
use super::pydatetime_ops as ops;

/// The (year, month, day) of a date or datetime.
pub fn ymd(t: &PyTime) -> (i64, i64, i64) {
    match t {
        PyTime::Date(y, m, d) => (*y, i64::from(*m), i64::from(*d)),
        PyTime::DateTime(f) => (f[0], f[1], f[2]),
        PyTime::Delta(..) => (1, 1, 1),
    }
}

/// The hour, minute, second and microsecond (zeros for a date).
pub fn time_fields(t: &PyTime) -> [i64; 4] {
    match t {
        PyTime::DateTime(f) => [f[3], f[4], f[5], f[6]],
        _ => [0; 4],
    }
}

/// Weekday names, Monday first.
pub const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
/// Month names.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `strftime` for the codes tutorials use (as glibc writes them); any
/// other code is refused.
pub fn strftime(t: &PyTime, fmt: &str) -> PyResult<String> {
    let (y, m, d) = ymd(t);
    let [h, mi, s, us] = time_fields(t);
    let ord = ops::ymd_to_ord(y, m, d);
    let wd = ((ord + 6) % 7) as usize;
    let mut out = String::new();
    let mut chars = fmt.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let Some(code) = chars.next() else {
            out.push('%');
            break;
        };
        match code {
            'Y' => out += &y.to_string(),
            'y' => out += &format!("{:02}", y % 100),
            'm' => out += &format!("{m:02}"),
            'd' => out += &format!("{d:02}"),
            'e' => out += &format!("{d:2}"),
            'H' => out += &format!("{h:02}"),
            'I' => out += &format!("{:02}", if h % 12 == 0 { 12 } else { h % 12 }),
            'p' => out += if h < 12 { "AM" } else { "PM" },
            'M' => out += &format!("{mi:02}"),
            'S' => out += &format!("{s:02}"),
            'f' => out += &format!("{us:06}"),
            'j' => out += &format!("{:03}", ord - ops::ymd_to_ord(y, 1, 1) + 1),
            'a' => out += &DAYS[wd][..3],
            'A' => out += DAYS[wd],
            'w' => out += &((wd + 1) % 7).to_string(),
            'u' => out += &(wd + 1).to_string(),
            'b' => out += &MONTHS[(m - 1) as usize][..3],
            'B' => out += MONTHS[(m - 1) as usize],
            '%' => out.push('%'),
            other => {
                return Err(PyError::new(
                    "NotImplementedError",
                    format!(
                        "slicelab does not implement strftime's %{other} yet \
                         (it has %Y %y %m %d %e %H %I %p %M %S %f %j %a %A %w %u %b %B %%)"
                    ),
                ));
            }
        }
    }
    Ok(out)
}
