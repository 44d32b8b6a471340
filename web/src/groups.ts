// The Groups panel: create a group with friends, list and open the caller's groups.
import { GroupRole, JoinPolicy } from "@easychat/sdk";
import type { App } from "./app.js";
import { avatar, h, setChildren, toast } from "./dom.js";
import { describeError } from "./errors.js";

const panels = new WeakMap<App, GroupsPanel>();

export function renderGroups(app: App, container: HTMLElement): void {
  let panel = panels.get(app);
  if (!panel) panels.set(app, (panel = new GroupsPanel(app)));
  panel.update();
  if (container.firstChild !== panel.element || container.childNodes.length !== 1) setChildren(container, panel.element);
}

/** Built once per app so that re-renders keep the form's name and ticked friends. */
class GroupsPanel {
  readonly element: HTMLElement;
  readonly #name = h("input", { id: "group-name", placeholder: "Group name", required: true, maxlength: 64 });
  readonly #members = h("div", { class: "member-picker", id: "group-members" });
  readonly #groups = h("ul", { class: "list", id: "group-list" });
  readonly #picked = new Set<string>();

  constructor(readonly app: App) {
    this.element = h(
      "div",
      { class: "groups" },
      h(
        "form",
        { class: "stack-form", id: "group-form", onsubmit: (e: SubmitEvent) => void this.#create(e) },
        h("h3", { class: "section-title" }, "New group"),
        this.#name,
        this.#members,
        h("button", { class: "primary", type: "submit", id: "group-create" }, "Create group"),
      ),
      h("h3", { class: "section-title" }, "My groups"),
      this.#groups,
    );
  }

  update(): void {
    const friends = this.app.friends.filter((f) => f.user);
    setChildren(
      this.#members,
      ...(friends.length
        ? friends.map((f) => {
            const id = f.user?.userId ?? "";
            const box = h("input", { type: "checkbox", value: id, checked: this.#picked.has(id), onchange: (e: Event) => this.#toggle(id, (e.target as HTMLInputElement).checked) });
            return h("label", { class: "check" }, box, f.remark || f.user?.nickname);
          })
        : [h("span", { class: "muted small" }, "Add friends to invite them; a group of one works too.")]),
    );
    setChildren(
      this.#groups,
      ...(this.app.groups.length
        ? this.app.groups.map((g) =>
            h(
              "li",
              { class: "person clickable", "data-group-id": g.groupId, tabindex: 0, onclick: () => void this.app.openConversation(g.conversationId) },
              avatar(g.name, "group"),
              h("div", { class: "item-body" }, h("span", { class: "item-name" }, g.name), h("span", { class: "muted small" }, `${g.memberCount} member${g.memberCount === 1 ? "" : "s"}${g.myRole === GroupRole.OWNER ? " · owner" : ""}`)),
              h("span", { class: "chevron" }, "›"),
            ),
          )
        : [h("li", { class: "muted pad" }, "No groups yet.")]),
    );
  }

  #toggle(userId: string, on: boolean): void {
    if (on) this.#picked.add(userId);
    else this.#picked.delete(userId);
  }

  async #create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const name = this.#name.value.trim();
    if (!name) return;
    try {
      const { group } = await this.app.client.social.createGroup({ name, memberIds: [...this.#picked], joinPolicy: JoinPolicy.APPROVAL_REQUIRED });
      this.#name.value = "";
      this.#picked.clear();
      await Promise.all([this.app.refreshGroups(), this.app.refreshConversations()]);
      toast(`Group “${name}” created.`);
      if (group) await this.app.openConversation(group.conversationId);
    } catch (err) {
      toast(describeError(err), "error");
    }
  }
}
