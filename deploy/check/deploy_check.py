#!/usr/bin/env python3
"""Checks of deploy/ that need no Docker engine (run by deploy/check.sh).

- APISIX: config.yaml and apisix.yaml against the JSON schemas in deploy/apisix/schema/, the
  `#END` marker, references between objects, and a small model of APISIX's router: every RPC of
  every service in proto/ must reach a gRPC upstream, through the grpc-web plugin on the browser
  port and untranslated on the h2c port; /ws, every REST route of the protos' HTTP rules (and
  the old /v1/user/ routes, /openapi.json) and the web app must reach the gateway, and the
  gateway and the nodes must share one proxy key.
- Compose (the model compose-go printed): server nodes, gateway, APISIX and Prometheus agree on
  service names and ports; EASYCHAT_* variables name real config keys (server/src/config.rs).
- Dockerfile: COPY sources exist and are not excluded by .dockerignore, stages exist, EXPOSE
  covers the listeners, the HEALTHCHECK subcommand exists.
- Prometheus: scrape targets are the nodes' metrics ports; rules use metrics the server exports.
"""

import argparse
import fnmatch
import json
import re
import sys
from pathlib import Path

import jsonschema
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"

# Config keys other work is adding right now (issue 6 and the backends issue): accepted with a
# note until server/src/config.rs has them, then checked like every other key.
PENDING_KEYS = {
    "cluster": {"node_id", "advertise_addr"},
}

errors: list[str] = []
notes: set[str] = set()


def fail(message: str) -> None:
    errors.append(message)


def load_yaml(path: Path):
    with path.open() as file:
        return yaml.safe_load(file)


def validate(document, schema_path: Path, what: str) -> None:
    schema = json.loads(schema_path.read_text())
    validator = jsonschema.Draft202012Validator(schema)
    for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
        location = "/".join(str(part) for part in error.absolute_path) or "(top)"
        fail(f"{what}: {location}: {error.message}")


def port_of(address: str) -> int:
    return int(address.rsplit(":", 1)[1])


# ---- what the server defines ------------------------------------------------------------------


def proto_services() -> dict[str, list[str]]:
    """Fully qualified service name → its RPC names, from proto/easychat/**/*.proto."""
    services = {}
    for path in sorted((ROOT / "proto" / "easychat").rglob("*.proto")):
        text = path.read_text()
        package = re.search(r"^package\s+([\w.]+)\s*;", text, re.M).group(1)
        for match in re.finditer(r"^service\s+(\w+)\s*\{(.*?)^\}", text, re.M | re.S):
            rpcs = re.findall(r"^\s*rpc\s+(\w+)\s*\(", match.group(2), re.M)
            services[f"{package}.{match.group(1)}"] = rpcs
    if not services:
        fail("proto/: no services found")
    return services


def http_rules() -> list[tuple[str, str]]:
    """(HTTP method, path template) of every google.api.http option in proto/easychat."""
    rules = []
    for path in sorted((ROOT / "proto" / "easychat").rglob("*.proto")):
        text = path.read_text()
        for block in re.findall(r"option \(google\.api\.http\) = \{(.*?)\};", text, re.S):
            for verb, template in re.findall(r"\b(get|put|post|delete|patch):\s*\"([^\"]+)\"", block):
                rules.append((verb.upper(), template))
    if not rules:
        fail("proto/: no google.api.http rules found")
    return rules


