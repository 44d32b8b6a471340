//! Media uploads (docs/media.md) on the profile's blob store (embedded: files served by the
//! server; production: the S3-compatible store): what goes up comes down to those who may see
//! it, the server checks what arrived and fills messages in from it, and nobody else gets at it.

use easychat_proto::media::v1 as media;
use sha2::{Digest, Sha256};

use super::*;

/// A real 3×2 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x02, 0x08, 0x06, 0x00, 0x00, 0x00, 0x9d, 0x74, 0x66,
    0x1a, 0x00, 0x00, 0x00, 0x11, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
    0x1f, 0x86, 0x19, 0x90, 0x39, 0x00, 0x9b, 0x7e, 0x0b, 0xf5, 0x72, 0xb0, 0xb9, 0x3c, 0x00, 0x00,
    0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

fn http() -> reqwest::Client {
    reqwest::Client::new()
}

async fn create(
    user: &TestUser,
    kind: media::MediaKind,
    mime_type: &str,
    size: usize,
    file_name: &str,
    sha256: &str,
) -> Result<media::CreateUploadResponse, tonic::Status> {
    user.media()
        .create_upload(media::CreateUploadRequest {
            kind: kind as i32,
            mime_type: mime_type.to_owned(),
            size: size as i64,
            sha256: sha256.to_owned(),
            file_name: file_name.to_owned(),
        })
        .await
        .map(|r| r.into_inner())
}

/// PUTs `bytes` as the upload asks; the HTTP status.
async fn put(upload: &media::CreateUploadResponse, bytes: &[u8]) -> u16 {
    assert_eq!(upload.upload_method, "PUT");
    let mut request = http().put(&upload.upload_url).body(bytes.to_vec());
    for (name, value) in &upload.upload_headers {
        request = request.header(name, value);
    }
    let response = request.send().await.expect("the upload URL answers");
    let status = response.status().as_u16();
    if status >= 300 {
        // Shown when a test fails: why the upload was refused.
        eprintln!(
            "PUT {status}: {}",
            response.text().await.unwrap_or_default()
        );
    }
    status
}

async fn complete(user: &TestUser, media_id: &str) -> Result<media::Media, tonic::Status> {
    user.media()
        .complete_upload(media::CompleteUploadRequest {
            media_id: media_id.to_owned(),
        })
        .await
        .map(|r| r.into_inner().media.expect("media"))
}

/// Uploads `bytes` through all three steps.
async fn upload(
    user: &TestUser,
    kind: media::MediaKind,
    mime_type: &str,
    bytes: &[u8],
    name: &str,
) -> media::Media {
    let upload = create(user, kind, mime_type, bytes.len(), name, "")
        .await
        .expect("create upload");
    let status = put(&upload, bytes).await;
    assert!((200..300).contains(&status), "PUT answered {status}");
    complete(user, &upload.media.unwrap().media_id)
        .await
        .expect("complete upload")
}

async fn download_url(user: &TestUser, media_id: &str) -> Result<String, tonic::Status> {
    user.media()
        .get_download_url(media::GetDownloadUrlRequest {
            media_id: media_id.to_owned(),
        })
        .await
        .map(|r| r.into_inner().url)
}

fn image_message(media_id: &str) -> im::MessageContent {
    content(Kind::Image(im::ImageContent {
        media_id: media_id.to_owned(),
        ..Default::default()
    }))
    .expect("content")
}

fn content(kind: Kind) -> Option<im::MessageContent> {
    Some(im::MessageContent { kind: Some(kind) })
}

