//! Problems found while loading a bundle, and how they are printed.
//!
//! One vocabulary for the CLI (`claim-cards validate`), the browser console and
//! the widget's notice, so an editor sees the same sentence everywhere.

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something was not shown: an item was skipped, or the whole bundle.
    Error,
    /// Shown, but a value was dropped or replaced by its default.
    Warning,
}

/// Which list an item belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum List {
    Speakers,
    Sources,
    Claims,
}

impl List {
    pub fn as_str(self) -> &'static str {
        match self {
            List::Speakers => "speakers",
            List::Sources => "sources",
            List::Claims => "claims",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
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
        #[serde(skip_serializing_if = "Option::is_none")]
        id: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub severity: Severity,
    #[serde(flatten)]
    pub place: Place,
    /// The JSON key at fault, where there is one (`speaker`, `sources[1]`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub message: String,
}

impl Problem {
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

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// `claims[3] (id "c4"): error: speaker "nobody" is not defined`
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.location(), self.severity, self.message)
    }
}
