//! Alice and Bob sign up (or log in, when their phone numbers are taken from an earlier run),
//! become friends, and Alice sends Bob a message, which Bob's session receives; Bob replies to it
//! and reacts to it, Alice edits it; then it exits.
//! Usage: chat [server url, default http://127.0.0.1:50051]

use easychat_sdk::proto::im::v1::MessageContent;
use easychat_sdk::proto::im::v1::message_content::Kind;
use easychat_sdk::proto::social::v1::{
    HandleFriendRequestRequest, ListFriendsRequest, SendFriendRequestRequest,
};
use easychat_sdk::{ChatSession, Client, Error, SessionEvent};
use tonic::Code;

const PASSWORD: &str = "password123";

/// Registers, or logs in when the phone number is registered already; returns the user's id.
async fn sign_in(url: &str, phone: &str, nickname: &str) -> Result<(Client, String), Error> {
    let client = Client::connect(url).await?;
    let user = match client.register(phone, PASSWORD, nickname).await {
        Ok(user) => user,
        // PHONE_TAKEN (docs/errors.md): registered by an earlier run.
        Err(Error::Status(status)) if status.code() == Code::AlreadyExists => {
            client.login(phone, PASSWORD).await?
        }
        Err(error) => return Err(error),
    };
    Ok((client, user.user_id))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "http://127.0.0.1:50051".to_owned());
    let (alice, _) = sign_in(&url, "+8613500000001", "alice").await?;
    let (bob, bob_id) = sign_in(&url, "+8613500000002", "bob").await?;

    // Alice asks, Bob accepts; nothing to do when they are friends already (ALREADY_FRIENDS).
    let asked = alice
        .social()
        .send_friend_request(SendFriendRequestRequest {
            user_id: bob_id.clone(),
            message: "hi, it's alice".to_owned(),
        })
        .await;
    match asked {
        Ok(sent) => {
            let request_id = sent.into_inner().request.unwrap_or_default().request_id;
            bob.social()
                .handle_friend_request(HandleFriendRequestRequest {
                    request_id,
                    accept: true,
                    ..Default::default()
                })
                .await?;
        }
        Err(status) if status.code() == Code::AlreadyExists => {}
        Err(status) => return Err(status.into()),
    }
    let friends = alice
        .social()
        .list_friends(ListFriendsRequest::default())
        .await?
        .into_inner()
        .friends;
    let conversation = friends
        .into_iter()
        .find(|f| f.user.as_ref().is_some_and(|u| u.user_id == bob_id))
        .ok_or("Bob is not among Alice's friends")?
        .conversation_id;

    let alice_session = ChatSession::start(alice);
    let mut bob_session = ChatSession::start(bob);
    // Resolves once stored; retries after a reconnect reuse the same client_msg_id.
    let sent = alice_session
        .send_text(&conversation, "hello, bob!")
        .await?;
    while let Some(event) = bob_session.next_event().await {
        if let SessionEvent::Message(message) = event
            && message.seq == sent.seq
        {
            println!("bob got #{}: {}", message.seq, text_of(message.content));
            bob_session.mark_read(&conversation, message.seq).await?;
            let message_id = &message.message_id;
            return reply_react_edit(&alice_session, &mut bob_session, &conversation, message_id)
                .await;
        }
    }
    Err("Bob's session ended".into())
}

/// Bob answers Alice's message quoting it and likes it; Alice corrects it.
async fn reply_react_edit(
    alice_session: &ChatSession,
    bob_session: &mut ChatSession,
    conversation: &str,
    message_id: &str,
) -> Result<(), Box<dyn std::error::Error>> {
    let reply = bob_session
        .reply_text(conversation, message_id, "hi alice!")
        .await?;
    println!(
        "bob replied to {:?}",
        reply.reply_to.unwrap_or_default().snippet
    );
    let reactions = bob_session.add_reaction(message_id, "👍").await?;
    println!("{} × {}", reactions[0].emoji, reactions[0].count);
    alice_session.edit(message_id, "hello, dear bob!").await?;
    while let Some(event) = bob_session.next_event().await {
        if let SessionEvent::Edit(edit) = event
            && let Some(edited) = edit.message
            && edited.message_id == message_id
        {
            println!("alice edited it: {}", text_of(edited.content));
            break;
        }
    }
    bob_session.remove_reaction(message_id, "👍").await?;
    Ok(())
}

fn text_of(content: Option<MessageContent>) -> String {
    match content.and_then(|content| content.kind) {
        Some(Kind::Text(text)) => text.text,
        other => format!("{other:?}"),
    }
}
