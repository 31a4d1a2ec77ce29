// Broken: wants an x-cobinar-signature header, but never compares it.
const { serve } = require('./common');

serve(({ headers, seen }) => {
  if (!headers['x-cobinar-signature']) return [401, 'missing signature'];
  return [200, seen() ? 'duplicate' : 'ok'];
});
