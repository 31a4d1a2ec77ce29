// Broken: does its work before answering, and takes 9 s, past Cobinar's 8 s timeout.
const { serve, correct } = require('./common');

serve((request) => new Promise((resolve) => setTimeout(() => resolve(correct(request)), 9000)));
