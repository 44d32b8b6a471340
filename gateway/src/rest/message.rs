//! Requests and responses between JSON and protobuf, by the proto3 JSON mapping: a request
//! message is put together from the path variables, the query string (rules without a body) or
//! the JSON body (`body: "*"`), then read by the message's descriptor, which refuses unknown
//! fields and wrong types with the field's path in the message.

use prost_reflect::{
    DeserializeOptions, DynamicMessage, FieldDescriptor, Kind, MessageDescriptor, SerializeOptions,
};
use serde_json::{Map, Value};

use super::problem::Problem;
use super::routes::{BodyRule, Route};
use super::template::{Bindings, percent_decode};

/// The request message of `route` for a call with these path `bindings`, `query` and `body`.
pub fn request(
    route: &Route,
    bindings: Bindings,
    query: Option<&str>,
    body: &[u8],
) -> Result<DynamicMessage, Problem> {
    let described = format!("{} {}", route.method, route.template);
    let body_is_empty = body.iter().all(u8::is_ascii_whitespace);
    let query = query.unwrap_or_default();
    let mut object = match route.body {
        BodyRule::Whole if body_is_empty => Map::new(),
        BodyRule::Whole => match serde_json::from_slice::<Value>(body) {
            Ok(Value::Object(object)) => object,
            Ok(_) => {
                return Err(Problem::invalid_json(format!(
                    "the body of {described} must be a JSON object ({{…}})"
                )));
            }
            Err(e) => {
                return Err(Problem::invalid_json(format!(
                    "the body of {described} is not valid JSON: {e}"
                )));
            }
        },
        BodyRule::Query if !body_is_empty => {
            return Err(Problem::invalid_json(format!(
                "{described} takes no body: put its fields in the query string"
            )));
        }
        BodyRule::Query => Map::new(),
    };
    if route.body == BodyRule::Whole && !query.is_empty() {
        return Err(Problem::invalid_parameter(format!(
            "{described} takes its fields in the JSON body, not in the query string"
        )));
    }
    for (path, value) in bindings {
        set(&mut object, &route.input, &path, &value, Origin::Path)?;
    }
    for pair in query.split('&').filter(|pair| !pair.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let decode = |text: &str| {
            percent_decode(&text.replace('+', " ")).ok_or_else(|| {
                Problem::invalid_parameter(format!("`{pair}` is not valid percent-encoding"))
            })
        };
        set(
            &mut object,
            &route.input,
            &decode(key)?,
            &decode(value)?,
            Origin::Query,
        )?;
    }
    let mut track = serde_path_to_error::Track::new();
    let deserializer = serde_path_to_error::Deserializer::new(Value::Object(object), &mut track);
    DynamicMessage::deserialize_with_options(
        route.input.clone(),
        deserializer,
        &DeserializeOptions::new(),
    )
    .map_err(|e| {
        let path = track.path().to_string();
        let message = if path == "." {
            e.to_string()
        } else {
            format!("{path}: {e}")
        };
        match route.body {
            BodyRule::Whole => Problem::invalid_json(message),
            BodyRule::Query => Problem::invalid_parameter(message),
        }
    })
}

