import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Telnyx } from '../client.mjs';
import { Phone } from './phone.mjs';
import { setUp, hangUp } from './session.mjs';

// What the answering phones play, made with espeak-ng and sox: 1 s of silence (the node starts listening on answer),
// then a person's "hello?" and silence, or a 13-word voicemail greeting, 0.7 s of silence and a 1 kHz beep.
function answerAudio(t, kind) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'telnyx-amd-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const speech = path.join(dir, 'speech.wav');
  const text = kind === 'human' ? 'hello?' : 'Hi, you have reached the voicemail of Sam. Please leave a message after the tone.';
  execFileSync('espeak-ng', ['-v', 'en-us', '-w', speech, text]);
  const fmt = ['-r', '8000', '-c', '1', '-b', '16', '-e', 'signed-integer'];
  const speech8k = path.join(dir, 'speech8k.wav');
  execFileSync('sox', [speech, ...fmt, speech8k, 'pad', '1', '0']);
  const out = path.join(dir, `${kind}.wav`);
  if (kind === 'human') {
    execFileSync('sox', [speech8k, out, 'pad', '0', '4']);
  } else {
    const beep = path.join(dir, 'beep.wav');
    execFileSync('sox', ['-n', ...fmt, beep, 'synth', '0.4', 'sine', '1000', 'vol', '0.25', 'pad', '0.7', '3']);
    execFileSync('sox', [speech8k, beep, out]);
  }
  return out;
}

async function dialAnsweringPhone(t, context, kind, options) {
  const { telnyx, webhooks, app, from } = context;
  const phone = await Phone.start({ sourceAudio: answerAudio(t, kind) });
  t.after(() => phone.stop());
  const { data: call } = await telnyx.calls.dial({ connection_id: app.id, from, to: phone.uri, ...options });
  t.after(() => telnyx.calls.actions.hangup(call.call_control_id, {}).catch(() => {}));
  await webhooks.waitFor('call.answered', call.call_control_id);
  return { phone, call };
}

test('calls.dial with answering_machine_detection greeting_end reports a voicemail as machine, then its beep', async (t) => {
  const context = await setUp(t, 'sdk-amd');
  const { telnyx, webhooks } = context;
  const party = await dialAnsweringPhone(t, context, 'machine', {
    answering_machine_detection: 'greeting_end',
    answering_machine_detection_config: { total_analysis_time_millis: 5000, after_greeting_silence_millis: 800 },
    client_state: Buffer.from('amd-1').toString('base64'),
  });
  const id = party.call.call_control_id;

  const detected = await webhooks.waitFor('call.machine.detection.ended', id);
  assert.equal(detected.payload.result, 'machine');
  assert.equal(detected.payload.call_control_id, id);
  assert.equal(detected.payload.call_session_id, party.call.call_session_id);
  assert.equal(Buffer.from(detected.payload.client_state, 'base64').toString(), 'amd-1');
  assert.equal(detected.payload.to, party.phone.uri);
  const greeting = await webhooks.waitFor('call.machine.greeting.ended', id);
  assert.equal(greeting.payload.result, 'beep_detected');
  assert.ok(Date.parse(greeting.occurred_at) >= Date.parse(detected.occurred_at));
  await hangUp(telnyx, webhooks, party);
});

test('calls.dial with answering_machine_detection detect reports a person who says hello and waits as human', async (t) => {
  const context = await setUp(t, 'sdk-amd');
  const { telnyx, webhooks } = context;
  const party = await dialAnsweringPhone(t, context, 'human', { answering_machine_detection: 'detect' });

  const detected = await webhooks.waitFor('call.machine.detection.ended', party.call.call_control_id);
  assert.equal(detected.payload.result, 'human');
  await hangUp(telnyx, webhooks, party);
});

test('calls.dial refuses answering-machine detection it cannot do, naming the field', async (t) => {
  const { telnyx, app, from } = await setUp(t, 'sdk-amd');
  const to = 'sip:nobody@127.0.0.1:9';
  const cases = [
    [{ answering_machine_detection: 'premium' }, '/answering_machine_detection'],
    [{ answering_machine_detection: 'always' }, '/answering_machine_detection'],
    [{ answering_machine_detection: 'detect', answering_machine_detection_config: 'fast' }, '/answering_machine_detection_config'],
    [{ answering_machine_detection: 'detect', answering_machine_detection_config: { total_analysis_time_millis: 10 } }, '/answering_machine_detection_config/total_analysis_time_millis'],
    [{ answering_machine_detection: 'detect', answering_machine_detection_config: { greeting_duration_millis: '3500' } }, '/answering_machine_detection_config/greeting_duration_millis'],
    [{ answering_machine_detection: 'detect_beep', answering_machine_detection_config: { beep_spectral_min_purity: 2 } }, '/answering_machine_detection_config/beep_spectral_min_purity'],
    [{ answering_machine_detection: 'detect_beep', answering_machine_detection_config: { beep_spectral_reject_fax_cng: true } }, '/answering_machine_detection_config/beep_spectral_reject_fax_cng'],
    [{ answering_machine_detection: 'detect_beep', answering_machine_detection_config: { beep_min_frequency_hz: 1500, beep_max_frequency_hz: 900 } }, '/answering_machine_detection_config/beep_min_frequency_hz'],
  ];
  for (const [extra, pointer] of cases) {
    await assert.rejects(telnyx.calls.dial({ connection_id: app.id, from, to, ...extra }), (e) => {
      assert.ok(e instanceof Telnyx.UnprocessableEntityError, `${JSON.stringify(extra)}: ${e}`);
      assert.equal(e.error.errors[0].source.pointer, pointer, JSON.stringify(extra));
      return true;
    });
  }
});
