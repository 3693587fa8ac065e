//! `html2htpy [OPTIONS] [FILE]`: reads HTML from FILE (standard input when
//! absent) and writes the Rust source of one htpy expression that renders
//! the same page to standard output; what it cannot write exactly goes to
//! standard error.

use std::io::{Read as _, Write as _};
use std::process::ExitCode;

use html2htpy::{Options, convert};

const USAGE: &str = "\
usage: html2htpy [--no-shorthand] [--short-names] [--function NAME] [--one-line]
                 [--typed-depth N|all] [FILE]

Reads HTML from FILE (standard input when absent) and writes the Rust source
of one expression of type `impl htpy::Render + 'static` that renders the
same page.

options:
  --no-shorthand     write id and class as attributes, not as .sel(htpy::sel!(\"#id.class\"))
  --short-names      short names (div()) with a `use htpy::{...};` line, in a block
  --function NAME    wrap the expression in `fn NAME() -> impl htpy::Render { ... }`
  --one-line         write the expression on one line instead of indented lines
  --typed-depth N    type N elements deep before boxing the next into an htpy::Node
                     (8 by default); `all` types the whole page, no boxes
  -h, --help         show this help
";

/// What the command line asks for.
struct Args {
    options: Options,
    file: Option<String>,
}

fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Option<Args>, String> {
    let mut options = Options::default();
    let mut file = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--no-shorthand" => options.shorthand = false,
            "--short-names" => options.short_names = true,
            "--one-line" => options.indent = false,
            "--typed-depth" => {
                let depth = args.next().ok_or("--typed-depth needs N or `all`")?;
                options.typed_depth = match depth.as_str() {
                    "all" => usize::MAX,
                    n => n.parse().map_err(|_| {
                        format!("--typed-depth {depth:?}: not a number of elements or `all`")
                    })?,
                };
            }
            "--function" => {
                let name = args.next().ok_or("--function needs a NAME")?;
                if !is_identifier(&name) {
                    return Err(format!("--function {name:?}: not a Rust identifier"));
                }
                options.function = Some(name);
            }
            option if option.starts_with('-') && option != "-" => {
                return Err(format!("unknown option {option:?}"));
            }
            path if file.is_none() => file = Some(path.to_owned()),
            extra => return Err(format!("one FILE at most, and {extra:?} is a second")),
        }
    }
    Ok(Some(Args { options, file }))
}

/// Whether `name` can name a function: ASCII letters, digits and `_`, not
/// starting with a digit, and no keyword.
fn is_identifier(name: &str) -> bool {
    const KEYWORDS: &[&str] = &[
        "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum",
        "extern", "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod",
        "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super",
        "trait", "true", "type", "unsafe", "use", "where", "while", "abstract", "become", "box",
        "do", "final", "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
        "_",
    ];
    name.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !KEYWORDS.contains(&name)
}

fn read_input(file: Option<&str>) -> Result<String, String> {
    let mut bytes = Vec::new();
    let (name, read) = match file {
        None | Some("-") => ("standard input", std::io::stdin().read_to_end(&mut bytes)),
        Some(path) => (
            path,
            std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes)),
        ),
    };
    read.map_err(|error| format!("cannot read {name}: {error}"))?;
    String::from_utf8(bytes).map_err(|error| {
        format!(
            "{name} is not UTF-8 (byte {} is not valid): html2htpy reads UTF-8 only",
            error.utf8_error().valid_up_to()
        )
    })
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("html2htpy: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let html = match read_input(args.file.as_deref()) {
        Ok(html) => html,
        Err(message) => {
            eprintln!("html2htpy: {message}");
            return ExitCode::FAILURE;
        }
    };
    let conversion = convert(&html, &args.options);
    let source = args.file.as_deref().unwrap_or("standard input");
    for warning in &conversion.warnings {
        eprintln!("html2htpy: {source}: {warning}");
    }
    let mut stdout = std::io::stdout().lock();
    if let Err(error) = stdout
        .write_all(conversion.code.as_bytes())
        .and_then(|()| stdout.flush())
    {
        eprintln!("html2htpy: cannot write the code: {error}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
