//! A statement over several lines: the text is cut into logical lines
//! (a line goes on inside brackets, inside a triple-quoted string and after a
//! trailing backslash), each logical line is parsed on its own, and the
//! lines are joined into compound statements by their indentation, as
//! CPython's tokenizer and parser do.

use std::sync::Arc;

use super::SyntaxError;
use super::ast::{FuncDef, Handler, Stmt};
use super::build_stmt::{Head, Logical};

/// CPython's limit on nested indentation (`MAXINDENT` is 100).
const MAX_INDENT_LEVELS: usize = 100;

/// One logical line of the statement's text.
#[derive(Debug)]
pub(crate) struct LogicalLine {
    /// Indentation width (a tab goes to the next multiple of 8).
    pub indent: usize,
    /// The line with its continuations joined: newlines between brackets,
    /// backslash continuations and comments become spaces, so every byte
    /// stays where it was in the statement text.
    pub text: String,
    /// Byte offset of the line in the statement text.
    pub start: usize,
    /// 1-based line number of its first physical line.
    pub lineno: usize,
}

/// Cuts `text` into logical lines, dropping blank and comment-only ones.
pub(crate) fn logical_lines(text: &str) -> Result<Vec<LogicalLine>, SyntaxError> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut start = 0;
    let mut lineno = 1;
    let mut first_line = 1;
    let mut depth = 0usize;
    let mut i = 0;
    let mut quote: Option<(&'static str, usize)> = None;
    let flush = |cur: &mut String, start: usize, lineno: usize, out: &mut Vec<LogicalLine>| {
        let line = std::mem::take(cur);
        if line.trim().is_empty() {
            return;
        }
        let mut indent = 0;
        for c in line.chars() {
            match c {
                ' ' => indent += 1,
                '\t' => indent = (indent / 8 + 1) * 8,
                '\x0C' => indent = 0,
                _ => break,
            }
        }
        out.push(LogicalLine {
            indent,
            text: line,
            start,
            lineno,
        });
    };
    while i < bytes.len() {
        let c = bytes[i];
        if let Some((q, at)) = quote {
            if c == b'\\' && i + 1 < bytes.len() {
                cur.push_str(&text[i..i + 1]);
                let n = text[i + 1..].chars().next().map_or(1, char::len_utf8);
                cur.push_str(&text[i + 1..i + 1 + n]);
                if bytes[i + 1] == b'\n' {
                    lineno += 1;
                }
                i += 1 + n;
                continue;
            }
            if text[i..].starts_with(q) {
                cur.push_str(q);
                i += q.len();
                quote = None;
                continue;
            }
            if c == b'\n' {
                if q.len() == 1 {
                    return Err(SyntaxError::new("unterminated string literal", at));
                }
                lineno += 1;
            }
            let n = text[i..].chars().next().map_or(1, char::len_utf8);
            cur.push_str(&text[i..i + n]);
            i += n;
            continue;
        }
        match c {
            b'\'' | b'"' => {
                let q: &'static str = match (
                    c,
                    text[i..].starts_with("'''"),
                    text[i..].starts_with("\"\"\""),
                ) {
                    (_, true, _) => "'''",
                    (_, _, true) => "\"\"\"",
                    (b'\'', ..) => "'",
                    _ => "\"",
                };
                quote = Some((q, i));
                cur.push_str(q);
                i += q.len();
            }
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    cur.push(' ');
                    i += 1;
                }
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                cur.push(c as char);
                i += 1;
            }
            b')' | b']' | b'}' => {
                depth = depth.saturating_sub(1);
                cur.push(c as char);
                i += 1;
            }
            b'\\' if bytes.get(i + 1) == Some(&b'\n') => {
                cur.push_str("  ");
                i += 2;
                lineno += 1;
            }
            b'\\' if bytes.get(i + 1) == Some(&b'\r') && bytes.get(i + 2) == Some(&b'\n') => {
                cur.push_str("   ");
                i += 3;
                lineno += 1;
            }
            b'\n' if depth > 0 => {
                cur.push(' ');
                i += 1;
                lineno += 1;
            }
            b'\n' => {
                flush(&mut cur, start, first_line, &mut out);
                i += 1;
                lineno += 1;
                start = i;
                first_line = lineno;
            }
            b'\r' => {
                cur.push(' ');
                i += 1;
            }
            _ => {
                let n = text[i..].chars().next().map_or(1, char::len_utf8);
                cur.push_str(&text[i..i + n]);
                i += n;
            }
        }
    }
    if let Some((q, at)) = quote {
        let what = if q.len() == 3 {
            "unterminated triple-quoted string literal"
        } else {
            "unterminated string literal"
        };
        return Err(SyntaxError::new(what, at));
    }
    flush(&mut cur, start, first_line, &mut out);
    Ok(out)
}

