//! A fieldless enum's one spelling on every wire, derived from its serde attributes.
//!
//! The enums the program names outside itself (causes, events, `check`'s cases) derive
//! `Serialize` and `Deserialize` with `rename_all` or `rename`, and their `as_str`/`name` and
//! `from_name` come from here: the spelling is written once, in the attribute, so a JSON report,
//! `window.webhookEcho`, a worker message, the command's output and a link cannot disagree, and
//! no match table of strings can fall out of step with the variants.

use serde::de::value::{Error, StrDeserializer};
use serde::de::{DeserializeOwned, IntoDeserializer};
use serde::ser::{Impossible, Serialize, Serializer};

/// The serde name of `value`, a variant of a fieldless enum.
#[expect(
    clippy::expect_used,
    reason = "callers are fieldless enums deriving Serialize, whose every variant is a unit variant: `unit_name` names each"
)]
pub fn name<T: Serialize>(value: &T) -> &'static str {
    unit_name(value).expect("a fieldless enum's variant has a serde name")
}

/// The serde name of `value` when it is a unit variant; `None` for any other value.
pub fn unit_name<T: Serialize>(value: &T) -> Option<&'static str> {
    value.serialize(UnitName).ok()
}

/// The variant of `T` whose serde name is exactly `name` (case and all); `None` for any other
/// text.
pub fn from_name<T: DeserializeOwned>(name: &str) -> Option<T> {
    let text: StrDeserializer<'_, Error> = name.into_deserializer();
    T::deserialize(text).ok()
}

/// A serializer that takes a unit variant's name and refuses everything else.
struct UnitName;

fn not_a_unit_variant() -> Error {
    serde::ser::Error::custom("not a unit variant")
}

macro_rules! refuse {
    ($($method:ident($($arg:ty),*);)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<&'static str, Error> {
            Err(not_a_unit_variant())
        })*
    };
}

impl Serializer for UnitName {
    type Ok = &'static str;
    type Error = Error;
    type SerializeSeq = Impossible<&'static str, Error>;
    type SerializeTuple = Impossible<&'static str, Error>;
    type SerializeTupleStruct = Impossible<&'static str, Error>;
    type SerializeTupleVariant = Impossible<&'static str, Error>;
    type SerializeMap = Impossible<&'static str, Error>;
    type SerializeStruct = Impossible<&'static str, Error>;
    type SerializeStructVariant = Impossible<&'static str, Error>;

    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<&'static str, Error> {
        Ok(variant)
    }

    refuse! {
        serialize_bool(bool);
        serialize_i8(i8);
        serialize_i16(i16);
        serialize_i32(i32);
        serialize_i64(i64);
        serialize_u8(u8);
        serialize_u16(u16);
        serialize_u32(u32);
        serialize_u64(u64);
        serialize_f32(f32);
        serialize_f64(f64);
        serialize_char(char);
        serialize_str(&str);
        serialize_bytes(&[u8]);
        serialize_none();
        serialize_unit();
        serialize_unit_struct(&'static str);
    }

    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<&'static str, Error> {
        Err(not_a_unit_variant())
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, _: &T) -> Result<&'static str, Error> {
        Err(not_a_unit_variant())
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<&'static str, Error> {
        Err(not_a_unit_variant())
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(not_a_unit_variant())
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        Err(not_a_unit_variant())
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Error> {
        Err(not_a_unit_variant())
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(not_a_unit_variant())
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(not_a_unit_variant())
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Error> {
        Err(not_a_unit_variant())
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(not_a_unit_variant())
    }
}

/// For an enum's own tests: each variant of `all` is spelled `pinned(variant)` by `name` and by
/// serde_json, reads back from that spelling through `from_name` and serde_json, and is not read
/// from its Rust name. A renamed variant or a changed attribute fails here, in the enum's tests.
#[cfg(test)]
pub(crate) fn assert_spelled<T>(all: &[T], pinned: impl Fn(T) -> &'static str, from_name: impl Fn(&str) -> Option<T>)
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug + Copy,
{
    for &value in all {
        let spelling = pinned(value);
        assert_eq!(name(&value), spelling, "{value:?}");
        assert_eq!(serde_json::to_value(value).ok(), Some(serde_json::Value::from(spelling)), "{value:?}");
        assert_eq!(from_name(spelling), Some(value), "{value:?}");
        assert_eq!(serde_json::from_value::<T>(spelling.into()).ok(), Some(value), "{value:?}");
        assert_eq!(from_name(&format!("{value:?}")), None, "{value:?}: the Rust name is not a wire name");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::{Deserialize, Serialize};

    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    enum Sample {
        FirstOne,
        #[serde(rename = "second.one")]
        SecondOne,
    }

    #[derive(Serialize)]
    enum Shaped {
        Newtype(u8),
        Tuple(u8, u8),
        Struct { field: u8 },
    }

    #[derive(Serialize)]
    struct Unit;

    #[derive(Serialize)]
    struct Wrapped(Sample);

    #[test]
    fn a_unit_variant_is_named_as_serde_spells_it_and_read_back_only_so() {
        assert_eq!((name(&Sample::FirstOne), name(&Sample::SecondOne)), ("first-one", "second.one"));
        assert_eq!(from_name::<Sample>("first-one"), Some(Sample::FirstOne));
        assert_eq!(from_name::<Sample>("second.one"), Some(Sample::SecondOne));
        for other in ["FirstOne", "first_one", "First-One", "second-one", " first-one", "", "0"] {
            assert_eq!(from_name::<Sample>(other), None, "{other:?}");
        }
        // The same spelling serde_json writes and reads.
        assert_eq!(serde_json::to_value(Sample::SecondOne).ok(), Some(serde_json::json!("second.one")));
    }

    #[test]
    fn anything_but_a_unit_variant_has_no_name() {
        assert_eq!(unit_name(&true), None);
        assert_eq!(unit_name(&1u8), None);
        assert_eq!(unit_name(&-1i64), None);
        assert_eq!(unit_name(&1.5f64), None);
        assert_eq!(unit_name(&'x'), None);
        assert_eq!(unit_name(&"first-one"), None);
        assert_eq!(unit_name(&()), None);
        assert_eq!(unit_name(&Unit), None);
        assert_eq!(unit_name(&None::<Sample>), None);
        assert_eq!(unit_name(&Some(Sample::FirstOne)), None);
        assert_eq!(unit_name(&Wrapped(Sample::FirstOne)), None);
        assert_eq!(unit_name(&Shaped::Newtype(1)), None);
        assert_eq!(unit_name(&Shaped::Tuple(1, 2)), None);
        assert_eq!(unit_name(&Shaped::Struct { field: 1 }), None);
        assert_eq!(unit_name(&[Sample::FirstOne]), None);
        assert_eq!(unit_name(&(Sample::FirstOne, 1)), None);
        assert_eq!(unit_name(&std::collections::BTreeMap::<u8, u8>::new()), None);
        assert_eq!(unit_name(&Sample::FirstOne), Some("first-one"));
    }
}
