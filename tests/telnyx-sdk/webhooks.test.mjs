import { test } from 'node:test';
import assert from 'node:assert/strict';
import { client, env } from './client.mjs';

// TELNYX_TEST_SIGNED_BODY was signed by TelnyxWebhookSigner with the test account's key just before this run.
const body = () => env('TELNYX_TEST_SIGNED_BODY');
const headers = () => ({
  'telnyx-signature-ed25519': env('TELNYX_TEST_SIGNATURE'),
  'Telnyx-Timestamp': env('TELNYX_TEST_TIMESTAMP'),
});

async function publicKey(telnyx) {
  const { data } = await telnyx.get('/public_key');
  assert.equal(data.algorithm, 'ed25519');
  assert.equal(data.public_key.length, 44, 'padded base64 of 32 bytes');
  return data.public_key;
}

test('webhooks.unwrap accepts a webhook our signer signed, with the key from GET /v2/public_key', async () => {
  const telnyx = client();
  const key = await publicKey(telnyx);
  const event = await telnyx.webhooks.unwrap(body(), { headers: headers(), key });
  assert.equal(event.data.record_type, 'event');

  const configured = client(undefined, { publicKey: key });
  await configured.webhooks.unwrap(body(), { headers: headers() });
});

test('webhooks.unwrap rejects a tampered body, a wrong timestamp and another account\'s key', async () => {
  const telnyx = client();
  const key = await publicKey(telnyx);
  await assert.rejects(telnyx.webhooks.unwrap(body().replace('"event"', '"evenT"'), { headers: headers(), key }), /signature does not match/);
  await assert.rejects(
    telnyx.webhooks.unwrap(body(), { headers: { ...headers(), 'Telnyx-Timestamp': String(Number(env('TELNYX_TEST_TIMESTAMP')) + 1) }, key }),
    /signature does not match/);

  const otherKey = await publicKey(client(env('TELNYX_TEST_OTHER_ACCOUNT_KEY')));
  assert.notEqual(otherKey, key, 'each account has its own key pair');
  await assert.rejects(telnyx.webhooks.unwrap(body(), { headers: headers(), key: otherKey }), /signature does not match/);
});