def config_keys() -> dict[str, set[str] | None]:
    """Config section → its keys (None for a plain top-level key), from server/src/config.rs."""
    text = (ROOT / "server" / "src" / "config.rs").read_text()

    def fields(struct: str) -> dict[str, str]:
        body = re.search(rf"pub struct {struct} \{{(.*?)^\}}", text, re.S | re.M)
        if body is None:
            return {}
        return dict(re.findall(r"^\s*pub (\w+): ([\w:<>]+),", body.group(1), re.M))

    def keys(struct: str) -> set[str]:
        """A struct's keys as the environment spells them below its section: a field, or a
        nested table's fields joined with `__` (`kafka__brokers`)."""
        found = set()
        for name, kind in fields(struct).items():
            below = keys(kind.split("::")[-1])
            found |= {f"{name}__{key}" for key in below} if below else {name}
        return found

    sections: dict[str, set[str] | None] = {}
    for name, kind in fields("Config").items():
        nested = keys(kind.split("::")[-1])
        sections[name] = nested or None
    # The gateway's section is a struct of the gateway crate.
    gateway = (ROOT / "gateway" / "src" / "config.rs").read_text()
    body = re.search(r"pub struct GatewayConfig \{(.*?)^\}", gateway, re.S | re.M)
    if body:
        sections["gateway"] = set(re.findall(r"^\s*pub (\w+):", body.group(1), re.M))
    return sections


def exported_metrics() -> set[str]:
    """Metric names the server registers (server/src/observability/metrics.rs)."""
    text = (ROOT / "server" / "src" / "observability" / "metrics.rs").read_text()
    prefix = re.search(r'Registry::with_prefix\("(\w+)"\)', text).group(1)
    names = set()
    for name, kind in re.findall(r'register\(\s*"(\w+)",\s*"[^"]*",\s*(\w+)\.clone\(\)', text):
        full = f"{prefix}_{name}"
        names.add(full)
        declared = re.search(rf"let {kind} = (?:Family::<\w+, )?(\w+)", text)
        kind_name = declared.group(1) if declared else ""
        if kind_name == "Counter" or re.search(rf"{kind}: Family<\w+, Counter>", text):
            names.add(f"{full}_total")
        for suffix in ("_bucket", "_count", "_sum"):
            names.add(full + suffix)
    return names


# ---- APISIX -------------------------------------------------------------------------------------


def route_matches(route: dict, port: int, method: str, path: str) -> bool:
    """APISIX's radixtree match for the route features used here."""
    uri = route.get("uri", "")
    if uri.endswith("*"):
        if not path.startswith(uri[:-1]):
            return False
    elif path != uri:
        return False
    if "methods" in route and method not in route["methods"]:
        return False
    for variable, operator, value, *_ in route.get("vars", []):
        actual = {"server_port": str(port), "uri": path}.get(variable)
        if actual is None:
            fail(f"apisix.yaml: route {route['id']}: check cannot model variable {variable}")
            return False
        if operator == "==" and actual != value:
            return False
        if operator == "~~" and not re.search(value, actual):
            return False
    return True


def route_for(routes: list[dict], port: int, method: str, path: str):
    matching = [r for r in routes if route_matches(r, port, method, path)]
    if not matching:
        return None
    best = max(r.get("priority", 0) for r in matching)
    top = [r for r in matching if r.get("priority", 0) == best]
    if len(top) > 1:
        fail(f"apisix.yaml: {method} {path} on {port} matches {[r['id'] for r in top]} equally")
    return top[0]


