// The official Vonage SDK pointed at the DevHost the xunit fixture (tests/Voice.EndToEnd.Tests, VonageSdkTests)
// started; it passes the API origin, a Telefon key (to register applications), the number to call from and the
// account's signature secret in VONAGE_TEST_* variables. Each test registers its own Vonage application with a fresh
// RSA key pair, so the SDK signs its JWTs with a key only that application knows.
import { generateKeyPairSync } from 'node:crypto';
import { Vonage } from '@vonage/server-sdk';
import { CallbackServer } from './callback-server.mjs';

export function env(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run these tests through tests/Voice.EndToEnd.Tests (VonageSdkTests), which starts DevHost`);
  }
  return value;
}

export function keyPair() {
  return generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
}

/** Registers a Vonage application over the Telefon API (what an operator or the dashboard does). */
export async function createApplication(fields) {
  const response = await fetch(`${env('VONAGE_TEST_API_HOST')}/v1/voice/applications`, {
    method: 'POST',
    headers: { 'X-API-Key': env('VONAGE_TEST_TELEFON_KEY'), 'Content-Type': 'application/json' },
    body: JSON.stringify({ dialect: 'vonage', ...fields }),
  });
  if (response.status !== 201) {
    throw new Error(`creating the application failed: ${response.status} ${await response.text()}`);
  }
  return response.json();
}

export async function deleteApplication(id) {
  await fetch(`${env('VONAGE_TEST_API_HOST')}/v1/voice/applications/${id}`, { method: 'DELETE', headers: { 'X-API-Key': env('VONAGE_TEST_TELEFON_KEY') } });
}

/**
 * What every test sets up: a callback server (answer and event URLs), a signed-callbacks application whose event URL
 * is that server, and an SDK client with the application's private key; all removed after the test.
 */
export async function setUp(t, { signed = true } = {}) {
  const callbacks = await CallbackServer.start(env('VONAGE_TEST_SIGNATURE_SECRET'));
  t.after(() => callbacks.close());
  const { publicKey, privateKey } = keyPair();
  const app = await createApplication({
    name: `vonage-sdk-${process.pid}-${Date.now().toString(36)}`,
    event_url: callbacks.url('/events'),
    answer_url: callbacks.url('/answer'),
    vonage: { public_keys: [publicKey], signed_callbacks: signed },
  });
  t.after(() => deleteApplication(app.id));
  const vonage = new Vonage({ applicationId: app.id, privateKey }, { apiHost: env('VONAGE_TEST_API_HOST') });
  return { vonage, callbacks, app, privateKey, from: env('VONAGE_TEST_FROM_NUMBER') };
}
