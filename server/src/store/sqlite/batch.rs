//! One batch of the writer applied inside its transaction, with a few statements whatever its
//! size: the dedup lookup, the seq reservation, the inserts and the senders' read positions each
//! take the whole batch as rows of a `VALUES` list (cut into a few fixed sizes, so the driver
//! keeps those statements prepared), then one statement per read position.

use std::collections::HashMap;

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

/// Row counts of the statements a batch is cut into: a handful of shapes, all prepared once,
/// each well under SQLite's limit of bound parameters.
const CHUNK_ROWS: [usize; 4] = [64, 16, 4, 1];

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

/// The stored messages with these (sender, client_msg_id) pairs.
async fn stored_originals(
    tx: &mut Transaction<'_, Sqlite>,
    keys: &[DedupKey<'_>],
) -> Result<Vec<Message>> {
    let columns = MESSAGE_COLUMNS
        .split(", ")
        .map(|column| format!("m.{column}"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut found = Vec::new();
    for chunk in chunks(keys) {
        let sql = format!(
            "WITH k(sender_id, client_msg_id) AS (VALUES {})
             SELECT {columns} FROM k JOIN messages AS m
             ON m.sender_id = k.sender_id AND m.client_msg_id = k.client_msg_id",
            placeholders(chunk.len(), 2)
        );
        let mut query = sqlx::query(&sql);
        for (sender, client_msg_id) in chunk {
            query = query.bind(*sender).bind(*client_msg_id);
        }
        let rows = query
            .fetch_all(&mut **tx)
            .await
            .map_err(db_error(CONTEXT))?;
        for row in &rows {
            found.push(message_from_row(row)?);
        }
    }
    Ok(found)
}

/// Moves each conversation's max seq by its count; returns each one's first new seq.
async fn reserve_seqs(
    tx: &mut Transaction<'_, Sqlite>,
    counts: &[(&str, i64, i64)],
) -> Result<HashMap<String, i64>, Anomaly> {
    let mut first_seqs = HashMap::with_capacity(counts.len());
    for chunk in chunks(counts) {
        let sql = format!(
            "WITH v(id, count, sent_at) AS (VALUES {})
             UPDATE conversations SET max_seq = max_seq + v.count, updated_at = v.sent_at
             FROM v WHERE conversations.id = v.id RETURNING id, max_seq",
            placeholders(chunk.len(), 3)
        );
        let mut query = sqlx::query(&sql);
        for (id, count, sent_at) in chunk {
            query = query.bind(*id).bind(*count).bind(*sent_at);
        }
        let rows: Vec<SqliteRow> = query
            .fetch_all(&mut **tx)
            .await
            .map_err(db_error(CONTEXT))?;
        if rows.len() != chunk.len() {
            return Err(Anomaly::MissingConversation);
        }
        for row in rows {
            let id: String = row.get("id");
            let max_seq: i64 = row.get("max_seq");
            let count = chunk
                .iter()
                .find(|(conversation, _, _)| *conversation == id)
                .map(|(_, count, _)| *count)
                .ok_or(Anomaly::MissingConversation)?;
            first_seqs.insert(id, max_seq - count + 1);
        }
    }
    Ok(first_seqs)
}

async fn insert_messages(
    tx: &mut Transaction<'_, Sqlite>,
    rows: &[(&NewMessage, &str, i64)],
) -> Result<()> {
    for chunk in chunks(rows) {
        let sql = format!(
            "INSERT INTO messages (id, conversation_id, seq, sender_id, client_msg_id, content, sent_at, reply_to, mentions)
             VALUES {}",
            placeholders(chunk.len(), 9)
        );
        let mut query = sqlx::query(&sql);
        for (message, content, seq) in chunk {
            query = query
                .bind(message.message_id.as_str())
                .bind(message.conversation_id.as_str())
                .bind(*seq)
                .bind(message.sender_id.as_str())
                .bind(message.client_msg_id.as_str())
                .bind(*content)
                .bind(message.sent_at)
                .bind(reply_to_json(message))
                .bind(mentions_json(message));
        }
        execute(tx, query).await?;
    }
    for (message, _, seq) in rows.iter().filter(|(m, _, _)| !m.mentions.is_empty()) {
        insert_mentions(&mut **tx, message, *seq).await?;
    }
    Ok(())
}

/// Raises (user, conversation) read seqs; each pair appears once.
async fn raise_read_seqs(
    tx: &mut Transaction<'_, Sqlite>,
    reads: &[(&str, &str, i64)],
) -> Result<()> {
    for chunk in chunks(reads) {
        let sql = format!(
            "WITH v(user_id, conversation_id, seq) AS (VALUES {})
             UPDATE user_conversations SET read_seq = MAX(read_seq, v.seq) FROM v
             WHERE user_conversations.user_id = v.user_id
               AND user_conversations.conversation_id = v.conversation_id",
            placeholders(chunk.len(), 3)
        );
        let mut query = sqlx::query(&sql);
        for (user, conversation, seq) in chunk {
            query = query.bind(*user).bind(*conversation).bind(*seq);
        }
        execute(tx, query).await?;
    }
    Ok(())
}

async fn execute<'q>(
    tx: &mut Transaction<'_, Sqlite>,
    query: sqlx::query::Query<'q, Sqlite, SqliteArguments<'q>>,
) -> Result<()> {
    query.execute(&mut **tx).await.map_err(db_error(CONTEXT))?;
    Ok(())
}

/// `rows` cut into consecutive chunks of the sizes in `CHUNK_ROWS`, largest first.
fn chunks<T>(rows: &[T]) -> impl Iterator<Item = &[T]> {
    let mut rest = rows;
    std::iter::from_fn(move || {
        let size = CHUNK_ROWS
            .iter()
            .copied()
            .find(|&size| size <= rest.len())?;
        let (chunk, tail) = rest.split_at(size);
        rest = tail;
        Some(chunk)
    })
}

/// `(?, ?), (?, ?)` for `rows` rows of `columns` values.
fn placeholders(rows: usize, columns: usize) -> String {
    let row = format!("({})", vec!["?"; columns].join(", "));
    vec![row; rows].join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_use_the_fixed_sizes_largest_first_and_cover_every_row() {
        let rows: Vec<usize> = (0..157).collect();
        let sizes: Vec<usize> = chunks(&rows).map(<[usize]>::len).collect();
        assert_eq!(sizes, vec![64, 64, 16, 4, 4, 4, 1]);
        let covered: Vec<usize> = chunks(&rows).flatten().copied().collect();
        assert_eq!(covered, rows);
        assert_eq!(chunks::<usize>(&[]).count(), 0);
    }

    #[test]
    fn placeholders_list_rows_of_parameters() {
        assert_eq!(placeholders(2, 3), "(?, ?, ?), (?, ?, ?)");
    }
}
