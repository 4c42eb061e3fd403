// The console's pages. Every datum comes from the /v1 API (api.js); nothing here is a secret: the credential stays
// in sessionStorage and no page ever asks for or shows a recovery code.
"use strict";
(() => {
  const $ = id => document.getElementById(id);
  const page = $("page");
  let stopLive = null;

  function h(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attributes)) {
      if (k === "class") node.className = v; else if (k.startsWith("on")) node.addEventListener(k.slice(2), v); else node.setAttribute(k, v);
    }
    node.append(...children.flat().filter(c => c !== null && c !== undefined));
    return node;
  }

  const plain = (value, prefix) => (value || "").replace(prefix, "");
  const when = t => t ? new Date(t).toISOString().replace("T", " ").slice(0, 19) + " UTC" : "-";
  const number = v => Number(v || 0);

  function showError(error) {
    const box = $("error");
    box.textContent = error instanceof Api.ApiError ? error.message : `Error: ${error.message || error}`;
    box.hidden = false;
    if (error instanceof Api.ApiError && error.status === 401) showSignIn();
  }
  const clearError = () => { $("error").hidden = true; $("error").textContent = ""; };

  function showSignIn() {
    $("sign-in").hidden = false;
    page.replaceChildren();
    $("who").textContent = "";
    $("sign-out").hidden = true;
  }

  // ---- Account: posture, locks, recovery status (never a code), history timeline, the actions ----
  async function accountPage(id) {
    const form = h("form", { id: "account-form", onsubmit: e => { e.preventDefault(); location.hash = `#/account/${encodeURIComponent($("account-id").value.trim())}`; } },
      h("label", {}, "Account id", h("input", { id: "account-id", value: id || "", required: "" })),
      h("button", { type: "submit" }, "Open"));
    page.replaceChildren(h("h1", {}, "Account"), form);
    if (!id) return;

    const [account, history] = await Promise.all([Api.getAccount(id), Api.getHistory(id, 0)]);
    const status = plain(account.status, "ACCOUNT_STATUS_");
    const badge = account.badge || {};
    const recovery = account.recovery || {};
    const field = (label, value, attributes = {}) => h("div", attributes, h("span", {}, label), value);
    page.append(h("div", { class: "card", id: "posture" },
      h("div", { class: "posture" },
        field("Status", h("b", { class: `status-${status}`, id: "account-status" }, status)),
        field("Version", String(account.version || 0)),
        field("Risk", plain(account.risk, "RISK_LEVEL_")),
        field("Badge", `${plain(badge.state, "BADGE_STATE_")}${badge.category ? " · " + badge.category : ""}`),
        field("High profile", account.highProfile ? "yes" : "no"),
        field("Credential", account.credentialCompromised ? "compromised" : account.credentialResetRequired ? "reset required" : "ok"),
        field("Sessions valid after", when(account.sessionsValidAfter)),
        field("Recovery", recovery.open ? `open via ${plain(recovery.channel, "RECOVERY_CHANNEL_")}, ${recovery.triesLeft} tries left, expires ${when(recovery.expiresAt)}` : `none open (${recovery.attemptsLast24h || 0} in 24 h)`),
        field("Known devices", String((account.knownDevices || []).length)))));

    const locks = account.locks || [];
    page.append(h("h2", {}, `Locks (${locks.length})`),
      locks.length === 0 ? h("p", { class: "muted" }, "No lock.") :
        h("table", { id: "locks" }, h("tr", {}, ["Reason", "Placed by", "Placed", "Expires", "Note"].map(t => h("th", {}, t))),
          locks.map(l => h("tr", {}, h("td", {}, plain(l.reason, "LOCK_REASON_")), h("td", {}, l.placedBy), h("td", {}, when(l.placedAt)),
            h("td", {}, l.expiresAt ? when(l.expiresAt) : "until unlocked"), h("td", {}, l.note || "")))));

    // Every action is offered; the gateway decides by the caller's role, and a refusal is shown as it says it.
    const reasons = ["COMPROMISED", "SUSPICIOUS_ACTIVITY", "IMPERSONATION", "DECEPTIVE_IDENTITY", "POLICY_VIOLATION", "USER_REQUESTED"];
    const act = action => async e => {
      e.preventDefault();
      clearError();
      try {
        await action();
        await accountPage(id);
      } catch (error) { showError(error); }
    };
    page.append(h("h2", {}, "Actions"),
      h("form", { id: "lock-form", onsubmit: act(() => Api.lock(id, "LOCK_REASON_" + $("lock-reason").value, $("lock-note").value)) },
        h("label", {}, "Reason", h("select", { id: "lock-reason" }, reasons.map(r => h("option", { value: r }, r)))),
        h("label", {}, "Note", h("input", { id: "lock-note" })),
        h("button", { type: "submit", class: "danger", id: "lock-button" }, "Lock")),
      h("form", { id: "unlock-form", onsubmit: act(() => Api.unlockAll(id, $("unlock-note").value)) },
        h("label", {}, "Note", h("input", { id: "unlock-note" })),
        h("button", { type: "submit", id: "unlock-button" }, "Unlock all")));

    const events = history.events || [];
    page.append(h("h2", {}, `History (${events.length}${history.hasMore ? "+" : ""})`),
      h("ul", { class: "timeline", id: "timeline" }, events.map(e => h("li", { class: e.type },
        h("b", {}, e.type), e.reason ? ` · ${e.reason}` : "",
        h("div", { class: "meta" }, `#${e.seq} · ${when(e.at)} · ${e.actor}`),
        e.dataJson && e.dataJson !== "{}" ? h("div", { class: "meta" }, h("code", {}, e.dataJson)) : null))));
  }

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

  // ---- Trends: GetReport per day over a date range ----
  async function trendsPage() {
    const today = new Date();
    const day = d => d.toISOString().slice(0, 10);
    const from = $("trends-from")?.value || day(new Date(today.getTime() - 13 * 86400000));
    const to = $("trends-to")?.value || day(new Date(today.getTime() + 86400000));
    const granularity = $("trends-granularity")?.value || "REPORT_GRANULARITY_DAY";
    const form = h("form", { onsubmit: async e => { e.preventDefault(); clearError(); try { await trendsPage(); } catch (error) { showError(error); } } },
      h("label", {}, "From", h("input", { id: "trends-from", type: "date", value: from })),
      h("label", {}, "To (exclusive)", h("input", { id: "trends-to", type: "date", value: to })),
      h("label", {}, "Per", h("select", { id: "trends-granularity" },
        ["DAY", "WEEK", "MONTH", "TOTAL"].map(g => h("option", Object.assign({ value: "REPORT_GRANULARITY_" + g }, granularity.endsWith(g) ? { selected: "" } : {}), g.toLowerCase())))),
      h("button", { type: "submit" }, "Show"));
    page.replaceChildren(h("h1", {}, "Trends"), form);

    const report = await Api.getReport(from, to, granularity);
    const periods = report.periods || [];
    const labels = periods.map(p => p.start.slice(0, 10));
    const seriesBy = (pick, keyOf) => {
      const keys = [...new Set(periods.flatMap(p => (pick(p) || []).map(keyOf)))].sort();
      return keys.map(k => ({ name: k, values: periods.map(p => (pick(p) || []).filter(x => keyOf(x) === k).reduce((s, x) => s + number(x.count), 0)) }));
    };
    const recoverySeries = field => seriesBy(p => (p.recovery || []).map(r => ({ channel: r.channel, count: r[field] })), r => plain(r.channel, "RECOVERY_CHANNEL_"));
    page.append(h("div", { class: "charts" },
      Charts.stacked("chart-locks-reason", "Locks placed per reason", labels, seriesBy(p => p.locksPlaced, l => plain(l.reason, "LOCK_REASON_"))),
      Charts.stacked("chart-locks-automatic", "Locks placed: automatic vs manual", labels, seriesBy(p => p.locksPlaced, l => l.automatic ? "automatic" : "manual")),
      Charts.stacked("chart-locks-lifted", "Locks lifted, by how they ended", labels, seriesBy(p => p.locksLifted, l => plain(l.endedBy, "LOCK_END_").toLowerCase())),
      Charts.stacked("chart-recovery-started", "Recovery attempts started per channel", labels, recoverySeries("started")),
      Charts.stacked("chart-recovery-completed", "Recoveries completed per channel", labels, recoverySeries("completed"))));

    const funnel = {};
    for (const r of periods.flatMap(p => p.recovery || [])) {
      const f = funnel[plain(r.channel, "RECOVERY_CHANNEL_")] ||= { started: 0, completed: 0, burned: 0, expired: 0 };
      for (const k of Object.keys(f)) f[k] += number(r[k]);
    }
    page.append(h("h2", {}, "Recovery funnel per channel"),
      h("table", { id: "recovery-funnel" }, h("tr", {}, ["Channel", "Started", "Completed", "Burned", "Expired"].map(t => h("th", {}, t))),
        Object.entries(funnel).map(([channel, f]) => h("tr", {}, h("td", {}, channel), ...["started", "completed", "burned", "expired"].map(k => h("td", {}, String(f[k])))))));
    const restored = periods.filter(p => p.compromisedToRecovery && number(p.compromisedToRecovery.count) > 0);
    page.append(h("h2", {}, "Time to restore (COMPROMISED lock to recovery)"),
      restored.length === 0 ? h("p", { class: "muted" }, "No compromised account recovered in this range.") :
        h("table", {}, h("tr", {}, ["Period", "Recovered", "Median", "p90"].map(t => h("th", {}, t))),
          restored.map(p => h("tr", {}, h("td", {}, p.start.slice(0, 10)), h("td", {}, String(p.compromisedToRecovery.count)),
            h("td", {}, p.compromisedToRecovery.median || "-"), h("td", {}, p.compromisedToRecovery.p90 || "-")))));
    const actors = {};
    for (const a of periods.flatMap(p => p.busiestActors || [])) actors[a.actor] = (actors[a.actor] || 0) + number(a.total);
    page.append(h("h2", {}, "Busiest agents, vendors and services"),
      h("table", { id: "busiest-actors" }, h("tr", {}, h("th", {}, "Actor"), h("th", {}, "Events")),
        Object.entries(actors).sort((a, b) => b[1] - a[1]).map(([actor, total]) => h("tr", {}, h("td", {}, actor), h("td", {}, String(total))))));
  }

  function queuesPage() {
    page.replaceChildren(h("h1", {}, "Queues"),
      h("p", { class: "card", id: "queues-placeholder" },
        "Pending dual-control approvals, open appeals and the audit queue appear here once the workflows that create them are in the API."));
  }

  async function route() {
    if (stopLive) { stopLive(); stopLive = null; }
    clearError();
    if (!Api.signedIn()) { showSignIn(); return; }
    $("sign-in").hidden = true;
    $("sign-out").hidden = false;
    $("who").textContent = Api.onBehalfOf() ? `signed in · for ${Api.onBehalfOf()}` : "signed in";
    const [, name, arg] = (location.hash || "#/account").split("/");
    for (const a of document.querySelectorAll("#nav a[data-page]")) a.classList.toggle("active", a.dataset.page === name);
    try {
      if (name === "live") livePage();
      else if (name === "trends") await trendsPage();
      else if (name === "queues") queuesPage();
      else await accountPage(arg ? decodeURIComponent(arg) : "");
    } catch (error) { showError(error); }
  }

  $("sign-in-form").addEventListener("submit", e => {
    e.preventDefault();
    Api.signIn($("credential").value, $("on-behalf-of").value);
    $("credential").value = "";
    route();
  });
  $("sign-out").addEventListener("click", () => { Api.signOut(); showSignIn(); });
  window.addEventListener("hashchange", route);
  route();
})();
