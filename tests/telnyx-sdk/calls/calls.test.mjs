import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Telnyx, env, uniqueName } from '../client.mjs';
import { Phone, rms, eventually } from './phone.mjs';
import { setUp } from './session.mjs';

// Speech from our TTS is thousands; the silence of a parked call is 0 and comfort noise tens.
const SPEECH_RMS = 300;
const clientState = (text) => Buffer.from(text).toString('base64');

async function phone(t, options) {
  const p = await Phone.start(options);
  t.after(() => p.stop());
  return p;
}

/** Dials `phone` and waits until the call is answered (its call.answered webhook). */
async function dialAnswered(telnyx, webhooks, app, from, phone, extra = {}) {
  const { data: call } = await telnyx.calls.dial({ connection_id: app.id, from, to: phone.uri, ...extra });
  try {
    await webhooks.waitFor('call.answered', call.call_control_id);
  } catch (e) {
    throw new Error(`${e.message}; the phone saw: ${phone.seenTypes.join(', ')}`);
  }
  return call;
}

test('calls.dial rings a real phone and reports call.initiated and call.answered with the client state', async (t) => {
  const { telnyx, webhooks, app, from } = await setUp(t, 'sdk-calls');
  const bob = await phone(t);

  const { data: call } = await telnyx.calls.dial({ connection_id: app.id, from, to: bob.uri, client_state: clientState('order-17'), timeout_secs: 30 });
  assert.match(call.call_control_id, /^v3:/);
  assert.match(call.call_leg_id, /^[0-9a-f-]{36}$/);
  assert.equal(call.record_type, 'call');

  const initiated = await webhooks.waitFor('call.initiated', call.call_control_id);
  assert.equal(initiated.payload.direction, 'outgoing');
  assert.equal(initiated.payload.connection_id, app.id);
  assert.equal(initiated.payload.from, from);
  const answered = await webhooks.waitFor('call.answered', call.call_control_id);
  assert.equal(answered.payload.client_state, clientState('order-17'));
  assert.equal(answered.payload.call_leg_id, call.call_leg_id);
  await bob.event('CALL_ESTABLISHED');

  const { data: status } = await telnyx.calls.retrieveStatus(call.call_control_id);
  assert.equal(status.is_alive, true);
  await telnyx.calls.actions.hangup(call.call_control_id, {});
});

test('actions.speak is heard by the phone and reported by call.speak.started and call.speak.ended', async (t) => {
  const { telnyx, webhooks, app, from } = await setUp(t, 'sdk-calls');
  const bob = await phone(t);
  const call = await dialAnswered(telnyx, webhooks, app, from, bob);
  assert.ok(rms(bob.heard()) < SPEECH_RMS, 'a parked call is silent before the speak');

  const result = await telnyx.calls.actions.speak(call.call_control_id, { payload: 'Hello from the Telnyx SDK, this is a test.', voice: 'female', language: 'en-US' });
  assert.deepEqual(result.data, { result: 'ok' });
  await webhooks.waitFor('call.speak.started', call.call_control_id);
  const ended = await webhooks.waitFor('call.speak.ended', call.call_control_id);
  assert.equal(ended.payload.status, 'completed');
  await eventually(() => rms(bob.heard()) > SPEECH_RMS, 'the speech at the phone');

  await telnyx.calls.actions.hangup(call.call_control_id);
  const hangup = await webhooks.waitFor('call.hangup', call.call_control_id);
  assert.equal(hangup.payload.hangup_cause, 'normal_clearing');
  assert.equal(hangup.payload.hangup_source, 'caller');
});

test('actions.gatherUsingSpeak collects the digits the phone presses', async (t) => {
  const { telnyx, webhooks, app, from } = await setUp(t, 'sdk-calls');
  const bob = await phone(t);
  const call = await dialAnswered(telnyx, webhooks, app, from, bob);

  await telnyx.calls.actions.gatherUsingSpeak(call.call_control_id, {
    payload: 'Please enter your two digit code.', voice: 'female', language: 'en-US',
    maximum_digits: 2, timeout_millis: 20000, client_state: clientState('gather'),
  });
  // Press once the prompt is heard: the gather runs on the node from then on.
  await eventually(() => rms(bob.heard()) > SPEECH_RMS, 'the gather prompt at the phone');
  await bob.press('42');
  const gathered = await webhooks.waitFor('call.gather.ended', call.call_control_id);
  assert.equal(gathered.payload.digits, '42');
  assert.equal(gathered.payload.status, 'valid');
  assert.equal(gathered.payload.client_state, clientState('gather'));
  const digits = webhooks.of(call.call_control_id).filter((e) => e.data.event_type === 'call.dtmf.received').map((e) => e.data.payload.digit);
  assert.deepEqual(digits, ['4', '2']);
  await telnyx.calls.actions.hangup(call.call_control_id);
});

