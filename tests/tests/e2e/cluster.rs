//! Several nodes against the real services (deploy/config/single-node.toml; skipped on a
//! profile without Kafka and MongoDB): users on different nodes chat in real time both ways over
//! gRPC and WebSocket, a group message reaches members on every node exactly once, and a send
//! accepted by one node is stored by whichever node's consumer owns its partition, and a rolling
//! restart of every node while a client sends loses nothing (new nodes take new sessions), and
//! a gateway following the registry takes joining nodes and moves sockets off leaving ones, and
//! an unfriending or a removal acknowledged by one node holds at once on the other, whose copies
//! of the social graph were just used, for sending as for whom a group message is pushed to.

#[allow(dead_code)] // helpers shared by several test files; this one uses a few
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use easychat_gateway::{Gateway, GatewayConfig};
use easychat_proto::im::v1::im_service_client::ImServiceClient;
use easychat_proto::im::v1::{self as im, send_message_request};
use easychat_proto::social::v1 as social;
use easychat_server::cluster::{RegistryOptions, RegistryUpstreams};
use easychat_tests::cluster::TestCluster;
use easychat_tests::sessions;
use easychat_tests::sessions::{ChatSession, SubscribeSession, pushed_message};
use easychat_tests::ws::{TestGateway, chat_data, new_id};
use easychat_tests::{
    Bearer, Code, TestUser, assert_error, befriend, send_text, single_conversation_id, text,
};
use tonic::Status;
use tonic::transport::Endpoint;

