// Tiny DOM helpers: the app is small enough not to need a framework.

type Child = Node | string | number | null | undefined | false;
type AttrValue = string | number | boolean | null | undefined | ((event: never) => void);

/**
 * Creates an element: `h("button", { class: "primary", onclick: go }, "Send")`.
 * `on…` attributes become listeners, `true` becomes an empty attribute, `false`/null/undefined are
 * left out, and `value`/`checked` are set as properties.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Record<string, AttrValue> | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    if (typeof value === "function") {
      element.addEventListener(name.slice(2), value as EventListener);
    } else if (name === "value" || name === "checked") {
      (element as unknown as Record<string, unknown>)[name] = value;
    } else {
      element.setAttribute(name, value === true ? "" : String(value));
    }
  }
  element.append(...childNodes(children));
  return element;
}

/** Replaces an element's children. */
export function setChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren(...childNodes(children));
}

function childNodes(children: Child[]): (Node | string)[] {
  return children.filter((c) => c !== null && c !== undefined && c !== false).map((c) => (typeof c === "number" ? String(c) : c)) as (Node | string)[];
}

/** A round avatar with the name's initial (avatars are URLs the app does not load). */
export function avatar(name: string, extraClass = ""): HTMLElement {
  const initial = [...name.trim()][0]?.toUpperCase() ?? "?";
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return h("span", { class: `avatar ${extraClass}`.trim(), style: `--hue: ${hash % 360}` }, initial);
}

/** "14:05" today, "Mon 14:05" this week, else the date. */
export function formatTime(date: Date | undefined): string {
  if (!date) return "";
  const now = new Date();
  const time = date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  if (date.toDateString() === now.toDateString()) return time;
  if (now.getTime() - date.getTime() < 6 * 24 * 3600 * 1000) {
    return `${date.toLocaleDateString([], { weekday: "short" })} ${time}`;
  }
  return date.toLocaleDateString();
}

let toastTimer: ReturnType<typeof setTimeout> | undefined;

/** Shows a short message at the bottom of the page. */
export function toast(text: string, kind: "info" | "error" = "info"): void {
  let box = document.getElementById("toast");
  if (!box) {
    box = h("div", { id: "toast", role: "status" });
    document.body.append(box);
  }
  box.textContent = text;
  box.className = `toast show ${kind}`;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => box?.classList.remove("show"), 4000);
}

// The logo as inline SVG: emoji would depend on the fonts of the machine.
const LOGO_SVG =
  '<svg viewBox="0 0 32 32" width="1em" height="1em" aria-hidden="true">' +
  '<path fill="#2f7cf6" d="M16 3C8.8 3 3 8.1 3 14.4c0 3.6 1.9 6.8 4.9 8.9L7 29l6-3.2c1 .2 2 .3 3 .3 7.2 0 13-5.1 13-11.4S23.2 3 16 3z"/>' +
  '<circle cx="10.5" cy="14.5" r="2" fill="#fff"/><circle cx="16" cy="14.5" r="2" fill="#fff"/><circle cx="21.5" cy="14.5" r="2" fill="#fff"/></svg>';

/** The EasyChat logo mark. */
export function logo(): HTMLElement {
  const mark = h("span", { class: "brand-mark" });
  mark.innerHTML = LOGO_SVG;
  return mark;
}
