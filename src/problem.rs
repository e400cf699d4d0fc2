//! Problems found while loading a bundle, and how they are printed.
//!
//! One vocabulary for the CLI (`claim-cards validate`), the browser console and
//! the widget's notice, so an editor sees the same sentence everywhere.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// Something was not shown: an item was skipped, or the whole bundle.
    Error,
    /// Shown, but a value was dropped or replaced by its default.
    Warning,
}

impl Severity {
    pub const ALL: [Severity; 2] = [Severity::Error, Severity::Warning];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// Which list an item belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Speakers,
    Sources,
    Claims,
    /// The bundle's `topics` labels (format 1.1).
    Topics,
}

impl List {
    pub fn as_str(self) -> &'static str {
        match self {
            List::Speakers => "speakers",
            List::Sources => "sources",
            List::Claims => "claims",
            List::Topics => "topics",
        }
    }

    /// What one item of the list is called in a message.
    pub fn singular(self) -> &'static str {
        match self {
            List::Speakers => "speaker",
            List::Sources => "source",
            List::Claims => "claim",
            List::Topics => "topic",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A JSON syntax error (1-based line and column).
    Syntax {
        line: usize,
        column: usize,
    },
    /// The top level of the bundle.
    Bundle,
    Article,
    Item {
        list: List,
        index: usize,
        id: Option<String>,
    },
}

impl Place {
    /// Every [`Place::kind`], in the order of the variants.
    pub const KINDS: [&'static str; 4] = ["syntax", "bundle", "article", "item"];

    /// What kind of place it is, as the machine-readable form says (`kind`).
    pub fn kind(&self) -> &'static str {
        let i = match self {
            Place::Syntax { .. } => 0,
            Place::Bundle => 1,
            Place::Article => 2,
            Place::Item { .. } => 3,
        };
        Place::KINDS[i]
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub place: Place,
    /// The JSON key at fault, where there is one (`speaker`, `sources[1]`, ...).
    pub field: Option<String>,
    pub message: String,
}

impl Problem {
    pub fn new(severity: Severity, place: Place, field: Option<&str>, message: String) -> Problem {
        Problem { severity, place, field: field.map(str::to_owned), message }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The location part of a report line, without the file name:
    /// `3:14`, `claims[3] (id "c4")`, `article`, `bundle`.
    pub fn location(&self) -> String {
        match &self.place {
            Place::Syntax { line, column } => format!("{line}:{column}"),
            Place::Bundle => "bundle".to_owned(),
            Place::Article => "article".to_owned(),
            Place::Item { list, index, id: Some(id) } => {
                format!("{}[{index}] (id \"{id}\")", list.as_str())
            }
            Place::Item { list, index, id: None } => format!("{}[{index}]", list.as_str()),
        }
    }
}

/// A value in a problem's machine-readable form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar<'a> {
    Text(&'a str),
    Number(usize),
}

impl Problem {
    /// The problem's machine-readable form, as `claim-cards validate --json`
    /// prints it and the embed's `claimcards:error` event carries it: `each`
    /// gets its members in order, absent ones left out. The one definition of
    /// that shape.
    pub fn fields<'a>(&'a self, mut each: impl FnMut(&'static str, Scalar<'a>)) {
        use Scalar::{Number, Text};
        each("severity", Text(self.severity.as_str()));
        each("kind", Text(self.place.kind()));
        match &self.place {
            Place::Syntax { line, column } => {
                each("line", Number(*line));
                each("column", Number(*column));
            }
            Place::Bundle | Place::Article => {}
            Place::Item { list, index, id } => {
                each("list", Text(list.as_str()));
                each("index", Number(*index));
                if let Some(id) = id {
                    each("id", Text(id));
                }
            }
        }
        if let Some(field) = &self.field {
            each("field", Text(field));
        }
        each("message", Text(&self.message));
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `claims[3] (id "c4"): error: speaker "nobody" is not defined`
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.location(), self.severity, self.message)
    }
}
