// Fails the first FAIL_FIRST attempts (default 2) with 503, then answers 200; prints one JSON
// line per request with the time it arrived (its own clock) and the event id, for the send
// timing test.
const { serve, correct } = require('./common');

const failFirst = Number(process.env.FAIL_FIRST ?? 2);
let count = 0;
serve((request) => {
  count += 1;
  console.log(JSON.stringify({ arrival: count, at: performance.now(), eventId: request.headers['x-cobinar-event-id'] }));
  if (count <= failFirst) return [503, 'try again'];
  return correct(request);
});
