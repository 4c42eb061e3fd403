'use strict';
// A grpc-js implementation of grpc.testing.TestService (interop-test-descriptions.md, "Server" features), the
// reference our own gRPC client is tested against. It listens on 127.0.0.1 on a port the OS picks, prints
// "LISTENING <port>" once ready, and exits when its stdin closes, so it never outlives the test run that started it.
//
// Features: EmptyCall; UnaryCall (response_size, response_status, response_compressed, expect_compressed);
// StreamingOutputCall (response_parameters size / interval_us / compressed, response_status); Echo Metadata
// (x-grpc-test-echo-initial as a header, x-grpc-test-echo-trailing-bin as a trailer). UnimplementedCall and
// UnimplementedService are left out on purpose.
//
// Test-only extra ("flaky"): a UnaryCall with header x-flaky-key: K and x-flaky-failures: N fails with UNAVAILABLE
// (Trailers-Only) on its first N attempts for key K; an EmptyCall with header x-flaky-query: K answers the number of
// attempts seen for K in the trailer x-flaky-attempts.
// Test-only extra ("cancel tracking"): a StreamingOutputCall with header x-track-key: K records whether its stream was
// cancelled (RST_STREAM or deadline); an EmptyCall with header x-cancel-query: K answers x-cancelled: true once that
// is known (or false after 5 s), so a test can see that the client's cancellation reached the server without sleeping.

const path = require('path');
const zlib = require('zlib');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const { BaseServerInterceptingCall } = require('@grpc/grpc-js/build/src/server-interceptors');

// grpc-js servers neither compress responses nor tell handlers whether a request was compressed, and the interop
// compression cases need both. These two small hooks on grpc-js's call class add exactly that and nothing else.
const COMPRESS = Symbol('compress');
const callProto = BaseServerInterceptingCall.prototype;
const originalDecompress = callProto.decompressAndMaybePush;
callProto.decompressAndMaybePush = function (entry) {
  if (entry.type === 'COMPRESSED') {
    this.requestCompressed = entry.compressedMessage.readUInt8(0) === 1;
  }
  return originalDecompress.call(this, entry);
};
const originalSerialize = callProto.serializeMessage;
callProto.serializeMessage = function (value) {
  const framed = originalSerialize.call(this, value);
  if (!value || !value[COMPRESS]) {
    return framed;
  }
  const body = zlib.gzipSync(framed.subarray(5));
  const out = Buffer.alloc(5 + body.length);
  out.writeUInt8(1, 0);
  out.writeUInt32BE(body.length, 1);
  body.copy(out, 5);
  return out;
};

/** Announces gzip in the response headers of a call that will send compressed messages. */
function announceGzip(call) {
  const base = call.call;
  const respond = base.stream.respond.bind(base.stream);
  base.stream.respond = (headers, options) => respond({ ...headers, 'grpc-encoding': 'gzip' }, options);
}

const definition = protoLoader.loadSync('grpc/testing/test.proto', {
  includeDirs: [path.join(__dirname, 'protos')],
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
});
const testing = grpc.loadPackageDefinition(definition).grpc.testing;

const flakyAttempts = new Map();
const cancelled = new Map(); // key -> true, or a list of waiters until the cancellation arrives

function payload(size) {
  return { type: 'COMPRESSABLE', body: Buffer.alloc(size) };
}

function header(metadata, key) {
  const values = metadata.get(key);
  return values.length > 0 ? values[0] : undefined;
}

/** Echo Metadata: the initial value as a response header now, the trailing value for the trailers. */
function echoMetadata(call) {
  const initial = header(call.metadata, 'x-grpc-test-echo-initial');
  if (initial !== undefined) {
    const headers = new grpc.Metadata();
    headers.set('x-grpc-test-echo-initial', initial);
    call.sendMetadata(headers);
  }
  const trailers = new grpc.Metadata();
  const trailing = header(call.metadata, 'x-grpc-test-echo-trailing-bin');
  if (trailing !== undefined) {
    trailers.set('x-grpc-test-echo-trailing-bin', trailing);
  }
  return trailers;
}

