#!/usr/bin/env python3
"""Runs the documented commands as written, against a fresh server; then the newcomer's path.

Scans README.md, docs/*.md, web/README.md and sdk-gen/packages/*/README.md for fenced code
blocks. A comment on the line before a block says what to do with it:

    <!-- ci: run -->            run it (bash -euo pipefail; all run blocks of one file share one
                                shell, in order, so a later block sees an earlier one's variables)
    <!-- ci: save NAME -->      write it to NAME before the file's run blocks start (the example
                                program a later block runs, e.g. `python chat.py`)
    <!-- ci: skip: WHY -->      leave it (long-running, needs other services, …)

A shell block (sh, bash, shell) without one of these fails the check: every command a reader is
meant to run is either run here or explicitly not, with the reason beside it.

How it runs, so that the docs can stay as a reader types them:
- one server, started as `make run` starts it: the web app built first when missing
  (scripts/ensure-web.sh), `easychat serve` from the repository root (so it serves web/dist),
  on free ports and a throwaway data directory;
- the documented addresses 127.0.0.1:50051 and 127.0.0.1:10090 (and localhost:…) are rewritten
  to that server's ports in the blocks and saved files;
- each file's blocks run in a scratch directory that links every top-level entry of the
  repository but sdk-gen, which it copies (sources only), so relative paths
  (sdk-gen/packages/python, web, …) work and what a block writes (a venv, chat.py, an SDK's
  build) stays out of the clone;
- a failure names the file and line of the block; every file runs, then the check fails.
Finally the newcomer's path: the web app, served by that server, loads in headless Chromium
with its log-in form (web/e2e/newcomer.e2e.mjs; screenshot web/e2e/output/newcomer.png).

Maven in a block uses the SDK tests' local repository, ${EASYCHAT_CACHE:-~/.cache/easychat}/
sdk-tools/kotlin/m2 (through MAVEN_OPTS), so a warm machine downloads nothing.

Environment: EASYCHAT_BIN (default $CARGO_TARGET_DIR/debug/easychat, built by `make docs-check`),
DOCS_CHECK_TIMEOUT (seconds per file, default 300), DOCS_CHECK_FILES (space-separated paths
relative to the root, to check only those).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKER = re.compile(r"^<!--\s*ci:\s*(run|save\s+(\S+)|skip:\s*(.+?))\s*-->\s*$")
FENCE = re.compile(r"^```(\S*)\s*$")
SHELL_LANGS = {"sh", "bash", "shell"}


@dataclass
class Block:
    path: Path
    line: int  # of the opening fence, 1-based
    lang: str
    text: str
    action: str | None  # "run", "save", "skip" or None
    save_as: str | None = None

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


@dataclass
class Result:
    failures: list[str] = field(default_factory=list)


def doc_files() -> list[Path]:
    if os.environ.get("DOCS_CHECK_FILES"):
        return [ROOT / p for p in os.environ["DOCS_CHECK_FILES"].split()]
    files = [ROOT / "README.md", ROOT / "web" / "README.md"]
    files += sorted((ROOT / "docs").glob("*.md"))
    files += sorted((ROOT / "sdk-gen" / "packages").glob("*/README.md"))
    return files


def blocks_of(path: Path) -> list[Block]:
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        opening = FENCE.match(lines[i])
        if not opening:
            i += 1
            continue
        start = i
        j = i + 1
        while j < len(lines) and lines[j].strip() != "```":
            j += 1
        # The marker is the nearest non-blank line above the fence.
        k = start - 1
        while k >= 0 and not lines[k].strip():
            k -= 1
        marker = MARKER.match(lines[k].strip()) if k >= 0 else None
        action = save_as = None
        if marker:
            kind = marker.group(1)
            action = "run" if kind == "run" else "save" if kind.startswith("save") else "skip"
            save_as = marker.group(2)
        blocks.append(
            Block(path, start + 1, opening.group(1), "\n".join(lines[start + 1 : j]) + "\n", action, save_as)
        )
        i = j + 1
    return blocks


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"docs-check: the server exited ({server.returncode}):\n{log.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    sys.exit(f"docs-check: the server did not listen on {port} within 30 s:\n{log.read_text()}")


def rewrite_ports(text: str, grpc: int, ws: int) -> str:
    for host in ("127.0.0.1", "localhost"):
        text = text.replace(f"{host}:50051", f"127.0.0.1:{grpc}")
        text = text.replace(f"{host}:10090", f"127.0.0.1:{ws}")
    return text


# What the SDKs' builds leave in sdk-gen/packages (their .gitignore files): not copied.
SDK_BUILD_OUTPUT = (
    "node_modules", "target", "dist", "build", "build-test", "__pycache__", "*.egg-info", ".venv",
)


def scratch_dir(path: Path) -> Path:
    """A directory that looks like the repository root to the blocks, and takes what they write.

    Its path is the same on every run (per clone and file): cargo keys build artifacts by the
    path it sees, so `cargo run` from a new directory each time would rebuild the workspace into
    new artifacts on every run.
    """
    clone = hashlib.sha256(str(ROOT).encode()).hexdigest()[:12]
    slug = str(path.relative_to(ROOT)).replace("/", "_")
    scratch = Path(tempfile.gettempdir()) / f"easychat-docs-{os.getuid()}-{clone}" / slug
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    for entry in ROOT.iterdir():
        if entry.name == "sdk-gen":
            # A copy of its sources: the blocks build the SDKs in place (`npm ci`, `mvn install`),
            # which must not touch the directories the SDKs' own tests build in, perhaps at the
            # same time (`make test` runs them beside the docs check). Modification times are
            # kept, so cargo still finds the Rust SDK built.
            shutil.copytree(
                entry,
                scratch / entry.name,
                symlinks=True,
                copy_function=shutil.copy2,
                ignore=shutil.ignore_patterns(*SDK_BUILD_OUTPUT),
            )
        elif entry.name not in (".git", "data"):
            (scratch / entry.name).symlink_to(entry)
    return scratch


def run_file(path: Path, blocks: list[Block], grpc: int, ws: int, env: dict[str, str]) -> str | None:
    """Runs the file's run blocks in one shell; returns why it failed, or None."""
    scratch = scratch_dir(path)
    try:
        for block in blocks:
            if block.action == "save":
                target = scratch / block.save_as
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(rewrite_ports(block.text, grpc, ws))
        script = [
            "__ci_where=''",
            # Names the block that was running when the shell exited with an error.
            "trap 'rc=$?; [ $rc -eq 0 ] || echo \"docs-check: FAILED in the block at $__ci_where (exit $rc)\" >&2' EXIT",
            "set -euo pipefail",
        ]
        for block in blocks:
            if block.action == "run":
                script += [f"__ci_where='{block.where}'", f"echo '--- {block.where}' >&2", rewrite_ports(block.text, grpc, ws)]
        script.append("wait")  # for what a block started in the background
        timeout = int(os.environ.get("DOCS_CHECK_TIMEOUT", "300"))
        started = time.monotonic()
        # Its own process group, so that whatever a block left running is stopped with it.
        shell = subprocess.Popen(
            ["bash", "-c", "\n".join(script)], cwd=scratch, env=env, start_new_session=True
        )
        try:
            code = shell.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            code = None
        finally:
            try:
                os.killpg(shell.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            shell.wait()
        elapsed = time.monotonic() - started
        if code is None:
            return f"{path.relative_to(ROOT)}: timed out after {timeout} s"
        print(f"docs-check: {path.relative_to(ROOT)}: exit {code} in {elapsed:.1f} s", flush=True)
        return None if code == 0 else f"{path.relative_to(ROOT)}: exit {code} (the failing block is named above)"
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main() -> int:
    files = doc_files()
    unmarked: list[str] = []
    runnable: dict[Path, list[Block]] = {}
    for path in files:
        blocks = blocks_of(path)
        for block in blocks:
            if block.lang in SHELL_LANGS and block.action is None:
                unmarked.append(block.where)
        if any(b.action == "run" for b in blocks):
            runnable[path] = blocks
    if unmarked:
        for where in unmarked:
            print(f"docs-check: {where}: a shell block without <!-- ci: run --> or <!-- ci: skip: why -->", file=sys.stderr)
        return 1

    # The server, as `make run` starts it: the web app first, then `easychat serve` from the root.
    subprocess.run([str(ROOT / "scripts" / "ensure-web.sh")], check=True)
    target = os.environ.get("CARGO_TARGET_DIR", str(ROOT / "target"))
    binary = os.environ.get("EASYCHAT_BIN", os.path.join(target, "debug", "easychat"))
    data_dir = Path(tempfile.mkdtemp(prefix="easychat-docs-data-"))
    log = data_dir / "server.log"
    grpc, ws = free_port(), free_port()
    server = subprocess.Popen(
        [binary, "serve", "--listen", f"127.0.0.1:{grpc}", "--ws-listen", f"127.0.0.1:{ws}", "--data-dir", str(data_dir)],
        cwd=ROOT,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    failures: list[str] = []
    try:
        wait_for_port(grpc, server, log)
        wait_for_port(ws, server, log)
        # A `cargo run` in a block builds into the clone's target directory (as it would for the
        # reader), not into a fresh `target/` of the scratch directory: that would be a full build.
        # Likewise a Maven build (the Kotlin SDK's README) uses the local repository that
        # sdk-gen/langs/kotlin-test.sh fills, not a cold ~/.m2, and compiles Kotlin in-process:
        # the Kotlin daemon would outlive the block.
        m2 = Path(os.environ.get("EASYCHAT_CACHE") or Path.home() / ".cache" / "easychat") / "sdk-tools" / "kotlin" / "m2"
        maven_opts = f"-Dmaven.repo.local={m2} -Dkotlin.compiler.daemon=false"
        env = dict(
            os.environ,
            MAVEN_OPTS=f"{os.environ.get('MAVEN_OPTS', '')} {maven_opts}".strip(),
            CARGO_TARGET_DIR=target,
            EASYCHAT_ADDR=f"127.0.0.1:{grpc}",
            EASYCHAT_URL=f"http://127.0.0.1:{grpc}",
        )
        for path, blocks in runnable.items():
            print(f"docs-check: == {path.relative_to(ROOT)}", flush=True)
            failure = run_file(path, blocks, grpc, ws, env)
            if failure:
                failures.append(failure)

        print("docs-check: == the newcomer's path: the web app in headless Chromium", flush=True)
        # The lock scripts/ensure-web.sh takes: the SDKs' tests, run beside this check, reinstall
        # and rebuild web/ (node_modules, dist) under it.
        web_lock = (ROOT / "web" / ".build.lock").open("w")
        fcntl.flock(web_lock, fcntl.LOCK_EX)
        if not (ROOT / "web" / "dist" / "index.html").is_file():
            failures.append("web/dist/index.html is missing after scripts/ensure-web.sh (see its output)")
        else:
            ensure_chromium()
            # playwright-core is a devDependency of web/ (it drives the system Chromium).
            if not (ROOT / "web" / "node_modules" / "playwright-core" / "package.json").is_file():
                subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT / "web", check=True)
            browser = subprocess.run(
                ["node", "e2e/newcomer.e2e.mjs"],
                cwd=ROOT / "web",
                env=dict(env, EASYCHAT_WEB_URL=f"http://127.0.0.1:{ws}"),
                timeout=120,
            )
            if browser.returncode != 0:
                failures.append("the newcomer's path: web/e2e/newcomer.e2e.mjs failed")
        web_lock.close()
        log_text = log.read_text()
        if "\x1b[" in log_text:
            failures.append("the server's log (not a terminal) has ANSI colour codes")
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    if failures:
        print("--- server log (tail) ---", file=sys.stderr)
        print("\n".join(log.read_text().splitlines()[-40:]), file=sys.stderr)
        for failure in failures:
            print(f"docs-check: FAILED: {failure}", file=sys.stderr)
    shutil.rmtree(data_dir, ignore_errors=True)
    if failures:
        return 1
    print(f"docs-check: {len(runnable)} files' blocks and the newcomer's path passed")
    return 0


def ensure_chromium() -> None:
    """Debian's chromium, installed the way web/e2e/run.sh does when it is missing."""
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if os.access(chromium, os.X_OK):
        return
    print("docs-check: installing chromium (Debian package)", file=sys.stderr)
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "chromium"],
        check=True,
        env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"),
        stdout=subprocess.DEVNULL,
    )


if __name__ == "__main__":
    sys.exit(main())
