// Broken: verifies JSON.stringify(JSON.parse(body)), as express.json() then JSON.stringify(req.body)
// does. Genuine compact bodies pass; so does any other writing of the same JSON.
const { serve, verifies } = require('./common');

serve(({ body, headers, seen }) => {
  let parsed;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return [400, 'not JSON'];
  }
  if (!verifies(Buffer.from(JSON.stringify(parsed)), headers['x-cobinar-signature'])) return [401, 'invalid signature'];
  return [200, seen() ? 'duplicate' : 'ok'];
});
