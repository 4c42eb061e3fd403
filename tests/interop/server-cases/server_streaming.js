'use strict';
const { serverStreaming } = require('./streaming');

module.exports = async ({ plain }) => serverStreaming(plain, [{ size: 31415 }, { size: 9 }, { size: 2653 }, { size: 58979 }]);
