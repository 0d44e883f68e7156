//! The lesson prompt: the learner types freely while a step is on, and
//! after each statement the step's checks are judged on their state. Also
//! `:hint`, `:solution`, `:goal`, `:skip`, `:back`, `:reset`, `:quit`, and
//! the predict-then-reveal exchange. Progress is saved on every step change.

use std::collections::VecDeque;
use std::io::{self, Write};

use comfy_table::Cell;

use super::input::{LineEditor, Read, Reader, Styled};
use super::{History, Palette, lesson_list, new_editor, render_outcome};
use crate::eval::display::repr;
use crate::eval::{Session, Value};
use crate::lesson::check::{self, judge};
use crate::lesson::predict::{self, Truth};
use crate::lesson::progress::{self, Place, Store};
use crate::lesson::{Catalog, Guess, Lesson, Step, catalog};
use crate::render::visible::visible_line;
use crate::syntax::ast::Stmt;
use crate::teach::{Teacher, terminal_width};

/// The commands of the lesson prompt.
const HELP: &str = "\
Lesson commands (anything else runs as a statement):
  :lesson     show the step again        :hint      the next hint
  :solution   put the answer on the line  :goal      the state the step wants
  :skip       run the answer, go on       :back      the previous step
  :reset      this step from its start    :names     your names
  :quit       leave; progress is kept (also Ctrl-D)
The teaching view's commands work here too: :vars, :diagram NAME, :explain,
:where EXPR, :undo, :annotate off|on.";

/// Tasks and hints are wrapped to this many columns (lesson prose is
/// wrapped by its author).
const WIDTH: usize = 78;

/// Greedy word wrap of each line of `text` to `width` columns.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut column = 0;
        for word in line.split(' ') {
            let w = word.chars().count();
            if column > 0 && column + 1 + w > width {
                out.push('\n');
                column = 0;
            } else if column > 0 {
                out.push(' ');
                column += 1;
            }
            out.push_str(word);
            column += w;
        }
    }
    out
}

/// How many wrong tries before the next hint comes by itself.
const TRIES_PER_HINT: usize = 2;

/// `:lesson [NAME]` at the plain prompt: the list, or the lesson itself
/// (with its own names; the prompt's names are untouched).
pub(crate) fn from_prompt(
    editor: &mut LineEditor,
    history: &mut History,
    name: Option<String>,
    palette: &Palette,
) -> io::Result<()> {
    let catalog = catalog();
    let mut store = open_store(palette);
    match name {
        None => print!(
            "{}",
            lesson_list::render(&catalog, &store.progress, palette)
        ),
        Some(name) => match catalog.find(&name) {
            Some(lesson) => {
                Tutor::new(lesson, &mut store, *palette).run(editor, history)?;
            }
            None => print!("{}", unknown(&catalog, &name, palette)),
        },
    }
    io::stdout().flush()
}

/// `slicelab lesson NAME`: `Ok(false)` when there is no such lesson.
pub fn start(
    catalog: &Catalog,
    name: &str,
    store: &mut Store,
    palette: &Palette,
) -> io::Result<bool> {
    super::sigint::install();
    let Some(lesson) = catalog.find(name) else {
        eprint!("{}", unknown(catalog, name, palette));
        return Ok(false);
    };
    let mut editor = new_editor(palette)?;
    let mut history = History::open(&mut editor, palette);
    Tutor::new(lesson, store, *palette).run(&mut editor, &mut history)?;
    Ok(true)
}

fn open_store(palette: &Palette) -> Store {
    let store = Store::open(progress::default_path());
    for w in &store.warnings {
        eprintln!("{}", palette.dim(&format!("slicelab: warning: {w}")));
    }
    store
}

fn unknown(catalog: &Catalog, name: &str, palette: &Palette) -> String {
    let names: Vec<&str> = catalog.lessons.iter().map(|l| l.name.as_str()).collect();
    palette.error(&format!(
        "no lesson called `{name}`; the lessons are: {}\n",
        names.join(", ")
    ))
}

/// What a line typed in a lesson asks for.
enum Action {
    Statement,
    Show,
    Hint,
    Solution,
    Goal,
    Skip,
    Back,
    Reset,
    Names,
    Help,
    Quit,
    Unknown,
}

