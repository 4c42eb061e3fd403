'use strict';
// Drives a running silo's grpc.health.v1.Health and server reflection (v1 and v1alpha) with grpc-js.
// Usage: node health-reflection.js --server_port=N [--watch_until_not_serving=true]
// Checks reflection and Check, then opens Watch on accountgrains.v1.AccountIntegrity and prints "WATCHING" once it
// reports SERVING. With --watch_until_not_serving, it then waits for NOT_SERVING on that stream (the test stops the
// silo: health must say NOT_SERVING before the silo goes away).
const { grpc, parseArgs, load, unary, assert, run, standardProtos } = require('./common');

const args = parseArgs(process.argv);
const target = `127.0.0.1:${Number(args.server_port)}`;
const untilNotServing = args.watch_until_not_serving === 'true';
const credentials = grpc.credentials.createInsecure();
const service = 'accountgrains.v1.AccountIntegrity';

const health = load(['grpc/health/v1/health.proto'], [standardProtos]).grpc.health.v1;
const reflection = load(['grpc/reflection/v1/reflection.proto', 'grpc/reflection/v1alpha/reflection.proto'], [standardProtos]).grpc.reflection;

// The name of a serialized FileDescriptorProto: field 1, length-delimited.
function fileName(bytes) {
  assert(bytes[0] === 0x0a, 'descriptor does not start with its name field');
  let length = 0;
  let shift = 0;
  let i = 1;
  for (; bytes[i] & 0x80; i += 1, shift += 7) length |= (bytes[i] & 0x7f) << shift;
  length |= bytes[i] << shift;
  return bytes.subarray(i + 1, i + 1 + length).toString('utf8');
}

function ask(client, requests) {
  return new Promise((resolve, reject) => {
    const responses = [];
    const call = client.serverReflectionInfo();
    call.on('data', (r) => responses.push(r));
    call.on('error', reject);
    call.on('end', () => resolve(responses));
    for (const r of requests) call.write(r);
    call.end();
  });
}

async function checkReflection(version) {
  const client = new reflection[version].ServerReflection(target, credentials);
  try {
    const [list, symbol, missing] = await ask(client, [
      { listServices: '' },
      { fileContainingSymbol: service },
      { fileContainingSymbol: 'no.such.Symbol' },
    ]);
    const names = list.listServicesResponse.service.map((s) => s.name);
    for (const expected of [service, 'accountgrains.v1.ClusterAdmin', 'grpc.health.v1.Health', `grpc.reflection.${version}.ServerReflection`]) {
      assert(names.includes(expected), `${version} ListServices lacks ${expected}: ${JSON.stringify(names)}`);
    }
    const files = symbol.fileDescriptorResponse.fileDescriptorProto.map(fileName);
    assert(files[0] === 'accountgrains/v1/account_integrity.proto', `${version} FileContainingSymbol answered ${JSON.stringify(files)}`);
    assert(files.includes('google/protobuf/timestamp.proto') && files.includes('google/protobuf/duration.proto'), `${version} left out dependencies: ${JSON.stringify(files)}`);
    assert(missing.errorResponse && missing.errorResponse.errorCode === 5, `${version} unknown symbol answered ${JSON.stringify(missing)}`);
  } finally {
    client.close();
  }
}

async function checkHealth() {
  const client = new health.Health(target, credentials);
  try {
    for (const name of ['', service, 'accountgrains.v1.ClusterAdmin']) {
      const reply = await unary(client, 'check', { service: name });
      assert(!reply.error && reply.response.status === 'SERVING', `Check("${name}") answered ${reply.error ? reply.error.message : reply.response.status}`);
    }
    const unknown = await unary(client, 'check', { service: 'no.such.Service' });
    assert(unknown.error && unknown.error.code === grpc.status.NOT_FOUND, `Check(unknown) answered ${unknown.error ? unknown.error.code : 'OK'}`);

    const seen = [];
    await new Promise((resolve, reject) => {
      const call = client.watch({ service });
      let done = false;
      const finish = (error) => { if (!done) { done = true; if (error) reject(error); else resolve(); } };
      call.on('data', (r) => {
        seen.push(r.status);
        if (r.status === 'SERVING' && !seen.slice(0, -1).includes('SERVING')) {
          console.log('WATCHING');
          if (!untilNotServing) { call.cancel(); finish(); }
        }
        if (untilNotServing && r.status === 'NOT_SERVING') finish();
      });
      call.on('error', (e) => { if (e.code !== grpc.status.CANCELLED) finish(e); });
      call.on('end', () => finish(untilNotServing && !seen.includes('NOT_SERVING') ? new Error(`Watch ended without NOT_SERVING: ${seen}`) : undefined));
    });
    assert(seen[0] === 'SERVING', `Watch started with ${seen[0]}, expected SERVING`);
  } finally {
    client.close();
  }
}

run(async () => {
  await checkReflection('v1');
  await checkReflection('v1alpha');
  await checkHealth();
}, untilNotServing ? 60000 : 20000);
