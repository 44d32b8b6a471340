//! The SDK against a live server: `EASYCHAT_URL` when set (sdk-gen/test-all), otherwise a server
//! started in this process on an ephemeral port.

use std::time::Duration;

use easychat_sdk::proto::im::v1::message_content::Kind;
use easychat_sdk::proto::media::v1::MediaKind;
use easychat_sdk::proto::social::v1::{HandleFriendRequestRequest, SendFriendRequestRequest};
use easychat_sdk::{ChatSession, Client, Error, SessionEvent};

const WAIT: Duration = Duration::from_secs(10);

/// The server under test; keeps an in-process server alive for the test's duration.
struct Server {
    url: String,
    _stop: Option<tokio::sync::oneshot::Sender<()>>,
    _data: Option<tempfile::TempDir>,
}

async fn server() -> Server {
    if let Ok(url) = std::env::var("EASYCHAT_URL") {
        return Server {
            url,
            _stop: None,
            _data: None,
        };
    }
    let data = tempfile::tempdir().expect("temp dir");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let config = easychat_server::config::Config {
        data_dir: data.path().to_path_buf(),
        listen: listener.local_addr().expect("address"),
        ..Default::default()
    };
    let url = format!("http://{}", config.listen);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(easychat_server::server::run(
        config,
        listener,
        None,
        async move {
            let _ = stopped.await;
        },
    ));
    Server {
        url,
        _stop: Some(stop),
        _data: Some(data),
    }
}

fn phone() -> String {
    format!("+86{}", &uuid::Uuid::new_v4().as_u128().to_string()[..11])
}

async fn user(url: &str, nickname: &str) -> (Client, String) {
    let client = Client::connect(url).await.expect("connect");
    let me = client
        .register(&phone(), "password123", nickname)
        .await
        .expect("register");
    (client, me.user_id)
}

async fn befriend(a: &Client, b: &Client, b_id: &str, a_id: &str) -> String {
    let request = a
        .social()
        .send_friend_request(SendFriendRequestRequest {
            user_id: b_id.to_owned(),
            message: String::new(),
        })
        .await
        .expect("friend request")
        .into_inner()
        .request
        .expect("request");
    b.social()
        .handle_friend_request(HandleFriendRequestRequest {
            request_id: request.request_id,
            accept: true,
            message: String::new(),
        })
        .await
        .expect("accept");
    let (low, high) = if a_id < b_id {
        (a_id, b_id)
    } else {
        (b_id, a_id)
    };
    format!("s_{low}_{high}")
}

/// The next event the predicate picks out, skipping others; fails after a timeout.
async fn next<T>(session: &mut ChatSession, mut pick: impl FnMut(SessionEvent) -> Option<T>) -> T {
    tokio::time::timeout(WAIT, async {
        loop {
            let event = session.next_event().await.expect("session ended");
            if let Some(found) = pick(event) {
                return found;
            }
        }
    })
    .await
    .expect("event within the timeout")
}

fn text_of(message: &easychat_sdk::proto::im::v1::Message) -> String {
    use easychat_sdk::proto::im::v1::message_content::Kind;
    match message.content.as_ref().and_then(|c| c.kind.as_ref()) {
        Some(Kind::Text(text)) => text.text.clone(),
        _ => String::new(),
    }
}

#[tokio::test]
async fn two_users_chat_reconnect_sync_and_see_receipts() {
    let server = server().await;
    let (alice, alice_id) = user(&server.url, "alice").await;
    let (bob, bob_id) = user(&server.url, "bob").await;
    let conversation = befriend(&alice, &bob, &bob_id, &alice_id).await;

    let mut alice_session = ChatSession::start(alice.clone());
    let mut bob_session = ChatSession::start(bob.clone());
    next(&mut alice_session, |e| {
        matches!(e, SessionEvent::Connected).then_some(())
    })
    .await;
    next(&mut bob_session, |e| {
        matches!(e, SessionEvent::Connected).then_some(())
    })
    .await;

    // Both ways, in real time.
    let sent = alice_session
        .send_text(&conversation, "hi bob")
        .await
        .expect("send");
    assert_eq!(sent.seq, 1);
    let got = next(&mut bob_session, |e| match e {
        SessionEvent::Message(m) => Some(m),
        _ => None,
    })
    .await;
    assert_eq!((got.seq, text_of(&got)), (1, "hi bob".to_owned()));
    bob_session
        .send_text(&conversation, "hi alice")
        .await
        .expect("send");
    let got = next(&mut alice_session, |e| match e {
        SessionEvent::Message(m) if m.sender_id == bob_id => Some(m),
        _ => None,
    })
    .await;
    assert_eq!((got.seq, text_of(&got)), (2, "hi alice".to_owned()));

    // Alice's connection drops while Bob keeps sending: she catches up without gaps.
    alice_session.drop_connection().await.expect("drop");
    for n in 0..5 {
        bob_session
            .send_text(&conversation, &format!("while away {n}"))
            .await
            .expect("send");
    }
    let mut seqs = Vec::new();
    while seqs.len() < 5 {
        let message = next(&mut alice_session, |e| match e {
            SessionEvent::Message(m) => Some(m),
            _ => None,
        })
        .await;
        seqs.push(message.seq);
    }
    assert_eq!(seqs, vec![3, 4, 5, 6, 7], "every seq once, in order");

    // Alice reads; Bob gets the receipt.
    alice_session
        .mark_read(&conversation, 7)
        .await
        .expect("mark read");
    let receipt = next(&mut bob_session, |e| match e {
        SessionEvent::ReadReceipt(r) => Some(r),
        _ => None,
    })
    .await;
    assert_eq!(receipt.conversation_id, conversation);
    assert!(
        receipt
            .positions
            .iter()
            .any(|p| p.user_id == alice_id && p.read_seq == 7)
    );
}

