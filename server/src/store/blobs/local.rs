//! The embedded blob store: each upload a file `<data_dir>/media/<media id>`, written and read
//! through URLs of this server's own port (`/media/<id>?…&sig=…`) signed with an HMAC key
//! derived from the JWT secret. An upload URL takes exactly the declared size and type, once
//! (the first complete upload wins: what was checked cannot be replaced); a download URL serves
//! the file with range requests, as the declared type, inline or as an attachment.

use std::collections::HashMap;
use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use async_trait::async_trait;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path as UrlPath, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::put;
use futures::StreamExt;
use hmac::{Hmac, Mac};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tower::{Service, ServiceExt};

use super::disposition;
use crate::domain::model::now_millis;
use crate::domain::ports::{BlobStore, SignedRequest};
use crate::error::{Error, Result};

/// The files and the key of their URLs; cheap to clone.
#[derive(Clone)]
pub struct LocalBlobs {
    inner: Arc<Inner>,
}

struct Inner {
    dir: PathBuf,
    /// `<public_url>/media/`.
    base: String,
    key: Vec<u8>,
}

impl LocalBlobs {
    /// Files under `dir` (created when missing), URLs under `public_url`, signed with a key
    /// derived from `secret`.
    pub fn open(dir: &Path, public_url: &str, secret: &[u8]) -> anyhow::Result<LocalBlobs> {
        std::fs::create_dir_all(dir)?;
        let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("any key length");
        mac.update(b"easychat media URLs v1");
        Ok(LocalBlobs {
            inner: Arc::new(Inner {
                dir: dir.to_path_buf(),
                base: format!("{}/media/", public_url.trim_end_matches('/')),
                key: mac.finalize().into_bytes().to_vec(),
            }),
        })
    }

    /// The file of `key`, which must be a media id (no path can be smuggled in).
    fn path(&self, key: &str) -> Option<PathBuf> {
        let id = uuid::Uuid::parse_str(key).ok()?;
        Some(self.inner.dir.join(id.hyphenated().to_string()))
    }

    /// The MAC of a URL's fields, each prefixed with its length, so that no two different
    /// lists of fields sign the same bytes.
    fn mac(&self, fields: &[&str]) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.inner.key).expect("any key length");
        for field in fields {
            mac.update(&(field.len() as u64).to_be_bytes());
            mac.update(field.as_bytes());
        }
        mac
    }

    fn sign(&self, fields: &[&str]) -> String {
        hex::encode(self.mac(fields).finalize().into_bytes())
    }

    fn verify(&self, fields: &[&str], signature: &str) -> bool {
        hex::decode(signature)
            .is_ok_and(|signature| self.mac(fields).verify_slice(&signature).is_ok())
    }

    /// The HTTP side: `PUT` and `GET`/`HEAD` of `/media/<id>`, served on the gRPC port.
    pub fn files(&self) -> MediaFiles {
        MediaFiles {
            router: axum::Router::new()
                .route("/media/{key}", put(upload).get(download).head(download))
                .with_state(self.clone()),
        }
    }
}

fn expiry(ttl: Duration) -> String {
    (now_millis() / 1000 + ttl.as_secs() as i64).to_string()
}

fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[async_trait]
impl BlobStore for LocalBlobs {
    fn upload_request(
        &self,
        key: &str,
        content_type: &str,
        size: i64,
        ttl: Duration,
    ) -> SignedRequest {
        let exp = expiry(ttl);
        let size = size.to_string();
        let sig = self.sign(&["put", key, &exp, &size, content_type]);
        SignedRequest {
            method: "PUT",
            url: format!(
                "{}{key}?exp={exp}&size={size}&type={}&sig={sig}",
                self.inner.base,
                encode(content_type)
            ),
            headers: vec![("content-type".to_owned(), content_type.to_owned())],
        }
    }

    fn download_url(
        &self,
        key: &str,
        content_type: &str,
        file_name: &str,
        inline: bool,
        ttl: Duration,
    ) -> String {
        let exp = expiry(ttl);
        let inline = if inline { "1" } else { "0" };
        let sig = self.sign(&["get", key, &exp, content_type, file_name, inline]);
        format!(
            "{}{key}?exp={exp}&type={}&name={}&inline={inline}&sig={sig}",
            self.inner.base,
            encode(content_type),
            encode(file_name)
        )
    }

    async fn size(&self, key: &str) -> Result<Option<i64>> {
        let Some(path) = self.path(key) else {
            return Ok(None);
        };
        match tokio::fs::metadata(&path).await {
            Ok(meta) => Ok(Some(meta.len() as i64)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::internal("reading an upload's size", e)),
        }
    }

    async fn prefix(&self, key: &str, len: usize) -> Result<Vec<u8>> {
        let path = self
            .path(key)
            .ok_or_else(|| Error::internal("reading an upload", key))?;
        let file = tokio::fs::File::open(&path)
            .await
            .map_err(|e| Error::internal("reading an upload", e))?;
        let mut head = Vec::with_capacity(len);
        file.take(len as u64)
            .read_to_end(&mut head)
            .await
            .map_err(|e| Error::internal("reading an upload", e))?;
        Ok(head)
    }

