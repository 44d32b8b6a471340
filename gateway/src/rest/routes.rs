//! The REST routes, read from the `google.api.http` option of every unary RPC in EasyChat's
//! descriptor set: nothing here names an RPC, so a new mapped RPC is served without code.

use std::sync::Arc;

use axum::http::Method;
use axum::http::uri::PathAndQuery;
use prost_reflect::{DescriptorPool, DynamicMessage, MessageDescriptor, MethodDescriptor, Value};

use super::template::{Bindings, PathTemplate};

/// Where a rule takes the request message from besides the path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyRule {
    /// `body` unset: every field not in the path comes from the query string.
    Query,
    /// `body: "*"`: every field not in the path comes from the JSON body.
    Whole,
}

/// One HTTP binding of one RPC.
#[derive(Debug, Clone)]
pub struct Route {
    pub method: Method,
    pub template: PathTemplate,
    pub body: BodyRule,
    /// The gRPC path, `/easychat.user.v1.UserService/Login`.
    pub grpc_path: PathAndQuery,
    pub input: MessageDescriptor,
    pub output: MessageDescriptor,
}

/// What a request's method and path lead to.
pub enum Lookup<'a> {
    Found(&'a Route, Bindings),
    /// The path exists with other methods only (an `Allow` header lists them).
    MethodNotAllowed(Vec<Method>),
    NotFound,
}

/// Every route, most specific template first.
#[derive(Clone)]
pub struct RouteTable {
    routes: Arc<Vec<Route>>,
}

impl RouteTable {
    /// The routes of every unary method in `pool` that has an HTTP rule (streaming methods are
    /// skipped: they have no REST form). Errors name the method whose rule cannot be served.
    pub fn from_pool(pool: &DescriptorPool) -> Result<RouteTable, String> {
        let extension = pool
            .get_extension_by_name("google.api.http")
            .ok_or("the descriptor set lacks google/api/annotations.proto")?;
        let mut routes = Vec::new();
        for service in pool.services() {
            for method in service.methods() {
                if method.is_client_streaming() || method.is_server_streaming() {
                    continue;
                }
                let options = method.options();
                if !options.has_extension(&extension) {
                    continue;
                }
                if let Value::Message(rule) = options.get_extension(&extension).as_ref() {
                    add_rule(&mut routes, &method, rule, true)?;
                }
            }
        }
        // Stable: among equally specific templates the proto order stays.
        routes.sort_by_key(|route| std::cmp::Reverse(route.template.specificity()));
        Ok(RouteTable {
            routes: Arc::new(routes),
        })
    }

    /// The route for `method` and `path`.
    pub fn lookup(&self, method: &Method, path: &str) -> Lookup<'_> {
        let mut allowed = Vec::new();
        for route in self.routes.iter() {
            if let Some(bindings) = route.template.matches(path) {
                if route.method == *method {
                    return Lookup::Found(route, bindings);
                }
                if !allowed.contains(&route.method) {
                    allowed.push(route.method.clone());
                }
            }
        }
        if allowed.is_empty() {
            Lookup::NotFound
        } else {
            Lookup::MethodNotAllowed(allowed)
        }
    }

    #[cfg(test)]
    pub fn routes(&self) -> &[Route] {
        &self.routes
    }
}

