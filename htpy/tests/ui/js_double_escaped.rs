//! A literal script whose `<!--` then `<script` keep `</script>` from ending it does not compile.
fn main() {
    let _ = htpy::js!("document.write(\"<!-- <script>\")");
}