    async fn sha256(&self, key: &str) -> Result<String> {
        let path = self
            .path(key)
            .ok_or_else(|| Error::internal("reading an upload", key))?;
        let mut file = tokio::fs::File::open(&path)
            .await
            .map_err(|e| Error::internal("reading an upload", e))?;
        let mut hasher = Sha256::new();
        let mut buffer = vec![0; 64 * 1024];
        loop {
            let read = file
                .read(&mut buffer)
                .await
                .map_err(|e| Error::internal("reading an upload", e))?;
            if read == 0 {
                break;
            }
            hasher.update(&buffer[..read]);
        }
        Ok(hex::encode(hasher.finalize()))
    }

    async fn delete(&self, key: &str) -> Result<()> {
        let Some(path) = self.path(key) else {
            return Ok(());
        };
        match tokio::fs::remove_file(&path).await {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(Error::internal("removing an upload", e)),
        }
    }
}

/// The query of an upload URL.
#[derive(Deserialize)]
struct PutQuery {
    exp: String,
    size: String,
    #[serde(rename = "type")]
    content_type: String,
    sig: String,
}

/// The query of a download URL.
#[derive(Deserialize)]
struct GetQuery {
    exp: String,
    #[serde(rename = "type")]
    content_type: String,
    #[serde(default)]
    name: String,
    inline: String,
    sig: String,
}

fn refuse(status: StatusCode, why: &str) -> Response {
    (status, format!("{why}\n")).into_response()
}

fn expired(exp: &str) -> bool {
    exp.parse::<i64>()
        .map_or(true, |exp| exp < now_millis() / 1000)
}

async fn upload(
    State(blobs): State<LocalBlobs>,
    UrlPath(params): UrlPath<HashMap<String, String>>,
    query: Result<Query<PutQuery>, QueryRejection>,
    headers: HeaderMap,
    request: Request,
) -> Response {
    let key = params.get("key").cloned().unwrap_or_default();
    let Ok(Query(query)) = query else {
        return refuse(StatusCode::FORBIDDEN, "not a signed upload URL");
    };
    let fields = [
        "put",
        key.as_str(),
        &query.exp,
        &query.size,
        &query.content_type,
    ];
    if !blobs.verify(&fields, &query.sig) {
        return refuse(
            StatusCode::FORBIDDEN,
            "the upload URL's signature does not match",
        );
    }
    if expired(&query.exp) {
        return refuse(
            StatusCode::FORBIDDEN,
            "the upload URL has expired: ask for a new one",
        );
    }
    let Some(path) = blobs.path(&key) else {
        return refuse(StatusCode::NOT_FOUND, "no such media");
    };
    let size: u64 = query.size.parse().unwrap_or(0);
    let declared_length = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared_length != Some(size) {
        return refuse(
            StatusCode::BAD_REQUEST,
            &format!("send exactly {size} bytes, with that Content-Length"),
        );
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if !content_type.eq_ignore_ascii_case(&query.content_type) {
        return refuse(
            StatusCode::BAD_REQUEST,
            &format!("send Content-Type {}", query.content_type),
        );
    }
    if path.exists() {
        return refuse(StatusCode::CONFLICT, "this media was uploaded already");
    }
    match write_upload(&path, size, request.into_body()).await {
        Ok(()) => StatusCode::OK.into_response(),
        Err(UploadError::Conflict) => {
            refuse(StatusCode::CONFLICT, "this media was uploaded already")
        }
        Err(UploadError::Length) => refuse(
            StatusCode::BAD_REQUEST,
            &format!("send exactly {size} bytes"),
        ),
        Err(UploadError::Io(e)) => {
            tracing::error!(error = %e, "storing an upload");
            refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the upload could not be stored",
            )
        }
    }
}

enum UploadError {
    Conflict,
    Length,
    Io(std::io::Error),
}

/// Streams `body` into a temporary file beside `path`, refusing more or fewer than `size`
/// bytes, then gives it its name unless another upload did first.
async fn write_upload(path: &Path, size: u64, body: axum::body::Body) -> Result<(), UploadError> {
    let temp = path.with_extension(format!("part-{}", uuid::Uuid::new_v4().simple()));
    let result = async {
        let mut file = tokio::fs::File::create(&temp)
            .await
            .map_err(UploadError::Io)?;
        let mut written: u64 = 0;
        let mut stream = body.into_data_stream();
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|e| UploadError::Io(std::io::Error::other(e)))?;
            written += chunk.len() as u64;
            if written > size {
                return Err(UploadError::Length);
            }
            file.write_all(&chunk).await.map_err(UploadError::Io)?;
        }
        if written != size {
            return Err(UploadError::Length);
        }
        file.sync_all().await.map_err(UploadError::Io)?;
        // A hard link fails when the name exists: the first complete upload wins.
        match tokio::fs::hard_link(&temp, path).await {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(UploadError::Conflict),
            Err(e) => Err(UploadError::Io(e)),
        }
    }
    .await;
    let _ = tokio::fs::remove_file(&temp).await;
    result
}

