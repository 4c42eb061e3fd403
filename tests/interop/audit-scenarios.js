'use strict';
// Quality audits and the cross-account queues from grpc-js against a running silo: a vendor's lock is sampled into
// ClusterAdmin.ListAuditQueue, an auditor records a verdict (AccountIntegrity.RecordAuditVerdict) once, the verdict is
// in history and on WatchEvents, the item leaves the queue and GetReport shows the quality; the open dual-control
// requests and appeals queues; and the refusals (a vendor never sees the audit queue, nobody reviews their own
// action, an unknown action is NOT_FOUND, an unsampled one FAILED_PRECONDITION, bad arguments INVALID_ARGUMENT).
// Usage: the settings of account-scenarios.js, plus ACCOUNTGRAINS_OWN_TOKEN: an auditor JWT whose subject is agent-7
// (the agent key's agent). The silo samples every agent and vendor lock (AccountGrains__Audits__ActionShares__*).
// Prints "ok - <scenario>" per scenario and "PASS: every audit scenario", or "FAIL: <scenario>: <why>" and exits 1.
const path = require('path');
const protoLoader = require('@grpc/proto-loader');
const { grpc, loadService, settings, Caller, uniqueAccount } = require('./account-client');

const { Code, check, refused, eventually, runAll } = require('./scenario-support');

function clusterAdmin(address) {
  const definition = protoLoader.loadSync('accountgrains/v1/cluster_admin.proto', {
    keepCase: true, longs: String, enums: String, defaults: true, oneofs: true,
    includeDirs: [path.join(__dirname, '..', '..', 'src', 'AccountGrains.Contracts', 'Protos'), path.join(__dirname, 'protos')],
  });
  const client = new (grpc.loadPackageDefinition(definition).accountgrains.v1.ClusterAdmin)(address, grpc.credentials.createInsecure());
  const as = (key, onBehalfOf) => (method, request) => new Promise((resolve, reject) => {
    const md = new grpc.Metadata();
    md.add('authorization', `Bearer ${key}`);
    if (onBehalfOf) md.add('x-on-behalf-of', onBehalfOf);
    client[method](request, md, { deadline: Date.now() + 5000 }, (e, r) => (e ? reject(e) : resolve(r)));
  });
  return { as, close: () => client.close() };
}

// Every item of a queue, following next_page_token with small pages.
async function listAll(call, method, field) {
  const items = [];
  let page_token = '';
  do {
    const page = await call(method, { page_size: 2, page_token });
    items.push(...page[field]);
    page_token = page.next_page_token;
  } while (page_token !== '');
  return items;
}

