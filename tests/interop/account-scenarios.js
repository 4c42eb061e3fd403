'use strict';
// The independent client test of issue 4: grpc-js drives a running silo through every method of
// accountgrains.v1.AccountIntegrity and the rules of DOMAIN.md, in real time.
// Usage: node account-scenarios.js [--address=127.0.0.1:50051] [--key-<role>=KEY ...] [--name-<role>=NAME ...] [--lock-seconds=2]
//   or the same as ACCOUNTGRAINS_ADDRESS, ACCOUNTGRAINS_KEY_PLATFORM, ..._RECOVERY, ..._AGENT, ..._VENDOR, ..._ADMIN,
//   ACCOUNTGRAINS_NAME_<ROLE> (the key names configured in the silo, to check history's actors; default the role).
// The temporary lock ends by the grain's own timer, in real time: no silo setting is needed.
// Prints "ok - <scenario>" per scenario and exits 0, or "FAIL: <scenario>: <why>" and exits 1 at the first failure.
const { loadService, settings, Caller, uniqueAccount } = require('./account-client');

const { Code, check, sleep, refused } = require('./scenario-support');

// Whether a recovery code appears as a value anywhere in a reply (data_json included): never as a bare substring,
// which a timestamp's digits could match by chance.
const mentions = (reply, code) => JSON.stringify(reply).includes(`"${code}"`) || JSON.stringify(reply).includes(`\\"${code}\\"`);
const wrongCode = (code) => String((Number(code) + 1) % 10 ** code.length).padStart(code.length, '0');

