'use strict';
// WatchEvents from grpc-js: subscribes (platform key) to one account's events, prints WATCHING once the server has
// accepted the stream (its response headers), and waits for the LockPlaced another client makes on that account.
// Prints RECEIVED_AT <epoch ms> with the event's position, actor and security types, for the caller to compare with
// when its Lock was acknowledged (same machine, same clock).
// Usage: node watch-events.js --account=<id>   (ACCOUNTGRAINS_ADDRESS, ACCOUNTGRAINS_KEY_PLATFORM)
const grpc = require('@grpc/grpc-js');
const { parseArgs, load, contractProtos, standardProtos, assert, run } = require('./common');

const args = parseArgs(process.argv);

run(async () => {
  assert(args.account, '--account is required');
  const { accountgrains } = load(['accountgrains/v1/account_integrity.proto'], [contractProtos, standardProtos]);
  const api = new accountgrains.v1.AccountIntegrity(process.env.ACCOUNTGRAINS_ADDRESS, grpc.credentials.createInsecure());
  const md = new grpc.Metadata();
  md.add('authorization', `Bearer ${process.env.ACCOUNTGRAINS_KEY_PLATFORM}`);
  const call = api.WatchEvents({ afterPosition: '0', filter: { accountIds: [args.account], eventTypes: ['LockPlaced'] } }, md);
  let watchingAt = 0;
  const event = await new Promise((resolve, reject) => {
    call.on('metadata', () => { watchingAt = Date.now(); console.log('WATCHING'); });
    call.on('data', (e) => resolve(e));
    call.on('error', (e) => reject(new Error(`stream failed: ${e.code} ${e.details}`)));
  });
  const receivedAt = Date.now();
  call.cancel();
  api.close();
  console.log(`RECEIVED_AT ${receivedAt} position=${event.position} type=${event.type} actor=${event.actor.role}/${event.actor.onBehalfOf} security=${event.securityEventTypes.join(',')}`);
  assert(watchingAt > 0, 'the event came before the stream was accepted');
  assert(event.accountId === args.account && event.type === 'LockPlaced', `unexpected event ${JSON.stringify(event)}`);
  assert(event.securityEventTypes.includes('https://schemas.openid.net/secevent/risc/event-type/account-disabled'), 'no RISC account-disabled');
});
