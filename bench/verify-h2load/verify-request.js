'use strict';
// The VerifyRequest h2load sends, built from the project's .proto (not hand-assembled bytes).
//   node verify-request.js body > verify.bin        the request as one gRPC frame (5-byte prefix + message)
//   node verify-request.js warm 127.0.0.1:PORT      sends it once with grpc-js (activates the grain) and prints the reply
const path = require('path');

const interop = path.join(__dirname, '..', '..', 'tests', 'interop', 'node_modules');
const grpc = require(path.join(interop, '@grpc', 'grpc-js'));
const protoLoader = require(path.join(interop, '@grpc', 'proto-loader'));
const protobuf = require(path.join(interop, 'protobufjs'));

const protos = path.join(__dirname, '..', '..', 'src', 'AccountGrains.Contracts', 'Protos');
const request = { account_id: process.env.ACCOUNT_ID || 'bench-warm', action: 'ACTION_LOGIN' };

function body() {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => (target.startsWith('google/') ? target : path.join(protos, target));
  root.loadSync('accountgrains/v1/account_integrity.proto', { keepCase: true });
  const type = root.lookupType('accountgrains.v1.VerifyRequest');
  const message = type.encode(type.fromObject(request)).finish();
  const frame = Buffer.alloc(5 + message.length);
  frame.writeUInt8(0, 0); // not compressed
  frame.writeUInt32BE(message.length, 1);
  Buffer.from(message).copy(frame, 5);
  process.stdout.write(frame);
}

function warm(address) {
  const definition = protoLoader.loadSync('accountgrains/v1/account_integrity.proto', {
    keepCase: true, longs: String, enums: String, defaults: true, includeDirs: [protos],
  });
  const { AccountIntegrity } = grpc.loadPackageDefinition(definition).accountgrains.v1;
  const client = new AccountIntegrity(address, grpc.credentials.createInsecure());
  client.Verify(request, { deadline: Date.now() + 10000 }, (error, reply) => {
    if (error) {
      console.error(`warm-up Verify failed: ${error.code} ${error.details}`);
      process.exit(1);
    }
    console.log(`warm-up Verify ${request.account_id}: ${reply.decision} (version ${reply.version})`);
    client.close();
  });
}

const [mode, address] = process.argv.slice(2);
if (mode === 'body') body();
else if (mode === 'warm' && address) warm(address);
else {
  console.error('usage: node verify-request.js body | warm HOST:PORT');
  process.exit(2);
}
