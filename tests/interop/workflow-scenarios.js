'use strict';
// Issue 13's integrity workflows from grpc-js against a running silo: dual control (request, the four-eyes rule, a
// vendor never approving, rejection, the lapse by the durable timer), appeals (one open per lock, overturned lifts
// exactly its lock) and feedback labels on automatic locks (once, agents only; GetReport's false-positive rate),
// each with its refusals; every new event in history and on WatchEvents.
// Usage: the settings of account-scenarios.js (ACCOUNTGRAINS_ADDRESS, ACCOUNTGRAINS_KEY_<ROLE>, ACCOUNTGRAINS_NAME_<ROLE>),
// plus ACCOUNTGRAINS_REQUEST_SECONDS: the silo's AccountGrains__DualControl__RequestLifetime in seconds (the lapse is
// awaited in real time, so the silo under test runs with a short one).
// Prints "ok - <scenario>" per scenario and "PASS: every workflow scenario", or "FAIL: <scenario>: <why>" and exits 1.
const path = require('path');
const protoLoader = require('@grpc/proto-loader');
const { grpc, loadService, settings, Caller, uniqueAccount } = require('./account-client');

const { Code, check, refused, eventually, runAll } = require('./scenario-support');

function clusterAdmin(address, key) {
  const definition = protoLoader.loadSync('accountgrains/v1/cluster_admin.proto', {
    keepCase: true, longs: String, enums: String, defaults: true, oneofs: true,
    includeDirs: [path.join(__dirname, '..', '..', 'src', 'AccountGrains.Contracts', 'Protos'), path.join(__dirname, 'protos')],
  });
  const client = new (grpc.loadPackageDefinition(definition).accountgrains.v1.ClusterAdmin)(address, grpc.credentials.createInsecure());
  const md = new grpc.Metadata();
  md.add('authorization', `Bearer ${key}`);
  return {
    report: (request) => new Promise((resolve, reject) => {
      client.GetReport(request, md, { deadline: Date.now() + 5000 }, (e, r) => (e ? reject(e) : resolve(r)));
    }),
    close: () => client.close(),
  };
}