#[tokio::test]
async fn a_session_started_late_catches_up_from_the_read_position() {
    let server = server().await;
    let (alice, alice_id) = user(&server.url, "alice").await;
    let (bob, bob_id) = user(&server.url, "bob").await;
    let conversation = befriend(&alice, &bob, &bob_id, &alice_id).await;
    let mut bob_session = ChatSession::start(bob.clone());
    next(&mut bob_session, |e| {
        matches!(e, SessionEvent::Connected).then_some(())
    })
    .await;
    for n in 0..30 {
        bob_session
            .send_text(&conversation, &format!("m{n}"))
            .await
            .expect("send");
    }

    let mut alice_session = ChatSession::start(alice);
    let mut seqs = Vec::new();
    while seqs.len() < 30 {
        let message = next(&mut alice_session, |e| match e {
            SessionEvent::Message(m) => Some(m),
            _ => None,
        })
        .await;
        seqs.push(message.seq);
    }
    assert_eq!(seqs, (1..=30).collect::<Vec<i64>>());
}

/// (emoji, count, reacted by me) of each reaction.
fn counts(reactions: &[easychat_sdk::proto::im::v1::ReactionCount]) -> Vec<(&str, i64, bool)> {
    reactions
        .iter()
        .map(|r| (r.emoji.as_str(), r.count, r.reacted_by_me))
        .collect()
}

#[tokio::test]
async fn a_reply_quotes_its_original_and_reactions_edits_pins_and_mentions_reach_the_other_session()
{
    let server = server().await;
    let (alice, alice_id) = user(&server.url, "alice").await;
    let (bob, bob_id) = user(&server.url, "bob").await;
    let conversation = befriend(&alice, &bob, &bob_id, &alice_id).await;
    let mut alice_session = ChatSession::start(alice);
    let mut bob_session = ChatSession::start(bob);

    let original = alice_session
        .send_text(&conversation, "lunch at noon?")
        .await
        .expect("send");
    let answer = bob_session
        .reply_text(&conversation, &original.message_id, "yes")
        .await
        .expect("reply");
    let quote = answer.reply_to.expect("the reply quotes");
    assert_eq!(quote.message_id, original.message_id);
    assert_eq!(
        (quote.seq, quote.sender_id.as_str(), quote.snippet.as_str()),
        (original.seq, alice_id.as_str(), "lunch at noon?")
    );
    let received = next(&mut alice_session, |e| match e {
        SessionEvent::Message(m) if m.message_id == answer.message_id => Some(m),
        _ => None,
    })
    .await;
    assert_eq!(
        received.reply_to.map(|q| q.message_id),
        Some(original.message_id.clone())
    );

    let reactions = bob_session
        .add_reaction(&original.message_id, "🎉")
        .await
        .expect("add reaction");
    assert_eq!(counts(&reactions), [("🎉", 1, true)]);
    let added = next(&mut alice_session, |e| match e {
        SessionEvent::Reaction(r) => Some(r),
        _ => None,
    })
    .await;
    assert_eq!(
        (
            added.message_id.as_str(),
            added.user_id.as_str(),
            added.emoji.as_str(),
            added.added
        ),
        (original.message_id.as_str(), bob_id.as_str(), "🎉", true)
    );
    assert_eq!(counts(&added.reactions), [("🎉", 1, false)]);

    let edited = alice_session
        .edit(&original.message_id, "lunch at one?")
        .await
        .expect("edit");
    assert_eq!(text_of(&edited), "lunch at one?");
    assert!(
        edited.edit_time.is_some(),
        "an edited message has its edit time"
    );
    assert_eq!(edited.seq, original.seq);
    let seen = next(&mut bob_session, |e| match e {
        SessionEvent::Edit(edit) => edit.message,
        _ => None,
    })
    .await;
    assert_eq!(seen.message_id, original.message_id);
    assert_eq!(text_of(&seen), "lunch at one?");
    assert_eq!(seen.edit_time, edited.edit_time);

    let left = bob_session
        .remove_reaction(&original.message_id, "🎉")
        .await
        .expect("remove reaction");
    assert!(left.is_empty(), "no reaction left: {left:?}");
    let removed = next(&mut alice_session, |e| match e {
        SessionEvent::Reaction(r) => Some(r),
        _ => None,
    })
    .await;
    assert!(!removed.added && removed.reactions.is_empty());

    let pinned = alice_session.pin(&original.message_id).await.expect("pin");
    let pinned: Vec<_> = pinned
        .iter()
        .map(|p| {
            let id = p.message.as_ref().map(|m| m.message_id.as_str());
            (id, p.pinned_by.as_str())
        })
        .collect();
    assert_eq!(
        pinned,
        [(Some(original.message_id.as_str()), alice_id.as_str())]
    );
    let pin = next(&mut bob_session, |e| match e {
        SessionEvent::Pin(p) => Some(p),
        _ => None,
    })
    .await;
    assert_eq!(
        (
            pin.conversation_id.as_str(),
            pin.message_id.as_str(),
            pin.seq,
            pin.pinned,
            pin.user_id.as_str()
        ),
        (
            conversation.as_str(),
            original.message_id.as_str(),
            original.seq,
            true,
            alice_id.as_str()
        )
    );
    let left = bob_session
        .unpin(&original.message_id)
        .await
        .expect("unpin");
    assert!(left.is_empty(), "no pin left: {left:?}");
    // Alice's own pin came to her session too: wait for the unpin.
    let unpin = next(&mut alice_session, |e| match e {
        SessionEvent::Pin(p) if !p.pinned => Some(p),
        _ => None,
    })
    .await;
    assert_eq!(
        (unpin.message_id.as_str(), unpin.user_id.as_str()),
        (original.message_id.as_str(), bob_id.as_str())
    );

    let mention = alice_session
        .mention_text(&conversation, &[bob_id.as_str()], "bob, see above")
        .await
        .expect("mention");
    assert_eq!(mention.mentioned_user_ids, [bob_id.as_str()]);
    assert!(!mention.mentions_all);
    let received = next(&mut bob_session, |e| match e {
        SessionEvent::Message(m) if m.message_id == mention.message_id => Some(m),
        _ => None,
    })
    .await;
    assert_eq!(received.mentioned_user_ids, [bob_id.as_str()]);
}

