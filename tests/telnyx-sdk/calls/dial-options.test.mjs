import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Telnyx } from '../client.mjs';
import { Phone, rms, eventually } from './phone.mjs';
import { setUp, answeredPhone, hangUp } from './session.mjs';
import { toneUrl } from './audio-server.mjs';

// A tone heard by a phone is thousands; silence is 0 and comfort noise tens.
const TONE_RMS = 300;

function recentLevel(phone) {
  const samples = phone.heard();
  return rms(samples.subarray(Math.max(0, samples.length - 4000)));
}

test('calls.dial with audio_url plays the file to the callee when it answers', async (t) => {
  const context = await setUp(t, 'sdk-dial');
  const { telnyx, webhooks, app, from } = context;
  const audioUrl = await toneUrl(t, { seconds: 3 });
  const bob = await Phone.start();
  t.after(() => bob.stop());

  const { data: call } = await telnyx.calls.dial({
    connection_id: app.id, from, to: bob.uri, audio_url: audioUrl, custom_headers: [{ name: 'X-Order-Id', value: 'o-42' }],
  });
  t.after(() => telnyx.calls.actions.hangup(call.call_control_id, {}).catch(() => {}));
  await webhooks.waitFor('call.answered', call.call_control_id);
  await webhooks.waitFor('call.playback.started', call.call_control_id);
  await eventually(() => recentLevel(bob) > TONE_RMS, 'the callee hearing the dial\'s audio');
  const ended = await webhooks.waitFor('call.playback.ended', call.call_control_id);
  assert.equal(ended.payload.status, 'completed');
  await hangUp(telnyx, webhooks, { call });
});

test('calls.dial with link_to and bridge_on_answer bridges the new call to the linked one when it answers, in its session', async (t) => {
  const context = await setUp(t, 'sdk-dial');
  const { telnyx, webhooks, app, from } = context;
  const alice = await answeredPhone(t, context, 440);
  const bob = await Phone.start({ toneHz: 1000 });
  t.after(() => bob.stop());

  const { data: call } = await telnyx.calls.dial({
    connection_id: app.id, from, to: bob.uri, link_to: alice.call.call_control_id, bridge_on_answer: true,
  });
  t.after(() => telnyx.calls.actions.hangup(call.call_control_id, {}).catch(() => {}));
  assert.equal(call.call_session_id, alice.call.call_session_id, 'a linked call shares the session of the call it links to');
  await webhooks.waitFor('call.answered', call.call_control_id);
  const bridged = await webhooks.waitFor('call.bridged', call.call_control_id);
  assert.equal(bridged.payload.other_call_control_id, alice.call.call_control_id);
  await webhooks.waitFor('call.bridged', alice.call.call_control_id);
  await eventually(() => recentLevel(bob) > TONE_RMS && recentLevel(alice.phone) > TONE_RMS, 'the two phones hearing each other');

  // The session lists both legs' events; a leg filter only its own.
  const legsOf = async (filter) => {
    const legs = new Set();
    for await (const e of telnyx.callEvents.list({ filter })) {
      legs.add(e.call_leg_id);
      assert.equal(e.call_session_id, alice.call.call_session_id);
    }
    return [...legs].sort();
  };
  await eventually(async () => (await legsOf({ application_session_id: alice.call.call_session_id })).length === 2, 'the session\'s events of both legs');
  assert.deepEqual(await legsOf({ leg_id: call.call_leg_id }), [call.call_leg_id]);
  await hangUp(telnyx, webhooks, alice, { call });
});

test('calls.dial refuses a malformed audio_url, link_to or bridge_on_answer naming the field', async (t) => {
  const { telnyx, app, from } = await setUp(t, 'sdk-dial');
  const to = '+15550009999';
  const cases = [
    [{ audio_url: 'ftp://x/a.wav' }, '/audio_url'],
    [{ media_name: 'greeting' }, '/media_name'],
    [{ link_to: 'v3:nope' }, '/link_to'],
    [{ link_to: 'v3:Q0EAAAAAAAAAAAAAAAAAAAAA' }, '/link_to'],
    [{ bridge_on_answer: true }, '/bridge_on_answer'],
    [{ bridge_on_answer: 'yes' }, '/bridge_on_answer'],
    [{ custom_headers: { name: 'X-A', value: 'b' } }, '/custom_headers'],
    [{ custom_headers: ['X-A: b'] }, '/custom_headers/0'],
    [{ custom_headers: [{ value: 'b' }] }, '/custom_headers/0/name'],
    [{ custom_headers: [{ name: 'P-Asserted-Identity', value: 'b' }] }, '/custom_headers/0/name'],
    [{ custom_headers: [{ name: 'X-A', value: 'b' }, { name: 'X-B', value: 'line\r\nbreak' }] }, '/custom_headers/1/value'],
    [{ sip_headers: [{ name: 'User-to-User', value: '00' }] }, '/sip_headers'],
  ];
  for (const [extra, pointer] of cases) {
    await assert.rejects(telnyx.calls.dial({ connection_id: app.id, from, to, ...extra }), (e) => {
      assert.ok(e instanceof Telnyx.UnprocessableEntityError, `${JSON.stringify(extra)}: ${e}`);
      assert.equal(e.error.errors[0].source.pointer, pointer, JSON.stringify(extra));
      return true;
    });
  }
});
