//! The teaching commands typed at the prompt: `:vars` (and `whos`),
//! `:diagram NAME`, `:explain`, `:where v[1, 0]`, `:undo`,
//! `:annotate on|off`. One table, so dispatch and help cannot disagree.

use crate::engine::element::read_scalar;
use crate::eval::{Session, Value};
use crate::render::scalar_str;
use crate::style::Palette;
use crate::syntax::{self, ast::ExprKind, ast::Stmt, ast::UnaryOp};

use super::alerts::cell_text;
use super::buffer_numbers::BufferNumbers;
use super::footprint::Footprint;
use super::journal::UndoError;
use super::render::{self, layers_on, owner_name};
use super::render_diagram::diagram;
use super::{Teacher, render_table};

/// Each command with its help line.
pub const COMMANDS: &[(&str, &str)] = &[
    (
        ":vars, whos",
        "every name: shape, dtype, verdict, base, sharing, buffer",
    ),
    (":diagram NAME", "draw NAME's buffer and every name on it"),
    (
        ":explain",
        "the last verdict's rule at length, with NumPy's quirks",
    ),
    (
        ":where v[1, 0]",
        "the offset arithmetic that lands on a buffer cell",
    ),
    (
        ":undo",
        "take back the last statement: its names and the cells it wrote",
    ),
    (":annotate off|on", "hide or show the teaching view"),
];

/// The help text for these commands.
pub fn help() -> String {
    COMMANDS
        .iter()
        .map(|(c, h)| format!("  {c:<17}{h}\n"))
        .collect()
}

impl Teacher {
    /// Run a teaching command; `None` when `line` is not one.
    pub fn command(
        &mut self,
        line: &str,
        session: &mut Session,
        palette: &Palette,
        width: usize,
    ) -> Option<String> {
        let line = line.trim();
        let (cmd, arg) = line.split_once(' ').unwrap_or((line, ""));
        let arg = arg.trim();
        Some(match cmd {
            ":vars" | "whos" if arg.is_empty() => {
                render_table::vars(&session.bindings(), self, palette, width)
            }
            ":diagram" => self.diagram(arg, session, palette, width),
            ":explain" => match &self.last {
                Some(a) => render::explain(a, palette, width),
                None => "No array result yet: type a statement such as `v = a[1:, ::2]`.\n".into(),
            },
            ":where" => where_text(arg, session, self.numbers(), palette),
            ":undo" => match self.journal.undo(session) {
                Ok(entry) => {
                    let what = match entry.writes.changed_cells() {
                        0 => String::new(),
                        1 => ", 1 cell restored".to_string(),
                        n => format!(", {n} cells restored"),
                    };
                    let text = format!("undid `{}`: names put back{what}\n", entry.line);
                    self.undone = Some(entry.line);
                    text
                }
                Err(UndoError::Nothing) => "nothing to undo\n".into(),
                Err(UndoError::TooLarge(l)) => palette.error(&format!(
                    "cannot undo `{l}`: it wrote more memory than slicelab records\n"
                )),
            },
            ":annotate" => match arg {
                "on" | "" => {
                    self.annotate = true;
                    "teaching view on\n".into()
                }
                "off" => {
                    self.annotate = false;
                    "teaching view off (:annotate on brings it back)\n".into()
                }
                _ => palette.error("usage: :annotate on|off\n"),
            },
            _ => return None,
        })
    }

    fn diagram(&self, name: &str, session: &Session, palette: &Palette, width: usize) -> String {
        let Some(Value::Array(arr)) = session.binding(name) else {
            return palette.error(&format!(
                "usage: :diagram NAME — `{name}` is not an array name\n"
            ));
        };
        let names = session.bindings();
        let owner = render::drawn_owner(arr, &names);
        let note = match self.verdict_of(name) {
            Some(v) => format!("{} — {}", v.kind.word(), v.rule),
            None => String::new(),
        };
        let layers = layers_on(arr, name, &owner, &names, &note);
        let frame = render::frame_of(&owner, &names);
        diagram(
            &frame,
            &owner_name(&owner, &names),
            &layers,
            self.numbers(),
            palette,
            width,
        )
    }
}

/// `:where v[1, 0]`: offset + Σ index·stride, in bytes and in cells.
fn where_text(arg: &str, session: &Session, numbers: &BufferNumbers, palette: &Palette) -> String {
    let usage = || palette.error("usage: :where NAME[i, j, ...] with integer indices\n");
    let Ok(Stmt::Expr(e)) = syntax::parse_stmt(arg) else {
        return usage();
    };
    let ExprKind::Subscript { value, index } = &e.kind else {
        return usage();
    };
    let ExprKind::Name(name) = &value.kind else {
        return usage();
    };
    let Some(Value::Array(arr)) = session.binding(name) else {
        return palette.error(&format!("`{name}` is not an array name\n"));
    };
    let parts: Vec<&crate::syntax::ast::Expr> = match &index.kind {
        ExprKind::Tuple(p) => p.iter().collect(),
        _ => vec![index],
    };
    let mut idx: Vec<i128> = Vec::new();
    for p in parts {
        match &p.kind {
            ExprKind::Int(i) => idx.push(*i),
            ExprKind::Unary {
                op: UnaryOp::Neg,
                operand,
            } => match operand.kind {
                ExprKind::Int(i) => idx.push(-i),
                _ => return usage(),
            },
            _ => return usage(),
        }
    }
    let l = arr.layout();
    if idx.len() != l.ndim() {
        return palette.error(&format!(
            "{name} has {} axes: give one integer per axis\n",
            l.ndim()
        ));
    }
    let mut full = Vec::new();
    for (k, &i) in idx.iter().enumerate() {
        let n = l.shape[k] as i128;
        let j = if i < 0 { i + n } else { i };
        if j < 0 || j >= n {
            return palette.error(&format!(
                "index {i} is out of bounds for axis {k} with size {n}\n"
            ));
        }
        full.push(j as usize);
    }
    let owner = render::drawn_owner(arr, &session.bindings());
    let oitem = owner.dtype().itemsize().max(1) as isize;
    let at = l.offset_of(&full);
    let terms = |unit: isize| -> String {
        let mut t = format!("{}", l.offset as isize / unit);
        for (k, &i) in full.iter().enumerate() {
            let s = l.strides[k];
            let s_text = if s % unit == 0 {
                (s / unit).to_string()
            } else {
                format!("{s}/{unit}")
            };
            t.push_str(&format!(" + {i}·({s_text})"));
        }
        t
    };
    let syms: Vec<String> = (0..full.len())
        .map(|k| format!("{}·s{k}", full[k]))
        .collect();
    let value = read_scalar(&arr.buffer().bytes(), at, arr.dtype());
    let mut out = format!(
        "{} = {}\n  offset + {}\n  bytes:    {} = {at}\n  elements: {} = {}\n",
        palette.strong(&cell_text(name, &full)),
        scalar_str(arr.dtype(), &value),
        syms.join(" + "),
        terms(1),
        terms(oitem),
        at / oitem,
    );
    let names = session.bindings();
    let frame = render::frame_of(&owner, &names);
    let owner_label = owner_name(&frame, &names);
    let ofp = Footprint::new(frame.layout(), oitem as usize);
    let place = match ofp.index_covering(at) {
        Some(i) if owner_label != "an unnamed array" => format!(
            ", which {owner_label} shows as {}",
            cell_text(&owner_label, &i)
        ),
        _ => String::new(),
    };
    out.push_str(&format!(
        "  → buffer #{} cell {}{place}\n",
        numbers.of(owner.buffer()),
        at / oitem
    ));
    out
}
