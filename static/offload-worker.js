// webhook-echo's worker: runs the page's own wasm, so that large bodies are hashed, read and
// diagnosed off the page's thread. The page's first message names its module's addresses (only
// addresses on this origin are loaded); each later one is a job and the body's bytes, answered
// with the job's outcome as text (see src/diagnose/offload.rs), or 'job-failed' when the module
// could not do it; 'failed' says the module did not load. The secret stays in this tab's memory.
const waiting = [];
let work = (message) => waiting.push(message);
const own = (address) => {
  const url = new URL(address, self.location.href);
  if (url.origin !== self.location.origin) throw new Error(`${address} is not on this origin`);
  return url.href;
};
const start = async ({ glue, wasm }) => {
  const module = await import(own(glue));
  await module.default({ module_or_path: own(wasm) });
  work = ({ job, body }) => self.postMessage(module.offloadRun(job, new Uint8Array(body)) ?? 'job-failed');
  waiting.splice(0).forEach(work);
};
self.onmessage = (event) => {
  self.onmessage = (event) => work(event.data);
  start(event.data).catch(() => self.postMessage('failed'));
};
