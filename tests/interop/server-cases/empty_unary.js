'use strict';
const { unary, assert } = require('../common');

module.exports = async ({ plain }) => {
  const { error, response } = await unary(plain, 'emptyCall', {});
  assert(!error, `EmptyCall failed: ${error && error.message}`);
  assert(response && Object.keys(response).length === 0, `expected an empty response, got ${JSON.stringify(response)}`);
};
