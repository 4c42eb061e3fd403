'use strict';
// Shared by the drivers: argument parsing, proto loading, promise helpers, and a clear exit.
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

function parseArgs(argv) {
  const args = {};
  for (const arg of argv.slice(2)) {
    const m = /^--([^=]+)=(.*)$/.exec(arg);
    if (!m) throw new Error(`unexpected argument '${arg}' (expected --name=value)`);
    args[m[1]] = m[2];
  }
  return args;
}

function load(files, includeDirs) {
  const definition = protoLoader.loadSync(files, {
    keepCase: false, longs: String, enums: String, defaults: true, oneofs: true, includeDirs,
  });
  return grpc.loadPackageDefinition(definition);
}

// The standard health and reflection contracts and google/api's HTTP annotations (kept here: the .NET packages that
// serve or compile them ship no .proto to a node client),
// and the product's own contract.
const standardProtos = path.join(__dirname, 'protos');
const contractProtos = path.join(__dirname, '..', '..', 'src', 'AccountGrains.Contracts', 'Protos');

function unary(client, method, request, options = {}, metadata = new grpc.Metadata()) {
  // Resolves once both the callback and the status (which carries the trailers) have arrived, in either order.
  return new Promise((resolve) => {
    const result = {};
    let pending = 2;
    const done = () => { pending -= 1; if (pending === 0) resolve(result); };
    const call = client[method](request, metadata, options, (error, response) => {
      result.error = error;
      result.response = response;
      done();
    });
    call.on('metadata', (md) => { result.headers = md; });
    call.on('status', (s) => { result.trailers = s.metadata; done(); });
  });
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

function run(main, timeoutMs = 20000) {
  const timer = setTimeout(() => { console.error(`FAIL: timed out after ${timeoutMs} ms`); process.exit(1); }, timeoutMs);
  main().then(() => {
    clearTimeout(timer);
    console.log('PASS');
    process.exit(0);
  }, (error) => {
    clearTimeout(timer);
    console.error(`FAIL: ${error && error.stack ? error.stack : error}`);
    process.exit(1);
  });
}

module.exports = { grpc, parseArgs, load, unary, assert, run, standardProtos, contractProtos };
