import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Telnyx } from '../client.mjs';
import { Phone, rms, eventually } from './phone.mjs';
import { setUp, answeredPhone, hangUp } from './session.mjs';
import { StreamServer } from './stream-server.mjs';

// A phone's tone heard back is thousands; silence is 0 and comfort noise tens.
const TONE_RMS = 300;

function recentLevel(phone) {
  const samples = phone.heard();
  return rms(samples.subarray(Math.max(0, samples.length - 4000)));
}

function rejectsWith(promise, code, pointer) {
  return assert.rejects(promise, (e) => {
    assert.ok(e instanceof Telnyx.UnprocessableEntityError, String(e));
    assert.equal(e.error.errors[0].code, code, JSON.stringify(e.error));
    assert.equal(e.error.errors[0].source.pointer, pointer, JSON.stringify(e.error));
    return true;
  });
}

test('actions.startStreaming streams the caller to a WebSocket, plays its bidirectional audio back, marks, and stopStreaming ends it', async (t) => {
  const context = await setUp(t, 'sdk-stream');
  const { telnyx, webhooks } = context;
  const server = await StreamServer.start(t);
  const party = await answeredPhone(t, context, 700);
  const id = party.call.call_control_id;
  await eventually(() => recentLevel(party.phone) < TONE_RMS, 'silence before the stream');

  const started = await telnyx.calls.actions.startStreaming(id, {
    stream_url: server.url,
    stream_track: 'inbound_track',
    stream_bidirectional_mode: 'rtp',
    stream_bidirectional_codec: 'PCMU',
    stream_auth_token: 'token-1',
    custom_parameters: [{ name: 'customer', value: '42' }],
    client_state: Buffer.from('streaming').toString('base64'),
  });
  assert.deepEqual(started.data, { result: 'ok' });
  const startedHook = await webhooks.waitFor('streaming.started', id);
  assert.equal(startedHook.payload.stream_url, server.url);
  assert.equal(startedHook.payload.call_control_id, id);

  await eventually(() => server.events.filter((e) => e === 'media').length > 50, 'media on the WebSocket');
  assert.deepEqual(server.events.slice(0, 2), ['connected', 'start']);
  const start = server.messages[1];
  assert.equal(start.start.call_control_id, id);
  assert.equal(start.start.call_session_id, party.call.call_session_id);
  assert.equal(start.start.custom_parameters.customer, '42');
  assert.equal(start.start.client_state, Buffer.from('streaming').toString('base64'));
  assert.deepEqual(start.start.media_format, { encoding: 'PCMU', sample_rate: 8000, channels: 1 });
  assert.equal(server.handshakes[0].authorization, 'Bearer token-1');
  const media = server.messages.find((m) => m.event === 'media');
  assert.equal(media.media.track, 'inbound');
  assert.equal(Buffer.from(media.media.payload, 'base64').length, 160);
  await eventually(() => recentLevel(party.phone) > TONE_RMS, 'the phone hearing its own tone back through the stream');

  server.send({ event: 'mark', mark: { name: 'after-echo' } });
  await eventually(() => server.messages.some((m) => m.event === 'mark' && m.mark.name === 'after-echo'), 'the mark echoed');

  assert.deepEqual((await telnyx.calls.actions.stopStreaming(id, {})).data, { result: 'ok' });
  const stopped = await webhooks.waitFor('streaming.stopped', id);
  assert.equal(stopped.payload.stream_url, server.url);
  await eventually(() => server.events.includes('(closed)'), 'the WebSocket closed');
  assert.equal(server.events.filter((e) => e !== '(closed)').at(-1), 'stop');
  await hangUp(telnyx, webhooks, party);
});

test('calls.dial with stream_url streams both tracks from the answer; a stream to nowhere is streaming.failed', async (t) => {
  const context = await setUp(t, 'sdk-stream-dial');
  const { telnyx, webhooks, app, from } = context;
  const server = await StreamServer.start(t);
  server.echo = false;
  const phone = await Phone.start({ toneHz: 500 });
  t.after(() => phone.stop());

  const { data: call } = await telnyx.calls.dial({ connection_id: app.id, from, to: phone.uri, stream_url: server.url, stream_track: 'both_tracks', stream_codec: 'L16' });
  t.after(() => telnyx.calls.actions.hangup(call.call_control_id, {}).catch(() => {}));
  await webhooks.waitFor('call.answered', call.call_control_id);
  await webhooks.waitFor('streaming.started', call.call_control_id);
  await eventually(() => server.messages.filter((m) => m.event === 'media').length > 40, 'media on both tracks');
  const tracks = new Set(server.messages.filter((m) => m.event === 'media').map((m) => m.media.track));
  assert.deepEqual([...tracks].sort(), ['inbound', 'outbound']);
  assert.deepEqual(server.messages[1].start.media_format, { encoding: 'L16', sample_rate: 16000, channels: 1 });
  assert.equal(Buffer.from(server.messages.find((m) => m.event === 'media').media.payload, 'base64').length, 640);

  await telnyx.calls.actions.startStreaming(call.call_control_id, { stream_url: 'ws://127.0.0.1:9/nowhere' });
  const failed = await webhooks.waitFor('streaming.failed', call.call_control_id);
  assert.match(failed.payload.failure_reason, /cannot connect/);
  assert.equal(failed.payload.stream_type, 'websocket');
  assert.deepEqual(failed.payload.stream_params, { stream_url: 'ws://127.0.0.1:9/nowhere', track: 'inbound_track' });
  assert.match(failed.payload.stream_id, /^[0-9a-f-]{36}$/);

  await telnyx.calls.actions.hangup(call.call_control_id, {});
  await webhooks.waitFor('streaming.stopped', call.call_control_id);
  await webhooks.waitFor('call.hangup', call.call_control_id);
});

test('actions.startStreaming refuses what it cannot stream, naming the field', async (t) => {
  const context = await setUp(t, 'sdk-stream-bad');
  const { telnyx, webhooks } = context;
  const party = await answeredPhone(t, context);
  const id = party.call.call_control_id;

  await rejectsWith(telnyx.calls.actions.startStreaming(id, {}), '10004', '/stream_url');
  await rejectsWith(telnyx.calls.actions.startStreaming(id, { stream_url: 'https://example.com/x' }), '10015', '/stream_url');
  await rejectsWith(telnyx.calls.actions.startStreaming(id, { stream_url: 'ws://127.0.0.1:9/x', stream_codec: 'OPUS' }), '10015', '/stream_codec');
  await rejectsWith(telnyx.calls.actions.startStreaming(id, { stream_url: 'ws://127.0.0.1:9/x', stream_track: 'sideways' }), '10015', '/stream_track');
  await rejectsWith(telnyx.calls.actions.startStreaming(id, { stream_url: 'ws://127.0.0.1:9/x', stream_bidirectional_mode: 'mp3' }), '10015', '/stream_bidirectional_mode');
  await rejectsWith(telnyx.calls.actions.startStreaming(id, { stream_url: 'ws://127.0.0.1:9/x', stream_bidirectional_mode: 'rtp', stream_bidirectional_codec: 'PCMU', stream_bidirectional_sampling_rate: 16000 }), '10015', '/stream_bidirectional_sampling_rate');
  await rejectsWith(telnyx.calls.actions.startStreaming(id, { stream_url: 'ws://127.0.0.1:9/x', stream_bidirectional_target_legs: 'both' }), '10015', '/stream_bidirectional_target_legs');
  await rejectsWith(telnyx.calls.actions.stopStreaming(id, { stream_id: 'not-a-uuid' }), '10015', '/stream_id');
  await hangUp(telnyx, webhooks, party);
});
