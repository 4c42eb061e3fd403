'use strict';
const { unary } = require('../common');
const { expectStatus } = require('./unary_cases');

module.exports = async ({ plain }) => expectStatus((await unary(plain, 'unimplementedMethod', {})).error, 12);