/// A real 1×1 PNG (one opaque red pixel): the server checks the format and reads the size.
const PNG_1X1: &[u8] = b"\x89PNG\r\n\x1a\n\
    \0\0\0\x0dIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\
    \0\0\0\x0dIDAT\x78\x9c\x63\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99\x3d\x1d\
    \0\0\0\0IEND\xae\x42\x60\x82";

#[tokio::test]
async fn an_uploaded_image_is_sent_and_downloaded_by_the_conversation_only() {
    let server = server().await;
    let (alice, alice_id) = user(&server.url, "alice").await;
    let (bob, bob_id) = user(&server.url, "bob").await;
    let (carol, _) = user(&server.url, "carol").await;
    let conversation = befriend(&alice, &bob, &bob_id, &alice_id).await;

    let media = alice
        .upload(PNG_1X1, MediaKind::Image, "image/png", Some("dot.png"))
        .await
        .expect("upload");
    assert!(media.completed, "{media:?}");
    assert_eq!(
        (
            media.kind(),
            media.mime_type.as_str(),
            media.size,
            media.width,
            media.height,
            media.uploader_id.as_str()
        ),
        (
            MediaKind::Image,
            "image/png",
            PNG_1X1.len() as i64,
            1,
            1,
            alice_id.as_str()
        )
    );

    let alice_session = ChatSession::start(alice);
    let mut bob_session = ChatSession::start(bob.clone());
    let sent = alice_session
        .send_media(&conversation, &media, None, None)
        .await
        .expect("send the image");
    let received = next(&mut bob_session, |e| match e {
        SessionEvent::Message(m) if m.message_id == sent.message_id => Some(m),
        _ => None,
    })
    .await;
    for message in [sent, received] {
        let Some(Kind::Image(image)) = message.content.and_then(|c| c.kind) else {
            panic!("not an image message");
        };
        assert_eq!(
            (
                image.media_id.as_str(),
                image.width,
                image.height,
                image.size
            ),
            (media.media_id.as_str(), 1, 1, PNG_1X1.len() as i64),
            "the server fills in the upload's pixel size and size"
        );
    }

    let downloaded = bob.download(&media.media_id).await.expect("download");
    assert_eq!(downloaded, PNG_1X1);

    let refused = carol
        .download(&media.media_id)
        .await
        .expect_err("carol is in no conversation the image was sent to");
    assert_eq!(refused.reason().as_deref(), Some("MEDIA_NOT_SHARED"));
    assert!(
        matches!(&refused, Error::Status(status) if status.code() == tonic::Code::PermissionDenied),
        "{refused}"
    );
}
