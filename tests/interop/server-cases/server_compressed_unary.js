'use strict';
const { largeUnary } = require('./unary_cases');

module.exports = async ({ plain }) => {
  await largeUnary(plain, { responseCompressed: { value: true } });
  await largeUnary(plain, { responseCompressed: { value: false } });
};
