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
use crate::eval::{Outcome, Session, Value};
use crate::lesson::check::{self, judge};
use crate::lesson::predict::{self, Answer, Truth};
use crate::lesson::progress::{self, Place, Store};
use crate::lesson::{Catalog, Guess, Lesson, Step, catalog};
use crate::render::visible::visible_line;
use crate::style::wrap;
use crate::syntax::ast::{ExprKind, Stmt};
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

/// How many wrong tries before the next hint comes by itself.
const TRIES_PER_HINT: usize = 2;

/// `:lesson [NAME]` at the plain prompt: the list, or the lesson itself
/// (with its own names; the prompt's names are untouched while it runs).
/// Returns the lesson's session when the learner finished it, so the
/// prompt can carry on with its names.
pub(crate) fn from_prompt(
    editor: &mut LineEditor,
    history: &mut History,
    name: Option<String>,
    palette: &Palette,
) -> io::Result<Option<Session>> {
    let catalog = catalog();
    let mut store = open_store(palette);
    let finished = match name {
        None => {
            print!(
                "{}",
                lesson_list::render(&catalog, &store.progress, palette)
            );
            None
        }
        Some(name) => match catalog.find(&name) {
            Some(lesson) => Tutor::new(lesson, &mut store, *palette).run(editor, history)?,
            None => {
                print!("{}", unknown(&catalog, &name, palette));
                None
            }
        },
    };
    io::stdout().flush()?;
    Ok(finished)
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
    if let Some(session) = Tutor::new(lesson, store, *palette).run(&mut editor, &mut history)? {
        super::run_with(*palette, session)?;
    }
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
    /// The task's checks hold and it asked the learner to look at
    /// something: the next statement is theirs to look with (or Enter).
    looking: bool,
    stats: Stats,
    out: String,
}

/// How one sitting of a lesson went, for the summary at its end.
#[derive(Debug, Default)]
struct Stats {
    tasks: usize,
    tasks_first_try: usize,
    predictions_asked: usize,
    predictions_right: usize,
    hints: usize,
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
            looking: false,
            stats: Stats::default(),
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

