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

/// An optional text of at most `max_chars` characters (may be empty).
pub fn bounded_text(field: &str, value: &str, max_chars: usize) -> Result<String> {
    let chars = value.chars().count();
    if chars > max_chars {
        return Err(Error::invalid_field(
            field,
            format!("is {chars} characters long, at most {max_chars} allowed"),
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
