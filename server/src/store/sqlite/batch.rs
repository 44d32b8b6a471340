//! One batch of the writer applied inside its transaction, in four statements whatever its size
//! (up to 256 new messages): the dedup lookup, the seq reservation, the inserts and the senders'
//! read positions each bind the whole batch's rows as the parameters of one `VALUES` list
//! (`ByRows`), then one statement per read position asked for. Each statement is a round trip
//! between the writer's task and the driver's thread, two thread wake-ups on a loaded machine:
//! when every step cut the batch into `VALUES` lists of 64, 16, 4 and 1 rows, a batch of 256
//! took about thirty; each step's one statement now has room for the whole batch.

use std::collections::HashMap;
use std::sync::OnceLock;

use sqlx::sqlite::{SqliteArguments, SqliteRow};
use sqlx::{Row, Sqlite, Transaction};

use super::db_error;
use super::messages::{MESSAGE_COLUMNS, message_from_row};
use super::writes::{
    Anomaly, Outcome, Write, insert_mentions, mark_read, mentions_json, reply_to_json, stored_form,
};
use crate::domain::model::{Appended, Message, NewMessage};
use crate::error::{Error, Reason, Result};

const CONTEXT: &str = "storing messages";

/// The identity a retry shares with its original.
type DedupKey<'a> = (&'a str, &'a str);

/// How an append of the batch resolves.
enum Resolution {
    /// (sender, client_msg_id) is stored already.
    Stored(Box<Message>),
    /// New: gets a seq.
    New,
    /// A retry of the batch's append at this position.
    RetryOf(usize),
}

/// Applies the whole batch inside `tx`; one outcome per write, in order.
pub(super) async fn apply(
    tx: &mut Transaction<'_, Sqlite>,
    batch: &[Write],
) -> Result<Vec<Outcome>, Anomaly> {
    let appends: Vec<(usize, &NewMessage, &str)> = batch
        .iter()
        .enumerate()
        .filter_map(|(index, write)| match write {
            Write::Append { message, content } => Some((index, &**message, content.as_str())),
            Write::MarkRead { .. } => None,
        })
        .collect();
    let mut outcomes: Vec<Option<Outcome>> = batch.iter().map(|_| None).collect();
    if !appends.is_empty() {
        let messages: Vec<&NewMessage> = appends.iter().map(|(_, m, _)| *m).collect();
        let contents: Vec<&str> = appends.iter().map(|(_, _, c)| *c).collect();
        let appended = append_all(tx, &messages, &contents).await?;
        for ((index, _, _), appended) in appends.iter().zip(appended) {
            outcomes[*index] = Some(Outcome::Appended(Box::new(appended)));
        }
    }
    // Read positions, after the appends queued before them.
    for (index, write) in batch.iter().enumerate() {
        if let Write::MarkRead {
            user_id,
            conversation_id,
            seq,
        } = write
        {
            let outcome = match mark_read(&mut **tx, user_id, conversation_id, *seq).await {
                Ok(read_seq) => Outcome::Read(read_seq),
                // A refusal changes nothing: the rest of the batch stands.
                Err(error) if error.reason == Reason::NotConversationMember => {
                    Outcome::Failed(error)
                }
                Err(error) => return Err(Anomaly::Failed(error)),
            };
            outcomes[index] = Some(outcome);
        }
    }
    outcomes
        .into_iter()
        .map(|outcome| {
            outcome.ok_or_else(|| Error::internal(CONTEXT, "a write without an outcome"))
        })
        .collect::<Result<Vec<_>>>()
        .map_err(Anomaly::Failed)
}

