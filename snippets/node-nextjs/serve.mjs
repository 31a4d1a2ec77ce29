// Serves the built app (npm run build first) on 127.0.0.1:$PORT, as `next start` would; PORT=0
// lets the system choose, and the line printed says which port it chose.
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import next from 'next';

if (!process.env.COBINAR_WEBHOOK_SECRET) {
  throw new Error("Set COBINAR_WEBHOOK_SECRET to your application's webhook secret");
}
const dir = path.dirname(fileURLToPath(import.meta.url));
const app = next({ dev: false, dir });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => handle(req, res));
server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () =>
  console.log(`listening on http://127.0.0.1:${server.address().port}/webhooks/auth`),
);