/// Logical lines, each parsed, joined into statements.
pub(crate) struct Assembler {
    lines: Vec<(LogicalLine, Logical)>,
    pos: usize,
}

impl Assembler {
    pub(crate) fn new(lines: Vec<(LogicalLine, Logical)>) -> Assembler {
        Assembler { lines, pos: 0 }
    }

    /// Every statement of the text, at indentation 0.
    pub(crate) fn program(mut self) -> Result<Vec<Stmt>, SyntaxError> {
        if let Some((l, _)) = self.lines.first()
            && l.indent > 0
        {
            return Err(SyntaxError::new("unexpected indent", l.start));
        }
        let body = self.suite(0, 0)?;
        if let Some((l, _)) = self.lines.get(self.pos) {
            return Err(SyntaxError::new(
                "unindent does not match any outer indentation level",
                l.start,
            ));
        }
        Ok(body)
    }

    /// The statements at indentation `indent`.
    fn suite(&mut self, indent: usize, level: usize) -> Result<Vec<Stmt>, SyntaxError> {
        if level > MAX_INDENT_LEVELS {
            let at = self.lines.get(self.pos).map_or(0, |(l, _)| l.start);
            return Err(SyntaxError::new("too many levels of indentation", at));
        }
        let mut out = Vec::new();
        while let Some((l, _)) = self.lines.get(self.pos) {
            if l.indent < indent {
                break;
            }
            if l.indent > indent {
                return Err(SyntaxError::new("unexpected indent", l.start));
            }
            self.statement(indent, level, &mut out)?;
        }
        Ok(out)
    }

    /// The indented body after a header at `indent`, or the body written
    /// on the header's own line.
    fn body(
        &mut self,
        inline: Option<Vec<Stmt>>,
        indent: usize,
        level: usize,
        head: &Head,
        head_line: usize,
        head_end: usize,
    ) -> Result<Vec<Stmt>, SyntaxError> {
        if let Some(b) = inline {
            return Ok(b);
        }
        match self.lines.get(self.pos) {
            Some((l, _)) if l.indent > indent => {
                let inner = l.indent;
                let body = self.suite(inner, level + 1)?;
                if let Some((l, _)) = self.lines.get(self.pos)
                    && l.indent > indent
                    && l.indent < inner
                {
                    return Err(SyntaxError::new(
                        "unindent does not match any outer indentation level",
                        l.start,
                    ));
                }
                Ok(body)
            }
            next => Err(SyntaxError::new(
                format!(
                    "expected an indented block after {} on line {head_line}",
                    head.keyword()
                ),
                next.map_or(head_end, |(l, _)| l.start),
            )),
        }
    }

    /// A clause header at `indent` that continues the current statement.
    fn clause(&self, indent: usize, want: fn(&Head) -> bool) -> bool {
        matches!(self.lines.get(self.pos),
            Some((l, Logical::Head(h, _))) if l.indent == indent && want(h))
    }

    /// The next clause's header and body.
    fn take_clause(
        &mut self,
        indent: usize,
        level: usize,
    ) -> Result<(Head, Vec<Stmt>), SyntaxError> {
        let i = self.pos;
        self.pos += 1;
        let (line, logical) = &mut self.lines[i];
        let (lineno, end) = (line.lineno, line.start + line.text.len());
        let Logical::Head(head, inline) = std::mem::replace(logical, Logical::Simple(Vec::new()))
        else {
            return Err(SyntaxError::new("invalid syntax", line.start));
        };
        let body = self.body(inline, indent, level, &head, lineno, end)?;
        Ok((head, body))
    }

