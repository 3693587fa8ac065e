//! Property tests of htpy's output against html5ever's tokenizer, in
//! `tests/`: this crate has no code of its own. It lives apart from `htpy`
//! so that the core's tests do not build html5ever.
