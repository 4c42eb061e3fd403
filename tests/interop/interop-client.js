'use strict';
// gRPC's interop client, for the cases that test a server (interop-test-descriptions.md), on grpc-js.
// Usage: node interop-client.js --server_port=N --test_case=NAME [--server_host=127.0.0.1]
const { grpc, parseArgs, load, run, interopProtos } = require('./common');

const args = parseArgs(process.argv);
const host = args.server_host || '127.0.0.1';
const port = Number(args.server_port);
const testCase = args.test_case;
if (!port || !testCase) {
  console.error('usage: node interop-client.js --server_port=N --test_case=NAME');
  process.exit(2);
}

let cases;
try {
  cases = require(`./server-cases/${testCase}`);
} catch (e) {
  console.error(`FAIL: unknown test case '${testCase}' (${e.message})`);
  process.exit(2);
}

const proto = load(['grpc/testing/test.proto'], [interopProtos]).grpc.testing;
const target = `${host}:${port}`;
const credentials = grpc.credentials.createInsecure();
const clients = {
  plain: new proto.TestService(target, credentials),
  gzip: new proto.TestService(target, credentials, { 'grpc.default_compression_algorithm': 2 }),
  unimplementedService: new proto.UnimplementedService(target, credentials),
};

run(async () => {
  try {
    await cases(clients);
  } finally {
    for (const c of Object.values(clients)) c.close();
  }
});
