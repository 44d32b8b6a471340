//! The search index's setup against a real PostgreSQL: `EASYCHAT_TEST_SEARCH_URL` (which
//! `deploy/local/up` writes to its env file), skipped with a note when unset, and failing when
//! unset in a run on the real services (`EASYCHAT_TEST_CONFIG` set). Searching itself is
//! covered end to end by the tests crate.

use sqlx::Row;
use sqlx::postgres::PgPoolOptions;

use super::PgSearch;
use crate::test_services::service_env;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn nodes_starting_together_on_an_empty_database_all_set_the_index_up() {
    let Some(url) = service_env("EASYCHAT_TEST_SEARCH_URL", "postgres") else {
        return;
    };
    // A schema of its own stands in for an empty database: the setup's table and indexes go
    // to the first schema of the search path (pg_trgm's operator classes stay in public).
    let random = uuid::Uuid::new_v4().simple().to_string();
    let schema = format!("easychat_t_{}_{}", std::process::id(), &random[..12]);
    let admin = PgPoolOptions::new()
        .max_connections(1)
        .connect(&url)
        .await
        .expect("connect to PostgreSQL");
    sqlx::query(&format!("CREATE SCHEMA {schema}"))
        .execute(&admin)
        .await
        .expect("create the test schema");
    let scoped = format!("{url}?options=-c%20search_path%3D{schema}%2Cpublic");
    let nodes = futures::future::join_all((0..6).map(|_| PgSearch::open(&scoped))).await;
    let failures: Vec<String> = nodes
        .iter()
        .filter_map(|opened| opened.as_ref().err().map(|error| format!("{error:#}")))
        .collect();
    let indexes: i64 = sqlx::query("SELECT count(*) FROM pg_indexes WHERE schemaname = $1")
        .bind(&schema)
        .fetch_one(&admin)
        .await
        .expect("count the indexes")
        .get(0);
    for node in nodes.into_iter().flatten() {
        node.close().await;
    }
    sqlx::query(&format!("DROP SCHEMA {schema} CASCADE"))
        .execute(&admin)
        .await
        .expect("drop the test schema");
    assert!(failures.is_empty(), "every node started: {failures:#?}");
    assert_eq!(indexes, 3, "the primary key and the two indexes, once each");
}
