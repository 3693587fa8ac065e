//! Converts every page of `../tests/pages` with html2htpy, so that one build
//! of this crate compiles all the generated expressions.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

use html2htpy::{Options, convert};

/// The pages converted again with the other options, to compile and
/// render those forms too: boxes, custom elements, scripts and styles.
const OTHER_FORMS: [&str; 2] = ["deep.html", "starter.html"];

/// Pages converted again with every element typed (no `htpy::Node` boxes
/// but where an element has more than 16 children): two real documentation
/// pages and the catalogue, 3,599 elements in one expression, written as
/// typed trees, to render through every renderer.
const TYPED_PAGES: [&str; 3] = [
    "catalogue.html",
    "mdbook-documentation-tests.html",
    "rustdoc-is-x86-feature-detected.html",
];

/// The other options: short names, explicit id and class, and a function
/// around the expression; then all on one line.
fn other_options(function: String) -> [Options; 2] {
    [
        Options {
            shorthand: false,
            short_names: true,
            function: Some(function.clone()),
            indent: true,
            ..Options::default()
        },
        Options {
            function: Some(function),
            indent: false,
            ..Options::default()
        },
    ]
}

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
    let mut visits = String::new();
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
        let typed = if TYPED_PAGES.contains(&name.as_str()) {
            let options = Options {
                typed_depth: usize::MAX,
                ..Options::default()
            };
            let file = format!("typed_{i}.rs");
            fs::write(Path::new(&out).join(&file), convert(&html, &options).code)?;
            writeln!(
                functions,
                "fn typed_{i}() -> impl htpy::Render + 'static {{\n    \
                 include!(concat!(env!(\"OUT_DIR\"), \"/{file}\"))\n}}\n\n\
                 fn typed_renderers_{i}() -> Renders {{\n    every_renderer(typed_{i})\n}}\n"
            )?;
            writeln!(visits, "    visit.page({name:?}, typed_{i});")?;
            format!("Some(typed_renderers_{i})")
        } else {
            "None".to_owned()
        };
        let mut forms = Vec::new();
        if OTHER_FORMS.contains(&name.as_str()) {
            for (k, options) in other_options(format!("form_{i}")).iter().enumerate() {
                let file = format!("form_{i}_{k}.rs");
                fs::write(Path::new(&out).join(&file), convert(&html, options).code)?;
                writeln!(
                    functions,
                    "mod form_{i}_{k} {{\n    include!(concat!(env!(\"OUT_DIR\"), \"/{file}\"));\n\n    \
                     pub(crate) fn render() -> htpy::Result<String> {{\n        \
                     htpy::Render::render_to_string(form_{i}())\n    }}\n}}\n"
                )?;
                forms.push(format!("form_{i}_{k}::render"));
            }
        }
        writeln!(
            index,
            "    Page {{ name: {name:?}, source: include_str!({path:?}), render: render_{i}, \
             renderers: renderers_{i}, typed: {typed}, other_forms: &[{forms}], \
             warnings: &{warnings:?} }},",
            path = path.display().to_string(),
            forms = forms.join(", "),
        )?;
        writeln!(
            functions,
            "fn page_{i}() -> impl htpy::Render + 'static {{\n    \
             include!(concat!(env!(\"OUT_DIR\"), \"/page_{i}.rs\"))\n}}\n\n\
             fn render_{i}() -> htpy::Result<String> {{\n    htpy::Render::render_to_string(page_{i}())\n}}\n\n\
             fn renderers_{i}() -> Renders {{\n    every_renderer(page_{i})\n}}\n"
        )?;
    }
    index.push_str("];\n");
    functions.push_str(
        "/// Visits the real pages written as typed trees, each with the \
         function that builds it.\npub fn visit_typed_pages(visit: &mut impl TypedVisit) {\n",
    );
    functions.push_str(&visits);
    functions.push_str("}\n");
    fs::write(Path::new(&out).join("pages.rs"), index + &functions)?;
    Ok(())
}