    /// Tutor's remarks, wrapped so a long one does not break mid-word at
    /// the terminal's edge.
    fn say_dim(&mut self, text: &str) {
        let t = self.palette.dim(&wrap(text, WIDTH));
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
    /// A statement over several lines (a `def`) is shown as Python's
    /// prompt shows it, its further lines after `... `.
    fn echo(&mut self, line: &str, outcome: &crate::eval::Outcome) {
        for (i, l) in line.lines().enumerate() {
            let prompt = if i == 0 { ">>> " } else { "... " };
            let shown = format!("{}{}\n", self.palette.prompt(prompt), visible_line(l));
            self.out.push_str(&shown);
        }
        let shown = render_outcome(line, outcome, &self.palette);
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
        self.looking = false;
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

    /// Play the lesson; the learner's session when they finished it (they
    /// carry on at the prompt with its names), `None` when they quit.
    fn run(
        mut self,
        editor: &mut LineEditor,
        history: &mut History,
    ) -> io::Result<Option<Session>> {
        self.enter_step();
        let mut reader = Reader::default();
        let continued = Styled::new("... ", &self.palette);
        loop {
            if self.current().predict.is_some() {
                self.flush()?;
                let flow = self.predict_step(editor, &mut reader)?;
                if self.finish_flow(&flow)? {
                    return Ok(self.ended(flow));
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
                if self.looking {
                    let flow = self.advance();
                    if self.finish_flow(&flow)? {
                        return Ok(self.ended(flow));
                    }
                }
                continue;
            }
            if !line.starts_with(':') {
                history.add(editor, &line, &self.palette);
            }
            let flow = self.handle(&line);
            if self.finish_flow(&flow)? {
                return Ok(self.ended(flow));
            }
            if at_eof {
                let flow = self.handle(":quit");
                self.finish_flow(&flow)?;
                return Ok(self.ended(flow));
            }
        }
    }

    /// Print what is pending; true when the lesson is over.
    fn finish_flow(&mut self, flow: &Flow) -> io::Result<bool> {
        self.flush()?;
        Ok(*flow != Flow::Continue)
    }

    /// The session to carry on with, when the lesson was finished.
    fn ended(self, flow: Flow) -> Option<Session> {
        (flow == Flow::Finished).then_some(self.session)
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
            Action::Quit if self.looking => {
                // The task was done; only the look was left.
                self.looking = false;
                if self.advance() == Flow::Finished {
                    return Flow::Finished;
                }
                return self.handle(line);
            }
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
        let lesson = self.lesson;
        let step = &lesson.steps[self.step];
        // Which names were arrays before, to tell a rebinding (`e = 0`)
        // from a write (`e[:] = 0`).
        let arrays_before: Vec<(String, Value)> = self
            .session
            .names()
            .into_iter()
            .filter(|(_, v)| matches!(v, Value::Array(_)))
            .collect();
        let (outcome, teaching) =
            self.teacher
                .run_and_render(&mut self.session, line, &self.palette, terminal_width());
        let shown = render_outcome(line, &outcome, &self.palette);
        self.out.push_str(&shown);
        self.out.push_str(&teaching);
        if self.looking {
            // The look the task asked for: shown, and the lesson goes on.
            return self.advance();
        }
        let judged = judge(&mut self.session, step);
        let holding = judged.iter().filter(|j| j.passed()).count();
        let first_failing = judged.iter().find(|j| !j.passed()).map(|j| j.check.clone());
        if holding == step.checks.len() {
            self.stats.tasks += 1;
            self.stats.tasks_first_try += usize::from(self.tries == 0);
            let t = self.palette.prompt("✓ Step done.");
            self.say(&t);
            if !step.explain.is_empty() {
                self.say(&wrap(&step.explain, WIDTH));
            }
            let looked = matches!(outcome.stmt, Some(Stmt::Expr(_)));
            if let Some(look) = step.looks().first()
                && !looked
            {
                self.looking = true;
                self.say_dim(&format!(
                    "Now look, as the task says (e.g. `{}`), or press Enter to go on.",
                    look.text
                ));
                return Flow::Continue;
            }
            return self.advance();
        }
        let changed_state = self.teacher.last_changed(&self.session);
        // In a task done in several statements, one that gets more checks
        // to hold is progress, not a miss.
        let progressed = holding > self.holding && step.solutions.len() > 1;
        self.holding = self.holding.max(holding);
        if (outcome.error.is_some() || changed_state) && !progressed {
            self.tries += 1;
        }
        if let Some(name) = self.rebound(&outcome, &arrays_before) {
            let called = matches!(
                &outcome.stmt,
                Some(Stmt::Assign { value, .. }) if matches!(value.kind, ExprKind::Call { .. })
            );
            let text = if called && matches!(self.session.binding(&name), Some(Value::None)) {
                // `train = normalize(train)`: the call wrote in place and
                // returned None, which the assignment bound.
                format!(
                    "The call returned None, so `{name}` now names None. A function that \
                     changes its argument in place returns nothing: call it on its own \
                     line. (:undo takes this statement back.)"
                )
            } else {
                format!(
                    "`{name} = ...` made the name `{name}` stand for a new value; the array \
                     it named is unchanged. To change that array's elements in place, assign \
                     through an index: `{name}[...] = ...`."
                )
            };
            self.say_dim(&text);
        }
        if outcome.error.is_some() || changed_state {
            let status = match first_failing.as_ref().and_then(|c| c.note.clone()) {
                Some(note) => format!("Not yet: {note}."),
                None => format!("Not yet: {holding} of {} checks hold.", step.checks.len()),
            };
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

    /// The name a plain `name = value` statement rebound from an array
    /// to something that is not an array (`e = 0`
    /// where `e[:] = 0` was meant), if it did.
    fn rebound(&self, outcome: &Outcome, before: &[(String, Value)]) -> Option<String> {
        let Some(Stmt::Assign { targets, .. }) = &outcome.stmt else {
            return None;
        };
        let [target] = targets.as_slice() else {
            return None;
        };
        let ExprKind::Name(name) = &target.kind else {
            return None;
        };
        let (_, old) = before.iter().find(|(n, _)| n == name)?;
        let now = self.session.binding(name)?;
        let still_array = matches!(now, Value::Array(_));
        (outcome.error.is_none() && !now.is(old) && !still_array).then(|| name.clone())
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
        self.stats.hints += 1;
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
            let text = format!("🎉 Lesson `{}` complete.", self.lesson.name);
            self.say_title(&text);
            let summary = self.summary();
            self.say(&summary);
            return Flow::Finished;
        }
        self.enter_step();
        Flow::Continue
    }

    /// What the learner did in this sitting, and what to do next.
    fn summary(&self) -> String {
        let s = &self.stats;
        let mut lines = Vec::new();
        if s.tasks > 0 {
            lines.push(format!(
                "  tasks done first try: {} of {}",
                s.tasks_first_try, s.tasks
            ));
        }
        if s.predictions_asked > 0 {
            lines.push(format!(
                "  predictions right:    {} of {}",
                s.predictions_right, s.predictions_asked
            ));
        }
        lines.push(format!("  hints used:           {}", s.hints));
        let mut text = lines.join("\n") + "\n";
        let catalog = catalog();
        let next = next_lesson(&catalog, &self.store.progress, &self.lesson.name);
        text.push_str(&self.palette.dim(&match next {
            Some(name) => format!(
                "Next: `:lesson {name}`. Your names from this lesson stay bound; :quit leaves.\n"
            ),
            None => {
                "You have finished every lesson. Your names stay bound; :quit leaves.\n".to_string()
            }
        }));
        text
    }

    /// A predict step: ask each question until it gets an answer of its
    /// kind, run the statement through the teaching view, score, and then
    /// explain. Commands typed at a question do what they say and the
    /// question is asked again, so no guess is spent on them.
    fn predict_step(&mut self, editor: &mut LineEditor, reader: &mut Reader) -> io::Result<Flow> {
        let Some(p) = self.current().predict.as_ref() else {
            return Ok(Flow::Continue);
        };
        let step_at = self.step;
        let plain = Styled::new("", &self.palette);
        self.say_title(&format!(
            "Predict, then see. Before it runs:  >>> {}",
            visible_line(&p.statement.text)
        ));
        self.flush()?;
        let mut answers: Vec<(Guess, String, Option<Answer>)> = Vec::new();
        'questions: for &g in &p.ask {
            let question = match g {
                Guess::Shape => "shape? (e.g. (2, 3), or () for a scalar) ",
                Guess::View => "VIEW or COPY? ",
                Guess::Values => "value? (as Python writes it, e.g. [1, 2], 7 or True) ",
            };
            let prompt = Styled::new(question, &self.palette);
            loop {
                let line = match reader
                    .statement(editor, &prompt, &plain, None)
                    .map_err(io::Error::other)?
                {
                    Read::Line(l) => l,
                    Read::Interrupted | Read::NotUtf8 => continue,
                    Read::Eof(_) => ":quit".to_string(),
                };
                match action(&line) {
                    Action::Quit => return Ok(self.handle(":quit")),
                    Action::Skip | Action::Solution => {
                        answers.push((g, String::new(), None));
                        break 'questions;
                    }
                    Action::Statement if line.trim().is_empty() => continue,
                    Action::Statement => {
                        match predict::read_answer(&mut self.session, g, &line, &p.statement.text) {
                            Ok(a) => {
                                answers.push((g, line, Some(a)));
                                break;
                            }
                            Err(why) => self.say_dim(&why),
                        }
                    }
                    _ => {
                        let flow = self.handle(&line);
                        if flow != Flow::Continue || self.step != step_at {
                            // `:back` or `:reset` left this question.
                            return Ok(flow);
                        }
                    }
                }
                self.flush()?;
            }
        }
        let mut teaching = String::new();
        let (outcome, truth) = {
            let (teacher, palette) = (&mut self.teacher, &self.palette);
            predict::reveal_with(&mut self.session, &p.statement.text, |s, line| {
                let (outcome, text) = teacher.run_and_render(s, line, palette, terminal_width());
                teaching = text;
                outcome
            })
        };
        self.echo(&p.statement.text, &outcome);
        self.out.push_str(&teaching);
        if let Some(name) = &truth.target {
            let shown = self.session.run(name);
            self.echo(name, &shown);
        }
        let mut right = 0;
        let mut asked = 0;
        for (g, typed, answer) in &answers {
            let ok = answer
                .as_ref()
                .is_some_and(|a| predict::answer_is_right(a, &truth));
            asked += usize::from(answer.is_some());
            right += usize::from(ok);
            let mark = if ok {
                self.palette.prompt("✓")
            } else {
                self.palette.error("✗")
            };
            self.say(&format!("  {mark} {}", score_line(*g, typed, &truth)));
        }
        self.stats.predictions_asked += asked;
        self.stats.predictions_right += right;
        if asked > 0 {
            self.say(&format!("You predicted {right} of {asked} right."));
        }
        let explain = self.current().explain.clone();
        if !explain.is_empty() {
            let why = if right < asked {
                format!("Why: {explain}")
            } else {
                explain
            };
            self.say(&wrap(&why, WIDTH));
        }
        Ok(self.advance())
    }
}

/// The lesson after `current` in the catalog's order that is not done yet
/// (wrapping round), if any.
fn next_lesson(catalog: &Catalog, progress: &progress::Progress, current: &str) -> Option<String> {
    let names: Vec<&str> = catalog.lessons.iter().map(|l| l.name.as_str()).collect();
    let at = names.iter().position(|n| *n == current).unwrap_or(0);
    (1..names.len())
        .map(|k| names[(at + k) % names.len()])
        .find(|n| !progress.lessons.get(*n).is_some_and(|p| p.done))
        .map(str::to_string)
}

/// What one guess was against the truth, in a line.
fn score_line(g: Guess, typed: &str, truth: &Truth) -> String {
    let said = if typed.trim().is_empty() {
        "(no guess)"
    } else {
        typed.trim()
    };
    match g {
        Guess::Shape => {
            let actual = truth.shape.clone().unwrap_or_default();
            let shape = crate::engine::error::shape_tuple(&actual);
            format!("shape {shape} — you said {said}")
        }
        Guess::View => {
            let why = if truth.shares_with.is_empty() {
                "it shares no memory with what it reads".to_string()
            } else {
                format!("it shares memory with {}", truth.shares_with.join(", "))
            };
            format!("{}: {why} — you said {said}", truth.verdict())
        }
        Guess::Values => format!("values — you said {said}"),
    }
}
