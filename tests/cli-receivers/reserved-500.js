// Broken: errors on any event it does not handle (the reserved identity.* and application.*).
const { serve, verifies } = require('./common');

serve(({ body, headers, seen }) => {
  if (!verifies(body, headers['x-cobinar-signature'])) return [401, 'invalid signature'];
  const event = JSON.parse(body.toString('utf8')).event;
  if (!event.startsWith('otp.')) return [500, `unknown event ${event}`];
  return [200, seen() ? 'duplicate' : 'ok'];
});
