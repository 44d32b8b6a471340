//! After a scenario's last phase, its conversations read back through `ListMessages`: every
//! page of every conversation it sent into, 16 conversations at a time, once its sessions are
//! closed (so after the timed phases and their drain: the figures are not affected).
//!
//! Checked per conversation: seqs are exactly 1..=max (no gap, none twice), no client_msg_id
//! is stored twice; and over the scenario: every send the harness counted as acked is stored,
//! at the seq its ack told. Sends stored without an ack (refused, timed out, answered after the
//! drain) are counted apart: a send that timed out may well have been stored.
//!
//! EasyChat only: the baselines and Centrifugo keep no history to list.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use anyhow::Context;
use easychat_proto::im::v1::{ListMessagesRequest, PageDirection};
use futures::StreamExt;

use super::{Ctx, System};
use crate::setup::{Setup, User};
use crate::stats::report::{Integrity, Row};
use crate::transport::{Session, client_msg_id};

/// Conversations read at once.
const PARALLEL: usize = 16;
/// Messages per page (the most `ListMessages` returns).
const PAGE_SIZE: i32 = 200;
/// Tries per page before the conversation counts as unread.
const ATTEMPTS: u32 = 3;
const CALL_TIMEOUT: Duration = Duration::from_secs(30);

/// What a scenario sent: the acked client_msg_ids with the seq of their ack, and who sent.
#[derive(Debug, Default)]
pub struct Ledger {
    /// client_msg_id → seq the ack told (0: the protocol tells none).
    acked: HashMap<String, i64>,
    /// The client_msg_ids of this scenario's senders without their last part (`<run>.<session
    /// uid>`): tells its unacked sends from earlier scenarios' messages.
    senders: HashSet<String>,
}

impl Ledger {
    /// The acked sends of these sessions (read once they are closed: no ack comes later).
    pub fn of_sessions<'a>(run: &str, sessions: impl IntoIterator<Item = &'a Session>) -> Ledger {
        let mut ledger = Ledger::default();
        for session in sessions {
            ledger.senders.insert(format!("{run}.{}", session.uid));
            for (id, seq) in session.acks() {
                ledger
                    .acked
                    .insert(client_msg_id(run, session.uid, id), seq);
            }
        }
        ledger
    }

    /// A send made outside the sessions (unary `SendMessage`), acked with `seq`.
    pub fn acked(&mut self, client_msg_id: String, seq: i64) {
        if let Some((sender, _)) = client_msg_id.rsplit_once('.') {
            self.senders.insert(sender.to_owned());
        }
        self.acked.insert(client_msg_id, seq);
    }

    fn sent_by_us(&self, client_msg_id: &str) -> bool {
        client_msg_id
            .rsplit_once('.')
            .is_some_and(|(sender, _)| self.senders.contains(sender))
    }
}

/// A message as read back.
#[derive(Debug, Clone)]
pub struct Stored {
    pub client_msg_id: String,
    pub seq: i64,
}

/// Reads back `conversations` (id, index of a member in `Ctx::users` to read as) and checks
/// them against `ledger`; `None` for systems without history.
pub async fn check(
    ctx: &Ctx,
    label: &str,
    conversations: &[(String, usize)],
    ledger: &Ledger,
) -> Option<Integrity> {
    if ctx.system != System::Easychat {
        return None;
    }
    let started = Instant::now();
    let mut integrity = Integrity {
        conversations: conversations.len() as u64,
        ..Integrity::default()
    };
    let mut found = HashSet::new();
    let setup = match ctx.grpc_url.as_deref() {
        Some(url) => Setup::connect(url, PARALLEL, &ctx.run).await,
        None => Err(anyhow::anyhow!("no --server URL to read back from")),
    };
    match setup {
        Ok(setup) => {
            let setup = &setup;
            let mut reads = futures::stream::iter(conversations.iter().enumerate())
                .map(|(i, (conversation_id, reader))| async move {
                    let history = read_all(setup, i, &ctx.users[*reader], conversation_id).await;
                    (conversation_id, history)
                })
                .buffer_unordered(PARALLEL);
            while let Some((conversation_id, history)) = reads.next().await {
                match history {
                    Ok(history) => tally(&mut integrity, &history, ledger, &mut found),
                    Err(e) => {
                        integrity.unread_conversations += 1;
                        eprintln!("[{label}] reading {conversation_id} back: {e:#}");
                    }
                }
            }
        }
        Err(e) => {
            integrity.unread_conversations = integrity.conversations;
            eprintln!("[{label}] read-back: {e:#}");
        }
    }
    finish(&mut integrity, ledger, &found);
    eprintln!(
        "[{label}] read back in {:.1}s: {}",
        started.elapsed().as_secs_f64(),
        integrity.summary()
    );
    Some(integrity)
}

