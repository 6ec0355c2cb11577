import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { client, env, uniqueName } from '../client.mjs';
import { Phone, eventually } from './phone.mjs';
import { WebhookReceiver } from './webhook-receiver.mjs';

async function phone(t) {
  const p = await Phone.start();
  t.after(() => p.stop());
  return p;
}

async function application(t, telnyx, fields) {
  const { data: app } = await telnyx.callControlApplications.create({ application_name: uniqueName('sdk-events'), ...fields });
  t.after(() => telnyx.callControlApplications.delete(app.id).catch(() => {}));
  return app;
}

/** A webhook endpoint that answers `status(n)` to its n-th request (1-based) and keeps every body it got. */
async function endpoint(t, status) {
  const bodies = [];
  const server = http.createServer((request, response) => {
    const chunks = [];
    request.on('data', (c) => chunks.push(c));
    request.on('end', () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      response.writeHead(status(bodies.length)).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => server.close(resolve)));
  return { url: `http://127.0.0.1:${server.address().port}/hook`, bodies };
}

/** Every call event of the leg, through the SDK's paging (`for await` must end). */
async function legEvents(telnyx, legId, extra = {}) {
  const events = [];
  for await (const event of telnyx.callEvents.list({ 'page[size]': 2, ...extra, filter: { leg_id: legId, ...(extra.filter ?? {}) } })) {
    events.push(event);
  }
  return events;
}

test('callEvents.list returns a dialled call\'s commands and webhooks, oldest first, with paging that ends', async (t) => {
  const telnyx = client();
  const webhooks = await WebhookReceiver.start(telnyx);
  t.after(() => webhooks.close());
  const app = await application(t, telnyx, { webhook_event_url: webhooks.url });
  const bob = await phone(t);

  const { data: call } = await telnyx.calls.dial({ connection_id: app.id, from: env('TELNYX_TEST_FROM_NUMBER'), to: bob.uri });
  await webhooks.waitFor('call.answered', call.call_control_id);
  await telnyx.calls.actions.speak(call.call_control_id, { payload: 'Call events.', voice: 'female', command_id: uniqueName('speak') });
  await webhooks.waitFor('call.speak.ended', call.call_control_id);
  await telnyx.calls.actions.hangup(call.call_control_id, {});
  await webhooks.waitFor('call.hangup', call.call_control_id);

  // A webhook is recorded after its attempt, so the last one may land a moment after the receiver has it.
  const events = await eventually(async () => {
    const all = await legEvents(telnyx, call.call_leg_id);
    return all.some((e) => e.name === 'call.hangup') ? all : null;
  }, 'call.hangup among the call events');

  const names = (type) => events.filter((e) => e.type === type).map((e) => e.name);
  assert.deepEqual(names('command'), ['dial', 'speak', 'hangup']);
  assert.deepEqual(names('webhook'), ['call.initiated', 'call.answered', 'call.speak.started', 'call.speak.ended', 'call.hangup']);
  const times = events.map((e) => e.event_timestamp);
  assert.deepEqual(times, [...times].sort(), 'ordered by time, oldest first');
  for (const e of events) {
    assert.equal(e.record_type, 'call_event');
    assert.equal(e.call_leg_id, call.call_leg_id);
    assert.equal(e.call_session_id, call.call_session_id);
    assert.match(e.event_timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  }
  const dial = events.find((e) => e.name === 'dial');
  assert.equal(dial.metadata.connection_id, app.id);
  assert.equal(dial.metadata.to, bob.uri);
  assert.equal(events.find((e) => e.name === 'speak').metadata.payload, 'Call events.');
  const answered = events.find((e) => e.name === 'call.answered');
  const received = await webhooks.waitFor('call.answered', call.call_control_id);
  assert.equal(answered.metadata.event_type, 'call.answered');
  assert.equal(answered.metadata.id, received.id);
  assert.equal(answered.metadata.payload.call_control_id, call.call_control_id);
  assert.equal(answered.event_timestamp, received.occurred_at);

  // Pages of 2: the SDK asked for each page once and stopped after the last.
  const requests = telnyx.requests.length;
  await legEvents(telnyx, call.call_leg_id);
  assert.equal(telnyx.requests.length - requests, Math.ceil(events.length / 2));
});

test('callEvents.list filters by type, name, time, session, product, and lists the last day without a leg', async (t) => {
  const telnyx = client();
  const webhooks = await WebhookReceiver.start(telnyx);
  t.after(() => webhooks.close());
  const app = await application(t, telnyx, { webhook_event_url: webhooks.url });
  const bob = await phone(t);
  const { data: call } = await telnyx.calls.dial({ connection_id: app.id, from: env('TELNYX_TEST_FROM_NUMBER'), to: bob.uri });
  await webhooks.waitFor('call.answered', call.call_control_id);
  await telnyx.calls.actions.hangup(call.call_control_id, {});
  await webhooks.waitFor('call.hangup', call.call_control_id);
  const all = await eventually(async () => {
    const events = await legEvents(telnyx, call.call_leg_id);
    return events.some((e) => e.name === 'call.hangup') ? events : null;
  }, 'call.hangup among the call events');
  const answered = all.find((e) => e.name === 'call.answered');

  assert.deepEqual((await legEvents(telnyx, call.call_leg_id, { filter: { type: 'command' } })).map((e) => e.name), ['dial', 'hangup']);
  assert.deepEqual((await legEvents(telnyx, call.call_leg_id, { filter: { name: 'call.answered' } })).map((e) => e.name), ['call.answered']);
  const at = await legEvents(telnyx, call.call_leg_id, { filter: { occurred_at: { eq: answered.event_timestamp } } });
  assert.ok(at.some((e) => e.name === 'call.answered') && at.every((e) => e.event_timestamp === answered.event_timestamp));
  const after = await legEvents(telnyx, call.call_leg_id, { filter: { occurred_at: { gt: answered.event_timestamp } } });
  assert.deepEqual(after, all.filter((e) => e.event_timestamp > answered.event_timestamp));
  const upTo = await legEvents(telnyx, call.call_leg_id, { filter: { occurred_at: { lte: answered.event_timestamp } } });
  assert.deepEqual(upTo, all.filter((e) => e.event_timestamp <= answered.event_timestamp));
  const bySession = [];
  for await (const e of telnyx.callEvents.list({ filter: { application_session_id: call.call_session_id } })) {
    bySession.push(e);
  }
  assert.deepEqual(bySession, all);
  assert.deepEqual((await telnyx.callEvents.list({ filter: { leg_id: call.call_leg_id, product: 'texml' } })).data, []);

  // Without a leg or session: the account's last 24 hours, this call's events among them.
  const recent = [];
  for await (const e of telnyx.callEvents.list({ 'page[size]': 50, filter: { name: 'call.hangup', occurred_at: { gte: all[0].event_timestamp } } })) {
    recent.push(e);
  }
  assert.ok(recent.some((e) => e.call_leg_id === call.call_leg_id));
  assert.ok(recent.every((e) => e.name === 'call.hangup' && e.event_timestamp >= all[0].event_timestamp));
  const old = await telnyx.callEvents.list({ filter: { occurred_at: { lt: new Date(Date.now() - 25 * 3600 * 1000).toISOString() } } });
  assert.deepEqual(old.data, [], 'older than a day is not listed without a leg filter');
});

test('webhooks the application\'s primary URL answers 500 go to its failover URL, signed, and a dial\'s own webhook_url has none', async (t) => {
  const telnyx = client();
  const failover = await WebhookReceiver.start(telnyx);
  t.after(() => failover.close());
  const primary = await endpoint(t, () => 500);
  const app = await application(t, telnyx, { webhook_event_url: primary.url, webhook_event_failover_url: failover.url, webhook_timeout_secs: 5 });
  const bob = await phone(t);

  const { data: call } = await telnyx.calls.dial({ connection_id: app.id, from: env('TELNYX_TEST_FROM_NUMBER'), to: bob.uri });
  const initiated = await failover.waitFor('call.initiated', call.call_control_id);
  await failover.waitFor('call.answered', call.call_control_id);
  await telnyx.calls.actions.hangup(call.call_control_id, {});
  const hangup = await failover.waitFor('call.hangup', call.call_control_id);
  assert.deepEqual(failover.of(call.call_control_id).map((e) => e.data.event_type), ['call.initiated', 'call.answered', 'call.hangup']);
  for (const event of failover.of(call.call_control_id)) {
    assert.equal(event.meta.delivered_to, failover.url);
    assert.equal(event.meta.attempt, 2);
  }
  // The primary was tried first with each, in order, naming itself.
  const tried = primary.bodies.filter((b) => b.data.payload.call_control_id === call.call_control_id);
  assert.deepEqual(tried.map((b) => b.data.id), [initiated.id, failover.of(call.call_control_id)[1].data.id, hangup.id]);
  assert.ok(tried.every((b) => b.meta.delivered_to === primary.url && b.meta.attempt === 1));

  // A dial's webhook_url: its first webhook fails once and is retried there, never sent to the failover.
  const own = await endpoint(t, (n) => (n === 1 ? 500 : 200));
  const bob2 = await phone(t);
  const { data: second } = await telnyx.calls.dial({ connection_id: app.id, from: env('TELNYX_TEST_FROM_NUMBER'), to: bob2.uri, webhook_url: own.url });
  await eventually(() => own.bodies.some((b) => b.data.event_type === 'call.answered'), 'call.answered at the dial\'s webhook_url', 60);
  assert.deepEqual(own.bodies.slice(0, 2).map((b) => [b.data.event_type, b.meta.attempt, b.meta.delivered_to]),
    [['call.initiated', 1, own.url], ['call.initiated', 2, own.url]]);
  await telnyx.calls.actions.hangup(second.call_control_id, {});
  await eventually(() => own.bodies.some((b) => b.data.event_type === 'call.hangup'), 'call.hangup at the dial\'s webhook_url');
  assert.deepEqual(failover.of(second.call_control_id), []);
});
