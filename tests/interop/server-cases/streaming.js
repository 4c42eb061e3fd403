'use strict';
// Shared body of the server-streaming cases.
const { assert } = require('../common');

function serverStreaming(client, parameters) {
  return new Promise((resolve, reject) => {
    const sizes = [];
    const call = client.streamingOutputCall({ responseParameters: parameters });
    call.on('data', (m) => sizes.push(m.payload.body.length));
    call.on('error', reject);
    call.on('end', () => {
      try {
        const expected = parameters.map((p) => p.size);
        assert(JSON.stringify(sizes) === JSON.stringify(expected), `response sizes ${JSON.stringify(sizes)}, expected ${JSON.stringify(expected)}`);
        resolve();
      } catch (e) {
        reject(e);
      }
    });
  });
}

module.exports = { serverStreaming };
