// The console's router, sign-in, the Live page and the Orleans dashboard link. Every datum comes from
// the /v1 API (api.js); the credential stays in sessionStorage and no page ever asks for or shows a recovery code.
"use strict";
(() => {
  const { $, h, when, showError, clearError } = Ui;
  const page = $("page");
  let stopLive = null;

  function showSignIn() {
    $("sign-in").hidden = false;
    page.replaceChildren();
    $("who").textContent = "";
    $("sign-out").hidden = true;
  }
  Ui.onUnauthenticated = showSignIn;

  // ---- Live: WatchEvents as newline-delimited JSON, newest first, filtered by type and account ----
  function livePage() {
    const rows = h("tbody", { id: "live-events" });
    const state = h("p", { class: "muted", id: "live-state" }, "Connecting…");
    const start = () => {
      if (stopLive) stopLive();
      rows.replaceChildren();
      const types = $("live-types").value.split(",").map(t => t.trim()).filter(Boolean);
      const accounts = $("live-accounts").value.split(",").map(t => t.trim()).filter(Boolean);
      const controller = new AbortController();
      stopLive = () => controller.abort();
      state.textContent = "Watching (every committed event, as it commits).";
      Api.watchEvents(0, types, controller.signal, e => {
        if (accounts.length && !accounts.includes(e.accountId)) return;
        rows.prepend(h("tr", { "data-account": e.accountId, "data-type": e.type },
          h("td", {}, e.position), h("td", {}, when(e.time)), h("td", {}, e.accountId), h("td", {}, e.type),
          h("td", {}, (e.actor && e.actor.display) || ""), h("td", {}, e.reason || "")));
        while (rows.children.length > 500) rows.lastChild.remove();
      }).catch(error => { if (error.name !== "AbortError") { state.textContent = "Stopped."; showError(error); } });
    };
    page.replaceChildren(h("h1", {}, "Live"),
      h("form", { onsubmit: e => { e.preventDefault(); start(); } },
        h("label", {}, "Event types (comma-separated; empty: all)", h("input", { id: "live-types" })),
        h("label", {}, "Accounts (comma-separated; empty: all)", h("input", { id: "live-accounts" })),
        h("button", { type: "submit" }, "Apply")),
      state,
      h("table", {}, h("thead", {}, h("tr", {}, ["Position", "Time", "Account", "Event", "Actor", "Reason"].map(t => h("th", {}, t)))), rows));
    start();
  }

  // The dashboard needs a credential a browser's link cannot send: the console opens an HttpOnly session cookie
  // for it (admins only) with the tab's credential, then opens the dashboard. A refusal is shown like any other.
  async function openDashboard(e) {
    e.preventDefault();
    clearError();
    // Opened within the click (a popup blocker allows that), cut from this tab: the dashboard shares this origin and
    // must not reach this tab's session storage through window.opener.
    const tab = window.open("about:blank", "_blank");
    if (tab) tab.opener = null;
    try {
      const session = await Api.openDashboardSession();
      if (tab) tab.location = session.dashboard; else location.href = session.dashboard;
    } catch (error) {
      if (tab) tab.close();
      showError(error);
    }
  }

  async function route() {
    if (stopLive) { stopLive(); stopLive = null; }
    clearError();
    if (!Api.signedIn()) { showSignIn(); return; }
    $("sign-in").hidden = true;
    $("sign-out").hidden = false;
    const [, name, arg] = (location.hash || "#/account").split("/");
    for (const a of document.querySelectorAll("#nav a[data-page]")) a.classList.toggle("active", a.dataset.page === name);
    try {
      const viewer = await Ui.loadViewer();
      $("who").textContent = `${viewer.name} (${viewer.role})${viewer.onBehalfOf ? " for " + viewer.onBehalfOf : ""}`;
      if (name === "live") livePage();
      else if (name === "trends") await TrendsPage.render(page);
      else if (name === "queues") await QueuesPage.render(page);
      else await AccountPage.render(page, arg ? decodeURIComponent(arg) : "");
    } catch (error) { showError(error); }
  }

  $("sign-in-form").addEventListener("submit", e => {
    e.preventDefault();
    Api.signIn($("credential").value, $("on-behalf-of").value);
    $("credential").value = "";
    Ui.forgetViewer();
    route();
  });
  $("sign-out").addEventListener("click", async () => {
    Api.signOut();
    Ui.forgetViewer();
    showSignIn();
    await Api.closeDashboardSession().catch(() => {});
  });
  $("dashboard-link").addEventListener("click", openDashboard);
  window.addEventListener("hashchange", route);
  route();
})();