def check_apisix(compose_services: dict) -> None:
    config = load_yaml(DEPLOY / "apisix" / "config.yaml")
    validate(config, DEPLOY / "apisix" / "schema" / "config-yaml.schema.json", "apisix/config.yaml")
    routes_text = (DEPLOY / "apisix" / "apisix.yaml").read_text()
    if routes_text.rstrip().splitlines()[-1].strip() != "#END":
        fail("apisix/apisix.yaml: must end with `#END` (APISIX ignores the file otherwise)")
    document = yaml.safe_load(routes_text)
    validate(document, DEPLOY / "apisix" / "schema" / "apisix-yaml.schema.json", "apisix/apisix.yaml")
    if errors:
        return

    listen = {}
    for entry in config["apisix"]["node_listen"]:
        entry = entry if isinstance(entry, dict) else {"port": entry}
        listen[entry["port"]] = entry.get("enable_http2", False)
    browser_ports = [p for p, h2c in listen.items() if not h2c]
    grpc_ports = [p for p, h2c in listen.items() if h2c]
    if len(browser_ports) != 1 or len(grpc_ports) != 1:
        fail(f"apisix/config.yaml: expected one HTTP/1.1 and one h2c port, got {listen}")
        return
    browser_port, grpc_port = browser_ports[0], grpc_ports[0]

    for kind in ("routes", "upstreams", "plugin_configs", "global_rules"):
        ids = [item["id"] for item in document.get(kind, [])]
        for duplicate in {i for i in ids if ids.count(i) > 1}:
            fail(f"apisix.yaml: {kind} id {duplicate} is used twice")
    upstreams = {u["id"]: u for u in document.get("upstreams", [])}
    plugin_configs = {p["id"]: p for p in document.get("plugin_configs", [])}
    routes = document["routes"]

    def plugins_of(route: dict) -> dict:
        plugins = dict(route.get("plugins", {}))
        if "plugin_config_id" in route:
            plugins.update(plugin_configs.get(route["plugin_config_id"], {}).get("plugins", {}))
        return plugins

    used_plugins = set()
    for holder in routes + list(plugin_configs.values()) + document.get("global_rules", []):
        used_plugins |= set(holder.get("plugins", {}))
    for route in routes:
        if route.get("upstream_id") not in upstreams:
            fail(f"apisix.yaml: route {route['id']}: no upstream {route.get('upstream_id')}")
        if "plugin_config_id" in route and route["plugin_config_id"] not in plugin_configs:
            fail(f"apisix.yaml: route {route['id']}: no plugin_config {route['plugin_config_id']}")
        for variable, operator, value, *_ in route.get("vars", []):
            if variable == "server_port" and int(value) not in listen:
                fail(f"apisix.yaml: route {route['id']}: port {value} is not in node_listen")
            if operator in ("~~", "~*"):
                re.compile(value)
    for plugin in sorted(used_plugins - set(config["plugins"])):
        fail(f"apisix.yaml uses plugin {plugin}, which config.yaml does not load")

    # Upstream nodes are compose services, on the ports those services listen on.
    for upstream in upstreams.values():
        for node in upstream["nodes"]:
            host, port = node.rsplit(":", 1)
            service = compose_services.get(host)
            if service is None:
                fail(f"apisix.yaml: upstream {upstream['id']}: {host} is no compose service")
            elif int(port) not in service_ports(service):
                fail(f"apisix.yaml: upstream {upstream['id']}: {host} does not listen on {port}")

    # Every RPC reaches a gRPC upstream both ways; nothing else of the server is exposed.
    for service, rpcs in proto_services().items():
        for rpc in rpcs:
            path = f"/{service}/{rpc}"
            native = route_for(routes, grpc_port, "POST", path)
            if native is None:
                fail(f"apisix.yaml: gRPC {path} on port {grpc_port} matches no route")
            else:
                if upstreams[native["upstream_id"]]["scheme"] != "grpc":
                    fail(f"apisix.yaml: gRPC {path} goes to a non-gRPC upstream")
                if "grpc-web" in plugins_of(native):
                    fail(f"apisix.yaml: native gRPC {path} would go through the grpc-web plugin")
            for method in ("POST", "OPTIONS"):
                web = route_for(routes, browser_port, method, path)
                if web is None:
                    fail(f"apisix.yaml: grpc-web {method} {path} on {browser_port} matches no route")
                    continue
                if "grpc-web" not in plugins_of(web) or web["uri"] != "/*":
                    fail(f"apisix.yaml: grpc-web {path}: route {web['id']} must be `/*` with grpc-web")
                if upstreams[web["upstream_id"]]["scheme"] != "grpc":
                    fail(f"apisix.yaml: grpc-web {path} goes to a non-gRPC upstream")
    for hidden in ("/grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
                   "/grpc.health.v1.Health/Check"):
        for port in (browser_port, grpc_port):
            route = route_for(routes, port, "POST", hidden)
            if route is not None and upstreams[route["upstream_id"]]["scheme"] == "grpc":
                fail(f"apisix.yaml: {hidden} is exposed on port {port} (route {route['id']})")
    # Every REST route (its variables filled in), the old /v1/user/ routes and the OpenAPI
    # document reach the gateway on the browser port, preflights included.
    rest_paths = [(m, re.sub(r"\{[^}]+\}", "x", t)) for m, t in http_rules()]
    rest_paths += [("POST", "/v1/user/register"), ("POST", "/v1/user/login"),
                   ("GET", "/v1/user/user"), ("GET", "/openapi.json")]
    for method, path in rest_paths:
        for asked in (method, "OPTIONS") if path.startswith("/v1/") else (method,):
            route = route_for(routes, browser_port, asked, path)
            if route is None or route["upstream_id"] != "easychat-gateway":
                fail(f"apisix.yaml: REST {asked} {path} on {browser_port} does not reach the gateway")
    keys = {env_of(s).get("EASYCHAT_LIMITS__PROXY_KEY") for s in server_nodes(compose_services).values()}
    keys |= {env_of(s).get("EASYCHAT_GATEWAY__PROXY_KEY") for s in compose_services.values()
             if (s.get("command") or [None])[0] == "gateway"}
    if len(keys) != 1 or None in keys:
        fail("compose: the nodes' EASYCHAT_LIMITS__PROXY_KEY and the gateway's "
             "EASYCHAT_GATEWAY__PROXY_KEY must be one value")
    websocket = route_for(routes, browser_port, "GET", "/ws")
    if websocket is None or not websocket.get("enable_websocket"):
        fail("apisix.yaml: GET /ws must reach a route with enable_websocket")
    app = route_for(routes, browser_port, "GET", "/index.html")
    if app is None or upstreams[app["upstream_id"]]["scheme"] != "http":
        fail("apisix.yaml: GET /index.html must reach the gateway (the browser app)")

    # Prometheus scrapes APISIX where its exporter listens.
    exporter = config["plugin_attr"]["prometheus"]
    expected_apisix = (f"apisix:{exporter['export_addr']['port']}", exporter["export_uri"])
    check_prometheus_targets(apisix_target=expected_apisix)


