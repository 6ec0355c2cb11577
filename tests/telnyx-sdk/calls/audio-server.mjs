// A WAV served on 127.0.0.1 for tests that give the platform an audio_url: sox makes the file (as phone.mjs makes a
// phone's source), a node http server serves it until the test's `after`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

/** The URL of `seconds` of a `hz` sine (8 kHz, 16-bit mono WAV), served until `t.after`. */
export async function toneUrl(t, { seconds = 3, hz = 600 } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'telnyx-audio-'));
  const file = path.join(dir, 'tone.wav');
  execFileSync('sox', ['-n', '-r', '8000', '-c', '1', '-b', '16', '-e', 'signed-integer', file, 'synth', String(seconds), 'sine', String(hz), 'vol', '0.3']);
  const wav = readFileSync(file);
  rmSync(dir, { recursive: true, force: true });
  const server = http.createServer((request, response) => response.writeHead(200, { 'Content-Type': 'audio/wav' }).end(wav));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${server.address().port}/tone.wav`;
}
