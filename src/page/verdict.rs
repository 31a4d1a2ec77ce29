//! What the verdict panel shows around the verdict: whether the expected signature is withheld
//! (someone else chose the body) and what stands under it, and which of the verdict's notes
//! apply. The words are the core's (`provenance`), the choice is made here.

use crate::share::provenance::{Provenance, SharedFrom};
use crate::verify::verification::{Verdict, Verification};

/// What stands under the expected signature's box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExpectedHint {
    /// There is a value, and someone else chose the body: why it is not shown, and a way to
    /// show it after a warning.
    Withheld(SharedFrom),
    /// The value is shown: never send it (`provenance::NEVER_SEND`).
    NeverSend,
    /// The worker is still working the value out.
    FollowsVerdict,
    /// No secret, no value.
    EnterSecret,
}

impl ExpectedHint {
    /// `computed` is the verification before anything was withheld; `shown`, as the page may
    /// show it (`provenance::shown`).
    pub fn of(provenance: Provenance, computed: &Verification, shown: &Verification) -> Self {
        match (withheld(provenance, computed), shown.expected_signature.is_some(), shown.verdict) {
            (Some(from), _, _) => Self::Withheld(from),
            (None, true, _) => Self::NeverSend,
            (None, false, Verdict::Checking) => Self::FollowsVerdict,
            (None, false, _) => Self::EnterSecret,
        }
    }
}

/// Where the body came from, while a value derived from it is being withheld: nothing is
/// withheld that was never there (no secret yet, the worker still at it), nor once revealed.
pub fn withheld(provenance: Provenance, computed: &Verification) -> Option<SharedFrom> {
    provenance.shared_from().filter(|_| provenance.withholds() && computed.expected_signature.is_some())
}

/// Whether the note on whose secret the verdict is under applies: not before there is one.
pub fn says_secret_origin(verdict: Verdict) -> bool {
    verdict != Verdict::Incomplete
}

/// Whether the header rows wait on the worker, and say so.
pub fn headers_follow(verdict: Verdict) -> bool {
    verdict == Verdict::Checking
}

/// Whether to offer what to check when the server still answers 401: only when valid here.
pub fn offers_server_401(verdict: Verdict) -> bool {
    verdict == Verdict::Valid
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::share::provenance::{shown, BodyEvent};
    use crate::verify::received_headers;
    use crate::verify::verification::{verify, ReceivedDelivery};

    const LINK: SharedFrom = SharedFrom::Link;

    fn verification(secret: &str) -> Verification {
        let headers = received_headers::parse("x-cobinar-signature: sha256=00\n");
        verify(ReceivedDelivery { secret, body: b"{}", headers: &headers, now_unix_millis: None })
    }

    #[track_caller]
    fn check(provenance: Provenance, computed: &Verification, expected: ExpectedHint) {
        assert_eq!(ExpectedHint::of(provenance, computed, &shown(computed, provenance)), expected);
    }

    #[test]
    fn a_shared_body_withholds_its_value_until_revealed() {
        let computed = verification("whsec_s");
        let opened = Provenance::Own.after(BodyEvent::Opened(LINK));
        assert_eq!(withheld(opened, &computed), Some(LINK));
        check(opened, &computed, ExpectedHint::Withheld(LINK));
        let revealed = opened.after(BodyEvent::Revealed);
        assert_eq!(withheld(revealed, &computed), None);
        check(revealed, &computed, ExpectedHint::NeverSend);
        let fixture = Provenance::Own.after(BodyEvent::Opened(SharedFrom::FixtureFile));
        check(fixture, &computed, ExpectedHint::Withheld(SharedFrom::FixtureFile));
    }

    #[test]
    fn ones_own_body_shows_its_value_with_the_warning_never_to_send_it() {
        let computed = verification("whsec_s");
        assert_eq!(withheld(Provenance::Own, &computed), None);
        check(Provenance::Own, &computed, ExpectedHint::NeverSend);
    }

    #[test]
    fn nothing_is_withheld_that_is_not_there() {
        let no_secret = verification("");
        let opened = Provenance::Own.after(BodyEvent::Opened(LINK));
        assert_eq!(withheld(opened, &no_secret), None);
        check(opened, &no_secret, ExpectedHint::EnterSecret);
        check(Provenance::Own, &no_secret, ExpectedHint::EnterSecret);
        let checking = Verification::checking(2_000_000);
        assert_eq!(withheld(opened, &checking), None);
        check(opened, &checking, ExpectedHint::FollowsVerdict);
        check(Provenance::Own, &checking, ExpectedHint::FollowsVerdict);
    }

    #[test]
    fn each_note_applies_to_its_verdicts_only() {
        let all = [Verdict::Valid, Verdict::Invalid, Verdict::Incomplete, Verdict::Checking];
        let says: Vec<_> = all.iter().map(|&v| says_secret_origin(v)).collect();
        assert_eq!(says, [true, true, false, true]);
        let follow: Vec<_> = all.iter().map(|&v| headers_follow(v)).collect();
        assert_eq!(follow, [false, false, false, true]);
        let offers: Vec<_> = all.iter().map(|&v| offers_server_401(v)).collect();
        assert_eq!(offers, [true, false, false, false]);
    }
}