    fn statement(
        &mut self,
        indent: usize,
        level: usize,
        out: &mut Vec<Stmt>,
    ) -> Result<(), SyntaxError> {
        let start = self.lines[self.pos].0.start;
        if let (_, Logical::Decorator(_)) = &self.lines[self.pos] {
            return self.decorated(indent, level, out);
        }
        if let (_, Logical::Simple(_)) = &self.lines[self.pos] {
            let i = self.pos;
            self.pos += 1;
            if let Logical::Simple(ss) =
                std::mem::replace(&mut self.lines[i].1, Logical::Simple(Vec::new()))
            {
                out.extend(ss);
            }
            return Ok(());
        }
        if let (_, Logical::Head(Head::Match(_), _)) = &self.lines[self.pos] {
            let stmt = self.match_stmt(indent, level)?;
            out.push(stmt);
            return Ok(());
        }
        let (head, body) = self.take_clause(indent, level)?;
        let stmt = match head {
            Head::If(test) => {
                let mut branches = vec![(test, body)];
                let mut orelse = Vec::new();
                while self.clause(indent, |h| matches!(h, Head::Elif(_) | Head::Else)) {
                    match self.take_clause(indent, level)? {
                        (Head::Elif(t), b) => branches.push((t, b)),
                        (_, b) => {
                            orelse = b;
                            break;
                        }
                    }
                }
                Stmt::If { branches, orelse }
            }
            Head::While(test) => Stmt::While {
                test,
                body,
                orelse: self.else_clause(indent, level)?,
            },
            Head::For(target, iter) => Stmt::For {
                target,
                iter,
                body,
                orelse: self.else_clause(indent, level)?,
            },
            Head::Def(name, params) => {
                let doc = docstring(&body);
                let mut body = body;
                super::qualname::prefix_nested(&format!("{name}.<locals>."), &mut body);
                let def: FuncDef = super::scope::function(name, params, body, doc);
                Stmt::FunctionDef(Arc::new(def))
            }
            Head::Try => {
                let mut handlers = Vec::new();
                while self.clause(indent, |h| matches!(h, Head::Except(..))) {
                    if let (Head::Except(class, name), b) = self.take_clause(indent, level)? {
                        handlers.push(Handler {
                            class,
                            name,
                            body: b,
                        });
                    }
                }
                let orelse = if !handlers.is_empty() {
                    self.else_clause(indent, level)?
                } else {
                    Vec::new()
                };
                let finalbody = if self.clause(indent, |h| matches!(h, Head::Finally)) {
                    self.take_clause(indent, level)?.1
                } else {
                    Vec::new()
                };
                if handlers.is_empty() && finalbody.is_empty() {
                    let at = self.lines.get(self.pos).map_or(start, |(l, _)| l.start);
                    return Err(SyntaxError::new("expected 'except' or 'finally' block", at));
                }
                Stmt::Try {
                    body,
                    handlers,
                    orelse,
                    finalbody,
                }
            }
            Head::With(items) => Stmt::With { items, body },
            Head::Class(name, bases) => {
                let doc = docstring(&body);
                let mut body = body;
                super::qualname::prefix_nested(&format!("{name}."), &mut body);
                let def = super::scope::function(name, Default::default(), body, doc);
                Stmt::ClassDef(Arc::new(super::ast::ClassDef { bases, def }))
            }
            Head::Elif(_)
            | Head::Else
            | Head::Except(..)
            | Head::Finally
            | Head::Case(..)
            | Head::Match(_) => {
                return Err(SyntaxError::new("invalid syntax", start));
            }
        };
        out.push(stmt);
        Ok(())
    }

