'use strict';
// Shared bodies of the unary cases.
const { unary, assert } = require('../common');

const zeros = (n) => Buffer.alloc(n);

async function largeUnary(client, extra = {}) {
  const { error, response } = await unary(client, 'unaryCall', {
    responseSize: 314159, payload: { body: zeros(271828) }, ...extra,
  });
  assert(!error, `large unary failed: ${error && error.message}`);
  assert(response.payload.body.length === 314159, `response payload is ${response.payload.body.length} bytes, expected 314159`);
  assert(response.payload.body.every((b) => b === 0), 'response payload is not all zeros');
}

function expectStatus(error, code, details) {
  assert(error, `expected status ${code}, got OK`);
  assert(error.code === code, `expected status ${code}, got ${error.code} (${error.details})`);
  if (details !== undefined) {
    assert(error.details === details, `expected message ${JSON.stringify(details)}, got ${JSON.stringify(error.details)}`);
  }
}

module.exports = { largeUnary, expectStatus, zeros };
