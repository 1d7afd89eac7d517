// The example app: answers every request with its revision, and /ping for health.
'use strict';
const http = require('http');

const port = Number(process.env.ORCH_PORT || process.argv[2] || 3000);
const revision = process.env.ORCH_REVISION || 'dev';

const server = http.createServer((req, res) => {
  if (req.url === '/ping') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
    return;
  }
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end(`hello from revision ${revision}\n`);
});
server.keepAliveTimeout = 65000;

process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
});

server.listen(port, '127.0.0.1', () => console.log(`hello ${revision} listening on ${port}`));
