'use strict';
// grpc-js against a running silo: the tamper-evident history (ClusterAdmin.VerifyHistory, docs/decisions/0014).
// Usage: node history-chain.js --phase=write  [the account-scenarios.js settings, plus ACCOUNTGRAINS_KEY_AUDITOR]
//          writes a short history, checks VerifyHistory holds for admin and auditor and is refused to the others,
//          and prints "ACCOUNT <id> <last_seq>" for the caller to tamper with the stored events;
//        node history-chain.js --phase=check --account=ID --broken-seq=N --kind=CHAIN_BREAK_KIND_...
//          checks VerifyHistory names that first broken link.
// Prints "PASS: ..." and exits 0, or "FAIL: <why>" and exits 1.
const path = require('path');
const protoLoader = require('@grpc/proto-loader');
const { grpc, settings, Caller, uniqueAccount, loadService } = require('./account-client');

const Code = grpc.status;
const codeName = (code) => Object.keys(Code).find((k) => Code[k] === code) ?? String(code);

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function refused(promise, code, what) {
  try {
    await promise;
  } catch (error) {
    check(error.code === code, `${what}: expected ${codeName(code)}, got ${codeName(error.code)} (${error.details})`);
    return;
  }
  throw new Error(`${what}: expected ${codeName(code)}, but it succeeded`);
}

function loadAdmin() {
  const definition = protoLoader.loadSync('accountgrains/v1/cluster_admin.proto', {
    keepCase: true, longs: String, enums: String, defaults: true, oneofs: true,
    includeDirs: [path.join(__dirname, '..', '..', 'src', 'AccountGrains.Contracts', 'Protos'), path.join(__dirname, 'protos')],
  });
  return grpc.loadPackageDefinition(definition).accountgrains.v1.ClusterAdmin;
}

function args(argv) {
  const found = {};
  for (const arg of argv.slice(2)) {
    const m = /^--([^=]+)=(.*)$/.exec(arg);
    if (m) found[m[1]] = m[2];
  }
  return found;
}

async function main() {
  const { phase, account, 'broken-seq': brokenSeq, kind } = args(process.argv);
  // settings() refuses arguments it does not know: it reads the environment only.
  const config = settings([process.argv[0], process.argv[1]], process.env);
  config.keys.auditor = process.env.ACCOUNTGRAINS_KEY_AUDITOR;
  check(config.keys.auditor, 'missing ACCOUNTGRAINS_KEY_AUDITOR');
  const accounts = new Caller(loadService(), config.address);
  const cluster = new Caller(loadAdmin(), config.address);
  const as = (role) => cluster.as(config, role);
  const verifyAs = (role, account_id) => as(role)('VerifyHistory', { account_id });

  if (phase === 'write') {
    const agent = accounts.as(config, 'agent');
    const platform = accounts.as(config, 'platform');
    const id = uniqueAccount('chain');
    await platform('ReportSignal', { account_id: id, kind: 'SIGNAL_KIND_SUCCESSFUL_LOGIN', device_id: 'phone-1' });
    const lock = await agent('Lock', { account_id: id, reason: 'LOCK_REASON_POLICY_VIOLATION', note: 'spam' });
    await agent('Unlock', { account_id: id, lock_id: lock.lock_id, note: 'cleared' });
    await agent('GrantVerification', { account_id: id, category: 'creator' });
    for (const role of ['admin', 'auditor']) {
      const reply = await verifyAs(role, id);
      check(reply.ok === true && reply.first_broken === null, `${role}: the fresh chain does not hold: ${JSON.stringify(reply)}`);
      check(reply.last_seq === '4' && reply.events === '4' && reply.unhashed_prefix === '0', `${role}: expected 4 hashed events, got ${JSON.stringify(reply)}`);
      check(reply.head_hash.length === 32, `${role}: the head hash is ${reply.head_hash.length} bytes`);
    }
    const unknown = await verifyAs('auditor', uniqueAccount('none'));
    check(unknown.ok === true && unknown.events === '0', 'an unknown account does not verify as empty');
    for (const role of ['platform', 'recovery', 'agent', 'vendor']) {
      await refused(verifyAs(role, id), Code.PERMISSION_DENIED, `${role} calling VerifyHistory`);
    }
    await refused(cluster.call('VerifyHistory', { account_id: id }), Code.UNAUTHENTICATED, 'VerifyHistory without a key');
    await refused(verifyAs('admin', 'not a valid id!'), Code.INVALID_ARGUMENT, 'VerifyHistory of a malformed id');
    console.log(`ACCOUNT ${id} 4`);
    console.log('PASS: the chain holds, and only admin and auditor may check it');
  } else if (phase === 'check') {
    const reply = await verifyAs('auditor', account);
    check(reply.ok === false && reply.first_broken !== null, `the tampered chain verifies: ${JSON.stringify(reply)}`);
    check(reply.first_broken.seq === brokenSeq && reply.first_broken.kind === kind,
      `expected the first broken link at ${brokenSeq} (${kind}), got ${reply.first_broken.seq} (${reply.first_broken.kind})`);
    console.log(`PASS: the first broken link is seq ${brokenSeq} (${kind})`);
  } else {
    throw new Error(`unknown --phase=${phase}`);
  }
  accounts.close();
  cluster.close();
}

const guard = setTimeout(() => { console.error('FAIL: timed out after 60 s'); process.exit(1); }, 60000);
main().then(() => {
  clearTimeout(guard);
  process.exit(0);
}, (error) => {
  clearTimeout(guard);
  console.error(`FAIL: ${error.message}`);
  process.exit(1);
});