    /// Decorator lines and the `def` or `class` below them, at `indent`.
    fn decorated(
        &mut self,
        indent: usize,
        level: usize,
        out: &mut Vec<Stmt>,
    ) -> Result<(), SyntaxError> {
        let mut decorators = Vec::new();
        while let Some((l, Logical::Decorator(_))) = self.lines.get(self.pos)
            && l.indent == indent
        {
            let i = self.pos;
            self.pos += 1;
            if let Logical::Decorator(e) =
                std::mem::replace(&mut self.lines[i].1, Logical::Simple(Vec::new()))
            {
                decorators.push(e);
            }
        }
        let at = match self.lines.get(self.pos) {
            Some((l, Logical::Head(Head::Def(..) | Head::Class(..), _))) if l.indent == indent => {
                l.start
            }
            Some((l, _)) if l.indent > indent => {
                return Err(SyntaxError::new("unexpected indent", l.start));
            }
            Some((l, _)) => return Err(SyntaxError::new("invalid syntax", l.start)),
            None => {
                let end = self.lines.last().map_or(0, |(l, _)| l.start + l.text.len());
                return Err(SyntaxError::new("invalid syntax", end));
            }
        };
        let mut inner = Vec::new();
        self.statement(indent, level, &mut inner)?;
        let def = inner
            .pop()
            .ok_or_else(|| SyntaxError::new("invalid syntax", at))?;
        out.push(Stmt::Decorated {
            decorators,
            def: Box::new(def),
        });
        Ok(())
    }

    /// `match subject:` and the `case` clauses indented below it. An
    /// unguarded irrefutable case (a capture, `_`) must be the last.
    fn match_stmt(&mut self, indent: usize, level: usize) -> Result<Stmt, SyntaxError> {
        let i = self.pos;
        self.pos += 1;
        let (line, logical) = &mut self.lines[i];
        let (lineno, start, end) = (line.lineno, line.start, line.start + line.text.len());
        let Logical::Head(Head::Match(subject), inline) =
            std::mem::replace(logical, Logical::Simple(Vec::new()))
        else {
            return Err(SyntaxError::new("invalid syntax", start));
        };
        if inline.is_some() {
            return Err(SyntaxError::new("invalid syntax", start));
        }
        let inner = match self.lines.get(self.pos) {
            Some((l, _)) if l.indent > indent => l.indent,
            next => {
                return Err(SyntaxError::new(
                    format!("expected an indented block after 'match' statement on line {lineno}"),
                    next.map_or(end, |(l, _)| l.start),
                ));
            }
        };
        let mut cases: Vec<super::ast::MatchCase> = Vec::new();
        while let Some((l, _)) = self.lines.get(self.pos)
            && l.indent >= inner
        {
            let at = l.start;
            if l.indent > inner || !self.clause(inner, |h| matches!(h, Head::Case(..))) {
                return Err(SyntaxError::new("invalid syntax", at));
            }
            if let Some(prev) = cases.last()
                && prev.guard.is_none()
            {
                super::build_pattern::unreachable_after(&prev.pattern, at)?;
            }
            if let (Head::Case(pattern, guard), body) = self.take_clause(inner, level + 1)? {
                cases.push(super::ast::MatchCase {
                    pattern,
                    guard,
                    body,
                });
            }
        }
        if let Some((l, _)) = self.lines.get(self.pos)
            && l.indent > indent
        {
            return Err(SyntaxError::new(
                "unindent does not match any outer indentation level",
                l.start,
            ));
        }
        Ok(Stmt::Match { subject, cases })
    }

    fn else_clause(&mut self, indent: usize, level: usize) -> Result<Vec<Stmt>, SyntaxError> {
        if self.clause(indent, |h| matches!(h, Head::Else)) {
            Ok(self.take_clause(indent, level)?.1)
        } else {
            Ok(Vec::new())
        }
    }
}

/// The docstring of a `def` or `class` body: a leading string literal.
fn docstring(body: &[Stmt]) -> Option<String> {
    match body.first() {
        Some(Stmt::Expr(e)) => match &e.kind {
            super::ast::ExprKind::Str(s) => Some(s.clone()),
            _ => None,
        },
        _ => None,
    }
}
