//! Rules a value can break, each with its reason, declared once so that a
//! run-time error and a compile-time panic say the same.

/// Declares `enum $name` of the rules, with `reason()` (for the error) and
/// `fail()` (the panic that stops the compilation of a literal, its message
/// `$prefix` then the reason).
macro_rules! rules {
    ($(#[$meta:meta])* $name:ident, $prefix:literal; $($rule:ident => $reason:literal,)*) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        enum $name {
            $(#[doc = $reason] $rule,)*
        }

        impl $name {
            /// Why the value was refused, for the error.
            const fn reason(self) -> &'static str {
                match self {
                    $(Self::$rule => $reason,)*
                }
            }

            /// Stops the compilation of a literal that broke the rule.
            const fn fail(self) -> ! {
                match self {
                    $(Self::$rule => panic!(concat!($prefix, $reason)),)*
                }
            }
        }
    };
}