# ---- compose -------------------------------------------------------------------------------------


def env_of(service: dict) -> dict[str, str]:
    return {k: v for k, v in (service.get("environment") or {}).items() if v is not None}


def command_flag(service: dict, flag: str) -> list[str]:
    values = []
    for arg in service.get("command") or []:
        if arg.startswith(f"--{flag}="):
            values.append(arg.split("=", 1)[1])
    return values


def service_ports(service: dict) -> set[int]:
    """Ports a service's EasyChat process listens on (from its environment and flags)."""
    env = env_of(service)
    ports = set()
    for key in ("EASYCHAT_LISTEN", "EASYCHAT_WS_LISTEN", "EASYCHAT_OBSERVABILITY__METRICS_LISTEN"):
        if key in env:
            ports.add(port_of(env[key]))
    for address in command_flag(service, "ws-listen") + command_flag(service, "listen"):
        ports.add(port_of(address))
    return ports


def server_nodes(services: dict) -> dict[str, dict]:
    return {
        name: s for name, s in services.items()
        if (s.get("command") or [None])[0] == "serve"
    }


def check_compose(services: dict) -> None:
    nodes = server_nodes(services)
    if len(nodes) < 2:
        fail(f"compose: expected several server nodes, found {sorted(nodes)}")
    node_ids, secrets = set(), set()
    for name, node in nodes.items():
        env = env_of(node)
        node_id = env.get("EASYCHAT_CLUSTER__NODE_ID")
        advertise = env.get("EASYCHAT_CLUSTER__ADVERTISE_ADDR", "")
        if node_id in node_ids:
            fail(f"compose: {name}: node id {node_id} is used twice")
        node_ids.add(node_id)
        # cluster.advertise_addr is a gRPC host:port (no scheme), as the registry publishes it.
        if advertise != f"{name}:{port_of(env.get('EASYCHAT_LISTEN', ':0'))}":
            fail(f"compose: {name}: advertised address {advertise!r} is not its own gRPC port")
        secrets.add(env.get("EASYCHAT_AUTH__JWT_SECRET"))
        if not str(env.get("EASYCHAT_OBSERVABILITY__METRICS_LISTEN", "")).startswith("0.0.0.0:"):
            fail(f"compose: {name}: metrics must listen on 0.0.0.0 for Prometheus to reach them")
    if len(secrets) != 1 or None in secrets:
        fail("compose: every node needs the same EASYCHAT_AUTH__JWT_SECRET")

    gateways = {n: s for n, s in services.items() if (s.get("command") or [None])[0] == "gateway"}
    for name, gateway in gateways.items():
        upstreams = {u.split("//", 1)[-1] for u in command_flag(gateway, "upstream")}
        wanted = {f"{n}:{port_of(env_of(s)['EASYCHAT_LISTEN'])}" for n, s in nodes.items()}
        if upstreams != wanted:
            fail(f"compose: {name}: upstreams {sorted(upstreams)} are not the nodes {sorted(wanted)}")

    sections = config_keys()
    for name, service in services.items():
        for key in env_of(service):
            if not key.startswith("EASYCHAT_"):
                continue
            section, _, rest = key[len("EASYCHAT_"):].lower().partition("__")
            if section not in sections and section not in PENDING_KEYS:
                fail(f"compose: {name}: {key}: no config section `{section}`")
                continue
            keys = sections.get(section)
            if rest and rest not in (keys or set()):
                if rest in PENDING_KEYS.get(section, set()):
                    notes.add(f"{key}: `{section}.{rest}` is not in config.rs yet (being added)")
                else:
                    fail(f"compose: {name}: {key}: no config key `{section}.{rest}`")

    for name, service in services.items():
        for volume in service.get("volumes") or []:
            if volume.get("type") == "bind" and not Path(volume["source"]).exists():
                fail(f"compose: {name}: bind mount source {volume['source']} does not exist")


