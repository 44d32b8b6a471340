//! Group commit of the embedded store's hot writes: message appends and read positions.
//!
//! One SQLite transaction per message spent most of a message's cost on the commit (WAL frames
//! checksummed, written and synced, locks taken and released) and on one driver round trip per
//! statement. Instead, callers queue their write and wait; one writer task (on a thread of its
//! own: `Writer::start`) takes everything queued (up to `storage.sqlite_write_batch`), applies
//! it in one transaction with the same few statements whatever the batch size (`batch`),
//! commits once, and hands the answers to `answers`, which gives them once the commit is on
//! disk (syncing the log beside the next batch). While a batch commits the next one queues up,
//! so batches grow with the load and a lone write is not delayed.
//!
//! The rules of a single append hold for each message of a batch: seqs are dense and in queue
//! order; (sender, client_msg_id) is deduplicated against what is stored and against earlier
//! messages of the same batch; every caller gets its own answer. Once the batch is durable,
//! `answers` runs each append's `after` hook (the push to live sessions) in queue order, before
//! waking its caller: the callers of a batch wake together and would otherwise publish in any
//! order.
//! Anything out of the ordinary (a conversation that does not exist, a database error) rolls the
//! batch back and replays it one write per transaction, so one bad write never fails the others.

use std::path::PathBuf;

use sqlx::sqlite::{SqliteConnection, SqlitePool};
use sqlx::{Connection, Row};
use tokio::sync::{mpsc, oneshot};

use super::answers::{self, Committed, Reply};
use super::messages::{MESSAGE_COLUMNS, message_from_row};
use super::writes::{
    Anomaly, Outcome, Write, insert_mentions, mark_read, mentions_json, reply_to_json, stored_form,
};
use super::{batch, db_error};
use crate::domain::model::{Appended, NewMessage};
use crate::domain::ports::AfterAppend;
use crate::error::{Error, Reason, Result};

/// Committed batches waiting for their sync (`answers`) before the writer waits too. One was
/// measured, with the syncs counted, and did no better (BENCHMARKS.md, session 26).
const BATCHES_AWAITING_SYNC: usize = 4;

/// A queued write and where its answer goes.
struct Job {
    write: Write,
    reply: Reply,
}

/// The queue of the writer task. The task ends when the last handle is dropped.
#[derive(Clone)]
pub(super) struct Writer {
    jobs: mpsc::Sender<Job>,
}

impl std::fmt::Debug for Writer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Writer")
            .field("queued", &(self.jobs.max_capacity() - self.jobs.capacity()))
            .finish()
    }
}

impl Writer {
    /// Starts the writer task on `pool` (the store's single write connection). At most
    /// `max_batch` writes share a transaction; four batches' worth may wait in the queue. With
    /// `log` (the database's WAL file), commits do not sync themselves: each batch is answered
    /// once a sync of `log` after its commit has returned (`answers`).
    ///
    /// The writer task runs on a thread of its own (a single-threaded runtime), not among the
    /// server's tasks: a batch is a handful of statements, each a round trip to the driver's
    /// thread, and on the shared runtime the task waited behind the network's tasks before
    /// each next statement while the database sat idle. Every message goes through this one
    /// task, so its waits were the whole server's: at the 1:1 peak a fifth of the two cores
    /// was idle (BENCHMARKS.md, "The writer on a thread of its own; SQLite built for it"). The
    /// price: on a machine the pushes keep busy, the kernel must schedule this thread for each
    /// statement's answer, which made a single sender's group messages slower there. `answers`
    /// stays on the shared runtime: on the writer's thread its pushes delayed the next batch.
    pub fn start(
        pool: SqlitePool,
        max_batch: usize,
        log: Option<PathBuf>,
    ) -> std::io::Result<Writer> {
        let max_batch = max_batch.max(1);
        let (jobs, queue) = mpsc::channel(max_batch.saturating_mul(4));
        let (committed, to_answer) = mpsc::channel(BATCHES_AWAITING_SYNC);
        let sync_deferred = log.is_some();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        std::thread::Builder::new()
            .name("sqlite-writer".into())
            // Ends when the last `Writer` is dropped (`run` returns).
            .spawn(move || {
                runtime.block_on(run(pool, queue, max_batch, sync_deferred, committed))
            })?;
        tokio::spawn(answers::answer(to_answer, log));
        Ok(Writer { jobs })
    }

