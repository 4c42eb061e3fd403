'use strict';
// Shared body of status_code_and_message and special_status_message: the server echoes response_status.
const { unary } = require('../common');
const { expectStatus } = require('./unary_cases');

async function echoStatus(client, message) {
  const responseStatus = { code: 2, message };
  const u = await unary(client, 'unaryCall', { responseStatus });
  expectStatus(u.error, 2, message);

  await new Promise((resolve, reject) => {
    const call = client.fullDuplexCall();
    call.on('data', () => {});
    call.on('error', (error) => {
      try {
        expectStatus(error, 2, message);
        resolve();
      } catch (e) {
        reject(e);
      }
    });
    call.on('end', () => reject(new Error('FullDuplexCall ended without an error status')));
    call.write({ responseStatus });
    call.end();
  });
}

module.exports = { echoStatus };