fn action(line: &str) -> Action {
    match line.trim() {
        ":lesson" => Action::Show,
        ":hint" => Action::Hint,
        ":solution" => Action::Solution,
        ":goal" => Action::Goal,
        ":skip" => Action::Skip,
        ":back" => Action::Back,
        ":reset" => Action::Reset,
        ":names" => Action::Names,
        ":help" | ":h" | ":?" => Action::Help,
        ":quit" | ":q" | "exit()" | "quit()" => Action::Quit,
        l if l.starts_with(':') => Action::Unknown,
        _ => Action::Statement,
    }
}

/// Whether the loop goes on.
#[derive(PartialEq)]
enum Flow {
    Continue,
    Finished,
    Quit,
}

/// One learner in one lesson.
struct Tutor<'a> {
    lesson: &'a Lesson,
    store: &'a mut Store,
    palette: Palette,
    session: Session,
    /// The teaching view: verdicts, diagrams, alerts and `:undo` for the
    /// learner's statements, as at the prompt.
    teacher: Teacher,
    step: usize,
    hints_shown: usize,
    tries: usize,
    /// The most checks of this step that have held at once.
    holding: usize,
    /// Solution lines still to put on the input line.
    solutions: VecDeque<String>,
    out: String,
}

impl<'a> Tutor<'a> {
    fn new(lesson: &'a Lesson, store: &'a mut Store, palette: Palette) -> Tutor<'a> {
        let place = store.place(&lesson.name);
        // A learner who finished once and is going through again resumes too.
        let resume = place.step > 0 && place.step < lesson.steps.len();
        let step = if resume { place.step } else { 0 };
        let mut tutor = Tutor {
            lesson,
            store,
            palette,
            session: check::replay(lesson, step),
            teacher: Teacher::new(),
            step,
            hints_shown: 0,
            tries: 0,
            holding: 0,
            solutions: VecDeque::new(),
            out: String::new(),
        };
        tutor.say_title(&format!("{} — {}", lesson.title, lesson.name));
        tutor.say_dim(&lesson.summary);
        if resume {
            let total = lesson.steps.len();
            tutor.say_dim(&format!(
                "Resuming at step {} of {total}; the earlier steps' answers have been run for you.",
                step + 1
            ));
        } else {
            if place.done && place.step > 0 {
                tutor.say_dim("You finished this lesson before; here it is again from the start.");
            }
            let intro = lesson.intro.clone();
            tutor.say(&intro);
            tutor.say_dim("Type statements as at the prompt; :help lists the lesson commands.");
        }
        tutor
    }

    fn current(&self) -> &'a Step {
        &self.lesson.steps[self.step]
    }

    fn say(&mut self, text: &str) {
        if !text.is_empty() {
            self.out.push_str(text);
            if !text.ends_with('\n') {
                self.out.push('\n');
            }
        }
    }

    fn say_dim(&mut self, text: &str) {
        let t = self.palette.dim(text);
        self.say(&t);
    }

    fn say_title(&mut self, text: &str) {
        let t = self.palette.prompt(text);
        self.say(&t);
    }

    fn flush(&mut self) -> io::Result<()> {
        let mut stdout = io::stdout();
        stdout.write_all(self.out.as_bytes())?;
        self.out.clear();
        stdout.flush()
    }

    fn save(&mut self, place: Place) {
        if let Err(e) = self.store.set(&self.lesson.name, place) {
            let w = format!("slicelab: warning: {e}; lesson progress is not kept");
            self.say_dim(&w);
        }
    }

    /// Show a statement as the prompt would, then what it printed.
    fn echo(&mut self, line: &str, outcome: &crate::eval::Outcome) {
        let shown = format!(
            "{}{}\n{}",
            self.palette.prompt(">>> "),
            visible_line(line),
            render_outcome(line, outcome, &self.palette)
        );
        self.out.push_str(&shown);
    }

    /// Begin the current step: its text, its `run:` statements, its task.
    fn enter_step(&mut self) {
        let step = self.current();
        let done = self.store.place(&self.lesson.name).done;
        self.save(Place {
            step: self.step,
            done,
        });
        self.hints_shown = 0;
        self.tries = 0;
        self.holding = 0;
        self.solutions.clear();
        self.say_title(&format!(
            "\n── Step {}/{}: {} ──",
            self.step + 1,
            self.lesson.steps.len(),
            step.title
        ));
        self.say(&step.text);
        for (line, outcome) in check::run_intro(&mut self.session, step) {
            self.echo(&line, &outcome);
        }
        self.show_task();
    }

    fn show_task(&mut self) {
        let step = self.current();
        if let Some(task) = &step.task {
            let t = wrap(&format!("Task: {task}"), WIDTH);
            self.say_title(&t);
        }
    }

    fn run(mut self, editor: &mut LineEditor, history: &mut History) -> io::Result<()> {
        self.enter_step();
        let mut reader = Reader::default();
        let continued = Styled::new("... ", &self.palette);
        loop {
            if self.current().predict.is_some() {
                self.flush()?;
                let flow = self.predict_step(editor, &mut reader)?;
                if self.finish_flow(flow)? {
                    return Ok(());
                }
                continue;
            }
            self.flush()?;
            let prompt = Styled::new(
                &format!("[{}/{}] >>> ", self.step + 1, self.lesson.steps.len()),
                &self.palette,
            );
            let initial = self.solutions.pop_front();
            let (line, at_eof) = match reader
                .statement(editor, &prompt, &continued, initial.as_deref())
                .map_err(io::Error::other)?
            {
                Read::Line(l) => (l, false),
                Read::Interrupted | Read::NotUtf8 => continue,
                Read::Eof(Some(l)) => (l, true),
                Read::Eof(None) => (":quit".to_string(), true),
            };
            if line.trim().is_empty() {
                continue;
            }
            if !line.starts_with(':') {
                history.add(editor, &line, &self.palette);
            }
            let flow = self.handle(&line);
            if self.finish_flow(flow)? {
                return Ok(());
            }
            if at_eof {
                let flow = self.handle(":quit");
                self.finish_flow(flow)?;
                return Ok(());
            }
        }
    }

    /// Print what is pending; true when the lesson is over.
    fn finish_flow(&mut self, flow: Flow) -> io::Result<bool> {
        self.flush()?;
        Ok(flow != Flow::Continue)
    }

    fn handle(&mut self, line: &str) -> Flow {
        let action = action(line);
        if matches!(action, Action::Statement | Action::Unknown)
            && let Some(text) =
                self.teacher
                    .command(line, &mut self.session, &self.palette, terminal_width())
        {
            self.say(&text);
            return Flow::Continue;
        }
        match action {
            Action::Statement => return self.statement(line),
            Action::Show => {
                let step = self.current();
                self.say_title(&format!(
                    "Step {}/{}: {}",
                    self.step + 1,
                    self.lesson.steps.len(),
                    step.title
                ));
                self.say(&step.text);
                self.show_task();
            }
            Action::Hint => self.hint(),
            Action::Solution => {
                self.solutions = self
                    .current()
                    .solutions
                    .iter()
                    .map(|s| s.text.clone())
                    .collect();
                self.say_dim(
                    "The answer is on the input line: read it, edit it, press Enter to run it.",
                );
            }
            Action::Goal => self.goal(),
            Action::Skip => {
                let _no_writes = crate::eval::refuse_file_writes();
                for s in self.current().answer() {
                    let outcome = self.session.run(&s.text);
                    self.echo(&s.text, &outcome);
                }
                self.say_dim("Skipped: the step's answer was run for you.");
                return self.advance();
            }
            Action::Back => {
                if self.step == 0 {
                    self.say_dim("This is the first step.");
                } else {
                    self.step -= 1;
                    self.session = check::replay(self.lesson, self.step);
                    self.teacher.forget();
                    self.enter_step();
                }
            }
            Action::Reset => {
                self.session = check::replay(self.lesson, self.step);
                self.teacher.forget();
                self.say_dim("Your names are back as this step found them.");
                self.enter_step();
            }
            Action::Names => {
                let names = super::names(&self.session);
                self.say(&names);
            }
            Action::Help => self.say(HELP),
            Action::Quit => {
                let text = format!(
                    "Progress saved at step {} of {}. `slicelab lesson {}` resumes here.",
                    self.step + 1,
                    self.lesson.steps.len(),
                    self.lesson.name
                );
                self.say_dim(&text);
                return Flow::Quit;
            }
            Action::Unknown => {
                let e = self
                    .palette
                    .error(&format!("unknown command {}; type :help", line.trim()));
                self.say(&e);
            }
        }
        Flow::Continue
    }

    /// Run a learner's statement, then judge the step.
    fn statement(&mut self, line: &str) -> Flow {
        let (outcome, teaching) =
            self.teacher
                .run_and_render(&mut self.session, line, &self.palette, terminal_width());
        let shown = render_outcome(line, &outcome, &self.palette);
        self.out.push_str(&shown);
        self.out.push_str(&teaching);
        let lesson = self.lesson;
        let step = &lesson.steps[self.step];
        let holding = judge(&mut self.session, step)
            .iter()
            .filter(|j| j.passed())
            .count();
        if holding == step.checks.len() {
            let t = self.palette.prompt("✓ Step done.");
            self.say(&t);
            return self.advance();
        }
        let changed_state = matches!(
            outcome.stmt,
            Some(Stmt::Assign { .. } | Stmt::AugAssign { .. })
        );
        // In a task done in several statements, one that gets more checks
        // to hold is progress, not a miss.
        let progressed = holding > self.holding && step.solutions.len() > 1;
        self.holding = self.holding.max(holding);
        if (outcome.error.is_some() || changed_state) && !progressed {
            self.tries += 1;
        }
        if outcome.error.is_some() || changed_state {
            let status = format!("Not yet: {holding} of {} checks hold.", step.checks.len());
            if !progressed
                && self.tries.is_multiple_of(TRIES_PER_HINT)
                && self.hints_shown < step.hints.len()
            {
                self.say_dim(&format!("{status} Here is a hint:"));
                self.hint();
            } else if self.tries <= 1 {
                self.say_dim(&format!(
                    "{status} (:hint for a hint, :goal for the state the step wants)"
                ));
            } else {
                self.say_dim(&status);
            }
        }
        Flow::Continue
    }

    fn hint(&mut self) {
        let hints = &self.current().hints;
        if self.hints_shown >= hints.len() {
            self.say_dim("No more hints; :solution puts the answer on the input line.");
            return;
        }
        let label = match (self.hints_shown, hints.len()) {
            (0, n) if n > 1 => "a nudge",
            (1, 3) => "the rule",
            (i, n) if i + 1 == n && n > 1 => "a worked example",
            _ => "hint",
        };
        let text = format!(
            "Hint {}/{} ({label}): {}",
            self.hints_shown + 1,
            hints.len(),
            hints[self.hints_shown]
        );
        self.hints_shown += 1;
        self.say(&wrap(&text, WIDTH));
    }

    /// `:goal`: the names the step's checks read, as they are now and as
    /// the step's answer leaves them, side by side; then each check.
    fn goal(&mut self) {
        let step = self.current();
        let goal = check::replay(self.lesson, self.step + 1);
        let mut names: Vec<String> = Vec::new();
        for c in &step.checks {
            for n in predict::read_names(&c.text) {
                if !names.contains(&n) {
                    names.push(n);
                }
            }
        }
        if let Some(p) = &step.predict {
            names.extend(predict::read_names(&p.statement.text));
        }
        let shown = |s: &Session, n: &str| -> Option<String> {
            match s.binding(n)? {
                Value::Module(_) | Value::Function(_) | Value::Type(_) => None,
                v => Some(repr(v, &s.print_options)),
            }
        };
        let mut table = lesson_list::new_table(&self.palette);
        table.set_header(vec!["name", "yours now", "the goal"]);
        for n in &names {
            let (now, want) = (shown(&self.session, n), shown(&goal, n));
            if now.is_none() && want.is_none() {
                continue;
            }
            let unbound = || "(not bound)".to_string();
            table.add_row(vec![
                Cell::new(n),
                Cell::new(now.unwrap_or_else(unbound)),
                Cell::new(want.unwrap_or_else(unbound)),
            ]);
        }
        let mut text = format!("{table}\n");
        for j in judge(&mut self.session, step) {
            match &j.result {
                Ok(true) => text.push_str(&format!("  ✓ {}\n", visible_line(&j.check.text))),
                Ok(false) => text.push_str(&format!("  ✗ {}\n", visible_line(&j.check.text))),
                Err(e) => text.push_str(&format!(
                    "  ✗ {}  ({})\n",
                    visible_line(&j.check.text),
                    visible_line(&e.to_string())
                )),
            }
        }
        self.say(&text);
    }

    /// Move to the next step, or finish the lesson.
    fn advance(&mut self) -> Flow {
        self.step += 1;
        if self.step >= self.lesson.steps.len() {
            self.step = self.lesson.steps.len() - 1;
            self.save(Place {
                step: self.lesson.steps.len(),
                done: true,
            });
            let text = format!(
                "🎉 Lesson `{}` complete. `slicelab lesson` lists the others.",
                self.lesson.name
            );
            self.say_title(&text);
            return Flow::Finished;
        }
        self.enter_step();
        Flow::Continue
    }

    /// A predict step: ask each guess, run the statement, score.
    fn predict_step(&mut self, editor: &mut LineEditor, reader: &mut Reader) -> io::Result<Flow> {
        let Some(p) = self.current().predict.as_ref() else {
            return Ok(Flow::Continue);
        };
        let plain = Styled::new("", &self.palette);
        self.say_title(&format!(
            "Predict, then see. Before it runs:  >>> {}",
            visible_line(&p.statement.text)
        ));
        self.flush()?;
        let mut guesses: Vec<(Guess, String)> = Vec::new();
        for &g in &p.ask {
            let question = match g {
                Guess::Shape => "shape? (e.g. (2, 3), or () for a scalar) ",
                Guess::View => "VIEW or COPY? ",
                Guess::Values => "values? (a Python literal, e.g. [1, 2]) ",
            };
            let prompt = Styled::new(question, &self.palette);
            let line = loop {
                match reader
                    .statement(editor, &prompt, &plain, None)
                    .map_err(io::Error::other)?
                {
                    Read::Line(l) => break l,
                    Read::Interrupted | Read::NotUtf8 => continue,
                    Read::Eof(_) => break ":quit".to_string(),
                }
            };
            match action(&line) {
                Action::Quit => return Ok(self.handle(":quit")),
                Action::Skip | Action::Solution => break,
                Action::Statement => guesses.push((g, line)),
                _ => {
                    self.say_dim(
                        "Make your guess first (or :skip to see the answer, :quit to leave).",
                    );
                    self.flush()?;
                    guesses.push((g, String::new()));
                }
            }
        }
        let (outcome, truth) = predict::reveal(&mut self.session, &p.statement.text);
        self.echo(&p.statement.text, &outcome);
        if let Some(name) = &truth.target {
            let shown = self.session.run(name);
            self.echo(name, &shown);
        }
        let mut right = 0;
        for (g, guess) in &guesses {
            let (ok, line) = score(*g, guess, &truth);
            right += usize::from(ok);
            let mark = if ok {
                self.palette.prompt("✓")
            } else {
                self.palette.error("✗")
            };
            self.say(&format!("  {mark} {line}"));
        }
        if !guesses.is_empty() {
            self.say(&format!(
                "You predicted {right} of {} right.",
                guesses.len()
            ));
        }
        Ok(self.advance())
    }
}

