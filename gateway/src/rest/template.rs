//! HTTP path templates of `google.api.http` rules, in the subset EasyChat's protos use:
//! literal segments, single-segment variables naming a request field (`{group_id}`, nested as
//! `{a.b}`), and an optional custom verb after the last segment (`/v1/groups/{group_id}:leave`).
//! Multi-segment wildcards (`**`, `{name=a/*}`) are refused when the table is built, so a proto
//! using them fails at start rather than routing wrongly.

use std::fmt;

/// One parsed template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathTemplate {
    segments: Vec<Segment>,
    verb: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Literal(String),
    /// The request field (dotted path) that the segment's text is written to.
    Field(String),
}

/// Values of the template's variables in a matched path, in template order.
pub type Bindings = Vec<(String, String)>;

impl PathTemplate {
    pub fn parse(template: &str) -> Result<PathTemplate, String> {
        let rest = template
            .strip_prefix('/')
            .ok_or_else(|| format!("`{template}` does not start with '/'"))?;
        // The verb follows the last ':' that is not inside a variable.
        let (path, verb) = match rest.rfind(':') {
            Some(colon) if !rest[colon..].contains('}') => {
                (&rest[..colon], Some(rest[colon + 1..].to_owned()))
            }
            _ => (rest, None),
        };
        let segments = path
            .split('/')
            .map(|segment| {
                if let Some(inner) = segment.strip_prefix('{') {
                    let field = inner
                        .strip_suffix('}')
                        .ok_or_else(|| format!("`{template}`: unclosed variable"))?;
                    let valid = !field.is_empty()
                        && field
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
                    if !valid {
                        return Err(format!(
                            "`{template}`: only single-segment variables naming a field are supported, not `{{{field}}}`"
                        ));
                    }
                    Ok(Segment::Field(field.to_owned()))
                } else if segment.is_empty() || segment.contains(['*', '{', '}']) {
                    Err(format!("`{template}`: unsupported segment `{segment}`"))
                } else {
                    Ok(Segment::Literal(segment.to_owned()))
                }
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(PathTemplate { segments, verb })
    }

    /// The variables' values when `path` (without the query) matches, percent-decoded.
    pub fn matches(&self, path: &str) -> Option<Bindings> {
        let rest = path.strip_prefix('/')?;
        let path = match &self.verb {
            Some(verb) => {
                let (path, found) = rest.rsplit_once(':')?;
                if found != verb {
                    return None;
                }
                path
            }
            // Ids never contain ':', so a last segment with one names a verb this template
            // does not have (`/v1/groups/g1:leav` is not GetGroup of "g1:leav").
            None if rest
                .rsplit('/')
                .next()
                .is_some_and(|last| last.contains(':')) =>
            {
                return None;
            }
            None => rest,
        };
        let parts: Vec<&str> = path.split('/').collect();
        if parts.len() != self.segments.len() {
            return None;
        }
        let mut bindings = Vec::new();
        for (segment, part) in self.segments.iter().zip(parts) {
            match segment {
                Segment::Literal(literal) if literal == part => {}
                Segment::Literal(_) => return None,
                Segment::Field(field) => {
                    let value = percent_decode(part)?;
                    if value.is_empty() {
                        return None;
                    }
                    bindings.push((field.clone(), value));
                }
            }
        }
        Some(bindings)
    }

    /// How specific the template is, to try more specific ones first: `/v1/users/me` before
    /// `/v1/users/{user_id}`. More literal segments win, then a verb.
    pub fn specificity(&self) -> (usize, bool) {
        let literals = self
            .segments
            .iter()
            .filter(|s| matches!(s, Segment::Literal(_)))
            .count();
        (literals, self.verb.is_some())
    }
}

impl fmt::Display for PathTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for segment in &self.segments {
            match segment {
                Segment::Literal(literal) => write!(f, "/{literal}")?,
                Segment::Field(field) => write!(f, "/{{{field}}}")?,
            }
        }
        if let Some(verb) = &self.verb {
            write!(f, ":{verb}")?;
        }
        Ok(())
    }
}

/// `%XX` escapes decoded; `None` when an escape is malformed or the result is not UTF-8.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bind(template: &str, path: &str) -> Option<Bindings> {
        PathTemplate::parse(template).unwrap().matches(path)
    }

    #[test]
    fn variables_bind_one_segment_each() {
        assert_eq!(
            bind(
                "/v1/groups/{group_id}/members/{user_id}",
                "/v1/groups/g1/members/u%2D2"
            ),
            Some(vec![
                ("group_id".to_owned(), "g1".to_owned()),
                ("user_id".to_owned(), "u-2".to_owned())
            ])
        );
        assert_eq!(bind("/v1/groups/{group_id}", "/v1/groups/g1/members"), None);
        assert_eq!(bind("/v1/groups/{group_id}", "/v1/groups/"), None);
        assert_eq!(bind("/v1/groups/{group_id}", "/v1/groups/%zz"), None);
    }

    #[test]
    fn a_verb_must_match_exactly() {
        assert_eq!(
            bind("/v1/groups/{group_id}:leave", "/v1/groups/g1:leave"),
            Some(vec![("group_id".to_owned(), "g1".to_owned())])
        );
        assert_eq!(
            bind("/v1/groups/{group_id}:leave", "/v1/groups/g1:join"),
            None
        );
        assert_eq!(bind("/v1/groups/{group_id}:leave", "/v1/groups/g1"), None);
        assert_eq!(bind("/v1/users:login", "/v1/users:login"), Some(vec![]));
        assert_eq!(bind("/v1/users", "/v1/users:login"), None);
    }

    #[test]
    fn literals_are_more_specific_than_variables() {
        let me = PathTemplate::parse("/v1/users/me").unwrap();
        let user = PathTemplate::parse("/v1/users/{user_id}").unwrap();
        assert!(me.specificity() > user.specificity());
        assert_eq!(me.to_string(), "/v1/users/me");
        assert_eq!(user.to_string(), "/v1/users/{user_id}");
    }

    #[test]
    fn unsupported_templates_are_refused() {
        assert!(PathTemplate::parse("/v1/{name=messages/*}").is_err());
        assert!(PathTemplate::parse("/v1/**").is_err());
        assert!(PathTemplate::parse("v1/users").is_err());
    }
}