#[tokio::test]
async fn an_image_goes_up_is_sent_and_comes_down_to_members_only() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let eve = server.register("eve").await;
    let conversation_id = befriend(&alice, &bob).await;
    befriend(&alice, &eve).await;

    let image = upload(&alice, media::MediaKind::Image, "image/png", PNG, "dot.png").await;
    assert!(image.completed);
    assert_eq!(
        (image.width, image.height, image.size),
        (3, 2, PNG.len() as i64)
    );
    assert_eq!(image.uploader_id, alice.user_id);

    // Sent with only the media id: the server fills in what it knows.
    let sent = send(
        &alice,
        to_conversation(&conversation_id),
        Some(image_message(&image.media_id)),
    )
    .await
    .expect("send the image")
    .message
    .unwrap();
    let Some(Kind::Image(sent_image)) = sent.content.unwrap().kind else {
        panic!("an image message");
    };
    assert_eq!(sent_image.media_id, image.media_id);
    assert_eq!(
        (sent_image.width, sent_image.height, sent_image.size),
        (3, 2, PNG.len() as i64)
    );
    assert_eq!(sent_image.url, "");

    // Bob, a member of the conversation, downloads it whole and in part.
    let url = download_url(&bob, &image.media_id)
        .await
        .expect("bob may download");
    let response = http().get(&url).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "image/png");
    assert_eq!(response.bytes().await.unwrap().as_ref(), PNG);
    let part = http()
        .get(&url)
        .header("range", "bytes=0-7")
        .send()
        .await
        .unwrap();
    assert_eq!(part.status(), 206);
    assert_eq!(part.bytes().await.unwrap().as_ref(), &PNG[..8]);

    // Eve, a friend of alice but not in that conversation, can neither download nor send it.
    let refused = download_url(&eve, &image.media_id).await.unwrap_err();
    assert_eq!(refused.code(), Code::PermissionDenied);
    assert_eq!(reason(&refused), "MEDIA_NOT_SHARED");
    let eve_and_bob = befriend(&eve, &bob).await;
    let refused = send(
        &eve,
        to_conversation(&eve_and_bob),
        Some(image_message(&image.media_id)),
    )
    .await
    .unwrap_err();
    assert_eq!(reason(&refused), "MEDIA_NOT_SHARED");

    // Bob may forward what he was sent; then eve, in that conversation, may download it.
    send(
        &bob,
        to_conversation(&eve_and_bob),
        Some(image_message(&image.media_id)),
    )
    .await
    .expect("bob forwards");
    download_url(&eve, &image.media_id)
        .await
        .expect("now shared with eve");
    server.stop().await;
}

#[tokio::test]
async fn a_file_message_takes_its_name_size_and_type_from_the_upload() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let conversation_id = befriend(&alice, &bob).await;
    let bytes = b"%PDF-1.4 not really a pdf".to_vec();
    let file = upload(
        &alice,
        media::MediaKind::File,
        "application/pdf",
        &bytes,
        "notes.pdf",
    )
    .await;
    // The client claims another size and type: the upload's win.
    let sent = send(
        &alice,
        to_conversation(&conversation_id),
        content(Kind::File(im::FileContent {
            media_id: file.media_id.clone(),
            size: 1,
            mime_type: "text/plain".to_owned(),
            ..Default::default()
        })),
    )
    .await
    .expect("send the file")
    .message
    .unwrap();
    let Some(Kind::File(sent_file)) = sent.content.unwrap().kind else {
        panic!("a file message");
    };
    assert_eq!(sent_file.name, "notes.pdf");
    assert_eq!(sent_file.size, bytes.len() as i64);
    assert_eq!(sent_file.mime_type, "application/pdf");

    let url = download_url(&bob, &file.media_id).await.unwrap();
    let response = http().get(&url).send().await.unwrap();
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(disposition.starts_with("attachment"), "{disposition}");
    assert!(disposition.contains("notes.pdf"), "{disposition}");
    assert_eq!(response.bytes().await.unwrap().as_ref(), &bytes[..]);

    // An image message cannot name a file upload.
    let refused = send(
        &alice,
        to_conversation(&conversation_id),
        Some(image_message(&file.media_id)),
    )
    .await
    .unwrap_err();
    assert_eq!(refused.code(), Code::InvalidArgument);
    server.stop().await;
}

