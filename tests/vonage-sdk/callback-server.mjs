// The customer's server for the Vonage SDK tests: answer URL, event URL and action eventUrls on one loopback HTTP
// server. Every request is kept with its method, path, query, body and signature check: a signed callback must pass
// @vonage/jwt verifySignature with the account's signature secret and its payload_hash must be the body's SHA-256
// (verifySignature leaves that check to the user). Answers come from `respond` (path → NCCO or function).
import http from 'node:http';
import { createHash } from 'node:crypto';
import { verifySignature } from '@vonage/jwt';

function claimsOf(token) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

export class CallbackServer {
  static async start(secret) {
    const server = new CallbackServer(secret);
    await new Promise((resolve) => server.server.listen(0, '127.0.0.1', resolve));
    return server;
  }

  requests = [];
  respond = {};

  constructor(secret) {
    this.secret = secret;
    this.server = http.createServer((request, response) => {
      const chunks = [];
      request.on('data', (c) => chunks.push(c));
      request.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const url = new URL(request.url, 'http://127.0.0.1');
        const query = Object.fromEntries(url.searchParams);
        const body = raw.length > 0 ? JSON.parse(raw) : query;
        const entry = { method: request.method, path: url.pathname, query, body, signed: false, signatureProblem: null };
        const auth = request.headers.authorization;
        if (auth?.startsWith('Bearer ')) {
          const token = auth.slice(7);
          entry.signed = true;
          try {
            if (!verifySignature(token, secret)) {
              entry.signatureProblem = 'verifySignature returned false';
            } else {
              const signedContent = raw.length > 0 ? raw : JSON.stringify(query);
              const hash = createHash('sha256').update(signedContent).digest('hex');
              const claims = claimsOf(token);
              entry.claims = claims;
              if (claims.payload_hash !== hash) {
                entry.signatureProblem = `payload_hash ${claims.payload_hash} is not the body's ${hash}`;
              }
            }
          } catch (e) {
            entry.signatureProblem = e.message;
          }
        }
        this.requests.push(entry);
        const answer = this.respond[url.pathname];
        const value = typeof answer === 'function' ? answer(entry) : answer;
        if (value === undefined) {
          response.writeHead(204).end();
        } else {
          response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(value));
        }
      });
    });
  }

  url(path) {
    return `http://127.0.0.1:${this.server.address().port}${path}`;
  }

  /** Event-URL bodies about call `uuid` (status events by `uuid`, machine events by `call_uuid`). */
  eventsOf(uuid, path = '/events') {
    return this.requests.filter((r) => r.path === path && (r.body.uuid === uuid || r.body.call_uuid === uuid)).map((r) => r.body);
  }

  /** Waits for the first request to `path` matching `where`; fails at once on a callback whose signature is wrong. */
  async waitFor(path, where = () => true, seconds = 30) {
    const deadline = Date.now() + seconds * 1000;
    for (;;) {
      const bad = this.requests.find((r) => r.signatureProblem);
      if (bad) {
        throw new Error(`a callback to ${bad.path} failed its signature check: ${bad.signatureProblem}`);
      }
      const found = this.requests.find((r) => r.path === path && where(r.body, r));
      if (found) {
        return found;
      }
      if (Date.now() > deadline) {
        const seen = this.requests.map((r) => `${r.path}:${r.body.status ?? r.body.dtmf?.digits ?? '?'}`).join(', ');
        throw new Error(`no request to ${path} matching within ${seconds} s; got: ${seen}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Waits for the event with `status` about call `uuid`. */
  status(uuid, status, seconds = 30) {
    return this.waitFor('/events', (b) => (b.uuid === uuid || b.call_uuid === uuid) && b.status === status, seconds).then((r) => r.body);
  }

  close() {
    this.server.closeAllConnections?.();
    return new Promise((resolve) => this.server.close(resolve));
  }
}
