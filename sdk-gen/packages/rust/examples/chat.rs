//! Logs in and prints every event of the chat session; type a line to send it to the first
//! conversation. Usage: chat <server url> <phone> <password>

use easychat_sdk::proto::im::v1::ListConversationsRequest;
use easychat_sdk::{ChatSession, Client, SessionEvent};
use tokio::io::AsyncBufReadExt;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(url), Some(phone), Some(password)) = (args.next(), args.next(), args.next()) else {
        eprintln!("usage: chat <server url> <phone> <password>");
        std::process::exit(2);
    };
    let client = Client::connect(&url).await?;
    let me = client.login(&phone, &password).await?;
    println!("logged in as {} ({})", me.nickname, me.user_id);
    let conversations = client
        .im()
        .list_conversations(ListConversationsRequest::default())
        .await?
        .into_inner()
        .conversations;
    let target = conversations.first().map(|c| c.conversation_id.clone());
    let mut session = ChatSession::start(client);
    let mut lines = tokio::io::BufReader::new(tokio::io::stdin()).lines();
    loop {
        tokio::select! {
            event = session.next_event() => match event {
                Some(SessionEvent::Message(m)) => println!("[{} #{}] {}: {:?}", m.conversation_id, m.seq, m.sender_id, m.content),
                Some(other) => println!("{other:?}"),
                None => break,
            },
            line = lines.next_line() => match (line?, &target) {
                (Some(text), Some(conversation)) => { session.send_text(conversation, &text).await?; }
                (Some(_), None) => eprintln!("no conversation yet: befriend someone first"),
                (None, _) => break,
            },
        }
    }
    Ok(())
}
