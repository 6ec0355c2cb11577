import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Telnyx, uniqueName } from '../client.mjs';
import { rms, eventually } from './phone.mjs';
import { setUp, answeredPhone, hangUp, all } from './session.mjs';
import { toneUrl } from './audio-server.mjs';

// A phone's tone heard through the mix is thousands; silence is 0 and comfort noise tens.
const TONE_RMS = 300;
const clientState = (text) => Buffer.from(text).toString('base64');

/** The level of the last half second a phone heard (the whole dump would still hold the tones of earlier steps). */
function recentLevel(phone) {
  const samples = phone.heard();
  return rms(samples.subarray(Math.max(0, samples.length - 4000)));
}

/** The samples of a 16-bit mono WAV (its data chunk). */
function wavSamples(bytes) {
  assert.equal(bytes.subarray(0, 4).toString('ascii'), 'RIFF');
  assert.equal(bytes.readUInt16LE(22), 1, 'one channel');
  const data = bytes.indexOf('data', 12, 'ascii');
  assert.ok(data > 0, 'a data chunk');
  const start = data + 8;
  const usable = Math.floor((bytes.length - start) / 2);
  return new Int16Array(bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + start + usable * 2));
}

/** How many 20 ms frames of `samples` are louder than `level`. */
function loudFrames(samples, level) {
  let count = 0;
  for (let i = 0; i + 160 <= samples.length; i += 160) {
    count += rms(samples.subarray(i, i + 160)) > level ? 1 : 0;
  }
  return count;
}

/** Waits until `phone` has heard `seconds` more audio than now: audio has flowed through the conference for that long. */
async function heardFor(phone, seconds, what) {
  const from = phone.heard().length;
  await eventually(() => phone.heard().length >= from + seconds * 8000, what);
}

