//! What a message may carry: required fields, URLs, ranges and the size limits, checked
//! before anything is stored (`Messaging::accept`), with the property tests that hold the rules.

use super::*;

/// An image, file or voice message names either a URL or an upload, not both.
fn url_or_media(field: &str, url: &str, media_id: &Option<String>) -> Result<()> {
    match media_id {
        Some(id) => {
            if !url.is_empty() {
                return Err(Error::invalid_field(
                    &format!("{field}.url"),
                    "must be empty when media_id names an upload",
                ));
            }
            crate::domain::ids::parse_id(&format!("{field}.media_id"), id)?;
            Ok(())
        }
        None => validate::url(&format!("{field}.url"), url, false).map(drop),
    }
}

/// Checks a message's content: required fields, URLs, ranges and the size limits.
pub fn validate_content(content: &Content, limits: &Limits) -> Result<()> {
    let too_large = |what: &str| {
        Error::invalid(
            Reason::ContentTooLarge,
            format!("{what} exceeds the server's limit"),
        )
    };
    let size = match content {
        Content::Text { text } => {
            validate::message_text("content.text.text", text)?;
            if text.chars().count() > limits.max_text_chars {
                return Err(too_large(&format!(
                    "text longer than {} characters",
                    limits.max_text_chars
                )));
            }
            text.len()
        }
        Content::Image {
            url,
            width,
            height,
            size,
            media_id,
        } => {
            url_or_media("content.image", url, media_id)?;
            non_negative("content.image", &[*width as i64, *height as i64, *size])?;
            url.len()
        }
        Content::File {
            url,
            name,
            size,
            mime_type,
            media_id,
        } => {
            url_or_media("content.file", url, media_id)?;
            // An upload's name is filled in from the upload when the message leaves it empty.
            if media_id.is_none() || !name.is_empty() {
                validate::name("content.file.name", name, 256)?;
            }
            validate::bounded_text("content.file.mime_type", mime_type, 128)?;
            non_negative("content.file", &[*size])?;
            url.len() + name.len() + mime_type.len()
        }
        Content::Voice {
            url,
            duration_ms,
            media_id,
        } => {
            url_or_media("content.voice", url, media_id)?;
            non_negative("content.voice", &[*duration_ms])?;
            url.len()
        }
        Content::Location {
            latitude,
            longitude,
            title,
        } => {
            if !(-90.0..=90.0).contains(latitude) {
                return Err(Error::invalid_field(
                    "content.location.latitude",
                    "must be within -90..90",
                ));
            }
            if !(-180.0..=180.0).contains(longitude) {
                return Err(Error::invalid_field(
                    "content.location.longitude",
                    "must be within -180..180",
                ));
            }
            validate::bounded_text("content.location.title", title, 256)?;
            title.len()
        }
        Content::Custom { custom_type, data } => {
            validate::required_text("content.custom.type", custom_type, 64)?;
            custom_type.len() + data.len()
        }
    };
    if size > limits.max_content_bytes {
        return Err(too_large(&format!(
            "content larger than {} bytes",
            limits.max_content_bytes
        )));
    }
    Ok(())
}