function flakyFailure(call) {
  const key = header(call.metadata, 'x-flaky-key');
  if (key === undefined) {
    return null;
  }
  const attempts = (flakyAttempts.get(key) || 0) + 1;
  flakyAttempts.set(key, attempts);
  const failures = Number(header(call.metadata, 'x-flaky-failures') || '0');
  return attempts <= failures ? { code: grpc.status.UNAVAILABLE, details: `flaky attempt ${attempts}` } : null;
}

function trackCancellation(call) {
  const key = header(call.metadata, 'x-track-key');
  if (key === undefined) {
    return;
  }
  call.on('cancelled', () => {
    const waiters = cancelled.get(key);
    cancelled.set(key, true);
    if (Array.isArray(waiters)) {
      waiters.forEach((wake) => wake(true));
    }
  });
}

function answerCancelQuery(key, callback) {
  const reply = (wasCancelled) => {
    const trailers = new grpc.Metadata();
    trailers.set('x-cancelled', String(wasCancelled));
    callback(null, {}, trailers);
  };
  if (cancelled.get(key) === true) {
    reply(true);
    return;
  }
  const waiters = cancelled.get(key) || [];
  let timer = null;
  const wake = (value) => {
    clearTimeout(timer);
    reply(value);
  };
  waiters.push(wake);
  cancelled.set(key, waiters);
  timer = setTimeout(() => {
    const list = cancelled.get(key);
    if (Array.isArray(list)) {
      list.splice(list.indexOf(wake), 1);
    }
    reply(false);
  }, 5000);
}

function emptyCall(call, callback) {
  const cancelKey = header(call.metadata, 'x-cancel-query');
  if (cancelKey !== undefined) {
    answerCancelQuery(cancelKey, callback);
    return;
  }
  const key = header(call.metadata, 'x-flaky-query');
  if (key === undefined) {
    callback(null, {});
    return;
  }
  const trailers = new grpc.Metadata();
  trailers.set('x-flaky-attempts', String(flakyAttempts.get(key) || 0));
  callback(null, {}, trailers);
}

function unaryCall(call, callback) {
  const flaky = flakyFailure(call);
  if (flaky) {
    callback(flaky);
    return;
  }
  const request = call.request;
  const trailers = echoMetadata(call);
  if (request.expect_compressed && request.expect_compressed.value !== Boolean(call.call.requestCompressed)) {
    const expected = request.expect_compressed.value ? 'compressed' : 'uncompressed';
    callback({ code: grpc.status.INVALID_ARGUMENT, details: `expected a ${expected} request`, metadata: trailers });
    return;
  }
  if (request.response_status && request.response_status.code !== 0) {
    const status = request.response_status;
    callback({ code: status.code, details: status.message, metadata: trailers });
    return;
  }
  const response = { payload: payload(request.response_size) };
  if (request.response_compressed && request.response_compressed.value) {
    announceGzip(call);
    response[COMPRESS] = true;
  }
  callback(null, response, trailers);
}

function streamingOutputCall(call) {
  const request = call.request;
  const parameters = request.response_parameters || [];
  if (parameters.some((p) => p.compressed && p.compressed.value)) {
    announceGzip(call);
  }
  const trailers = echoMetadata(call);
  let timer = null;
  let index = 0;
  call.on('cancelled', () => clearTimeout(timer));
  trackCancellation(call);

  const next = () => {
    if (call.cancelled) {
      return;
    }
    if (index === parameters.length) {
      const status = request.response_status;
      if (status && status.code !== 0) {
        call.emit('error', { code: status.code, details: status.message, metadata: trailers });
      } else {
        call.end(trailers);
      }
      return;
    }
    const parameter = parameters[index++];
    timer = setTimeout(() => {
      const response = { payload: payload(parameter.size) };
      if (parameter.compressed && parameter.compressed.value) {
        response[COMPRESS] = true;
      }
      call.write(response);
      next();
    }, Math.floor((parameter.interval_us || 0) / 1000));
  };
  next();
}

const server = new grpc.Server();
server.addService(testing.TestService.service, {
  EmptyCall: emptyCall,
  UnaryCall: unaryCall,
  StreamingOutputCall: streamingOutputCall,
});

server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) => {
  if (error) {
    console.error(`reference-server: ${error.message}`);
    process.exit(1);
  }
  console.log(`LISTENING ${port}`);
});

process.stdin.on('close', () => {
  server.forceShutdown();
  process.exit(0);
});
process.stdin.on('end', () => process.stdin.destroy());
process.stdin.resume();