    /// Stores `message` with the next seq of its conversation, or returns the original when
    /// (sender, client_msg_id) is stored already; once the transaction has committed, runs
    /// `after` (in queue order with the other appends) and answers.
    pub async fn append(
        &self,
        message: &NewMessage,
        after: Option<AfterAppend>,
    ) -> Result<Appended> {
        let content = serde_json::to_string(&message.content)
            .map_err(|e| Error::internal("encoding message content", e))?;
        let (reply, answer) = oneshot::channel();
        let write = Write::Append {
            message: Box::new(message.clone()),
            content,
        };
        self.submit(write, Reply::Append(reply, after)).await?;
        answer.await.map_err(|_| writer_gone())?
    }

    /// Raises `user_id`'s read seq (never lowers it, never past max seq); returns the result.
    pub async fn mark_read(&self, user_id: &str, conversation_id: &str, seq: i64) -> Result<i64> {
        let (reply, answer) = oneshot::channel();
        let write = Write::MarkRead {
            user_id: user_id.to_owned(),
            conversation_id: conversation_id.to_owned(),
            seq,
        };
        self.submit(write, Reply::MarkRead(reply)).await?;
        answer.await.map_err(|_| writer_gone())?
    }

    async fn submit(&self, write: Write, reply: Reply) -> Result<()> {
        self.jobs
            .send(Job { write, reply })
            .await
            .map_err(|_| writer_gone())
    }
}

fn writer_gone() -> Error {
    Error::unavailable("storing a write", "the store's writer has stopped")
}

async fn run(
    pool: SqlitePool,
    mut queue: mpsc::Receiver<Job>,
    max_batch: usize,
    sync_deferred: bool,
    answers: mpsc::Sender<Committed>,
) {
    let mut batch = Vec::with_capacity(max_batch);
    while queue.recv_many(&mut batch, max_batch).await > 0 {
        let committed = commit(&pool, std::mem::take(&mut batch), sync_deferred).await;
        if answers.send(committed).await.is_err() {
            tracing::error!("the writer's answers stopped; the writer stops");
            return;
        }
        batch.reserve(max_batch);
    }
}

/// Applies `batch` on the write connection: together in one transaction when possible, else
/// one by one. With `sync_deferred`, its commits leave the sync to `answers`.
async fn commit(pool: &SqlitePool, batch: Vec<Job>, sync_deferred: bool) -> Committed {
    let (writes, replies): (Vec<Write>, Vec<Reply>) =
        batch.into_iter().map(|job| (job.write, job.reply)).unzip();
    let outcomes = match pool.acquire().await {
        Ok(mut connection) => {
            if sync_deferred {
                synchronous(&mut connection, "NORMAL").await;
            }
            let outcomes = commit_on(&mut connection, &writes).await;
            // The other writes on this connection (the social graph, edits, ...) sync their own
            // commits: a connection that cannot be set back is closed, and the pool opens a
            // fresh one with the configured setting.
            if sync_deferred && !synchronous(&mut connection, "FULL").await {
                connection.close_on_drop();
            }
            outcomes
        }
        Err(error) => {
            let error = db_error("storing a write")(error);
            writes
                .iter()
                .map(|_| Outcome::Failed(error.clone()))
                .collect()
        }
    };
    replies.into_iter().zip(outcomes).collect()
}

/// Sets `PRAGMA synchronous` on the write connection; false (logged) when it failed. A failure
/// to relax it only costs speed: the commit then syncs by itself as well.
async fn synchronous(connection: &mut SqliteConnection, level: &str) -> bool {
    let pragma = format!("PRAGMA synchronous = {level}");
    match sqlx::query(&pragma).execute(&mut *connection).await {
        Ok(_) => true,
        Err(error) => {
            tracing::warn!(%error, level, "setting the write connection's synchronous failed");
            false
        }
    }
}

