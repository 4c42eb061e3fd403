'use strict';
// What every grpc-js scenario script checks with: status names, assertions, refusals and bounded waits.
const { grpc } = require('./account-client');

const Code = grpc.status;
const codeName = (code) => Object.keys(Code).find((k) => Code[k] === code) ?? String(code);
const check = (condition, message) => { if (!condition) throw new Error(message); };
const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

async function refused(promise, code, what) {
  try {
    await promise;
  } catch (error) {
    check(error.code === code, `${what}: expected ${codeName(code)}, got ${codeName(error.code)} (${error.details})`);
    return error;
  }
  throw new Error(`${what}: expected ${codeName(code)}, but it succeeded`);
}

async function eventually(what, probe, timeoutMs = 30000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(100);
  }
}

// Runs the scenarios in order, printing "ok - <name>" for each; the first failure prints "FAIL: <name>: <why>", calls
// close and exits 1. All passed: close, print `pass`, exit 0.
async function runAll(scenarios, close, pass) {
  for (const [name, scenario] of Object.entries(scenarios)) {
    try {
      await scenario();
      console.log(`ok - ${name}`);
    } catch (error) {
      console.log(`FAIL: ${name}: ${error.message}`);
      close();
      process.exit(1);
    }
  }

  close();
  console.log(pass);
  process.exit(0);
}

module.exports = { Code, codeName, check, sleep, refused, eventually, runAll };