#[tokio::test]
async fn what_arrived_is_checked_against_what_was_declared() {
    let server = TestServer::start().await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let conversation_id = befriend(&alice, &bob).await;

    // Nothing uploaded yet: not complete, and not sendable.
    let pending = create(
        &alice,
        media::MediaKind::Image,
        "image/png",
        PNG.len(),
        "",
        "",
    )
    .await
    .unwrap();
    let pending_id = pending.media.clone().unwrap().media_id;
    let refused = complete(&alice, &pending_id).await.unwrap_err();
    assert_eq!(reason(&refused), "MEDIA_NOT_UPLOADED");
    let refused = send(
        &alice,
        to_conversation(&conversation_id),
        Some(image_message(&pending_id)),
    )
    .await
    .unwrap_err();
    assert_eq!(reason(&refused), "MEDIA_NOT_UPLOADED");
    // Someone else cannot complete it (or learn that it exists).
    let refused = complete(&bob, &pending_id).await.unwrap_err();
    assert_eq!(reason(&refused), "MEDIA_NOT_FOUND");

    // Fewer or more bytes than declared are refused by the upload URL itself.
    assert!(put(&pending, &PNG[..10]).await >= 400);
    assert!(put(&pending, &[PNG, b"extra"].concat()).await >= 400);
    assert_eq!(
        reason(&complete(&alice, &pending_id).await.unwrap_err()),
        "MEDIA_NOT_UPLOADED"
    );

    // Declared a PNG, sent text of the same length.
    let not_png = vec![b'x'; PNG.len()];
    let liar = create(
        &alice,
        media::MediaKind::Image,
        "image/png",
        not_png.len(),
        "",
        "",
    )
    .await
    .unwrap();
    assert!(put(&liar, &not_png).await < 300);
    let refused = complete(&alice, &liar.media.unwrap().media_id)
        .await
        .unwrap_err();
    assert_eq!(refused.code(), Code::FailedPrecondition);
    assert_eq!(reason(&refused), "MEDIA_MISMATCH");

    // A file name with a line break, an invisible formatting character or a path is refused.
    for name in ["a\nb.txt", "fdp\u{202E}.exe", "../a.txt"] {
        let refused = create(&alice, media::MediaKind::File, "text/plain", 1, name, "")
            .await
            .unwrap_err();
        assert_eq!(refused.code(), Code::InvalidArgument, "{name:?}");
    }

    // A declared checksum is checked.
    let bytes = b"some bytes".to_vec();
    let wrong_sum = hex::encode(Sha256::digest(b"other bytes"));
    let refused = upload_summed(&alice, &bytes, &wrong_sum).await.unwrap_err();
    assert_eq!(reason(&refused), "MEDIA_MISMATCH");
    let right_sum = hex::encode(Sha256::digest(&bytes));
    let done = upload_summed(&alice, &bytes, &right_sum).await.unwrap();
    assert_eq!(done.sha256, right_sum);

    // What was checked cannot be replaced: the upload URL takes one upload.
    let once = create(
        &alice,
        media::MediaKind::File,
        "text/plain",
        bytes.len(),
        "b.txt",
        "",
    )
    .await
    .unwrap();
    assert!(put(&once, &bytes).await < 300);
    complete(&alice, &once.media.clone().unwrap().media_id)
        .await
        .unwrap();
    let again = put(&once, b"other byte").await;
    assert!(again >= 400, "a second upload was taken ({again})");
    server.stop().await;
}

/// Uploads `bytes` as a text file declared with the checksum `sha256`, and completes it.
async fn upload_summed(
    user: &TestUser,
    bytes: &[u8],
    sha256: &str,
) -> Result<media::Media, tonic::Status> {
    let upload = create(
        user,
        media::MediaKind::File,
        "text/plain",
        bytes.len(),
        "a.txt",
        sha256,
    )
    .await
    .unwrap();
    assert!(put(&upload, bytes).await < 300);
    complete(user, &upload.media.unwrap().media_id).await
}

