//! What Rust rejects at compile time: each case in `tests/ui/` must fail with
//! its `.stderr`, and the passing case beside them makes trybuild build (not
//! just check), so that post-monomorphization errors are seen.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
    t.pass("tests/ui/pass/*.rs");
}
