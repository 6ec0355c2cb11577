import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Telnyx, uniqueName } from '../client.mjs';
import { rms, eventually } from './phone.mjs';
import { setUp, answeredPhone, hangUp, all } from './session.mjs';

// A phone's tone heard across a bridge is thousands; silence is 0 and comfort noise tens.
const TONE_RMS = 300;
const UNKNOWN_CALL = 'v3:Q0EAAAAAAAAAAAAAAAAAAAAA';

function recentLevel(phone) {
  const samples = phone.heard();
  return rms(samples.subarray(Math.max(0, samples.length - 4000)));
}

function rejectsWith(promise, ErrorClass, code, pointer) {
  return assert.rejects(promise, (e) => {
    assert.ok(e instanceof ErrorClass, String(e));
    assert.equal(e.error.errors[0].code, code, JSON.stringify(e.error));
    if (pointer) {
      assert.equal(e.error.errors[0].source.pointer, pointer, JSON.stringify(e.error));
    }
    return true;
  });
}

test('actions.enqueue lines calls up, queues and queues.calls show them, and a bridge with the queue connects the first to the agent', async (t) => {
  const context = await setUp(t, 'sdk-queue');
  const { telnyx, webhooks } = context;
  const alice = await answeredPhone(t, context, 440);
  const bob = await answeredPhone(t, context);
  const agent = await answeredPhone(t, context, 1000);
  const name = uniqueName('support');
  t.after(() => telnyx.queues.delete(name).catch(() => {}));

  assert.deepEqual((await telnyx.calls.actions.enqueue(alice.call.call_control_id, { queue_name: name, max_size: 5 })).data, { result: 'ok' });
  const first = await webhooks.waitFor('call.enqueued', alice.call.call_control_id);
  assert.equal(first.payload.queue, name);
  assert.equal(first.payload.current_position, 1);
  assert.equal(first.payload.queue_avg_wait_time_secs, 0);
  await telnyx.calls.actions.enqueue(bob.call.call_control_id, { queue_name: name });
  assert.equal((await webhooks.waitFor('call.enqueued', bob.call.call_control_id)).payload.current_position, 2);

  const { data: queue } = await telnyx.queues.retrieve(name);
  assert.equal(queue.record_type, 'queue');
  assert.equal(queue.name, name);
  assert.match(queue.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.equal(queue.current_size, 2);
  assert.equal(queue.max_size, 5, 'the enqueue that created the queue set its size');
  assert.ok((await all(telnyx.queues.list({ 'page[size]': 1 }))).some((q) => q.id === queue.id), 'queues.list pages to the queue and ends');

  // One per page: the SDK fetches both pages and stops.
  const waiting = await all(telnyx.queues.calls.list(name, { 'page[size]': 1 }));
  assert.deepEqual(waiting.map((c) => [c.call_control_id, c.queue_position]), [[alice.call.call_control_id, 1], [bob.call.call_control_id, 2]]);
  for (const call of waiting) {
    assert.equal(call.record_type, 'queue_call');
    assert.equal(call.queue_id, queue.id);
    assert.equal(call.connection_id, context.app.id);
    assert.equal(call.is_alive, true);
    assert.ok(Date.parse(call.enqueued_at) <= Date.now());
  }
  const { data: bobWaiting } = await telnyx.queues.calls.retrieve(bob.call.call_control_id, { queue_name: name });
  assert.equal(bobWaiting.queue_position, 2);

  // The SDK's types want call_control_id_to_bridge_with; with a queue it is left empty.
  await telnyx.calls.actions.bridge(agent.call.call_control_id, { call_control_id_to_bridge_with: '', queue: name });
  const dequeued = await webhooks.waitFor('call.dequeued', alice.call.call_control_id);
  assert.equal(dequeued.payload.reason, 'bridged');
  assert.equal(dequeued.payload.queue_position, 1);
  assert.equal(typeof dequeued.payload.wait_time_secs, 'number');
  await webhooks.waitFor('call.bridged', alice.call.call_control_id);
  await webhooks.waitFor('call.bridged', agent.call.call_control_id);
  await eventually(() => recentLevel(alice.phone) > TONE_RMS && recentLevel(agent.phone) > TONE_RMS, 'the first caller and the agent hearing each other');
  const order = webhooks.of(alice.call.call_control_id).map((e) => e.data.event_type);
  assert.ok(order.indexOf('call.dequeued') < order.indexOf('call.bridged'), `dequeued before bridged: ${order.join(', ')}`);

  assert.deepEqual((await all(telnyx.queues.calls.list(name))).map((c) => [c.call_control_id, c.queue_position]), [[bob.call.call_control_id, 1]]);
  await telnyx.calls.actions.leaveQueue(bob.call.call_control_id, {});
  assert.equal((await webhooks.waitFor('call.dequeued', bob.call.call_control_id)).payload.reason, 'leave');
  await eventually(async () => (await telnyx.queues.retrieve(name)).data.current_size === 0, 'the queue empty');
  await rejectsWith(telnyx.calls.actions.leaveQueue(bob.call.call_control_id, {}), Telnyx.UnprocessableEntityError, '90072');
  await rejectsWith(
    telnyx.calls.actions.bridge(bob.call.call_control_id, { call_control_id_to_bridge_with: '', queue: name }), Telnyx.UnprocessableEntityError, '90070', '/queue');

  await telnyx.queues.delete(name);
  await assert.rejects(telnyx.queues.retrieve(name), Telnyx.NotFoundError);
  await hangUp(telnyx, webhooks, alice, bob, agent);
});

test('a queue refuses calls beyond max_size, its wait runs out, and hangup and queues.calls.remove take calls out', async (t) => {
  const context = await setUp(t, 'sdk-queue');
  const { telnyx, webhooks } = context;
  const alice = await answeredPhone(t, context);
  const bob = await answeredPhone(t, context);
  const name = uniqueName('sales');
  t.after(() => telnyx.queues.delete(name).catch(() => {}));

  const { data: created } = await telnyx.queues.create({ queue_name: name, max_size: 3 });
  assert.equal(created.max_size, 3);
  assert.equal(created.current_size, 0);
  await rejectsWith(telnyx.queues.create({ queue_name: name }), Telnyx.UnprocessableEntityError, '90073', '/queue_name');
  const { data: updated } = await telnyx.queues.update(name, { max_size: 1 });
  assert.equal(updated.max_size, 1);

  await telnyx.calls.actions.enqueue(alice.call.call_control_id, { queue_name: name, max_wait_time_secs: 2 });
  await webhooks.waitFor('call.enqueued', alice.call.call_control_id);
  const timedOut = await webhooks.waitFor('call.dequeued', alice.call.call_control_id);
  assert.equal(timedOut.payload.reason, 'timeout');
  assert.ok(timedOut.payload.wait_time_secs >= 1, `waited ${timedOut.payload.wait_time_secs} s`);
  assert.equal((await telnyx.calls.retrieveStatus(alice.call.call_control_id)).data.is_alive, true, 'a call whose wait ran out stays up');

  await telnyx.calls.actions.enqueue(alice.call.call_control_id, { queue_name: name, command_id: 'again' });
  await webhooks.waitFor('call.enqueued', alice.call.call_control_id, (p) => p.current_position === 1 && webhooks.of(alice.call.call_control_id).filter((e) => e.data.event_type === 'call.enqueued').length === 2);
  await rejectsWith(telnyx.calls.actions.enqueue(bob.call.call_control_id, { queue_name: name }), Telnyx.UnprocessableEntityError, '90071');
  await rejectsWith(telnyx.queues.delete(name), Telnyx.UnprocessableEntityError, '90073');

  await telnyx.calls.actions.hangup(alice.call.call_control_id, {});
  assert.equal((await webhooks.waitFor('call.dequeued', alice.call.call_control_id, (p) => p.reason === 'hangup')).payload.queue, name);
  await eventually(async () => (await telnyx.queues.retrieve(name)).data.current_size === 0, 'the queue empty after the hangup');

  await telnyx.calls.actions.enqueue(bob.call.call_control_id, { queue_name: name });
  await webhooks.waitFor('call.enqueued', bob.call.call_control_id);
  await telnyx.queues.calls.update(bob.call.call_control_id, { queue_name: name, keep_after_hangup: false });
  await telnyx.queues.calls.remove(bob.call.call_control_id, { queue_name: name });
  assert.equal((await webhooks.waitFor('call.dequeued', bob.call.call_control_id)).payload.reason, 'leave');
  await eventually(async () => (await all(telnyx.queues.calls.list(name))).length === 0, 'no calls listed after the remove');
  await assert.rejects(telnyx.queues.calls.retrieve(bob.call.call_control_id, { queue_name: name }), Telnyx.NotFoundError);
  await hangUp(telnyx, webhooks, bob);
});

test('queue operations and the enqueue and bridge actions refuse malformed fields naming the field', async (t) => {
  const { telnyx } = await setUp(t, 'sdk-queue');
  const name = uniqueName('q');
  const enqueues = [
    [{}, '/queue_name', '10004'],
    [{ queue_name: '' }, '/queue_name'],
    [{ queue_name: 'x'.repeat(256) }, '/queue_name'],
    [{ queue_name: 'tab\tname' }, '/queue_name'],
    [{ queue_name: name, max_size: 0 }, '/max_size'],
    [{ queue_name: name, max_size: 'ten' }, '/max_size'],
    [{ queue_name: name, max_wait_time_secs: 0 }, '/max_wait_time_secs'],
    [{ queue_name: name, keep_after_hangup: true }, '/keep_after_hangup'],
    [{ queue_name: name, client_state: 'not base64!' }, '/client_state'],
  ];
  for (const [body, pointer, code] of enqueues) {
    await assert.rejects(telnyx.calls.actions.enqueue(UNKNOWN_CALL, body), (e) => {
      assert.ok(e instanceof Telnyx.UnprocessableEntityError, `${JSON.stringify(body)}: ${e}`);
      assert.equal(e.error.errors[0].source.pointer, pointer, JSON.stringify(body));
      if (code) {
        assert.equal(e.error.errors[0].code, code);
      }
      return true;
    });
  }
  await rejectsWith(telnyx.calls.actions.enqueue(UNKNOWN_CALL, { queue_name: name }), Telnyx.NotFoundError, '10005');
  await rejectsWith(
    telnyx.calls.actions.bridge(UNKNOWN_CALL, { call_control_id_to_bridge_with: UNKNOWN_CALL, queue: name }), Telnyx.UnprocessableEntityError, '10015', '/queue');
  await rejectsWith(telnyx.queues.create({}), Telnyx.UnprocessableEntityError, '10004', '/queue_name');
  await rejectsWith(telnyx.queues.create({ queue_name: name, max_size: 501 }), Telnyx.UnprocessableEntityError, '10015', '/max_size');
  await rejectsWith(telnyx.queues.update(name, {}), Telnyx.UnprocessableEntityError, '10004', '/max_size');
  await rejectsWith(telnyx.queues.update(name, { max_size: 2 }), Telnyx.NotFoundError, '10005');
  await rejectsWith(telnyx.queues.calls.update(UNKNOWN_CALL, { queue_name: name, keep_after_hangup: true }), Telnyx.UnprocessableEntityError, '10015', '/keep_after_hangup');
  await rejectsWith(telnyx.queues.calls.list(name), Telnyx.NotFoundError, '10005');
  await rejectsWith(telnyx.queues.list({ 'page[size]': 0 }), Telnyx.BadRequestError, '10015');
});
