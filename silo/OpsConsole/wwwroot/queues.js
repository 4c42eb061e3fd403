// The Queues page: pending dual-control approvals, open appeals and the audit queue across accounts (ClusterAdmin's
// queues, from the reporting projection: an item just answered may show for a moment). Each queue is shown to the
// roles that may list it and answered in place with the actions the role may take; the gateway still decides.
"use strict";
window.QueuesPage = (() => {
  const { $, h, plain, when, showError, clearError, may } = Ui;
  const table = (id, headings, rows) => h("table", { id }, h("tr", {}, headings.map(t => h("th", {}, t))), rows);
  const accountLink = id => h("a", { href: `#/account/${encodeURIComponent(id)}` }, id);
  const notForRole = (what, operation) => h("p", { class: "muted", id: `no-${operation}` }, `This role may not see ${what}.`);

  async function render(page) {
    page.replaceChildren(h("h1", {}, "Queues"));
    const act = action => async e => {
      e.preventDefault();
      clearError();
      try {
        await action();
        await render(page);
      } catch (error) { showError(error); }
    };
    const [requests, appeals, audits] = await Promise.all([
      may("ListPendingRequests") ? Api.listPendingRequests() : null,
      may("ListOpenAppeals") ? Api.listOpenAppeals() : null,
      may("ListAuditQueue") ? Api.listAuditQueue() : null]);

    page.append(h("h2", {}, "Pending approvals"), requests === null ? notForRole("pending approvals", "ListPendingRequests") :
      (requests.requests || []).length === 0 ? h("p", { class: "muted" }, "No request waiting for a second person.") :
        table("queue-requests", ["Account", "Request", "Action", "Requested by", "Requested", "Lapses", "Reason", "Answer"], requests.requests.map(({ accountId, request: r }) => {
          const note = `queue-note-${accountId}-${r.requestId}`;
          return h("tr", { "data-account": accountId, "data-request": r.requestId },
            h("td", {}, accountLink(accountId)), h("td", {}, r.requestId), h("td", {}, plain(r.action, "DUAL_CONTROL_ACTION_")), h("td", {}, r.requestedBy),
            h("td", {}, when(r.requestedAt)), h("td", {}, when(r.expiresAt)), h("td", {}, r.reason || ""),
            h("td", {}, h("form", { class: "inline", onsubmit: e => e.preventDefault() }, h("input", { id: note, placeholder: "note / reason" }),
              may("ApproveRequest") ? h("button", { type: "button", class: "approve", onclick: act(() => Api.approveRequest(accountId, r.requestId, $(note).value)) }, "Approve") : null,
              may("RejectRequest") ? h("button", { type: "button", class: "danger reject", onclick: act(() => Api.rejectRequest(accountId, r.requestId, $(note).value)) }, "Reject") : null)));
        })));

    page.append(h("h2", {}, "Open appeals"), appeals === null ? notForRole("open appeals", "ListOpenAppeals") :
      (appeals.appeals || []).length === 0 ? h("p", { class: "muted" }, "No appeal waiting for a decision.") :
        table("queue-appeals", ["Account", "Appeal", "Lock", "Filed by", "Filed", "Statement", "Decision"], appeals.appeals.map(({ accountId, appeal: a }) => {
          const reason = `queue-reason-${accountId}-${a.appealId}`;
          return h("tr", { "data-account": accountId, "data-appeal": a.appealId },
            h("td", {}, accountLink(accountId)), h("td", {}, a.appealId), h("td", {}, a.lockId), h("td", {}, a.filedBy), h("td", {}, when(a.filedAt)), h("td", {}, a.statement),
            h("td", {}, may("DecideAppeal") ? h("form", { class: "inline", onsubmit: e => e.preventDefault() }, h("input", { id: reason, placeholder: "why (required)" }),
              h("button", { type: "button", class: "uphold", onclick: act(() => Api.decideAppeal(accountId, a.appealId, "UPHELD", $(reason).value)) }, "Uphold"),
              h("button", { type: "button", class: "danger overturn", onclick: act(() => Api.decideAppeal(accountId, a.appealId, "OVERTURNED", $(reason).value)) }, "Overturn")) : ""));
        })));

    page.append(h("h2", {}, "Audit queue (sampled agent and vendor actions)"), audits === null ? notForRole("the audit queue", "ListAuditQueue") :
      (audits.items || []).length === 0 ? h("p", { class: "muted" }, "No sampled action waiting for a verdict.") :
        table("queue-audits", ["Account", "Seq", "Action", "Actor", "Role", "At", "Reason", "Verdict"], audits.items.map(item => {
          const ref = `audit-ref-${item.accountId}-${item.actionSeq}`, note = `audit-note-${item.accountId}-${item.actionSeq}`;
          const verdict = value => act(() => Api.recordAuditVerdict(item.accountId, item.actionSeq, value, $(ref).value, $(note).value));
          return h("tr", { "data-account": item.accountId, "data-seq": String(item.actionSeq), "data-type": item.actionType, "data-actor": item.actor },
            h("td", {}, accountLink(item.accountId)), h("td", {}, String(item.actionSeq)), h("td", {}, item.actionType), h("td", {}, item.actor), h("td", {}, item.role),
            h("td", {}, when(item.at)), h("td", {}, item.reason || ""),
            h("td", {}, may("RecordAuditVerdict") ? h("form", { class: "inline", onsubmit: e => e.preventDefault() },
              h("input", { id: ref, placeholder: "guideline (required)" }), h("input", { id: note, placeholder: "note" }),
              h("button", { type: "button", class: "correct", onclick: verdict("CORRECT") }, "Correct"),
              h("button", { type: "button", class: "danger incorrect", onclick: verdict("INCORRECT") }, "Incorrect")) : ""));
        })));
  }

  return { render };
})();
