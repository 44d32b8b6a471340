//! The OpenAPI 3 document of the REST API, generated from the protos by `sdk-gen/generate`
//! (sdk-gen/packages/openapi/openapi.yaml) and compiled in; served as JSON at `/openapi.json`.

use std::sync::LazyLock;

use axum::response::{IntoResponse, Response};

use super::json_response;

const DOCUMENT_YAML: &str = include_str!("../../../sdk-gen/packages/openapi/openapi.yaml");

/// The document as JSON, converted once.
static DOCUMENT_JSON: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let document: serde_json::Value =
        serde_norway::from_str(DOCUMENT_YAML).expect("the generated OpenAPI document is YAML");
    serde_json::to_vec(&document).expect("JSON values serialize")
});

pub(super) async fn document() -> Response {
    json_response(DOCUMENT_JSON.clone()).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_lists_the_mapped_paths() {
        let document: serde_json::Value = serde_json::from_slice(&DOCUMENT_JSON).unwrap();
        assert!(document["openapi"].as_str().unwrap().starts_with("3."));
        assert!(
            document["paths"]["/v1/conversations/{conversationId}/messages"]["get"].is_object()
        );
    }
}
