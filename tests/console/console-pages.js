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
const expected = JSON.parse(env("EXPECTED_REPORT"));

async function signIn(page, key, agent) {
  await page.goto(`${base}/console/`);
  await page.fill("#credential", key);
  if (agent) await page.fill("#on-behalf-of", agent);
  await page.click("#sign-in-form button");
  await page.waitForSelector("#account-form");
  assert.ok(!page.url().includes(key), "the credential must never be in a URL");
}

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

    // Trends: the chart's numbers are the report's.
    await page.goto(`${base}/console/#/trends`);
    await page.waitForSelector("#chart-locks-reason svg");
    const drawn = await page.$$eval("#chart-locks-reason rect[data-series]", rects =>
      rects.reduce((sums, r) => { sums[r.dataset.series] = (sums[r.dataset.series] || 0) + Number(r.dataset.value); return sums; }, {}));
    assert.deepEqual(drawn, expected.locksPerReason);
    const automatic = await page.$$eval("#chart-locks-automatic rect[data-series]", rects =>
      rects.reduce((sums, r) => { sums[r.dataset.series] = (sums[r.dataset.series] || 0) + Number(r.dataset.value); return sums; }, {}));
    assert.deepEqual(automatic, expected.automaticVsManual);
    assert.ok((await page.textContent("#recovery-funnel")).includes("EMAIL"));
    await noRecoveryCode(page, "Trends");
    await page.screenshot({ path: path.join(shots, "trends.png"), fullPage: true });
    console.log("PASS: trends page");

    await page.goto(`${base}/console/#/queues`);
    await page.waitForSelector("#queues-placeholder");
    await page.screenshot({ path: path.join(shots, "queues.png"), fullPage: true });
    console.log("PASS: queues page");

    // Agent: locks a fresh account from the Account page; the Live page shows the event.
    await page.click("#sign-out");
    await signIn(page, env("KEY_AGENT"), "agent-7");
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
    console.log(`PASS: vendor refused (${refusal})`);

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
