'use strict';
// Drives grpc.health.v1.Health and server reflection (v1 and v1alpha) with grpc-js.
// Usage: node health-reflection.js --server_port=N --watched_service=NAME
// Prints "WATCHING" once Watch has delivered the first status; the test then changes that service's
// status and the script expects to see SERVING arrive on the same stream.
const { grpc, parseArgs, load, unary, assert, run, serverProtos } = require('./common');

const args = parseArgs(process.argv);
const target = `127.0.0.1:${Number(args.server_port)}`;
const watched = args.watched_service || 'accountgrains.Watched';
const credentials = grpc.credentials.createInsecure();

const health = load(['grpc/health/v1/health.proto'], [serverProtos]).grpc.health.v1;
const reflection = load(['grpc/reflection/v1/reflection.proto', 'grpc/reflection/v1alpha/reflection.proto'], [serverProtos]).grpc.reflection;

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
      { fileContainingSymbol: 'grpc.testing.TestService' },
      { fileContainingSymbol: 'no.such.Symbol' },
    ]);
    const names = list.listServicesResponse.service.map((s) => s.name);
    for (const expected of ['grpc.testing.TestService', 'grpc.health.v1.Health', `grpc.reflection.${version}.ServerReflection`]) {
      assert(names.includes(expected), `${version} ListServices lacks ${expected}: ${JSON.stringify(names)}`);
    }
    const files = symbol.fileDescriptorResponse.fileDescriptorProto.map(fileName);
    assert(files[0] === 'grpc/testing/test.proto', `${version} FileContainingSymbol answered ${JSON.stringify(files)}`);
    assert(files.includes('grpc/testing/messages.proto') && files.includes('grpc/testing/empty.proto'), `${version} left out dependencies: ${JSON.stringify(files)}`);
    assert(missing.errorResponse && missing.errorResponse.errorCode === 5, `${version} unknown symbol answered ${JSON.stringify(missing)}`);
  } finally {
    client.close();
  }
}

async function checkHealth() {
  const client = new health.Health(target, credentials);
  try {
    const overall = await unary(client, 'check', { service: '' });
    assert(!overall.error && overall.response.status === 'SERVING', `Check("") answered ${overall.error ? overall.error.message : overall.response.status}`);
    const unknown = await unary(client, 'check', { service: 'no.such.Service' });
    assert(unknown.error && unknown.error.code === 5, `Check(unknown) answered ${unknown.error ? unknown.error.code : 'OK'}`);

    const seen = [];
    await new Promise((resolve, reject) => {
      const call = client.watch({ service: watched });
      call.on('data', (r) => {
        seen.push(r.status);
        if (seen.length === 1) console.log('WATCHING');
        if (r.status === 'SERVING') { call.cancel(); resolve(); }
      });
      call.on('error', (e) => { if (e.code !== grpc.status.CANCELLED) reject(e); });
    });
    assert(seen[0] === 'SERVICE_UNKNOWN', `Watch started with ${seen[0]}, expected SERVICE_UNKNOWN`);
  } finally {
    client.close();
  }
}

run(async () => {
  await checkReflection('v1');
  await checkReflection('v1alpha');
  await checkHealth();
});