async fn commit_on(connection: &mut SqliteConnection, writes: &[Write]) -> Vec<Outcome> {
    match together(connection, writes).await {
        Ok(outcomes) => outcomes,
        // Dropping the transaction rolled it back: nothing of the batch is stored.
        Err(anomaly) => {
            if let Anomaly::Failed(error) = &anomaly {
                tracing::warn!(%error, size = writes.len(), "batched write failed; writing one by one");
            }
            let mut outcomes = Vec::with_capacity(writes.len());
            for write in writes {
                outcomes.push(alone(connection, write).await);
            }
            outcomes
        }
    }
}

/// The whole batch in one transaction.
async fn together(
    connection: &mut SqliteConnection,
    writes: &[Write],
) -> Result<Vec<Outcome>, Anomaly> {
    let mut tx = connection
        .begin()
        .await
        .map_err(db_error("storing a write"))?;
    let outcomes = batch::apply(&mut tx, writes).await?;
    tx.commit().await.map_err(db_error("storing a write"))?;
    Ok(outcomes)
}

/// One job in its own transaction: the fallback when a batch cannot be committed together.
async fn alone(connection: &mut SqliteConnection, write: &Write) -> Outcome {
    let result = match write {
        Write::Append { message, content } => append_alone(connection, message, content)
            .await
            .map(|appended| Outcome::Appended(Box::new(appended))),
        Write::MarkRead {
            user_id,
            conversation_id,
            seq,
        } => mark_read(&mut *connection, user_id, conversation_id, *seq)
            .await
            .map(Outcome::Read),
    };
    result.unwrap_or_else(Outcome::Failed)
}

