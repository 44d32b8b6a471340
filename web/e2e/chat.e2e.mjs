// End-to-end test of the web app in headless Chromium against a live EasyChat server.
//
// Serves dist/ on a free port, starts Chromium with a fresh profile and drives two browser
// contexts (two people): sign up, befriend, chat both ways with typing and read ticks, reload one
// page and find the history, page back through a long one, lose the network and catch up, reply,
// edit, react, block and unblock, create a group where one is mentioned, search messages (all
// chats or one, paged, with errors), mention someone by picking them after "@", and send a
// picture and a file (the other sees the picture and downloads the file; a file too large is
// refused). Screenshots land in e2e/output/. Prints "N passed, M failed" and exits non-zero on failure.
//
// Environment: EASYCHAT_URL (the gRPC/grpc-web base URL, required), CHROMIUM (default
// /usr/bin/chromium).
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { EasyChatClient, PageDirection, errorReason } from "@easychat/sdk";
import { chromium } from "playwright-core";
import { startProxy } from "./proxy.mjs";
import { serveStatic } from "./serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "..", "dist");
const output = join(here, "output");
const serverUrl = process.env.EASYCHAT_URL;
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const TIMEOUT = 15_000;

if (!serverUrl) {
  console.error("EASYCHAT_URL is not set: point it at a live EasyChat gRPC port");
  process.exit(2);
}

// --- a minimal step runner ---------------------------------------------------------------------

const results = [];
// Script errors of either page (uncaught exceptions, console.error): any fails the step it
// happened in, and the run.
const browserErrors = [];
async function step(name, fn) {
  if (results.some((r) => !r.ok)) {
    results.push({ name, ok: false, skipped: true });
    console.log(`- ${name} (skipped after an earlier failure)`);
    return;
  }
  const started = Date.now();
  const errorsBefore = browserErrors.length;
  try {
    await fn();
    const errors = browserErrors.slice(errorsBefore);
    if (errors.length > 0) throw new Error(`errors in the page:\n${errors.join("\n")}`);
    results.push({ name, ok: true });
    console.log(`✔ ${name} (${Date.now() - started} ms)`);
  } catch (err) {
    results.push({ name, ok: false });
    console.log(`✖ ${name} (${Date.now() - started} ms)\n  ${String(err?.stack ?? err).split("\n").slice(0, 6).join("\n  ")}`);
  }
}

// --- Chromium ----------------------------------------------------------------------------------

