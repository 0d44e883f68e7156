//! Business-day arithmetic on `datetime64[D]` values, ported from NumPy's
//! `numpy/_core/src/multiarray/datetime_busday.c` and
//! `datetime_busdaycal.c`: a weekmask of the days that may be business
//! days, a sorted list of holidays, the `roll` rules for a date that is
//! not a business day, and NumPy's order of work (whole weeks first, then
//! day by day; holidays counted by binary search), so every result and
//! error matches NumPy 2.4.6. Knows nothing of Python values.

use super::datetime::{DtResult, NAT, civil_from_days};

/// A business-day calendar: NumPy's `busdaycalendar` state.
#[derive(Debug, Clone, PartialEq)]
pub struct Calendar {
    /// Monday first: may this day of the week be a business day?
    pub weekmask: [bool; 7],
    /// Holidays (days since 1970-01-01), sorted, without NaT, duplicates
    /// or days the weekmask already excludes (`normalize_holidays_list`).
    pub holidays: Vec<i64>,
}

/// What `busday_offset` does with a date that is not a business day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Roll {
    /// `'raise'`: an error.
    Raise,
    /// `'nat'`: NaT.
    Nat,
    /// `'forward'` / `'following'`: the next business day.
    Following,
    /// `'backward'` / `'preceding'`: the previous business day.
    Preceding,
    /// `'modifiedfollowing'`: the next one, unless that is in another month.
    ModifiedFollowing,
    /// `'modifiedpreceding'`: the previous one, unless in another month.
    ModifiedPreceding,
}

impl Roll {
    /// The rule a `roll=` string names (`PyArray_BusDayRollConverter`).
    pub fn parse(s: &str) -> Option<Roll> {
        Some(match s {
            "raise" => Roll::Raise,
            "nat" => Roll::Nat,
            "forward" | "following" => Roll::Following,
            "backward" | "preceding" => Roll::Preceding,
            "modifiedfollowing" => Roll::ModifiedFollowing,
            "modifiedpreceding" => Roll::ModifiedPreceding,
            _ => return None,
        })
    }
}

fn value_error(msg: &str) -> (&'static str, String) {
    ("ValueError", msg.to_string())
}

/// The day of the week, Monday = 0 (1970-01-05 was a Monday).
pub fn day_of_week(date: i64) -> usize {
    (date.wrapping_sub(4)).rem_euclid(7) as usize
}

/// `days_to_month_number`: months since 1970-01.
fn month_number(date: i64) -> i64 {
    let (y, m, _) = civil_from_days(date);
    (y - 1970) * 12 + i64::from(m) - 1
}

/// The weekmask a 7-character or day-name string describes
/// (`PyArray_WeekMaskConverter`): `"1111100"`, `"Mon Tue Wed"`, `"SatSun"`.
pub fn parse_weekmask(s: &str) -> DtResult<[bool; 7]> {
    let b = s.as_bytes();
    if b.len() == 7 && b.iter().all(|&c| c == b'0' || c == b'1') {
        let mut m = [false; 7];
        for (slot, &c) in m.iter_mut().zip(b) {
            *slot = c == b'1';
        }
        return Ok(m);
    }
    let invalid = || {
        Err((
            "ValueError",
            format!("Invalid business day weekmask string \"{s}\""),
        ))
    };
    let mut m = [false; 7];
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i == b.len() {
            break;
        }
        if i + 2 >= b.len() {
            return invalid();
        }
        let day = match &b[i..i + 3] {
            b"Mon" => 0,
            b"Tue" => 1,
            b"Wed" => 2,
            b"Thu" => 3,
            b"Fri" => 4,
            b"Sat" => 5,
            b"Sun" => 6,
            _ => return invalid(),
        };
        m[day] = true;
        i += 3;
    }
    Ok(m)
}

impl Calendar {
    /// A calendar from a weekmask and raw holidays (sorted and trimmed
    /// here, as `normalize_holidays_list` does).
    pub fn new(weekmask: [bool; 7], mut holidays: Vec<i64>) -> Calendar {
        holidays.sort_unstable();
        let mut kept: Vec<i64> = Vec::with_capacity(holidays.len());
        for d in holidays {
            if d != NAT && kept.last() != Some(&d) && weekmask[day_of_week(d)] {
                kept.push(d);
            }
        }
        Calendar {
            weekmask,
            holidays: kept,
        }
    }

    /// How many days of the week may be business days.
    pub fn busdays_in_weekmask(&self) -> i64 {
        self.weekmask.iter().filter(|&&b| b).count() as i64
    }

    /// NumPy's check before any business-day loop.
    pub fn check(&self) -> DtResult<()> {
        if self.busdays_in_weekmask() == 0 {
            return Err(value_error(
                "the business day weekmask must have at least one valid business day",
            ));
        }
        Ok(())
    }

    fn off(&self, date: i64, dow: usize, lo: usize, hi: usize) -> bool {
        !self.weekmask[dow] || self.holidays[lo..hi].binary_search(&date).is_ok()
    }

    /// Index of the first holiday on or after `date` within `lo..hi`.
    fn on_or_after(&self, date: i64, lo: usize, hi: usize) -> usize {
        lo + self.holidays[lo..hi].partition_point(|&h| h < date)
    }

    /// Index of the first holiday after `date` within `lo..hi`.
    fn after(&self, date: i64, lo: usize, hi: usize) -> usize {
        lo + self.holidays[lo..hi].partition_point(|&h| h <= date)
    }

    /// `is_business_day` for one date (NaT is not one).
    pub fn is_busday(&self, date: i64) -> bool {
        let n = self.holidays.len();
        date != NAT && !self.off(date, day_of_week(date), 0, n)
    }