async fn download(
    State(blobs): State<LocalBlobs>,
    UrlPath(params): UrlPath<HashMap<String, String>>,
    query: Result<Query<GetQuery>, QueryRejection>,
    request: Request,
) -> Response {
    let key = params.get("key").cloned().unwrap_or_default();
    let Ok(Query(query)) = query else {
        return refuse(StatusCode::FORBIDDEN, "not a signed download URL");
    };
    let fields = [
        "get",
        key.as_str(),
        &query.exp,
        &query.content_type,
        &query.name,
        &query.inline,
    ];
    if !blobs.verify(&fields, &query.sig) {
        return refuse(
            StatusCode::FORBIDDEN,
            "the download URL's signature does not match",
        );
    }
    if expired(&query.exp) {
        return refuse(
            StatusCode::FORBIDDEN,
            "the download URL has expired: ask for a new one",
        );
    }
    let Some(path) = blobs.path(&key) else {
        return refuse(StatusCode::NOT_FOUND, "no such media");
    };
    // ServeFile answers ranges, conditional requests and HEAD.
    let served = tower_http::services::ServeFile::new(&path)
        .oneshot(request)
        .await;
    let mut response = match served {
        Ok(response) => response.map(axum::body::Body::new),
        Err(never) => match never {},
    };
    if response.status() == StatusCode::NOT_FOUND {
        return refuse(StatusCode::NOT_FOUND, "no such media");
    }
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&query.content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    if let Ok(value) = HeaderValue::from_str(&disposition(&query.name, query.inline == "1")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    // Never run as a page of this origin, whatever the bytes are.
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox; default-src 'none'"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=3600"),
    );
    response
}

/// The routes of `LocalBlobs` as a service of the gRPC port: tonic routes `/media/*` here (its
/// own route adds a path parameter `rest`, hence the map of parameters in the handlers).
#[derive(Clone)]
pub struct MediaFiles {
    router: axum::Router,
}

impl tonic::server::NamedService for MediaFiles {
    const NAME: &'static str = "media";
}

impl Service<http::Request<tonic::body::Body>> for MediaFiles {
    type Response = Response;
    type Error = Infallible;
    type Future = axum::routing::future::RouteFuture<Infallible>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<std::result::Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: http::Request<tonic::body::Body>) -> Self::Future {
        self.router.call(request.map(axum::body::Body::new))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blobs() -> (tempfile::TempDir, LocalBlobs) {
        let dir = tempfile::tempdir().unwrap();
        let blobs = LocalBlobs::open(dir.path(), "http://127.0.0.1:1/", b"secret").unwrap();
        (dir, blobs)
    }

    #[test]
    fn a_signature_covers_every_field_and_where_fields_end() {
        let (_dir, blobs) = blobs();
        let signed = blobs.sign(&["get", "k", "9", "image/png", "a.png", "1"]);
        assert!(blobs.verify(&["get", "k", "9", "image/png", "a.png", "1"], &signed));
        assert!(!blobs.verify(&["get", "k", "9", "image/png", "a.png", "0"], &signed));
        assert!(!blobs.verify(&["get", "k", "9", "text/html", "a.png", "1"], &signed));
        // The same characters split differently are another list.
        assert!(!blobs.verify(&["get", "k", "9", "image/pnga.png", "", "1"], &signed));
        assert!(!blobs.verify(&["get", "k", "9", "image/png", "a.png", "1"], "zz"));
        let (_other_dir, other) = blobs_with_secret(b"another");
        assert!(!other.verify(&["get", "k", "9", "image/png", "a.png", "1"], &signed));
    }

    fn blobs_with_secret(secret: &[u8]) -> (tempfile::TempDir, LocalBlobs) {
        let dir = tempfile::tempdir().unwrap();
        let blobs = LocalBlobs::open(dir.path(), "http://127.0.0.1:1", secret).unwrap();
        (dir, blobs)
    }

    #[test]
    fn only_media_ids_name_files() {
        let (dir, blobs) = blobs();
        let id = "01a24357-1f86-7312-9740-b58f84b356ed";
        assert_eq!(blobs.path(id), Some(dir.path().join(id)));
        for bad in [
            "../etc/passwd",
            "",
            "a/b",
            "01a24357-1f86-7312-9740-b58f84b356ed/..",
        ] {
            assert_eq!(blobs.path(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn urls_point_at_the_public_base_once_slashed() {
        let (_dir, blobs) = blobs();
        let request = blobs.upload_request("k", "image/png", 5, Duration::from_secs(60));
        assert!(
            request.url.starts_with("http://127.0.0.1:1/media/k?exp="),
            "{}",
            request.url
        );
        assert!(
            request.url.contains("&type=image%2Fpng&"),
            "{}",
            request.url
        );
    }
}
