// A small static file server for the end-to-end suite: serves one built site
// folder on 127.0.0.1 under a sub-path (default /reports/2024/), the way an
// office copies public/ into a folder of an intranet server. Anything outside
// the sub-path is a 404, so a root-absolute link ("/static/...") fails the
// suite instead of happening to work.
//
// Standalone use, to look at a built site by hand:
//   node tests/e2e/server.mjs public [/reports/2024/] [port]

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Content types of the files a planpress site holds. */
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
  '.xml': 'application/xml; charset=utf-8',
};

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(body);
}

/**
 * Serves `root` under `prefix` on 127.0.0.1 at `port` (0: any free port).
 * Resolves to { origin, prefix, baseUrl, close() } once it listens.
 */
export function startServer(root, prefix = '/reports/2024/', port = 0) {
  if (!prefix.startsWith('/') || !prefix.endsWith('/')) {
    throw new Error(`the sub-path must start and end with "/": ${prefix}`);
  }
  const absRoot = path.resolve(root);
  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        send(res, 405, 'method not allowed\n', { allow: 'GET, HEAD' });
        return;
      }
      const url = new URL(req.url, 'http://127.0.0.1');
      if (!url.pathname.startsWith(prefix)) {
        send(res, 404, `not under ${prefix}\n`);
        return;
      }
      let rel;
      try {
        rel = decodeURIComponent(url.pathname.slice(prefix.length));
      } catch {
        send(res, 400, 'bad path encoding\n');
        return;
      }
      const file = path.resolve(absRoot, rel);
      if (file !== absRoot && !file.startsWith(absRoot + path.sep)) {
        send(res, 404, 'outside the site\n');
        return;
      }
      let info = await stat(file).catch(() => null);
      let target = file;
      if (info?.isDirectory()) {
        // Like any ordinary static server: a folder without its slash is
        // redirected, a folder with it serves its index.html.
        if (!url.pathname.endsWith('/')) {
          res.writeHead(301, { location: url.pathname + '/' + url.search });
          res.end();
          return;
        }
        target = path.join(file, 'index.html');
        info = await stat(target).catch(() => null);
      }
      if (!info?.isFile()) {
        send(res, 404, 'not found\n');
        return;
      }
      const type = TYPES[path.extname(target).toLowerCase()] ?? 'application/octet-stream';
      res.writeHead(200, { 'content-type': type, 'content-length': info.size, 'cache-control': 'no-store' });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      createReadStream(target).pipe(res);
    } catch (err) {
      send(res, 500, `${err}\n`);
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      const origin = `http://127.0.0.1:${actual}`;
      resolve({
        origin,
        prefix,
        baseUrl: origin + prefix,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [root = 'public', prefix = '/reports/2024/', port = '8000'] = process.argv.slice(2);
  const s = await startServer(root, prefix, Number(port));
  console.log(`serving ${path.resolve(root)} at ${s.baseUrl} (Ctrl-C to stop)`);
}
