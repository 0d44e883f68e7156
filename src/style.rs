//! Colour for the front ends and the teaching view, decided once per process.
//!
//! Every coloured piece of text goes through a [`Palette`]. When colour is
//! off the palette returns its input unchanged, so plain output never holds
//! an escape code. (owo-colors' `.red()` always emits ANSI, so the palette
//! checks its own flag rather than relying on the crate's detection.)

use std::io::IsTerminal;

use owo_colors::{OwoColorize, Style};

/// The colours the REPL uses, or none at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    enabled: bool,
}

impl Palette {
    /// A palette that colours (`true`) or leaves text plain (`false`).
    pub fn new(enabled: bool) -> Palette {
        Palette { enabled }
    }

    /// Decide colour for this process: off when `no_color_flag` is set,
    /// when `NO_COLOR` is set to a non-empty value, or when stdout is not a
    /// terminal.
    pub fn detect(no_color_flag: bool) -> Palette {
        let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Palette::new(!no_color_flag && !no_color_env && std::io::stdout().is_terminal())
    }

    /// Whether this palette colours anything.
    pub fn enabled(&self) -> bool {
        self.enabled
    }

    fn paint(&self, text: &str, style: Style) -> String {
        if self.enabled {
            text.style(style).to_string()
        } else {
            text.to_string()
        }
    }

    /// An error line (`Kind: message`): red.
    pub fn error(&self, text: &str) -> String {
        self.paint(text, Style::new().red())
    }

    /// The caret under a syntax error: bold red.
    pub fn caret(&self, text: &str) -> String {
        self.paint(text, Style::new().red().bold())
    }

    /// The prompt (`>>> `, `... `): bold green.
    pub fn prompt(&self, text: &str) -> String {
        self.paint(text, Style::new().green().bold())
    }

    /// A number literal as you type: cyan.
    pub fn number(&self, text: &str) -> String {
        self.paint(text, Style::new().cyan())
    }

    /// A string literal as you type: yellow.
    pub fn string(&self, text: &str) -> String {
        self.paint(text, Style::new().yellow())
    }

    /// A NumPy function or constant (`np.arange`) as you type: blue.
    pub fn function(&self, text: &str) -> String {
        self.paint(text, Style::new().blue())
    }

    /// A Python keyword or constant (`True`, `None`, `import`): magenta.
    pub fn keyword(&self, text: &str) -> String {
        self.paint(text, Style::new().magenta())
    }

    /// A name bound in the session: bold.
    pub fn name(&self, text: &str) -> String {
        self.paint(text, Style::new().bold())
    }

    /// The bracket matching the one at the cursor: bold on a dark
    /// background, so the pair stands out.
    pub fn bracket_match(&self, text: &str) -> String {
        self.paint(text, Style::new().bold().green().reversed())
    }

    /// Secondary text (banner, help, warnings): dimmed.
    pub fn dim(&self, text: &str) -> String {
        self.paint(text, Style::new().dimmed())
    }

    /// A diagram mark for layer `slot`: 0 is the result (black on yellow),
    /// then one colour per other name sharing the buffer.
    pub fn layer(&self, text: &str, slot: usize) -> String {
        let style = match slot {
            0 => Style::new().black().on_yellow().bold(),
            1 => Style::new().cyan().bold(),
            2 => Style::new().magenta().bold(),
            3 => Style::new().green().bold(),
            4 => Style::new().blue().bold(),
            _ => Style::new().red().bold(),
        };
        self.paint(text, style)
    }

    /// A verdict word: VIEW yellow, COPY and NEW green, ALIAS magenta.
    pub fn verdict(&self, word: &str) -> String {
        let style = match word {
            "VIEW" | "EMPTY" => Style::new().yellow().bold(),
            "ALIAS" => Style::new().magenta().bold(),
            _ => Style::new().green().bold(),
        };
        self.paint(word, style)
    }

    /// A mutation alert: bold red.
    pub fn alert(&self, text: &str) -> String {
        self.paint(text, Style::new().red().bold())
    }

    /// A name or heading in teaching text: bold.
    pub fn strong(&self, text: &str) -> String {
        self.paint(text, Style::new().bold())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn off_means_no_escapes() {
        let p = Palette::new(false);
        for s in [p.error("E"), p.caret("^"), p.prompt(">>> "), p.dim("d")] {
            assert!(!s.contains('\x1b'), "{s:?}");
        }
    }

    #[test]
    fn on_colours_errors_red() {
        let p = Palette::new(true);
        assert!(p.error("ValueError: x").starts_with("\x1b[31m"));
        assert!(p.error("x").ends_with("\x1b[0m") || p.error("x").ends_with("\x1b[39m"));
    }
}

/// Greedy word wrap of each line of `text` to `width` columns, keeping the
/// author's line breaks; a word longer than a line stays whole (a name or
/// an expression is never cut). Lesson prose, tutor remarks, verdict
/// explanations and the `:vars` footer all wrap through here.
pub fn wrap(text: &str, width: usize) -> String {
    let options = textwrap::Options::new(width.max(1)).break_words(false);
    text.lines()
        .map(|line| textwrap::fill(line, &options))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod wrap_tests {
    use super::wrap;

    #[test]
    fn wrap_breaks_between_words_and_keeps_lines() {
        assert_eq!(wrap("aa bb cc", 5), "aa bb\ncc");
        assert_eq!(wrap("one\ntwo three", 7), "one\ntwo\nthree");
        assert_eq!(
            wrap("averyveryverylongword x", 5),
            "averyveryverylongword\nx"
        );
        assert_eq!(wrap("", 5), "");
    }
}
