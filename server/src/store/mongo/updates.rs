//! Many single-document updates in few round trips: `update` commands of many statements, a few
//! in flight at once.
//!
//! A stored batch updates the state of every conversation it touched, each with its own values,
//! so `update_many` cannot carry them. One `update` command per statement cost FerretDB (the
//! stand-in) about 0.53 ms of its own CPU each, commands of 64 statements 0.37 ms a statement
//! (BENCHMARKS.md, session 27). MongoDB applies the statements of an unordered command one by
//! one, each atomic on its document, as it applies separate commands.

use bson::{Bson, Document, doc};
use futures::StreamExt;
use mongodb::Collection;
use mongodb::options::{ReadPreference, SelectionCriteria};
use serde::Deserialize;

use super::{MongoStore, TRANSIENT_CODES, mongo_error};
use crate::error::{Error, Result};

/// Statements per command at most: a command waits for its last statement, so more would make a
/// small part of the batch wait on a long command.
const STATEMENTS_PER_COMMAND: usize = 64;

/// Commands of one call in flight at once (the driver's pool holds 10 connections by default).
const COMMANDS_IN_FLIGHT: usize = 8;

/// Fields set by the statements of one command at most (a conversation's update names each of
/// its senders), which keeps a command far below MongoDB's 16 MiB limit on a command's size.
const FIELDS_PER_COMMAND: usize = 32_768;

/// One statement: the filter of the document and the update applied to it.
pub(super) type Statement = (Document, Document);

/// The parts of an `update` command's reply that say what did not apply (`ok: 0` is an error the
/// driver returns itself).
#[derive(Deserialize)]
struct UpdateReply {
    #[serde(rename = "writeErrors", default)]
    write_errors: Vec<WriteError>,
    #[serde(rename = "writeConcernError")]
    write_concern_error: Option<WriteError>,
}

#[derive(Deserialize)]
struct WriteError {
    code: i32,
    #[serde(default)]
    errmsg: String,
}

impl MongoStore {
    /// Applies every statement to `collection` (one document each, not upserting), in
    /// unordered commands; fails when any statement failed (what did apply stays applied, so
    /// the statements must be safe to apply again, as `$max` is).
    pub(super) async fn update_each<T: Send + Sync>(
        &self,
        collection: &Collection<T>,
        statements: Vec<Statement>,
        context: &'static str,
    ) -> Result<()> {
        let write_concern = collection
            .write_concern()
            .map(bson::serialize_to_bson)
            .transpose()
            .map_err(|e| Error::internal(context, e))?;
        let commands = commands_of(statements, collection.name(), write_concern.as_ref());
        let database = self.client.database(&collection.namespace().db);
        let replies: Vec<Result<()>> = futures::stream::iter(commands)
            .map(|command| {
                let database = &database;
                async move {
                    let reply = database
                        .run_command(command)
                        .selection_criteria(SelectionCriteria::ReadPreference(
                            ReadPreference::Primary,
                        ))
                        .await
                        .map_err(mongo_error(context))?;
                    match failure_of(reply) {
                        Ok(None) => Ok(()),
                        Ok(Some(failure)) if failure.transient => {
                            Err(Error::unavailable(context, failure.detail))
                        }
                        Ok(Some(failure)) => Err(Error::internal(context, failure.detail)),
                        Err(e) => Err(Error::internal(context, e)),
                    }
                }
            })
            .buffer_unordered(COMMANDS_IN_FLIGHT)
            .collect()
            .await;
        replies.into_iter().collect()
    }
}

/// The statements cut into commands of equal length, as long as it takes to fill the
/// `COMMANDS_IN_FLIGHT` slots (so a small call is still spread over them), none longer than
/// `STATEMENTS_PER_COMMAND` or setting more than `FIELDS_PER_COMMAND` fields.
fn commands_of(
    statements: Vec<Statement>,
    collection: &str,
    write_concern: Option<&Bson>,
) -> Vec<Document> {
    let per_command = statements
        .len()
        .div_ceil(COMMANDS_IN_FLIGHT)
        .clamp(1, STATEMENTS_PER_COMMAND);
    let command = |updates: Vec<Bson>| {
        let mut command = doc! { "update": collection, "updates": updates, "ordered": false };
        if let Some(concern) = write_concern {
            command.insert("writeConcern", concern.clone());
        }
        command
    };
    let mut commands = Vec::new();
    let mut updates = Vec::new();
    let mut fields = 0;
    for (filter, update) in statements {
        let set = fields_set(&update);
        if !updates.is_empty()
            && (updates.len() == per_command || fields + set > FIELDS_PER_COMMAND)
        {
            commands.push(command(std::mem::take(&mut updates)));
            fields = 0;
        }
        fields += set;
        updates.push(Bson::Document(doc! { "q": filter, "u": update }));
    }
    if !updates.is_empty() {
        commands.push(command(updates));
    }
    commands
}

