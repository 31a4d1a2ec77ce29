//! What the page's address asks for: its fragment is nothing, a share link, or a place on the
//! page; anything else the page does not understand, and says so rather than quietly showing
//! the person's own work (a link cut short when it was copied reads that way).

use crate::share::fixture_link;
use crate::share::opening::LinkStatus;

/// What the fragment (without `#`) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Address {
    Empty,
    Link,
    /// The id of an element on the page (the skip link's `#result`).
    Anchor,
    Unknown,
}

/// What stands in the link banner for an address the page does not understand.
pub const UNKNOWN: &str = "The address ends in a fragment that is neither a share link (those \
     begin #v1.) nor a place on this page: it may have been cut short when it was copied.";

impl Address {
    /// `names_an_element`: the page has an element with the fragment as its id.
    pub fn of(fragment: &str, names_an_element: bool) -> Self {
        if fragment.is_empty() {
            Self::Empty
        } else if fixture_link::looks_like_link(fragment) {
            Self::Link
        } else if names_an_element {
            Self::Anchor
        } else {
            Self::Unknown
        }
    }

    /// The banner after opening the address: what opening it decided, or, where it decided
    /// nothing to say about an address it did not understand, that.
    pub fn status(self, opened: LinkStatus) -> LinkStatus {
        match (self, opened) {
            (Self::Unknown, LinkStatus::None) => LinkStatus::Failed(UNKNOWN.to_string()),
            (_, opened) => opened,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_fragment_is_what_it_looks_like() {
        assert_eq!(Address::of("", false), Address::Empty);
        assert_eq!(Address::of("v1.12.abc", false), Address::Link, "even one that will not open");
        assert_eq!(Address::of("result", true), Address::Anchor);
        assert_eq!(Address::of("result", false), Address::Unknown);
        assert_eq!(Address::of("1.12.abc", false), Address::Unknown, "a link cut short");
        assert_eq!(Address::of("", true), Address::Empty);
    }

    #[test]
    fn only_an_unknown_address_with_nothing_else_to_say_is_said() {
        let failed = LinkStatus::Failed("the link's own error".into());
        assert_eq!(Address::Unknown.status(LinkStatus::None), LinkStatus::Failed(UNKNOWN.into()));
        assert_eq!(Address::Unknown.status(failed.clone()), failed);
        for understood in [Address::Empty, Address::Link, Address::Anchor] {
            assert_eq!(understood.status(LinkStatus::None), LinkStatus::None);
            assert_eq!(understood.status(failed.clone()), failed);
        }
    }
}