/// Puts the read-back on the scenario's first row, with a note; returns its summary.
pub fn attach(rows: &mut [Row], integrity: Option<Integrity>) -> String {
    let Some(integrity) = integrity else {
        return "not checked (no history to read on this system)".to_owned();
    };
    let summary = integrity.summary();
    if let Some(row) = rows.first_mut() {
        row.notes.push(format!(
            "seq check, read back through ListMessages after every phase of the scenario: {summary}"
        ));
        row.integrity = Some(integrity);
    }
    summary
}

/// Every message of the conversation, oldest first, page by page.
async fn read_all(
    setup: &Setup,
    i: usize,
    reader: &User,
    conversation_id: &str,
) -> anyhow::Result<Vec<Stored>> {
    let mut client = setup.im(i, reader)?;
    let mut history = Vec::new();
    let mut page_token = String::new();
    loop {
        let request = ListMessagesRequest {
            conversation_id: conversation_id.to_owned(),
            anchor_seq: 0,
            direction: PageDirection::Forward as i32,
            page_size: PAGE_SIZE,
            page_token: page_token.clone(),
        };
        let mut attempt = 1;
        let page = loop {
            let call = tokio::time::timeout(CALL_TIMEOUT, client.list_messages(request.clone()));
            match call.await {
                Ok(Ok(page)) => break page.into_inner(),
                Ok(Err(status)) if attempt >= ATTEMPTS => {
                    return Err(status).context(format!("ListMessages (attempt {attempt})"));
                }
                Err(_) if attempt >= ATTEMPTS => {
                    anyhow::bail!("ListMessages took over {CALL_TIMEOUT:?} (attempt {attempt})")
                }
                _ => {
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    attempt += 1;
                }
            }
        };
        history.extend(page.messages.into_iter().map(|m| Stored {
            client_msg_id: m.client_msg_id,
            seq: m.seq,
        }));
        if page.next_page_token.is_empty() {
            return Ok(history);
        }
        page_token = page.next_page_token;
    }
}

/// Adds one conversation's history (in any order) to `into`; `found` collects the acked
/// client_msg_ids seen.
fn tally(into: &mut Integrity, history: &[Stored], ledger: &Ledger, found: &mut HashSet<String>) {
    into.stored += history.len() as u64;
    let mut seqs: Vec<i64> = history.iter().map(|m| m.seq).collect();
    seqs.sort_unstable();
    let below_one = seqs.iter().take_while(|&&seq| seq < 1).count();
    seqs.drain(..below_one);
    let numbered = seqs.len();
    seqs.dedup();
    let max = seqs.last().copied().unwrap_or(0);
    into.seq_gaps += below_one as u64 + (max as u64 - seqs.len() as u64);
    into.seq_duplicates += (numbered - seqs.len()) as u64;

    // client_msg_id → the seqs it is stored at.
    let mut copies: HashMap<&str, Vec<i64>> = HashMap::new();
    for message in history {
        copies
            .entry(message.client_msg_id.as_str())
            .or_default()
            .push(message.seq);
    }
    for (client_msg_id, at) in copies {
        if client_msg_id.is_empty() {
            into.stored_other += at.len() as u64;
            continue;
        }
        into.client_msg_id_duplicates += at.len() as u64 - 1;
        if let Some(&acked_seq) = ledger.acked.get(client_msg_id) {
            found.insert(client_msg_id.to_owned());
            if acked_seq != 0 && !at.contains(&acked_seq) {
                into.ack_seq_mismatches += 1;
            }
        } else if ledger.sent_by_us(client_msg_id) {
            into.stored_not_acked += 1;
        } else {
            into.stored_other += at.len() as u64;
        }
    }
}

