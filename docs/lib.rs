//! The htpy for Rust book (`docs/src`), one module per page, so that
//! `cargo test -p htpy-docs --doc` compiles and runs every Rust block of the
//! site. Build the site itself with `mdbook build docs`.

#![doc(test(attr(deny(warnings))))]

macro_rules! pages {
    ($($module:ident => $file:literal,)*) => {$(
        #[doc = include_str!($file)]
        pub mod $module {}
    )*};
}

pages! {
    readme => "../README.md",
    introduction => "src/index.md",
    tutorial => "src/tutorial.md",
    getting_started => "src/getting-started.md",
    elements => "src/elements.md",
    children => "src/children.md",
    lazy => "src/lazy.md",
    components => "src/components.md",
    contexts => "src/contexts.md",
    asynchronous => "src/async.md",
    streaming => "src/streaming.md",
    slow_sections => "src/slow-sections.md",
    actix => "src/actix.md",
    axum => "src/axum.md",
    errors => "src/errors.md",
    converting_html => "src/converting-html.md",
    performance => "src/performance.md",
    from_python => "src/from-python.md",
    from_maud_askama => "src/from-maud-askama.md",
    divergences => "src/divergences.md",
}
