// Drives the operations console in a real headless browser (Debian's chromium through playwright-core) against a
// silo process the .NET test started and filled through gRPC. Prints PASS lines; exits non-zero on the first failure.
"use strict";
const assert = require("node:assert/strict");
const path = require("node:path");
const { chromium } = require("playwright-core");

const env = name => { const v = process.env[name]; if (!v) throw new Error(`${name} is not set`); return v; };
const base = env("CONSOLE_URL");
const shots = env("CONSOLE_SCREENSHOTS");
const code = env("RECOVERY_CODE");
const lockedAccount = env("LOCKED_ACCOUNT");
const freshAccount = env("FRESH_ACCOUNT");
const highProfileAccount = env("HIGH_PROFILE_ACCOUNT");
const dualAccount = env("DUAL_ACCOUNT");
const appealAccount = env("APPEAL_ACCOUNT");
const bruteAccount = env("BRUTE_ACCOUNT");
const auditAccount = env("AUDIT_ACCOUNT");
const expected = JSON.parse(env("EXPECTED_REPORT"));

async function signIn(page, key, agent) {
  await page.goto(`${base}/console/`);
  await page.fill("#credential", key);
  if (agent) await page.fill("#on-behalf-of", agent);
  await page.click("#sign-in-form button");
  await page.waitForSelector("#account-form");
  assert.ok(!page.url().includes(key), "the credential must never be in a URL");
}

// What a rates chart drew: per series, per period label, the rate.
const drawnRates = (page, chart) => page.$$eval(`${chart} rect[data-series]`, rects =>
  rects.reduce((all, r) => { (all[r.dataset.series] ||= {})[r.dataset.label] = Number(r.dataset.value); return all; }, {}));

// The queues come from the reporting projection, which follows the log within moments: reload until it shows.
async function eventually(page, condition, what) {
  for (let attempt = 0; attempt < 120; attempt++) {
    if (await condition()) return;
    await page.reload();
    await page.waitForSelector("#page h1");
    await page.waitForLoadState("networkidle");
  }
  throw new Error(`never: ${what}`);
}

// The sums per series of what a chart drew (its rects carry their numbers).
const drawnSums = (page, chart) => page.$$eval(`${chart} rect[data-series]`, rects =>
  rects.reduce((sums, r) => { sums[r.dataset.series] = (sums[r.dataset.series] || 0) + Number(r.dataset.value); return sums; }, {}));

async function refusalShown(page) {
  await page.waitForSelector("#error:not([hidden])");
  return page.textContent("#error");
}

const dashboardCookie = async context => (await context.cookies()).find(c => c.name === "AccountGrains.Dashboard");

async function noRecoveryCode(page, where) {
  const text = await page.evaluate(() => document.documentElement.outerHTML);
  assert.ok(!text.includes(code), `${where} shows the recovery code`);
}

