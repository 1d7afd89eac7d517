// A small real app for the integration tests. Its behaviour is chosen by environment variables:
//   HEALTH=fail            /ping answers 500
//   LISTEN_DELAY_MS=n      wait n ms before listening (a slow start)
//   EXIT_AT_START=code     exit at once with that code (a broken release)
//   CRASH_AFTER_MS=n       exit 3 after n ms (a crash)
//   IGNORE_TERM=1          ignore SIGTERM (needs SIGKILL)
//   WORKER=1               no server: print a tick every 200ms until SIGTERM (companions, singletons)
//   SINGLETON_LOCK=path    as a worker, hold this lock file while running; a second holder writes path.overlap
//   SETSID_CHILD=path      start a child in a session of its own (it leaves the process group) that sleeps; write its pid to path
//   GROW_MEMORY_MB=n       once listening, take n MB more resident memory; only the first run of a release does
//                          (it leaves memory-grown in its working directory), so a restart stays small
//   HEALTHY_AFTER_MS=n     /ping answers 503 until n ms after the start (a slow warm-up)
//   PING_LOG=path          append '<epoch ms> <status>' for every /ping to path, so a test sees when it was probed
//   JOB_MS=n               a drainable worker: POST /job starts an n ms job (409 once quiet), GET /busy answers 409
//                          while a job runs and 200 when idle, POST /quiet or SIGUSR2 stops taking new jobs;
//                          "quiet", "job finished" and "SIGTERM mid-job" go to the log and to $JOB_LOG if set
//   BOOT_JOB_MS=n          a drainable worker without a port: runs one n ms job from its start, keeps job.idle in its
//                          working directory while idle (for drain_check = "exec:test -e job.idle"); events as JOB_MS
//   WORKER=1 IGNORE_TERM=1 a worker that ignores SIGTERM: "<deployment> SIGTERM ignored" goes to $JOB_LOG; with
//                          TICK_FILE=path it writes the time (epoch ms) to path-<deployment> every 100ms, so its death shows
//   REQUIRE_FILE=path      / answers 503 until that file exists (a release that needs its migration)
//   WRITE_AT_START=path    append "<revision>\n" to that file (relative to the working directory) at start
//   LOG_BYTES=n            once listening, print n bytes of numbered lines ('log line <seq> xxx…') to stdout at once
// Arguments: [port] [host]; the port is ORCH_PORT or PORT first, the host 127.0.0.1 when not given.
// Routes: /ping, / (who answered), /file?path=p (that file, relative to the working directory), /env (its environment, as JSON), /slow?ms=n, /sse?count=n&interval=ms (count 0 = forever),
//   /ws (WebSocket: answers each text message with '<deployment> <text>'),
//   POST /log?bytes=n&line=text (prints n bytes of numbered lines, then that line; answers the last sequence number).
'use strict';
const http = require('http');

const port = Number(process.env.ORCH_PORT || process.env.PORT || process.argv[2]);
const host = process.argv[3] || '127.0.0.1';
const revision = process.env.ORCH_REVISION || 'dev';
const deployment = process.env.ORCH_DEPLOYMENT_ID || 'none';
const startedAt = Date.now();

if (process.env.EXIT_AT_START) {
  console.error(`testapp: exiting at start with ${process.env.EXIT_AT_START} as asked`);
  process.exit(Number(process.env.EXIT_AT_START));
}

if (process.env.WRITE_AT_START) {
  const fs = require('fs');
  fs.appendFileSync(process.env.WRITE_AT_START, `${revision}\n`);
}

if (process.env.SETSID_CHILD) {
  const child = require('child_process').spawn('sleep', ['600'], { detached: true, stdio: 'ignore' });
  child.unref();
  require('fs').writeFileSync(process.env.SETSID_CHILD, String(child.pid));
  console.log(`testapp: started setsid child ${child.pid}`);
}

