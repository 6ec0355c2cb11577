// A real SIP phone for the SDK tests: baresip (Debian package), configured as tests/Voice.Testing/Baresip.cs does it
// (PCMU, RFC 4733 DTMF, what it hears dumped to a WAV), driven over its ctrl_tcp netstring JSON interface. Each test
// starts its phones and stops them in `after`, even when it fails.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A block of `count` free loopback ports (UDP and TCP both free at the first), above the .NET tests' range. */
async function freeBlock(count) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const start = 60000 + 2 * Math.floor(Math.random() * ((5000 - count) / 2));
    if (await isFree(start) && await isFree(start + 2)) {
      return start;
    }
  }
  throw new Error('no free port block');
}

function isFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export class Phone {
  /**
   * `sourceAudio`: a file (any format sox reads) the phone plays from the answer, padded with 30 s of silence;
   * `accountParameters` (e.g. `;call_transfer=no`: refuse REFERs) are appended to the account line.
   */
  static async start({ answerMode = 'auto', toneHz, sourceAudio, accountParameters = '' } = {}) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'telnyx-phone-'));
    mkdirSync(path.join(dir, 'rec'));
    const block = await freeBlock(24);
    const sipPort = block;
    const ctrlPort = block + 2;
    const source = path.join(dir, 'source8k.wav');
    const synth = toneHz ? ['synth', '30', 'sine', String(toneHz), 'vol', '0.3'] : ['trim', '0', '30'];
    if (sourceAudio) {
      execFileSync('sox', [sourceAudio, '-r', '8000', '-c', '1', '-b', '16', '-e', 'signed-integer', source, 'pad', '0', '30']);
    } else {
      execFileSync('sox', ['-n', '-r', '8000', '-c', '1', '-b', '16', '-e', 'signed-integer', source, ...synth]);
    }
    writeFileSync(path.join(dir, 'contacts'), '');
    writeFileSync(path.join(dir, 'accounts'), `<sip:bob@127.0.0.1:${sipPort}>;regint=0;answermode=${answerMode};audio_codecs=PCMU;dtmfmode=rtpevent${accountParameters}\n`);
    writeFileSync(path.join(dir, 'config'), [
      'poll_method epoll', `sip_listen 127.0.0.1:${sipPort}`, 'net_interface 127.0.0.1', `audio_source aufile,${source}`,
      `audio_player aubridge,null${sipPort}`, `audio_alert aubridge,null${sipPort}`, `rtp_ports ${block + 4}-${block + 23}`,
      'module_path /usr/lib/baresip/modules', 'module g711.so', 'module aufile.so', 'module aubridge.so', 'module sndfile.so',
      'module ctrl_tcp.so', 'module_tmp account.so', 'module_app menu.so', `snd_path ${dir}/rec`, `ctrl_tcp_listen 127.0.0.1:${ctrlPort}`,
    ].join('\n') + '\n');
    const process = spawn('baresip', ['-f', dir, '-t', '120'], { stdio: ['pipe', 'ignore', 'ignore'] });
    const phone = new Phone(dir, sipPort, process);
    const deadline = Date.now() + 10000;
    for (;;) {
      try {
        await phone.#connect(ctrlPort);
        return phone;
      } catch (e) {
        if (Date.now() > deadline || process.exitCode !== null) {
          await phone.stop();
          throw new Error(`baresip did not open its control port: ${e.message}`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  #events = [];
  #waiters = [];
  #socket;

  constructor(dir, sipPort, process) {
    this.dir = dir;
    this.sipPort = sipPort;
    this.process = process;
    this.uri = `sip:bob@127.0.0.1:${sipPort}`;
  }

  #connect(port) {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.removeListener('error', reject);
        socket.on('error', () => {});
        let buffer = Buffer.alloc(0);
        socket.on('data', (chunk) => {
          buffer = Buffer.concat([buffer, chunk]);
          for (;;) {
            const colon = buffer.indexOf(0x3a);
            const length = colon > 0 ? Number(buffer.subarray(0, colon).toString('ascii')) : NaN;
            if (!Number.isInteger(length) || buffer.length < colon + 1 + length + 1) {
              break;
            }
            const payload = buffer.subarray(colon + 1, colon + 1 + length).toString('utf8');
            buffer = buffer.subarray(colon + 1 + length + 1);
            try {
              const message = JSON.parse(payload);
              if (message.event === true) {
                this.#events.push(message);
                this.#waiters = this.#waiters.filter((w) => !w(message));
              }
            } catch {
              // Not JSON: baresip's own replies to commands we do not read.
            }
          }
        });
        this.#socket = socket;
        resolve();
      });
    });
  }

  /** A ctrl_tcp command: `dial`, `accept`, `hangup`, `sndcode` (send a DTMF digit)… */
  command(command, params = '') {
    const json = JSON.stringify({ command, params, token: 't' });
    this.#socket.write(`${Buffer.byteLength(json)}:${json},`);
  }

  /** The first event of `type` seen (at any time), within `seconds`. */
  event(type, seconds = 20) {
    const seen = this.#events.find((e) => e.type === type);
    if (seen) {
      return Promise.resolve(seen);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`baresip did not report ${type} within ${seconds} s; saw ${this.#events.map((e) => e.type).join(', ')}`)), seconds * 1000);
      this.#waiters.push((message) => {
        if (message.type !== type) {
          return false;
        }
        clearTimeout(timer);
        resolve(message);
        return true;
      });
    });
  }

  /** The events of `type` seen so far (e.g. CALL_DTMF_START, whose `param` is the digit received). */
  eventsOf(type) {
    return this.#events.filter((e) => e.type === type);
  }

  get seenTypes() {
    return this.#events.map((e) => e.type);
  }

  /** Presses `digits` one after the other (RFC 4733 events in the RTP stream). */
  async press(digits) {
    for (const digit of digits) {
      this.command('sndcode', digit);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** The samples baresip decoded from the call so far (16-bit mono; empty when it wrote nothing yet). */
  heard() {
    const file = readdirSync(path.join(this.dir, 'rec')).find((f) => f.startsWith('dump-') && f.endsWith('-dec.wav'));
    if (!file) {
      return new Int16Array(0);
    }
    const wav = readFileSync(path.join(this.dir, 'rec', file));
    const data = wav.indexOf('data', 12, 'ascii');
    if (data < 0) {
      return new Int16Array(0);
    }
    const start = data + 8;
    const usable = Math.floor((wav.length - start) / 2);
    return new Int16Array(wav.buffer.slice(wav.byteOffset + start, wav.byteOffset + start + usable * 2));
  }

  async stop() {
    this.#socket?.destroy();
    if (this.process.exitCode === null) {
      const exited = new Promise((r) => this.process.once('exit', r));
      this.process.kill('SIGKILL');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Root-mean-square level of `samples` (0 for silence, ~ 30 for comfort noise, thousands for speech). */
export function rms(samples) {
  if (samples.length === 0) {
    return 0;
  }
  let sum = 0;
  for (const s of samples) {
    sum += s * s;
  }
  return Math.sqrt(sum / samples.length);
}

/** Polls `probe` until it returns a truthy value, or fails after `seconds` with `what`. */
export async function eventually(probe, what, seconds = 20) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe();
    if (value) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${seconds} s waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
