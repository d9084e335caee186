// The gateway service: answers GET / with its name, on $PORT.
import { createServer } from 'node:http';

createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ service: 'gateway' }));
}).listen(Number(process.env.PORT));
