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
fn is_hiding_format_char(c: char) -> bool {
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
