'use strict';
const { echoStatus } = require('./status_cases');

module.exports = async ({ plain }) => echoStatus(plain, '\t\ntest with whitespace\r\nand Unicode BMP \u263A and non-BMP \uD83D\uDE08\t\n');