async function main() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox"] });
  try {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();

    // Admin: the account with a lock and an open recovery attempt renders its posture and timeline, never the code.
    await signIn(page, env("KEY_ADMIN"));
    await page.goto(`${base}/console/#/account/${lockedAccount}`);
    await page.waitForSelector("#timeline li");
    assert.equal(await page.textContent("#account-status"), "LOCKED");
    assert.ok((await page.textContent("#timeline")).includes("LockPlaced"));
    assert.ok((await page.textContent("#posture")).includes("open via EMAIL"));
    await noRecoveryCode(page, "Account");
    await page.screenshot({ path: path.join(shots, "account.png"), fullPage: true });
    console.log("PASS: account page");

    // Trends: the charts' numbers are the report's.
    await page.goto(`${base}/console/#/trends`);
    await page.waitForSelector("#chart-locks-reason svg");
    assert.deepEqual(await drawnSums(page, "#chart-locks-reason"), expected.locksPerReason);
    assert.deepEqual(await drawnSums(page, "#chart-locks-automatic"), expected.automaticVsManual);
    const rates = await drawnRates(page, "#chart-false-positive-rate");
    assert.deepEqual(rates, expected.falsePositiveRate);
    assert.deepEqual(await drawnRates(page, "#chart-agent-quality"), expected.agentQuality);
    assert.deepEqual(await drawnRates(page, "#chart-vendor-quality"), expected.vendorQuality);
    assert.ok(Object.keys(expected.agentQuality).length > 0 && Object.keys(expected.vendorQuality).length > 0);
    assert.ok((await page.textContent("#automatic-rules")).includes("50.0%"));
    assert.ok((await page.textContent("#recovery-funnel")).includes("EMAIL"));
    await noRecoveryCode(page, "Trends");
    await page.screenshot({ path: path.join(shots, "trends.png"), fullPage: true });
    console.log(`PASS: trends page (false-positive rate ${JSON.stringify(rates)})`);

    // The Orleans dashboard: the link opens a session cookie (HttpOnly, SameSite=Strict, not the key) and the dashboard.
    assert.equal(await dashboardCookie(context), undefined);
    assert.equal((await context.request.get(`${base}/dashboard/`)).status(), 401);
    const dashboardCalls = [];
    const recordCall = r => { if (new URL(r.url()).pathname.startsWith("/dashboard/")) dashboardCalls.push(r); };
    context.on("response", recordCall);
    const [dashboard] = await Promise.all([context.waitForEvent("page"), page.click("#dashboard-link")]);
    await dashboard.waitForURL(/\/dashboard\/$/);
    await dashboard.waitForLoadState("load");
    const cookie = await dashboardCookie(context);
    assert.ok(cookie, "no dashboard session cookie");
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, "Strict");
    assert.equal(cookie.path, "/dashboard");
    assert.ok(!cookie.value.includes(env("KEY_ADMIN")), "the cookie holds the key");
    assert.equal((await context.request.get(`${base}/dashboard/`)).status(), 200);
    assert.ok(!dashboard.url().includes(env("KEY_ADMIN")), "the credential must never be in a URL");
    assert.equal(await dashboard.evaluate(() => window.opener), null);
    // The dashboard's own data calls (same path, so the cookie goes with them) are answered too.
    await dashboard.waitForFunction(() => !document.body.innerText.includes("Loading..."), null, { timeout: 60000 });
    context.off("response", recordCall);
    assert.ok(dashboardCalls.some(r => r.status() === 200 && (r.headers()["content-type"] || "").includes("json")), "no dashboard data call answered");
    assert.deepEqual(dashboardCalls.filter(r => r.status() === 401 || r.status() === 403).map(r => r.url()), []);
    await dashboard.screenshot({ path: path.join(shots, "dashboard.png") });
    await dashboard.close();
    console.log("PASS: admin opens the Orleans dashboard");

    // Signing out ends the dashboard session too.
    await Promise.all([
      page.waitForResponse(r => r.url().endsWith("/console/dashboard-session") && r.request().method() === "DELETE"),
      page.click("#sign-out")]);
    assert.equal(await dashboardCookie(context), undefined);
    assert.equal((await context.request.get(`${base}/dashboard/`)).status(), 401);

    // Agent: refused the dashboard; locks a fresh account from the Account page; the Live page shows the event.
    await signIn(page, env("KEY_AGENT"), "agent-7");
    await page.click("#dashboard-link");
    const noDashboard = await refusalShown(page);
    assert.match(noDashboard, /^Refused \(403\)/);
    assert.equal(await dashboardCookie(context), undefined);
    assert.equal(context.pages().length, 1, "a refused dashboard leaves no tab open");
    await page.goto(`${base}/console/#/account/${freshAccount}`);
    await page.waitForSelector("#lock-form");
    assert.equal(await page.textContent("#account-status"), "ACTIVE");
    await page.selectOption("#lock-reason", "SUSPICIOUS_ACTIVITY");
    await page.fill("#lock-note", "seen from the console");
    await page.click("#lock-button");
    await page.waitForFunction(() => document.getElementById("account-status")?.textContent === "LOCKED");
    assert.ok((await page.textContent("#locks")).includes("agent-svc/agent-7"));
    await page.goto(`${base}/console/#/live`);
    await page.waitForSelector(`#live-events tr[data-account="${freshAccount}"][data-type="LockPlaced"]`);
    await noRecoveryCode(page, "Live");
    await page.screenshot({ path: path.join(shots, "live.png"), fullPage: true });
    console.log("PASS: agent locks from the account page, live shows it");

    // Agent-7 asks to unlock a high-profile account: a dual-control request, which agent-7 may not approve.
    await page.goto(`${base}/console/#/account/${dualAccount}`);
    await page.waitForSelector("#unlock-form");
    await page.fill("#unlock-note", "owner called");
    await page.click("#unlock-button");
    await page.waitForSelector("#pending-requests tr[data-request]");
    const requestId = await page.getAttribute("#pending-requests tr[data-request]", "data-request");
    assert.ok((await page.textContent("#pending-requests")).includes("agent-svc/agent-7"));
    await page.click(`#approve-${requestId}`);
    const own = await refusalShown(page);
    assert.match(own, /^Refused \(403\): .*their own request/);
    assert.equal(await page.textContent("#account-status"), "LOCKED");
    await page.screenshot({ path: path.join(shots, "own-request-refused.png"), fullPage: true });
    console.log(`PASS: agent refused approving its own request (${own})`);

    // Agent-7 labels an automatic lock.
    await page.goto(`${base}/console/#/account/${bruteAccount}`);
    await page.waitForSelector("#automatic-locks tr[data-label='UNSPECIFIED']");
    const automaticLock = await page.getAttribute("#automatic-locks tr[data-lock]", "data-lock");
    await page.click(`#label-fp-${automaticLock}`);
    await page.waitForSelector(`#automatic-locks tr[data-lock='${automaticLock}'][data-label='FALSE_POSITIVE']`);
    console.log("PASS: agent labels an automatic lock");

    // A platform service files the owner's appeal (it may not read history nor decide).
    await page.click("#sign-out");
    await signIn(page, env("KEY_PLATFORM"));
    await page.goto(`${base}/console/#/account/${appealAccount}`);
    await page.waitForSelector("#locks tr[data-lock] input");
    assert.equal(await page.$("#timeline"), null);
    assert.equal(await page.$("#unlock-form"), null);
    await page.fill("#locks tr[data-lock] input", "I only posted once, it was not spam");
    await page.click("#locks tr[data-lock] button");
    await page.waitForSelector("#open-appeals tr[data-appeal]");
    assert.equal(await page.$("#open-appeals button"), null, "a platform service may not decide an appeal");
    console.log("PASS: platform files an appeal");

    // Admin: the Queues page lists the request, the appeal and the sampled actions across accounts.
    await page.click("#sign-out");
    await signIn(page, env("KEY_ADMIN"));
    await page.goto(`${base}/console/#/queues`);
    await eventually(page, async () => await page.$(`#queue-requests tr[data-account="${dualAccount}"]`) && await page.$(`#queue-appeals tr[data-account="${appealAccount}"]`)
      && await page.$(`#queue-audits tr[data-account="${auditAccount}"]`), "the queues show the request, the appeal and the sampled action");
    assert.ok((await page.textContent("#queue-requests")).includes("agent-svc/agent-7"));
    await noRecoveryCode(page, "Queues");
    await page.screenshot({ path: path.join(shots, "queues.png"), fullPage: true });
    console.log("PASS: queues page (admin)");

    // Agent-8: overturns the appeal and approves agent-7's request; both accounts are active again.
    await page.click("#sign-out");
    await signIn(page, env("KEY_AGENT"), "agent-8");
    await page.goto(`${base}/console/#/account/${appealAccount}`);
    await page.waitForSelector("#open-appeals tr[data-appeal]");
    const appealId = await page.getAttribute("#open-appeals tr[data-appeal]", "data-appeal");
    await page.fill(`#decide-reason-${appealId}`, "one post, not spam");
    await noRecoveryCode(page, "Account (appeal)");
    await page.screenshot({ path: path.join(shots, "account-appeal.png"), fullPage: true });
    await page.click(`#overturn-${appealId}`);
    await page.waitForFunction(() => document.getElementById("account-status")?.textContent === "ACTIVE");
    assert.ok((await page.textContent("#timeline")).includes("AppealDecided"));
    await page.goto(`${base}/console/#/account/${dualAccount}`);
    await page.waitForSelector(`#approve-${requestId}`);
    await page.screenshot({ path: path.join(shots, "account-dual-control.png"), fullPage: true });
    await page.fill(`#answer-note-${requestId}`, "checked with the owner");
    await page.click(`#approve-${requestId}`);
    await page.waitForFunction(() => document.getElementById("account-status")?.textContent === "ACTIVE");
    assert.equal(await page.$("#pending-requests"), null);
    console.log("PASS: another agent decides the appeal and approves the request");

    // Auditor: records a verdict from the audit queue (it may not list requests or appeals); the item leaves the queue.
    await page.click("#sign-out");
    await signIn(page, env("KEY_AUDITOR"));
    await page.goto(`${base}/console/#/queues`);
    const auditRow = `#queue-audits tr[data-account="${auditAccount}"]`;
    await eventually(page, () => page.$(auditRow), "the audit queue shows the sampled action");
    assert.ok(await page.$("#no-ListPendingRequests") && await page.$("#no-ListOpenAppeals"));
    assert.equal(await page.getAttribute(auditRow, "data-actor"), "agent-svc/agent-7");
    await page.fill(`${auditRow} input[id^="audit-ref-"]`, "G-4.2 policy locks need a note");
    await page.click(`${auditRow} button.correct`);
    await page.waitForLoadState("networkidle");
    assert.ok(!(await page.isVisible("#error")), await page.textContent("#error"));
    await eventually(page, async () => !(await page.$(auditRow)), "the verdict takes the action off the queue");
    await noRecoveryCode(page, "Queues (auditor)");
    console.log("PASS: auditor records a verdict from the audit queue");

    // Vendor: refused an unlock of a high-profile account, with the gateway's reason; refused the reports.
    await page.click("#sign-out");
    await signIn(page, env("KEY_VENDOR"), "vendor-7");
    await page.goto(`${base}/console/#/account/${highProfileAccount}`);
    await page.waitForSelector("#unlock-form");
    await page.click("#unlock-button");
    await page.waitForSelector("#error:not([hidden])");
    const refusal = await page.textContent("#error");
    assert.match(refusal, /^Refused \(403\): .*high-profile/);
    assert.equal(await page.textContent("#account-status"), "LOCKED");
    await page.screenshot({ path: path.join(shots, "vendor-refused.png"), fullPage: true });
    await page.goto(`${base}/console/#/trends`);
    await page.waitForFunction(() => /Refused \(403\)/.test(document.getElementById("error")?.textContent || ""));
    // The Queues page offers a vendor no queue, and the API refuses it the audit queue.
    await page.goto(`${base}/console/#/queues`);
    await page.waitForSelector("#no-ListAuditQueue");
    const vendorAudits = await page.evaluate(() => Api.listAuditQueue().then(() => "listed", e => e.message));
    assert.match(vendorAudits, /^Refused \(403\): .*'vendor'/);
    console.log(`PASS: vendor refused (${refusal}; audit queue: ${vendorAudits})`);

    // Signed out: the credential is gone from the session.
    await page.click("#sign-out");
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);
    await page.screenshot({ path: path.join(shots, "sign-in.png") });
    console.log("PASS: every page");
  } finally {
    await browser.close();
  }
}

main().catch(error => { console.error(error); process.exit(1); });
