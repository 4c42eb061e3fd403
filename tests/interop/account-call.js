'use strict';
// grpcurl for AccountIntegrity, with grpc-js: one call, the request as JSON (the proto's snake_case names, enum
// names as strings), the reply printed as JSON; a failure prints its status and exits 1.
// Usage: node tests/interop/account-call.js Verify '{"account_id":"alice","action":"ACTION_LOGIN"}'
// Env: ACCOUNTGRAINS_ADDRESS (default 127.0.0.1:50051), ACCOUNTGRAINS_KEY, ACCOUNTGRAINS_ON_BEHALF_OF.
const { grpc, loadService, Caller } = require('./account-client');

const [method, json = '{}'] = process.argv.slice(2);
const service = loadService();
if (!method || !service.service[method]) {
  console.error(`usage: node account-call.js <${Object.keys(service.service).join('|')}> '<request as JSON>'`);
  process.exit(2);
}

const caller = new Caller(service, process.env.ACCOUNTGRAINS_ADDRESS || '127.0.0.1:50051');
caller.call(method, JSON.parse(json), { key: process.env.ACCOUNTGRAINS_KEY, onBehalfOf: process.env.ACCOUNTGRAINS_ON_BEHALF_OF })
  .then((reply) => {
    console.log(JSON.stringify(reply, null, 2));
    caller.close();
  }, (error) => {
    const code = Object.keys(grpc.status).find((k) => grpc.status[k] === error.code);
    console.error(`${code}: ${error.details}`);
    process.exit(1);
  });
