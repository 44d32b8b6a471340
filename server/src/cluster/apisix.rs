//! APISIX's gRPC upstream from the node registry.
//!
//! APISIX has no discovery module for another program's etcd prefix, and in standalone mode it
//! reads its whole configuration from one file (apisix.yaml), reloaded when the file changes and
//! ends with `#END`. So `easychat apisix-upstreams` follows the registry and writes that file
//! from a template (deploy/apisix/apisix.yaml): the same routes, with the nodes of one upstream
//! replaced by the registered nodes. While no node is registered the template's nodes stay.
//!
//! The file is rewritten in place, not renamed over: a container that mounts the single file
//! keeps seeing the same inode, and APISIX ignores a half-written file because `#END` comes
//! last.

use std::path::PathBuf;

use anyhow::{Context, bail};
use serde_norway::{Mapping, Value};

use super::registry::{NodeSet, NodeWatch, RegistryOptions};

/// The line APISIX wants at the end of a complete standalone file.
const END: &str = "#END";

/// What `easychat apisix-upstreams` writes, and from what.
#[derive(Debug, Clone)]
pub struct ApisixFile {
    /// The routes and upstreams as deployed (YAML).
    pub template: PathBuf,
    /// Where APISIX reads its standalone configuration.
    pub out: PathBuf,
    /// The `id` of the upstream whose nodes are the registered nodes.
    pub upstream_id: String,
}

impl ApisixFile {
    /// Writes the file for the current node set, then again on every change; returns only on
    /// an error (the template or the output cannot be used, etcd unreachable at the start).
    pub async fn follow(&self, options: RegistryOptions) -> anyhow::Result<()> {
        let template = self.read_template()?;
        let watch = NodeWatch::start(options).await?;
        let mut nodes = watch.nodes();
        loop {
            let rendered = render(&template, &self.upstream_id, &nodes.borrow_and_update())?;
            if self.write_if_changed(&rendered)? {
                tracing::info!(
                    out = %self.out.display(),
                    nodes = nodes.borrow().len(),
                    "APISIX configuration written"
                );
            }
            nodes
                .changed()
                .await
                .context("the node registry's watch stopped")?;
        }
    }

    fn read_template(&self) -> anyhow::Result<Value> {
        let text = std::fs::read_to_string(&self.template)
            .with_context(|| format!("reading the template {}", self.template.display()))?;
        serde_norway::from_str(&text)
            .with_context(|| format!("parsing the template {}", self.template.display()))
    }

    /// Rewrites the file unless it already holds `contents`; true when written.
    fn write_if_changed(&self, contents: &str) -> anyhow::Result<bool> {
        if std::fs::read_to_string(&self.out).is_ok_and(|current| current == contents) {
            return Ok(false);
        }
        std::fs::write(&self.out, contents)
            .with_context(|| format!("writing {}", self.out.display()))?;
        Ok(true)
    }
}

/// The standalone file: `template` with the nodes of upstream `upstream_id` set to `nodes`
/// (weight 1 each), or as they are when `nodes` is empty.
pub fn render(template: &Value, upstream_id: &str, nodes: &NodeSet) -> anyhow::Result<String> {
    let mut config = template.clone();
    let upstream = config
        .get_mut("upstreams")
        .and_then(Value::as_sequence_mut)
        .and_then(|upstreams| {
            upstreams
                .iter_mut()
                .find(|upstream| upstream.get("id").and_then(Value::as_str) == Some(upstream_id))
        });
    let Some(upstream) = upstream.and_then(Value::as_mapping_mut) else {
        bail!("the template has no upstream with id {upstream_id:?}");
    };
    if !nodes.is_empty() {
        let weights: Mapping = nodes
            .values()
            .map(|node| (Value::from(node.grpc_addr.clone()), Value::from(1)))
            .collect();
        upstream.insert(Value::from("nodes"), Value::Mapping(weights));
    }
    let body = serde_norway::to_string(&config).context("encoding the APISIX configuration")?;
    Ok(format!(
        "# Written by `easychat apisix-upstreams` from its template: the registered nodes are \
         the upstream {upstream_id:?}.\n{body}{END}\n"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::NodeInfo;

    const TEMPLATE: &str = r#"
upstreams:
  - id: easychat-grpc
    scheme: grpc
    nodes:
      "easychat-1:50051": 1
  - id: easychat-gateway
    nodes:
      "gateway:10090": 1
routes:
  - id: im
    upstream_id: easychat-grpc
#END
"#;

    fn nodes(addrs: &[&str]) -> NodeSet {
        addrs
            .iter()
            .enumerate()
            .map(|(i, addr)| {
                let info = NodeInfo {
                    node_id: format!("node-{i}"),
                    grpc_addr: (*addr).to_owned(),
                    started_at_ms: 0,
                };
                (info.node_id.clone(), info)
            })
            .collect()
    }

    fn upstream_nodes(rendered: &str, id: &str) -> Vec<String> {
        let config: Value = serde_norway::from_str(rendered).expect("the output is YAML");
        let upstream = config["upstreams"]
            .as_sequence()
            .expect("upstreams")
            .iter()
            .find(|u| u["id"] == id)
            .expect("the upstream");
        upstream["nodes"]
            .as_mapping()
            .expect("nodes")
            .keys()
            .map(|k| k.as_str().expect("address").to_owned())
            .collect()
    }

    #[test]
    fn the_registered_nodes_replace_the_grpc_upstreams_nodes_only() {
        let template = serde_norway::from_str(TEMPLATE).expect("template");
        let rendered = render(
            &template,
            "easychat-grpc",
            &nodes(&["10.0.0.1:50051", "10.0.0.2:50051"]),
        )
        .expect("render");
        assert_eq!(
            upstream_nodes(&rendered, "easychat-grpc"),
            ["10.0.0.1:50051", "10.0.0.2:50051"]
        );
        assert_eq!(
            upstream_nodes(&rendered, "easychat-gateway"),
            ["gateway:10090"]
        );
        assert!(rendered.ends_with("\n#END\n"), "{rendered}");
    }

    #[test]
    fn without_registered_nodes_the_templates_stay() {
        let template = serde_norway::from_str(TEMPLATE).expect("template");
        let rendered = render(&template, "easychat-grpc", &NodeSet::new()).expect("render");
        assert_eq!(
            upstream_nodes(&rendered, "easychat-grpc"),
            ["easychat-1:50051"]
        );
    }

    #[test]
    fn an_unknown_upstream_is_an_error() {
        let template = serde_norway::from_str(TEMPLATE).expect("template");
        let error = render(&template, "nope", &NodeSet::new()).expect_err("no such upstream");
        assert!(error.to_string().contains("\"nope\""), "{error}");
    }

    #[test]
    fn the_deployed_template_has_the_grpc_upstream() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../deploy/apisix/apisix.yaml");
        let template = serde_norway::from_str(&std::fs::read_to_string(path).expect("read"))
            .expect("deploy/apisix/apisix.yaml is YAML");
        let rendered =
            render(&template, "easychat-grpc", &nodes(&["10.0.0.7:50051"])).expect("render");
        assert_eq!(
            upstream_nodes(&rendered, "easychat-grpc"),
            ["10.0.0.7:50051"]
        );
    }
}