async function main() {
  const config = settings(process.argv, process.env);
  // account-client.js knows the five original roles; the auditor's key comes the same way, by environment.
  config.keys.auditor = process.env.ACCOUNTGRAINS_KEY_AUDITOR;
  config.names.auditor = process.env.ACCOUNTGRAINS_NAME_AUDITOR ?? 'auditor';
  check(config.keys.auditor, 'ACCOUNTGRAINS_KEY_AUDITOR is required');
  const ownToken = process.env.ACCOUNTGRAINS_OWN_TOKEN;
  check(ownToken, 'ACCOUNTGRAINS_OWN_TOKEN is required');
  const caller = new Caller(loadService(), config.address);
  const platform = caller.as(config, 'platform');
  const agent = caller.as(config, 'agent'); // agent-7
  const vendor = caller.as(config, 'vendor'); // vendor-7
  const auditor = caller.as(config, 'auditor');
  const admin = caller.as(config, 'admin');
  const ownReviewer = (method, request) => caller.call(method, request, { key: ownToken });
  const cluster = clusterAdmin(config.address);
  const adminQueues = cluster.as(config.keys.admin);
  const auditorQueues = cluster.as(config.keys.auditor);
  const agentQueues = cluster.as(config.keys.agent, 'agent-7');
  const vendorQueues = cluster.as(config.keys.vendor, 'vendor-7');
  const verdict = (account_id, action_seq, extra = {}) => ({ account_id, action_seq, verdict: 'AUDIT_VERDICT_CORRECT', guideline_ref: 'G-1', ...extra });
  let audited;

  const scenarios = {
    async 'a vendor lock is sampled into the audit queue'() {
      const id = uniqueAccount('audit');
      const lock = await vendor('Lock', { account_id: id, reason: 'LOCK_REASON_POLICY_VIOLATION', note: 'spam wave' });
      const item = await eventually('the queued action', async () =>
        (await listAll(auditorQueues, 'ListAuditQueue', 'items')).find((i) => i.account_id === id));
      check(item.action_type === 'LockPlaced' && item.actor === vendor.actor && item.role === 'vendor', `queued ${JSON.stringify(item)}`);
      check(item.event_id === `${id}:${item.action_seq}` && Number(item.action_seq) <= Number(lock.version), `event id ${item.event_id}`);
      audited = { id, seq: item.action_seq };
    },

    async 'the audit queue: vendors, agents and platforms are refused; a bad page token is INVALID_ARGUMENT'() {
      await refused(vendorQueues('ListAuditQueue', {}), Code.PERMISSION_DENIED, 'a vendor listing the audit queue');
      await refused(agentQueues('ListAuditQueue', {}), Code.PERMISSION_DENIED, 'an agent listing the audit queue');
      await refused(cluster.as(config.keys.platform)('ListAuditQueue', {}), Code.PERMISSION_DENIED, 'a platform listing the audit queue');
      await refused(adminQueues('ListAuditQueue', { page_token: 'not-a-token' }), Code.INVALID_ARGUMENT, 'a made-up page token');
    },

    async 'RecordAuditVerdict refusals: reviewed roles, own action, unknown and unsampled actions, bad arguments'() {
      const { id, seq } = audited;
      await refused(vendor('RecordAuditVerdict', verdict(id, seq)), Code.PERMISSION_DENIED, 'a vendor reviewing');
      await refused(agent('RecordAuditVerdict', verdict(id, seq)), Code.PERMISSION_DENIED, 'an agent reviewing');
      const own = uniqueAccount('own');
      await agent('Lock', { account_id: own, reason: 'LOCK_REASON_POLICY_VIOLATION' });
      const error = await refused(ownReviewer('RecordAuditVerdict', verdict(own, 1)), Code.PERMISSION_DENIED, 'agent-7 reviewing their own lock');
      check(/own action/.test(error.details), `own-action refusal says ${error.details}`);
      await refused(auditor('RecordAuditVerdict', verdict(id, 999)), Code.NOT_FOUND, 'an unknown action');
      const unsampled = uniqueAccount('unsampled');
      await platform('Lock', { account_id: unsampled, reason: 'LOCK_REASON_POLICY_VIOLATION' });
      await refused(auditor('RecordAuditVerdict', verdict(unsampled, 1)), Code.FAILED_PRECONDITION, 'a platform lock (never sampled)');
      await refused(auditor('RecordAuditVerdict', verdict(id, seq, { verdict: 'AUDIT_VERDICT_UNSPECIFIED' })), Code.INVALID_ARGUMENT, 'no verdict');
      await refused(auditor('RecordAuditVerdict', verdict(id, seq, { guideline_ref: '' })), Code.INVALID_ARGUMENT, 'no guideline');
      await refused(auditor('RecordAuditVerdict', verdict(id, 0)), Code.INVALID_ARGUMENT, 'action_seq 0');
    },

    async 'an auditor records INCORRECT once; history, WatchEvents, the queue and the report show it'() {
      const { id, seq } = audited;
      const reply = await auditor('RecordAuditVerdict', verdict(id, seq, { verdict: 'AUDIT_VERDICT_INCORRECT', guideline_ref: 'G-4.2', note: 'no spam' }));
      check(reply.action_type === 'LockPlaced' && reply.action_actor === vendor.actor && reply.verdict === 'AUDIT_VERDICT_INCORRECT', `reply ${JSON.stringify(reply)}`);
      await refused(admin('RecordAuditVerdict', verdict(id, seq)), Code.FAILED_PRECONDITION, 'a second verdict');
      const events = (await admin('GetHistory', { account_id: id, page_size: 100 })).events;
      const recorded = events.filter((e) => e.type === 'AuditVerdictRecorded');
      check(recorded.length === 1 && recorded[0].actor === config.names.auditor && recorded[0].reason === 'no spam', `history ${JSON.stringify(recorded)}`);
      check(JSON.parse(recorded[0].data_json).guidelineRef === 'G-4.2', `data ${recorded[0].data_json}`);

      const md = new grpc.Metadata();
      md.add('authorization', `Bearer ${config.keys.admin}`);
      const call = caller.client.WatchEvents({ after_position: '0', filter: { event_types: ['AuditVerdictRecorded'], account_ids: [id] } }, md);
      try {
        await new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('no AuditVerdictRecorded on WatchEvents')), 20000);
          call.on('data', (e) => { if (e.account_id === id) { clearTimeout(timer); resolve(); } });
          call.on('error', (e) => { if (e.code !== Code.CANCELLED) { clearTimeout(timer); reject(e); } });
        });
      } finally {
        call.cancel();
      }

      await eventually('the item leaving the queue', async () =>
        !(await listAll(adminQueues, 'ListAuditQueue', 'items')).some((i) => i.account_id === id));
      const day = new Date(); day.setUTCHours(0, 0, 0, 0);
      const from = { seconds: String(day.getTime() / 1000), nanos: 0 };
      const to = { seconds: String(day.getTime() / 1000 + 86400), nanos: 0 };
      const period = await eventually('the quality in the report', async () => {
        const report = await adminQueues('GetReport', { from, to, granularity: 'REPORT_GRANULARITY_TOTAL' });
        const p = report.periods[0];
        return p.agent_quality.some((q) => q.actor === vendor.actor && Number(q.incorrect) > 0) ? p : null;
      });
      const vendorQuality = period.vendor_quality.find((q) => q.actor === config.names.vendor);
      check(vendorQuality && Number(vendorQuality.incorrect) >= 1 && vendorQuality.role === 'vendor', `vendor quality ${JSON.stringify(period.vendor_quality)}`);
    },

    async 'the requests and appeals queues: agents see them, vendors and auditors do not'() {
      const id = uniqueAccount('queues');
      const lock = await agent('Lock', { account_id: id, reason: 'LOCK_REASON_IMPERSONATION' });
      const unlock = await agent('Unlock', { account_id: id, lock_id: lock.lock_id, note: 'ID checked' });
      const filed = await platform('FileAppeal', { account_id: id, lock_id: lock.lock_id, statement: 'it is me' });
      const request = await eventually('the queued request', async () =>
        (await listAll(agentQueues, 'ListPendingRequests', 'requests')).find((r) => r.account_id === id));
      check(request.request.request_id === unlock.pending_request.request_id && request.request.requested_by === agent.actor, `request ${JSON.stringify(request)}`);
      const appeal = await eventually('the queued appeal', async () =>
        (await listAll(agentQueues, 'ListOpenAppeals', 'appeals')).find((a) => a.account_id === id));
      check(appeal.appeal.appeal_id === filed.appeal.appeal_id && appeal.appeal.statement === 'it is me', `appeal ${JSON.stringify(appeal)}`);
      await refused(vendorQueues('ListPendingRequests', {}), Code.PERMISSION_DENIED, 'a vendor listing requests');
      await refused(auditorQueues('ListOpenAppeals', {}), Code.PERMISSION_DENIED, 'an auditor listing appeals');

      await caller.as(config, 'agent', 'agent-8')('RejectRequest', { account_id: id, request_id: unlock.pending_request.request_id, reason: 'not yet' });
      await agent('DecideAppeal', { account_id: id, appeal_id: filed.appeal.appeal_id, decision: 'APPEAL_DECISION_UPHELD', reason: 'evidence stands' });
      await eventually('both leaving their queues', async () =>
        !(await listAll(adminQueues, 'ListPendingRequests', 'requests')).some((r) => r.account_id === id)
        && !(await listAll(adminQueues, 'ListOpenAppeals', 'appeals')).some((a) => a.account_id === id));
    },
  };

  await runAll(scenarios, () => { caller.close(); cluster.close(); }, 'PASS: every audit scenario');
}

main().catch((error) => { console.log(`FAIL: ${error.stack}`); process.exit(1); });