async function main() {
  const config = settings(process.argv, process.env);
  const caller = new Caller(loadService(), config.address);
  const platform = caller.as(config, 'platform');
  const recovery = caller.as(config, 'recovery');
  const agent = caller.as(config, 'agent');
  const vendor = caller.as(config, 'vendor');
  const admin = caller.as(config, 'admin');
  const verify = (account_id, action = 'ACTION_LOGIN') => platform('Verify', { account_id, action });
  const history = async (account_id) => (await admin('GetHistory', { account_id, page_size: 1000 })).events;

  const scenarios = {
    async 'every method answers'() {
      const id = uniqueAccount('all');
      check((await verify(id)).decision === 'DECISION_ALLOW', 'a new account is not allowed');
      const signal = await platform('ReportSignal', { account_id: id, kind: 'SIGNAL_KIND_SUCCESSFUL_LOGIN', device_id: 'phone-1' });
      check(signal.account.known_devices.includes('phone-1'), 'the device did not become known');
      const lock = await agent('Lock', { account_id: id, reason: 'LOCK_REASON_POLICY_VIOLATION', note: 'spam', idempotency_key: 'k-1' });
      const again = await agent('Lock', { account_id: id, reason: 'LOCK_REASON_POLICY_VIOLATION', note: 'spam', idempotency_key: 'k-1' });
      check(again.lock_id === lock.lock_id && again.version === lock.version, 'the same idempotency key placed a second lock');
      const unlocked = await agent('Unlock', { account_id: id, lock_id: lock.lock_id, note: 'appeal upheld' });
      check(unlocked.account.locks.length === 0, 'Unlock left a lock');
      const started = await recovery('StartRecovery', { account_id: id, channel: 'RECOVERY_CHANNEL_EMAIL' });
      check(/^\d{6}$/.test(started.code) && started.attempt_id.length > 0, 'StartRecovery did not return an attempt and a 6-digit code');
      const completed = await recovery('CompleteRecovery', { account_id: id, attempt_id: started.attempt_id, code: started.code });
      check(completed.restored === true, 'the right code did not restore the account');
      const granted = await agent('GrantVerification', { account_id: id, category: 'creator' });
      check(granted.account.badge.state === 'BADGE_STATE_VERIFIED', 'GrantVerification did not verify');
      const revoked = await agent('RevokeVerification', { account_id: id, reason: 'impersonation report' });
      check(revoked.account.badge.state === 'BADGE_STATE_REVOKED', 'RevokeVerification did not revoke');
      await admin('SetHighProfile', { account_id: id, high_profile: true });
      const account = await platform('GetAccount', { account_id: id });
      check(account.high_profile === true && account.account_id === id, 'GetAccount does not show the high-profile flag');
      const types = (await history(id)).map((e) => e.type);
      for (const type of ['SignalRecorded', 'LockPlaced', 'LockLifted', 'RecoveryStarted', 'RecoveryCompleted', 'VerificationGranted', 'VerificationRevoked', 'HighProfileChanged']) {
        check(types.includes(type), `history lacks ${type}: ${types.join(', ')}`);
      }
      check(!mentions(account, started.code) && !mentions(await history(id), started.code), 'the recovery code leaked into GetAccount or GetHistory');
    },

    async 'a lock denies Verify, except for recovery'() {
      const id = uniqueAccount('lock');
      await agent('Lock', { account_id: id, reason: 'LOCK_REASON_COMPROMISED' });
      const denied = await verify(id);
      check(denied.decision === 'DECISION_DENY' && denied.reasons.includes('LOCKED'), `expected DENY/LOCKED, got ${denied.decision} ${denied.reasons}`);
      check((await verify(id, 'ACTION_RECOVER')).decision !== 'DECISION_DENY', 'RECOVER is denied while locked');
    },

    async 'a temporary lock ends by itself'() {
      const id = uniqueAccount('temp');
      await agent('Lock', { account_id: id, reason: 'LOCK_REASON_SUSPICIOUS_ACTIVITY', duration: { seconds: config.lockSeconds, nanos: 0 } });
      check((await verify(id)).decision === 'DECISION_DENY', 'the temporary lock does not deny');
      const until = Date.now() + config.lockSeconds * 1000 + 15000;
      while ((await verify(id)).decision !== 'DECISION_ALLOW') {
        check(Date.now() < until, `the ${config.lockSeconds}s lock had not ended 15 s after it was due`);
        await sleep(200);
      }
      // Verify already ignores a lock past its expiry; the durable timer then writes LockExpired by itself.
      let expired;
      while (!(expired = (await history(id)).find((e) => e.type === 'LockExpired'))) {
        check(Date.now() < until, 'history does not show LockExpired 15 s after the lock was due');
        await sleep(200);
      }
      check(expired.actor === 'system', `LockExpired by ${expired.actor}, not system`);
      check((await platform('GetAccount', { account_id: id })).locks.length === 0, 'the expired lock is still listed');
    },

    async 'ten failed logins lock the account'() {
      const id = uniqueAccount('brute');
      for (let i = 1; i <= 9; i += 1) await platform('ReportSignal', { account_id: id, kind: 'SIGNAL_KIND_FAILED_LOGIN' });
      check((await verify(id)).decision === 'DECISION_ALLOW', 'nine failed logins already lock');
      await platform('ReportSignal', { account_id: id, kind: 'SIGNAL_KIND_FAILED_LOGIN' });
      check((await verify(id)).decision === 'DECISION_DENY', 'ten failed logins do not deny');
      const locks = (await platform('GetAccount', { account_id: id })).locks;
      check(locks.length === 1 && locks[0].reason === 'LOCK_REASON_BRUTE_FORCE' && locks[0].placed_by === 'system' && locks[0].expires_at, 'no temporary BRUTE_FORCE lock by system');
    },

    async 'recovery with the right code allows again, but an IMPERSONATION lock stays'() {
      const plain = uniqueAccount('rec');
      await agent('Lock', { account_id: plain, reason: 'LOCK_REASON_COMPROMISED' });
      let started = await recovery('StartRecovery', { account_id: plain, channel: 'RECOVERY_CHANNEL_EMAIL' });
      await recovery('CompleteRecovery', { account_id: plain, attempt_id: started.attempt_id, code: started.code });
      check((await verify(plain)).decision === 'DECISION_ALLOW', 'recovery did not allow the account again');

      const impersonated = uniqueAccount('imp');
      await agent('Lock', { account_id: impersonated, reason: 'LOCK_REASON_COMPROMISED' });
      await agent('Lock', { account_id: impersonated, reason: 'LOCK_REASON_IMPERSONATION' });
      started = await recovery('StartRecovery', { account_id: impersonated, channel: 'RECOVERY_CHANNEL_EMAIL' });
      const done = await recovery('CompleteRecovery', { account_id: impersonated, attempt_id: started.attempt_id, code: started.code });
      check(done.restored, 'the right code was not accepted');
      check(done.account.locks.map((l) => l.reason).join() === 'LOCK_REASON_IMPERSONATION', `expected only IMPERSONATION left, got ${done.account.locks.map((l) => l.reason)}`);
      check((await verify(impersonated)).decision === 'DECISION_DENY', 'the IMPERSONATION lock no longer denies');
    },

    async 'five wrong codes burn the attempt'() {
      const id = uniqueAccount('burn');
      const started = await recovery('StartRecovery', { account_id: id, channel: 'RECOVERY_CHANNEL_PUSH' });
      for (let left = 4; left >= 0; left -= 1) {
        const reply = await recovery('CompleteRecovery', { account_id: id, attempt_id: started.attempt_id, code: wrongCode(started.code) });
        check(!reply.restored && reply.tries_left === left, `expected ${left} tries left, got ${reply.tries_left}`);
      }
      await refused(recovery('CompleteRecovery', { account_id: id, attempt_id: started.attempt_id, code: started.code }), Code.NOT_FOUND, 'the right code on a burnt attempt');
    },

    async 'a fourth recovery in 24 h is refused'() {
      const id = uniqueAccount('limit');
      for (let i = 0; i < 3; i += 1) await recovery('StartRecovery', { account_id: id, channel: 'RECOVERY_CHANNEL_EMAIL' });
      await refused(recovery('StartRecovery', { account_id: id, channel: 'RECOVERY_CHANNEL_EMAIL' }), Code.RESOURCE_EXHAUSTED, 'a fourth StartRecovery');
    },

    async 'a vendor cannot unlock a high-profile account'() {
      const id = uniqueAccount('vip');
      await admin('SetHighProfile', { account_id: id, high_profile: true });
      const lock = await agent('Lock', { account_id: id, reason: 'LOCK_REASON_POLICY_VIOLATION' });
      await refused(vendor('Unlock', { account_id: id, lock_id: lock.lock_id }), Code.PERMISSION_DENIED, 'a vendor unlocking a high-profile account');
      check((await verify(id)).decision === 'DECISION_DENY', 'the refused unlock lifted the lock');
      const ordinary = uniqueAccount('plain');
      const other = await vendor('Lock', { account_id: ordinary, reason: 'LOCK_REASON_POLICY_VIOLATION' });
      await vendor('Unlock', { account_id: ordinary, lock_id: other.lock_id });
    },

    async 'unauthenticated and wrong-role calls are refused'() {
      const id = uniqueAccount('auth');
      const request = { account_id: id, action: 'ACTION_LOGIN' };
      await refused(caller.call('Verify', request), Code.UNAUTHENTICATED, 'no key');
      await refused(caller.call('Verify', request, { key: 'not-a-key' }), Code.UNAUTHENTICATED, 'an unknown key');
      await refused(caller.call('Verify', request, { key: config.keys.agent }), Code.UNAUTHENTICATED, 'an agent key without x-on-behalf-of');
      await refused(platform('Unlock', { account_id: id, all: true }), Code.PERMISSION_DENIED, 'platform calling Unlock');
      await refused(recovery('Lock', { account_id: id, reason: 'LOCK_REASON_COMPROMISED' }), Code.PERMISSION_DENIED, 'recovery calling Lock');
      await refused(vendor('ReportSignal', { account_id: id, kind: 'SIGNAL_KIND_FAILED_LOGIN' }), Code.PERMISSION_DENIED, 'vendor calling ReportSignal');
      await refused(platform('GetHistory', { account_id: id }), Code.PERMISSION_DENIED, 'platform calling GetHistory');
      await refused(agent('SetHighProfile', { account_id: id, high_profile: true }), Code.PERMISSION_DENIED, 'agent calling SetHighProfile');
      await refused(agent('StartRecovery', { account_id: id, channel: 'RECOVERY_CHANNEL_EMAIL' }), Code.PERMISSION_DENIED, 'agent calling StartRecovery');
      check((await history(id)).length === 0, 'a refused call wrote history');
    },

    async 'history shows each change with its actor'() {
      const id = uniqueAccount('audit');
      await platform('ReportSignal', { account_id: id, kind: 'SIGNAL_KIND_CREDENTIAL_LEAKED' });
      const lock = await agent('Lock', { account_id: id, reason: 'LOCK_REASON_COMPROMISED' });
      await vendor('Unlock', { account_id: id, lock_id: lock.lock_id });
      await admin('SetHighProfile', { account_id: id, high_profile: true });
      const started = await recovery('StartRecovery', { account_id: id, channel: 'RECOVERY_CHANNEL_EMAIL' });
      const seen = (await history(id)).map((e) => `${e.type} by ${e.actor}`);
      const expected = [
        `SignalRecorded by ${platform.actor}`, `LockPlaced by ${agent.actor}`, `LockLifted by ${vendor.actor}`,
        `HighProfileChanged by ${admin.actor}`, `RecoveryStarted by ${recovery.actor}`,
      ];
      check(JSON.stringify(seen) === JSON.stringify(expected), `history is\n  ${seen.join('\n  ')}\nexpected\n  ${expected.join('\n  ')}`);
      check(!mentions(await history(id), started.code), 'the recovery code is in history');
    },
  };

  for (const [name, scenario] of Object.entries(scenarios)) {
    try {
      await scenario();
    } catch (error) {
      throw new Error(`${name}: ${error.message}`);
    }
    console.log(`ok - ${name}`);
  }
  caller.close();
}

const guard = setTimeout(() => { console.error('FAIL: timed out after 90 s'); process.exit(1); }, 90000);
main().then(() => {
  clearTimeout(guard);
  console.log('PASS: every scenario');
  process.exit(0);
}, (error) => {
  clearTimeout(guard);
  console.error(`FAIL: ${error.message}`);
  process.exit(1);
});
