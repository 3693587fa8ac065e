//! Converts every page of `../tests/pages` with html2htpy, so that one build
//! of this crate compiles all the generated expressions.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

use html2htpy::{Options, convert};

/// The page converted again with the other options, to compile those forms too.
const OPTIONS_PAGE: &str = "starter.html";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = env::var("OUT_DIR")?;
    let pages_dir = Path::new(&env::var("CARGO_MANIFEST_DIR")?).join("../tests/pages");
    println!("cargo::rerun-if-changed={}", pages_dir.display());
    let mut names: Vec<String> = fs::read_dir(&pages_dir)?
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| Path::new(name).extension().is_some_and(|ext| ext == "html"))
        .collect();
    names.sort();
    let mut index = String::from(
        "/// Every page of `tests/pages`, converted.\npub static PAGES: &[Page] = &[\n",
    );
    let mut functions = String::new();
    for (i, name) in names.iter().enumerate() {
        let path = pages_dir.join(name).canonicalize()?;
        println!("cargo::rerun-if-changed={}", path.display());
        let html = fs::read_to_string(&path)?;
        let conversion = convert(&html, &Options::default());
        fs::write(
            Path::new(&out).join(format!("page_{i}.rs")),
            &conversion.code,
        )?;
        let warnings: Vec<String> = conversion
            .warnings
            .iter()
            .map(ToString::to_string)
            .collect();
        writeln!(
            index,
            "    Page {{ name: {name:?}, source: include_str!({path:?}), render: render_{i}, warnings: &{warnings:?} }},",
            path = path.display().to_string(),
        )?;
        writeln!(
            functions,
            "fn page_{i}() -> impl htpy::Render + 'static {{\n    include!(concat!(env!(\"OUT_DIR\"), \"/page_{i}.rs\"))\n}}\n\n\
             fn render_{i}() -> htpy::Result<String> {{\n    htpy::Render::render_to_string(page_{i}())\n}}\n"
        )?;
        if name == OPTIONS_PAGE {
            let options = Options {
                shorthand: false,
                short_names: true,
                function: Some("starter_with_options".to_owned()),
                indent: true,
            };
            fs::write(
                Path::new(&out).join("options.rs"),
                convert(&html, &options).code,
            )?;
            let one_line = Options {
                function: Some("starter_on_one_line".to_owned()),
                indent: false,
                ..Options::default()
            };
            fs::write(
                Path::new(&out).join("one_line.rs"),
                convert(&html, &one_line).code,
            )?;
        }
    }
    index.push_str("];\n");
    fs::write(Path::new(&out).join("pages.rs"), index + &functions)?;
    Ok(())
}
