import { ControllerRegistry } from '../../src/kernel/document/controllers';
import { CustomerController } from '../../src/doctypes/selling/customer/customer.controller';
import { bootFixtureSuite, FixtureSuite } from '../fixtures/builders';
import { docOf, EventRecorder, recordEvents } from '../harness/events';
import { TestPoster, TestTransferController } from '../fixtures/test-ledger';
import { TestApp } from '../harness/app';

/** Controllers are injectable providers, found by discovery; they reach other doctypes through their lifecycle. */
describe('doctype controllers', () => {
  let t: TestApp;
  let admin: string;
  let m: FixtureSuite['m'];
  let recorder: EventRecorder;

  beforeAll(async () => {
    ({ t, admin, m } = await bootFixtureSuite());
    recorder = recordEvents(t.app);
  });
  afterAll(() => t.close());

  it('maps each doctype to its one controller instance, built-in and extension alike, with its services injected', () => {
    const registry = t.app.get(ControllerRegistry);
    expect(registry.get('Customer')).toBeInstanceOf(CustomerController);
    const transfer = registry.get('Test Transfer');
    expect(transfer).toBeInstanceOf(TestTransferController);
    expect((transfer as unknown as { poster: unknown }).poster).toBeInstanceOf(TestPoster);
    expect(registry.get('Country')).toEqual({});
  });

  it("deleting a Customer deletes a contact linked only to it through the contact's lifecycle, and unlinks a shared address", async () => {
    const auth = (r: ReturnType<typeof t.http.post>) => r.set('Authorization', admin);
    const customer = (await auth(t.http.post('/api/resource/Customer')).send({ customer_name: 'Leaving Ltd' }).expect(200)).body.data.name;
    const other = m.customers[0];
    const contact = (await auth(t.http.post('/api/resource/Contact')).send({ first_name: 'Only', last_name: 'Leaving', links: [{ link_doctype: 'Customer', link_name: customer }] }).expect(200)).body.data;
    const address = (
      await auth(t.http.post('/api/resource/Address'))
        .send({ address_title: 'Shared', address_type: 'Billing', address_line1: '1 Road', city: 'Town', country: 'India', links: [{ link_doctype: 'Customer', link_name: customer }, { link_doctype: 'Customer', link_name: other }] })
        .expect(200)
    ).body.data;
    await t.http.put(`/api/resource/Customer/${customer}`).set('Authorization', admin).send({ customer_primary_contact: contact.name }).expect(200);
    // events are delivered after commit, asynchronously: let the update's arrive before counting
    await recorder.until(() => recorder.events.some((e) => e.name === 'doc.on_update' && docOf(e)?.name === customer));
    recorder.events.length = 0;
    await t.http.delete(`/api/resource/Customer/${customer}`).set('Authorization', admin).expect(202);
    await t.http.get(`/api/resource/Contact/${encodeURIComponent(contact.name)}`).set('Authorization', admin).expect(404);
    const kept = (await t.http.get(`/api/resource/Address/${encodeURIComponent(address.name)}`).set('Authorization', admin).expect(200)).body.data;
    expect(kept.links.map((l: { link_name: string }) => l.link_name)).toEqual([other]);
    expect(kept.modified > address.modified).toBe(true);
    await recorder.until(() => recorder.events.length >= 3);
    expect(recorder.events.map((e) => `${e.name} ${docOf(e)?.doctype}`).sort()).toEqual(['doc.on_trash Contact', 'doc.on_trash Customer', 'doc.on_update Address']);
  });
});
