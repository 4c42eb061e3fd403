'use strict';
const { expectStatus, zeros } = require('./unary_cases');

module.exports = async ({ plain }) => {
  const error = await new Promise((resolve) => {
    const call = plain.fullDuplexCall({ deadline: Date.now() + 1 });
    call.on('data', () => {});
    call.on('error', resolve);
    call.on('end', () => resolve(null));
    call.write({ payload: { body: zeros(27182) } });
  });
  expectStatus(error, 4);
};