if (process.env.WORKER === '1') {
  const fs = require('fs');
  const lock = process.env.SINGLETON_LOCK;
  if (lock) {
    if (fs.existsSync(lock)) {
      fs.writeFileSync(`${lock}.overlap`, `${deployment} started while ${fs.readFileSync(lock, 'utf8')} held the lock\n`);
    }
    fs.writeFileSync(lock, deployment);
  }
  const timer = setInterval(() => console.log(`worker ${deployment} tick`), 200);
  if (process.env.TICK_FILE) {
    setInterval(() => fs.writeFileSync(`${process.env.TICK_FILE}-${deployment}`, String(Date.now())), 100);
  }
  process.on('SIGTERM', () => {
    if (process.env.IGNORE_TERM === '1') {
      console.log('testapp: ignoring SIGTERM');
      if (process.env.JOB_LOG) {
        fs.appendFileSync(process.env.JOB_LOG, `${deployment} SIGTERM ignored\n`);
      }
      return;
    }
    clearInterval(timer);
    if (lock && fs.existsSync(lock) && fs.readFileSync(lock, 'utf8') === deployment) {
      fs.unlinkSync(lock);
    }
    process.exit(0);
  });
  console.log(`worker ${deployment} started`);
  return;
}

if (process.env.BOOT_JOB_MS) {
  const fs = require('fs');
  const event = (line) => {
    console.log(`job ${deployment}: ${line}`);
    if (process.env.JOB_LOG) {
      fs.appendFileSync(process.env.JOB_LOG, `${deployment} ${line}\n`);
    }
  };
  let running = true;
  event('job started');
  setTimeout(() => {
    running = false;
    event('job finished');
    fs.writeFileSync('job.idle', '');
  }, Number(process.env.BOOT_JOB_MS));
  process.on('SIGUSR2', () => event('quiet (SIGUSR2)'));
  process.on('SIGTERM', () => {
    event(running ? 'SIGTERM mid-job' : 'SIGTERM while idle');
    process.exit(0);
  });
  setInterval(() => {}, 1000);
  return;
}

// Numbered lines, 100 bytes each, written in large synchronous chunks so a test fills a log quickly.
let logSequence = 0;
function writeLogBytes(bytes) {
  const fs = require('fs');
  const lines = [];
  for (let written = 0; written < bytes; written += 100) {
    const head = `log line ${logSequence++} `;
    lines.push(head + 'x'.repeat(99 - head.length));
    if (lines.length === 160) {
      fs.writeSync(1, lines.join('\n') + '\n');
      lines.length = 0;
    }
  }
  if (lines.length > 0) {
    fs.writeSync(1, lines.join('\n') + '\n');
  }
}

const job = { running: false, quiet: false };
function jobEvent(line) {
  console.log(`job ${deployment}: ${line}`);
  if (process.env.JOB_LOG) {
    require('fs').appendFileSync(process.env.JOB_LOG, `${deployment} ${line}\n`);
  }
}
function goQuiet(how) {
  job.quiet = true;
  jobEvent(`quiet (${how})`);
}
process.on('SIGUSR2', () => goQuiet('SIGUSR2'));

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/job' && req.method === 'POST') {
    if (job.quiet || job.running) {
      res.writeHead(409, { 'content-type': 'text/plain' });
      res.end(job.quiet ? 'quiet: no new jobs' : 'a job runs');
      return;
    }
    job.running = true;
    jobEvent('job started');
    setTimeout(() => {
      job.running = false;
      jobEvent('job finished');
    }, Number(process.env.JOB_MS || 1000));
    res.writeHead(202, { 'content-type': 'text/plain' });
    res.end('job started');
    return;
  }
  if (url.pathname === '/log' && req.method === 'POST') {
    writeLogBytes(Number(url.searchParams.get('bytes') || 0));
    const line = url.searchParams.get('line');
    if (line) {
      require('fs').writeSync(1, `${line}\n`);
    }
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(String(logSequence - 1));
    return;
  }
  if (url.pathname === '/busy') {
    res.writeHead(job.running ? 409 : 200, { 'content-type': 'text/plain' });
    res.end(job.running ? 'busy' : 'idle');
    return;
  }
  if (url.pathname === '/quiet' && req.method === 'POST') {
    goQuiet('POST /quiet');
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('quiet');
    return;
  }
  if (url.pathname === '/ping') {
    const warming = Date.now() - startedAt < Number(process.env.HEALTHY_AFTER_MS || 0);
    const healthy = !warming && process.env.HEALTH !== 'fail';
    if (process.env.PING_LOG) {
      require('fs').appendFileSync(process.env.PING_LOG, `${Date.now()} ${warming ? 503 : healthy ? 200 : 500}\n`);
    }
    if (warming) {
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('warming up');
      return;
    }
    res.writeHead(healthy ? 200 : 500, { 'content-type': 'text/plain' });
    res.end(healthy ? 'ok' : 'unhealthy on purpose');
    return;
  }
  if (url.pathname === '/file') {
    const fs = require('fs');
    const file = url.searchParams.get('path') || '';
    if (!fs.existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end(`no file ${file}`);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(fs.readFileSync(file, 'utf8'));
    return;
  }
  if (url.pathname === '/env') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(process.env));
    return;
  }
  if (url.pathname === '/slow') {
    const ms = Number(url.searchParams.get('ms') || 1000);
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`slow ${ms}ms from ${deployment}`);
    }, ms);
    return;
  }
  if (url.pathname === '/sse') {
    const count = Number(url.searchParams.get('count') || 0);
    const interval = Number(url.searchParams.get('interval') || 100);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    let sent = 0;
    const timer = setInterval(() => {
      sent += 1;
      res.write(`data: ${deployment} ${sent}\n\n`);
      if (count > 0 && sent >= count) {
        clearInterval(timer);
        res.end();
      }
    }, interval);
    req.on('close', () => clearInterval(timer));
    return;
  }
  if (process.env.REQUIRE_FILE && !require('fs').existsSync(process.env.REQUIRE_FILE)) {
    res.writeHead(503, { 'content-type': 'text/plain' });
    res.end(`${deployment}: ${process.env.REQUIRE_FILE} is missing`);
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ revision, deployment, pid: process.pid, forwardedFor: req.headers['x-forwarded-for'] || null }));
});
server.keepAliveTimeout = 65000;

