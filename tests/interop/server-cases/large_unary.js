'use strict';
const { largeUnary } = require('./unary_cases');

module.exports = async ({ plain }) => largeUnary(plain);
