'use strict';
// A thin grpc-js client of accountgrains.v1.AccountIntegrity, loaded from the project's .proto files,
// with one set of call metadata per role. Used by account-scenarios.js.
const path = require('path');
const crypto = require('crypto');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const contractProtos = path.join(__dirname, '..', '..', 'src', 'AccountGrains.Contracts', 'Protos');
const ROLES = ['platform', 'recovery', 'agent', 'vendor', 'admin'];

function loadService() {
  // keepCase: the proto's snake_case field names; the google/protobuf imports come with proto-loader.
  const definition = protoLoader.loadSync('accountgrains/v1/account_integrity.proto', {
    keepCase: true, longs: String, enums: String, defaults: true, oneofs: true, includeDirs: [contractProtos, path.join(__dirname, 'protos')],
  });
  return grpc.loadPackageDefinition(definition).accountgrains.v1.AccountIntegrity;
}

// Settings from --name=value arguments first, then ACCOUNTGRAINS_* environment variables.
function settings(argv, env) {
  const args = {};
  for (const arg of argv.slice(2)) {
    const m = /^--([^=]+)=(.*)$/.exec(arg);
    if (!m) throw new Error(`unexpected argument '${arg}' (expected --name=value)`);
    args[m[1]] = m[2];
  }
  const pick = (name, fallback) => args[name] ?? env[`ACCOUNTGRAINS_${name.toUpperCase().replace(/-/g, '_')}`] ?? fallback;
  const keys = {};
  const names = {};
  for (const role of ROLES) {
    keys[role] = pick(`key-${role}`);
    if (!keys[role]) throw new Error(`missing the ${role} key: --key-${role}=... or ACCOUNTGRAINS_KEY_${role.toUpperCase()}`);
    names[role] = pick(`name-${role}`, role);
  }
  return {
    address: pick('address', '127.0.0.1:50051'),
    keys,
    names,
    lockSeconds: Number(pick('lock-seconds', '2')),
  };
}

class Caller {
  constructor(service, address) {
    this.client = new service(address, grpc.credentials.createInsecure());
  }

  // Resolves with the reply, or rejects with grpc-js's error (its .code is the status code).
  call(method, request, { key, onBehalfOf, timeoutMs = 5000 } = {}) {
    const metadata = new grpc.Metadata();
    if (key !== undefined) metadata.add('authorization', `Bearer ${key}`);
    if (onBehalfOf !== undefined) metadata.add('x-on-behalf-of', onBehalfOf);
    return new Promise((resolve, reject) => {
      this.client[method](request, metadata, { deadline: Date.now() + timeoutMs }, (error, reply) => (error ? reject(error) : resolve(reply)));
    });
  }

  // A caller bound to one role's key (agent and vendor act for a named agent).
  as(config, role, onBehalfOf) {
    const key = config.keys[role];
    const agent = onBehalfOf ?? (role === 'agent' || role === 'vendor' ? `${role}-7` : undefined);
    const bound = (method, request) => this.call(method, request, { key, onBehalfOf: agent });
    bound.actor = agent ? `${config.names[role]}/${agent}` : config.names[role];
    return bound;
  }

  close() {
    this.client.close();
  }
}

function uniqueAccount(label) {
  return `js-${label}-${crypto.randomBytes(4).toString('hex')}`;
}

module.exports = { grpc, ROLES, loadService, settings, Caller, uniqueAccount };