/// Appends `messages` in order; one answer each.
async fn append_all(
    tx: &mut Transaction<'_, Sqlite>,
    messages: &[&NewMessage],
    contents: &[&str],
) -> Result<Vec<Appended>, Anomaly> {
    // 1. Which (sender, client_msg_id) pairs are stored already.
    let keys: Vec<DedupKey<'_>> = messages
        .iter()
        .map(|m| (m.sender_id.as_str(), m.client_msg_id.as_str()))
        .collect();
    let stored_messages = stored_originals(tx, &keys).await?;
    let stored: HashMap<DedupKey<'_>, &Message> = stored_messages
        .iter()
        .map(|m| ((m.sender_id.as_str(), m.client_msg_id.as_str()), m))
        .collect();

    // 2. Resolve each append in queue order; count the new ones per conversation.
    let mut first_of: HashMap<DedupKey<'_>, usize> = HashMap::new();
    let mut resolutions = Vec::with_capacity(messages.len());
    // (conversation, new messages, last sent_at), in order of first appearance.
    let mut per_conversation: Vec<(&str, i64, i64)> = Vec::new();
    let mut conversation_index: HashMap<&str, usize> = HashMap::new();
    for (position, message) in messages.iter().enumerate() {
        let key = keys[position];
        if let Some(&original) = stored.get(&key) {
            resolutions.push(Resolution::Stored(Box::new(original.clone())));
        } else if let Some(&first) = first_of.get(&key) {
            resolutions.push(Resolution::RetryOf(first));
        } else {
            first_of.insert(key, position);
            resolutions.push(Resolution::New);
            let conversation = message.conversation_id.as_str();
            match conversation_index.get(conversation) {
                Some(&i) => {
                    per_conversation[i].1 += 1;
                    per_conversation[i].2 = per_conversation[i].2.max(message.sent_at);
                }
                None => {
                    conversation_index.insert(conversation, per_conversation.len());
                    per_conversation.push((conversation, 1, message.sent_at));
                }
            }
        }
    }

    // 3. Reserve the seqs: each conversation's max seq moves by its count of new messages.
    let mut next_seq = reserve_seqs(tx, &per_conversation).await?;

    // 4. Number the new messages in queue order and store them; senders have read what they
    // sent.
    let mut seqs = vec![0_i64; messages.len()];
    let mut rows = Vec::new();
    let mut sender_reads: HashMap<(&str, &str), i64> = HashMap::new();
    for (position, message) in messages.iter().enumerate() {
        if !matches!(resolutions[position], Resolution::New) {
            continue;
        }
        let next = next_seq
            .get_mut(message.conversation_id.as_str())
            .ok_or(Anomaly::MissingConversation)?;
        let seq = *next;
        *next += 1;
        seqs[position] = seq;
        rows.push((*message, contents[position], seq));
        let read = sender_reads
            .entry((message.sender_id.as_str(), message.conversation_id.as_str()))
            .or_default();
        *read = (*read).max(seq);
    }
    insert_messages(tx, &rows).await?;
    let reads: Vec<(&str, &str, i64)> = sender_reads
        .into_iter()
        .map(|((user, conversation), seq)| (user, conversation, seq))
        .collect();
    raise_read_seqs(tx, &reads).await?;

    // 5. The answers: a retry within the batch gets its original, as a stored one would.
    let mut answers: Vec<Appended> = Vec::with_capacity(messages.len());
    for (position, message) in messages.iter().enumerate() {
        let answer = match &resolutions[position] {
            Resolution::Stored(original) => Appended {
                message: (**original).clone(),
                duplicate: true,
            },
            Resolution::New => Appended {
                message: stored_form(message, seqs[position]),
                duplicate: false,
            },
            Resolution::RetryOf(first) => Appended {
                message: answers
                    .get(*first)
                    .map(|original| original.message.clone())
                    .ok_or_else(|| Error::internal(CONTEXT, "a retry before its original"))?,
                duplicate: true,
            },
        };
        answers.push(answer);
    }
    Ok(answers)
}

/// The most rows one statement binds: a batch's rows go in chunks of at most this many.
const ROWS_MAX: usize = 256;

/// One statement of a batch step per power-of-two row count (1, 2, 4, … up to `ROWS_MAX`), each
/// taking its rows as the parameters of a `VALUES` list, made once. A chunk of rows goes
/// through the smallest statement that holds it, the rows it leaves over bound to NULL (under
/// half of any statement's rows), which no step's key matches or keeps. Rows are bound, not read
/// from a JSON array with `json_each`: each `value ->> N` rendered its row to text and parsed it
/// again, a fifth of the writer thread's time for the insert alone (BENCHMARKS.md, session 23).
struct ByRows {
    columns: usize,
    statements: Vec<(String, usize)>,
}

impl ByRows {
    /// `sql` makes the statement from its `VALUES` list (`(?, ?), (?, ?), …`, columns
    /// `column1`, `column2`, … in SQLite's names for them).
    fn new(columns: usize, sql: impl Fn(&str) -> String) -> ByRows {
        let row = format!("({})", vec!["?"; columns].join(", "));
        let statements = std::iter::successors(Some(1_usize), |rows| Some(rows * 2))
            .take_while(|rows| *rows <= ROWS_MAX)
            .map(|rows| (sql(&vec![row.as_str(); rows].join(", ")), rows))
            .collect();
        ByRows {
            columns,
            statements,
        }
    }

