//! Field validation shared by the services: every check names the field it refuses.

use crate::error::{Error, Result};

/// A required, trimmed text of 1..=`max_chars` characters.
pub fn required_text(field: &str, value: &str, max_chars: usize) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::invalid_field(
            field,
            "is required and must not be blank",
        ));
    }
    bounded_text(field, value, max_chars)
}

/// A display name (nickname, group name, remark, file name): required text that also refuses
/// Unicode format characters, with which a name can pass for another (U+202E reverses what
/// follows it; zero-width ones hide). The joiners that emoji and some scripts need are allowed.
pub fn name(field: &str, value: &str, max_chars: usize) -> Result<String> {
    let value = required_text(field, value, max_chars)?;
    if let Some(c) = value.chars().find(|&c| is_hiding_format_char(c)) {
        return Err(Error::invalid_field(
            field,
            format!(
                "contains the invisible formatting character U+{:04X}",
                u32::from(c)
            ),
        ));
    }
    Ok(value)
}

/// Unicode's format characters (category Cf) but the zero-width (non-)joiner, which emoji
/// sequences and several scripts need, and the tag characters of subdivision flag emoji.
pub fn is_hiding_format_char(c: char) -> bool {
    matches!(
        u32::from(c),
        0x00AD
            | 0x0600..=0x0605
            | 0x061C
            | 0x06DD
            | 0x070F
            | 0x0890..=0x0891
            | 0x08E2
            | 0x180E
            | 0x200B
            | 0x200E..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x2064
            | 0x2066..=0x206F
            | 0xFEFF
            | 0xFFF9..=0xFFFB
            | 0x110BD
            | 0x110CD
            | 0x13430..=0x1343F
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0001
    )
}

/// Message text: not blank, and no control characters but tab, line feed and carriage return
/// (NUL or ESC in a message is an attack on whatever renders it, never text).
pub fn message_text(field: &str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::invalid_field(field, "must not be empty"));
    }
    if let Some(c) = value
        .chars()
        .find(|&c| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
    {
        return Err(Error::invalid_field(
            field,
            format!(
                "contains the control character U+{:04X}: only tab and line breaks are allowed",
                u32::from(c)
            ),
        ));
    }
    Ok(())
}

/// How a refused value appears in an error message: quoted, and cut after 64 characters, so a
/// megabyte of input never comes back whole in the answer (or the logs).
pub fn shown(value: &str) -> String {
    const SHOWN_CHARS: usize = 64;
    let mut chars = value.char_indices();
    match chars.nth(SHOWN_CHARS) {
        None => format!("{value:?}"),
        Some((cut, _)) => format!("{:?}… ({} bytes)", &value[..cut], value.len()),
    }
}

/// An optional text of at most `max_chars` characters (may be empty).
pub fn bounded_text(field: &str, value: &str, max_chars: usize) -> Result<String> {
    // Counting stops past the limit: the message need not say how far past it a megabyte went.
    if value.chars().nth(max_chars).is_some() {
        let length = if value.len() > 4 * max_chars + 1024 {
            format!("{} bytes long", value.len())
        } else {
            format!("{} characters long", value.chars().count())
        };
        return Err(Error::invalid_field(
            field,
            format!("is {length}, at most {max_chars} characters allowed"),
        ));
    }
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(Error::invalid_field(field, "contains control characters"));
    }
    Ok(value.to_owned())
}

/// An http(s) URL of at most 512 characters; empty allowed when `optional`.
pub fn url(field: &str, value: &str, optional: bool) -> Result<String> {
    if value.is_empty() {
        return if optional {
            Ok(String::new())
        } else {
            Err(Error::invalid_field(field, "is required"))
        };
    }
    let value = bounded_text(field, value, 512)?;
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"));
    match rest {
        Some(rest) if !rest.is_empty() && !rest.contains(char::is_whitespace) => Ok(value),
        _ => Err(Error::invalid_field(
            field,
            "must be an http:// or https:// URL",
        )),
    }
}

/// A phone number: digits, optionally starting with '+', 5 to 20 characters.
pub fn phone(field: &str, value: &str) -> Result<String> {
    let digits = value.strip_prefix('+').unwrap_or(value);
    let well_formed =
        (5..=20).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit());
    if well_formed {
        Ok(value.to_owned())
    } else {
        Err(Error::invalid_field(
            field,
            "must be 5 to 20 digits, optionally after a leading '+'",
        ))
    }
}

/// A password of 8 to 128 characters.
pub fn password(field: &str, value: &str) -> Result<()> {
    let chars = value.chars().count();
    if (8..=128).contains(&chars) {
        Ok(())
    } else {
        Err(Error::invalid_field(
            field,
            "must be 8 to 128 characters long",
        ))
    }
}