test('a command on a call that has ended is UnprocessableEntity 90018, and an unknown call is NotFound', async (t) => {
  const { telnyx, webhooks, app, from } = await setUp(t, 'sdk-calls');
  const bob = await phone(t);
  const call = await dialAnswered(telnyx, webhooks, app, from, bob);
  await telnyx.calls.actions.hangup(call.call_control_id);
  await webhooks.waitFor('call.hangup', call.call_control_id);

  await assert.rejects(telnyx.calls.actions.speak(call.call_control_id, { payload: 'too late', voice: 'female' }), (e) => {
    assert.ok(e instanceof Telnyx.UnprocessableEntityError, String(e));
    assert.equal(e.error.errors[0].code, '90018');
    return true;
  });
  const { data: status } = await telnyx.calls.retrieveStatus(call.call_control_id);
  assert.equal(status.is_alive, false);
  await assert.rejects(telnyx.calls.actions.answer('v3:QUJDREVGR0hJSktMTU5PUFFSU1RVVldY'), Telnyx.NotFoundError);
});

test('calls.dial with the same command_id twice places one call', async (t) => {
  const { telnyx, webhooks, app, from } = await setUp(t, 'sdk-calls');
  const bob = await phone(t);
  const commandId = uniqueName('dial');

  const first = await telnyx.calls.dial({ connection_id: app.id, from, to: bob.uri, command_id: commandId });
  const second = await telnyx.calls.dial({ connection_id: app.id, from, to: bob.uri, command_id: commandId });
  assert.equal(second.data.call_control_id, first.data.call_control_id);
  await webhooks.waitFor('call.answered', first.data.call_control_id);
  const active = [];
  for await (const call of telnyx.connections.listActiveCalls(app.id)) {
    active.push(call.call_control_id);
  }
  assert.deepEqual(active, [first.data.call_control_id]);
  const initiated = webhooks.events.filter((e) => e.data.event_type === 'call.initiated' && e.data.payload.connection_id === app.id);
  assert.equal(initiated.length, 1);
  await telnyx.calls.actions.hangup(first.data.call_control_id);
});

test('actions.startRecording and stopRecording save a recording whose URL serves the audio', async (t) => {
  const { telnyx, webhooks, app, from } = await setUp(t, 'sdk-calls');
  const bob = await phone(t, { toneHz: 440 });
  const call = await dialAnswered(telnyx, webhooks, app, from, bob);

  await telnyx.calls.actions.startRecording(call.call_control_id, { format: 'wav', channels: 'single' });
  await new Promise((r) => setTimeout(r, 2000)); // two seconds of the phone's tone to record
  await telnyx.calls.actions.stopRecording(call.call_control_id, {});
  const saved = await webhooks.waitFor('call.recording.saved', call.call_control_id);
  assert.equal(saved.payload.channels, 'single');
  const wav = await fetch(saved.payload.recording_urls.wav);
  assert.equal(wav.status, 200);
  const bytes = Buffer.from(await wav.arrayBuffer());
  assert.equal(bytes.subarray(0, 4).toString('ascii'), 'RIFF');
  assert.ok(bytes.length > 8000 * 2, `a recording of about two seconds, got ${bytes.length} bytes`);
  await telnyx.calls.actions.hangup(call.call_control_id);
});

test('actions.startRecording with format mp3 saves an MP3 that recording_urls.mp3 serves', async (t) => {
  const { telnyx, webhooks, app, from } = await setUp(t, 'sdk-calls');
  const bob = await phone(t, { toneHz: 440 });
  const call = await dialAnswered(telnyx, webhooks, app, from, bob);

  await telnyx.calls.actions.startRecording(call.call_control_id, { format: 'mp3', channels: 'single' });
  await new Promise((r) => setTimeout(r, 2000)); // two seconds of the phone's tone to record
  await telnyx.calls.actions.stopRecording(call.call_control_id, {});
  const saved = await webhooks.waitFor('call.recording.saved', call.call_control_id);
  assert.deepEqual(Object.keys(saved.payload.recording_urls), ['mp3']);
  assert.deepEqual(Object.keys(saved.payload.public_recording_urls), ['mp3']);
  const mp3 = await fetch(saved.payload.recording_urls.mp3);
  assert.equal(mp3.status, 200);
  const bytes = Buffer.from(await mp3.arrayBuffer());
  const id3 = bytes.subarray(0, 3).toString('ascii') === 'ID3';
  const frameSync = bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0;
  assert.ok(id3 || frameSync, `an MP3 (ID3 tag or frame sync), got ${bytes.subarray(0, 4).toString('hex')}`);
  assert.ok(bytes.length > 2000, `about two seconds of MP3, got ${bytes.length} bytes`);
  await telnyx.calls.actions.hangup(call.call_control_id);
});