    /// The statement for a chunk of `rows` rows (at most `ROWS_MAX`), and the rows it holds
    /// (the chunk's, plus padding).
    fn statement(&self, rows: usize) -> (&str, usize) {
        let size_index = rows.max(1).next_power_of_two().trailing_zeros() as usize;
        let (sql, rows) = &self.statements[size_index.min(self.statements.len() - 1)];
        (sql, *rows)
    }

    /// The query for `chunk`, its rows bound by `bind_row`, then the padding.
    fn query<'q, T>(
        &'q self,
        chunk: &'q [T],
        bind_row: impl Fn(SqliteQuery<'q>, &'q T) -> SqliteQuery<'q>,
    ) -> SqliteQuery<'q> {
        let (sql, rows) = self.statement(chunk.len());
        let query = chunk.iter().fold(sqlx::query(sql), bind_row);
        (0..(rows - chunk.len()) * self.columns).fold(query, |query, _| query.bind(None::<&str>))
    }
}

type SqliteQuery<'q> = sqlx::query::Query<'q, Sqlite, SqliteArguments<'q>>;

/// Finds stored messages by (sender, client_msg_id). `CROSS JOIN` keeps the batch's rows
/// outside, so each is one look-up in the unique (sender, client_msg_id) index.
fn stored_originals_statements() -> &'static ByRows {
    static STATEMENTS: OnceLock<ByRows> = OnceLock::new();
    STATEMENTS.get_or_init(|| {
        let columns = MESSAGE_COLUMNS
            .split(", ")
            .map(|column| format!("m.{column}"))
            .collect::<Vec<_>>()
            .join(", ");
        ByRows::new(2, |values| {
            format!(
                "SELECT {columns} FROM (VALUES {values}) AS k CROSS JOIN messages AS m
                 ON m.sender_id = k.column1 AND m.client_msg_id = k.column2"
            )
        })
    })
}

/// The stored messages with these (sender, client_msg_id) pairs.
async fn stored_originals(
    tx: &mut Transaction<'_, Sqlite>,
    keys: &[DedupKey<'_>],
) -> Result<Vec<Message>> {
    let mut stored = Vec::new();
    for chunk in keys.chunks(ROWS_MAX) {
        let rows = stored_originals_statements()
            .query(chunk, |query, (sender, client_msg_id)| {
                query.bind(*sender).bind(*client_msg_id)
            })
            .fetch_all(&mut **tx)
            .await
            .map_err(db_error(CONTEXT))?;
        for row in &rows {
            stored.push(message_from_row(row)?);
        }
    }
    Ok(stored)
}

/// Moves conversations' max seqs by (id, count, updated_at) rows.
fn reserve_seqs_statements() -> &'static ByRows {
    static STATEMENTS: OnceLock<ByRows> = OnceLock::new();
    STATEMENTS.get_or_init(|| {
        ByRows::new(3, |values| {
            format!(
                "UPDATE conversations SET max_seq = max_seq + v.column2, updated_at = v.column3
                 FROM (VALUES {values}) AS v WHERE conversations.id = v.column1
                 RETURNING id, max_seq"
            )
        })
    })
}

/// Moves each conversation's max seq by its count; returns each one's first new seq.
async fn reserve_seqs(
    tx: &mut Transaction<'_, Sqlite>,
    counts: &[(&str, i64, i64)],
) -> Result<HashMap<String, i64>, Anomaly> {
    let mut rows: Vec<SqliteRow> = Vec::with_capacity(counts.len());
    for chunk in counts.chunks(ROWS_MAX) {
        let reserved = reserve_seqs_statements()
            .query(chunk, |query, (id, count, updated_at)| {
                query.bind(*id).bind(*count).bind(*updated_at)
            })
            .fetch_all(&mut **tx)
            .await
            .map_err(db_error(CONTEXT))?;
        rows.extend(reserved);
    }
    if rows.len() != counts.len() {
        return Err(Anomaly::MissingConversation);
    }
    let counts: HashMap<&str, i64> = counts.iter().map(|(id, count, _)| (*id, *count)).collect();
    let mut first_seqs = HashMap::with_capacity(counts.len());
    for row in rows {
        let id: String = row.get("id");
        let max_seq: i64 = row.get("max_seq");
        let count = counts
            .get(id.as_str())
            .copied()
            .ok_or(Anomaly::MissingConversation)?;
        first_seqs.insert(id, max_seq - count + 1);
    }
    Ok(first_seqs)
}

/// The columns an append inserts, in the order each row binds them.
const INSERTED_COLUMNS: &str =
    "id, conversation_id, seq, sender_id, client_msg_id, content, sent_at, reply_to, mentions";
const INSERTED_COLUMN_COUNT: usize = 9;

