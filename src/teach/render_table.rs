//! `:vars` / `whos`: one row per array name — shape, dtype, verdict, base,
//! the names it shares memory with, buffer id, bytes — then the read-only
//! names and the other names on a line each below, so the table stays one
//! line a name at 80 columns (a learner reads it on a 24-line terminal).

use comfy_table::{Cell, Color, ColumnConstraint, ContentArrangement, Table, Width, presets};

use crate::eval::{Bindings, Value, shares_memory};
use crate::style::Palette;

use super::Teacher;
use super::render::{owner_name, shape_text};

/// The table of every bound name (arrays in detail, others by type).
pub fn vars(names: &Bindings, teacher: &Teacher, palette: &Palette, width: usize) -> String {
    let mut sorted: Vec<(&String, &Value)> = names.iter().filter(|(k, _)| *k != "np").collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    if sorted.is_empty() {
        return "(no names yet)\n".into();
    }
    let (arrays, others): (Vec<_>, Vec<_>) = sorted
        .iter()
        .partition(|(_, v)| matches!(v, Value::Array(_)));
    let others: Vec<String> = others
        .iter()
        .map(|(name, value)| format!("{name} ({})", value.type_name()))
        .collect();
    let others = if others.is_empty() {
        String::new()
    } else {
        let line = format!("other names: {}", others.join(", "));
        super::render::wrap(&line, width)
    };
    if arrays.is_empty() {
        return others;
    }
    let mut table = Table::new();
    if palette.enabled() {
        table.load_style(presets::UTF8_FULL_CONDENSED.with_rounded_corners());
        table.enforce_styling();
    } else {
        table.load_style(presets::ASCII_FULL_CONDENSED);
        table.force_no_tty();
    }
    table
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width.min(u16::MAX as usize) as u16)
        .set_header(vec![
            "name",
            "shape",
            "dtype",
            "verdict",
            "base",
            "shares with",
            "buffer",
            "bytes",
        ]);
    // Short facts never wrap; names may.
    for column in [1, 2, 3, 6, 7] {
        if let Some(c) = table.column_mut(column) {
            c.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
    if let Some(c) = table.column_mut(4) {
        c.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(12)));
    }
    let mut read_only = Vec::new();
    for (name, value) in &arrays {
        let Value::Array(a) = value else {
            continue;
        };
        let verdict = teacher
            .verdict_of(name)
            .map(|v| v.kind.word().to_string())
            .unwrap_or_else(|| if a.base().is_some() { "VIEW" } else { "owner" }.into());
        let base = match a.base() {
            None => "None".to_string(),
            Some(b) => match owner_name(b, names).as_str() {
                "an unnamed array" => format!("unnamed #{}", teacher.numbers().of(b.buffer())),
                n => n.to_string(),
            },
        };
        let sharing: Vec<&str> = sorted
            .iter()
            .filter(|(k, v)| k != name && matches!(v, Value::Array(o) if shares_memory(a, o, true)))
            .map(|(k, _)| k.as_str())
            .collect();
        let mut verdict_cell = Cell::new(&verdict);
        if palette.enabled() {
            verdict_cell = verdict_cell.fg(match verdict.as_str() {
                "VIEW" | "EMPTY" => Color::Yellow,
                "ALIAS" => Color::Magenta,
                _ => Color::Green,
            });
        }
        table.add_row(vec![
            Cell::new(name),
            Cell::new(shape_text(&a.shape())),
            Cell::new(a.dtype().name()),
            verdict_cell,
            Cell::new(base),
            Cell::new(if sharing.is_empty() {
                "—".into()
            } else {
                sharing.join(", ")
            }),
            Cell::new(format!("#{}", teacher.numbers().of(a.buffer()))),
            Cell::new(a.size() * a.dtype().itemsize()),
        ]);
        if !a.writeable() {
            read_only.push(name.as_str());
        }
    }
    let read_only = if read_only.is_empty() {
        String::new()
    } else {
        super::render::wrap(&format!("read-only: {}", read_only.join(", ")), width)
    };
    format!("{table}\n{read_only}{others}")
}