/// A response message, as proto3 JSON with every field present (zero values included), so a
/// client sees the same shape whatever the values.
pub fn response(output: &MessageDescriptor, encoded: &[u8]) -> Result<Vec<u8>, Problem> {
    let message = DynamicMessage::decode(output.clone(), encoded)
        .map_err(|e| Problem::internal(format!("undecodable upstream response: {e}")))?;
    let mut json = Vec::new();
    let mut serializer = serde_json::Serializer::new(&mut json);
    message
        .serialize_with_options(
            &mut serializer,
            &SerializeOptions::new().skip_default_fields(false),
        )
        .map_err(|e| Problem::internal(format!("unserializable upstream response: {e}")))?;
    Ok(json)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Origin {
    Path,
    Query,
}

/// Writes `text` to the field at the dotted `path` of `object` (a JSON object of `message`),
/// as the JSON value the field's type reads.
fn set(
    object: &mut Map<String, Value>,
    message: &MessageDescriptor,
    path: &str,
    text: &str,
    origin: Origin,
) -> Result<(), Problem> {
    let (parents, last) = match path.rsplit_once('.') {
        Some((parents, last)) => (Some(parents), last),
        None => (None, path),
    };
    let mut object = object;
    let mut message = message.clone();
    for part in parents.into_iter().flat_map(|p| p.split('.')) {
        let field = field(&message, part, path)?;
        let Kind::Message(child) = field.kind() else {
            return Err(Problem::invalid_parameter(format!(
                "`{path}`: `{part}` is not a message field"
            )));
        };
        let entry = take_entry(object, &field).unwrap_or_else(|| Value::Object(Map::new()));
        object.insert(field.name().to_owned(), entry);
        object = match object.get_mut(field.name()) {
            Some(Value::Object(inner)) => inner,
            _ => {
                return Err(Problem::invalid_parameter(format!(
                    "`{path}`: `{part}` is not an object"
                )));
            }
        };
        message = child;
    }
    let field = field(&message, last, path)?;
    let value = json_value(&field, text, path)?;
    let existing = take_entry(object, &field);
    let value = match (existing, origin) {
        (None, _) => {
            if field.is_list() {
                Value::Array(vec![value])
            } else {
                value
            }
        }
        (Some(Value::Array(mut items)), Origin::Query) if field.is_list() => {
            items.push(value);
            Value::Array(items)
        }
        (Some(existing), Origin::Path) if existing == value => value,
        (Some(existing), Origin::Path) => {
            return Err(Problem::invalid_json(format!(
                "`{path}` is {value} in the path but {existing} in the body"
            )));
        }
        (Some(_), Origin::Query) => {
            return Err(Problem::invalid_parameter(format!(
                "`{path}` is given more than once"
            )));
        }
    };
    object.insert(field.name().to_owned(), value);
    Ok(())
}

/// The field `name` (proto or JSON name) of `message`.
fn field(message: &MessageDescriptor, name: &str, path: &str) -> Result<FieldDescriptor, Problem> {
    message
        .get_field_by_name(name)
        .or_else(|| message.get_field_by_json_name(name))
        .ok_or_else(|| {
            let fields = message
                .fields()
                .map(|f| f.name().to_owned())
                .collect::<Vec<_>>()
                .join(", ");
            Problem::invalid_parameter(format!(
                "`{path}` is not a field of {} (its fields: {fields})",
                message.name()
            ))
        })
}

/// The value already given for `field`, under its proto or its JSON name.
fn take_entry(object: &mut Map<String, Value>, field: &FieldDescriptor) -> Option<Value> {
    object
        .remove(field.name())
        .or_else(|| object.remove(field.json_name()))
}

/// `text` as the JSON value the field's proto3 JSON mapping reads. Integers travel as strings
/// (the mapping accepts both, and strings keep 64-bit values exact).
fn json_value(field: &FieldDescriptor, text: &str, path: &str) -> Result<Value, Problem> {
    match field.kind() {
        Kind::Bool => match text {
            "true" | "1" => Ok(Value::Bool(true)),
            "false" | "0" => Ok(Value::Bool(false)),
            _ => Err(Problem::invalid_parameter(format!(
                "`{path}` must be true or false, not `{text}`"
            ))),
        },
        Kind::Int32
        | Kind::Sint32
        | Kind::Sfixed32
        | Kind::Int64
        | Kind::Sint64
        | Kind::Sfixed64
            if text.parse::<i64>().is_err() =>
        {
            Err(Problem::invalid_parameter(format!(
                "`{path}` must be an integer, not `{text}`"
            )))
        }
        Kind::Uint32 | Kind::Fixed32 | Kind::Uint64 | Kind::Fixed64
            if text.parse::<u64>().is_err() =>
        {
            Err(Problem::invalid_parameter(format!(
                "`{path}` must be a non-negative integer, not `{text}`"
            )))
        }
        Kind::Enum(_) => Ok(match text.parse::<i32>() {
            Ok(number) => Value::from(number),
            Err(_) => Value::String(text.to_owned()),
        }),
        Kind::Message(message)
            if !message.full_name().starts_with("google.protobuf.") || field.is_map() =>
        {
            Err(Problem::invalid_parameter(format!(
                "`{path}` is a message: name one of its fields (`{path}.<field>`) instead"
            )))
        }
        // Strings, bytes (base64), numbers, and well-known types written as strings
        // (Timestamp, Duration, wrappers).
        _ => Ok(Value::String(text.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::super::routes::{Lookup, RouteTable};
    use super::*;
    use axum::http::Method;
    use prost_reflect::DescriptorPool;

    fn call(method: Method, path: &str, query: Option<&str>, body: &str) -> Result<String, String> {
        let pool = DescriptorPool::decode(easychat_proto::FILE_DESCRIPTOR_SET).unwrap();
        let table = RouteTable::from_pool(&pool).unwrap();
        let Lookup::Found(route, bindings) = table.lookup(&method, path) else {
            panic!("no route for {method} {path}");
        };
        request(route, bindings, query, body.as_bytes())
            .map(|message| serde_json::to_string(&message).unwrap())
            .map_err(|problem| format!("{}: {problem:?}", problem.reason()))
    }

    #[test]
    fn path_query_and_body_fill_the_request() {
        assert_eq!(
            call(
                Method::GET,
                "/v1/conversations/s_a_b/messages",
                Some("pageSize=20&direction=PAGE_DIRECTION_BACKWARD&anchor_seq=9"),
                ""
            )
            .unwrap(),
            r#"{"conversationId":"s_a_b","anchorSeq":"9","direction":"PAGE_DIRECTION_BACKWARD","pageSize":20}"#
        );
        assert_eq!(
            call(
                Method::GET,
                "/v1/users:batchGet",
                Some("user_ids=a&user_ids=b%20c"),
                ""
            )
            .unwrap(),
            r#"{"userIds":["a","b c"]}"#
        );
        assert_eq!(
            call(
                Method::POST,
                "/v1/groups/g1:join",
                None,
                r#"{"message":"hi","groupId":"g1"}"#
            )
            .unwrap(),
            r#"{"groupId":"g1","message":"hi"}"#
        );
    }

    #[test]
    fn bad_input_is_refused_with_the_field_named() {
        let error = |method, path, query, body| call(method, path, query, body).unwrap_err();
        assert!(error(Method::POST, "/v1/users:login", None, "{").starts_with("INVALID_JSON"));
        assert!(error(Method::POST, "/v1/users:login", None, "[]").contains("JSON object"));
        let unknown = error(Method::POST, "/v1/users:login", None, r#"{"phon":"1"}"#);
        assert!(unknown.contains("phon"), "{unknown}");
        let wrong_type = error(
            Method::POST,
            "/v1/messages",
            None,
            r#"{"content":{"text":{"text":5}}}"#,
        );
        assert!(wrong_type.contains("content.text.text"), "{wrong_type}");
        let query = error(Method::GET, "/v1/friends", Some("page_size=ten"), "");
        assert!(
            query.starts_with("INVALID_PARAMETER") && query.contains("page_size"),
            "{query}"
        );
        let unknown_param = error(Method::GET, "/v1/friends", Some("pagesize=1"), "");
        assert!(unknown_param.contains("its fields"), "{unknown_param}");
        let conflict = error(
            Method::POST,
            "/v1/groups/g1:join",
            None,
            r#"{"group_id":"g2"}"#,
        );
        assert!(conflict.contains("in the path"), "{conflict}");
        let body_on_get = error(Method::GET, "/v1/friends", None, "{}");
        assert!(body_on_get.contains("takes no body"), "{body_on_get}");
    }
}