// A minimal WebSocket echo (RFC 6455: handshake, masked client frames, text/ping/close), enough for the tests.
server.on('upgrade', (req, socket) => {
  const key = req.headers['sec-websocket-key'];
  if (new URL(req.url, 'http://x').pathname !== '/ws' || !key) {
    socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    return;
  }
  const accept = require('crypto').createHash('sha1').update(key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
  const frame = (opcode, payload) => {
    const head = payload.length < 126 ? Buffer.from([0x80 | opcode, payload.length]) : Buffer.from([0x80 | opcode, 126, payload.length >> 8, payload.length & 0xff]);
    return Buffer.concat([head, payload]);
  };
  let pending = Buffer.alloc(0);
  socket.on('error', () => {});
  socket.on('data', (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 2) {
      const opcode = pending[0] & 0x0f;
      let length = pending[1] & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (pending.length < 4) return;
        length = pending.readUInt16BE(2);
        offset = 4;
      }
      const masked = (pending[1] & 0x80) !== 0;
      if (pending.length < offset + (masked ? 4 : 0) + length) return;
      const mask = masked ? pending.subarray(offset, offset + 4) : null;
      offset += masked ? 4 : 0;
      const payload = Buffer.from(pending.subarray(offset, offset + length));
      if (mask) payload.forEach((b, i) => { payload[i] = b ^ mask[i % 4]; });
      pending = pending.subarray(offset + length);
      if (opcode === 0x8) {
        socket.end(frame(0x8, payload.subarray(0, 2)));
        return;
      }
      if (opcode === 0x9) socket.write(frame(0xa, payload));
      if (opcode === 0x1) socket.write(frame(0x1, Buffer.from(`${deployment} ${payload.toString('utf8')}`)));
    }
  });
});

if (process.env.CRASH_AFTER_MS) {
  setTimeout(() => {
    console.error('testapp: crashing as asked');
    process.exit(3);
  }, Number(process.env.CRASH_AFTER_MS));
}

process.on('SIGTERM', () => {
  if (process.env.IGNORE_TERM === '1') {
    console.log('testapp: ignoring SIGTERM');
    return;
  }
  if (job.running) {
    jobEvent('SIGTERM mid-job');
  }
  console.log('testapp: SIGTERM, closing');
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 5000).unref();
});

const hog = [];
function growMemory() {
  const fs = require('fs');
  if (!process.env.GROW_MEMORY_MB || fs.existsSync('memory-grown')) {
    return;
  }
  fs.writeFileSync('memory-grown', `${process.pid}\n`);
  for (let i = 0; i < Number(process.env.GROW_MEMORY_MB); i++) {
    hog.push(Buffer.alloc(1024 * 1024, 1));
  }
  console.log(`testapp: grew by ${process.env.GROW_MEMORY_MB} MB as asked`);
}

setTimeout(() => {
  server.listen(port, host, () => {
    console.log(`testapp ${revision} listening on ${port}`);
    growMemory();
    writeLogBytes(Number(process.env.LOG_BYTES || 0));
  });
}, Number(process.env.LISTEN_DELAY_MS || 0));