/** Starts Chromium with a fresh profile and returns its process and DevTools endpoint. */
async function startChromium(profile) {
  const args = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
    `--user-data-dir=${profile}`,
    "--remote-debugging-port=0",
    "about:blank",
  ];
  const child = spawn(chromiumPath, args, { stdio: ["ignore", "ignore", "pipe"], detached: true });
  const endpoint = await new Promise((resolve, reject) => {
    let log = "";
    const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${log}`)), 30_000);
    child.stderr.on("data", (chunk) => {
      log += chunk;
      const match = log.match(/DevTools listening on (ws:\/\/\S+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once("exit", (code) => reject(new Error(`Chromium exited (${code}):\n${log}`)));
  });
  child.stderr.resume();
  return { child, endpoint };
}

// --- the people --------------------------------------------------------------------------------

const suffix = String(Math.floor(Math.random() * 1e6)).padStart(6, "0");
const phone = () => `+86139${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
const alice = { nickname: `Alice ${suffix}`, phone: phone(), password: "alice-password" };
const bob = { nickname: `Bob ${suffix}`, phone: phone(), password: "bob-password" };

async function signUp(page, appUrl, person) {
  await page.goto(appUrl);
  await page.click("#tab-signup");
  await page.fill("#auth-phone", person.phone);
  await page.fill("#auth-password", person.password);
  await page.fill("#auth-nickname", person.nickname);
  await page.click("#auth-submit");
  await page.locator("#me", { hasText: person.nickname }).waitFor();
  await page.locator('#connection-status[data-state="live"]').waitFor();
}

const bubble = (page, text) => page.locator("#messages .msg", { hasText: text });
/** A message by its own text (a reply quoting it also has that text, in its quote). */
const message = (page, text) => page.locator("#messages .msg").filter({ has: page.locator(".text", { hasText: text }) });

// --- the scenario ------------------------------------------------------------------------------

// The app as EasyChat itself serves it (EASYCHAT_WEB_URL, the bridge port's `/`), or else dist/
// from a static server of the test's own.
const ownServer = process.env.EASYCHAT_WEB_URL ? null : await serveStatic(dist);
const staticUrl = process.env.EASYCHAT_WEB_URL ?? ownServer.url;
// Bob reaches the server through a proxy that can cut his network; Alice connects directly.
const bobsNetwork = await startProxy(serverUrl);
const appUrlFor = (grpcUrl) => `${staticUrl}/?server=${encodeURIComponent(grpcUrl)}`;
const profile = await mkdtemp(join(tmpdir(), "easychat-e2e-"));
await mkdir(output, { recursive: true });
let chrome;
let browser;
try {
  chrome = await startChromium(profile);
  browser = await chromium.connectOverCDP(chrome.endpoint);
  const contextA = await browser.newContext({ viewport: { width: 1100, height: 700 } });
  const contextB = await browser.newContext({ viewport: { width: 1100, height: 700 } });
  const [pageA, pageB] = await Promise.all([contextA.newPage(), contextB.newPage()]);
  for (const [who, page] of [["alice", pageA], ["bob", pageB]]) {
    page.setDefaultTimeout(TIMEOUT);
    const pageError = (error) => {
      browserErrors.push(error);
      console.log(`  ${error}`);
    };
    page.on("pageerror", (err) => pageError(`[${who} page error] ${err.stack ?? err.message}`));
    // Script errors only: the browser's own network log ("Failed to load resource") also reports
    // the streams that Bob's cut network and logout abort, on purpose.
    page.on("console", (msg) => {
      if (msg.type() === "error" && !msg.text().startsWith("Failed to load resource")) pageError(`[${who} console] ${msg.text()}`);
    });
  }

  await step("both sign up", async () => {
    await pageA.goto(appUrlFor(serverUrl));
    await pageA.click("#tab-signup");
    await pageA.screenshot({ path: join(output, "signup.png") });
    await Promise.all([signUp(pageA, appUrlFor(serverUrl), alice), signUp(pageB, appUrlFor(bobsNetwork.url), bob)]);
  });

  await step("Alice finds Bob and sends a friend request", async () => {
    await pageA.click("#tab-contacts");
    await pageA.fill("#search-input", bob.phone);
    await pageA.click("#search-submit");
    await pageA.locator("#search-results .person", { hasText: bob.nickname }).locator(".add-friend").click();
    await pageA.locator("#friend-requests .request", { hasText: bob.nickname }).waitFor();
  });

  await step("Bob accepts", async () => {
    await pageB.click("#tab-contacts");
    await pageB.locator("#tab-contacts .badge").waitFor(); // the pending request is counted
    await pageB.locator("#friend-requests .request", { hasText: alice.nickname }).locator(".accept-request").click();
    await pageB.locator("#friend-list .person", { hasText: alice.nickname }).waitFor();
  });

  await step("Bob writes, Alice gets an unread badge and reads it, Bob sees the read ticks", async () => {
    await pageB.locator("#friend-list .person", { hasText: alice.nickname }).click();
    await pageB.locator("#chat-name", { hasText: alice.nickname }).waitFor();
    await pageB.fill("#composer-input", "Hello Alice, it's Bob!");
    await pageB.press("#composer-input", "Enter");
    await bubble(pageB, "Hello Alice, it's Bob!").locator(".tick", { hasText: "✓" }).waitFor();

    await pageA.click("#tab-chats");
    const item = pageA.locator("#conversation-list .conversation", { hasText: bob.nickname });
    await item.locator(".badge", { hasText: "1" }).waitFor();
    await pageA.screenshot({ path: join(output, "alice-unread.png") });
    await item.click();
    await bubble(pageA, "Hello Alice, it's Bob!").waitFor();
    await item.locator(".badge").waitFor({ state: "detached" });
    await bubble(pageB, "Hello Alice, it's Bob!").locator(".tick.read").waitFor();
  });

  await step("Alice types (Bob sees it) and answers in real time", async () => {
    await pageA.locator("#composer-input").pressSequentially("Hi Bob! Nice to ", { delay: 20 });
    await pageB.locator("#chat-subtitle.typing").waitFor();
    await pageA.locator("#composer-input").pressSequentially("see you here.", { delay: 10 });
    await pageA.press("#composer-input", "Enter");
    await bubble(pageB, "Hi Bob! Nice to see you here.").waitFor();
    await bubble(pageA, "Hi Bob! Nice to see you here.").locator(".tick.read").waitFor();
  });

  await step("Bob reloads and still has the history", async () => {
    await pageB.reload();
    await pageB.locator("#chat-name", { hasText: alice.nickname }).waitFor();
    await bubble(pageB, "Hello Alice, it's Bob!").waitFor();
    await bubble(pageB, "Hi Bob! Nice to see you here.").waitFor();
    await pageB.locator('#connection-status[data-state="live"]').waitFor();
    await pageA.fill("#composer-input", "Still there after the reload?");
    await pageA.press("#composer-input", "Enter");
    await bubble(pageB, "Still there after the reload?").waitFor();
    const order = await pageB.locator("#messages .msg .text").allTextContents();
    const expected = ["Hello Alice, it's Bob!", "Hi Bob! Nice to see you here.", "Still there after the reload?"];
    if (JSON.stringify(order) !== JSON.stringify(expected)) throw new Error(`history order: ${JSON.stringify(order)}`);
  });

  await step("a long history pages backward as Bob scrolls up", async () => {
    // Alice's other device (the SDK in Node) fills the chat beyond one page (30).
    const device = new EasyChatClient({ baseUrl: serverUrl });
    await device.login(alice.phone, alice.password);
    const conversationId = await pageB.locator("#chat").getAttribute("data-conversation-id");
    for (let i = 1; i <= 40; i++) {
      await device.im.sendMessage({ clientMsgId: `bulk-${suffix}-${i}`, target: { case: "conversationId", value: conversationId }, content: { kind: { case: "text", value: { text: `bulk #${i} of 40` } } } });
    }
    await bubble(pageB, "bulk #40 of 40").waitFor();
    const history = await device.im.listMessages({ conversationId, direction: PageDirection.BACKWARD, pageSize: 1 });
    const total = Number(history.messages[0].seq);

    await pageB.reload();
    await bubble(pageB, "bulk #40 of 40").waitFor();
    const firstPage = await pageB.locator("#messages .msg").count();
    if (firstPage !== 30) throw new Error(`first page shows ${firstPage} messages, expected 30`);
    await pageB.locator("#messages").evaluate((list) => { list.scrollTop = 0; });
    await bubble(pageB, "Hello Alice, it's Bob!").waitFor();
    const seqs = await pageB.locator("#messages .msg").evaluateAll((els) => els.map((el) => Number(el.dataset.seq)));
    const expected = Array.from({ length: total }, (_, i) => i + 1);
    if (JSON.stringify(seqs) !== JSON.stringify(expected)) throw new Error(`seqs after paging: ${seqs.join(",")}`);
  });

  await step("Bob goes offline: banner, then messages sent meanwhile arrive on reconnect", async () => {
    bobsNetwork.cut();
    await pageB.locator("#reconnect-banner").waitFor({ state: "visible" });
    await pageB.screenshot({ path: join(output, "bob-offline.png") });
    await pageA.fill("#composer-input", "Sent while you were offline");
    await pageA.press("#composer-input", "Enter");
    await bubble(pageA, "Sent while you were offline").locator(".tick").waitFor();
    bobsNetwork.restore();
    await pageB.locator("#reconnect-banner").waitFor({ state: "hidden", timeout: 45_000 });
    await bubble(pageB, "Sent while you were offline").waitFor();
    await pageB.fill("#composer-input", "Back online!");
    await pageB.press("#composer-input", "Enter");
    await bubble(pageA, "Back online!").waitFor();
  });

  await step("Bob replies to Alice's message; both see the quote", async () => {
    await message(pageB, "Sent while you were offline").locator(".action-reply").click();
    await pageB.locator("#composer-context .quote", { hasText: "Sent while you were offline" }).waitFor();
    await pageB.fill("#composer-input", "Got it, thanks");
    await pageB.press("#composer-input", "Enter");
    await pageB.locator("#composer-context").waitFor({ state: "hidden" });
    const onBob = message(pageB, "Got it, thanks").locator(".quote");
    await onBob.locator(".quote-sender", { hasText: alice.nickname }).waitFor();
    await onBob.locator(".quote-snippet", { hasText: "Sent while you were offline" }).waitFor();
    const onAlice = message(pageA, "Got it, thanks").locator(".quote");
    await onAlice.locator(".quote-sender", { hasText: "You" }).waitFor();
    await onAlice.locator(".quote-snippet", { hasText: "Sent while you were offline" }).waitFor();
  });

  await step("Alice edits her message; Bob sees the new text, marked edited", async () => {
    await pageA.fill("#composer-input", "Lunch at noen?");
    await pageA.press("#composer-input", "Enter");
    await message(pageB, "Lunch at noen?").waitFor();
    await message(pageA, "Lunch at noen?").locator(".tick").waitFor();
    await message(pageA, "Lunch at noen?").locator(".action-edit").click();
    await pageA.locator('#composer-context[data-mode="edit"]').waitFor();
    await pageA.fill("#composer-input", "Lunch at noon?");
    await pageA.press("#composer-input", "Enter");
    await message(pageA, "Lunch at noon?").locator(".edited").waitFor();
    await message(pageB, "Lunch at noon?").locator(".edited").waitFor();
    if ((await message(pageB, "Lunch at noen?").count()) !== 0) throw new Error("Bob still shows the old text");
  });

  await step("reactions: Bob's 👍 counts on Alice's page, Alice's too, and Bob takes his back", async () => {
    const chip = (page) => message(page, "Lunch at noon?").locator('.reaction[data-emoji="👍"]');
    await message(pageB, "Lunch at noon?").locator('.action.react[data-emoji="👍"]').click();
    await chip(pageB).and(pageB.locator(".mine")).locator(".count", { hasText: "1" }).waitFor();
    await chip(pageA).locator(".count", { hasText: "1" }).waitFor();
    if (await chip(pageA).evaluate((el) => el.classList.contains("mine"))) throw new Error("Bob's reaction shows as Alice's");
    await chip(pageA).click(); // Alice joins in
    await chip(pageA).and(pageA.locator(".mine")).locator(".count", { hasText: "2" }).waitFor();
    await chip(pageB).and(pageB.locator(".mine")).locator(".count", { hasText: "2" }).waitFor();
    await chip(pageB).click(); // Bob takes his back
    await chip(pageA).and(pageA.locator(".mine")).locator(".count", { hasText: "1" }).waitFor();
    await chip(pageB).and(pageB.locator(":not(.mine)")).locator(".count", { hasText: "1" }).waitFor();
    await pageA.screenshot({ path: join(output, "alice-reply-edit-react.png") });
  });

  await step("Alice blocks Bob: his message and hers are refused with clear errors; unblocked, his retry goes through", async () => {
    await pageA.click("#tab-contacts");
    await pageA.locator("#friend-list .person", { hasText: bob.nickname }).locator(".block-user").click();
    await pageA.locator("#friend-list .person", { hasText: bob.nickname }).locator(".presence.blocked").waitFor();
    await pageA.locator("#blocked-list .person", { hasText: bob.nickname }).waitFor();

    await pageB.fill("#composer-input", "Are you ignoring me?");
    await pageB.press("#composer-input", "Enter");
    await pageB.locator("#messages .msg.failed", { hasText: "can't receive your messages" }).waitFor();
    await pageA.fill("#composer-input", "One moment");
    await pageA.press("#composer-input", "Enter");
    await pageA.locator("#messages .msg.failed", { hasText: "You blocked this person" }).waitFor();
    await pageA.screenshot({ path: join(output, "alice-blocked.png") });

    await pageA.locator("#blocked-list .person", { hasText: bob.nickname }).locator(".unblock-user").click();
    await pageA.locator("#blocked-list .person").waitFor({ state: "detached" });
    await pageB.locator("#messages .msg.failed").getByRole("button", { name: "retry" }).click();
    await message(pageA, "Are you ignoring me?").waitFor();
    await pageA.locator("#messages .msg.failed").getByRole("button", { name: "retry" }).click();
    await message(pageB, "One moment").waitFor();
    await pageA.click("#tab-chats");
  });

  await step("Alice creates a group with Bob; Bob gets its message", async () => {
    const groupName = `Weekend plans ${suffix}`;
    await pageA.click("#tab-groups");
    await pageA.fill("#group-name", groupName);
    await pageA.locator("#group-members label", { hasText: bob.nickname }).click();
    await pageA.click("#group-create");
    await pageA.locator("#chat-name", { hasText: groupName }).waitFor();
    await pageA.locator("#group-list .person", { hasText: groupName }).waitFor();
    await pageA.fill("#composer-input", "Who's in for Saturday?");
    await pageA.press("#composer-input", "Enter");
    await bubble(pageA, "Who's in for Saturday?").locator(".tick").waitFor();
    // Alice's other device (the SDK in Node) mentions Bob: his list marks the group with "@".
    const device = new EasyChatClient({ baseUrl: serverUrl });
    await device.login(alice.phone, alice.password);
    const conversationId = await pageA.locator("#chat").getAttribute("data-conversation-id");
    const bobId = (await device.users.searchUsers({ keyword: bob.phone, pageSize: 1 })).users[0].userId;
    await device.im.sendMessage({ clientMsgId: `mention-${suffix}`, target: { case: "conversationId", value: conversationId }, content: { kind: { case: "text", value: { text: "Bob, you too?" } } }, mentionUserIds: [bobId] });

    await pageB.click("#tab-chats");
    await pageB.locator("#conversation-list .conversation", { hasText: groupName }).locator(".badge").waitFor();
    await pageB.locator("#conversation-list .conversation", { hasText: groupName }).locator(".mention-mark").waitFor();
    // Leave Bob on the group chat, read, so his screenshot shows a group and Alice's shows ticks.
    await pageB.locator("#conversation-list .conversation", { hasText: groupName }).click();
    await bubble(pageB, "Who's in for Saturday?").locator(".sender", { hasText: alice.nickname }).waitFor();
    await bubble(pageA, "Who's in for Saturday?").locator(".tick.read").waitFor();
    await bubble(pageB, "Bob, you too?").and(pageB.locator(".mentions-me")).waitFor();
    await pageB.locator("#conversation-list .conversation", { hasText: groupName }).locator(".mention-mark").waitFor({ state: "detached" });
  });

  await step("Alice searches messages: Bob's is found with the match marked, and opens their chat there", async () => {
    const hits = pageA.locator("#message-search-results .search-hit");
    const search = async (query) => {
      await pageA.fill("#message-search-input", query);
      await pageA.click("#message-search-submit");
      await pageA.locator("#message-search-status", { hasText: /found|No messages|characters|Too many/ }).waitFor();
    };
    // Across all chats (Alice is in the group), case-insensitive: the snippet marks Bob's "thanks".
    await search("THANKS");
    const hit = hits.filter({ hasText: "Got it, thanks" });
    await hit.locator(".hit-conversation", { hasText: bob.nickname }).waitFor();
    await hit.locator(".hit-sender", { hasText: bob.nickname }).waitFor();
    const marked = await hit.locator(".hit-snippet mark").allTextContents();
    if (JSON.stringify(marked) !== JSON.stringify(["thanks"])) throw new Error(`highlighted: ${JSON.stringify(marked)}`);
    await pageA.screenshot({ path: join(output, "alice-search.png") });
    await hit.click();
    await pageA.locator("#chat-name", { hasText: bob.nickname }).waitFor();
    await message(pageA, "Got it, thanks").and(pageA.locator(".found")).waitFor();

    // Paged with "More", newest first: the 40 bulk messages of Alice's other device.
    await search("bulk #");
    await hits.first().locator(".hit-snippet", { hasText: "bulk #40 of 40" }).waitFor();
    const more = pageA.locator("#message-search-more");
    if (await more.isHidden()) throw new Error("no More button after the first page");
    while (await more.isVisible()) {
      const before = await hits.count();
      await more.click();
      await pageA.waitForFunction((n) => document.querySelectorAll("#message-search-results .search-hit").length > n || document.getElementById("message-search-more")?.hidden, before);
    }
    const found = await hits.locator(".hit-snippet").allTextContents();
    const expected = Array.from({ length: 40 }, (_, i) => `bulk #${40 - i} of 40`);
    if (JSON.stringify(found) !== JSON.stringify(expected)) throw new Error(`bulk hits: ${JSON.stringify(found)}`);

    // Only in the open chat (Bob's): the group's message is not found there, but is in all chats.
    await pageA.check("#message-search-here");
    await search("Saturday");
    await pageA.locator("#message-search-status", { hasText: `No messages found in ${bob.nickname}` }).waitFor();
    await pageA.uncheck("#message-search-here");
    await search("Saturday");
    await hits.filter({ hasText: "Who's in for Saturday?" }).locator(".hit-conversation", { hasText: "Weekend plans" }).waitFor();

    // The server's refusals, as sentences: a query too long, then too many searches.
    await search("x".repeat(101));
    await pageA.locator("#message-search-status.error", { hasText: "Search for 1 to 100 characters." }).waitFor();
    const device = new EasyChatClient({ baseUrl: serverUrl });
    await device.login(alice.phone, alice.password);
    const drainSearches = async () => {
      for (let i = 0; i < 40; i++) {
        try {
          await device.im.searchMessages({ query: "anything", conversationId: "", pageSize: 1, pageToken: "" });
        } catch (err) {
          if (errorReason(err) === "RATE_LIMITED") return;
          throw err;
        }
      }
    };
    // The budget refills (a search every 2 s by default): when a search came back between the
    // drain and the page's, drain it again.
    const refused = pageA.locator("#message-search-status.error", { hasText: "Too many searches" });
    for (let attempt = 1; ; attempt++) {
      await drainSearches();
      await search("thanks");
      if ((await refused.count()) > 0 || attempt === 3) break;
    }
    await refused.waitFor();
    await pageA.click("#message-search-close");
    await pageA.click("#tab-chats");
    await pageA.locator("#conversation-list").waitFor();
  });

  await step("Bob mentions Alice by picking her after \"@\"; her list marks the group", async () => {
    await pageB.locator("#composer-input").pressSequentially(`@${alice.nickname.slice(0, 3)}`, { delay: 10 });
    await pageB.locator("#mention-picker .mention-option", { hasText: alice.nickname }).waitFor();
    await pageB.press("#composer-input", "Enter"); // picks the offered member, does not send
    const typed = await pageB.inputValue("#composer-input");
    if (typed !== `@${alice.nickname} `) throw new Error(`composer after the pick: ${JSON.stringify(typed)}`);
    await pageB.locator("#composer-input").pressSequentially("are you in?", { delay: 10 });
    await pageB.press("#composer-input", "Enter");
    const text = `@${alice.nickname} are you in?`;
    await message(pageB, text).locator(".tick").waitFor();
    const group = pageA.locator("#conversation-list .conversation", { hasText: "Weekend plans" });
    await group.locator(".mention-mark").waitFor();
    await group.click();
    await message(pageA, text).and(pageA.locator(".mentions-me")).waitFor();
  });

  await step("Alice sends a picture and a file; Bob sees the picture and downloads the file; a picture too large is refused", async () => {
    // Both are on the group chat. The files to pick, in a directory of their own.
    const files = await mkdtemp(join(tmpdir(), "easychat-e2e-files-"));
    try {
      const picture = join(files, "blue-dot.png");
      // A 1×1 PNG: the server checks that it is one and reads its pixel size.
      await writeFile(picture, Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mPQr/n2HwAFIAKhMM/5MQAAAABJRU5ErkJggg==", "base64"));
      const notes = join(files, "meeting-notes.txt");
      await writeFile(notes, `Saturday: bring snacks (${suffix})\n`);

      await pageA.setInputFiles("#composer-file", picture);
      const imageOnAlice = pageA.locator("#messages .msg:not(.pending) img.media-image");
      await imageOnAlice.waitFor();
      await pageA.setInputFiles("#composer-file", notes);
      await pageA.locator("#messages .msg:not(.pending) .media-file", { hasText: "meeting-notes.txt" }).waitFor();

      // Bob sees the picture loaded (from a download URL), and the file by its name and size.
      const imageOnBob = pageB.locator("#messages .msg img.media-image");
      await imageOnBob.waitFor();
      await pageB.waitForFunction(() => {
        const img = document.querySelector("#messages .msg img.media-image");
        return img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0;
      });
      const [width, height] = await imageOnBob.evaluate((img) => [img.naturalWidth, img.naturalHeight]);
      if (width !== 1 || height !== 1) throw new Error(`Bob's picture is ${width}×${height}`);
      const src = await imageOnBob.getAttribute("src");
      if (!src?.startsWith(serverUrl)) throw new Error(`the picture's src is ${src}`);
      if (!(await imageOnAlice.evaluate((img) => img.complete && img.naturalWidth > 0))) throw new Error("Alice's picture did not load");
      const fileOnBob = pageB.locator("#messages .msg .media-file", { hasText: "meeting-notes.txt" });
      await fileOnBob.waitFor();
      await fileOnBob.locator(".media-file-size", { hasText: "B" }).waitFor();
      await pageB.screenshot({ path: join(output, "bob-media.png") });

      // A click asks for a download URL, and the browser downloads the file under its name.
      const context = pageB.context();
      const download = new Promise((resolve) => {
        pageB.once("download", resolve);
        context.once("page", (popup) => popup.once("download", resolve));
      });
      await fileOnBob.click();
      const downloaded = await Promise.race([download, new Promise((_, reject) => setTimeout(() => reject(new Error("no download")), TIMEOUT))]);
      if (downloaded.suggestedFilename() !== "meeting-notes.txt") throw new Error(`downloaded ${downloaded.suggestedFilename()}`);
      const bytes = await readFile(await downloaded.path());
      if (bytes.toString() !== `Saturday: bring snacks (${suffix})\n`) throw new Error(`downloaded ${JSON.stringify(bytes.toString())}`);

      // Too large: refused before any upload, said as a sentence on the bubble. The file is made
      // in the page (setInputFiles takes seconds per MiB): 21 MiB, past the 20 of an image.
      await pageA.locator("#composer-file").evaluate((input) => {
        const picked = new DataTransfer();
        picked.items.add(new File([new Uint8Array(21 * 1024 * 1024)], "huge.png", { type: "image/png" }));
        input.files = picked.files;
        input.dispatchEvent(new Event("change", { bubbles: true }));
      });
      await pageA.locator("#messages .msg.failed", { hasText: "huge.png" }).locator(".meta", { hasText: "This file is too large to send." }).waitFor();
      await pageA.screenshot({ path: join(output, "alice-media.png") });
    } finally {
      await rm(files, { recursive: true, force: true });
    }
  });

  await step("screenshots", async () => {
    await pageA.click("#tab-chats");
    // By name: the group's last message, Bob's mention, has his name too.
    await pageA.locator(`#conversation-list .conversation[data-name="${bob.nickname}"]`).click();
    await bubble(pageA, "Back online!").waitFor();
    await pageA.locator("#toast.show").waitFor({ state: "detached" });
    await pageA.screenshot({ path: join(output, "alice.png") });
    await pageB.screenshot({ path: join(output, "bob.png") });
  });

  await step("Bob logs out and back in", async () => {
    await pageB.click("#logout");
    await pageB.locator("#auth-form").waitFor();
    await pageB.fill("#auth-phone", bob.phone);
    await pageB.fill("#auth-password", bob.password);
    await pageB.click("#auth-submit");
    await pageB.locator("#me", { hasText: bob.nickname }).waitFor();
    await pageB.locator(`#conversation-list .conversation[data-name="${alice.nickname}"]`).waitFor();
  });
} catch (err) {
  results.push({ name: "setup", ok: false });
  console.log(`✖ setup: ${err?.stack ?? err}`);
} finally {
  await browser?.close().catch(() => {});
  if (chrome?.child.pid && chrome.child.exitCode === null) {
    const exited = new Promise((resolve) => chrome.child.once("exit", resolve));
    try {
      process.kill(-chrome.child.pid, "SIGTERM"); // its process group: the browser and helpers
    } catch {}
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  }
  ownServer?.server.close();
  bobsNetwork.close();
  await rm(profile, { recursive: true, force: true }).catch(() => {});
}

// Also what came between the steps, or after the last.
if (browserErrors.length > 0) {
  results.push({ name: "no errors in the pages", ok: false });
  console.log(`✖ ${browserErrors.length} errors in the pages:\n  ${browserErrors.join("\n  ")}`);
}
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`screenshots: ${output}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