fn non_negative(field: &str, values: &[i64]) -> Result<()> {
    if values.iter().any(|v| *v < 0) {
        return Err(Error::invalid_field(
            field,
            "sizes and durations must not be negative",
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

    /// Small limits, so that both sides of each are reached cheaply.
    fn limits() -> Limits {
        Limits {
            max_text_chars: 64,
            max_content_bytes: 256,
            ..Limits::default()
        }
    }

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => "[ a-z\t\n\r\u{0}\u{1b}\u{7f}\u{85}é🐱]{0,40}",
            2 => "[a-z ]{60,300}",
            1 => any::<String>(),
        ]
    }

    fn url() -> impl Strategy<Value = String> {
        prop_oneof![
            "https?://[a-z./]{1,30}",
            "(https?://|ftp://|)[ a-z\u{0}./]{0,30}",
            "https://[a-z]{250,600}",
        ]
    }

    fn number() -> impl Strategy<Value = i64> {
        prop_oneof![0i64..1_000_000, any::<i64>()]
    }

    fn coordinate() -> impl Strategy<Value = f64> {
        prop_oneof![-200.0f64..200.0, any::<f64>()]
    }

    pub(crate) fn content() -> impl Strategy<Value = Content> {
        prop_oneof![
            text().prop_map(|text| Content::Text { text }),
            (url(), any::<i32>(), any::<i32>(), number()).prop_map(|(url, width, height, size)| {
                Content::Image {
                    url,
                    width,
                    height,
                    size,
                    media_id: None,
                }
            }),
            (url(), text(), number(), text()).prop_map(|(url, name, size, mime_type)| {
                Content::File {
                    url,
                    name,
                    size,
                    mime_type,
                    media_id: None,
                }
            }),
            (url(), number()).prop_map(|(url, duration_ms)| Content::Voice {
                url,
                duration_ms,
                media_id: None,
            }),
            (coordinate(), coordinate(), text()).prop_map(|(latitude, longitude, title)| {
                Content::Location {
                    latitude,
                    longitude,
                    title,
                }
            }),
            (text(), proptest::collection::vec(any::<u8>(), 0..300))
                .prop_map(|(custom_type, data)| Content::Custom { custom_type, data }),
        ]
    }

    /// Content that passes validation, with every kind of value a field can hold.
    fn valid_content() -> impl Strategy<Value = Content> {
        let text = "[ a-z\t\né🐱]{0,30}[a-z]";
        let url = "https?://[a-z./]{1,30}";
        prop_oneof![
            text.prop_map(|text| Content::Text { text }),
            (url, 0i32.., 0i32.., 0i64..).prop_map(|(url, width, height, size)| {
                Content::Image {
                    url,
                    width,
                    height,
                    size,
                    media_id: None,
                }
            }),
            (url, text, 0i64.., "[a-z/.-]{0,20}").prop_map(|(url, name, size, mime_type)| {
                Content::File {
                    url,
                    name,
                    size,
                    mime_type,
                    media_id: None,
                }
            }),
            (url, 0i64..).prop_map(|(url, duration_ms)| Content::Voice {
                url,
                duration_ms,
                media_id: None,
            }),
            (-90.0f64..=90.0, -180.0f64..=180.0, "[ a-z\n]{0,30}").prop_map(
                |(latitude, longitude, title)| Content::Location {
                    latitude,
                    longitude,
                    title,
                }
            ),
            (text, proptest::collection::vec(any::<u8>(), 0..100))
                .prop_map(|(custom_type, data)| Content::Custom { custom_type, data }),
        ]
    }

    /// The fields a refusal of `content` may name.
    fn fields(content: &Content) -> &'static [&'static str] {
        match content {
            Content::Text { .. } => &["content.text.text"],
            Content::Image { .. } => &["content.image.url", "content.image"],
            Content::File { .. } => &[
                "content.file.url",
                "content.file.name",
                "content.file.mime_type",
                "content.file",
            ],
            Content::Voice { .. } => &["content.voice.url", "content.voice"],
            Content::Location { .. } => &[
                "content.location.latitude",
                "content.location.longitude",
                "content.location.title",
            ],
            Content::Custom { .. } => &["content.custom.type"],
        }
    }

    fn clean(text: &str) -> bool {
        text.chars()
            .all(|c| !c.is_control() || c == '\n' || c == '\t')
    }

    fn web_url(url: &str) -> bool {
        url.chars().count() <= 512
            && clean(url)
            && url
                .strip_prefix("https://")
                .or_else(|| url.strip_prefix("http://"))
                .is_some_and(|rest| !rest.is_empty() && !rest.contains(char::is_whitespace))
    }

    /// What an accepted content must satisfy.
    fn acceptable(content: &Content, limits: &Limits) -> bool {
        let required = |text: &str, max: usize| {
            let text = text.trim();
            !text.is_empty() && text.chars().count() <= max && clean(text)
        };
        let bounded = |text: &str, max: usize| text.chars().count() <= max && clean(text);
        let (fits, size) = match content {
            Content::Text { text } => (
                !text.trim().is_empty()
                    && text.chars().count() <= limits.max_text_chars
                    && text
                        .chars()
                        .all(|c| !c.is_control() || matches!(c, '\n' | '\t' | '\r')),
                text.len(),
            ),
            Content::Image {
                url,
                width,
                height,
                size,
                ..
            } => (
                web_url(url) && *width >= 0 && *height >= 0 && *size >= 0,
                url.len(),
            ),
            Content::File {
                url,
                name,
                size,
                mime_type,
                ..
            } => (
                web_url(url)
                    && required(name, 256)
                    && !name.chars().any(validate::is_hiding_format_char)
                    && bounded(mime_type, 128)
                    && *size >= 0,
                url.len() + name.len() + mime_type.len(),
            ),
            Content::Voice {
                url, duration_ms, ..
            } => (web_url(url) && *duration_ms >= 0, url.len()),
            Content::Location {
                latitude,
                longitude,
                title,
            } => (
                (-90.0..=90.0).contains(latitude)
                    && (-180.0..=180.0).contains(longitude)
                    && bounded(title, 256),
                title.len(),
            ),
            Content::Custom { custom_type, data } => {
                (required(custom_type, 64), custom_type.len() + data.len())
            }
        };
        fits && size <= limits.max_content_bytes
    }

    proptest! {
        /// Accepted exactly when acceptable; refused as INVALID_FIELD naming one of the
        /// content's fields, or as CONTENT_TOO_LARGE, never echoing the content.
        #[test]
        fn content_is_accepted_exactly_when_acceptable(content in content()) {
            let limits = limits();
            let expected = acceptable(&content, &limits);
            match validate_content(&content, &limits) {
                Ok(()) => prop_assert!(expected, "wrongly accepted: {content:?}"),
                Err(error) => {
                    prop_assert!(!expected, "wrongly refused ({error}): {content:?}");
                    prop_assert_eq!(error.kind, ErrorKind::InvalidArgument);
                    prop_assert!(error.message.len() < 120, "{}", error.message);
                    match error.reason {
                        Reason::ContentTooLarge => {}
                        Reason::InvalidField => {
                            let field = error.message.split(':').next().unwrap_or_default();
                            prop_assert!(fields(&content).contains(&field), "{}", error.message);
                        }
                        other => prop_assert!(false, "reason {other}: {error}"),
                    }
                }
            }
        }

        /// Accepted content is what the stores keep, as JSON: it reads back unchanged.
        #[test]
        fn accepted_content_survives_the_stores_json(content in valid_content()) {
            validate_content(&content, &limits()).expect("valid content");
            let stored = serde_json::to_string(&content).expect("content serializes");
            let read: Content = serde_json::from_str(&stored).expect("content reads back");
            prop_assert_eq!(read, content);
        }

        /// A control character (other than newline and tab) in a file name is always refused,
        /// and the error names the field.
        #[test]
        fn control_characters_in_a_file_name_are_refused(
            before in "[a-z]{1,10}",
            control in prop_oneof![0u32..0x09, 0x0bu32..0x20, 0x7fu32..0xa0]
                .prop_map(|c| char::from_u32(c).expect("a char")),
            after in "[a-z]{1,10}",
        ) {
            let content = Content::File {
                url: "https://files.example/a".to_owned(),
                name: format!("{before}{control}{after}"),
                size: 1,
                mime_type: String::new(),
                media_id: None,
            };
            let error = validate_content(&content, &limits()).expect_err("a control character");
            prop_assert_eq!(error.reason, Reason::InvalidField);
            prop_assert!(error.message.starts_with("content.file.name: "), "{}", error.message);
        }

        #[test]
        fn text_over_the_limit_is_content_too_large(extra in 1usize..200, c in "[a-zé🐱]") {
            let limits = limits();
            let text = c.repeat(limits.max_text_chars + extra);
            let error = validate_content(&Content::Text { text }, &limits).expect_err("too long");
            prop_assert_eq!(error.reason, Reason::ContentTooLarge);
        }
    }
}
