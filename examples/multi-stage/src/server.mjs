import { createServer } from 'node:http';
import { greeting } from './greeting.mjs';

const port = Number(process.env.PORT ?? 3000);
createServer((req, res) => {
  const name = new URL(req.url ?? '/', 'http://localhost').searchParams.get('name') ?? '';
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(`${greeting(name)}\n`);
}).listen(port, () => console.log(`listening on port ${port}`));