fn add_rule(
    routes: &mut Vec<Route>,
    method: &MethodDescriptor,
    rule: &DynamicMessage,
    top_level: bool,
) -> Result<(), String> {
    let name = method.full_name();
    let text = |field: &str| match rule.get_field_by_name(field).as_deref() {
        Some(Value::String(text)) => text.clone(),
        _ => String::new(),
    };
    let verbs = [
        (Method::GET, "get"),
        (Method::PUT, "put"),
        (Method::POST, "post"),
        (Method::DELETE, "delete"),
        (Method::PATCH, "patch"),
    ];
    let (http_method, template) = verbs
        .into_iter()
        .find(|(_, field)| rule.has_field_by_name(field))
        .map(|(verb, field)| (verb, text(field)))
        .ok_or_else(|| format!("{name}: the HTTP rule has no get/put/post/delete/patch path"))?;
    let template = PathTemplate::parse(&template).map_err(|e| format!("{name}: {e}"))?;
    let body = match text("body").as_str() {
        "" => BodyRule::Query,
        "*" => BodyRule::Whole,
        other => {
            return Err(format!(
                "{name}: `body: \"{other}\"` is not supported (use \"*\" or none)"
            ));
        }
    };
    if !text("response_body").is_empty() {
        return Err(format!("{name}: `response_body` is not supported"));
    }
    let grpc_path = format!("/{}/{}", method.parent_service().full_name(), method.name())
        .parse()
        .map_err(|e| format!("{name}: {e}"))?;
    routes.push(Route {
        method: http_method,
        template,
        body,
        grpc_path,
        input: method.input(),
        output: method.output(),
    });
    if let Some(Value::List(more)) = rule.get_field_by_name("additional_bindings").as_deref() {
        if !top_level && !more.is_empty() {
            return Err(format!("{name}: additional bindings may not nest"));
        }
        for binding in more {
            if let Value::Message(binding) = binding {
                add_rule(routes, method, binding, false)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> RouteTable {
        let pool = DescriptorPool::decode(easychat_proto::FILE_DESCRIPTOR_SET).unwrap();
        RouteTable::from_pool(&pool).unwrap()
    }

    #[test]
    fn every_unary_rpc_has_a_route_and_no_two_routes_collide() {
        let pool = DescriptorPool::decode(easychat_proto::FILE_DESCRIPTOR_SET).unwrap();
        let table = RouteTable::from_pool(&pool).unwrap();
        let unary: Vec<String> = pool
            .services()
            .flat_map(|service| service.methods().collect::<Vec<_>>())
            .filter(|m| !m.is_client_streaming() && !m.is_server_streaming())
            .map(|m| format!("/{}/{}", m.parent_service().full_name(), m.name()))
            .collect();
        for path in &unary {
            assert!(
                table.routes().iter().any(|r| r.grpc_path.as_str() == path),
                "{path} has no HTTP mapping"
            );
        }
        let mut seen = std::collections::HashSet::new();
        for route in table.routes() {
            assert!(
                seen.insert((route.method.clone(), route.template.to_string())),
                "{} {} is mapped twice",
                route.method,
                route.template
            );
        }
    }

    #[test]
    fn lookup_prefers_literals_and_tells_a_wrong_method_from_a_wrong_path() {
        let table = table();
        let found = |method: Method, path: &str| match table.lookup(&method, path) {
            Lookup::Found(route, bindings) => Some((route.grpc_path.to_string(), bindings)),
            _ => None,
        };
        assert_eq!(
            found(Method::GET, "/v1/users/me").unwrap().0,
            "/easychat.user.v1.UserService/GetMe"
        );
        assert_eq!(
            found(Method::GET, "/v1/users/42").unwrap(),
            (
                "/easychat.user.v1.UserService/GetUser".to_owned(),
                vec![("user_id".to_owned(), "42".to_owned())]
            )
        );
        assert_eq!(
            found(Method::POST, "/v1/groups/g:leave").unwrap().0,
            "/easychat.social.v1.SocialService/LeaveGroup"
        );
        assert!(matches!(
            table.lookup(&Method::PUT, "/v1/groups/g"),
            Lookup::MethodNotAllowed(methods) if methods.contains(&Method::GET) && methods.contains(&Method::DELETE)
        ));
        assert!(matches!(
            table.lookup(&Method::GET, "/v1/nothing"),
            Lookup::NotFound
        ));
    }

    #[test]
    fn docs_list_every_route() {
        let docs = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/rest.md"),
        )
        .unwrap();
        let (_, table_section) = docs.split_once("\n## Routes").expect("a Routes section");
        let documented: std::collections::BTreeSet<(String, String, String, String)> =
            table_section
                .lines()
                .filter_map(|line| {
                    let cells: Vec<&str> = line.split('|').map(str::trim).collect();
                    let method = cells.get(1)?.strip_prefix('`')?.strip_suffix('`')?;
                    let path = cells.get(2)?.strip_prefix('`')?.strip_suffix('`')?;
                    Some((
                        method.to_owned(),
                        path.to_owned(),
                        cells.get(3)?.to_string(),
                        cells.get(4)?.to_string(),
                    ))
                })
                .collect();
        let served = table()
            .routes()
            .iter()
            .map(|route| {
                let rpc = route.grpc_path.as_str().trim_start_matches('/');
                let (service, method) = rpc.rsplit_once('/').unwrap();
                let service = service.rsplit('.').next().unwrap();
                let fields = match route.body {
                    BodyRule::Whole => "JSON",
                    BodyRule::Query => "query",
                };
                (
                    route.method.to_string(),
                    route.template.to_string(),
                    format!("{service}.{method}"),
                    fields.to_owned(),
                )
            })
            .collect();
        assert_eq!(
            documented, served,
            "docs/rest.md's route table vs the protos"
        );
    }
}
