//! The core's enums as option values: `--event`, `--expect` and `--tamper` take exactly the
//! names the core writes (`Event::ALL`, `Expect::ALL`, `Tamper::ALL`, each by its `name`), and
//! clap lists them in `--help`, refuses anything else and suggests the nearest.
//!
//! Each is a newtype because clap's `ValueEnum` and the enums live in other crates; the core
//! stays free of clap.

use clap::builder::PossibleValue;
use clap::ValueEnum;

use webhook_echo::protocol::events::Event;
use webhook_echo::share::fixture::{Expect, Tamper};

/// `$arg($inner)` as a `ValueEnum` over `$all`, each value named by `$name`.
macro_rules! value_enum {
    ($(#[$doc:meta])* $arg:ident($inner:ty), $all:expr, $name:path) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $arg(pub $inner);

        impl ValueEnum for $arg {
            fn value_variants<'a>() -> &'a [Self] {
                const ALL: [$arg; $all.len()] = {
                    let mut all = [$arg($all[0]); $all.len()];
                    let mut index = 1;
                    while index < all.len() {
                        all[index] = $arg($all[index]);
                        index += 1;
                    }
                    all
                };
                &ALL
            }

            fn to_possible_value(&self) -> Option<PossibleValue> {
                Some(PossibleValue::new($name(self.0)))
            }
        }
    };
}

value_enum!(
    /// `--event`: one of the eight events, by its wire name (`otp.verified`).
    EventArg(Event),
    Event::ALL,
    Event::name
);
value_enum!(
    /// `--expect`: what a fixture must get when it is replayed (`accept`, `reject`).
    ExpectArg(Expect),
    Expect::ALL,
    Expect::name
);
value_enum!(
    /// `--tamper`: how a replay changes a fixture after signing, by `check`'s case id.
    TamperArg(Tamper),
    Tamper::ALL,
    Tamper::name
);

#[cfg(test)]
mod tests {
    use super::*;

    /// Every value of the core's list, in its order and by its name, and each parses back.
    #[track_caller]
    fn check<T: ValueEnum + PartialEq + std::fmt::Debug>(names: &[&str]) {
        let listed: Vec<String> =
            T::value_variants().iter().filter_map(T::to_possible_value).map(|v| v.get_name().to_string()).collect();
        assert_eq!(listed, names);
        for (name, value) in names.iter().zip(T::value_variants()) {
            assert_eq!(T::from_str(name, false).as_ref(), Ok(value));
        }
    }

    #[test]
    fn each_option_takes_the_core_s_names_in_its_order() {
        check::<EventArg>(&Event::ALL.map(Event::name));
        check::<ExpectArg>(&Expect::ALL.map(Expect::name));
        check::<TamperArg>(&Tamper::ALL.map(Tamper::name));
        assert_eq!(EventArg::value_variants().iter().map(|e| e.0).collect::<Vec<_>>(), Event::ALL);
        assert!(EventArg::from_str("OTP.VERIFIED", false).is_err());
        assert!(EventArg::from_str("otp.sent", false).is_err());
    }
}
