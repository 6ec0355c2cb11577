// The customer's webhook endpoint for the SDK call tests: a local HTTP server that keeps every Telnyx webhook it
// gets, after checking it with the SDK's own client.webhooks.unwrap (signature, timestamp, envelope) against the
// account's public key. A webhook that fails the check is kept as a failure and fails the test that waits.
import http from 'node:http';

export class WebhookReceiver {
  static async start(telnyx) {
    const { data } = await telnyx.get('/public_key');
    const receiver = new WebhookReceiver(telnyx, data.public_key);
    await new Promise((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    receiver.url = `http://127.0.0.1:${receiver.server.address().port}/telnyx`;
    return receiver;
  }

  events = [];
  failures = [];

  constructor(telnyx, key) {
    this.server = http.createServer((request, response) => {
      const chunks = [];
      request.on('data', (c) => chunks.push(c));
      request.on('end', async () => {
        const body = Buffer.concat(chunks).toString('utf8');
        try {
          const event = await telnyx.webhooks.unwrap(body, { headers: request.headers, key });
          this.events.push(event);
        } catch (e) {
          this.failures.push(`${e.message}: ${body}`);
        }
        response.writeHead(200).end();
      });
    });
  }

  /** Events of one call (by call_control_id), in the order they came. */
  of(callControlId) {
    return this.events.filter((e) => e.data.payload?.call_control_id === callControlId);
  }

  /** Waits for the first event of `eventType` about `callControlId` (any call when null) matching `where`. */
  async waitFor(eventType, callControlId, where = () => true, seconds = 30) {
    const deadline = Date.now() + seconds * 1000;
    for (;;) {
      if (this.failures.length > 0) {
        throw new Error(`a webhook failed client.webhooks.unwrap: ${this.failures[0]}`);
      }
      const found = this.events.find((e) => e.data.event_type === eventType
        && (callControlId === null || e.data.payload?.call_control_id === callControlId) && where(e.data.payload));
      if (found) {
        return found.data;
      }
      if (Date.now() > deadline) {
        const seen = this.events.map((e) => e.data.event_type).join(', ');
        throw new Error(`no ${eventType} webhook for ${callControlId} within ${seconds} s; got: ${seen}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  close() {
    return new Promise((resolve) => this.server.close(resolve));
  }
}