test('actions.bridge joins two phones that then hear each other, and both legs report call.bridged', async (t) => {
  const { telnyx, webhooks, app, from } = await setUp(t, 'sdk-calls');
  const alice = await phone(t, { toneHz: 440 });
  const bob = await phone(t, { toneHz: 1000 });
  const a = await dialAnswered(telnyx, webhooks, app, from, alice);
  const b = await dialAnswered(telnyx, webhooks, app, from, bob);
  assert.ok(rms(bob.heard()) < SPEECH_RMS, 'bob hears nothing before the bridge');

  // The SDK's parameter call_control_id_to_bridge_with goes on the wire as call_control_id.
  await telnyx.calls.actions.bridge(a.call_control_id, { call_control_id_to_bridge_with: b.call_control_id });
  await webhooks.waitFor('call.bridged', a.call_control_id);
  await webhooks.waitFor('call.bridged', b.call_control_id);
  await eventually(() => rms(bob.heard()) > SPEECH_RMS && rms(alice.heard()) > SPEECH_RMS, 'each phone hearing the other');
  await telnyx.calls.actions.hangup(a.call_control_id);
  await telnyx.calls.actions.hangup(b.call_control_id);
});

test('actions.transfer dials a second phone and bridges it to the call when it answers', async (t) => {
  const { telnyx, webhooks, app, from } = await setUp(t, 'sdk-calls');
  const alice = await phone(t, { toneHz: 440 });
  const bob = await phone(t);
  const a = await dialAnswered(telnyx, webhooks, app, from, alice);

  await telnyx.calls.actions.transfer(a.call_control_id, { to: bob.uri, timeout_secs: 20 });
  await bob.event('CALL_ESTABLISHED');
  await eventually(() => rms(bob.heard()) > SPEECH_RMS, 'the transferred phone hearing the caller');
  const newLeg = await webhooks.waitFor('call.answered', null, (p) => p.call_control_id !== a.call_control_id);
  assert.equal(newLeg.payload.direction, 'outgoing');
  await telnyx.calls.actions.hangup(a.call_control_id);
});

test('calls.dial and actions refuse malformed fields with UnprocessableEntity naming the field', async (t) => {
  const { telnyx, app, from } = await setUp(t, 'sdk-calls');
  const cases = [
    [{ from, to: 'sip:bob@127.0.0.1' }, '/connection_id', '10004'],
    [{ connection_id: app.id, from, to: 'not-a-number' }, '/to'],
    [{ connection_id: app.id, from: '555-0100', to: 'sip:bob@127.0.0.1' }, '/from', '10016'],
    [{ connection_id: app.id, from, to: 'sip:bob@127.0.0.1', client_state: 'not base64!' }, '/client_state'],
    [{ connection_id: app.id, from, to: 'sip:bob@127.0.0.1', timeout_secs: 1 }, '/timeout_secs'],
    [{ connection_id: app.id, from, to: 'sip:bob@127.0.0.1', webhook_url: 'ftp://x' }, '/webhook_url'],
    [{ connection_id: 'APnope', from, to: 'sip:bob@127.0.0.1' }, '/connection_id'],
  ];
  for (const [body, pointer, code] of cases) {
    await assert.rejects(telnyx.calls.dial(body), (e) => {
      assert.ok(e instanceof Telnyx.UnprocessableEntityError, `${JSON.stringify(body)}: ${e}`);
      assert.equal(e.error.errors[0].source.pointer, pointer, JSON.stringify(body));
      if (code) {
        assert.equal(e.error.errors[0].code, code);
      }
      return true;
    });
  }
});

/** A Telefon API request with the same key (the account model is shared: one application, every dialect). */
async function telefon(method, path, body) {
  const response = await fetch(new URL(path, env('TELNYX_TEST_BASE_URL')), {
    method,
    headers: { 'X-API-Key': env('TELNYX_TEST_API_KEY'), 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${await response.text()}`);
}

test('an inbound call to a call control application is parked, reported by call.initiated, and actions.answer connects it', async (t) => {
  const { telnyx, webhooks, app } = await setUp(t, 'sdk-calls');
  const user = uniqueName('telnyx-in');
  await telefon('PATCH', `/v1/voice/applications/${app.id}`, { sip_uris: [`sip:${user}@127.0.0.1`] });
  const alice = await phone(t, { toneHz: 440 });

  alice.command('dial', `sip:${user}@127.0.0.1:${env('TELNYX_TEST_NODE_SIP_PORT')}`);
  const initiated = await webhooks.waitFor('call.initiated', null, (p) => p.direction === 'incoming');
  assert.equal(initiated.payload.state, 'parked');
  assert.equal(initiated.payload.connection_id, app.id);
  assert.match(initiated.payload.from, /bob@127\.0\.0\.1/);
  const id = initiated.payload.call_control_id;
  assert.ok(!alice.seenTypes.includes('CALL_ESTABLISHED'), 'the caller waits while the call is parked');

  await telnyx.calls.actions.answer(id, { client_state: clientState('inbound') });
  await alice.event('CALL_ESTABLISHED');
  const answered = await webhooks.waitFor('call.answered', id);
  assert.equal(answered.payload.client_state, clientState('inbound'));
  await telnyx.calls.actions.speak(id, { payload: 'Thanks for calling.', voice: 'female', language: 'en-US' });
  await eventually(() => rms(alice.heard()) > SPEECH_RMS, 'the speech at the caller');
  await assert.rejects(telnyx.calls.actions.answer(id), (e) => e instanceof Telnyx.UnprocessableEntityError && e.error.errors[0].code === '90034');
  await telnyx.calls.actions.hangup(id);
  await webhooks.waitFor('call.hangup', id);
});