/// One guess against the truth: whether it was right and a line saying so.
fn score(g: Guess, guess: &str, truth: &Truth) -> (bool, String) {
    let said = if guess.trim().is_empty() {
        "(no guess)"
    } else {
        guess.trim()
    };
    match g {
        Guess::Shape => {
            let actual = truth.shape.clone().unwrap_or_default();
            let shape = crate::engine::error::shape_tuple(&actual);
            (
                predict::parse_shape(guess) == Some(actual),
                format!("shape {shape} — you said {said}"),
            )
        }
        Guess::View => {
            let why = if truth.shares_with.is_empty() {
                "it shares no memory with what it reads".to_string()
            } else {
                format!("it shares memory with {}", truth.shares_with.join(", "))
            };
            let ok = predict::parse_verdict(guess) == Some(!truth.shares_with.is_empty());
            (ok, format!("{}: {why} — you said {said}", truth.verdict()))
        }
        Guess::Values => match predict::values_match(guess, truth) {
            Ok(ok) => (ok, format!("values — you said {said}")),
            Err(e) => (
                false,
                format!("values — your guess {said} did not evaluate ({e})"),
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_between_words_and_keeps_lines() {
        assert_eq!(wrap("aa bb cc", 5), "aa bb\ncc");
        assert_eq!(wrap("one\ntwo three", 7), "one\ntwo\nthree");
        assert_eq!(
            wrap("averyveryverylongword x", 5),
            "averyveryverylongword\nx"
        );
    }
}
