// The Account page: posture, locks, open dual-control requests and appeals, automatic locks and their labels, the
// history timeline, and the actions the viewer's role may take (Ui.may). The gateway and the grain still decide:
// a refusal (e.g. approving one's own request) is shown as the gateway gave it. Never a recovery code.
"use strict";
window.AccountPage = (() => {
  const { $, h, plain, when, showError, clearError, may } = Ui;
  const reasons = ["COMPROMISED", "SUSPICIOUS_ACTIVITY", "IMPERSONATION", "DECEPTIVE_IDENTITY", "POLICY_VIOLATION", "USER_REQUESTED"];
  const table = (id, headings, rows) => h("table", { id }, h("tr", {}, headings.map(t => h("th", {}, t))), rows);

  async function render(page, id) {
    const form = h("form", { id: "account-form", onsubmit: e => { e.preventDefault(); location.hash = `#/account/${encodeURIComponent($("account-id").value.trim())}`; } },
      h("label", {}, "Account id", h("input", { id: "account-id", value: id || "", required: "" })),
      h("button", { type: "submit" }, "Open"));
    page.replaceChildren(h("h1", {}, "Account"), form);
    if (!id) return;

    const [account, history] = await Promise.all([Api.getAccount(id), may("GetHistory") ? Api.getHistory(id, 0) : null]);
    // Every action re-renders the page from the API on success, and shows the refusal otherwise.
    const act = action => async e => {
      e.preventDefault();
      clearError();
      try {
        await action();
        await render(page, id);
      } catch (error) { showError(error); }
    };
    posture(page, account);
    locks(page, id, account, act);
    requests(page, id, account, act);
    appeals(page, id, account, act);
    automaticLocks(page, id, account, act);
    actions(page, id, act);
    timeline(page, history);
  }

  function posture(page, account) {
    const status = plain(account.status, "ACCOUNT_STATUS_");
    const badge = account.badge || {};
    const recovery = account.recovery || {};
    const field = (label, value) => h("div", {}, h("span", {}, label), value);
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
  }

  function locks(page, id, account, act) {
    const all = account.locks || [];
    const appealed = new Set((account.openAppeals || []).map(a => a.lockId));
    page.append(h("h2", {}, `Locks (${all.length})`),
      all.length === 0 ? h("p", { class: "muted" }, "No lock.") :
        table("locks", ["Reason", "Placed by", "Placed", "Expires", "Note", may("FileAppeal") ? "Appeal (for the owner)" : null].filter(Boolean),
          all.map(l => h("tr", { "data-lock": l.lockId }, h("td", {}, plain(l.reason, "LOCK_REASON_")), h("td", {}, l.placedBy), h("td", {}, when(l.placedAt)),
            h("td", {}, l.expiresAt ? when(l.expiresAt) : "until unlocked"), h("td", {}, l.note || ""),
            may("FileAppeal") ? h("td", {}, appealed.has(l.lockId) ? "appeal open" :
              h("form", { class: "inline", id: `appeal-form-${l.lockId}`, onsubmit: act(() => Api.fileAppeal(id, l.lockId, $(`appeal-statement-${l.lockId}`).value)) },
                h("input", { id: `appeal-statement-${l.lockId}`, placeholder: "the owner's statement", required: "" }),
                h("button", { type: "submit" }, "File appeal"))) : null))));
  }

  function requests(page, id, account, act) {
    const pending = account.pendingRequests || [];
    const answer = may("ApproveRequest") || may("RejectRequest");
    page.append(h("h2", {}, `Open dual-control requests (${pending.length})`),
      pending.length === 0 ? h("p", { class: "muted" }, "None waiting for a second person.") :
        table("pending-requests", ["Request", "Action", "Requested by", "Requested", "Lapses", "Reason", answer ? "Answer (another agent or an admin)" : null].filter(Boolean),
          pending.map(r => h("tr", { "data-request": r.requestId },
            h("td", {}, r.requestId), h("td", {}, plain(r.action, "DUAL_CONTROL_ACTION_")), h("td", {}, r.requestedBy), h("td", {}, when(r.requestedAt)),
            h("td", {}, when(r.expiresAt)), h("td", {}, r.reason || "", (r.lockIds || []).length ? h("div", { class: "meta" }, `locks: ${r.lockIds.join(", ")}`) : null),
            answer ? h("td", {}, h("form", { class: "inline", onsubmit: e => e.preventDefault() },
              h("input", { id: `answer-note-${r.requestId}`, placeholder: "note / reason" }),
              may("ApproveRequest") ? h("button", { type: "button", id: `approve-${r.requestId}`, onclick: act(() => Api.approveRequest(id, r.requestId, $(`answer-note-${r.requestId}`).value)) }, "Approve") : null,
              may("RejectRequest") ? h("button", { type: "button", class: "danger", id: `reject-${r.requestId}`, onclick: act(() => Api.rejectRequest(id, r.requestId, $(`answer-note-${r.requestId}`).value)) }, "Reject") : null)) : null))));
  }

  function appeals(page, id, account, act) {
    const open = account.openAppeals || [];
    const decide = may("DecideAppeal");
    page.append(h("h2", {}, `Open appeals (${open.length})`),
      open.length === 0 ? h("p", { class: "muted" }, "No appeal waiting for a decision.") :
        table("open-appeals", ["Appeal", "Lock", "Filed by", "Filed", "Statement", decide ? "Decision" : null].filter(Boolean),
          open.map(a => h("tr", { "data-appeal": a.appealId },
            h("td", {}, a.appealId), h("td", {}, a.lockId), h("td", {}, a.filedBy), h("td", {}, when(a.filedAt)), h("td", {}, a.statement),
            decide ? h("td", {}, h("form", { class: "inline", onsubmit: e => e.preventDefault() },
              h("input", { id: `decide-reason-${a.appealId}`, placeholder: "why (required)" }),
              h("button", { type: "button", id: `uphold-${a.appealId}`, onclick: act(() => Api.decideAppeal(id, a.appealId, "UPHELD", $(`decide-reason-${a.appealId}`).value)) }, "Uphold"),
              h("button", { type: "button", class: "danger", id: `overturn-${a.appealId}`, onclick: act(() => Api.decideAppeal(id, a.appealId, "OVERTURNED", $(`decide-reason-${a.appealId}`).value)) }, "Overturn (lift the lock)"))) : null))));
  }

  function automaticLocks(page, id, account, act) {
    const automatic = account.automaticLocks || [];
    if (automatic.length === 0) return;
    page.append(h("h2", {}, `Automatic locks (${automatic.length})`),
      table("automatic-locks", ["Lock", "Rule", "Placed", "Label"], automatic.map(a => {
        const label = plain(a.label, "FEEDBACK_LABEL_");
        const labelWith = value => act(() => Api.labelAutomaticLock(id, a.lockId, value, ""));
        return h("tr", { "data-lock": a.lockId, "data-label": label || "UNSPECIFIED" },
          h("td", {}, a.lockId), h("td", {}, plain(a.rule, "LOCK_REASON_")), h("td", {}, when(a.placedAt)),
          h("td", {}, label && label !== "UNSPECIFIED" ? label : may("LabelAutomaticLock") ? [
            h("button", { type: "button", id: `label-fp-${a.lockId}`, onclick: labelWith("FALSE_POSITIVE") }, "False positive"), " ",
            h("button", { type: "button", class: "danger", id: `label-cc-${a.lockId}`, onclick: labelWith("CONFIRMED_COMPROMISE") }, "Confirmed compromise")] : "not labelled"));
      })));
  }

  function actions(page, id, act) {
    if (!may("Lock") && !may("Unlock")) return;
    page.append(h("h2", {}, "Actions"),
      may("Lock") ? h("form", { id: "lock-form", onsubmit: act(() => Api.lock(id, "LOCK_REASON_" + $("lock-reason").value, $("lock-note").value)) },
        h("label", {}, "Reason", h("select", { id: "lock-reason" }, reasons.map(r => h("option", { value: r }, r)))),
        h("label", {}, "Note", h("input", { id: "lock-note" })),
        h("button", { type: "submit", class: "danger", id: "lock-button" }, "Lock")) : null,
      may("Unlock") ? h("form", { id: "unlock-form", onsubmit: act(() => Api.unlockAll(id, $("unlock-note").value)) },
        h("label", {}, "Note", h("input", { id: "unlock-note" })),
        h("button", { type: "submit", id: "unlock-button" }, "Unlock all")) : null);
  }

  function timeline(page, history) {
    if (history === null) {
      page.append(h("h2", {}, "History"), h("p", { class: "muted" }, "This role may not read the history."));
      return;
    }
    const events = history.events || [];
    page.append(h("h2", {}, `History (${events.length}${history.hasMore ? "+" : ""})`),
      h("ul", { class: "timeline", id: "timeline" }, events.map(e => h("li", { class: e.type },
        h("b", {}, e.type), e.reason ? ` · ${e.reason}` : "",
        h("div", { class: "meta" }, `#${e.seq} · ${when(e.at)} · ${e.actor}`),
        e.dataJson && e.dataJson !== "{}" ? h("div", { class: "meta" }, h("code", {}, e.dataJson)) : null))));
  }

  return { render };
})();
