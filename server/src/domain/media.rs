//! Media uploads: reserving an upload (kind, type, size, quota), checking what arrived,
//! handing out download URLs to those who may see it, and attaching an upload to a message
//! (the sender's own, or one already sent where the sender is a member), with its size and
//! type taken from the upload rather than from the client.

use std::sync::Arc;
use std::time::Duration;

use super::ids::{new_id, parse_id};
use super::model::*;
use super::ports::{Action, BlobStore, MediaStore, MessageStore, RateLimiter, SignedRequest};
use super::validate;
use crate::config::{MediaConfig, MediaKindConfig};
use crate::error::{Error, Reason, Result};

/// Bytes of an image read to learn its format and pixel size.
const IMAGE_HEADER_BYTES: usize = 64 * 1024;

/// An upload as a client asks for it.
pub struct NewUpload {
    pub kind: MediaKind,
    pub mime_type: String,
    pub size: i64,
    pub sha256: String,
    pub file_name: String,
}

/// A reserved upload and where to send its bytes.
pub struct Upload {
    pub media: MediaRecord,
    pub request: SignedRequest,
    pub expires_at: Millis,
}

/// Where to download a media item.
pub struct Download {
    pub media: MediaRecord,
    pub url: String,
    pub expires_at: Millis,
}

#[derive(Clone)]
pub struct MediaLibrary {
    store: Arc<dyn MediaStore>,
    blobs: Arc<dyn BlobStore>,
    messages: Arc<dyn MessageStore>,
    limiter: Arc<dyn RateLimiter>,
    config: Arc<MediaConfig>,
}

impl MediaLibrary {
    pub fn new(
        store: Arc<dyn MediaStore>,
        blobs: Arc<dyn BlobStore>,
        messages: Arc<dyn MessageStore>,
        limiter: Arc<dyn RateLimiter>,
        config: MediaConfig,
    ) -> MediaLibrary {
        MediaLibrary {
            store,
            blobs,
            messages,
            limiter,
            config: Arc::new(config),
        }
    }

    fn kind_config(&self, kind: MediaKind) -> &MediaKindConfig {
        match kind {
            MediaKind::Image => &self.config.image,
            MediaKind::File => &self.config.file,
            MediaKind::Voice => &self.config.voice,
        }
    }

    fn upload_ttl(&self) -> Duration {
        Duration::from_secs(self.config.upload_url_ttl_secs)
    }

