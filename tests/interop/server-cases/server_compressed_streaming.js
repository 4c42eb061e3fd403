'use strict';
const { serverStreaming } = require('./streaming');

module.exports = async ({ plain }) => serverStreaming(plain, [
  { compressed: { value: true }, size: 31415 },
  { compressed: { value: false }, size: 92653 },
]);
