import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Telnyx, uniqueName } from '../client.mjs';
import { toneUrl } from './audio-server.mjs';
import { eventually } from './phone.mjs';
import { setUp, answeredPhone, hangUp } from './session.mjs';

const HOLD_HZ = 600;
const AGENT_HZ = 1000;
const FRAME = 800; // 100 ms at 8 kHz, baresip's dump rate
const UNKNOWN_CALL = 'v3:Q0EAAAAAAAAAAAAAAAAAAAAA';

/** The share of a frame's energy at `hz` (Goertzel): about 1 for a pure tone there, near 0 for speech or another tone. */
function purity(frame, hz) {
  const coefficient = 2 * Math.cos((2 * Math.PI * hz) / 8000);
  let s1 = 0;
  let s2 = 0;
  let energy = 0;
  for (const x of frame) {
    const s0 = x + coefficient * s1 - s2;
    s2 = s1;
    s1 = s0;
    energy += x * x;
  }
  const power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
  return energy === 0 ? 0 : (2 * power) / (frame.length * energy);
}

/** What each 100 ms of the call sounded like at the phone: hold (the hold tone), agent (the agent's tone), speech, or quiet. */
function frames(phone) {
  const samples = phone.heard();
  const labels = [];
  for (let start = 0; start + FRAME <= samples.length; start += FRAME) {
    const frame = samples.subarray(start, start + FRAME);
    const rms = Math.sqrt(frame.reduce((sum, x) => sum + x * x, 0) / FRAME);
    const label = rms < 300 ? 'quiet'
      : purity(frame, HOLD_HZ) > 0.8 ? 'hold'
        : purity(frame, AGENT_HZ) > 0.8 ? 'agent'
          : purity(frame, HOLD_HZ) < 0.3 && purity(frame, AGENT_HZ) < 0.3 ? 'speech' : 'mixed';
    labels.push(label);
  }
  return labels;
}

/** The frames as runs of at least `min` frames of one kind: ['hold', 'speech', 'hold', …]. */
function runs(labels, min = 5) {
  const out = [];
  let current = null;
  let length = 0;
  for (const label of [...labels, 'end']) {
    if (label === current) {
      length++;
      continue;
    }
    if (current !== null && length >= min && current !== 'quiet' && current !== 'mixed' && out.at(-1) !== current) {
      out.push(current);
    }
    current = label;
    length = 1;
  }
  return out;
}

function followsInOrder(sequence, wanted) {
  let at = 0;
  for (const item of sequence) {
    if (item === wanted[at]) {
      at++;
    }
  }
  return at === wanted.length;
}

test('enqueue with hold_audio_url and an announcement: the caller hears the hold audio, the announcement, the hold audio again, and a bridge to an agent stops it', async (t) => {
  const context = await setUp(t, 'sdk-hold');
  const { telnyx, webhooks } = context;
  const caller = await answeredPhone(t, context);
  const id = caller.call.call_control_id;
  const name = uniqueName('hold');
  t.after(() => telnyx.queues.delete(name).catch(() => {}));
  const holdUrl = await toneUrl(t, { seconds: 2, hz: HOLD_HZ });

  await telnyx.calls.actions.enqueue(id, {
    queue_name: name,
    hold_audio_url: holdUrl,
    announcement_text: 'You are number {position} in line. Thank you for waiting.',
    announcement_interval_secs: 10,
  });
  assert.equal((await webhooks.waitFor('call.enqueued', id)).payload.current_position, 1);
  await eventually(() => runs(frames(caller.phone)).includes('hold'), 'the hold audio at the caller');
  await eventually(() => followsInOrder(runs(frames(caller.phone)), ['hold', 'speech', 'hold']), 'the announcement over the hold audio, then the hold audio again', 40);

  // The agent's phone plays its own tone: once bridged, that is what the caller hears, and never the hold audio again.
  const agent = await answeredPhone(t, context, AGENT_HZ);
  await telnyx.calls.actions.bridge(agent.call.call_control_id, { call_control_id_to_bridge_with: '', queue: name });
  assert.equal((await webhooks.waitFor('call.dequeued', id)).payload.reason, 'bridged');
  await webhooks.waitFor('call.bridged', id);
  const agentFrom = await eventually(() => {
    const labels = frames(caller.phone);
    const first = labels.indexOf('agent');
    // Two seconds of the call after the agent is first heard.
    return first >= 0 && labels.length - first >= 20 ? { labels, first } : null;
  }, 'the agent heard by the caller');
  const afterBridge = agentFrom.labels.slice(agentFrom.first);
  assert.ok(!afterBridge.includes('hold'), `no hold audio once the agent is heard: ${runs(afterBridge, 1).join(', ')}`);
  assert.ok(afterBridge.filter((l) => l === 'agent').length >= 15, `the agent's tone goes on: ${runs(afterBridge, 1).join(', ')}`);

  // The hold audio and the announcement were ours: no playback or speak webhooks for them.
  const types = webhooks.of(id).map((e) => e.data.event_type);
  assert.deepEqual(types.filter((type) => /^call\.(playback|speak)\./.test(type)), [], types.join(', '));
  await hangUp(telnyx, webhooks, caller, agent);
});

test('the enqueue hold extension fields refuse malformed values naming the field', async (t) => {
  const { telnyx } = await setUp(t, 'sdk-hold');
  const queue_name = uniqueName('q');
  const bodies = [
    [{ hold_audio_url: 'ftp://127.0.0.1/hold.wav' }, '/hold_audio_url'],
    [{ hold_audio_url: '/relative.wav' }, '/hold_audio_url'],
    [{ hold_audio_url: 7 }, '/hold_audio_url'],
    [{ hold_speak: '' }, '/hold_speak'],
    [{ hold_speak: 'x'.repeat(3001) }, '/hold_speak'],
    [{ hold_audio_url: 'https://example.com/a.wav', hold_speak: 'Please hold' }, '/hold_speak'],
    [{ hold_speak: 'Please hold', hold_language: 'english!' }, '/hold_language'],
    [{ announcement_text: 'You are {place} in line' }, '/announcement_text'],
    [{ announcement_text: '   ' }, '/announcement_text'],
    [{ announcement_text: 'Hi', announcement_interval_secs: 9 }, '/announcement_interval_secs'],
    [{ announcement_text: 'Hi', announcement_interval_secs: 3601 }, '/announcement_interval_secs'],
    [{ announcement_text: 'Hi', announcement_interval_secs: '30' }, '/announcement_interval_secs'],
    [{ announcement_interval_secs: 30 }, '/announcement_interval_secs'],
  ];
  for (const [fields, pointer] of bodies) {
    await assert.rejects(telnyx.calls.actions.enqueue(UNKNOWN_CALL, { queue_name, ...fields }), (e) => {
      assert.ok(e instanceof Telnyx.UnprocessableEntityError, `${JSON.stringify(fields)}: ${e}`);
      assert.equal(e.error.errors[0].source.pointer, pointer, `${JSON.stringify(fields)}: ${JSON.stringify(e.error)}`);
      return true;
    });
  }
  // Well-formed fields get as far as the call, which does not exist.
  await assert.rejects(
    telnyx.calls.actions.enqueue(UNKNOWN_CALL, { queue_name, hold_speak: 'Please hold', hold_language: 'de-DE', announcement_text: 'Number {position}' }),
    Telnyx.NotFoundError);
});
