'use strict';
const { unary } = require('../common');
const { expectStatus } = require('./unary_cases');

module.exports = async ({ unimplementedService }) => expectStatus((await unary(unimplementedService, 'unimplementedCall', {})).error, 12);
