import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Telnyx, client, env, uniqueName } from './client.mjs';

function rejectsWith(errorClass, check) {
  return (e) => {
    assert.ok(e instanceof errorClass, `expected ${errorClass.name}, got ${e?.constructor?.name}: ${e}`);
    check?.(e);
    return true;
  };
}

test('a missing required field is UnprocessableEntity 10004 with the field pointer', async () => {
  const telnyx = client();
  await assert.rejects(
    telnyx.callControlApplications.create({ webhook_event_url: 'https://example.com/e' }),
    rejectsWith(Telnyx.UnprocessableEntityError, (e) => {
      assert.equal(e.status, 422);
      assert.equal(e.error.errors[0].code, '10004');
      assert.equal(e.error.errors[0].source.pointer, '/application_name');
      assert.ok(e.error.errors[0].title);
      assert.ok(e.error.errors[0].detail);
    }));
});

test('an invalid field is UnprocessableEntity with its pointer, nested fields included', async () => {
  const telnyx = client();
  const cases = [
    [{ application_name: 'x', webhook_event_url: 'not a url' }, '/webhook_event_url'],
    [{ application_name: 'x', webhook_event_url: 'https://example.com', webhook_timeout_secs: 31 }, '/webhook_timeout_secs'],
    [{ application_name: 'x', webhook_event_url: 'https://example.com', dtmf_type: 'morse' }, '/dtmf_type'],
    [{ application_name: 'x', webhook_event_url: 'https://example.com', inbound: { channel_limit: 'many' } }, '/inbound/channel_limit'],
    [{ application_name: 'x', webhook_event_url: 'https://example.com', tags: ['ok', 7] }, '/tags/1'],
  ];
  for (const [body, pointer] of cases) {
    await assert.rejects(
      telnyx.callControlApplications.create(body),
      rejectsWith(Telnyx.UnprocessableEntityError, (e) => {
        assert.equal(e.error.errors[0].source.pointer, pointer, JSON.stringify(body));
        assert.equal(e.error.errors[0].code, '10015');
      }));
  }
});

test('an unknown API key is AuthenticationError 10009 and is not retried', async () => {
  const telnyx = client('tk_not-a-key');
  await assert.rejects(telnyx.callControlApplications.list(), rejectsWith(Telnyx.AuthenticationError, (e) => {
    assert.equal(e.status, 401);
    assert.equal(e.error.errors[0].code, '10009');
  }));
  assert.equal(telnyx.requests.length, 1);
});

test('a key without the operation\'s scope is PermissionDeniedError 10010 naming the scope', async () => {
  const readOnly = client(env('TELNYX_TEST_READONLY_KEY'));
  await readOnly.callControlApplications.list({ 'page[size]': 1 });
  await assert.rejects(
    readOnly.callControlApplications.create({ application_name: uniqueName('sdk-scope'), webhook_event_url: 'https://example.com/e' }),
    rejectsWith(Telnyx.PermissionDeniedError, (e) => {
      assert.equal(e.status, 403);
      assert.equal(e.error.errors[0].code, '10010');
      assert.match(e.error.errors[0].detail, /applications:write/);
    }));
});

test('an operation of the seed we do not implement is 501 not supported, sent once with no retries', async () => {
  const telnyx = client();
  await assert.rejects(telnyx.credentialConnections.list(), rejectsWith(Telnyx.InternalServerError, (e) => {
    assert.equal(e.status, 501);
    assert.equal(e.error.errors[0].code, '90501');
    assert.match(e.error.errors[0].detail, /not supported/);
    assert.match(e.error.errors[0].detail, /ListCredentialConnections/);
  }));
  assert.equal(telnyx.requests.length, 1, 'x-should-retry: false stops the SDK retrying a 5xx');

  await assert.rejects(telnyx.calls.actions.startSiprec('v3:abc_DEF-123'), rejectsWith(Telnyx.InternalServerError, (e) => {
    assert.match(e.error.errors[0].detail, /StartSiprecSession/);
  }));
  assert.match(telnyx.requests.at(-1).url, /\/calls\/v3:abc_DEF-123\/actions\/siprec_start$/, 'the id stays unescaped in the path');
});

test('an unknown path under /v2 is NotFoundError 10005', async () => {
  const telnyx = client();
  await assert.rejects(telnyx.get('/no_such_resource'), rejectsWith(Telnyx.NotFoundError, (e) => {
    assert.equal(e.error.errors[0].code, '10005');
  }));
});
