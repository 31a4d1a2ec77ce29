//! What Cobinar never puts in a delivery: the OTP code. A field that looks like one means the
//! body did not come from Cobinar, or was changed on the way.

use serde_json::Value;

/// Paths (`payload.code`) of fields that look like an OTP code: a name that says code, OTP or
/// PIN, or a string of 4 to 8 digits alone.
pub fn otp_code_like(value: &Value) -> Vec<String> {
    let mut found = Vec::new();
    walk(value, "body", &mut found);
    found
}

fn names_a_code(key: &str) -> bool {
    let lower = key.to_ascii_lowercase();
    lower.contains("code") || lower == "otp" || lower == "pin" || lower.ends_with("_pin") || key.ends_with("Pin")
}

fn digits_alone(text: &str) -> bool {
    (4..=8).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit())
}

fn walk(value: &Value, path: &str, found: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                let path = format!("{path}.{key}");
                let scalar = !matches!(value, Value::Object(_) | Value::Array(_) | Value::Null);
                if names_a_code(key) && scalar {
                    found.push(format!("{path} = {value}"));
                } else {
                    walk(value, &path, found);
                }
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                walk(item, &format!("{path}[{index}]"), found);
            }
        }
        Value::String(text) if digits_alone(text) => found.push(format!("{path} = \"{text}\"")),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_code_like_fields() {
        let body: Value = serde_json::from_str(
            r#"{"payload":{"code":482913,"phone":"+999 482 918 102","attempts":3,"items":[{"x":"1234"}],"otp":null}}"#,
        )
        .unwrap();
        assert_eq!(otp_code_like(&body), ["body.payload.code = 482913", "body.payload.items[0].x = \"1234\""]);
        let clean: Value = serde_json::from_str(
            r#"{"payload":{"requestId":"a4b8","phone":"+999 482 918 102","attempts":3,"createdAt":1783088530000}}"#,
        )
        .unwrap();
        assert!(otp_code_like(&clean).is_empty());
    }
}
