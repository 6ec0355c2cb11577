import { test } from 'node:test';
import assert from 'node:assert/strict';
import { client, uniqueName } from './client.mjs';

test('callControlApplications create, retrieve, update, list and delete round-trip on the account', async () => {
  const telnyx = client();
  const name = uniqueName('sdk-crud');
  const created = await telnyx.callControlApplications.create({
    application_name: name,
    webhook_event_url: 'https://example.com/telnyx/events',
    webhook_event_failover_url: 'https://example.com/telnyx/failover',
    webhook_timeout_secs: 10,
    first_command_timeout: true,
    first_command_timeout_secs: 30,
    dtmf_type: 'Inband',
    anchorsite_override: 'Amsterdam, Netherlands',
    inbound: { channel_limit: 5, sip_subdomain_receive_settings: 'only_my_connections' },
    outbound: { channel_limit: 7, outbound_voice_profile_id: '1293384261075731499' },
  });
  const app = created.data;
  assert.equal(app.record_type, 'call_control_application');
  assert.equal(app.application_name, name);
  assert.equal(app.active, true);
  assert.equal(app.webhook_api_version, '2');
  assert.equal(app.webhook_timeout_secs, 10);
  assert.equal(app.dtmf_type, 'Inband');
  assert.equal(app.inbound.channel_limit, 5);
  assert.equal(app.outbound.outbound_voice_profile_id, '1293384261075731499');
  assert.ok(app.id);
  assert.ok(Date.parse(app.created_at));

  const retrieved = await telnyx.callControlApplications.retrieve(app.id);
  assert.deepEqual(retrieved.data, app);

  const updated = await telnyx.callControlApplications.update(app.id, {
    application_name: name + '-renamed',
    webhook_event_url: 'https://example.com/telnyx/events2',
    webhook_event_failover_url: null,
    active: false,
    tags: ['sdk', 'test'],
  });
  assert.equal(updated.data.application_name, name + '-renamed');
  assert.equal(updated.data.webhook_event_url, 'https://example.com/telnyx/events2');
  assert.equal(updated.data.webhook_event_failover_url, undefined, 'null clears the failover URL');
  assert.equal(updated.data.active, false);
  assert.deepEqual(updated.data.tags, ['sdk', 'test']);
  assert.equal(updated.data.webhook_timeout_secs, 10, 'fields not given stay');

  const connection = await telnyx.connections.retrieve(app.id);
  assert.equal(connection.data.connection_name, name + '-renamed');
  assert.equal(connection.data.record_type, 'call_control_application');

  const found = [];
  for await (const item of telnyx.callControlApplications.list({ filter: { application_name: { contains: name } } })) {
    found.push(item.id);
  }
  assert.deepEqual(found, [app.id]);

  const deleted = await telnyx.callControlApplications.delete(app.id);
  assert.equal(deleted.data.id, app.id);
  await assert.rejects(telnyx.callControlApplications.retrieve(app.id), (e) => {
    assert.ok(e instanceof telnyx.constructor.NotFoundError, `expected NotFoundError, got ${e}`);
    assert.equal(e.error.errors[0].code, '10005');
    return true;
  });
});

test('for await over a list with page[size]=1 fetches each page once and stops after the last', async () => {
  const telnyx = client();
  const prefix = uniqueName('sdk-page');
  const ids = [];
  for (let i = 0; i < 3; i++) {
    const { data } = await telnyx.callControlApplications.create({ application_name: `${prefix}-${i}`, webhook_event_url: 'https://example.com/e' });
    ids.push(data.id);
  }

  const seen = [];
  const before = telnyx.requests.length;
  for await (const item of telnyx.callControlApplications.list({ filter: { application_name: { contains: prefix } }, 'page[size]': 1 })) {
    seen.push(item.id);
    assert.ok(seen.length <= 3, 'the iteration did not stop');
  }
  assert.deepEqual(seen, [...ids].reverse(), 'newest first, each once');
  assert.equal(telnyx.requests.length - before, 3, 'one request per page, none past the last');
  assert.match(telnyx.requests.at(-1).url, /page%5Bnumber%5D=3|page\[number\]=3/);

  const page = await telnyx.callControlApplications.list({ filter: { application_name: { contains: prefix } }, 'page[size]': 2, 'page[number]': 2 });
  assert.deepEqual(page.meta, { page_number: 2, page_size: 2, total_pages: 2, total_results: 3 });
  assert.equal(page.data.length, 1);

  const connections = [];
  for await (const c of telnyx.connections.list({ filter: { connection_name: { contains: prefix } }, sort: 'connection_name', 'page[size]': 2 })) {
    connections.push(c.connection_name);
  }
  assert.deepEqual(connections, [`${prefix}-0`, `${prefix}-1`, `${prefix}-2`]);

  for (const id of ids) {
    await telnyx.callControlApplications.delete(id);
  }
});

test('connections.listActiveCalls of a connection without calls is an empty list that ends', async () => {
  const telnyx = client();
  const { data: app } = await telnyx.callControlApplications.create({ application_name: uniqueName('sdk-active'), webhook_event_url: 'https://example.com/e' });
  const calls = [];
  for await (const call of telnyx.connections.listActiveCalls(app.id)) {
    calls.push(call);
  }
  assert.deepEqual(calls, []);
  const page = await telnyx.connections.listActiveCalls(app.id);
  assert.equal(page.meta.total_results, 0);
  await telnyx.callControlApplications.delete(app.id);
});