    /// `apply_business_day_roll`: the date rolled onto a business day, and
    /// its day of the week.
    fn roll(&self, date: i64, roll: Roll) -> DtResult<(i64, usize)> {
        let n = self.holidays.len();
        if date == NAT {
            if roll == Roll::Raise {
                return Err(value_error("NaT input in busday_offset"));
            }
            return Ok((NAT, 0));
        }
        let start_dow = day_of_week(date);
        if !self.off(date, start_dow, 0, n) {
            return Ok((date, start_dow));
        }
        let forward = |mut d: i64, mut w: usize| {
            loop {
                d = d.wrapping_add(1);
                w = (w + 1) % 7;
                if !self.off(d, w, 0, n) {
                    return (d, w);
                }
            }
        };
        let backward = |mut d: i64, mut w: usize| {
            loop {
                d = d.wrapping_sub(1);
                w = (w + 6) % 7;
                if !self.off(d, w, 0, n) {
                    return (d, w);
                }
            }
        };
        Ok(match roll {
            Roll::Raise => return Err(value_error("Non-business day date in busday_offset")),
            Roll::Nat => (NAT, start_dow),
            Roll::Following => forward(date, start_dow),
            Roll::Preceding => backward(date, start_dow),
            Roll::ModifiedFollowing => {
                let r = forward(date, start_dow);
                if month_number(date) != month_number(r.0) {
                    backward(date, start_dow)
                } else {
                    r
                }
            }
            Roll::ModifiedPreceding => {
                let r = backward(date, start_dow);
                if month_number(date) != month_number(r.0) {
                    forward(date, start_dow)
                } else {
                    r
                }
            }
        })
    }

    /// `apply_business_day_offset`: roll, then move `offset` business days.
    pub fn offset(&self, date: i64, offset: i64, roll: Roll) -> DtResult<i64> {
        let (mut date, mut dow) = self.roll(date, roll)?;
        if date == NAT {
            return Ok(NAT);
        }
        let per_week = self.busdays_in_weekmask();
        let (mut lo, mut hi) = (0, self.holidays.len());
        let mut offset = offset;
        if offset > 0 {
            lo = self.on_or_after(date, lo, hi);
            date = date.wrapping_add((offset / per_week).wrapping_mul(7));
            offset %= per_week;
            let t = self.after(date, lo, hi);
            offset += (t - lo) as i64;
            lo = t;
            while offset > 0 {
                date = date.wrapping_add(1);
                dow = (dow + 1) % 7;
                if !self.off(date, dow, lo, hi) {
                    offset -= 1;
                }
            }
        } else if offset < 0 {
            hi = self.after(date, lo, hi);
            date = date.wrapping_add((offset / per_week).wrapping_mul(7));
            offset %= per_week;
            let t = self.on_or_after(date, lo, hi);
            offset -= (hi - t) as i64;
            hi = t;
            while offset < 0 {
                date = date.wrapping_sub(1);
                dow = (dow + 6) % 7;
                if !self.off(date, dow, lo, hi) {
                    offset += 1;
                }
            }
        }
        Ok(date)
    }

    /// `apply_business_day_count`: business days in `[begin, end)`,
    /// negative when `begin` is after `end`.
    pub fn count(&self, begin: i64, end: i64) -> DtResult<i64> {
        if begin == NAT || end == NAT {
            return Err(value_error(
                "Cannot compute a business day count with a NaT (not-a-time) date",
            ));
        }
        if begin == end {
            return Ok(0);
        }
        let (mut begin, end, swapped) = if begin > end {
            // gh-23197: the original end date is not counted.
            (end.wrapping_add(1), begin.wrapping_add(1), true)
        } else {
            (begin, end, false)
        };
        let n = self.holidays.len();
        let lo = self.on_or_after(begin, 0, n);
        let hi = self.on_or_after(end, lo, n);
        let mut count = -((hi - lo) as i64);
        let whole_weeks = end.wrapping_sub(begin) / 7;
        count = count.wrapping_add(whole_weeks.wrapping_mul(self.busdays_in_weekmask()));
        begin = begin.wrapping_add(whole_weeks.wrapping_mul(7));
        let mut dow = day_of_week(begin);
        while begin < end {
            if self.weekmask[dow] {
                count += 1;
            }
            begin += 1;
            dow = (dow + 1) % 7;
        }
        Ok(if swapped { count.wrapping_neg() } else { count })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cal() -> Calendar {
        Calendar::new([true, true, true, true, true, false, false], vec![])
    }

    #[test]
    fn weekdays() {
        // 2011-01-03 (day 14977) was a Monday.
        assert_eq!(day_of_week(14977), 0);
        assert_eq!(day_of_week(-1), 2);
        assert!(cal().is_busday(14977));
        assert!(!cal().is_busday(14977 + 5));
    }

    #[test]
    fn offsets_and_counts() {
        let c = cal();
        assert_eq!(c.offset(14977, 5, Roll::Raise), Ok(14977 + 7));
        assert_eq!(c.offset(14977, -1, Roll::Raise), Ok(14977 - 3));
        assert_eq!(c.count(14977, 14977 + 7), Ok(5));
        assert_eq!(c.count(14977 + 7, 14977), Ok(-5));
        assert!(c.offset(14977 + 5, 0, Roll::Raise).is_err());
    }

    #[test]
    fn weekmask_strings() {
        assert_eq!(
            parse_weekmask("Mon Tue  Wed"),
            Ok([true, true, true, false, false, false, false])
        );
        assert!(parse_weekmask("MonTu").is_err());
        assert_eq!(parse_weekmask(""), Ok([false; 7]));
    }
}
