//! The one macro that declares the rules a name can break, for element names
//! (`element.rs`) and attribute names (`attributes.rs`): each rule with its
//! reason, so that the run-time error and the compile-time panic of a
//! literal say the same.

/// Declares `enum $rule` with one variant per rule, its `reason` (for the
/// run-time error) and `fail` (a `const` panic: a compile error in a
/// constant), whose message is `invalid $what name: reason`.
macro_rules! name_rules {
    ($(#[$meta:meta])* enum $rules:ident: $what:literal { $($rule:ident => $reason:literal,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        enum $rules {
            $(#[doc = $reason] $rule,)*
        }

        impl $rules {
            /// Why the name was refused, for the run-time error.
            const fn reason(self) -> &'static str {
                match self {
                    $(Self::$rule => $reason,)*
                }
            }

            /// Stops the compilation of a constant with a refused name.
            const fn fail(self) -> ! {
                match self {
                    $(Self::$rule => panic!(concat!("invalid ", $what, " name: ", $reason)),)*
                }
            }
        }
    };
}
