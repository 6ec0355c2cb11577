// What every SDK call test sets up: a call control application whose webhooks go to a fresh receiver, phones
// dialled and answered, and the clean-up of all of it (`t.after`), so a failing test leaves nothing running.
import { client, env, uniqueName } from '../client.mjs';
import { Phone } from './phone.mjs';
import { WebhookReceiver } from './webhook-receiver.mjs';

/** The SDK client, a webhook receiver and a call control application reporting to it. */
export async function setUp(t, prefix) {
  const telnyx = client();
  const webhooks = await WebhookReceiver.start(telnyx);
  t.after(() => webhooks.close());
  const { data: app } = await telnyx.callControlApplications.create({ application_name: uniqueName(prefix), webhook_event_url: webhooks.url });
  t.after(() => telnyx.callControlApplications.delete(app.id).catch(() => {}));
  return { telnyx, webhooks, app, from: env('TELNYX_TEST_FROM_NUMBER') };
}

/** A phone (playing a tone when `toneHz` is given), dialled and answered (its call.answered webhook). */
export async function answeredPhone(t, { telnyx, webhooks, app, from }, toneHz) {
  const phone = await Phone.start({ toneHz });
  t.after(() => phone.stop());
  const { data: call } = await telnyx.calls.dial({ connection_id: app.id, from, to: phone.uri });
  t.after(() => telnyx.calls.actions.hangup(call.call_control_id, {}).catch(() => {}));
  try {
    await webhooks.waitFor('call.answered', call.call_control_id);
  } catch (e) {
    throw new Error(`${e.message}; the phone saw: ${phone.seenTypes.join(', ')}`);
  }
  return { phone, call };
}

/**
 * Hangs the calls up and waits for each call.hangup before the phones are stopped (`t.after`): a phone killed while
 * the node still hangs up its call stalls the node's command queue.
 */
export async function hangUp(telnyx, webhooks, ...parties) {
  for (const { call } of parties) {
    await telnyx.calls.actions.hangup(call.call_control_id, {});
  }
  for (const { call } of parties) {
    await webhooks.waitFor('call.hangup', call.call_control_id);
  }
}

/** Every item of an SDK list, page by page (the loop ends only if the server's meta says the last page came). */
export async function all(list) {
  const items = [];
  for await (const item of list) {
    items.push(item);
  }
  return items;
}