/// A list with 1..=`max` entries.
pub fn list_len<T>(field: &str, values: &[T], max: usize) -> Result<()> {
    if values.is_empty() {
        return Err(Error::invalid_field(field, "must not be empty"));
    }
    if values.len() > max {
        return Err(Error::invalid_field(
            field,
            format!("has {} entries, at most {max} allowed", values.len()),
        ));
    }
    Ok(())
}

/// Property tests: 256 cases each (proptest's default), `PROPTEST_CASES` for a longer run
/// (docs/testing.md).
#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;
    use crate::error::ErrorKind;

    /// Texts likely to sit on the edges: blanks, control characters, multi-byte characters,
    /// around the small limits used below; and any text at all.
    pub(crate) fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            "[ a-z\t\n\r\u{0}\u{7}\u{1b}\u{7f}\u{85}\u{a0}\u{2028}é🐱]{0,40}",
            "[a-z]{0,20}",
            any::<String>(),
        ]
    }

    fn allowed(c: char) -> bool {
        !c.is_control() || c == '\n' || c == '\t'
    }

    /// An INVALID_FIELD error naming `field`, whose message does not echo the input.
    fn assert_refused(error: &Error, field: &str) {
        assert_eq!(error.kind, ErrorKind::InvalidArgument);
        assert_eq!(error.reason, crate::error::Reason::InvalidField);
        assert!(
            error.message.starts_with(&format!("{field}: ")),
            "{}",
            error.message
        );
        assert!(error.message.len() < field.len() + 100, "{}", error.message);
    }

    proptest! {
        #[test]
        fn bounded_text_accepts_exactly_short_texts_without_control_characters(
            value in text(),
            max in 0usize..30,
        ) {
            let expected = value.chars().count() <= max && value.chars().all(allowed);
            match bounded_text("f.name", &value, max) {
                Ok(kept) => {
                    prop_assert!(expected, "{value:?} accepted");
                    prop_assert_eq!(kept, value);
                }
                Err(error) => {
                    prop_assert!(!expected, "{value:?} refused");
                    assert_refused(&error, "f.name");
                }
            }
        }

        #[test]
        fn required_text_is_the_trimmed_bounded_text_and_not_blank(
            value in text(),
            max in 1usize..30,
        ) {
            let trimmed = value.trim();
            match required_text("name", &value, max) {
                Ok(kept) => prop_assert_eq!(kept, trimmed),
                Err(error) => {
                    prop_assert!(trimmed.is_empty() || bounded_text("name", trimmed, max).is_err());
                    assert_refused(&error, "name");
                }
            }
        }

        #[test]
        fn urls_are_http_or_https_with_a_rest_and_no_whitespace(
            scheme in prop_oneof![
                Just("http://"),
                Just("https://"),
                Just("ftp://"),
                Just("HTTP://"),
                Just(""),
            ],
            rest in text(),
            optional in any::<bool>(),
        ) {
            let value = format!("{scheme}{rest}");
            match url("avatar", &value, optional) {
                Ok(kept) => {
                    prop_assert_eq!(&kept, &value);
                    if !value.is_empty() {
                        let after = value
                            .strip_prefix("https://")
                            .or_else(|| value.strip_prefix("http://"));
                        let well_formed = after.is_some_and(|after| {
                            !after.is_empty() && !after.contains(char::is_whitespace)
                        });
                        prop_assert!(well_formed, "{value:?} accepted");
                        prop_assert!(value.chars().count() <= 512 && value.chars().all(allowed));
                    } else {
                        prop_assert!(optional);
                    }
                }
                Err(error) => assert_refused(&error, "avatar"),
            }
        }

        #[test]
        fn phones_are_5_to_20_digits_after_an_optional_plus(value in "[+]?[0-9a ]{0,24}|\\PC{0,24}") {
            let digits = value.strip_prefix('+').unwrap_or(&value);
            let expected = (5..=20).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit());
            match phone("phone", &value) {
                Ok(kept) => {
                    prop_assert!(expected);
                    prop_assert_eq!(kept, value);
                }
                Err(error) => {
                    prop_assert!(!expected);
                    assert_refused(&error, "phone");
                }
            }
        }

        #[test]
        fn passwords_are_8_to_128_characters(value in "\\PC{0,140}") {
            let expected = (8..=128).contains(&value.chars().count());
            match password("password", &value) {
                Ok(()) => prop_assert!(expected),
                Err(error) => {
                    prop_assert!(!expected);
                    assert_refused(&error, "password");
                }
            }
        }

        #[test]
        fn lists_have_1_to_max_entries(len in 0usize..40, max in 0usize..30) {
            let values = vec![0u8; len];
            match list_len("ids", &values, max) {
                Ok(()) => prop_assert!(len >= 1 && len <= max),
                Err(error) => {
                    prop_assert!(len == 0 || len > max);
                    assert_refused(&error, "ids");
                }
            }
        }
    }
}
