//! The browser app's static files (`web_root`, normally `web/dist`) at `/`.
//!
//! The app is built by a separate npm step, so a fresh clone has no `web/dist`. Rather than an
//! empty 404 that looks like a broken server, every path then answers a small page saying how to
//! build it, and the gateway logs the same once at start. Whether the app is there is checked
//! per request: built while the server runs, it is served on the next reload, no restart.

use std::path::{Path, PathBuf};

use axum::Router;
use axum::handler::HandlerWithoutStateExt;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use tower_http::services::ServeDir;

/// The commands that build the app, from the repository root (as web/README.md has them).
pub const BUILD_COMMANDS: &str = "cd web && npm run build:sdk && npm ci && npm run build";

/// `router` with the files under `root` as its fallback.
pub(crate) fn serve_app(router: Router, root: &Path) -> Router {
    let root_for_missing = root.to_owned();
    let missing = move || {
        let root = root_for_missing.clone();
        async move { not_found(&root) }
    };
    router.fallback_service(ServeDir::new(root).not_found_service(missing.into_service()))
}

/// Whether the app under `root` is built (its `index.html` exists).
pub fn is_built(root: &Path) -> bool {
    root.join("index.html").is_file()
}

/// What a path that is not a file of the app answers: a plain 404 once the app is built, the
/// page telling how to build it while it is not.
fn not_found(root: &Path) -> Response {
    if is_built(root) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let shown = escape(&display_root(root).display().to_string());
    let commands = escape(BUILD_COMMANDS);
    let page = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>EasyChat: the web app is not built</title></head>\n<body>\n\
         <h1>The EasyChat web app is not built yet</h1>\n\
         <p>This server serves the browser app from <code>{shown}</code>, which has no \
         <code>index.html</code>. Build it once, from the repository root:</p>\n\
         <pre>{commands}</pre>\n\
         <p>then reload this page (no restart needed). <code>make run</code> does this for you \
         when npm is installed. The WebSocket bridge at <code>/ws</code> and the gRPC port work \
         without it.</p>\n</body></html>\n"
    );
    (StatusCode::NOT_FOUND, Html(page)).into_response()
}

/// `root` as an absolute path when the working directory is known, so the page and the log say
/// which directory was looked at.
pub fn display_root(root: &Path) -> PathBuf {
    std::path::absolute(root).unwrap_or_else(|_| root.to_owned())
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::Request;
    use tower::ServiceExt;

    async fn get(router: Router, path: &str) -> (StatusCode, String) {
        let response = router
            .oneshot(Request::get(path).body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let body = axum::body::to_bytes(response.into_body(), 1 << 20)
            .await
            .unwrap();
        (status, String::from_utf8(body.to_vec()).unwrap())
    }

    #[tokio::test]
    async fn an_unbuilt_app_answers_how_to_build_it_and_a_built_one_is_served() {
        let dir = std::env::temp_dir().join(format!("easychat-web-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        // No directory at all (a fresh clone), then a directory without index.html.
        for create in [false, true] {
            if create {
                std::fs::create_dir_all(&dir).unwrap();
            }
            let (status, body) = get(serve_app(Router::new(), &dir), "/").await;
            assert_eq!(status, StatusCode::NOT_FOUND);
            assert!(body.contains(&escape(BUILD_COMMANDS)), "{body}");
        }
        // Built while the server runs: served at once.
        std::fs::write(dir.join("index.html"), "<p>app</p>").unwrap();
        let router = serve_app(Router::new(), &dir);
        assert_eq!(
            get(router.clone(), "/").await,
            (StatusCode::OK, "<p>app</p>".to_owned())
        );
        let (status, body) = get(router, "/missing.js").await;
        assert_eq!((status, body.as_str()), (StatusCode::NOT_FOUND, ""));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
