//! The `html2htpy` command: input from a file or standard input, code on
//! standard output, problems on standard error.

use std::io::Write as _;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_html2htpy"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap()
}

#[test]
fn reads_standard_input() {
    let out = run(&[], b"<p class=x>a &amp; b</p>");
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout),
        "htpy::p().sel(htpy::sel!(\".x\")).children(\"a & b\")\n"
    );
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn reads_a_file_with_options() {
    let path = std::env::temp_dir().join(format!("html2htpy-cli-{}.html", std::process::id()));
    std::fs::write(&path, "<!doctype html><title>T</title><p id=a class=b>x").unwrap();
    let out = run(
        &[
            "--no-shorthand",
            "--short-names",
            "--one-line",
            "--function",
            "page",
            path.to_str().unwrap(),
        ],
        b"",
    );
    std::fs::remove_file(&path).unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "fn page() -> impl htpy::Render {\n    use htpy::{body, head, html, p, title};\n\n    \
         html().children((head().children(title().children(\"T\")), \
         body().children(p().id(\"a\").attr(\"class\", \"b\").children(\"x\"))))\n}\n"
    );
}

#[test]
fn warnings_go_to_standard_error_with_where() {
    let out = run(&[], b"<div><p a=1 =b>x</p></div>");
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout),
        "htpy::div().children(htpy::p().attr(\"a\", \"1\").children(\"x\"))\n"
    );
    assert_eq!(
        text(&out.stderr),
        "html2htpy: standard input: div:nth-child(1) > p:nth-child(1): htpy cannot write the \
         attribute name \"=b\": the attribute is left out\n"
    );
}

#[test]
fn a_missing_file_fails_with_a_message() {
    let out = run(&["/no/such/page.html"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "");
    assert!(
        text(&out.stderr).starts_with("html2htpy: cannot read /no/such/page.html: "),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn input_that_is_not_utf8_fails_with_a_message() {
    let out = run(&[], b"<p>caf\xe9</p>");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "html2htpy: standard input is not UTF-8 (byte 6 is not valid): html2htpy reads UTF-8 only\n"
    );
}

#[test]
fn typed_depth_sets_where_elements_are_boxed() {
    let page = b"<div><p><b>x</b></p></div>";
    let code = |depth: &str| {
        let out = run(&["--one-line", "--typed-depth", depth], page);
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout).to_owned()
    };
    assert_eq!(
        code("2"),
        "htpy::div().children(htpy::p().children(htpy::Node::new(htpy::b().children(\"x\"))))\n"
    );
    assert_eq!(
        code("all"),
        "htpy::div().children(htpy::p().children(htpy::b().children(\"x\")))\n"
    );
}

#[test]
fn bad_options_fail_with_usage() {
    for args in [
        &["--bogus"][..],
        &["--function"],
        &["--function", "fn"],
        &["a.html", "b.html"],
        &["--typed-depth"],
        &["--typed-depth", "deep"],
    ] {
        let out = run(args, b"");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(text(&out.stderr).contains("usage: html2htpy"), "{args:?}");
    }
}

#[test]
fn help_prints_usage() {
    let out = run(&["--help"], b"");
    assert!(out.status.success());
    assert!(text(&out.stdout).starts_with("usage: html2htpy"));
}
