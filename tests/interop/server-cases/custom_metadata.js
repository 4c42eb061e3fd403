'use strict';
const { grpc, unary, assert } = require('../common');
const { zeros } = require('./unary_cases');

const initialValue = 'test_initial_metadata_value';
const trailingValue = Buffer.from([0xab, 0xab, 0xab]);

function metadata() {
  const md = new grpc.Metadata();
  md.set('x-grpc-test-echo-initial', initialValue);
  md.set('x-grpc-test-echo-trailing-bin', trailingValue);
  return md;
}

function check(headers, trailers, where) {
  const initial = headers && headers.get('x-grpc-test-echo-initial');
  assert(initial && initial[0] === initialValue, `${where}: initial metadata echo is ${JSON.stringify(initial)}`);
  const trailing = trailers && trailers.get('x-grpc-test-echo-trailing-bin');
  assert(trailing && Buffer.isBuffer(trailing[0]) && trailing[0].equals(trailingValue), `${where}: trailing metadata echo is ${JSON.stringify(trailing)}`);
}

module.exports = async ({ plain }) => {
  const u = await unary(plain, 'unaryCall', { responseSize: 314159, payload: { body: zeros(271828) } }, {}, metadata());
  assert(!u.error, `UnaryCall failed: ${u.error && u.error.message}`);
  check(u.headers, u.trailers, 'UnaryCall');

  await new Promise((resolve, reject) => {
    const call = plain.fullDuplexCall(metadata());
    let headers;
    let count = 0;
    call.on('metadata', (md) => { headers = md; });
    call.on('data', (m) => { count += 1; if (m.payload.body.length !== 314159) reject(new Error(`duplex response of ${m.payload.body.length} bytes`)); });
    call.on('error', reject);
    call.on('status', (s) => {
      try {
        assert(s.code === 0, `FullDuplexCall ended with ${s.code} ${s.details}`);
        assert(count === 1, `FullDuplexCall sent ${count} responses, expected 1`);
        check(headers, s.metadata, 'FullDuplexCall');
        resolve();
      } catch (e) {
        reject(e);
      }
    });
    call.write({ responseParameters: [{ size: 314159 }], payload: { body: zeros(271828) } });
    call.end();
  });
};