async function main() {
  const config = settings(process.argv, process.env);
  const requestSeconds = Number(process.env.ACCOUNTGRAINS_REQUEST_SECONDS ?? '86400');
  const caller = new Caller(loadService(), config.address);
  const platform = caller.as(config, 'platform');
  const agent = caller.as(config, 'agent'); // agent-7
  const agent8 = caller.as(config, 'agent', 'agent-8');
  const vendor = caller.as(config, 'vendor');
  const admin = caller.as(config, 'admin');
  const history = async (account_id) => (await admin('GetHistory', { account_id, page_size: 1000 })).events;
  const types = async (id) => (await history(id)).map((e) => e.type);
  const accounts = [];
  const newAccount = (label) => { const id = uniqueAccount(label); accounts.push(id); return id; };

  const scenarios = {
    async 'dual control: an IMPERSONATION unlock waits for a second agent; not oneself, not a vendor'() {
      const id = newAccount('dc');
      const lock = await agent('Lock', { account_id: id, reason: 'LOCK_REASON_IMPERSONATION' });
      const unlock = await agent('Unlock', { account_id: id, lock_id: lock.lock_id, note: 'ID checked' });
      const pending = unlock.pending_request;
      check(pending && pending.request_id.startsWith('request-'), `no pending request: ${JSON.stringify(unlock)}`);
      check(pending.action === 'DUAL_CONTROL_ACTION_UNLOCK' && pending.requested_by === agent.actor && pending.reason === 'ID checked', `request ${JSON.stringify(pending)}`);
      check(pending.lock_ids.join() === lock.lock_id, `request lock ids ${pending.lock_ids}`);
      const life = Number(pending.expires_at.seconds) - Number(pending.requested_at.seconds);
      check(Math.abs(life - requestSeconds) <= 1, `the request lives ${life} s, not the configured ${requestSeconds} s`);
      check(unlock.account.status === 'ACCOUNT_STATUS_LOCKED', 'the unlock acted before approval');
      const seen = await platform('GetAccount', { account_id: id });
      check(seen.pending_requests.map((r) => r.request_id).join() === pending.request_id, 'GetAccount does not show the pending request');
      check((await platform('Verify', { account_id: id, action: 'ACTION_LOGIN' })).decision === 'DECISION_DENY', 'Verify allowed before approval');

      await refused(agent('ApproveRequest', { account_id: id, request_id: pending.request_id }), Code.PERMISSION_DENIED, 'approving one\'s own request');
      await refused(agent('RejectRequest', { account_id: id, request_id: pending.request_id }), Code.PERMISSION_DENIED, 'rejecting one\'s own request');
      await refused(vendor('ApproveRequest', { account_id: id, request_id: pending.request_id }), Code.PERMISSION_DENIED, 'a vendor approving');
      await refused(platform('ApproveRequest', { account_id: id, request_id: pending.request_id }), Code.PERMISSION_DENIED, 'a platform service approving');
      await refused(agent8('ApproveRequest', { account_id: id, request_id: '' }), Code.INVALID_ARGUMENT, 'approving without a request id');
      await refused(agent8('ApproveRequest', { account_id: id, request_id: 'request-999' }), Code.NOT_FOUND, 'approving an unknown request');

      const approved = await agent8('ApproveRequest', { account_id: id, request_id: pending.request_id, note: 'second look' });
      check(approved.approved === true && approved.lifted_lock_ids.join() === lock.lock_id, `approval ${JSON.stringify(approved)}`);
      check(approved.account.status === 'ACCOUNT_STATUS_ACTIVE' && approved.account.pending_requests.length === 0, 'the approval did not unlock');
      await refused(admin('ApproveRequest', { account_id: id, request_id: pending.request_id }), Code.NOT_FOUND, 'approving twice');
      const events = await history(id);
      check(events.map((e) => e.type).join() === 'LockPlaced,DualControlRequested,DualControlApproved,LockLifted', `history ${events.map((e) => e.type)}`);
      check(events.find((e) => e.type === 'DualControlApproved').actor === agent8.actor, 'the approval is not by the approver');
      check(events.find((e) => e.type === 'LockLifted').actor === agent8.actor, 'the lift is not by the approver');
    },

    async 'dual control: a high-profile badge revocation can be rejected; a vendor may ask for a DECEPTIVE_IDENTITY lift'() {
      const id = newAccount('dc-badge');
      await admin('SetHighProfile', { account_id: id, high_profile: true });
      await agent('GrantVerification', { account_id: id, category: 'journalist' });
      const revoke = await agent('RevokeVerification', { account_id: id, reason: 'impersonation report' });
      check(revoke.pending_request && revoke.pending_request.action === 'DUAL_CONTROL_ACTION_REVOKE_VERIFICATION', 'no revocation request');
      check(revoke.account.badge.state === 'BADGE_STATE_VERIFIED', 'the badge was revoked before approval');
      const rejected = await agent8('RejectRequest', { account_id: id, request_id: revoke.pending_request.request_id, reason: 'no evidence' });
      check(rejected.approved === false && rejected.account.badge.state === 'BADGE_STATE_VERIFIED', 'the rejection revoked the badge');
      check((await types(id)).includes('DualControlRejected'), 'history lacks DualControlRejected');

      const other = newAccount('dc-vendor');
      const lock = await agent('Lock', { account_id: other, reason: 'LOCK_REASON_DECEPTIVE_IDENTITY' });
      const asked = await vendor('Unlock', { account_id: other, lock_id: lock.lock_id });
      check(asked.pending_request && asked.pending_request.requested_by === vendor.actor, 'a vendor could not ask');
      const approved = await admin('ApproveRequest', { account_id: other, request_id: asked.pending_request.request_id });
      check(approved.lifted_lock_ids.join() === lock.lock_id, 'the admin approval did not lift');
    },

    async 'dual control: an unanswered request lapses by the durable timer and can then not be approved'() {
      const id = newAccount('dc-lapse');
      await admin('SetHighProfile', { account_id: id, high_profile: true });
      const lock = await agent('Lock', { account_id: id, reason: 'LOCK_REASON_COMPROMISED' });
      const asked = await agent('Unlock', { account_id: id, lock_id: lock.lock_id });
      check(asked.pending_request, 'a high-profile unlock opened no request');
      await eventually('DualControlLapsed in history', async () => (await types(id)).includes('DualControlLapsed'), (requestSeconds + 15) * 1000);
      await refused(agent8('ApproveRequest', { account_id: id, request_id: asked.pending_request.request_id }), Code.NOT_FOUND, 'approving a lapsed request');
      const account = await platform('GetAccount', { account_id: id });
      check(account.status === 'ACCOUNT_STATUS_LOCKED' && account.pending_requests.length === 0, 'the lapse lifted the lock or left the request');
    },

    async 'appeals: one open appeal per lock; overturned lifts exactly that lock; upheld keeps it'() {
      const id = newAccount('appeal');
      const other = await agent('Lock', { account_id: id, reason: 'LOCK_REASON_COMPROMISED' });
      const contested = await agent('Lock', { account_id: id, reason: 'LOCK_REASON_POLICY_VIOLATION' });
      await refused(agent('FileAppeal', { account_id: id, lock_id: contested.lock_id, statement: 's' }), Code.PERMISSION_DENIED, 'an agent filing an appeal');
      await refused(platform('FileAppeal', { account_id: id, lock_id: contested.lock_id, statement: '' }), Code.INVALID_ARGUMENT, 'an appeal without a statement');
      await refused(platform('FileAppeal', { account_id: id, lock_id: 'lock-999', statement: 's' }), Code.NOT_FOUND, 'an appeal on no lock');
      const filed = await platform('FileAppeal', { account_id: id, lock_id: contested.lock_id, statement: 'I did not post that' });
      check(filed.appeal.appeal_id.startsWith('appeal-') && filed.appeal.lock_id === contested.lock_id, `appeal ${JSON.stringify(filed.appeal)}`);
      check((await agent('GetAccount', { account_id: id })).open_appeals.map((a) => a.statement).join() === 'I did not post that', 'GetAccount does not show the appeal');
      await refused(platform('FileAppeal', { account_id: id, lock_id: contested.lock_id, statement: 'again' }), Code.FAILED_PRECONDITION, 'a second open appeal on the lock');
      const decide = { account_id: id, appeal_id: filed.appeal.appeal_id, decision: 'APPEAL_DECISION_OVERTURNED', reason: 'mistaken identity' };
      await refused(vendor('DecideAppeal', decide), Code.PERMISSION_DENIED, 'a vendor deciding');
      await refused(platform('DecideAppeal', decide), Code.PERMISSION_DENIED, 'a platform service deciding');
      await refused(agent('DecideAppeal', { ...decide, decision: 'APPEAL_DECISION_UNSPECIFIED' }), Code.INVALID_ARGUMENT, 'an unspecified decision');
      await refused(agent('DecideAppeal', { ...decide, reason: '' }), Code.INVALID_ARGUMENT, 'a decision without a reason');
      const decided = await agent('DecideAppeal', decide);
      check(decided.lifted_lock_ids.join() === contested.lock_id, `overturn lifted ${decided.lifted_lock_ids}`);
      check(decided.account.locks.map((l) => l.lock_id).join() === other.lock_id, 'the overturn touched another lock');
      await refused(agent('DecideAppeal', decide), Code.NOT_FOUND, 'deciding twice');

      const upheld = await platform('FileAppeal', { account_id: id, lock_id: other.lock_id, statement: 'please' });
      const kept = await agent('DecideAppeal', { account_id: id, appeal_id: upheld.appeal.appeal_id, decision: 'APPEAL_DECISION_UPHELD', reason: 'evidence' });
      check(kept.lifted_lock_ids.length === 0 && kept.account.status === 'ACCOUNT_STATUS_LOCKED', 'an upheld appeal lifted the lock');
      const t = await types(id);
      check(t.filter((x) => x === 'AppealFiled').length === 2 && t.filter((x) => x === 'AppealDecided').length === 2, `history ${t}`);
    },

    async 'feedback labels: agents label an automatic lock once; GetReport shows the false-positive rate'() {
      const ids = [newAccount('label-fp'), newAccount('label-cc')];
      const locks = [];
      for (const id of ids) {
        let lockId = '';
        for (let i = 0; i < 10; i += 1) {
          const r = await platform('ReportSignal', { account_id: id, kind: 'SIGNAL_KIND_FAILED_LOGIN' });
          lockId = r.account.locks.find((l) => l.reason === 'LOCK_REASON_BRUTE_FORCE')?.lock_id ?? lockId;
        }
        check(lockId, 'ten failed logins placed no BRUTE_FORCE lock');
        locks.push(lockId);
      }
      const account = await agent('GetAccount', { account_id: ids[0] });
      check(account.automatic_locks.map((a) => `${a.lock_id}:${a.rule}:${a.label}`).join() === `${locks[0]}:LOCK_REASON_BRUTE_FORCE:FEEDBACK_LABEL_UNSPECIFIED`, `automatic locks ${JSON.stringify(account.automatic_locks)}`);
      const manual = await agent('Lock', { account_id: ids[0], reason: 'LOCK_REASON_COMPROMISED' });
      await refused(vendor('LabelAutomaticLock', { account_id: ids[0], lock_id: locks[0], label: 'FEEDBACK_LABEL_FALSE_POSITIVE' }), Code.PERMISSION_DENIED, 'a vendor labelling');
      await refused(platform('LabelAutomaticLock', { account_id: ids[0], lock_id: locks[0], label: 'FEEDBACK_LABEL_FALSE_POSITIVE' }), Code.PERMISSION_DENIED, 'a platform service labelling');
      await refused(agent('LabelAutomaticLock', { account_id: ids[0], lock_id: manual.lock_id, label: 'FEEDBACK_LABEL_FALSE_POSITIVE' }), Code.NOT_FOUND, 'labelling a manual lock');
      await refused(agent('LabelAutomaticLock', { account_id: ids[0], lock_id: locks[0], label: 'FEEDBACK_LABEL_UNSPECIFIED' }), Code.INVALID_ARGUMENT, 'an unspecified label');
      const labelled = await agent('LabelAutomaticLock', { account_id: ids[0], lock_id: locks[0], label: 'FEEDBACK_LABEL_FALSE_POSITIVE', note: 'owner typo' });
      check(labelled.rule === 'LOCK_REASON_BRUTE_FORCE' && labelled.label === 'FEEDBACK_LABEL_FALSE_POSITIVE', `label ${JSON.stringify(labelled)}`);
      await refused(agent8('LabelAutomaticLock', { account_id: ids[0], lock_id: locks[0], label: 'FEEDBACK_LABEL_CONFIRMED_COMPROMISE' }), Code.FAILED_PRECONDITION, 'labelling twice');
      await agent8('LabelAutomaticLock', { account_id: ids[1], lock_id: locks[1], label: 'FEEDBACK_LABEL_CONFIRMED_COMPROMISE' });
      check((await types(ids[0])).includes('AutomaticLockLabelled'), 'history lacks AutomaticLockLabelled');

      const reports = clusterAdmin(config.address, config.keys.admin);
      try {
        const now = Math.floor(Date.now() / 1000);
        const request = { from: { seconds: String(now - 86400) }, to: { seconds: String(now + 86400) }, granularity: 'REPORT_GRANULARITY_TOTAL' };
        const rule = await eventually('the report\'s BRUTE_FORCE feedback', async () => {
          const found = (await reports.report(request)).periods[0].automatic_rules.find((r) => r.rule === 'LOCK_REASON_BRUTE_FORCE');
          return found && Number(found.labelled) === 2 ? found : undefined;
        });
        check(Number(rule.locks_placed) === 2 && Number(rule.false_positive) === 1 && Number(rule.confirmed_compromise) === 1, `report ${JSON.stringify(rule)}`);
        check(Math.abs(rule.false_positive_rate - 0.5) < 1e-9, `false-positive rate ${rule.false_positive_rate}`);
      } finally {
        reports.close();
      }
    },

    async 'every workflow event is on WatchEvents'() {
      const wanted = ['DualControlRequested', 'DualControlApproved', 'DualControlRejected', 'DualControlLapsed', 'AppealFiled', 'AppealDecided', 'AutomaticLockLabelled'];
      const md = new grpc.Metadata();
      md.add('authorization', `Bearer ${config.keys.admin}`);
      const call = caller.client.WatchEvents({ after_position: '0', filter: { event_types: wanted, account_ids: accounts } }, md);
      const seen = new Set();
      try {
        await new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`WatchEvents brought only ${[...seen]}`)), 20000);
          call.on('data', (e) => {
            check(accounts.includes(e.account_id), `an event of another account ${e.account_id}`);
            seen.add(e.type);
            if (wanted.every((t) => seen.has(t))) { clearTimeout(timer); resolve(); }
          });
          call.on('error', (e) => { if (e.code !== Code.CANCELLED) { clearTimeout(timer); reject(e); } });
        });
      } finally {
        call.cancel();
      }
    },
  };

  await runAll(scenarios, () => caller.close(), 'PASS: every workflow scenario');
}

main().catch((error) => { console.log(`FAIL: ${error.stack}`); process.exit(1); });