    pub async fn create_upload(&self, me: &str, new: NewUpload) -> Result<Upload> {
        self.limiter.check(me, Action::MediaUpload).await?;
        let mime_type = mime_type(&new.mime_type)?;
        let limits = self.kind_config(new.kind);
        if !limits.allows(&mime_type) {
            return Err(Error::precondition(
                Reason::MediaTypeNotAllowed,
                format!(
                    "{mime_type} is not allowed for {} uploads (allowed: {})",
                    new.kind.as_str(),
                    limits.mime_types.join(", ")
                ),
            ));
        }
        if new.size < 1 {
            return Err(Error::invalid_field("size", "must be at least 1 byte"));
        }
        if new.size > limits.max_bytes {
            return Err(Error::precondition(
                Reason::MediaTooLarge,
                format!(
                    "{} uploads may be at most {} bytes",
                    new.kind.as_str(),
                    limits.max_bytes
                ),
            ));
        }
        let sha256 = new.sha256.trim().to_ascii_lowercase();
        if !sha256.is_empty()
            && (sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()))
        {
            return Err(Error::invalid_field(
                "sha256",
                "must be 64 hexadecimal characters (or empty)",
            ));
        }
        // Held to the rules of a file message's name, which it becomes when a message leaves
        // the name empty: no control or invisible formatting characters (a right-to-left
        // override would show `exe.pdf` for `fdp.exe`).
        let file_name = match new.file_name.trim() {
            "" => String::new(),
            name => validate::name("file_name", name, 256)?,
        };
        if file_name.contains(['/', '\\']) || file_name.contains(char::is_control) {
            return Err(Error::invalid_field(
                "file_name",
                "must not contain / or \\ or control characters such as line breaks",
            ));
        }
        let now = now_millis();
        let quota = self.config.quota_bytes_per_user;
        if quota > 0 {
            let since = now - self.upload_ttl().as_millis() as i64;
            let used = self.store.uploaded_bytes(me, since).await?;
            if used.saturating_add(new.size) > quota {
                return Err(Error::exhausted(
                    Reason::MediaQuotaExceeded,
                    format!(
                        "this upload would take your media past the quota of {quota} bytes ({used} used)"
                    ),
                ));
            }
        }
        let media = MediaRecord {
            media_id: new_id(),
            kind: new.kind,
            mime_type,
            size: new.size,
            sha256,
            file_name,
            width: 0,
            height: 0,
            uploader_id: me.to_owned(),
            created_at: now,
            completed: false,
        };
        self.store.create_media(&media).await?;
        let ttl = self.upload_ttl();
        let request = self
            .blobs
            .upload_request(&media.media_id, &media.mime_type, media.size, ttl);
        Ok(Upload {
            media,
            request,
            expires_at: now + ttl.as_millis() as i64,
        })
    }

    pub async fn complete_upload(&self, me: &str, media_id: &str) -> Result<MediaRecord> {
        let media_id = parse_id("media_id", media_id)?;
        let mut media = self
            .store
            .media(&media_id)
            .await?
            .filter(|m| m.uploader_id == me)
            .ok_or_else(media_not_found)?;
        if media.completed {
            return Ok(media);
        }
        let arrived = self.blobs.size(&media_id).await?.ok_or_else(not_uploaded)?;
        if arrived != media.size {
            return Err(self
                .mismatch(
                    &media_id,
                    format!("{arrived} bytes arrived, {} were declared", media.size),
                )
                .await);
        }
        if !media.sha256.is_empty() {
            let actual = self.blobs.sha256(&media_id).await?;
            if actual != media.sha256 {
                return Err(self
                    .mismatch(
                        &media_id,
                        "the SHA-256 of what arrived is not the one declared".to_owned(),
                    )
                    .await);
            }
        }
        if media.kind == MediaKind::Image {
            let header = self.blobs.prefix(&media_id, IMAGE_HEADER_BYTES).await?;
            match image_facts(&header) {
                Some((format, width, height)) if format == media.mime_type => {
                    media.width = width;
                    media.height = height;
                }
                Some((format, _, _)) => {
                    return Err(self
                        .mismatch(
                            &media_id,
                            format!("a {format} image arrived, {} was declared", media.mime_type),
                        )
                        .await);
                }
                None if recognised_image_type(&media.mime_type) => {
                    return Err(self
                        .mismatch(
                            &media_id,
                            format!("what arrived is not a {} image", media.mime_type),
                        )
                        .await);
                }
                // A type allowed by configuration that this server cannot read: taken as is.
                None => {}
            }
        }
        self.store
            .complete_media(&media_id, media.width, media.height)
            .await?;
        media.completed = true;
        Ok(media)
    }

    /// Refuses what arrived and removes it, so the bytes do not count or linger.
    async fn mismatch(&self, media_id: &str, problem: String) -> Error {
        if let Err(error) = self.blobs.delete(media_id).await {
            tracing::warn!(%error, media_id, "removing an upload that did not match");
        }
        Error::precondition(
            Reason::MediaMismatch,
            format!("{problem}: upload again under a new CreateUpload"),
        )
    }

    pub async fn download(&self, me: &str, media_id: &str) -> Result<Download> {
        let media_id = parse_id("media_id", media_id)?;
        let media = self.completed(me, &media_id).await?;
        if !self.may_use(me, &media).await? {
            return Err(not_shared());
        }
        let ttl = Duration::from_secs(self.config.download_url_ttl_secs);
        // Images and voice clips are shown in place; anything else is a download, never a page
        // of this origin.
        let inline = matches!(media.kind, MediaKind::Image | MediaKind::Voice);
        let url = self.blobs.download_url(
            &media.media_id,
            &media.mime_type,
            &media.file_name,
            inline,
            ttl,
        );
        Ok(Download {
            expires_at: now_millis() + ttl.as_millis() as i64,
            media,
            url,
        })
    }

    /// A completed upload. One that is not completed yet is news only to its uploader; to
    /// anyone else it does not exist.
    async fn completed(&self, me: &str, media_id: &str) -> Result<MediaRecord> {
        let media = self
            .store
            .media(media_id)
            .await?
            .ok_or_else(media_not_found)?;
        if media.completed {
            Ok(media)
        } else if media.uploader_id == me {
            Err(not_uploaded())
        } else {
            Err(media_not_found())
        }
    }

    /// The uploader, or a member of a conversation it was sent to.
    async fn may_use(&self, me: &str, media: &MediaRecord) -> Result<bool> {
        if media.uploader_id == me {
            return Ok(true);
        }
        for conversation in self.store.media_conversations(&media.media_id).await? {
            if self
                .messages
                .user_conversation(me, &conversation)
                .await?
                .is_some()
            {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// `content` with its upload checked (completed, of its kind, `me` may use it) and its facts
    /// filled in from it. Content without an upload is returned as it is.
    pub async fn resolve(&self, me: &str, content: Content) -> Result<Content> {
        let (field, kind, media_id) = match &content {
            Content::Image {
                media_id: Some(id), ..
            } => ("content.image.media_id", MediaKind::Image, id.clone()),
            Content::File {
                media_id: Some(id), ..
            } => ("content.file.media_id", MediaKind::File, id.clone()),
            Content::Voice {
                media_id: Some(id), ..
            } => ("content.voice.media_id", MediaKind::Voice, id.clone()),
            _ => return Ok(content),
        };
        let media = self.completed(me, &media_id).await?;
        if media.kind != kind {
            return Err(Error::invalid_field(
                field,
                format!(
                    "names a {} upload, not a {} one",
                    media.kind.as_str(),
                    kind.as_str()
                ),
            ));
        }
        if !self.may_use(me, &media).await? {
            return Err(not_shared());
        }
        Ok(match content {
            Content::Image { .. } => Content::Image {
                url: String::new(),
                width: media.width,
                height: media.height,
                size: media.size,
                media_id: Some(media_id),
            },
            Content::File { name, .. } => Content::File {
                url: String::new(),
                name: if name.is_empty() {
                    fallback_name(&media.file_name)
                } else {
                    name
                },
                size: media.size,
                mime_type: media.mime_type,
                media_id: Some(media_id),
            },
            Content::Voice { duration_ms, .. } => Content::Voice {
                url: String::new(),
                duration_ms,
                media_id: Some(media_id),
            },
            other => other,
        })
    }

    /// Shares the upload `content` names (if any) with `conversation_id`: its members may then
    /// download it. Done before the message is handed to the log, so that a member who gets
    /// the message can fetch the upload at once.
    pub async fn share(&self, conversation_id: &str, content: &Content) -> Result<()> {
        match content.media_id() {
            Some(media_id) => self.store.share_media(media_id, conversation_id).await,
            None => Ok(()),
        }
    }
}

/// A declared MIME type, lowercased: `type/subtype`, printable, at most 128 characters.
fn mime_type(value: &str) -> Result<String> {
    let value = value.trim().to_ascii_lowercase();
    let well_formed = value.len() <= 128
        && value
            .split_once('/')
            .is_some_and(|(t, sub)| !t.is_empty() && !sub.is_empty() && !sub.contains('/'))
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/.+-_".contains(&b));
    if !well_formed {
        return Err(Error::invalid_field(
            "mime_type",
            "must be a MIME type such as image/png",
        ));
    }
    Ok(value)
}

/// The MIME type and pixel size of an image, from its first bytes.
fn image_facts(header: &[u8]) -> Option<(&'static str, i32, i32)> {
    let format = match imagesize::image_type(header).ok()? {
        imagesize::ImageType::Png => "image/png",
        imagesize::ImageType::Jpeg => "image/jpeg",
        imagesize::ImageType::Gif => "image/gif",
        imagesize::ImageType::Webp => "image/webp",
        _ => return None,
    };
    let size = imagesize::blob_size(header).ok()?;
    let pixels = |n: usize| i32::try_from(n).ok();
    Some((format, pixels(size.width)?, pixels(size.height)?))
}

fn recognised_image_type(mime_type: &str) -> bool {
    matches!(
        mime_type,
        "image/png" | "image/jpeg" | "image/gif" | "image/webp"
    )
}

fn fallback_name(file_name: &str) -> String {
    if file_name.trim().is_empty() {
        "file".to_owned()
    } else {
        file_name.to_owned()
    }
}

fn media_not_found() -> Error {
    Error::not_found(Reason::MediaNotFound, "no such media")
}

fn not_uploaded() -> Error {
    Error::precondition(
        Reason::MediaNotUploaded,
        "the upload is not complete: PUT the bytes to the upload URL, then call CompleteUpload",
    )
}

fn not_shared() -> Error {
    Error::denied(
        Reason::MediaNotShared,
        "this media was not sent to any conversation you are a member of",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mime_types_are_checked_and_lowercased() {
        assert_eq!(mime_type(" Image/PNG ").unwrap(), "image/png");
        assert_eq!(
            mime_type("application/vnd.ms-excel").unwrap(),
            "application/vnd.ms-excel"
        );
        for bad in ["", "png", "image/", "/png", "image/png; charset=x", "a/b/c"] {
            assert!(mime_type(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_png_header_gives_its_type_and_size() {
        // The first 24 bytes of a PNG: signature, IHDR length and type, width 3, height 2.
        let mut png = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13];
        png.extend_from_slice(b"IHDR");
        png.extend_from_slice(&3u32.to_be_bytes());
        png.extend_from_slice(&2u32.to_be_bytes());
        png.extend_from_slice(&[8, 6, 0, 0, 0]);
        assert_eq!(image_facts(&png), Some(("image/png", 3, 2)));
        assert_eq!(image_facts(b"not an image at all"), None);
    }

    #[test]
    fn kinds_allow_their_configured_types() {
        let config = MediaConfig::default();
        assert!(config.image.allows("image/png"));
        assert!(
            !config.image.allows("image/svg+xml"),
            "SVG can carry script"
        );
        assert!(config.voice.allows("audio/ogg"));
        assert!(!config.voice.allows("video/mp4"));
        assert!(config.file.allows("application/x-anything"));
    }
}
