//! Images, files and voice clips: upload (CreateUpload, an HTTP PUT of the bytes to the
//! pre-signed URL, CompleteUpload), send as a message naming the upload, and download (a
//! download URL, then an HTTP GET of it). The URLs carry their own permission: no token goes
//! with the PUT and the GET.

use easychat_proto::im::v1 as pb;
use easychat_proto::media::v1::{
    CompleteUploadRequest, CreateUploadRequest, GetDownloadUrlRequest, Media, MediaKind,
};
use sha2::{Digest, Sha256};

use crate::client::{Client, Error};
use crate::session::ChatSession;

impl Client {
    /// Uploads `bytes` as a media item of `kind` and `mime_type` (allowed for the kind: images
    /// are `image/png`, `image/jpeg`, `image/gif` or `image/webp` by default) with an optional
    /// file name; resolves with the completed [`Media`], its size, type and (images) pixel size
    /// checked by the server. The bytes' SHA-256 is declared, so a corrupted upload is refused
    /// (MEDIA_MISMATCH). A PUT answered other than 2xx is [`Error::HttpStatus`].
    pub async fn upload(
        &self,
        bytes: impl Into<Vec<u8>>,
        kind: MediaKind,
        mime_type: &str,
        file_name: Option<&str>,
    ) -> Result<Media, Error> {
        let bytes = bytes.into();
        let upload = self
            .media()
            .create_upload(CreateUploadRequest {
                kind: kind.into(),
                mime_type: mime_type.to_owned(),
                size: bytes.len() as i64,
                sha256: hex::encode(Sha256::digest(&bytes)),
                file_name: file_name.unwrap_or_default().to_owned(),
            })
            .await?
            .into_inner();
        let media_id = upload.media.ok_or(Error::MissingField("media"))?.media_id;
        let method = match upload.upload_method.as_str() {
            "" => reqwest::Method::PUT,
            method => reqwest::Method::from_bytes(method.as_bytes())
                .map_err(|_| Error::MissingField("a valid upload_method"))?,
        };
        let mut put = self.http.request(method.clone(), &upload.upload_url);
        for (name, value) in &upload.upload_headers {
            put = put.header(name, value);
        }
        checked(method, put.body(bytes).send().await?).await?;
        self.media()
            .complete_upload(CompleteUploadRequest { media_id })
            .await?
            .into_inner()
            .media
            .ok_or(Error::MissingField("media"))
    }

    /// Downloads a media item's bytes: the user's own upload, or one sent to a conversation the
    /// user is a member of (anyone else: PERMISSION_DENIED, reason MEDIA_NOT_SHARED). A GET
    /// answered other than 2xx is [`Error::HttpStatus`].
    pub async fn download(&self, media_id: &str) -> Result<Vec<u8>, Error> {
        let url = self
            .media()
            .get_download_url(GetDownloadUrlRequest {
                media_id: media_id.to_owned(),
            })
            .await?
            .into_inner()
            .url;
        let response = checked(reqwest::Method::GET, self.http.get(&url).send().await?).await?;
        Ok(response.bytes().await?.to_vec())
    }
}

impl ChatSession {
    /// Sends a completed upload to a conversation as an image, file or voice message, by the
    /// media's kind, naming its `media_id`: the server fills in its size, type and pixel size
    /// (and a file's name when `file_name` is `None`). `voice_duration_ms` is a voice clip's
    /// length; `file_name` is the name a file message shows. Like [`send_text`], with a fresh
    /// `client_msg_id`; resolves with the stored message.
    ///
    /// [`send_text`]: ChatSession::send_text
    pub async fn send_media(
        &self,
        conversation_id: &str,
        media: &Media,
        voice_duration_ms: Option<i64>,
        file_name: Option<&str>,
    ) -> Result<pb::Message, Error> {
        use pb::message_content::Kind;
        let media_id = media.media_id.clone();
        let kind = match media.kind() {
            MediaKind::Image => Kind::Image(pb::ImageContent {
                media_id,
                ..Default::default()
            }),
            MediaKind::File => Kind::File(pb::FileContent {
                media_id,
                name: file_name.unwrap_or_default().to_owned(),
                ..Default::default()
            }),
            MediaKind::Voice => Kind::Voice(pb::VoiceContent {
                media_id,
                duration_ms: voice_duration_ms.unwrap_or_default(),
                ..Default::default()
            }),
            MediaKind::Unspecified => {
                return Err(Error::MediaKind {
                    media_id,
                    kind: media.kind,
                });
            }
        };
        self.send(pb::SendMessageRequest {
            client_msg_id: uuid::Uuid::new_v4().to_string(),
            target: Some(pb::send_message_request::Target::ConversationId(
                conversation_id.to_owned(),
            )),
            content: Some(pb::MessageContent { kind: Some(kind) }),
            ..Default::default()
        })
        .await
    }
}

/// The response when its status is 2xx; otherwise [`Error::HttpStatus`] with its body.
async fn checked(
    method: reqwest::Method,
    response: reqwest::Response,
) -> Result<reqwest::Response, Error> {
    let status = response.status();
    if status.is_success() {
        return Ok(response);
    }
    let method = method.to_string();
    let body = response.text().await.unwrap_or_default();
    Err(Error::HttpStatus {
        method,
        status: status.as_u16(),
        body,
    })
}
