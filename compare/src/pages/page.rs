use std::fmt;
use std::str::FromStr;

/// One of the pages of the comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Page {
    /// A 100×100 table of integers, as in the template-benchmarks suites.
    BigTable,
    /// A tiny page listing four football teams.
    Teams,
    /// Python htpy's own benchmark: a 50,000-row, one-column table.
    HtpyBench,
    /// A realistic page whose three sections wait for slow data sources.
    Dashboard,
}

impl Page {
    /// Every page, in the order they are reported.
    pub const ALL: [Page; 4] = [
        Page::BigTable,
        Page::Teams,
        Page::HtpyBench,
        Page::Dashboard,
    ];

    /// The page's name in tables, JSON and URLs.
    pub fn name(self) -> &'static str {
        match self {
            Page::BigTable => "big-table",
            Page::Teams => "teams",
            Page::HtpyBench => "htpy-bench",
            Page::Dashboard => "dashboard",
        }
    }

    /// The `id`s of the page's `<section>`s whose data arrives late, in
    /// document order: those `compare http` times one by one.
    pub fn sections(self) -> &'static [&'static str] {
        match self {
            Page::Dashboard => &["stats", "orders", "activity"],
            Page::BigTable | Page::Teams | Page::HtpyBench => &[],
        }
    }
}

impl fmt::Display for Page {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The error of parsing a [`Page`] from a name that is none of theirs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownPage(String);

impl fmt::Display for UnknownPage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown page {:?}", self.0)
    }
}

impl std::error::Error for UnknownPage {}

impl FromStr for Page {
    type Err = UnknownPage;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Page::ALL
            .into_iter()
            .find(|page| page.name() == name)
            .ok_or_else(|| UnknownPage(name.to_owned()))
    }
}
