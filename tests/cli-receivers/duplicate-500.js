// Broken: treats a retry (an event id already handled) as an error.
const { serve, verifies } = require('./common');

serve(({ body, headers, seen }) => {
  if (!verifies(body, headers['x-cobinar-signature'])) return [401, 'invalid signature'];
  if (seen()) return [500, 'already processed'];
  return [200, 'ok'];
});
