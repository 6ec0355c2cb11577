import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Telnyx, client, env } from './client.mjs';

// Calls need a media node and phones, so the events of a real call are tested in calls/call-events.test.mjs; here the
// list's paging, filters and errors on an account without calls.

function badRequestNaming(parameter) {
  return (e) => {
    assert.ok(e instanceof Telnyx.BadRequestError, `expected BadRequestError, got ${e?.constructor?.name}: ${e}`);
    assert.equal(e.status, 400);
    assert.equal(e.error.errors[0].code, '10015');
    assert.equal(e.error.errors[0].source.parameter, parameter);
    assert.ok(e.error.errors[0].detail.includes(parameter), e.error.errors[0].detail);
    return true;
  };
}

test('callEvents.list of an account without calls is empty with meta, and for-await ends after one request', async () => {
  const telnyx = client(env('TELNYX_TEST_OTHER_ACCOUNT_KEY'));
  const page = await telnyx.callEvents.list({ 'page[size]': 5 });
  assert.deepEqual(page.data, []);
  assert.deepEqual(page.meta, { page_number: 1, page_size: 5, total_pages: 0, total_results: 0 });

  const all = [];
  for await (const event of telnyx.callEvents.list()) {
    all.push(event);
  }
  assert.deepEqual(all, []);
  assert.equal(telnyx.requests.length, 2);
  assert.match(telnyx.requests[1].url, /\/v2\/call_events$/);
});

test('callEvents.list takes the SDK filter type, ignoring the filters it does not answer', async () => {
  const telnyx = client();
  const { data, meta } = await telnyx.callEvents.list({
    filter: {
      leg_id: '0d8a3c2e-0000-4000-8000-000000000001',
      application_session_id: '0d8a3c2e-0000-4000-8000-000000000001',
      type: 'webhook',
      name: 'call.hangup',
      product: 'call_control',
      occurred_at: { gte: '2026-01-01T00:00:00Z', lt: '2099-01-01T00:00:00.000000Z' },
      failed: false,
      status: 'completed',
      from: '+15550001111',
      to: '+15550002222',
      connection_id: 'anything',
      application_name: { contains: 'whatever' },
      'outbound.outbound_voice_profile_id': '1',
    },
  });
  assert.deepEqual(data, []);
  assert.equal(meta.total_pages, 0);
});

test('malformed call event filters and pages are BadRequest naming source.parameter', async () => {
  const telnyx = client();
  const cases = [
    [{ filter: { leg_id: 'not-a-uuid' } }, 'filter[leg_id]'],
    [{ filter: { application_session_id: '1234' } }, 'filter[application_session_id]'],
    [{ filter: { type: 'sms' } }, 'filter[type]'],
    [{ filter: { occurred_at: { gte: 'yesterday' } } }, 'filter[occurred_at][gte]'],
    [{ filter: { occurred_at: { eq: '2026-13-40T00:00:00Z' } } }, 'filter[occurred_at][eq]'],
    [{ 'page[size]': 0 }, 'page[size]'],
    [{ 'page[size]': 251 }, 'page[size]'],
    [{ 'page[number]': 'two' }, 'page[number]'],
  ];
  for (const [query, parameter] of cases) {
    await assert.rejects(telnyx.callEvents.list(query), badRequestNaming(parameter), JSON.stringify(query));
  }
  const raw = await fetch(`${env('TELNYX_TEST_BASE_URL')}/call_events?filter[leg_id]]=x`, { headers: { Authorization: `Bearer ${env('TELNYX_TEST_API_KEY')}` } });
  assert.equal(raw.status, 400);
  assert.equal((await raw.json()).errors[0].source.parameter, 'filter[leg_id]]');
});

test('callEvents.list needs calls:read: a key without it is PermissionDenied 10010 naming the scope', async () => {
  const readOnly = client(env('TELNYX_TEST_READONLY_KEY'));
  await assert.rejects(readOnly.callEvents.list(), (e) => {
    assert.ok(e instanceof Telnyx.PermissionDeniedError, String(e));
    assert.equal(e.error.errors[0].code, '10010');
    assert.match(e.error.errors[0].detail, /calls:read/);
    return true;
  });
});