# ---- Dockerfile ----------------------------------------------------------------------------------


def dockerfile_instructions(path: Path) -> list[tuple[str, str]]:
    instructions, current = [], ""
    for line in path.read_text().splitlines():
        stripped = line.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        if current and stripped.startswith("#"):
            continue
        current += " " + stripped.rstrip("\\").strip() if current else stripped.rstrip("\\").strip()
        if not stripped.endswith("\\"):
            keyword, _, rest = current.partition(" ")
            instructions.append((keyword.upper(), rest.strip()))
            current = ""
    return instructions


def ignored(path: str, patterns: list[str]) -> bool:
    result = False
    for pattern in patterns:
        negate = pattern.startswith("!")
        pattern = pattern.lstrip("!").rstrip("/")
        candidates = [pattern] + ([pattern[3:]] if pattern.startswith("**/") else [])
        parts = path.split("/")
        prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        if any(fnmatch.fnmatch(p, c) for p in prefixes for c in candidates) or any(
            pattern.startswith("**/") and fnmatch.fnmatch(part, pattern[3:]) for part in parts
        ):
            result = not negate
    return result


def check_dockerfile(services: dict) -> None:
    builders = [s for s in services.values() if s.get("build")]
    if not builders:
        fail("compose: no service builds the image")
        return
    build = builders[0]["build"]
    # compose-go resolved the context to an absolute path: it must be the repository root, which
    # the Dockerfile's COPY paths are relative to.
    context = Path(build["context"]).resolve()
    if context != ROOT:
        fail(f"compose: build context is {context}, not the repository root {ROOT}")
        return
    dockerfile = context / build.get("dockerfile", "Dockerfile")
    if not dockerfile.exists():
        fail(f"compose: build.dockerfile {dockerfile} does not exist")
        return
    patterns = [
        line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]
    stages, exposed, env = set(), set(), {}
    for keyword, rest in dockerfile_instructions(dockerfile):
        if keyword == "FROM":
            match = re.search(r"\bAS\s+(\S+)", rest, re.I)
            if match:
                stages.add(match.group(1))
        elif keyword == "COPY":
            args = rest.split()
            source_stage = next((a.split("=", 1)[1] for a in args if a.startswith("--from=")), None)
            paths = [a for a in args if not a.startswith("--")]
            if source_stage is not None:
                if source_stage not in stages:
                    fail(f"Dockerfile: COPY --from={source_stage}: no such stage")
                continue
            for source in paths[:-1]:
                source = source.rstrip("/")
                if not (ROOT / source).exists():
                    fail(f"Dockerfile: COPY {source}: not in the repository")
                elif ignored(source, patterns):
                    fail(f"Dockerfile: COPY {source}: excluded by .dockerignore")
        elif keyword == "EXPOSE":
            exposed |= {int(p.split("/")[0]) for p in rest.split()}
        elif keyword == "ENV":
            env.update(re.findall(r"(\w+)=(\S+)", rest))
        elif keyword == "HEALTHCHECK":
            if '"healthcheck"' in rest and "Healthcheck {" not in (ROOT / "server/src/main.rs").read_text():
                fail("Dockerfile: HEALTHCHECK runs `easychat healthcheck`, which main.rs lacks")
    for key in ("EASYCHAT_LISTEN", "EASYCHAT_WS_LISTEN", "EASYCHAT_OBSERVABILITY__METRICS_LISTEN"):
        if key not in env:
            fail(f"Dockerfile: ENV {key} missing")
        elif port_of(env[key]) not in exposed:
            fail(f"Dockerfile: {key}={env[key]} is not EXPOSEd ({sorted(exposed)})")
        elif not env[key].startswith("0.0.0.0:"):
            fail(f"Dockerfile: {key} must listen on 0.0.0.0 inside a container")