test('conferences.create and actions.join put three phones in a conference where each hears the others, mute silences them, and list, retrieve, participants and end work', async (t) => {
  const context = await setUp(t, 'sdk-conf');
  const { telnyx, webhooks } = context;
  const alice = await answeredPhone(t, context, 440);
  const bob = await answeredPhone(t, context, 700);
  const carol = await answeredPhone(t, context, 1000);
  const name = uniqueName('room');

  const { data: conference } = await telnyx.conferences.create({ call_control_id: alice.call.call_control_id, name, client_state: clientState('conf-1') });
  assert.match(conference.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.equal(conference.name, name);
  assert.equal(conference.record_type, 'conference');
  assert.equal(conference.connection_id, context.app.id);
  assert.ok(Date.parse(conference.expires_at) > Date.parse(conference.created_at), 'expires after it was created');

  const created = await webhooks.waitFor('conference.created', null, (p) => p.conference_id === conference.id);
  assert.equal(created.payload.call_control_id, alice.call.call_control_id);
  assert.equal(created.payload.client_state, clientState('conf-1'));
  await webhooks.waitFor('conference.participant.joined', alice.call.call_control_id, (p) => p.conference_id === conference.id);

  for (const other of [bob, carol]) {
    const joined = await telnyx.conferences.actions.join(conference.id, { call_control_id: other.call.call_control_id });
    assert.deepEqual(joined.data, { result: 'ok' });
    const event = await webhooks.waitFor('conference.participant.joined', other.call.call_control_id, (p) => p.conference_id === conference.id);
    assert.equal(event.payload.connection_id, context.app.id);
  }

  for (const [who, { phone }] of Object.entries({ alice, bob, carol })) {
    await eventually(() => recentLevel(phone) > TONE_RMS, `${who} hearing the others' tones`);
  }

  // Carol hears only the two others: muted, they fall silent for her; unmuted (everyone: no ids), they are back.
  await telnyx.conferences.actions.mute(conference.id, { call_control_ids: [alice.call.call_control_id, bob.call.call_control_id] });
  await eventually(() => recentLevel(carol.phone) < TONE_RMS, 'carol hearing nothing once alice and bob are muted');
  assert.ok(recentLevel(alice.phone) > TONE_RMS, 'alice still hears carol');
  const muted = await all(telnyx.conferences.listParticipants(conference.id, { filter: { muted: true } }));
  assert.deepEqual(muted.map((p) => p.call_control_id).sort(), [alice.call.call_control_id, bob.call.call_control_id].sort());
  await telnyx.conferences.actions.unmute(conference.id, {});
  await eventually(() => recentLevel(carol.phone) > TONE_RMS, 'carol hearing the others again after unmute');

  const { data: retrieved } = await telnyx.conferences.retrieve(conference.id);
  assert.equal(retrieved.status, 'in_progress');
  assert.equal(retrieved.name, name);
  const listed = await all(telnyx.conferences.list({ filter: { name }, 'page[size]': 1 }));
  assert.deepEqual(listed.map((c) => c.id), [conference.id]);
  const live = await all(telnyx.conferences.list({ filter: { name, status: 'completed' } }));
  assert.deepEqual(live, []);

  // Two per page: the SDK fetches two pages of three participants and stops.
  const participants = await all(telnyx.conferences.listParticipants(conference.id, { 'page[size]': 2 }));
  assert.deepEqual(participants.map((p) => p.call_control_id).sort(), [alice, bob, carol].map((p) => p.call.call_control_id).sort());
  for (const participant of participants) {
    assert.equal(participant.record_type, 'participant');
    assert.equal(participant.status, 'joined');
    assert.equal(participant.muted, false);
    assert.equal(participant.on_hold, false);
    assert.deepEqual(participant.conference, { id: conference.id, name });
    assert.match(participant.call_leg_id, /^[0-9a-f-]{36}$/);
  }

  await telnyx.conferences.actions.leave(conference.id, { call_control_id: carol.call.call_control_id });
  await webhooks.waitFor('conference.participant.left', carol.call.call_control_id, (p) => p.conference_id === conference.id);
  const { data: carolStatus } = await telnyx.calls.retrieveStatus(carol.call.call_control_id);
  assert.equal(carolStatus.is_alive, true, 'a call that leaves a conference stays up');

  await telnyx.conferences.actions.endConference(conference.id);
  await webhooks.waitFor('conference.ended', null, (p) => p.conference_id === conference.id);
  await eventually(async () => (await telnyx.conferences.retrieve(conference.id)).data.status === 'completed', 'the conference completed');
  const { data: ended } = await telnyx.conferences.retrieve(conference.id);
  assert.equal(ended.end_reason, 'ended_via_api');
  const left = await all(telnyx.conferences.listParticipants(conference.id));
  assert.deepEqual(left.map((p) => p.status), ['left', 'left', 'left']);
  // The end hung up the two still in it; carol had left, so her call is still up.
  await webhooks.waitFor('call.hangup', alice.call.call_control_id);
  await webhooks.waitFor('call.hangup', bob.call.call_control_id);
  await hangUp(telnyx, webhooks, carol);
});

test('conference actions hold, speak, play and stop reach the participants, and an ended conference refuses actions', async (t) => {
  const context = await setUp(t, 'sdk-conf');
  const { telnyx, webhooks } = context;
  const alice = await answeredPhone(t, context, 440);
  const bob = await answeredPhone(t, context);
  const { data: conference } = await telnyx.conferences.create({ call_control_id: alice.call.call_control_id, name: uniqueName('room') });
  await telnyx.conferences.actions.join(conference.id, { call_control_id: bob.call.call_control_id });
  await webhooks.waitFor('conference.participant.joined', bob.call.call_control_id);
  await eventually(() => recentLevel(bob.phone) > TONE_RMS, 'bob hearing alice');

  await telnyx.conferences.actions.hold(conference.id, { call_control_ids: [alice.call.call_control_id] });
  await eventually(() => recentLevel(bob.phone) < TONE_RMS, 'bob hearing nothing while alice is held');
  const held = await all(telnyx.conferences.listParticipants(conference.id, { filter: { on_hold: true } }));
  assert.deepEqual(held.map((p) => p.call_control_id), [alice.call.call_control_id]);
  await telnyx.conferences.actions.unhold(conference.id, { call_control_ids: [alice.call.call_control_id] });
  await eventually(() => recentLevel(bob.phone) > TONE_RMS, 'bob hearing alice again after unhold');

  // Alice is muted so that only the speech can reach bob.
  await telnyx.conferences.actions.mute(conference.id, { call_control_ids: [alice.call.call_control_id] });
  await eventually(() => recentLevel(bob.phone) < TONE_RMS, 'bob hearing nothing with alice muted');
  const spoken = await telnyx.conferences.actions.speak(conference.id, {
    payload: 'Welcome to the conference. This is a long announcement so that it can be heard.', voice: 'female', call_control_ids: [bob.call.call_control_id],
  });
  assert.deepEqual(spoken.data, { result: 'ok' });
  await eventually(() => recentLevel(bob.phone) > TONE_RMS, 'the speech at bob');
  const speakStarted = await webhooks.waitFor('conference.speak.started', null, (p) => p.conference_id === conference.id);
  assert.equal(speakStarted.payload.connection_id, context.app.id);
  await telnyx.conferences.actions.stop(conference.id, {});
  await eventually(() => recentLevel(bob.phone) < TONE_RMS, 'silence at bob once the speech is stopped');
  const speakEnded = await webhooks.waitFor('conference.speak.ended', null, (p) => p.conference_id === conference.id);
  assert.equal(speakEnded.payload.status, 'cancelled');

  // Audio played to a participant: reported started, then ended when it has played out.
  await telnyx.conferences.actions.play(conference.id, { audio_url: await toneUrl(t, { seconds: 1 }), call_control_ids: [bob.call.call_control_id] });
  await webhooks.waitFor('conference.playback.started', null, (p) => p.conference_id === conference.id);
  const playEnded = await webhooks.waitFor('conference.playback.ended', null, (p) => p.conference_id === conference.id);
  assert.equal(playEnded.payload.status, 'completed');

  await telnyx.conferences.actions.endConference(conference.id, {});
  await webhooks.waitFor('conference.ended', null, (p) => p.conference_id === conference.id);
  await eventually(async () => (await telnyx.conferences.retrieve(conference.id)).data.status === 'completed', 'the conference completed');
  await assert.rejects(telnyx.conferences.actions.join(conference.id, { call_control_id: bob.call.call_control_id }), (e) => {
    assert.ok(e instanceof Telnyx.UnprocessableEntityError, String(e));
    assert.equal(e.error.errors[0].code, '90060');
    return true;
  });
  for (const { call } of [alice, bob]) {
    await webhooks.waitFor('call.hangup', call.call_control_id);
  }
});

test('conferences.create and conference actions refuse malformed fields with UnprocessableEntity naming the field', async (t) => {
  const context = await setUp(t, 'sdk-conf');
  const { telnyx } = context;
  const alice = await answeredPhone(t, context);
  const ccid = alice.call.call_control_id;
  const name = uniqueName('room');
  const unknownCall = 'v3:Q0EAAAAAAAAAAAAAAAAAAAAA';

  const creates = [
    [{ name }, '/call_control_id', '10004'],
    [{ call_control_id: ccid }, '/name', '10004'],
    [{ call_control_id: 'v3:nope', name }, '/call_control_id'],
    [{ call_control_id: unknownCall, name }, '/call_control_id', '10006'],
    [{ call_control_id: ccid, name, client_state: 'not base64!' }, '/client_state'],
    [{ call_control_id: ccid, name, max_participants: 1 }, '/max_participants'],
    [{ call_control_id: ccid, name, duration_minutes: 0 }, '/duration_minutes'],
    [{ call_control_id: ccid, name, hold_audio_url: 'ftp://x' }, '/hold_audio_url'],
    [{ call_control_id: ccid, name, beep_enabled: 'sometimes' }, '/beep_enabled'],
    [{ call_control_id: ccid, name, start_conference_on_create: 'yes' }, '/start_conference_on_create'],
  ];
  for (const [body, pointer, code] of creates) {
    await assert.rejects(telnyx.conferences.create(body), (e) => {
      assert.ok(e instanceof Telnyx.UnprocessableEntityError, `${JSON.stringify(body)}: ${e}`);
      assert.equal(e.error.errors[0].source.pointer, pointer, JSON.stringify(body));
      if (code) {
        assert.equal(e.error.errors[0].code, code, JSON.stringify(body));
      }
      return true;
    });
  }

  const { data: conference } = await telnyx.conferences.create({ call_control_id: ccid, name });
  await context.webhooks.waitFor('conference.participant.joined', ccid);
  await assert.rejects(telnyx.conferences.create({ call_control_id: ccid, name }), (e) => {
    assert.equal(e.error.errors[0].code, '90061');
    assert.equal(e.error.errors[0].source.pointer, '/name');
    return true;
  });

  const actions = [
    ['join', {}, '/call_control_id', '10004'],
    ['join', { call_control_id: ccid, mute: 'yes' }, '/mute'],
    ['join', { call_control_id: ccid, client_state: '***' }, '/client_state'],
    ['join', { call_control_id: ccid, supervisor_role: 'barge' }, '/supervisor_role'],
    ['join', { call_control_id: unknownCall }, '/call_control_id', '10006'],
    ['leave', { call_control_id: 'v3:nope' }, '/call_control_id'],
    ['mute', { call_control_ids: 'all' }, '/call_control_ids'],
    ['mute', { call_control_ids: ['v3:nope'] }, '/call_control_ids/0'],
    ['mute', { call_control_ids: [unknownCall] }, '/call_control_ids', '90063'],
    ['unhold', {}, '/call_control_ids', '10004'],
    ['hold', { audio_url: 'not a url' }, '/audio_url'],
    ['speak', { voice: 'female' }, '/payload', '10004'],
    ['speak', { payload: 'hi' }, '/voice', '10004'],
    ['speak', { payload: 'hi', voice: 'female', language: 'en US' }, '/language'],
    ['play', {}, '/audio_url', '10004'],
    ['play', { audio_url: 'http://127.0.0.1/a.wav', loop: 0 }, '/loop'],
    ['play', { media_name: 'stored' }, '/media_name'],
    ['recordStart', {}, '/format', '10004'],
    ['recordStart', { format: 'ogg' }, '/format'],
    ['recordStart', { format: 'wav', channels: 'dual' }, '/channels'],
    ['recordStart', { format: 'wav', channels: 'both' }, '/channels'],
    ['recordStart', { format: 'wav', play_beep: 'yes' }, '/play_beep'],
    ['recordStart', { format: 'wav', trim: 'trim-silence' }, '/trim'],
    ['recordStart', { format: 'wav', custom_file_name: 'mine' }, '/custom_file_name'],
    ['recordStop', { client_state: 'not base64!' }, '/client_state'],
    ['recordStop', { recording_id: 7 }, '/recording_id'],
    ['recordPause', { command_id: ['x'] }, '/command_id'],
    ['recordResume', { recording_id: {} }, '/recording_id'],
  ];
  const methods = {
    join: 'join', leave: 'leave', mute: 'mute', unhold: 'unhold', hold: 'hold', speak: 'speak', play: 'play',
    recordStart: 'recordStart', recordStop: 'recordStop', recordPause: 'recordPause', recordResume: 'recordResume',
  };
  for (const [action, body, pointer, code] of actions) {
    await assert.rejects(telnyx.conferences.actions[methods[action]](conference.id, body), (e) => {
      assert.ok(e instanceof Telnyx.UnprocessableEntityError, `${action} ${JSON.stringify(body)}: ${e}`);
      assert.equal(e.error.errors[0].source.pointer, pointer, `${action} ${JSON.stringify(body)}`);
      if (code) {
        assert.equal(e.error.errors[0].code, code, `${action} ${JSON.stringify(body)}`);
      }
      return true;
    });
  }

  await assert.rejects(telnyx.conferences.retrieve('00000000-0000-0000-0000-000000000000'), Telnyx.NotFoundError);
  await assert.rejects(telnyx.conferences.retrieve('not-a-conference'), Telnyx.NotFoundError);
  await assert.rejects(telnyx.conferences.actions.mute('00000000-0000-0000-0000-000000000000', {}), Telnyx.NotFoundError);
  await assert.rejects(telnyx.conferences.list({ filter: { status: 'bogus' } }), Telnyx.BadRequestError);
  await telnyx.conferences.actions.endConference(conference.id);
  await context.webhooks.waitFor('call.hangup', ccid);
});

test('actions.recordStart records the mix of three phones to a WAV fetched from conference.recording.saved, and actions.endConference hangs up every phone and saves a running recording', async (t) => {
  const context = await setUp(t, 'sdk-conf');
  const { telnyx, webhooks, app } = context;
  const alice = await answeredPhone(t, context, 440);
  const bob = await answeredPhone(t, context, 700);
  const carol = await answeredPhone(t, context, 1000);
  const { data: conference } = await telnyx.conferences.create({ call_control_id: alice.call.call_control_id, name: uniqueName('rec'), client_state: clientState('rec') });
  for (const other of [bob, carol]) {
    await telnyx.conferences.actions.join(conference.id, { call_control_id: other.call.call_control_id });
    await webhooks.waitFor('conference.participant.joined', other.call.call_control_id, (p) => p.conference_id === conference.id);
  }
  await eventually(() => recentLevel(alice.phone) > TONE_RMS, 'alice hearing the others');

  // mp3 is accepted and saved as WAV.
  const started = await telnyx.conferences.actions.recordStart(conference.id, { format: 'mp3', channels: 'single', play_beep: true });
  assert.deepEqual(started.data, { result: 'ok' });
  await heardFor(alice.phone, 1, 'a second of the conference');
  assert.deepEqual((await telnyx.conferences.actions.recordPause(conference.id, {})).data, { result: 'ok' });
  assert.deepEqual((await telnyx.conferences.actions.recordResume(conference.id, {})).data, { result: 'ok' });
  await heardFor(alice.phone, 1, 'another second of the conference');
  assert.deepEqual((await telnyx.conferences.actions.recordStop(conference.id, {})).data, { result: 'ok' });

  const saved = await webhooks.waitFor('conference.recording.saved', null, (p) => p.conference_id === conference.id);
  assert.equal(saved.payload.connection_id, app.id);
  assert.equal(saved.payload.call_control_id, alice.call.call_control_id);
  assert.equal(saved.payload.client_state, clientState('rec'));
  assert.equal(saved.payload.channels, 'single');
  assert.equal(saved.payload.format, 'wav');
  assert.ok(Date.parse(saved.payload.recording_started_at) < Date.parse(saved.payload.recording_ended_at), JSON.stringify(saved.payload));
  assert.equal(saved.payload.public_recording_urls.wav, saved.payload.recording_urls.wav);
  const response = await fetch(saved.payload.recording_urls.wav);
  assert.equal(response.status, 200);
  const samples = wavSamples(Buffer.from(await response.arrayBuffer()));
  // About two seconds of the three tones summed (the paused moment left out): most frames are loud.
  assert.ok(samples.length >= 8000, `at least a second recorded, got ${samples.length} samples`);
  assert.ok(loudFrames(samples, TONE_RMS) >= 40, `the phones' tones in the recording: ${loudFrames(samples, TONE_RMS)} loud frames of ${Math.floor(samples.length / 160)}`);

  // Recording again, the end hangs up all three phones and the running recording is saved.
  await telnyx.conferences.actions.recordStart(conference.id, { format: 'wav' });
  await heardFor(alice.phone, 0.5, 'half a second of the second recording');
  await telnyx.conferences.actions.endConference(conference.id, {});
  for (const { call, phone } of [alice, bob, carol]) {
    const hangup = await webhooks.waitFor('call.hangup', call.call_control_id);
    assert.equal(hangup.payload.hangup_cause, 'normal_clearing');
    await phone.event('CALL_CLOSED');
  }
  const ended = await webhooks.waitFor('conference.ended', null, (p) => p.conference_id === conference.id);
  assert.equal(ended.payload.conference_id, conference.id);
  const second = await webhooks.waitFor('conference.recording.saved', null, (p) => p.conference_id === conference.id && p.recording_id !== saved.payload.recording_id);
  assert.equal((await fetch(second.payload.recording_urls.wav)).status, 200);
  await eventually(async () => (await telnyx.conferences.retrieve(conference.id)).data.end_reason === 'ended_via_api', 'the conference ended via the API');
  await assert.rejects(telnyx.conferences.actions.recordStart(conference.id, { format: 'wav' }), (e) => {
    assert.ok(e instanceof Telnyx.UnprocessableEntityError, String(e));
    assert.equal(e.error.errors[0].code, '90060');
    return true;
  });
});

test('actions.sendDtmf reaches the phones named (RFC 4733), participants are retrieved and updated one by one, and actions.update takes the plain supervisor roles', async (t) => {
  const context = await setUp(t, 'sdk-conf');
  const { telnyx, webhooks } = context;
  const alice = await answeredPhone(t, context, 440);
  const bob = await answeredPhone(t, context, 700);
  const { data: conference } = await telnyx.conferences.create({ call_control_id: alice.call.call_control_id, name: uniqueName('dtmf') });
  await telnyx.conferences.actions.join(conference.id, { call_control_id: bob.call.call_control_id });
  await webhooks.waitFor('conference.participant.joined', bob.call.call_control_id, (p) => p.conference_id === conference.id);
  const digits = (phone) => phone.phone.eventsOf('CALL_DTMF_START').map((e) => e.param).join('');

  assert.deepEqual((await telnyx.conferences.actions.sendDtmf(conference.id, { digits: '1w#', call_control_ids: [bob.call.call_control_id], duration_millis: 200 })).data, { result: 'ok' });
  await eventually(() => digits(bob) === '1#', `bob's phone receiving 1# (got '${digits(bob)}')`);
  await telnyx.conferences.actions.sendDtmf(conference.id, { digits: '5' });
  await eventually(() => digits(alice) === '5' && digits(bob) === '1#5', `both phones receiving 5 (alice '${digits(alice)}', bob '${digits(bob)}')`);

  const { data: participant } = await telnyx.conferences.retrieveParticipant(bob.call.call_leg_id, { id: conference.id });
  assert.equal(participant.call_control_id, bob.call.call_control_id);
  assert.equal(participant.status, 'joined');
  assert.equal(participant.end_conference_on_exit, false);
  const { data: byControlId } = await telnyx.conferences.retrieveParticipant(bob.call.call_control_id, { id: conference.id });
  assert.equal(byControlId.id, participant.id);

  const { data: updated } = await telnyx.conferences.updateParticipant(alice.call.call_leg_id, { id: conference.id, end_conference_on_exit: true, beep_enabled: 'never' });
  assert.equal(updated.end_conference_on_exit, true);
  await eventually(async () => (await telnyx.conferences.retrieveParticipant(alice.call.call_leg_id, { id: conference.id })).data.end_conference_on_exit, 'alice ending the conference on exit');
  assert.deepEqual((await telnyx.conferences.actions.update(conference.id, { call_control_id: bob.call.call_control_id, supervisor_role: 'barge' })).data, { result: 'ok' });
  assert.deepEqual((await telnyx.conferences.actions.update(conference.id, { call_control_id: bob.call.call_control_id, supervisor_role: 'none' })).data, { result: 'ok' });

  const unknownCall = 'v3:Q0EAAAAAAAAAAAAAAAAAAAAA';
  const refused = [
    ['sendDtmf', {}, '/digits', '10004'],
    ['sendDtmf', { digits: '12x' }, '/digits'],
    ['sendDtmf', { digits: 'ww' }, '/digits'],
    ['sendDtmf', { digits: '1', duration_millis: 50 }, '/duration_millis'],
    ['sendDtmf', { digits: '1', call_control_ids: ['v3:nope'] }, '/call_control_ids/0'],
    ['sendDtmf', { digits: '1', call_control_ids: [unknownCall] }, '/call_control_ids', '90063'],
    ['sendDtmf', { digits: '1', client_state: '***' }, '/client_state'],
    ['update', { supervisor_role: 'none' }, '/call_control_id', '10004'],
    ['update', { call_control_id: bob.call.call_control_id }, '/supervisor_role', '10004'],
    ['update', { call_control_id: bob.call.call_control_id, supervisor_role: 'monitor' }, '/supervisor_role'],
    ['update', { call_control_id: bob.call.call_control_id, supervisor_role: 'whisper', whisper_call_control_ids: [alice.call.call_control_id] }, '/supervisor_role'],
    ['update', { call_control_id: bob.call.call_control_id, supervisor_role: 'boss' }, '/supervisor_role'],
    ['update', { call_control_id: bob.call.call_control_id, supervisor_role: 'none', whisper_call_control_ids: [alice.call.call_control_id] }, '/whisper_call_control_ids'],
    ['update', { call_control_id: unknownCall, supervisor_role: 'none' }, '/call_control_id', '90063'],
  ];
  for (const [action, body, pointer, code] of refused) {
    await assert.rejects(telnyx.conferences.actions[action](conference.id, body), (e) => {
      assert.ok(e instanceof Telnyx.UnprocessableEntityError, `${action} ${JSON.stringify(body)}: ${e}`);
      assert.equal(e.error.errors[0].source?.pointer, pointer, `${action} ${JSON.stringify(body)}`);
      if (code) {
        assert.equal(e.error.errors[0].code, code, `${action} ${JSON.stringify(body)}`);
      }
      return true;
    });
  }
  for (const [body, pointer] of [
    [{ soft_end_conference_on_exit: true }, '/soft_end_conference_on_exit'],
    [{ end_conference_on_exit: 'yes' }, '/end_conference_on_exit'],
    [{ beep_enabled: 'sometimes' }, '/beep_enabled'],
  ]) {
    await assert.rejects(telnyx.conferences.updateParticipant(bob.call.call_leg_id, { id: conference.id, ...body }), (e) => {
      assert.ok(e instanceof Telnyx.UnprocessableEntityError, `${JSON.stringify(body)}: ${e}`);
      assert.equal(e.error.errors[0].source.pointer, pointer, JSON.stringify(body));
      return true;
    });
  }
  await assert.rejects(telnyx.conferences.retrieveParticipant('00000000-0000-0000-0000-000000000000', { id: conference.id }), Telnyx.NotFoundError);
  await assert.rejects(telnyx.conferences.retrieveParticipant('nobody', { id: conference.id }), Telnyx.NotFoundError);
  await assert.rejects(telnyx.conferences.updateParticipant(bob.call.call_leg_id, { id: '00000000-0000-0000-0000-000000000000' }), Telnyx.NotFoundError);

  // Alice now ends the conference on exit: her hangup ends it (host_left) and hangs bob up, as Telnyx's end on exit does.
  await telnyx.calls.actions.hangup(alice.call.call_control_id, {});
  const ended = await webhooks.waitFor('conference.ended', null, (p) => p.conference_id === conference.id);
  assert.equal(ended.payload.reason, 'host_left');
  const { data: left } = await telnyx.conferences.retrieveParticipant(bob.call.call_leg_id, { id: conference.id });
  assert.equal(left.status, 'left');
  await assert.rejects(telnyx.conferences.updateParticipant(bob.call.call_leg_id, { id: conference.id, end_conference_on_exit: true }), (e) => {
    assert.equal(e.error.errors[0].code, '90063');
    return true;
  });
  await assert.rejects(telnyx.conferences.actions.sendDtmf(conference.id, { digits: '1' }), (e) => {
    assert.equal(e.error.errors[0].code, '90060');
    return true;
  });
  await webhooks.waitFor('call.hangup', alice.call.call_control_id);
  await webhooks.waitFor('call.hangup', bob.call.call_control_id);
  assert.equal((await telnyx.calls.retrieveStatus(bob.call.call_control_id)).data.is_alive, false, 'the end on exit hung bob up');
});

test('actions.gatherDtmfAudio plays the prompt to one participant and collects the digits its phone presses', async (t) => {
  const context = await setUp(t, 'sdk-conf');
  const { telnyx, webhooks } = context;
  const alice = await answeredPhone(t, context, 440);
  const bob = await answeredPhone(t, context);
  const audioUrl = await toneUrl(t, { seconds: 20 });
  const { data: conference } = await telnyx.conferences.create({ call_control_id: alice.call.call_control_id, name: uniqueName('gather') });
  await telnyx.conferences.actions.join(conference.id, { call_control_id: bob.call.call_control_id });
  await webhooks.waitFor('conference.participant.joined', bob.call.call_control_id, (p) => p.conference_id === conference.id);
  // Bob's recording first shows alice's tone: before that its tail is the silence from before he joined, and a
  // "quiet" read then would let alice's unmuted tone pass for the prompt (digits pressed before the gather existed).
  await eventually(() => recentLevel(bob.phone) > TONE_RMS, 'bob hearing alice');
  // Alice muted: what bob hears next can only be the prompt.
  await telnyx.conferences.actions.mute(conference.id, { call_control_ids: [alice.call.call_control_id] });
  await eventually(() => recentLevel(bob.phone) < TONE_RMS, 'bob hearing nothing with alice muted');

  const gather = await telnyx.conferences.actions.gatherDtmfAudio(conference.id, {
    call_control_id: bob.call.call_control_id, audio_url: audioUrl, maximum_digits: 2, timeout_millis: 20000, client_state: clientState('conf-gather'),
  });
  assert.deepEqual(gather.data, { result: 'ok' });
  await eventually(() => recentLevel(bob.phone) > TONE_RMS, 'the gather prompt at bob');
  await bob.phone.press('42');
  const ended = await webhooks.waitFor('call.gather.ended', bob.call.call_control_id);
  assert.equal(ended.payload.digits, '42');
  assert.equal(ended.payload.status, 'valid');
  assert.equal(ended.payload.client_state, clientState('conf-gather'));

  const refused = [
    [{ audio_url: audioUrl }, '/call_control_id', '10004'],
    [{ call_control_id: bob.call.call_control_id }, '/audio_url', '10004'],
    [{ call_control_id: bob.call.call_control_id, audio_url: 'ftp://x/a.wav' }, '/audio_url'],
    [{ call_control_id: bob.call.call_control_id, audio_url: audioUrl, maximum_digits: 0 }, '/maximum_digits'],
    [{ call_control_id: bob.call.call_control_id, audio_url: audioUrl, terminating_digit: 'x' }, '/terminating_digit'],
    [{ call_control_id: bob.call.call_control_id, audio_url: audioUrl, client_state: '***' }, '/client_state'],
    [{ call_control_id: 'v3:Q0EAAAAAAAAAAAAAAAAAAAAA', audio_url: audioUrl }, '/call_control_id', '90063'],
  ];
  for (const [body, pointer, code] of refused) {
    await assert.rejects(telnyx.conferences.actions.gatherDtmfAudio(conference.id, body), (e) => {
      assert.ok(e instanceof Telnyx.UnprocessableEntityError, `${JSON.stringify(body)}: ${e}`);
      assert.equal(e.error.errors[0].source?.pointer, pointer, JSON.stringify(body));
      if (code) {
        assert.equal(e.error.errors[0].code, code, JSON.stringify(body));
      }
      return true;
    });
  }
  await telnyx.conferences.actions.endConference(conference.id, {});
  for (const { call } of [alice, bob]) {
    await webhooks.waitFor('call.hangup', call.call_control_id);
  }
});