/// The fields an update names, over all its operators.
fn fields_set(update: &Document) -> usize {
    update
        .values()
        .map(|operator| operator.as_document().map_or(1, Document::len))
        .sum()
}

/// What an `update` command's reply says did not apply.
struct Failure {
    /// A write concern not met for a reason a retry can cure, as `mongo_error` tells them.
    transient: bool,
    detail: String,
}

fn failure_of(reply: Document) -> bson::error::Result<Option<Failure>> {
    let reply: UpdateReply = bson::deserialize_from_document(reply)?;
    if let Some(first) = reply.write_errors.first() {
        return Ok(Some(Failure {
            transient: false,
            detail: format!(
                "{} of the statements failed, the first with code {}: {}",
                reply.write_errors.len(),
                first.code,
                first.errmsg
            ),
        }));
    }
    Ok(reply.write_concern_error.map(|concern| Failure {
        transient: TRANSIENT_CODES.contains(&concern.code),
        detail: format!(
            "write concern not met (code {}): {}",
            concern.code, concern.errmsg
        ),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statement(i: usize, senders: usize) -> Statement {
        let mut raised = doc! { "max_seq": i as i64 };
        for s in 0..senders {
            raised.insert(format!("sent_seqs.u{s}"), i as i64);
        }
        (doc! { "_id": format!("c{i}") }, doc! { "$max": raised })
    }

    fn sizes(commands: &[Document]) -> Vec<usize> {
        commands
            .iter()
            .map(|c| c.get_array("updates").unwrap().len())
            .collect()
    }

    #[test]
    fn a_small_call_is_spread_over_the_command_slots_and_a_large_one_in_commands_of_64() {
        let few: Vec<_> = (0..20).map(|i| statement(i, 1)).collect();
        assert_eq!(
            sizes(&commands_of(few, "conversations", None)),
            [3, 3, 3, 3, 3, 3, 2]
        );
        let many: Vec<_> = (0..1000).map(|i| statement(i, 1)).collect();
        let commands = commands_of(many, "conversations", None);
        assert_eq!(commands.len(), 1000usize.div_ceil(64));
        assert!(sizes(&commands).iter().all(|&n| n <= 64));
        assert_eq!(sizes(&commands).iter().sum::<usize>(), 1000);
    }

    #[test]
    fn commands_stay_under_the_field_budget_and_keep_every_statement_once_in_order() {
        // Each statement sets 5,001 fields: six of them would pass the budget.
        let wide: Vec<_> = (0..13).map(|i| statement(i, 5_000)).collect();
        let concern = Bson::Document(doc! { "w": "majority" });
        let commands = commands_of(wide, "conversations", Some(&concern));
        assert_eq!(sizes(&commands), [2, 2, 2, 2, 2, 2, 1]);
        let ids: Vec<String> = commands
            .iter()
            .flat_map(|c| c.get_array("updates").unwrap().clone())
            .map(|u| {
                let u = u.as_document().unwrap().clone();
                u.get_document("q")
                    .unwrap()
                    .get_str("_id")
                    .unwrap()
                    .to_owned()
            })
            .collect();
        let expected: Vec<String> = (0..13).map(|i| format!("c{i}")).collect();
        assert_eq!(ids, expected);
        let first = commands[0].clone();
        assert_eq!(first.get_str("update").unwrap(), "conversations");
        assert!(!first.get_bool("ordered").unwrap());
        assert_eq!(first.get("writeConcern"), Some(&concern));
    }

    #[test]
    fn a_failed_statement_or_an_unmet_write_concern_is_a_failure_saying_so() {
        let applied = failure_of(doc! { "n": 2, "nModified": 2, "ok": 1.0 }).unwrap();
        assert!(applied.is_none());
        let failed = failure_of(doc! { "n": 1, "ok": 1.0, "writeErrors": [
            { "index": 1, "code": 2, "errmsg": "bad $max" },
            { "index": 3, "code": 2, "errmsg": "bad $max" },
        ] })
        .unwrap()
        .unwrap();
        assert!(!failed.transient);
        assert_eq!(
            failed.detail,
            "2 of the statements failed, the first with code 2: bad $max"
        );
        let stepped_down = failure_of(doc! { "n": 1, "ok": 1.0,
        "writeConcernError": { "code": 189, "errmsg": "stepped down" } })
        .unwrap()
        .unwrap();
        assert!(stepped_down.transient, "{}", stepped_down.detail);
        let not_met = failure_of(doc! { "n": 1, "ok": 1.0,
        "writeConcernError": { "code": 100, "errmsg": "waiting for replication timed out" } })
        .unwrap()
        .unwrap();
        assert!(!not_met.transient, "{}", not_met.detail);
    }
}
