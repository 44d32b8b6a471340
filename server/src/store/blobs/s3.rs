//! Uploads in an S3-compatible object store (`media.s3`): clients PUT and GET through URLs
//! pre-signed here (SigV4, `rusty-s3`); the server itself only looks (HEAD, a range GET, a
//! streamed GET for the checksum) and deletes what did not match. The upload URL signs the
//! declared Content-Type and Content-Length, so the store refuses any other size or type, and
//! `If-None-Match: *`, so it refuses a second upload to the same key: what was checked cannot be
//! replaced (AWS S3, MinIO and SeaweedFS honour it).

use std::time::Duration;

use anyhow::Context;
use async_trait::async_trait;
use reqwest::{StatusCode, Url};
use rusty_s3::{Bucket, Credentials, S3Action, UrlStyle};
use sha2::{Digest, Sha256};

use super::disposition;
use crate::config::S3Config;
use crate::domain::ports::{BlobStore, SignedRequest};
use crate::error::{Error, Result};

/// How long the URLs the server signs for itself work.
const OWN_URL_TTL: Duration = Duration::from_secs(60);

#[derive(Clone)]
pub struct S3Blobs {
    bucket: Bucket,
    credentials: Credentials,
    client: reqwest::Client,
}

impl S3Blobs {
    /// Checks the store answers and creates the bucket when it is missing.
    pub async fn open(config: &S3Config) -> anyhow::Result<S3Blobs> {
        let endpoint: Url = config
            .endpoint
            .parse()
            .with_context(|| format!("media.s3.endpoint {:?} is not a URL", config.endpoint))?;
        let style = if config.path_style {
            UrlStyle::Path
        } else {
            UrlStyle::VirtualHost
        };
        let bucket = Bucket::new(
            endpoint,
            style,
            config.bucket.clone(),
            config.region.clone(),
        )
        .context("media.s3: the endpoint and bucket do not make a bucket URL")?;
        let blobs = S3Blobs {
            bucket,
            credentials: Credentials::new(&config.access_key, &config.secret_key),
            client: reqwest::Client::builder()
                .connect_timeout(Duration::from_secs(5))
                .timeout(Duration::from_secs(300))
                .build()
                .context("building the S3 client")?,
        };
        blobs.ensure_bucket().await?;
        Ok(blobs)
    }

    async fn ensure_bucket(&self) -> anyhow::Result<()> {
        let head = self
            .bucket
            .head_bucket(Some(&self.credentials))
            .sign(OWN_URL_TTL);
        let status = self
            .client
            .head(head)
            .send()
            .await
            .context("reaching the S3 store (media.s3.endpoint)")?
            .status();
        if status.is_success() {
            return Ok(());
        }
        let create = self
            .bucket
            .create_bucket(&self.credentials)
            .sign(OWN_URL_TTL);
        let response = self
            .client
            .put(create)
            .send()
            .await
            .context("creating the media bucket")?;
        let status = response.status();
        // Created now, or by another node in the meantime.
        if status.is_success() || status == StatusCode::CONFLICT {
            return Ok(());
        }
        let body = response.text().await.unwrap_or_default();
        anyhow::bail!(
            "creating the media bucket {}: HTTP {status}: {body}",
            self.bucket.name()
        )
    }

    fn object_get(&self, key: &str) -> Url {
        self.bucket
            .get_object(Some(&self.credentials), key)
            .sign(OWN_URL_TTL)
    }
}

fn unavailable(context: &'static str) -> impl FnOnce(reqwest::Error) -> Error {
    move |e| Error::unavailable(context, e)
}

#[async_trait]
impl BlobStore for S3Blobs {
    fn upload_request(
        &self,
        key: &str,
        content_type: &str,
        size: i64,
        ttl: Duration,
    ) -> SignedRequest {
        let size = size.to_string();
        let mut action = self.bucket.put_object(Some(&self.credentials), key);
        action.headers_mut().insert("content-type", content_type);
        action.headers_mut().insert("content-length", size.as_str());
        action.headers_mut().insert("if-none-match", "*");
        SignedRequest {
            method: "PUT",
            url: action.sign(ttl).to_string(),
            // Content-Length is signed too; HTTP clients send it themselves (browsers may not
            // be told to), so it is not listed.
            headers: vec![
                ("content-type".to_owned(), content_type.to_owned()),
                ("if-none-match".to_owned(), "*".to_owned()),
            ],
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
        let disposition = disposition(file_name, inline);
        let mut action = self.bucket.get_object(Some(&self.credentials), key);
        action
            .query_mut()
            .insert("response-content-type", content_type);
        action
            .query_mut()
            .insert("response-content-disposition", disposition.as_str());
        action.sign(ttl).to_string()
    }

    async fn size(&self, key: &str) -> Result<Option<i64>> {
        let url = self
            .bucket
            .head_object(Some(&self.credentials), key)
            .sign(OWN_URL_TTL);
        let response = self
            .client
            .head(url)
            .send()
            .await
            .map_err(unavailable("asking the S3 store for an upload"))?;
        match response.status() {
            StatusCode::NOT_FOUND => Ok(None),
            // The header itself: reqwest's content_length() is the (empty) body's of a HEAD.
            status if status.is_success() => Ok(response
                .headers()
                .get(reqwest::header::CONTENT_LENGTH)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse().ok())),
            status => Err(Error::unavailable(
                "asking the S3 store for an upload",
                format!("HTTP {status}"),
            )),
        }
    }

    async fn prefix(&self, key: &str, len: usize) -> Result<Vec<u8>> {
        let response = self
            .client
            .get(self.object_get(key))
            .header(
                reqwest::header::RANGE,
                format!("bytes=0-{}", len.saturating_sub(1)),
            )
            .send()
            .await
            .and_then(|r| r.error_for_status())
            .map_err(unavailable("reading an upload from the S3 store"))?;
        let bytes = response
            .bytes()
            .await
            .map_err(unavailable("reading an upload from the S3 store"))?;
        // A store that ignores ranges sends it all.
        Ok(bytes[..bytes.len().min(len)].to_vec())
    }

    async fn sha256(&self, key: &str) -> Result<String> {
        let mut response = self
            .client
            .get(self.object_get(key))
            .send()
            .await
            .and_then(|r| r.error_for_status())
            .map_err(unavailable("reading an upload from the S3 store"))?;
        let mut hasher = Sha256::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(unavailable("reading an upload from the S3 store"))?
        {
            hasher.update(&chunk);
        }
        Ok(hex::encode(hasher.finalize()))
    }

    async fn delete(&self, key: &str) -> Result<()> {
        let url = self
            .bucket
            .delete_object(Some(&self.credentials), key)
            .sign(OWN_URL_TTL);
        let response = self
            .client
            .delete(url)
            .send()
            .await
            .map_err(unavailable("removing an upload from the S3 store"))?;
        let status = response.status();
        if status.is_success() || status == StatusCode::NOT_FOUND {
            Ok(())
        } else {
            Err(Error::unavailable(
                "removing an upload from the S3 store",
                format!("HTTP {status}"),
            ))
        }
    }
}
