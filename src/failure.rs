//! Why a bundle cannot be shown: what the dataset reports and the interface
//! words for (below both, so that neither imports the other).

/// Why a bundle cannot be shown. The reader is told this, in their language
/// (`Strings::failure`); the page's owner gets the details (`reasons`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The page does not load bundles from this origin (its `bundle-origins`).
    Refused(String),
    /// The browser is offline.
    Offline,
    /// No answer: the server is down or unreachable, or does not let this page
    /// load the bundle (CORS) — the browser does not say which.
    Unreachable,
    /// The server answered with an error status.
    Status(u16),
    /// A web page came instead of a bundle (an error page or a login wall
    /// served as 200).
    NotABundle,
    /// Larger than the loader's limit (`load::limits::BUNDLE_BYTES`).
    TooLarge,
    /// The download broke off before the end.
    Interrupted,
    /// Not a bundle this widget can read (the loader's problems say why).
    Unreadable,
    /// The element has neither a `src` nor an inline bundle: nothing to load.
    NoBundle,
}

impl Failure {
    /// One of each kind (the values inside are placeholders): for the
    /// element's vocabulary (`element::error_reasons`).
    pub const ALL: [Failure; 9] = [
        Failure::Refused(String::new()),
        Failure::Offline,
        Failure::Unreachable,
        Failure::Status(0),
        Failure::NotABundle,
        Failure::TooLarge,
        Failure::Interrupted,
        Failure::Unreadable,
        Failure::NoBundle,
    ];

    /// What the reason means, for the host's developer (the manifest, the types).
    pub fn describe(&self) -> &'static str {
        match self {
            Failure::Refused(_) => "`src` is not among `bundle-origins`: nothing was fetched.",
            Failure::Offline => "The browser is offline.",
            Failure::Unreachable => "No answer: the server is down, or does not let this page load the bundle (CORS).",
            Failure::Status(_) => "The server answered with an error status (`status`).",
            Failure::NotABundle => "A web page came instead of a bundle.",
            Failure::TooLarge => "The bundle is larger than the widget reads.",
            Failure::Interrupted => "The download broke off.",
            Failure::Unreadable => "Not a bundle this widget reads (`problems` says why).",
            Failure::NoBundle => "The element has neither `src` nor an inline bundle.",
        }
    }

    /// The reason as `claimcards:error` gives it.
    pub fn code(&self) -> &'static str {
        match self {
            Failure::Refused(_) => "refused",
            Failure::Offline => "offline",
            Failure::Unreachable => "unreachable",
            Failure::Status(_) => "http",
            Failure::NotABundle => "not-a-bundle",
            Failure::TooLarge => "too-large",
            Failure::Interrupted => "interrupted",
            Failure::Unreadable => "unreadable",
            Failure::NoBundle => "no-bundle",
        }
    }
}