/// Inserts new messages; padding rows (first column NULL) are skipped.
fn insert_messages_statements() -> &'static ByRows {
    static STATEMENTS: OnceLock<ByRows> = OnceLock::new();
    STATEMENTS.get_or_init(|| {
        ByRows::new(INSERTED_COLUMN_COUNT, |values| {
            format!(
                "INSERT INTO messages ({INSERTED_COLUMNS}) SELECT * FROM (VALUES {values}) \
                 WHERE column1 IS NOT NULL"
            )
        })
    })
}

async fn insert_messages(
    tx: &mut Transaction<'_, Sqlite>,
    rows: &[(&NewMessage, &str, i64)],
) -> Result<()> {
    for chunk in rows.chunks(ROWS_MAX) {
        let query = insert_messages_statements().query(chunk, |query, (message, content, seq)| {
            query
                .bind(message.message_id.as_str())
                .bind(message.conversation_id.as_str())
                .bind(*seq)
                .bind(message.sender_id.as_str())
                .bind(message.client_msg_id.as_str())
                .bind(*content)
                .bind(message.sent_at)
                .bind(reply_to_json(message))
                .bind(mentions_json(message))
        });
        execute(tx, query).await?;
    }
    for (message, _, seq) in rows.iter().filter(|(m, _, _)| !m.mentions.is_empty()) {
        insert_mentions(&mut **tx, message, *seq).await?;
    }
    Ok(())
}

/// Raises read seqs by (user, conversation, seq) rows.
fn raise_read_seqs_statements() -> &'static ByRows {
    static STATEMENTS: OnceLock<ByRows> = OnceLock::new();
    STATEMENTS.get_or_init(|| {
        ByRows::new(3, |values| {
            format!(
                "UPDATE user_conversations SET read_seq = MAX(read_seq, v.column3)
                 FROM (VALUES {values}) AS v
                 WHERE user_conversations.user_id = v.column1
                   AND user_conversations.conversation_id = v.column2"
            )
        })
    })
}

/// Raises (user, conversation) read seqs; each pair appears once.
async fn raise_read_seqs(
    tx: &mut Transaction<'_, Sqlite>,
    reads: &[(&str, &str, i64)],
) -> Result<()> {
    for chunk in reads.chunks(ROWS_MAX) {
        let query = raise_read_seqs_statements()
            .query(chunk, |query, (user, conversation, seq)| {
                query.bind(*user).bind(*conversation).bind(*seq)
            });
        execute(tx, query).await?;
    }
    Ok(())
}

async fn execute<'q>(tx: &mut Transaction<'_, Sqlite>, query: SqliteQuery<'q>) -> Result<()> {
    query.execute(&mut **tx).await.map_err(db_error(CONTEXT))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_statement_holds_its_chunk_in_under_twice_its_rows() {
        let statements = insert_messages_statements();
        let rows = |chunk: usize| {
            let (sql, rows) = statements.statement(chunk);
            assert_eq!(
                sql.matches('(').count() - 2,
                rows,
                "the rows it says it holds"
            );
            assert_eq!(sql.matches('?').count(), rows * INSERTED_COLUMN_COUNT);
            rows
        };
        assert_eq!(rows(1), 1);
        assert_eq!(rows(3), 4);
        assert_eq!(rows(4), 4);
        assert_eq!(rows(5), 8);
        assert_eq!(rows(200), ROWS_MAX);
        assert_eq!(rows(ROWS_MAX), ROWS_MAX);
    }

    /// Every statement of a batch reads the batch's rows and looks each one up by a key: a scan
    /// of the messages or of the conversations would grow with the database, not the batch.
    #[tokio::test]
    async fn each_statement_looks_up_the_batch_rows_by_key() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = crate::store::sqlite::SqliteStore::open(
            dir.path(),
            &crate::config::StorageConfig::default(),
        )
        .await
        .expect("open store");
        for statements in [
            stored_originals_statements(),
            reserve_seqs_statements(),
            insert_messages_statements(),
            raise_read_seqs_statements(),
        ] {
            // Unbound parameters are NULL.
            let (sql, _) = statements.statement(ROWS_MAX);
            let plan: Vec<String> = sqlx::query(&format!("EXPLAIN QUERY PLAN {sql}"))
                .fetch_all(&store.write)
                .await
                .expect("plan")
                .iter()
                .map(|step| step.get("detail"))
                .collect();
            assert!(
                plan.iter()
                    .all(|step| !step.starts_with("SCAN") || step.contains("VALUES CLAUSE")),
                "a table scanned by\n{sql}\n{plan:#?}"
            );
        }
        store.close().await;
    }
}