#[tokio::test]
async fn uploads_are_held_to_their_kind_size_quota_and_rate() {
    let server = TestServer::start_with(|config| {
        config.media.quota_bytes_per_user = 1_000;
        config.media.image.max_bytes = 800;
        config.limits.uploads_per_minute = 6;
    })
    .await;
    let alice = server.register("alice").await;
    let too_large = create(&alice, media::MediaKind::Image, "image/png", 801, "", "")
        .await
        .unwrap_err();
    assert_eq!(
        (too_large.code(), reason(&too_large).as_str()),
        (Code::FailedPrecondition, "MEDIA_TOO_LARGE")
    );
    let svg = create(&alice, media::MediaKind::Image, "image/svg+xml", 10, "", "")
        .await
        .unwrap_err();
    assert_eq!(reason(&svg), "MEDIA_TYPE_NOT_ALLOWED");
    let unspecified = create(
        &alice,
        media::MediaKind::Unspecified,
        "image/png",
        10,
        "",
        "",
    )
    .await
    .unwrap_err();
    assert_eq!(unspecified.code(), Code::InvalidArgument);
    create(
        &alice,
        media::MediaKind::File,
        "application/zip",
        600,
        "a.zip",
        "",
    )
    .await
    .expect("within the quota");
    let over = create(
        &alice,
        media::MediaKind::File,
        "application/zip",
        600,
        "b.zip",
        "",
    )
    .await
    .unwrap_err();
    assert_eq!(
        (over.code(), reason(&over).as_str()),
        (Code::ResourceExhausted, "MEDIA_QUOTA_EXCEEDED")
    );
    // Four asked for so far (refusals count; the unreadable kind was refused before): two
    // more fit in the minute's six, the seventh does not.
    for n in 5..=6 {
        create(&alice, media::MediaKind::File, "text/plain", 1, "", "")
            .await
            .unwrap_or_else(|e| panic!("upload {n}: {e}"));
    }
    let limited = create(&alice, media::MediaKind::File, "text/plain", 1, "", "")
        .await
        .unwrap_err();
    assert_eq!(reason(&limited), "RATE_LIMITED");
    server.stop().await;
}

#[tokio::test]
async fn signed_urls_cannot_be_altered_or_reused_after_they_expire() {
    let server = TestServer::start_with(|config| {
        config.media.download_url_ttl_secs = 3;
    })
    .await;
    let alice = server.register("alice").await;
    let image = upload(&alice, media::MediaKind::Image, "image/png", PNG, "").await;
    let url = download_url(&alice, &image.media_id).await.unwrap();
    assert_eq!(http().get(&url).send().await.unwrap().status(), 200);
    // Served as something else: the signature no longer matches.
    let altered = url.replace("image%2Fpng", "text%2Fhtml");
    assert_ne!(altered, url);
    assert!(http().get(&altered).send().await.unwrap().status().as_u16() >= 400);
    tokio::time::sleep(Duration::from_millis(4_100)).await;
    assert!(
        http().get(&url).send().await.unwrap().status().as_u16() >= 400,
        "expired"
    );
    server.stop().await;
}

#[tokio::test]
async fn the_message_policy_sees_the_uploads_facts_and_a_refused_message_shares_nothing() {
    use easychat_server::config::BeforeSendConfig;
    use easychat_tests::webhooks::{Receiver, Reply};
    // Refuses every image, and says so.
    let policy = Receiver::answering(|request| {
        if request.body["data"]["content"]["image"].is_object() {
            Reply::Ok(serde_json::json!({"action": "reject", "reason": "no pictures today"}))
        } else {
            Reply::Ok(serde_json::Value::Null)
        }
    })
    .await;
    let server = TestServer::start_with(|config| {
        config.webhooks.before_send = Some(BeforeSendConfig {
            url: policy.url(),
            secret: "a-test-secret-of-enough-length".to_owned(),
            timeout_ms: 2_000,
            fail_open: false,
        });
    })
    .await;
    let alice = server.register("alice").await;
    let bob = server.register("bob").await;
    let conversation_id = befriend(&alice, &bob).await;
    let image = upload(&alice, media::MediaKind::Image, "image/png", PNG, "").await;
    let refused = send(
        &alice,
        to_conversation(&conversation_id),
        Some(image_message(&image.media_id)),
    )
    .await
    .unwrap_err();
    assert_eq!(reason(&refused), "REJECTED_BY_POLICY");
    // The policy was shown the upload's facts, not the client's (empty) ones.
    let asked = policy.received();
    let shown = &asked.last().expect("the policy was asked").body["data"]["content"]["image"];
    assert_eq!(shown["mediaId"], image.media_id.as_str());
    assert_eq!(shown["size"], PNG.len().to_string());
    assert_eq!(
        (shown["width"].as_i64(), shown["height"].as_i64()),
        (Some(3), Some(2))
    );
    // Nothing was sent, so nothing was shared.
    let not_shared = download_url(&bob, &image.media_id).await.unwrap_err();
    assert_eq!(reason(&not_shared), "MEDIA_NOT_SHARED");
    server.stop().await;
}