/// A single append: dedup lookup, seq, insert and the sender's read position, in one
/// transaction.
async fn append_alone(
    connection: &mut SqliteConnection,
    message: &NewMessage,
    content: &str,
) -> Result<Appended> {
    let context = "storing a message";
    let mut tx = connection.begin().await.map_err(db_error(context))?;
    let existing = sqlx::query(&format!(
        "SELECT {MESSAGE_COLUMNS} FROM messages WHERE sender_id = ? AND client_msg_id = ?"
    ))
    .bind(&message.sender_id)
    .bind(&message.client_msg_id)
    .fetch_optional(&mut *tx)
    .await
    .map_err(db_error(context))?;
    if let Some(row) = existing {
        return Ok(Appended {
            message: message_from_row(&row)?,
            duplicate: true,
        });
    }
    let seq: i64 = sqlx::query(
        "UPDATE conversations SET max_seq = max_seq + 1, updated_at = ? WHERE id = ? RETURNING max_seq",
    )
    .bind(message.sent_at)
    .bind(&message.conversation_id)
    .fetch_optional(&mut *tx)
    .await
    .map_err(db_error(context))?
    .map(|row| row.get("max_seq"))
    .ok_or_else(|| {
        Error::not_found(
            Reason::ConversationNotFound,
            format!("conversation {} does not exist", message.conversation_id),
        )
    })?;
    sqlx::query(
        "INSERT INTO messages (id, conversation_id, seq, sender_id, client_msg_id, content, sent_at, reply_to, mentions)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&message.message_id)
    .bind(&message.conversation_id)
    .bind(seq)
    .bind(&message.sender_id)
    .bind(&message.client_msg_id)
    .bind(content)
    .bind(message.sent_at)
    .bind(reply_to_json(message))
    .bind(mentions_json(message))
    .execute(&mut *tx)
    .await
    .map_err(db_error(context))?;
    insert_mentions(&mut *tx, message, seq).await?;
    sqlx::query(
        "UPDATE user_conversations SET read_seq = MAX(read_seq, ?)
         WHERE user_id = ? AND conversation_id = ?",
    )
    .bind(seq)
    .bind(&message.sender_id)
    .bind(&message.conversation_id)
    .execute(&mut *tx)
    .await
    .map_err(db_error(context))?;
    tx.commit().await.map_err(db_error(context))?;
    Ok(Appended {
        message: stored_form(message, seq),
        duplicate: false,
    })
}

#[cfg(test)]
mod tests {
    //! The batch rules, on a real SQLite file: several writes committed together must each come
    //! out as they would alone.

    use super::*;
    use crate::config::StorageConfig;
    use crate::domain::ids::ConversationKind;
    use crate::domain::model::{Content, HistoryPage};
    use crate::domain::ports::{MessageStore, SearchIndex, SearchScope};
    use crate::store::sqlite::SqliteStore;

    type Answer<T> = oneshot::Receiver<Result<T>>;

    /// Answers a committed batch at once, as the answering task does after its sync.
    fn answer_now(committed: Committed) {
        for (reply, outcome) in committed {
            reply.send(outcome);
        }
    }

    async fn store_with_conversations(dir: &std::path::Path) -> SqliteStore {
        let store = SqliteStore::open(dir, &StorageConfig::default())
            .await
            .expect("open store");
        for (id, users) in [("s_a_b", ["a", "b"]), ("s_a_c", ["a", "c"])] {
            let users: Vec<String> = users.iter().map(|u| (*u).to_owned()).collect();
            store
                .open_conversation(id, ConversationKind::Single, &users, 1)
                .await
                .expect("open conversation");
        }
        store
    }

    fn message(id: &str, conversation: &str, sender: &str, client_msg_id: &str) -> NewMessage {
        NewMessage {
            message_id: id.to_owned(),
            conversation_id: conversation.to_owned(),
            kind: ConversationKind::Single,
            sender_id: sender.to_owned(),
            client_msg_id: client_msg_id.to_owned(),
            content: Content::Text {
                text: format!("text of {id}"),
            },
            sent_at: 2,
            reply_to: None,
            mentions: Default::default(),
        }
    }

    fn append(jobs: &mut Vec<Job>, message: NewMessage) -> Answer<Appended> {
        let (reply, answer) = oneshot::channel();
        let content = serde_json::to_string(&message.content).expect("content");
        jobs.push(Job {
            write: Write::Append {
                message: Box::new(message),
                content,
            },
            reply: Reply::Append(reply, None),
        });
        answer
    }

    fn mark_read(jobs: &mut Vec<Job>, user: &str, conversation: &str, seq: i64) -> Answer<i64> {
        let (reply, answer) = oneshot::channel();
        jobs.push(Job {
            write: Write::MarkRead {
                user_id: user.to_owned(),
                conversation_id: conversation.to_owned(),
                seq,
            },
            reply: Reply::MarkRead(reply),
        });
        answer
    }

    async fn appended(answer: Answer<Appended>) -> (String, i64, bool) {
        let appended = answer.await.expect("answered").expect("appended");
        (
            appended.message.message_id,
            appended.message.seq,
            appended.duplicate,
        )
    }

    #[tokio::test]
    async fn one_batch_numbers_dedups_and_answers_each_write_as_if_alone() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store_with_conversations(dir.path()).await;
        let earlier = store
            .append(&message("m0", "s_a_b", "a", "c0"))
            .await
            .expect("earlier append");
        assert_eq!(earlier.message.seq, 1);

        let mut jobs = Vec::new();
        let first = append(&mut jobs, message("m1", "s_a_b", "a", "c1"));
        let other_conversation = append(&mut jobs, message("m2", "s_a_c", "a", "c2"));
        let other_sender_same_id = append(&mut jobs, message("m3", "s_a_b", "b", "c1"));
        let retry_in_batch = append(&mut jobs, message("m4", "s_a_b", "a", "c1"));
        let retry_of_stored = append(&mut jobs, message("m5", "s_a_b", "a", "c0"));
        let read_past_the_end = mark_read(&mut jobs, "b", "s_a_b", 10);
        let read_by_outsider = mark_read(&mut jobs, "x", "s_a_b", 1);
        answer_now(commit(&store.write, jobs, false).await);

        assert_eq!(appended(first).await, ("m1".to_owned(), 2, false));
        assert_eq!(
            appended(other_conversation).await,
            ("m2".to_owned(), 1, false)
        );
        assert_eq!(
            appended(other_sender_same_id).await,
            ("m3".to_owned(), 3, false)
        );
        assert_eq!(appended(retry_in_batch).await, ("m1".to_owned(), 2, true));
        assert_eq!(appended(retry_of_stored).await, ("m0".to_owned(), 1, true));
        assert_eq!(read_past_the_end.await.expect("answered").expect("read"), 3);
        let refused = read_by_outsider
            .await
            .expect("answered")
            .expect_err("refused");
        assert_eq!(refused.reason, Reason::NotConversationMember);

        let a = store
            .user_conversation("a", "s_a_b")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (a.max_seq, a.read_seq),
            (3, 2),
            "the sender has read its own"
        );
        let history = store
            .history("b", "s_a_b", 0, HistoryPage::Forward { after: 0 }, 10)
            .await
            .unwrap();
        let stored: Vec<(&str, i64)> = history
            .iter()
            .map(|m| (m.message_id.as_str(), m.seq))
            .collect();
        assert_eq!(stored, vec![("m0", 1), ("m1", 2), ("m3", 3)]);
        assert_eq!(
            history[1].content,
            Some(Content::Text {
                text: "text of m1".to_owned()
            })
        );
    }

    #[tokio::test]
    async fn a_message_to_a_missing_conversation_fails_alone() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store_with_conversations(dir.path()).await;

        let mut jobs = Vec::new();
        let lost = append(&mut jobs, message("m1", "s_a_z", "a", "c1"));
        // The same client_msg_id, elsewhere: the failed one stored nothing, so this one is new.
        let same_id = append(&mut jobs, message("m2", "s_a_b", "a", "c1"));
        let next = append(&mut jobs, message("m3", "s_a_b", "b", "c3"));
        answer_now(commit(&store.write, jobs, false).await);

        let error = lost
            .await
            .expect("answered")
            .expect_err("no such conversation");
        assert_eq!(error.reason, Reason::ConversationNotFound);
        assert_eq!(appended(same_id).await, ("m2".to_owned(), 1, false));
        assert_eq!(appended(next).await, ("m3".to_owned(), 2, false));
        assert_eq!(
            search(&store, "s_a_b", "text of").await,
            ["m3", "m2"],
            "written one by one, each text is indexed"
        );
    }

    /// The inserts go in statements of 1, 2, 4, … 256 rows, the rows a batch leaves over bound
    /// to NULL: batches of every kind of size (a statement filled exactly, one half filled, one
    /// over the largest) store exactly their messages, numbered densely, with their columns.
    #[tokio::test]
    async fn batches_of_any_size_store_exactly_their_messages() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store_with_conversations(dir.path()).await;
        let mut next = 0;
        let mut stored_per_conversation = [0_i64; 2];
        for size in [1, 3, 4, 5, 64, 255, 256, 300, 513] {
            let mut jobs = Vec::new();
            let mut answers = Vec::new();
            for _ in 0..size {
                let side = next % 2;
                let conversation = ["s_a_b", "s_a_c"][side];
                let mut new = message(&format!("m{next}"), conversation, "a", &format!("c{next}"));
                if next.is_multiple_of(7) {
                    new.reply_to = Some(crate::domain::model::Quote {
                        message_id: "m0".to_owned(),
                        seq: 1,
                        sender_id: "a".to_owned(),
                        snippet: "text of m0".to_owned(),
                        recalled: false,
                    });
                }
                stored_per_conversation[side] += 1;
                answers.push((
                    append(&mut jobs, new),
                    format!("m{next}"),
                    stored_per_conversation[side],
                ));
                next += 1;
            }
            answer_now(commit(&store.write, jobs, false).await);
            for (answer, id, seq) in answers {
                assert_eq!(appended(answer).await, (id, seq, false), "batch of {size}");
            }
        }
        for (side, conversation) in ["s_a_b", "s_a_c"].into_iter().enumerate() {
            let history = store
                .history(
                    "b",
                    conversation,
                    0,
                    HistoryPage::Forward { after: 0 },
                    2000,
                )
                .await
                .unwrap();
            let seqs: Vec<i64> = history.iter().map(|m| m.seq).collect();
            let dense: Vec<i64> = (1..=stored_per_conversation[side]).collect();
            assert_eq!(seqs, dense, "{conversation}: every message once, densely");
            for stored in &history {
                let n: usize = stored.message_id[1..].parse().expect("an id of the test");
                assert_eq!(stored.client_msg_id, format!("c{n}"));
                assert_eq!(stored.sender_id, "a");
                assert_eq!(stored.sent_at, 2);
                assert_eq!(
                    stored.content,
                    Some(Content::Text {
                        text: format!("text of m{n}")
                    })
                );
                assert_eq!(
                    stored.reply_to.is_some(),
                    n.is_multiple_of(7),
                    "reply of m{n}"
                );
            }
        }
        assert_eq!(search(&store, "s_a_b", "text of m1000").await, ["m1000"]);
    }

    /// Every step binds at most 256 rows a statement: a batch wider than that in every step
    /// (300 conversations, 300 senders, retries of stored messages past the first chunk of
    /// keys) still reserves, stores, dedups and raises each row, once, in one transaction (not
    /// by the one-by-one fallback, which would hide a chunk left out).
    #[tokio::test]
    async fn a_batch_wider_than_one_statement_in_every_step_keeps_every_rule() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store_with_conversations(dir.path()).await;
        let conversations: Vec<String> = (0..300).map(|n| format!("s_u{n}_v{n}")).collect();
        for (n, id) in conversations.iter().enumerate() {
            let users = [format!("u{n}"), format!("v{n}")];
            store
                .open_conversation(id, ConversationKind::Single, &users, 1)
                .await
                .expect("open conversation");
        }
        let mut connection = store.write.acquire().await.expect("write connection");
        let batch = |messages: Vec<NewMessage>| -> Vec<Write> {
            messages
                .into_iter()
                .map(|message| Write::Append {
                    content: serde_json::to_string(&message.content).expect("content"),
                    message: Box::new(message),
                })
                .collect()
        };
        let answers = |outcomes: Vec<Outcome>| -> Vec<(String, i64, bool)> {
            outcomes
                .into_iter()
                .map(|outcome| match outcome {
                    Outcome::Appended(appended) => (
                        appended.message.message_id,
                        appended.message.seq,
                        appended.duplicate,
                    ),
                    _ => panic!("not appended"),
                })
                .collect()
        };

        let firsts = batch(
            (0..300)
                .map(|n| message(&format!("f{n}"), &conversations[n], &format!("u{n}"), "c1"))
                .collect(),
        );
        let outcomes = together(&mut connection, &firsts)
            .await
            .unwrap_or_else(|_| panic!("the first batch fell back"));
        let expected: Vec<_> = (0..300).map(|n| (format!("f{n}"), 1, false)).collect();
        assert_eq!(answers(outcomes), expected);

        // Each sender: a new message, then a retry of its stored one; the retries' keys fall in
        // all three chunks of the dedup look-up.
        let mut messages = Vec::new();
        let mut expected = Vec::new();
        for (n, conversation) in conversations.iter().enumerate() {
            let sender = format!("u{n}");
            messages.push(message(&format!("s{n}"), conversation, &sender, "c2"));
            expected.push((format!("s{n}"), 2, false));
            messages.push(message(&format!("r{n}"), conversation, &sender, "c1"));
            expected.push((format!("f{n}"), 1, true));
        }
        let outcomes = together(&mut connection, &batch(messages))
            .await
            .unwrap_or_else(|_| panic!("the second batch fell back"));
        assert_eq!(answers(outcomes), expected);
        drop(connection);

        for (n, conversation) in conversations.iter().enumerate() {
            let sender = store
                .user_conversation(&format!("u{n}"), conversation)
                .await
                .unwrap()
                .unwrap();
            assert_eq!(
                (sender.max_seq, sender.read_seq),
                (2, 2),
                "conversation {n}"
            );
        }
        for n in [0, 255, 256, 299] {
            let page = HistoryPage::Forward { after: 0 };
            let history = store
                .history(&format!("v{n}"), &conversations[n], 0, page, 10)
                .await
                .unwrap();
            let ids: Vec<&str> = history.iter().map(|m| m.message_id.as_str()).collect();
            assert_eq!(ids, [format!("f{n}"), format!("s{n}")], "conversation {n}");
        }
    }

    async fn search(store: &SqliteStore, conversation: &str, query: &str) -> Vec<String> {
        let scope = [SearchScope {
            conversation_id: conversation.to_owned(),
            after_seq: 0,
        }];
        store
            .search(&scope, query, None, 100)
            .await
            .expect("search")
    }

    #[tokio::test]
    async fn a_batch_indexes_each_new_text_once_and_nothing_else() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store_with_conversations(dir.path()).await;
        store
            .append(&message("m0", "s_a_b", "a", "c0"))
            .await
            .expect("earlier append");

        let mut jobs = Vec::new();
        let mut answers = vec![append(&mut jobs, message("m1", "s_a_b", "a", "c1"))];
        let mut photo = message("m2", "s_a_b", "b", "c2");
        photo.content = Content::Image {
            url: "https://example.com/text-of-a.png".to_owned(),
            width: 1,
            height: 1,
            size: 1,
            media_id: None,
        };
        answers.push(append(&mut jobs, photo));
        answers.push(append(&mut jobs, message("m3", "s_a_c", "a", "c3")));
        answers.push(append(&mut jobs, message("m4", "s_a_b", "a", "c1")));
        answers.push(append(&mut jobs, message("m5", "s_a_b", "a", "c0")));
        for n in 6..80 {
            let text = message(&format!("m{n}"), "s_a_b", "b", &format!("c{n}"));
            answers.push(append(&mut jobs, text));
        }
        answer_now(commit(&store.write, jobs, false).await);
        for answer in answers {
            appended(answer).await;
        }

        let mut found = search(&store, "s_a_b", "text of m").await;
        found.sort();
        let mut expected: Vec<String> = (6..80).map(|n| format!("m{n}")).collect();
        expected.extend(["m0".to_owned(), "m1".to_owned()]);
        expected.sort();
        assert_eq!(found, expected, "every text once; no photo, no retry");
        assert_eq!(search(&store, "s_a_c", "text of m3").await, ["m3"]);
        assert_eq!(
            search(&store, "s_a_b", "text of m7").await,
            [
                "m79", "m78", "m77", "m76", "m75", "m74", "m73", "m72", "m71", "m70", "m7"
            ]
        );
    }

    #[tokio::test]
    async fn after_hooks_run_in_queue_order_once_committed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store_with_conversations(dir.path()).await;
        let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));

        let mut jobs = Vec::new();
        let mut answers = Vec::new();
        for (n, conversation) in ["s_a_b", "s_a_c", "s_a_b", "s_a_z", "s_a_b"]
            .iter()
            .enumerate()
        {
            let message = message(&format!("m{n}"), conversation, "a", &format!("c{n}"));
            let content = serde_json::to_string(&message.content).expect("content");
            let (reply, answer) = oneshot::channel();
            let seen = seen.clone();
            let after: AfterAppend = Box::new(move |appended: &Appended| {
                let message = &appended.message;
                let mut seen = seen.lock().expect("lock");
                seen.push((message.conversation_id.clone(), message.seq));
            });
            jobs.push(Job {
                write: Write::Append {
                    message: Box::new(message),
                    content,
                },
                reply: Reply::Append(reply, Some(after)),
            });
            answers.push(answer);
        }
        answer_now(commit(&store.write, jobs, false).await);

        let seen = seen.lock().expect("lock").clone();
        let expected: Vec<(String, i64)> = [("s_a_b", 1), ("s_a_c", 1), ("s_a_b", 2), ("s_a_b", 3)]
            .iter()
            .map(|(c, s)| ((*c).to_owned(), *s))
            .collect();
        assert_eq!(seen, expected, "in queue order, none for the failed append");
        let failed = answers.remove(3).await.expect("answered");
        assert_eq!(
            failed.expect_err("missing").reason,
            Reason::ConversationNotFound
        );
    }

    #[tokio::test]
    async fn a_batch_of_several_statement_chunks_numbers_every_message() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store_with_conversations(dir.path()).await;

        let mut jobs = Vec::new();
        let mut answers = Vec::new();
        for n in 0..150 {
            let conversation = if n % 3 == 0 { "s_a_c" } else { "s_a_b" };
            let message = message(&format!("m{n}"), conversation, "a", &format!("c{n}"));
            answers.push(append(&mut jobs, message));
        }
        let retry = append(&mut jobs, message("r", "s_a_b", "a", "c0"));
        answer_now(commit(&store.write, jobs, false).await);

        let (mut b, mut c) = (Vec::new(), Vec::new());
        for (n, answer) in answers.into_iter().enumerate() {
            let (id, seq, duplicate) = appended(answer).await;
            assert_eq!((id, duplicate), (format!("m{n}"), false));
            if n % 3 == 0 { c.push(seq) } else { b.push(seq) }
        }
        assert_eq!(b, (1..=100).collect::<Vec<i64>>());
        assert_eq!(c, (1..=50).collect::<Vec<i64>>());
        assert_eq!(appended(retry).await, ("m0".to_owned(), 1, true));
        let a = store
            .user_conversation("a", "s_a_c")
            .await
            .unwrap()
            .unwrap();
        assert_eq!((a.max_seq, a.read_seq), (50, 50));
    }

    #[tokio::test]
    async fn a_write_whose_log_sync_fails_is_not_acknowledged_and_its_retry_gets_the_original() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store_with_conversations(dir.path()).await;
        let unsyncable =
            Writer::start(store.write.clone(), 16, Some(dir.path().join("no-log"))).unwrap();

        let refused = unsyncable
            .append(&message("m1", "s_a_b", "a", "c1"), None)
            .await
            .expect_err("not acknowledged without the sync");
        assert_eq!(refused.reason, Reason::BackendUnavailable);
        let read = unsyncable
            .mark_read("b", "s_a_b", 1)
            .await
            .expect_err("a read position neither");
        assert_eq!(read.reason, Reason::BackendUnavailable);

        let retry = store
            .append(&message("m9", "s_a_b", "a", "c1"))
            .await
            .expect("the retry is answered");
        assert_eq!(
            (
                retry.message.message_id.as_str(),
                retry.message.seq,
                retry.duplicate
            ),
            ("m1", 1, true),
            "stored once, and the retry learns it"
        );
    }

    #[tokio::test]
    async fn the_write_connection_syncs_its_own_commits_again_after_each_batch() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store_with_conversations(dir.path()).await;
        for n in 0..3 {
            let sent = message(&format!("m{n}"), "s_a_b", "a", &format!("c{n}"));
            store.append(&sent).await.expect("append");
        }
        let level: i64 = sqlx::query_scalar("PRAGMA synchronous")
            .fetch_one(&store.write)
            .await
            .expect("pragma");
        assert_eq!(
            level, 2,
            "FULL: the other writes on this connection sync themselves"
        );
    }

    #[tokio::test]
    async fn texts_and_ids_with_quotes_escapes_and_any_script_are_stored_exactly() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store_with_conversations(dir.path()).await;
        let text = "a \"quoted\" \\ back\\slash, a tab\there,\na new line, 港口很远 😀 \u{2028}";
        let client_msg_id = "id \"with\" \\ quotes, 港口 😀";

        let mut jobs = Vec::new();
        let mut tricky = message("m1", "s_a_b", "a", client_msg_id);
        tricky.content = Content::Text {
            text: text.to_owned(),
        };
        let first = append(&mut jobs, tricky.clone());
        let mut retry = tricky.clone();
        retry.message_id = "m2".to_owned();
        let retry_in_batch = append(&mut jobs, retry.clone());
        answer_now(commit(&store.write, jobs, false).await);
        assert_eq!(appended(first).await, ("m1".to_owned(), 1, false));
        assert_eq!(appended(retry_in_batch).await, ("m1".to_owned(), 1, true));

        let mut jobs = Vec::new();
        let retry_of_stored = append(&mut jobs, retry);
        answer_now(commit(&store.write, jobs, false).await);
        assert_eq!(appended(retry_of_stored).await, ("m1".to_owned(), 1, true));

        let history = store
            .history("b", "s_a_b", 0, HistoryPage::Forward { after: 0 }, 10)
            .await
            .unwrap();
        assert_eq!(history.len(), 1);
        assert_eq!(history[0].client_msg_id, client_msg_id);
        assert_eq!(
            history[0].content,
            Some(Content::Text {
                text: text.to_owned()
            })
        );
        assert_eq!(search(&store, "s_a_b", "港口很远 😀").await, ["m1"]);
    }
}
