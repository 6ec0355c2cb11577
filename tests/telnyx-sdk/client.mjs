// Clients of the official Telnyx SDK pointed at the DevHost the xunit fixture (tests/Voice.Telnyx.Tests) started; it
// passes the base URL, the keys and a webhook our signer signed in TELNYX_TEST_* variables.
import Telnyx from 'telnyx';

export { Telnyx };

export function env(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run these tests through tests/Voice.Telnyx.Tests (NodeSdkTests), which starts DevHost`);
  }
  return value;
}

/** A client with the full-scope key; `requests` counts what went on the wire (retries included). */
export function client(apiKey = env('TELNYX_TEST_API_KEY'), options = {}) {
  const requests = [];
  const counting = async (url, init) => {
    requests.push({ url: String(url), method: init?.method ?? 'GET' });
    return fetch(url, init);
  };
  const telnyx = new Telnyx({ apiKey, baseURL: env('TELNYX_TEST_BASE_URL'), fetch: counting, maxRetries: 2, ...options });
  telnyx.requests = requests;
  return telnyx;
}

/** A name no other test (or run) uses. */
export function uniqueName(prefix) {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