# ---- Prometheus ------------------------------------------------------------------------------------

_services_for_prometheus: dict = {}


def check_prometheus_targets(apisix_target: tuple[str, str]) -> None:
    config = load_yaml(DEPLOY / "prometheus" / "prometheus.yml")
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}
    nodes = server_nodes(_services_for_prometheus)
    wanted = {
        f"{name}:{port_of(env_of(node)['EASYCHAT_OBSERVABILITY__METRICS_LISTEN'])}"
        for name, node in nodes.items()
    }
    targets = {t for c in jobs.get("easychat", {}).get("static_configs", []) for t in c["targets"]}
    if targets != wanted:
        fail(f"prometheus.yml: job easychat scrapes {sorted(targets)}, nodes serve {sorted(wanted)}")
    apisix = jobs.get("apisix", {})
    apisix_targets = {t for c in apisix.get("static_configs", []) for t in c["targets"]}
    if apisix_targets != {apisix_target[0]} or apisix.get("metrics_path") != apisix_target[1]:
        fail(f"prometheus.yml: job apisix must scrape {apisix_target[0]}{apisix_target[1]}")
    names = exported_metrics()
    rules = (DEPLOY / "prometheus" / "easychat-rules.yml").read_text()
    for used in sorted(set(re.findall(r"\beasychat_[a-z_]+\b", rules))):
        if used not in names:
            fail(f"easychat-rules.yml: {used} is not a metric the server exports")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--compose-json", required=True, type=Path)
    args = parser.parse_args()
    model = json.loads(args.compose_json.read_text())
    services = model["services"]
    _services_for_prometheus.update(services)
    check_compose(services)
    check_dockerfile(services)
    check_apisix(services)
    for note in sorted(notes):
        print(f"note: {note}")
    if errors:
        for error in errors:
            print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"ok: apisix ({len(proto_services())} gRPC services routed both ways, {len(http_rules())} REST routes), Dockerfile, "
          f"compose and prometheus agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
