// Media in the chat: what kind of message a picked file makes, how image and file messages that
// name an upload (a media id) show, and their short-lived download URLs, cached per media id
// until shortly before they expire. Images and files sent by plain URL show as text (messages.ts).
import { type EasyChatClient, type FileContent, type ImageContent, MediaKind, type Message } from "@easychat/sdk";
import { h } from "./dom.js";

/** Types the server takes as images (by default); any other file goes as a file message. */
const IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

/** A URL this close to its expiry is asked for again (an image may still be loading with it). */
const EXPIRY_MARGIN_MS = 60_000;

/** How a picked file is sent: pictures the server can check as images, anything else as a file. */
export function kindOf(file: File): MediaKind {
  return IMAGE_TYPES.has(file.type.toLowerCase()) ? MediaKind.IMAGE : MediaKind.FILE;
}

/** Download URLs of media items (GetDownloadUrl), one request per item while it is valid. */
export class MediaUrls {
  readonly #urls = new Map<string, { url: string; expires: number }>();
  readonly #asking = new Map<string, Promise<string>>();

  constructor(readonly client: EasyChatClient) {}

  /** A URL still valid for a while, if one is known (to use it without waiting). */
  cached(mediaId: string): string | undefined {
    const known = this.#urls.get(mediaId);
    if (known && known.expires - EXPIRY_MARGIN_MS > Date.now()) return known.url;
    this.#urls.delete(mediaId);
    return undefined;
  }

  /** A valid URL: the cached one, else a new one from the server. */
  get(mediaId: string): Promise<string> {
    const cached = this.cached(mediaId);
    if (cached) return Promise.resolve(cached);
    let asking = this.#asking.get(mediaId);
    if (!asking) {
      asking = this.client
        .downloadUrl(mediaId)
        .then(({ url, expireTime }) => {
          this.#urls.set(mediaId, { url, expires: expireTime.getTime() });
          return url;
        })
        .finally(() => this.#asking.delete(mediaId));
      this.#asking.set(mediaId, asking);
    }
    return asking;
  }

  /** Drops a URL that did not work (it is asked for again next time). */
  forget(mediaId: string): void {
    this.#urls.delete(mediaId);
  }
}

/** What a bubble needs to show media. */
export interface MediaView {
  readonly media: MediaUrls;
  /** Says why a media item could not be opened. */
  failed(err: unknown): void;
}

/**
 * The body of an image or file message that names an upload: the picture, or a link that asks
 * for a download URL when clicked. Undefined for any other message.
 */
export function mediaBody(message: Message, view: MediaView): HTMLElement | undefined {
  if (message.recalled) return undefined;
  const kind = message.content?.kind;
  if (kind?.case === "image" && kind.value.mediaId) return imageBody(kind.value, view);
  if (kind?.case === "file" && kind.value.mediaId) return fileBody(kind.value, view);
  return undefined;
}

/** The picture (its URL fetched, or cached), opening in a new tab when clicked. */
function imageBody(image: ImageContent, view: MediaView): HTMLElement {
  const { mediaId } = image;
  const img = h("img", {
    class: "media-image",
    alt: "Photo",
    decoding: "async",
    "data-media-id": mediaId,
    style: image.width > 0 && image.height > 0 ? `aspect-ratio: ${image.width} / ${image.height}` : null,
  });
  const link = h("a", { class: "media-image-link", href: "#", target: "_blank", rel: "noopener", title: "Open the photo" }, img);
  link.addEventListener("click", (event) => openWithUrl(event, link, mediaId, view));
  let retried = false;
  img.addEventListener("error", () => {
    // The URL may have expired, or the bytes not be there yet: ask for a new one once.
    view.media.forget(mediaId);
    if (retried) {
      link.replaceWith(h("span", { class: "text media-missing" }, "📷 Photo unavailable"));
      return;
    }
    retried = true;
    show();
  });
  const show = () => {
    const cached = view.media.cached(mediaId);
    if (cached) {
      img.src = cached;
      link.href = cached;
      return;
    }
    view.media.get(mediaId).then(
      (url) => {
        img.src = url;
        link.href = url;
      },
      (err) => {
        link.replaceWith(h("span", { class: "text media-missing" }, "📷 Photo unavailable"));
        console.warn("photo:", err);
      },
    );
  };
  show();
  return h("div", { class: "media" }, link);
}

/** The file's name and size, as a link that gets a download URL when clicked. */
function fileBody(file: FileContent, view: MediaView): HTMLElement {
  const link = h(
    "a",
    { class: "media-file", href: "#", target: "_blank", rel: "noopener", "data-media-id": file.mediaId, title: `Download ${file.name}` },
    paperclip(),
    h("span", { class: "media-file-name" }, file.name),
    file.size > 0n && h("span", { class: "media-file-size" }, formatSize(file.size)),
  );
  link.addEventListener("click", (event) => openWithUrl(event, link, file.mediaId, view));
  return h("span", { class: "text" }, link);
}

/**
 * Lets a click on `link` open the media item: with a valid URL at hand it goes as a normal click;
 * else the click waits for one, then clicks again.
 */
function openWithUrl(event: MouseEvent, link: HTMLAnchorElement, mediaId: string, view: MediaView): void {
  const cached = view.media.cached(mediaId);
  if (cached) {
    link.href = cached;
    return;
  }
  event.preventDefault();
  view.media.get(mediaId).then(
    (url) => {
      link.href = url;
      link.click();
    },
    (err) => view.failed(err),
  );
}

// A paperclip as inline SVG (like the logo, dom.ts): an emoji would depend on the fonts.
const PAPERCLIP_SVG =
  '<svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">' +
  '<path d="M21.4 11.1l-9.2 9.2a6 6 0 0 1-8.5-8.5l9.2-9.2a4 4 0 0 1 5.7 5.7l-9.2 9.2a2 2 0 0 1-2.8-2.8l8.5-8.5"/></svg>';

/** The paperclip of the attach button and of file messages. */
export function paperclip(): HTMLElement {
  const icon = h("span", { class: "icon" });
  icon.innerHTML = PAPERCLIP_SVG;
  return icon;
}

/** "512 B", "14 KB", "3.2 MB". */
export function formatSize(bytes: bigint): string {
  const n = Number(bytes);
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB"];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}
