//! Figures as the report draws and writes them.

/// A count or a time in nanoseconds as a figure to draw or divide.
#[expect(
    clippy::cast_precision_loss,
    reason = "figures drawn or shown to a few digits"
)]
pub(super) fn float(value: u64) -> f64 {
    value as f64
}

/// A drawn figure back as a whole count or time.
#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "drawn figures are positive and far below 2^64"
)]
pub(super) fn whole(value: f64) -> u64 {
    value.round() as u64
}

/// `a` over `b`, a zero `b` taken as one.
pub(super) fn ratio(a: u64, b: u64) -> f64 {
    float(a) / float(b.max(1))
}
