'use strict';
// The VerifyRequest h2load sends, built from the project's .proto (not hand-assembled bytes).
//   node verify-request.js body > verify.bin        the request as one gRPC frame (5-byte prefix + message)
//   node verify-request.js warm 127.0.0.1:PORT      sends it once with grpc-js (activates the grain) and prints the reply
//   node verify-request.js serve PORT               baseline (d): a @grpc/grpc-js server answering every Verify with a
//                                                   fixed VerifyReply, the peer a Node.js implementation would be
//   node verify-request.js sink PORT                an OTLP/HTTP collector that keeps nothing: every POST /v1/<signal>
//                                                   is read, answered 200 (an empty protobuf response) and counted
const path = require('path');

const interop = path.join(__dirname, '..', '..', 'tests', 'interop', 'node_modules');
const grpc = require(path.join(interop, '@grpc', 'grpc-js'));
const protoLoader = require(path.join(interop, '@grpc', 'proto-loader'));
const protobuf = require(path.join(interop, 'protobufjs'));

const protos = path.join(__dirname, '..', '..', 'src', 'AccountGrains.Contracts', 'Protos');
const vendored = path.join(__dirname, '..', '..', 'tests', 'interop', 'protos');
const request = { account_id: process.env.ACCOUNT_ID || 'bench-warm', action: 'ACTION_LOGIN' };

function body() {
  const root = new protobuf.Root();
  // protobufjs bundles google/protobuf/*; google/api/* (the HTTP annotations) is vendored beside the interop tests.
  root.resolvePath = (_origin, target) => (target.startsWith('google/protobuf/') ? target
    : path.join(target.startsWith('google/') ? vendored : protos, target));
  root.loadSync('accountgrains/v1/account_integrity.proto', { keepCase: true });
  const type = root.lookupType('accountgrains.v1.VerifyRequest');
  const message = type.encode(type.fromObject(request)).finish();
  const frame = Buffer.alloc(5 + message.length);
  frame.writeUInt8(0, 0); // not compressed
  frame.writeUInt32BE(message.length, 1);
  Buffer.from(message).copy(frame, 5);
  process.stdout.write(frame);
}

function service() {
  const definition = protoLoader.loadSync('accountgrains/v1/account_integrity.proto', {
    keepCase: true, longs: String, enums: String, defaults: true, includeDirs: [protos, vendored],
  });
  return grpc.loadPackageDefinition(definition).accountgrains.v1.AccountIntegrity;
}

function serve(port) {
  const AccountIntegrity = service();
  const server = new grpc.Server();
  // The same reply the .NET fixed-reply baselines give; every other method stays UNIMPLEMENTED.
  const reply = { decision: 'DECISION_ALLOW' };
  server.addService(AccountIntegrity.service, { Verify: (_call, callback) => callback(null, reply) });
  server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (error) => {
    if (error) {
      console.error(`bind failed: ${error.message}`);
      process.exit(1);
    }
    console.log(`ready http://127.0.0.1:${port}`);
  });
  process.on('SIGTERM', () => server.tryShutdown(() => process.exit(0)));
}

function warm(address) {
  const AccountIntegrity = service();
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

function sink(port) {
  const http = require('http');
  const counts = {};
  const server = http.createServer((req, res) => {
    let bytes = 0;
    req.on('data', (chunk) => { bytes += chunk.length; });
    req.on('end', () => {
      const signal = req.url.replace(/^\/v1\//, '');
      counts[signal] = (counts[signal] || 0) + 1;
      console.log(`${req.method} ${signal} ${bytes} bytes (${signal}: ${counts[signal]} requests)`);
      res.writeHead(200, { 'content-type': 'application/x-protobuf' });
      res.end();
    });
  });
  server.listen(Number(port), '127.0.0.1', () => console.log(`ready http://127.0.0.1:${port}`));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

const [mode, address] = process.argv.slice(2);
if (mode === 'body') body();
else if (mode === 'warm' && address) warm(address);
else if (mode === 'serve' && address) serve(address);
else if (mode === 'sink' && address) sink(address);
else {
  console.error('usage: node verify-request.js body | warm HOST:PORT | serve PORT | sink PORT');
  process.exit(2);
}
