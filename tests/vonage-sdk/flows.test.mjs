import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocketServer } from 'ws';
import { setUp, env } from './client.mjs';
import { Phone, rms, eventually } from '../telnyx-sdk/calls/phone.mjs';

const SPEECH_RMS = 300;
const SILENCE_RMS = 100;
// One second of what a phone heard, in 16-bit samples at 8 kHz.
const SECOND = 8000;

async function phone(t, options) {
  const p = await Phone.start(options);
  t.after(() => p.stop());
  return p;
}

async function telefon(method, path, body) {
  const response = await fetch(`${env('VONAGE_TEST_API_HOST')}${path}`, {
    method, headers: { 'X-API-Key': env('VONAGE_TEST_TELEFON_KEY'), 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${await response.text()}`);
}

async function answeredCall(t, { vonage, callbacks, from }, bob, ncco) {
  const call = await vonage.voice.createOutboundCall({ to: [{ type: 'sip', uri: bob.uri }], from: { type: 'phone', number: from }, ncco });
  t.after(() => vonage.voice.hangupCall(call.uuid).catch(() => {}));
  await callbacks.status(call.uuid, 'answered');
  return call;
}

/** The RMS of the last second the phone heard, once a fresh second has arrived. */
async function lastSecond(p) {
  const start = p.heard().length;
  await eventually(() => p.heard().length >= start + SECOND, 'a second of audio');
  const heard = p.heard();
  return rms(heard.slice(heard.length - SECOND));
}

test('an inbound call to a Vonage application: answer_url GET with to/from/uuid, its NCCO runs, events say inbound', async (t) => {
  const session = await setUp(t);
  const user = `vonage-in-${process.pid}-${Date.now().toString(36)}`;
  await telefon('PATCH', `/v1/voice/applications/${session.app.id}`, { sip_uris: [`sip:${user}@127.0.0.1`] });
  session.callbacks.respond['/answer'] = [{ action: 'talk', text: 'Welcome to the Vonage compatible answer URL.' }];
  const alice = await phone(t);

  alice.command('dial', `sip:${user}@127.0.0.1:${env('VONAGE_TEST_NODE_SIP_PORT')}`);
  const answer = await session.callbacks.waitFor('/answer');
  assert.equal(answer.method, 'GET');
  assert.match(answer.query.to, new RegExp(user));
  assert.match(answer.query.from, /bob@127\.0\.0\.1/);
  assert.match(answer.query.conversation_uuid, /^CON-/);
  const uuid = answer.query.uuid;
  await alice.event('CALL_ESTABLISHED');
  const answered = await session.callbacks.status(uuid, 'answered');
  assert.equal(answered.direction, 'inbound');
  await session.callbacks.status(uuid, 'completed', 60);
  assert.ok(rms(alice.heard()) > SPEECH_RMS, 'the caller heard the NCCO');
});

test('transferCallWithURL fetches the new NCCO as an answer URL is fetched', async (t) => {
  const session = await setUp(t);
  const bob = await phone(t);
  const hold = [{ action: 'conversation', name: `hold-${Date.now()}` }];
  const call = await answeredCall(t, session, bob, hold);
  session.callbacks.respond['/next'] = [{ action: 'talk', text: 'This flow came from the transfer URL.' }];

  await session.vonage.voice.transferCallWithURL(call.uuid, session.callbacks.url('/next'));
  const next = await session.callbacks.waitFor('/next');
  assert.equal(next.query.uuid, call.uuid);
  await session.callbacks.status(call.uuid, 'completed', 60);
});

test('muteCall silences a caller for the others, earmuffCall silences what a caller hears; un- brings it back', async (t) => {
  const session = await setUp(t);
  const alice = await phone(t, { toneHz: 440 });
  const bob = await phone(t);
  const room = [{ action: 'conversation', name: `mute-${process.pid}-${Date.now()}` }];
  const aliceCall = await answeredCall(t, session, alice, room);
  const bobCall = await answeredCall(t, session, bob, room);
  await eventually(async () => (await lastSecond(bob)) > SPEECH_RMS, 'bob hearing alice');

  await session.vonage.voice.muteCall(aliceCall.uuid);
  await eventually(async () => (await lastSecond(bob)) < SILENCE_RMS, 'bob hearing nothing while alice is muted');
  await session.vonage.voice.unmuteCall(aliceCall.uuid);
  await eventually(async () => (await lastSecond(bob)) > SPEECH_RMS, 'bob hearing alice again');

  await session.vonage.voice.earmuffCall(bobCall.uuid);
  await eventually(async () => (await lastSecond(bob)) < SILENCE_RMS, 'bob hearing nothing while earmuffed');
  await session.vonage.voice.unearmuffCall(bobCall.uuid);
  await eventually(async () => (await lastSecond(bob)) > SPEECH_RMS, 'bob hearing alice after unearmuff');
});

test('connect to a websocket endpoint: websocket:connected with the headers, binary L16 audio, and the flow goes on when it closes', async (t) => {
  const session = await setUp(t);
  const bob = await phone(t, { toneHz: 440 });
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  t.after(() => new Promise((resolve) => server.close(resolve)));
  await new Promise((resolve) => server.once('listening', resolve));
  const messages = [];
  let socket;
  server.on('connection', (s) => {
    socket = s;
    s.on('message', (data, isBinary) => messages.push(isBinary ? { binary: data.length } : JSON.parse(data.toString())));
  });
  const uri = `ws://127.0.0.1:${server.address().port}/socket`;
  const call = await answeredCall(t, session, bob, [
    { action: 'connect', endpoint: [{ type: 'websocket', uri, 'content-type': 'audio/l16;rate=16000', headers: { customer: 'c-17' } }] },
    { action: 'talk', text: 'The socket closed, goodbye.' },
  ]);

  const connected = await eventually(() => messages.find((m) => m.event === 'websocket:connected'), 'websocket:connected');
  assert.equal(connected['content-type'], 'audio/l16;rate=16000');
  assert.equal(connected.customer, 'c-17');
  await eventually(() => messages.filter((m) => m.binary === 640).length >= 25, 'half a second of 16 kHz L16 frames (640 bytes each)');
  socket.close();
  await session.callbacks.status(call.uuid, 'completed', 60);
});

test('record with endOnSilence and beepStart ends on silence and saves an mp3; wait pauses the flow', async (t) => {
  const session = await setUp(t);
  const quiet = await phone(t);
  const call = await session.vonage.voice.createOutboundCall({
    to: [{ type: 'sip', uri: quiet.uri }], from: { type: 'phone', number: session.from },
    ncco: [
      { action: 'wait', timeout: 0.5 },
      { action: 'record', format: 'mp3', endOnSilence: 3, beepStart: true, eventUrl: [session.callbacks.url('/recording')] },
      { action: 'talk', text: 'Thanks.' },
    ],
  });
  const answered = await session.callbacks.status(call.uuid, 'answered');
  const record = await session.callbacks.waitFor('/recording', () => true, 30);
  const seconds = (Date.parse(record.body.end_time) - Date.parse(record.body.start_time)) / 1000;
  assert.ok(seconds >= 2.5 && seconds < 10, `the recording ended on 3 s of silence, not a time-out (${seconds} s)`);
  assert.ok(Date.parse(record.body.timestamp) - Date.parse(answered.timestamp) >= 3000, 'the wait and the silence both took their time');
  const mp3 = Buffer.from(await (await fetch(record.body.recording_url)).arrayBuffer());
  assert.ok(mp3.subarray(0, 3).toString('ascii') === 'ID3' || (mp3[0] === 0xff && (mp3[1] & 0xe0) === 0xe0), 'an MP3 file');
  assert.ok(rms(quiet.heard()) > SILENCE_RMS, 'the phone heard the beep');
  await session.callbacks.status(call.uuid, 'completed', 60);
});
