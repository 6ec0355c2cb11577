import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Telnyx } from '../client.mjs';
import { Phone } from './phone.mjs';
import { answeredPhone, setUp, hangUp } from './session.mjs';

const phrases = ['yes', 'no', 'sales', 'support', 'billing', 'check my balance', 'main menu', 'technical support', 'goodbye'];

// The phone's side: 1.5 s of silence, then a caller saying `text` (espeak-ng, 8 kHz), then silence.
function callerSays(t, text) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'telnyx-stt-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const speech = path.join(dir, 'speech.wav');
  execFileSync('espeak-ng', ['-v', 'en-us', '-s', '160', '-w', speech, text]);
  const out = path.join(dir, 'caller.wav');
  execFileSync('sox', [speech, '-r', '8000', '-c', '1', '-b', '16', '-e', 'signed-integer', out, 'pad', '1.5', '3']);
  return out;
}

test('calls.actions.startTranscription reports what the caller says and what the call speaks, by track', async (t) => {
  const context = await setUp(t, 'sdk-stt');
  const { telnyx, webhooks, app, from } = context;
  const phone = await Phone.start({ sourceAudio: callerSays(t, 'check my balance') });
  t.after(() => phone.stop());
  const { data: call } = await telnyx.calls.dial({ connection_id: app.id, from, to: phone.uri });
  t.after(() => telnyx.calls.actions.hangup(call.call_control_id, {}).catch(() => {}));
  const id = call.call_control_id;
  await webhooks.waitFor('call.answered', id);

  const started = await telnyx.calls.actions.startTranscription(id, {
    transcription_engine: 'Google',
    transcription_tracks: 'both',
    transcription_engine_config: { language: 'en', hints: phrases, interim_results: false },
    client_state: Buffer.from('stt-1').toString('base64'),
  });
  assert.equal(started.data.result, 'ok');
  const inbound = await webhooks.waitFor('call.transcription', id, (p) => p.transcription_data.transcription_track === 'inbound');
  await telnyx.calls.actions.speak(id, { payload: 'main menu', voice: 'female' });
  const outbound = await webhooks.waitFor('call.transcription', id, (p) => p.transcription_data.transcription_track === 'outbound');
  await telnyx.calls.actions.stopTranscription(id, {});

  assert.equal(inbound.payload.transcription_data.transcript, 'check my balance');
  assert.equal(inbound.payload.transcription_data.is_final, true);
  assert.ok(inbound.payload.transcription_data.confidence >= 0 && inbound.payload.transcription_data.confidence <= 1);
  assert.equal(Buffer.from(inbound.payload.client_state, 'base64').toString(), 'stt-1');
  assert.equal(inbound.payload.call_session_id, call.call_session_id);
  assert.equal(outbound.payload.transcription_data.transcript, 'main menu');
  await hangUp(telnyx, webhooks, { call });
});

test('calls.actions.startTranscription refuses what it cannot do, naming the field', async (t) => {
  const context = await setUp(t, 'sdk-stt');
  const { telnyx, webhooks } = context;
  const party = await answeredPhone(t, context);
  const id = party.call.call_control_id;
  const cases = [
    [{ transcription_engine: 'Whisperer' }, '/transcription_engine'],
    [{ transcription_tracks: 'sideways' }, '/transcription_tracks'],
    [{ transcription_engine_config: 'google' }, '/transcription_engine_config'],
    [{ transcription_engine_config: { hints: 'sales' } }, '/transcription_engine_config/hints'],
    [{ transcription_engine_config: { language: 'english please' } }, '/transcription_engine_config/language'],
    [{ language: 'english please' }, '/language'],
  ];
  for (const [body, pointer] of cases) {
    await assert.rejects(telnyx.calls.actions.startTranscription(id, body), (e) => {
      assert.ok(e instanceof Telnyx.UnprocessableEntityError, `${JSON.stringify(body)}: ${e}`);
      assert.equal(e.error.errors[0].source.pointer, pointer, JSON.stringify(body));
      return true;
    });
  }
  await hangUp(telnyx, webhooks, party);
});
