// The /v1 HTTP/JSON API (the gateway's gRPC methods, transcoded) with the credential kept in this tab's session.
"use strict";
window.Api = (() => {
  const keyOf = "accountgrains.credential";
  const agentOf = "accountgrains.onBehalfOf";

  const signedIn = () => sessionStorage.getItem(keyOf) !== null;
  const signIn = (credential, onBehalfOf) => {
    sessionStorage.setItem(keyOf, credential.trim());
    if (onBehalfOf.trim()) sessionStorage.setItem(agentOf, onBehalfOf.trim()); else sessionStorage.removeItem(agentOf);
  };
  const signOut = () => { sessionStorage.removeItem(keyOf); sessionStorage.removeItem(agentOf); };
  const onBehalfOf = () => sessionStorage.getItem(agentOf);

  function headers(json) {
    const h = { authorization: "Bearer " + sessionStorage.getItem(keyOf) };
    const agent = onBehalfOf();
    if (agent) h["x-on-behalf-of"] = agent;
    if (json) h["content-type"] = "application/json";
    return h;
  }

  // A refused or failed call: the HTTP status and the reason the gateway gave (its gRPC status message).
  class ApiError extends Error {
    constructor(status, message) { super(message); this.status = status; }
  }

  async function failure(response) {
    let message = response.statusText;
    try {
      const body = await response.json();
      if (body && body.message) message = body.message;
    } catch { /* not JSON: keep the status text */ }
    const what = { 400: "Bad request", 401: "Not signed in", 403: "Refused", 404: "Not found", 409: "Conflict", 503: "Unavailable" }[response.status] || "Error";
    return new ApiError(response.status, `${what} (${response.status}): ${message}`);
  }

  async function call(method, path, body) {
    const response = await fetch(path, { method, headers: headers(body !== undefined), body: body === undefined ? undefined : JSON.stringify(body) });
    if (!response.ok) throw await failure(response);
    return response.json();
  }

  // Server streaming: JSON transcoding writes one message per line as each arrives.
  async function stream(path, signal, onMessage) {
    const response = await fetch(path, { headers: headers(false), signal });
    if (!response.ok) throw await failure(response);
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffered = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffered += decoder.decode(value, { stream: true });
      let newline;
      while ((newline = buffered.indexOf("\n")) >= 0) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        if (line) onMessage(JSON.parse(line));
      }
    }
  }

  const account = id => `/v1/accounts/${encodeURIComponent(id)}`;
  const part = id => encodeURIComponent(id);
  const key = () => crypto.randomUUID();
  return {
    ApiError, signedIn, signIn, signOut, onBehalfOf,
    getAccount: id => call("GET", account(id)),
    getHistory: (id, afterSeq) => call("GET", `${account(id)}/history?afterSeq=${afterSeq || 0}&pageSize=1000`),
    lock: (id, reason, note) => call("POST", `${account(id)}:lock`, { reason, note, idempotencyKey: crypto.randomUUID() }),
    unlockAll: (id, note) => call("POST", `${account(id)}:unlock`, { all: true, note, idempotencyKey: crypto.randomUUID() }),
    approveRequest: (id, requestId, note) => call("POST", `${account(id)}/requests/${part(requestId)}:approve`, { note, idempotencyKey: key() }),
    rejectRequest: (id, requestId, reason) => call("POST", `${account(id)}/requests/${part(requestId)}:reject`, { reason, idempotencyKey: key() }),
    fileAppeal: (id, lockId, statement) => call("POST", `${account(id)}/appeals`, { lockId, statement, idempotencyKey: key() }),
    decideAppeal: (id, appealId, decision, reason) =>
      call("POST", `${account(id)}/appeals/${part(appealId)}:decide`, { decision: "APPEAL_DECISION_" + decision, reason, idempotencyKey: key() }),
    labelAutomaticLock: (id, lockId, label, note) =>
      call("POST", `${account(id)}/automaticLocks/${part(lockId)}:label`, { label: "FEEDBACK_LABEL_" + label, note, idempotencyKey: key() }),
    recordAuditVerdict: (id, actionSeq, verdict, guidelineRef, note) =>
      call("POST", `${account(id)}/audits/${actionSeq}:verdict`, { verdict: "AUDIT_VERDICT_" + verdict, guidelineRef, note, idempotencyKey: key() }),
    // The cross-account queues (ClusterAdmin), oldest first; one page of up to 1000.
    listPendingRequests: () => call("GET", "/v1/queues/requests?pageSize=1000"),
    listOpenAppeals: () => call("GET", "/v1/queues/appeals?pageSize=1000"),
    listAuditQueue: () => call("GET", "/v1/queues/audits?pageSize=1000"),
    // Who the credential is and the operations its role may call (the domain's permission table).
    me: () => call("GET", "/console/me"),
    // The Orleans dashboard's session: an HttpOnly cookie for the dashboard's path, set for an admin; never the key.
    openDashboardSession: () => call("POST", "/console/dashboard-session", {}),
    closeDashboardSession: () => fetch("/console/dashboard-session", { method: "DELETE" }),
    getReport: (from, to, granularity) =>
      call("GET", `/v1/reports?from=${from}T00:00:00Z&to=${to}T00:00:00Z&granularity=${granularity}`),
    watchEvents: (afterPosition, eventTypes, signal, onMessage) => {
      const types = eventTypes.map(t => `&filter.eventTypes=${encodeURIComponent(t)}`).join("");
      return stream(`/v1/events?afterPosition=${afterPosition}${types}`, signal, onMessage);
    },
  };
})();
