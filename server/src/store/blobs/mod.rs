//! Where uploaded bytes live (`BlobStore`): `local`, files in the data directory served by this
//! server through HMAC-signed URLs (the embedded default); `s3`, an S3-compatible object store
//! through pre-signed URLs (`media.s3`).

pub mod local;
pub mod s3;

/// `Content-Disposition` of a download: shown in place, or saved as `file_name`.
pub(crate) fn disposition(file_name: &str, inline: bool) -> String {
    if inline {
        return "inline".to_owned();
    }
    // The name quoted for old clients (ASCII, quotes and backslashes dropped) and exact in
    // RFC 5987 form for the rest.
    let ascii: String = file_name
        .chars()
        .filter(|c| c.is_ascii_graphic() && *c != '"' && *c != '\\' || *c == ' ')
        .collect();
    let ascii = if ascii.trim().is_empty() {
        "download".to_owned()
    } else {
        ascii
    };
    let encoded: String = file_name
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    if file_name.is_empty() {
        format!("attachment; filename=\"{ascii}\"")
    } else {
        format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attachment_names_are_safe_and_exact() {
        assert_eq!(disposition("a.png", true), "inline");
        assert_eq!(
            disposition("report \"final\".pdf", false),
            "attachment; filename=\"report final.pdf\"; filename*=UTF-8''report%20%22final%22.pdf"
        );
        assert_eq!(
            disposition("отчёт.pdf", false),
            "attachment; filename=\".pdf\"; filename*=UTF-8''%D0%BE%D1%82%D1%87%D1%91%D1%82.pdf"
        );
        assert_eq!(disposition("", false), "attachment; filename=\"download\"");
    }
}
