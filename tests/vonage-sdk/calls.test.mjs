import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setUp } from './client.mjs';
import { Phone, rms, eventually } from '../telnyx-sdk/calls/phone.mjs';

// Speech from our TTS is thousands; silence is 0 and comfort noise tens.
const SPEECH_RMS = 300;
const HOLD = [{ action: 'conversation', name: 'hold-' + process.pid + '-' + Math.random().toString(36).slice(2) }];

async function phone(t, options) {
  const p = await Phone.start(options);
  t.after(() => p.stop());
  return p;
}

/** Calls `bob` with `ncco` and waits for the answered event; hangs the call up after the test. */
async function answeredCall(t, { vonage, callbacks, from }, bob, ncco) {
  const call = await vonage.voice.createOutboundCall({ to: [{ type: 'sip', uri: bob.uri }], from: { type: 'phone', number: from }, ncco });
  t.after(() => vonage.voice.hangupCall(call.uuid).catch(() => {}));
  await callbacks.status(call.uuid, 'answered');
  return call;
}

test('createOutboundCall with an inline NCCO: 201, the talk is heard, signed events started → ringing → answered → completed', async (t) => {
  const session = await setUp(t);
  const bob = await phone(t);
  const call = await session.vonage.voice.createOutboundCall({
    to: [{ type: 'sip', uri: bob.uri }],
    from: { type: 'phone', number: session.from },
    ncco: [{ action: 'talk', text: 'Hello from the Vonage SDK. This call ends after this sentence.' }],
  });
  assert.equal(call.status, 'started');
  assert.equal(call.direction, 'outbound');
  assert.match(call.conversation_uuid, /^CON-/);
  assert.equal(call.conversationUUID, call.conversation_uuid, 'the SDK adds its camelCase copy');

  const completed = await session.callbacks.status(call.uuid, 'completed', 60);
  assert.match(completed.duration, /^\d+$/, 'duration is a string of seconds');
  assert.match(completed.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.equal(completed.from, session.from);
  const statuses = session.callbacks.eventsOf(call.uuid).map((e) => e.status);
  assert.deepEqual(statuses.filter((s) => ['started', 'ringing', 'answered', 'completed'].includes(s)), ['started', 'ringing', 'answered', 'completed']);
  const events = session.callbacks.requests.filter((r) => r.path === '/events');
  assert.ok(events.every((r) => r.signed && r.signatureProblem === null && r.claims.iss === 'Vonage' && r.claims.application_id === session.app.id),
    'every event is signed with the account secret and names the application');
  assert.ok(rms(bob.heard()) > SPEECH_RMS, 'the phone heard the talk');
});

test('getCall, getAllCalls to the end, and search with filters', async (t) => {
  const session = await setUp(t);
  const bob = await phone(t);
  const call = await answeredCall(t, session, bob, HOLD);

  const details = await session.vonage.voice.getCall(call.uuid);
  assert.equal(details.uuid, call.uuid);
  assert.equal(details.status, 'answered');
  assert.deepEqual(details.from, { type: 'phone', number: session.from });
  assert.equal(details.to.type, 'sip');

  const all = [];
  for await (const item of session.vonage.voice.getAllCalls({ pageSize: 1 })) {
    all.push(item.uuid);
  }
  assert.ok(all.includes(call.uuid), 'the iterator reaches every page');
  assert.equal(new Set(all).size, all.length, 'no call is listed twice');

  const page = await session.vonage.voice.search({ conversationUuid: call.conversation_uuid });
  assert.equal(page.count, 1);
  assert.equal(page._embedded.calls[0].uuid, call.uuid);
  const none = await session.vonage.voice.search({ status: 'busy', dateStart: '2000-01-01T00:00:00Z', dateEnd: '2000-01-02T00:00:00Z' });
  assert.equal(none.count, 0);
  assert.deepEqual(none._embedded.calls, []);
});

test('playTTS, stopTTS, streamAudio, stopStreamAudio, playDTMF, mute/earmuff and hangupCall on a live call', async (t) => {
  const session = await setUp(t);
  const bob = await phone(t);
  const call = await answeredCall(t, session, bob, HOLD);
  const { voice } = session.vonage;

  const before = bob.heard().length;
  const talk = await voice.playTTS(call.uuid, { text: 'This is a long announcement that goes on for a while so that it can be stopped.', language: 'en-US', style: 0, loop: 0 });
  assert.deepEqual(talk, { message: 'Talk started', uuid: call.uuid });
  await eventually(() => rms(bob.heard().slice(before)) > SPEECH_RMS, 'the phone hears the talk');
  assert.deepEqual(await voice.stopTTS(call.uuid), { message: 'Talk stopped', uuid: call.uuid });

  assert.equal((await voice.streamAudio(call.uuid, session.callbacks.url('/missing.wav'), 1, 0)).message, 'Stream started');
  assert.equal((await voice.stopStreamAudio(call.uuid)).message, 'Stream stopped');
  assert.deepEqual(await voice.playDTMF(call.uuid, '1234'), { message: 'DTMF sent', uuid: call.uuid });
  const digits = () => bob.eventsOf('CALL_DTMF_START').map((e) => e.param).join('');
  await eventually(() => digits() === '1234', `the phone receiving 1234 (got '${digits()}')`);

  for (const method of ['muteCall', 'unmuteCall', 'earmuffCall', 'unearmuffCall']) {
    await voice[method](call.uuid);
  }
  await voice.hangupCall(call.uuid);
  await session.callbacks.status(call.uuid, 'completed');
  const after = await voice.getCall(call.uuid);
  assert.equal(after.status, 'completed');
  await assert.rejects(voice.playTTS(call.uuid, { text: 'too late' }), /Request failed with status code 409/);
});

test('an IVR: answer_url NCCO with bargeIn talk and DTMF input; the input eventUrl answer replaces the flow', async (t) => {
  const session = await setUp(t);
  const bob = await phone(t);
  session.callbacks.respond['/answer'] = [
    { action: 'talk', text: 'Press one for sales or two for support, followed by the hash key.', bargeIn: true },
    { action: 'input', type: ['dtmf'], dtmf: { maxDigits: 1, timeOut: 10 }, eventUrl: [session.callbacks.url('/input')] },
    { action: 'notify', payload: { never: true }, eventUrl: [session.callbacks.url('/never')] },
  ];
  session.callbacks.respond['/input'] = [
    { action: 'notify', payload: { choice: 'sales' }, eventUrl: [session.callbacks.url('/chosen')] },
    { action: 'talk', text: 'You chose sales. Goodbye.' },
  ];
  const call = await session.vonage.voice.createOutboundCall({
    to: [{ type: 'sip', uri: bob.uri }], from: { type: 'phone', number: session.from },
    answer_url: [session.callbacks.url('/answer')], event_url: [session.callbacks.url('/events')],
  });
  const answerRequest = await session.callbacks.waitFor('/answer');
  assert.equal(answerRequest.method, 'GET');
  assert.equal(answerRequest.query.uuid, call.uuid);
  assert.equal(answerRequest.query.conversation_uuid, call.conversation_uuid);
  assert.equal(answerRequest.query.from, session.from);
  assert.ok(answerRequest.signed && answerRequest.signatureProblem === null, 'the answer request is signed too');

  await session.callbacks.status(call.uuid, 'answered');
  // A caller presses after hearing the menu; pressing before the talk starts raced the flow and lost the digit.
  await eventually(() => rms(bob.heard()) > SPEECH_RMS, 'bob hears the menu');
  await bob.press('1');
  const input = await session.callbacks.waitFor('/input');
  assert.equal(input.body.uuid, call.uuid);
  assert.deepEqual(input.body.dtmf, { digits: '1', timed_out: false });
  const chosen = await session.callbacks.waitFor('/chosen');
  assert.deepEqual(chosen.body, { choice: 'sales' }, 'a notify posts its payload as the body');
  await session.callbacks.status(call.uuid, 'completed', 60);
  assert.equal(session.callbacks.requests.filter((r) => r.path === '/never').length, 0, 'the answer replaced the rest of the first NCCO');
});

test('transferCallWithNCCO replaces the running flow with an inline NCCO and reports transfer', async (t) => {
  const session = await setUp(t);
  const bob = await phone(t);
  const call = await answeredCall(t, session, bob, HOLD);
  const before = bob.heard().length;
  await session.vonage.voice.transferCallWithNCCO(call.uuid, [{ action: 'talk', text: 'You have been transferred. Goodbye now.' }]);
  const transfer = await session.callbacks.waitFor('/events', (b) => b.uuid === call.uuid && b.conversation_uuid_from);
  assert.equal(transfer.body.conversation_uuid_to, call.conversation_uuid);
  await session.callbacks.status(call.uuid, 'completed', 60);
  assert.ok(rms(bob.heard().slice(before)) > SPEECH_RMS, 'the transferred flow spoke');
});

test('subscribeDTMF reports each digit as an input event; connect rings a second phone in the same conversation', async (t) => {
  const session = await setUp(t);
  const bob = await phone(t);
  const alice = await phone(t, { toneHz: 440 });
  const call = await answeredCall(t, session, bob, [{ action: 'connect', endpoint: [{ type: 'sip', uri: alice.uri }], timeout: 20 }]);
  await session.vonage.voice.subscribeDTMF(call.uuid, session.callbacks.url('/digits'));
  await bob.press('7');
  const digit = await session.callbacks.waitFor('/digits');
  assert.deepEqual(digit.body.dtmf, { digits: '7', timed_out: false });

  const legAnswered = await session.callbacks.waitFor('/events', (b) => b.uuid !== call.uuid && b.status === 'answered' && b.conversation_uuid === call.conversation_uuid);
  assert.ok(legAnswered.body.uuid, 'the connected leg reports with its own uuid, in the same conversation');
  const before = bob.heard().length;
  await eventually(() => rms(bob.heard().slice(before)) > SPEECH_RMS, 'bob hears alice’s tone through the connect');
  await session.vonage.voice.unsubscribeDTMF(call.uuid);
});

test('two calls in one conversation hear each other', async (t) => {
  const session = await setUp(t);
  const bob = await phone(t);
  const alice = await phone(t, { toneHz: 440 });
  const room = [{ action: 'conversation', name: 'room-' + process.pid + '-' + Date.now() }];
  await answeredCall(t, session, alice, room);
  await answeredCall(t, session, bob, room);
  const before = bob.heard().length;
  await eventually(() => rms(bob.heard().slice(before)) > SPEECH_RMS, 'bob hears alice in the conversation');
});

test('a recorded call: the record event carries a downloadable recording', async (t) => {
  const session = await setUp(t);
  const alice = await phone(t, { toneHz: 440 });
  const call = await session.vonage.voice.createOutboundCall({
    to: [{ type: 'sip', uri: alice.uri }], from: { type: 'phone', number: session.from },
    ncco: [{ action: 'record', endOnSilence: 3, timeOut: 3, eventUrl: [session.callbacks.url('/recording')] }, { action: 'talk', text: 'Thanks.' }],
  });
  const record = await session.callbacks.waitFor('/recording', () => true, 60);
  assert.equal(record.body.uuid, call.uuid);
  assert.equal(record.body.conversation_uuid, call.conversation_uuid);
  assert.ok(record.body.recording_uuid);
  const wav = await fetch(record.body.recording_url);
  assert.equal(wav.status, 200);
  const bytes = Buffer.from(await wav.arrayBuffer());
  assert.equal(bytes.subarray(0, 4).toString('ascii'), 'RIFF');
  assert.ok(record.body.size > 1000);
});