const SINGLE: i64 = 2;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn users_on_different_nodes_chat_in_real_time_both_ways_over_grpc() {
    let Some(cluster) = TestCluster::start(2).await else {
        return;
    };
    let (one, two) = (&cluster.nodes[0], &cluster.nodes[1]);
    let alice = one.register("alice").await;
    let bob = two.register("bob").await;
    let conversation_id = befriend(&alice, &bob).await;
    let mut alice_chat = ChatSession::open(one, &alice.token).await;
    let mut bob_chat = ChatSession::open(two, &bob.token).await;

    let sent = alice_chat
        .send_text(&conversation_id, "from node one")
        .await;
    let received = bob_chat.frames.next_message(&sent.message_id).await;
    let reply = bob_chat.send_text(&conversation_id, "from node two").await;
    let answered = alice_chat.frames.next_message(&reply.message_id).await;

    assert_eq!(received.sender_id, alice.user_id);
    assert_eq!(received.seq, 1);
    assert_eq!(answered.sender_id, bob.user_id);
    assert_eq!(answered.seq, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_websocket_user_and_a_grpc_user_on_different_nodes_chat_both_ways() {
    let Some(cluster) = TestCluster::start(2).await else {
        return;
    };
    let (one, two) = (&cluster.nodes[0], &cluster.nodes[1]);
    let gateway = TestGateway::start(one).await;
    let alice = one.register("alice").await;
    let bob = two.register("bob").await;
    let conversation_id = befriend(&alice, &bob).await;
    let mut alice_ws = gateway.connect(&alice).await;
    let mut bob_chat = ChatSession::open(two, &bob.token).await;

    let id = new_id();
    let answer = alice_ws
        .request(
            &id,
            "conversation.chat",
            chat_data(SINGLE, &bob.user_id, "from the socket"),
        )
        .await;
    assert_eq!(answer["frameType"], 0, "send failed: {answer}");
    let message_id = answer["data"]["msgId"].as_str().expect("msgId").to_owned();
    let received = bob_chat.frames.next_message(&message_id).await;
    let reply = bob_chat.send_text(&conversation_id, "from the app").await;
    let pushed = alice_ws
        .push("chat", |d| d["content"] == "from the app")
        .await;

    assert_eq!(received.sender_id, alice.user_id);
    assert_eq!(pushed["msgId"], reply.message_id.as_str());
    assert_eq!(pushed["seq"], 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_group_message_reaches_members_on_every_node_exactly_once() {
    let Some(cluster) = TestCluster::start(3).await else {
        return;
    };
    // Two members on each node, each with a Subscribe stream there.
    let owner = cluster.nodes[0].register("owner").await;
    let mut members: Vec<(usize, TestUser)> = Vec::new();
    for (node, server) in cluster.nodes.iter().enumerate() {
        for i in 0..2 {
            members.push((node, server.register(&format!("m{node}{i}")).await));
        }
    }
    for (_, member) in &members {
        befriend(&owner, member).await;
    }
    let group = owner
        .social()
        .create_group(social::CreateGroupRequest {
            name: "everywhere".to_owned(),
            member_ids: members.iter().map(|(_, m)| m.user_id.clone()).collect(),
            join_policy: social::JoinPolicy::Open as i32,
            ..Default::default()
        })
        .await
        .expect("create group")
        .into_inner()
        .group
        .expect("group");
    let mut streams = Vec::new();
    for (node, member) in &members {
        streams.push(SubscribeSession::open(&cluster.nodes[*node], member).await);
    }

    const MESSAGES: usize = 5;
    let mut sent = Vec::new();
    for i in 0..MESSAGES {
        let message = send_text(&owner, &group.conversation_id, &format!("hello {i}"))
            .await
            .expect("send to the group");
        sent.push(message.message_id);
    }
    let last = sent.last().expect("sent").clone();
    for stream in &mut streams {
        // Everything up to the last message (a duplicate of an earlier one would come before it:
        // events keep their order across nodes).
        let frames = stream.frames.frames_before_message(&last).await;
        let mut received: Vec<String> = frames
            .iter()
            .filter_map(pushed_message)
            .map(|m| m.message_id.clone())
            .collect();
        received.push(last.clone());
        assert_eq!(received, sent, "each message once, in order");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sends_through_every_node_are_acked_whoever_stores_them() {
    let Some(cluster) = TestCluster::start(2).await else {
        return;
    };
    // One partition (the test profile's): one node's consumer stores everything, so the other
    // node's senders get their outcome over the bus.
    let alice = cluster.nodes[0].register("alice").await;
    let bob = cluster.nodes[1].register("bob").await;
    let conversation_id = befriend(&alice, &bob).await;
    let mut acked = HashMap::new();
    for i in 0..10 {
        for user in [&alice, &bob] {
            let client_msg_id = format!("{}-{i}", user.nickname);
            let response = user
                .im()
                .send_message(im::SendMessageRequest {
                    client_msg_id: client_msg_id.clone(),
                    target: Some(send_message_request::Target::ConversationId(
                        conversation_id.clone(),
                    )),
                    content: Some(text(&client_msg_id)),
                    ..Default::default()
                })
                .await
                .expect("send is acked")
                .into_inner();
            let message = response.message.expect("message");
            acked.insert(message.seq, client_msg_id);
        }
    }
    let seqs: Vec<i64> = {
        let mut seqs: Vec<i64> = acked.keys().copied().collect();
        seqs.sort();
        seqs
    };
    assert_eq!(
        seqs,
        (1..=20).collect::<Vec<i64>>(),
        "dense seqs across nodes"
    );
}

/// Sends `client_msg_id` until some live node acks it, as a reconnecting client does: a node
/// going away refuses the connection or fails the call, and the retry with the same
/// client_msg_id goes to the next live node. See `node_went_away` for the failures that mean so;
/// any other fails the test.
async fn send_through_live_nodes(
    user: &TestUser,
    live: &Mutex<Vec<SocketAddr>>,
    conversation_id: &str,
    client_msg_id: &str,
) -> im::Message {
    for attempt in 0..600 {
        let nodes = live.lock().expect("live nodes").clone();
        let addr = nodes[attempt % nodes.len()];
        let request = im::SendMessageRequest {
            client_msg_id: client_msg_id.to_owned(),
            target: Some(send_message_request::Target::ConversationId(
                conversation_id.to_owned(),
            )),
            content: Some(text(client_msg_id)),
            ..Default::default()
        };
        let sent = tokio::time::timeout(Duration::from_secs(15), async {
            let channel = Endpoint::from_shared(format!("http://{addr}"))
                .expect("a valid url")
                .connect_timeout(Duration::from_secs(5))
                .connect()
                .await
                // Connection refused: the node is gone.
                .map_err(|e| Status::unavailable(format!("connect to {addr}: {e}")))?;
            ImServiceClient::with_interceptor(channel, Bearer::new(&user.token))
                .send_message(request)
                .await
        });
        match sent.await {
            Ok(Ok(response)) => return response.into_inner().message.expect("message"),
            // The sender goes as fast as it can: past the per-user budget it waits, as a client
            // honouring RetryInfo does, and sends the same message again.
            Ok(Err(status)) if easychat_tests::reason(&status) == "RATE_LIMITED" => {}
            Ok(Err(status)) => assert!(
                node_went_away(&status),
                "only a node going away may fail a send: {status:?}"
            ),
            Err(_) => {} // a node that went away mid-call
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{client_msg_id} was never acked");
}

/// Whether a failed call means its node went away: UNAVAILABLE (a stopping node refuses new
/// calls and streams, a refused connection or stream), or a call cut off with its connection,
/// which the client reports itself (as CANCELLED, UNKNOWN or INTERNAL, with the transport error
/// as its source). A status the server sent has no source: INTERNAL or UNKNOWN from a node is a
/// bug, never retried.
fn node_went_away(status: &Status) -> bool {
    use std::error::Error as _;
    match status.code() {
        Code::Unavailable => true,
        Code::Cancelled | Code::Unknown | Code::Internal => status.source().is_some(),
        _ => false,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_rolling_restart_of_every_node_while_a_client_sends_loses_nothing() {
    let Some(mut cluster) = TestCluster::start(2).await else {
        return;
    };
    let alice = cluster.nodes[0].register("alice").await;
    let bob = cluster.nodes[1].register("bob").await;
    let conversation_id = befriend(&alice, &bob).await;
    let live = Arc::new(Mutex::new(
        cluster.nodes.iter().map(|n| n.addr).collect::<Vec<_>>(),
    ));
    let (stop, mut stopped) = tokio::sync::watch::channel(false);
    let sender = tokio::spawn({
        let (alice, live, conversation_id) = (alice.clone(), live.clone(), conversation_id.clone());
        async move {
            let mut acked = Vec::new();
            for i in 0.. {
                if *stopped.borrow_and_update() {
                    break;
                }
                let client_msg_id = format!("rolling-{i}");
                let message =
                    send_through_live_nodes(&alice, &live, &conversation_id, &client_msg_id).await;
                acked.push((client_msg_id, message.message_id, message.seq));
            }
            acked
        }
    });

    // Replace every node, one at a time: a new node joins, then an old one stops gracefully.
    for _ in 0..2 {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let joined = cluster.add_node().await;
        live.lock().expect("live nodes").push(joined);
        let leaving = cluster.nodes.remove(0);
        live.lock()
            .expect("live nodes")
            .retain(|addr| *addr != leaving.addr);
        leaving.stop().await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    stop.send_replace(true);
    let acked = sender.await.expect("sender");
    assert!(acked.len() > 2, "the client kept sending: {acked:?}");

    // The nodes that joined take new sessions: bob on one, alice sending through the other.
    let (one, two) = (&cluster.nodes[0], &cluster.nodes[1]);
    let mut bob_chat = ChatSession::open(two, &bob.token).await;
    // Through the same retries on RATE_LIMITED: the sender above may have spent alice's burst.
    let after = send_through_live_nodes(
        &alice,
        &Mutex::new(vec![one.addr]),
        &conversation_id,
        "after-the-restart",
    )
    .await;
    assert_eq!(
        bob_chat.frames.next_message(&after.message_id).await.seq,
        after.seq
    );

    // Nothing acked was lost, nothing stored twice, seqs dense.
    let history = sessions::history(&bob.via(two.addr).await, &conversation_id).await;
    let seqs: Vec<i64> = history.iter().map(|m| m.seq).collect();
    assert_eq!(
        seqs,
        (1..=history.len() as i64).collect::<Vec<_>>(),
        "dense seqs"
    );
    let stored: HashMap<&str, (&str, i64)> = history
        .iter()
        .map(|m| (m.client_msg_id.as_str(), (m.message_id.as_str(), m.seq)))
        .collect();
    assert_eq!(stored.len(), history.len(), "each message stored once");
    for (client_msg_id, message_id, seq) in &acked {
        assert_eq!(
            stored.get(client_msg_id.as_str()),
            Some(&(message_id.as_str(), *seq)),
            "acked {client_msg_id} is stored as acked"
        );
    }
}

/// Waits until the gateway's upstreams are `expected` (addresses), as the registry changes.
async fn wait_for_upstreams(gateway: &Gateway, expected: &[SocketAddr]) {
    let want: Vec<String> = expected
        .iter()
        .map(|addr| format!("http://{addr}/"))
        .collect();
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    loop {
        let mut have = gateway.upstreams();
        have.sort();
        let mut sorted = want.clone();
        sorted.sort();
        if have == sorted {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "upstreams {have:?}, expected {sorted:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_gateway_following_the_registry_moves_sockets_as_nodes_join_and_leave() {
    let Some(mut cluster) = TestCluster::start(1).await else {
        return;
    };
    // No configured upstream: the gateway knows the nodes from etcd only.
    let config = GatewayConfig {
        upstreams: Vec::new(),
        ..GatewayConfig::default()
    };
    let gateway = Gateway::new(config.clone());
    let options = RegistryOptions::from_config(&cluster.config);
    let _following = RegistryUpstreams::follow(gateway.clone(), options, Vec::new())
        .await
        .expect("follow the node registry");
    let served = TestGateway::serve(gateway.clone(), config).await;
    wait_for_upstreams(&gateway, &[cluster.nodes[0].addr]).await;
    let alice = cluster.nodes[0].register("alice").await;
    let bob = cluster.nodes[0].register("bob").await;
    let conversation_id = befriend(&alice, &bob).await;
    let mut alice_ws = served.connect(&alice).await;

    // A node joins: the gateway has it at once. The first one leaves (a graceful stop, as in a
    // rolling restart): the gateway drops it, and Alice's socket moves to the new node.
    let joined = cluster.add_node().await;
    let first = cluster.nodes[0].addr;
    wait_for_upstreams(&gateway, &[first, joined]).await;
    cluster.nodes.remove(0).stop().await;
    wait_for_upstreams(&gateway, &[joined]).await;

    let bob = bob.via(joined).await;
    let sent = send_text(&bob, &conversation_id, "after the move")
        .await
        .expect("send through the new node");
    let pushed = alice_ws
        .push("chat", |push| push["content"] == "after the move")
        .await;
    assert_eq!(pushed["msgId"], sent.message_id.as_str());
    let id = new_id();
    let answer = alice_ws
        .request(
            &id,
            "conversation.chat",
            chat_data(SINGLE, &bob.user_id, "and back"),
        )
        .await;
    assert_eq!(answer["frameType"], 0, "send after the move: {answer}");
    assert_eq!(answer["data"]["seq"], sent.seq + 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_change_acknowledged_on_one_node_holds_on_the_other_at_once() {
    let Some(cluster) = TestCluster::start(2).await else {
        return;
    };
    let owner = cluster.nodes[0].register("owner").await;
    let friend = cluster.nodes[1].register("friend").await;
    let member = cluster.nodes[1].register("member").await;
    let direct = befriend(&owner, &friend).await;
    let (group_id, group_conversation) = sessions::create_group(&owner, &[&member]).await;
    // Node 1 now keeps copies of the friendship and of the membership.
    send_text(&friend, &direct, "hi")
        .await
        .expect("a friend can send");
    send_text(&member, &group_conversation, "hi")
        .await
        .expect("a member can send");

    owner
        .social()
        .delete_friend(social::DeleteFriendRequest {
            user_id: friend.user_id.clone(),
        })
        .await
        .expect("unfriend on node 0");
    owner
        .social()
        .remove_group_member(social::RemoveGroupMemberRequest {
            group_id,
            user_id: member.user_id.clone(),
        })
        .await
        .expect("remove the member on node 0");

    assert_error(
        send_text(&friend, &direct, "still friends?").await,
        Code::PermissionDenied,
        "NOT_FRIENDS",
    );
    assert_error(
        send_text(&member, &group_conversation, "still in?").await,
        Code::PermissionDenied,
        "NOT_GROUP_MEMBER",
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn blocks_and_removals_acknowledged_on_one_node_hold_for_group_pushes_from_the_other() {
    let Some(cluster) = TestCluster::start(2).await else {
        return;
    };
    let (zero, one) = (&cluster.nodes[0], &cluster.nodes[1]);
    let alice = zero.register("alice").await;
    let bob = one.register("bob").await;
    // Who blocks alice and who is removed, on node 1 (carol, dave) and on node 0 (erin, frank).
    let [carol, dave, erin, frank] = [
        one.register("carol").await,
        one.register("dave").await,
        one.register("erin").await,
        one.register("frank").await,
    ];
    let (group_id, conversation_id) =
        sessions::create_group(&alice, &[&bob, &carol, &dave, &erin, &frank]).await;
    let mut bob_stream = SubscribeSession::open(one, &bob).await;
    let mut streams = Vec::new();
    for user in [&carol, &dave, &erin, &frank] {
        streams.push(SubscribeSession::open(one, user).await);
    }
    // A group message is pushed to the audience its accepting node read when it accepted it,
    // or to the one the storing node reads (whichever node's consumer owns the conversation's
    // partition). So each round of changes is made on one node while the other holds copies
    // of the audience, and the next message is accepted by that other node: whichever node
    // stores it, one of the two rounds tests the copies of a node that did not make the change.
    let alice_on_one = alice.via(one.addr).await;
    let mut after = Vec::new();
    let rounds = [
        (&alice, (&alice_on_one, one), [&carol, &dave]),
        (&alice_on_one, (&alice, zero), [&erin, &frank]),
    ];
    for (sender, (changer, changer_node), [blocker, removed]) in rounds {
        // The sender's node reads the audience (and keeps it) to accept this one.
        let before = send_text(sender, &conversation_id, "before")
            .await
            .expect("send before");
        bob_stream.frames.next_message(&before.message_id).await;
        sessions::set_blocked(&blocker.via(changer_node.addr).await, &alice, true).await;
        sessions::kick(changer, &group_id, removed).await;
        let sent = send_text(sender, &conversation_id, "after")
            .await
            .expect("send after");
        // Once Bob has it, node 1 has queued it for every session it pushes it to; the
        // markers below come after it.
        bob_stream.frames.next_message(&sent.message_id).await;
        after.push(sent.message_id);
    }
    let group_marker = send_text(&bob, &conversation_id, "marker")
        .await
        .expect("marker to the group");
    // Carol and Dave changed in the first round, so neither message reaches them; Erin and
    // Frank in the second, so its message does not.
    let checks = [
        (&carol, false, 0),
        (&dave, true, 0),
        (&erin, false, 1),
        (&frank, true, 1),
    ];
    for ((user, removed, from), stream) in checks.into_iter().zip(&mut streams) {
        let marker = if removed {
            let direct = single_conversation_id(&alice.user_id, &user.user_id);
            send_text(&alice, &direct, "marker")
                .await
                .expect("marker to a removed member")
                .message_id
        } else {
            group_marker.message_id.clone()
        };
        let frames = stream.frames.frames_before_message(&marker).await;
        let pushed: Vec<String> = frames
            .iter()
            .filter_map(pushed_message)
            .map(|m| m.message_id.clone())
            .collect();
        assert!(
            after[from..].iter().all(|id| !pushed.contains(id)),
            "{} got a message sent after the change: {pushed:?}",
            user.nickname
        );
    }
}
