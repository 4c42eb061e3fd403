'use strict';
const { unary } = require('../common');
const { largeUnary, expectStatus, zeros } = require('./unary_cases');

module.exports = async ({ plain, gzip }) => {
  // Probe: an uncompressed request that claims to expect compression is refused.
  const probe = await unary(plain, 'unaryCall', { expectCompressed: { value: true }, responseSize: 314159, payload: { body: zeros(271828) } });
  expectStatus(probe.error, 3);
  await largeUnary(gzip, { expectCompressed: { value: true } });
  await largeUnary(plain, { expectCompressed: { value: false } });
};
