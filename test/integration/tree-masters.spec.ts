import { bootApp, TestApp } from '../harness/app';

/** Frappe's NestedSet rules on the single-root master trees, through the API. */
describe.each([
  ['Territory', 'territory_name', 'parent_territory', 'All Territories'],
  ['Customer Group', 'customer_group_name', 'parent_customer_group', 'All Customer Groups'],
  ['Item Group', 'item_group_name', 'parent_item_group', 'All Item Groups'],
])('%s tree', (doctype, nameField, parentField, root) => {
  let t: TestApp;
  let admin: string;
  const url = `/api/resource/${encodeURIComponent(doctype)}`;
  const create = (values: Record<string, unknown>) => t.http.post(url).set('Authorization', admin).send(values);

  beforeAll(async () => {
    t = await bootApp();
    admin = await t.token('Administrator');
  });
  afterAll(() => t.close());

  it('refuses a second root', async () => {
    const res = await create({ [nameField]: `Second Root ${doctype}`, [parentField]: null, is_group: 1 });
    if (doctype === 'Item Group') {
      // ERPNext files a group without a parent under the root instead
      expect(res.status).toBe(200);
      expect(res.body.data[parentField]).toBe(root);
    } else {
      expect(res.status).toBe(417);
      expect(res.body.exception).toContain('Multiple root nodes not allowed.');
    }
  });

  it('refuses to delete the root, and to make a group with children a leaf', async () => {
    const del = await t.http.delete(`${url}/${encodeURIComponent(root)}`).set('Authorization', admin);
    expect(del.status).toBe(417);
    // the kernel refuses a node with children first; an empty tree's root is refused by the controller
    expect(del.body.exception).toMatch(new RegExp(`Root ${doctype} cannot be deleted|${doctype} ${root} has child nodes`));
    const group = (await create({ [nameField]: `Group ${doctype}`, [parentField]: root, is_group: 1 }).expect(200)).body.data.name;
    await create({ [nameField]: `Leaf ${doctype}`, [parentField]: group, is_group: 0 }).expect(200);
    const leaf = await t.http.put(`${url}/${encodeURIComponent(group)}`).set('Authorization', admin).send({ is_group: 0 });
    expect(leaf.status).toBe(417);
    expect(leaf.body.exception).toContain('cannot be a leaf node as it has children');
  });
});
