import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomUUID, createSign } from 'node:crypto';
import { Vonage } from '@vonage/server-sdk';
import { setUp, keyPair, env } from './client.mjs';

const b64 = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

function rs256(claims, privateKey, header = { alg: 'RS256', typ: 'JWT' }) {
  const input = `${b64(header)}.${b64(claims)}`;
  const signature = createSign('RSA-SHA256').update(input).sign(privateKey).toString('base64url');
  return `${input}.${signature}`;
}

async function get(path, token) {
  return fetch(`${env('VONAGE_TEST_API_HOST')}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
}

async function problem(response, status) {
  assert.equal(response.status, status);
  assert.match(response.headers.get('content-type'), /^application\/problem\+json/);
  const body = await response.json();
  assert.ok(body.type && body.title && body.detail && body.instance, JSON.stringify(body));
  return body;
}

const now = () => Math.floor(Date.now() / 1000);

/** The error `promise` rejects with (assert.rejects cannot await the problem body). */
async function rejection(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error('the request did not fail');
}

test('every negative JWT case is a 401 problem: other key, expired, alg none, HS256, unknown application, replayed jti, acl', async (t) => {
  const { app, privateKey } = await setUp(t);
  const claims = () => ({ application_id: app.id, iat: now(), exp: now() + 300, jti: randomUUID() });
  assert.equal((await get('/v1/calls', rs256(claims(), privateKey))).status, 200, 'a valid token works');

  const other = keyPair().privateKey;
  assert.match((await problem(await get('/v1/calls', rs256(claims(), other)), 401)).detail, /signature/);
  assert.match((await problem(await get('/v1/calls', rs256({ ...claims(), iat: now() - 1000, exp: now() - 120 }, privateKey)), 401)).detail, /expired/);
  const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`;
  assert.match((await problem(await get('/v1/calls', none), 401)).detail, /malformed|none/);
  const hsInput = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims())}`;
  const hs = `${hsInput}.${createHmac('sha256', 'secret').update(hsInput).digest('base64url')}`;
  assert.match((await problem(await get('/v1/calls', hs), 401)).detail, /HS256/);
  assert.match((await problem(await get('/v1/calls', rs256({ ...claims(), application_id: randomUUID() }, privateKey)), 401)).detail, /does not exist/);
  assert.match((await problem(await get('/v1/calls', rs256({ ...claims(), nbf: now() + 600 }, privateKey)), 401)).detail, /nbf/);
  assert.match((await problem(await get('/v1/calls', rs256({ application_id: app.id, iat: now(), jti: randomUUID() }, privateKey)), 401)).detail, /exp/);

  const once = rs256(claims(), privateKey);
  assert.equal((await get('/v1/calls', once)).status, 200);
  assert.match((await problem(await get('/v1/calls', once), 401)).detail, /used before/);

  const acl = { paths: { '/*/users/**': {} } };
  assert.match((await problem(await get('/v1/calls', rs256({ ...claims(), acl }, privateKey)), 401)).detail, /acl/);
  assert.equal((await get('/v1/calls', rs256({ ...claims(), acl: { paths: { '/*/calls/**': {} } } }, privateKey))).status, 200);
  await problem(await get('/v1/calls'), 401);
});

test('the SDK with a wrong private key gets VetchError 401, and the problem body is in err.response', async (t) => {
  const { app } = await setUp(t);
  const vonage = new Vonage({ applicationId: app.id, privateKey: keyPair().privateKey }, { apiHost: env('VONAGE_TEST_API_HOST') });
  const e = await rejection(vonage.voice.getCall('CAnothing'));
  assert.equal(e.message, 'Request failed with status code 401');
  const body = await e.response.json();
  assert.equal(body.type, 'https://developer.nexmo.com/api-errors#unauthorized');
});

test('malformed input gets a 400 problem naming the field; unknown calls 404; unsupported endpoints 422', async (t) => {
  const { vonage, from } = await setUp(t);
  const cases = [
    [{ to: [], from: { type: 'phone', number: from }, ncco: [{ action: 'talk', text: 'x' }] }, 'to'],
    [{ to: [{ type: 'phone', number: 'abc' }], from: { type: 'phone', number: from }, ncco: [{ action: 'talk', text: 'x' }] }, 'to[0].number'],
    [{ to: [{ type: 'phone', number: '14155550100' }], from: { type: 'phone', number: from } }, 'ncco'],
    [{ to: [{ type: 'phone', number: '14155550100' }], from: { type: 'phone', number: from }, ncco: [{ action: 'input', type: ['dtmf'], dtmf: { maxDigits: 99 } }] }, 'ncco/0/dtmf/maxDigits'],
    [{ to: [{ type: 'phone', number: '14155550100' }], from: { type: 'phone', number: from }, answer_url: ['not a url'] }, 'answer_url[0]'],
    [{ to: [{ type: 'phone', number: '14155550100' }], from: { type: 'phone', number: from }, ncco: [{ action: 'talk', text: 'x' }], length_timer: 0 }, 'length_timer'],
    [{ to: [{ type: 'phone', number: '14155550100' }], from: { type: 'phone', number: '19999999999' }, ncco: [{ action: 'talk', text: 'x' }] }, 'from'],
  ];
  for (const [body, field] of cases) {
    const e = await rejection(vonage.voice.createOutboundCall(body));
    assert.equal(e.message, 'Request failed with status code 400', field);
    const problemBody = await e.response.json();
    assert.equal(problemBody.invalid_parameters[0].name, field, JSON.stringify(problemBody));
  }

  await assert.rejects(vonage.voice.createOutboundCall({ to: [{ type: 'websocket', uri: 'ws://127.0.0.1:1/socket' }], from: { type: 'phone', number: from }, ncco: [{ action: 'talk', text: 'x' }] }),
    /status code 422/);
  await assert.rejects(vonage.voice.getCall('CA0000000000000000000000'), /status code 404/);
  await assert.rejects(vonage.voice.playTTS('CA0000000000000000000000', { text: 'hello' }), /status code 404/);
  await assert.rejects(vonage.voice.playTTS('CA0000000000000000000000', { text: '' }), /status code 400/);
});
