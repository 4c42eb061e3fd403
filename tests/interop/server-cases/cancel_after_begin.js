'use strict';
const { expectStatus } = require('./unary_cases');

module.exports = async ({ plain }) => {
  const error = await new Promise((resolve) => {
    const call = plain.streamingInputCall((e) => resolve(e));
    call.cancel();
  });
  expectStatus(error, 1);
};
