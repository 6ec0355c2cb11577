import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Telnyx } from '../client.mjs';
import { Phone } from './phone.mjs';
import { setUp, answeredPhone, hangUp } from './session.mjs';

test('calls.actions.refer moves an answered phone to another phone: refer.started, refer.completed, then the call hangs up', async (t) => {
  const context = await setUp(t, 'sdk-refer');
  const { telnyx, webhooks } = context;
  const alice = await answeredPhone(t, context);
  const carol = await Phone.start();
  t.after(() => carol.stop());

  await telnyx.calls.actions.refer(alice.call.call_control_id, {
    sip_address: carol.uri, client_state: Buffer.from('transfer-1').toString('base64'),
    custom_headers: [{ name: 'X-Transfer', value: 'sales' }], sip_headers: [{ name: 'User-to-User', value: '56a390f3;encoding=hex' }],
  });

  const started = await webhooks.waitFor('call.refer.started', alice.call.call_control_id);
  assert.equal(Buffer.from(started.payload.client_state, 'base64').toString(), 'transfer-1');
  const completed = await webhooks.waitFor('call.refer.completed', alice.call.call_control_id);
  assert.equal(completed.payload.sip_notify_response, 200);
  await carol.event('CALL_ESTABLISHED');
  const types = webhooks.of(alice.call.call_control_id).map((e) => e.data.event_type);
  assert.ok(types.indexOf('call.refer.started') < types.indexOf('call.refer.completed'), types.join(', '));
  assert.ok(!types.includes('call.refer.failed'), types.join(', '));
  const hangup = await webhooks.waitFor('call.hangup', alice.call.call_control_id);
  assert.equal(hangup.payload.hangup_cause, 'normal_clearing');
});

test('a refer the phone refuses ends in call.refer.failed with its SIP status and the call stays up', async (t) => {
  const context = await setUp(t, 'sdk-refer');
  const { telnyx, webhooks, app, from } = context;
  const phone = await Phone.start({ accountParameters: ';call_transfer=no' });
  t.after(() => phone.stop());
  const { data: call } = await telnyx.calls.dial({ connection_id: app.id, from, to: phone.uri });
  t.after(() => telnyx.calls.actions.hangup(call.call_control_id, {}).catch(() => {}));
  await webhooks.waitFor('call.answered', call.call_control_id);

  await telnyx.calls.actions.refer(call.call_control_id, { sip_address: 'sip:carol@127.0.0.1:9' });

  const failed = await webhooks.waitFor('call.refer.failed', call.call_control_id);
  assert.ok(failed.payload.sip_notify_response >= 400 && failed.payload.sip_notify_response < 700, JSON.stringify(failed.payload));
  assert.ok(!webhooks.of(call.call_control_id).some((e) => e.data.event_type === 'call.refer.started'));
  const { data: status } = await telnyx.calls.retrieveStatus(call.call_control_id);
  assert.equal(status.is_alive, true);
  await hangUp(telnyx, webhooks, { call });
});

test('calls.actions.sendSipInfo sends an INFO the phone reads as a DTMF digit', async (t) => {
  const context = await setUp(t, 'sdk-refer');
  const { telnyx, webhooks } = context;
  const alice = await answeredPhone(t, context);

  // baresip 1.0 takes an INFO application/dtmf-relay as a key press.
  await telnyx.calls.actions.sendSipInfo(alice.call.call_control_id, { content_type: 'application/dtmf-relay', body: 'Signal=9\r\nDuration=160\r\n' });

  await alice.phone.event('CALL_DTMF_START');
  assert.deepEqual(alice.phone.eventsOf('CALL_DTMF_START').map((e) => e.param), ['9']);
  await hangUp(telnyx, webhooks, alice);
});

test('refer and send_sip_info refuse malformed fields naming them', async (t) => {
  const context = await setUp(t, 'sdk-refer');
  const { telnyx, webhooks } = context;
  const alice = await answeredPhone(t, context);
  const id = alice.call.call_control_id;
  const referCases = [
    [{}, '/sip_address'],
    [{ sip_address: '+15550100' }, '/sip_address'],
    [{ sip_address: 'sip:carol@127.0.0.1?Replaces=x' }, '/sip_address'],
    [{ sip_address: 'sip:carol@127.0.0.1', sip_auth_username: 'u', sip_auth_password: 'p' }, '/sip_auth_username'],
    [{ sip_address: 'sip:carol@127.0.0.1', sip_headers: [{ name: 'P-Asserted-Identity', value: 'x' }] }, '/sip_headers/0/name'],
    [{ sip_address: 'sip:carol@127.0.0.1', sip_headers: [{ name: 'User-to-User', value: 'a\r\nb' }] }, '/sip_headers/0/value'],
    [{ sip_address: 'sip:carol@127.0.0.1', custom_headers: [{ name: 'Contact', value: 'x' }] }, '/custom_headers/0/name'],
  ];
  for (const [body, pointer] of referCases) {
    await assert.rejects(telnyx.calls.actions.refer(id, body), (e) => {
      assert.ok(e instanceof Telnyx.UnprocessableEntityError, `${JSON.stringify(body)}: ${e}`);
      assert.equal(e.error.errors[0].source.pointer, pointer, JSON.stringify(body));
      return true;
    });
  }
  const infoCases = [
    [{ body: 'x' }, '/content_type'],
    [{ content_type: 'text', body: 'x' }, '/content_type'],
    [{ content_type: 'text/plain\r\nX-A: b', body: 'x' }, '/content_type'],
    [{ content_type: 'text/plain' }, '/body'],
    [{ content_type: 'text/plain', body: 'é'.repeat(701) }, '/body'],
  ];
  for (const [body, pointer] of infoCases) {
    await assert.rejects(telnyx.calls.actions.sendSipInfo(id, body), (e) => {
      assert.ok(e instanceof Telnyx.UnprocessableEntityError, `${JSON.stringify(body)}: ${e}`);
      assert.equal(e.error.errors[0].source.pointer, pointer, JSON.stringify(body));
      return true;
    });
  }
  await hangUp(telnyx, webhooks, alice);
});