/// The totals once every conversation is tallied.
fn finish(into: &mut Integrity, ledger: &Ledger, found: &HashSet<String>) {
    into.acked = ledger.acked.len() as u64;
    into.acked_not_stored = into.acked - found.len() as u64;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(id: &str, seq: i64) -> Stored {
        Stored {
            client_msg_id: id.to_owned(),
            seq,
        }
    }

    /// Acked r.1.1 at seq 1 … r.1.n at seq n, from sender `r.1`.
    fn ledger(n: i64) -> Ledger {
        let mut ledger = Ledger::default();
        for k in 1..=n {
            ledger.acked(format!("r.1.{k}"), k);
        }
        ledger
    }

    fn checked(ledger: &Ledger, conversations: &[Vec<Stored>]) -> Integrity {
        let mut integrity = Integrity::default();
        let mut found = HashSet::new();
        for history in conversations {
            tally(&mut integrity, history, ledger, &mut found);
        }
        finish(&mut integrity, ledger, &found);
        integrity
    }

    #[test]
    fn a_complete_history_is_clean() {
        let history = vec![stored("r.1.1", 1), stored("r.1.2", 2), stored("r.1.3", 3)];
        let integrity = checked(&ledger(3), &[history]);
        assert!(integrity.clean(), "{integrity:?}");
        assert_eq!((integrity.acked, integrity.stored), (3, 3));
        assert!(integrity.summary().starts_with("ok"));
    }

    #[test]
    fn an_acked_message_missing_is_lost_and_a_gap() {
        let history = vec![stored("r.1.1", 1), stored("r.1.3", 3)];
        let integrity = checked(&ledger(3), &[history]);
        assert_eq!((integrity.acked_not_stored, integrity.seq_gaps), (1, 1));
        assert!(!integrity.clean());
        assert!(integrity.summary().starts_with("FAILED"));
    }

    #[test]
    fn seqs_start_at_one() {
        let integrity = checked(&Ledger::default(), &[vec![stored("x", 2)]]);
        assert_eq!(integrity.seq_gaps, 1);
        let integrity = checked(&Ledger::default(), &[vec![stored("x", 0), stored("y", 1)]]);
        assert_eq!(integrity.seq_gaps, 1);
    }

    #[test]
    fn two_messages_at_one_seq_are_a_duplicate_seq() {
        let history = vec![stored("r.1.1", 1), stored("r.1.2", 1), stored("r.1.3", 2)];
        let integrity = checked(&ledger(3), &[history]);
        assert_eq!((integrity.seq_duplicates, integrity.seq_gaps), (1, 0));
        // r.1.2 and r.1.3 are stored, but not at the seqs of their acks.
        assert_eq!(integrity.ack_seq_mismatches, 2);
    }

    #[test]
    fn a_client_msg_id_stored_twice_is_a_duplicate() {
        let history = vec![stored("r.1.1", 1), stored("r.1.1", 2)];
        let integrity = checked(&ledger(1), &[history]);
        assert_eq!(integrity.client_msg_id_duplicates, 1);
        assert_eq!((integrity.acked_not_stored, integrity.seq_gaps), (0, 0));
    }

    #[test]
    fn unacked_sends_and_earlier_messages_are_counted_apart() {
        // r.1.2 timed out but was stored; r.0.7 and the id-less one are earlier scenarios'.
        let history = vec![
            stored("r.0.7", 1),
            stored("", 2),
            stored("r.1.1", 3),
            stored("r.1.2", 4),
        ];
        let mut ledger = Ledger::default();
        ledger.acked("r.1.1".to_owned(), 3);
        let integrity = checked(&ledger, &[history]);
        assert!(integrity.clean(), "{integrity:?}");
        assert_eq!(
            (
                integrity.stored,
                integrity.stored_other,
                integrity.stored_not_acked
            ),
            (4, 2, 1)
        );
    }

    #[test]
    fn an_ack_without_a_seq_is_not_compared() {
        let mut ledger = Ledger::default();
        ledger.acked("r.1.1".to_owned(), 0);
        let integrity = checked(&ledger, &[vec![stored("r.1.1", 1)]]);
        assert!(integrity.clean(), "{integrity:?}");
    }

    #[test]
    fn sessions_make_the_ledger() {
        let meter = std::sync::Arc::new(crate::stats::meter::Meter::default());
        let session = Session::new(0, meter, 4);
        session.on_ack(1, 5);
        session.on_ack(3, 6);
        let ledger = Ledger::of_sessions("r", [session.as_ref()]);
        let uid = session.uid;
        assert_eq!(ledger.acked.get(&format!("r.{uid}.3")), Some(&6));
        // Sent by this session but never acked: counted apart, not as another's.
        assert!(ledger.sent_by_us(&format!("r.{uid}.2")));
        assert!(!ledger.sent_by_us("r.other.2"));
    }
}
