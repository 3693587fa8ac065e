//! The machine a run was measured on, as the report shows it.

use std::fs;
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// What the figures of a run depend on besides the code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Machine {
    /// The processor's model name.
    pub cpu: String,
    /// The number of CPUs the process may use.
    pub cpus: usize,
    /// The total memory.
    pub memory: String,
    /// The operating system and its kernel.
    pub os: String,
    /// The Rust compiler on the `PATH`.
    pub rustc: String,
    /// When the run ended, as a UTC date and time.
    pub date: String,
    /// The load averages over 1, 5 and 15 minutes when the run ended: how
    /// busy the machine was besides the run.
    #[serde(default)]
    pub load: String,
    /// The binary that measured the run: its size and when it was linked,
    /// so that the report can tell runs of one build from runs of several
    /// (where the code lies moves the figures from one build to the next).
    /// `None` in runs kept before it was recorded, or where the system did
    /// not tell.
    #[serde(default)]
    pub build: Option<String>,
}

const UNKNOWN: &str = "unknown";

impl Machine {
    /// The machine this process runs on, now.
    pub fn current() -> Machine {
        let os_release = fs::read_to_string("/etc/os-release").unwrap_or_default();
        let os =
            field(&os_release, "PRETTY_NAME", '=').map(|name| name.trim_matches('"').to_owned());
        let kernel = fs::read_to_string("/proc/sys/kernel/osrelease").ok();
        Machine {
            cpu: cpu(&fs::read_to_string("/proc/cpuinfo").unwrap_or_default()),
            cpus: std::thread::available_parallelism().map_or(1, usize::from),
            memory: field(
                &fs::read_to_string("/proc/meminfo").unwrap_or_default(),
                "MemTotal",
                ':',
            )
            .and_then(|kb| kb.trim_end_matches(" kB").parse::<u64>().ok())
            .map_or_else(
                || UNKNOWN.to_owned(),
                |kb| format!("{} GiB", kb.div_ceil(1024 * 1024)),
            ),
            os: match (os, kernel) {
                (Some(os), Some(kernel)) => format!("{os}, Linux {}", kernel.trim()),
                (os, kernel) => os.or(kernel).unwrap_or_else(|| UNKNOWN.to_owned()),
            },
            rustc: Command::new("rustc")
                .arg("--version")
                .output()
                .ok()
                .and_then(|output| String::from_utf8(output.stdout).ok())
                .map_or_else(|| UNKNOWN.to_owned(), |version| version.trim().to_owned()),
            load: fs::read_to_string("/proc/loadavg").map_or_else(
                |_| UNKNOWN.to_owned(),
                |load| {
                    load.split_whitespace()
                        .take(3)
                        .collect::<Vec<_>>()
                        .join(", ")
                },
            ),
            date: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or_else(|_| UNKNOWN.to_owned(), |now| utc(now.as_secs())),
            build: build(),
        }
    }
}

/// The running binary, as [`Machine::build`] says it: its size and the
/// time it was linked.
fn build() -> Option<String> {
    let binary = std::env::current_exe().and_then(fs::metadata).ok()?;
    let linked = binary.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some(format!(
        "{} bytes, linked {}",
        binary.len(),
        utc(linked.as_secs())
    ))
}

impl Machine {
    /// The processor, as the name of a published report says it: its
    /// maker (`amd`, `intel` or `other`) and, where the run names them,
    /// its family and model (`intel-6-106`). One processor's figures do
    /// not stand for another's, even of the same maker (see the book's
    /// Performance chapter), so each keeps a report of its own. Numbers
    /// only: the name is part of a path, and runs are read from files.
    pub fn processor(&self) -> String {
        let maker = if self.cpu.starts_with("AMD") {
            "amd"
        } else if self.cpu.starts_with("Intel") {
            "intel"
        } else {
            "other"
        };
        let numbers = self
            .cpu
            .rsplit_once(" (family ")
            .and_then(|(_, rest)| rest.strip_suffix(')')?.split_once(", model "))
            .filter(|(family, model)| [family, model].iter().all(|n| is_number(n)));
        match numbers {
            Some((family, model)) => format!("{maker}-{family}-{model}"),
            None => maker.to_owned(),
        }
    }
}

/// Whether `text` is a number written in decimal digits.
fn is_number(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// The processor's model name, with its family and model numbers where
/// `/proc/cpuinfo` gives them: the name alone ("AMD EPYC" on some virtual
/// machines) can stand for processors of different generations, whose
/// figures differ.
fn cpu(cpuinfo: &str) -> String {
    let value = |key| field(cpuinfo, key, ':');
    let name = value("model name").unwrap_or(UNKNOWN);
    match (value("cpu family"), value("model")) {
        (Some(family), Some(model)) => format!("{name} (family {family}, model {model})"),
        _ => name.to_owned(),
    }
}

/// The value of `key` in `text`, lines of `key`, `separator`, value (spaces
/// around either side ignored): the first such line's.
fn field<'a>(text: &'a str, key: &str, separator: char) -> Option<&'a str> {
    text.lines().find_map(|line| {
        let (name, value) = line.split_once(separator)?;
        (name.trim() == key).then_some(value.trim())
    })
}

/// Seconds since the Unix epoch as `YYYY-MM-DD HH:MM UTC`.
fn utc(seconds: u64) -> String {
    let (days, seconds) = (seconds / 86_400, seconds % 86_400);
    // Howard Hinnant's days-to-civil, for days since 1970-01-01.
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        seconds / 3600,
        seconds % 3600 / 60
    )
}

#[cfg(test)]
mod tests {
    use super::{Machine, cpu, utc};

    #[test]
    fn cpu_names_its_family_and_model() {
        let cpuinfo = "processor\t: 0\nvendor_id\t: AuthenticAMD\ncpu family\t: 25\n\
                       model\t\t: 17\nmodel name\t: AMD EPYC\nstepping\t: 1\n";
        assert_eq!(cpu(cpuinfo), "AMD EPYC (family 25, model 17)");
        assert_eq!(cpu("model name\t: Some CPU\n"), "Some CPU");
        assert_eq!(cpu(""), "unknown");
    }

    #[test]
    fn a_processor_is_named_by_its_maker_family_and_model() {
        let machine = |cpu: &str| Machine {
            cpu: cpu.to_owned(),
            ..Machine::current()
        };
        assert_eq!(
            machine("AMD EPYC (family 25, model 17)").processor(),
            "amd-25-17"
        );
        assert_eq!(
            machine("Intel(R) Xeon(R) Processor @ 2.80GHz (family 6, model 106)").processor(),
            "intel-6-106"
        );
        assert_eq!(machine("Intel(R) Xeon(R) Processor").processor(), "intel");
        assert_eq!(machine("AMD (family ../x, model 1)").processor(), "amd");
        assert_eq!(machine("AMD (family 25, model )").processor(), "amd");
        assert_eq!(machine("unknown").processor(), "other");
    }

    #[test]
    fn utc_dates() {
        assert_eq!(utc(0), "1970-01-01 00:00 UTC");
        assert_eq!(utc(951_782_400), "2000-02-29 00:00 UTC");
        assert_eq!(
            utc(1_795_564_800 + 19 * 3600 + 42 * 60),
            "2026-11-25 19:42 UTC"
        );
    }
}
