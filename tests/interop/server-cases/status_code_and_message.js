'use strict';
const { echoStatus } = require('./status_cases');

module.exports = async ({ plain }) => echoStatus(plain, 'test status message');
