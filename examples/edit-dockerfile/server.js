// A dependency-free app on port 8080.
const { createServer } = require('node:http');

createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('Hello from an edited Dockerfile\n');
}).listen(8080, () => console.log('listening on port 8080'));
