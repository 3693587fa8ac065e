use std::sync::LazyLock;

use serde::Serialize;

/// The teams page: a season's league table, the champion first (212 bytes).
#[derive(Debug, Serialize)]
pub struct Teams {
    /// The season.
    pub year: u16,
    /// The teams, best first; the first one is the champion.
    pub teams: Vec<Team>,
}

/// One team of [`Teams`].
#[derive(Debug, Serialize)]
pub struct Team {
    /// The team's name.
    pub name: &'static str,
    /// The team's points.
    pub score: u16,
}

impl Teams {
    /// The shared instance every engine renders.
    pub fn get() -> &'static Teams {
        static TEAMS: LazyLock<Teams> = LazyLock::new(|| Teams {
            year: 2015,
            teams: [
                ("Jiangsu", 43),
                ("Beijing", 27),
                ("Guangzhou", 22),
                ("Shandong", 12),
            ]
            .into_iter()
            .map(|(name, score)| Team { name, score })
            .collect(),
        });
        &TEAMS
    }
}
