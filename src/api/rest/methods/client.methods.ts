import { DataError } from '../../../kernel/errors/errors';
import { parseJsonParam } from '../../../kernel/document/query';
import { Doc } from '../../../kernel/document/types';
import { PermRight, PERM_RIGHTS } from '../../../kernel/metadata/types';
import { FILTERS, LIST_PARAMS, listParamsFrom, objectArg, stringArg } from '../list-params';
import { defineMethod, MethodCall } from '../method-registry';

const docArg = (args: Record<string, unknown>) => objectArg('doc', args.doc);

async function wire(call: MethodCall, doctype: string, doc: Doc) {
  return call.services.docs.toJSON(call.ctx, call.services.docs.meta(doctype), doc);
}

/** frappe.client: the generic document API frappe-js-sdk calls. */
export const CLIENT_METHODS = [
  defineMethod({
    path: 'frappe.client.get_list',
    summary: 'List documents (same parameters as GET /api/resource/<doctype>)',
    params: { doctype: { type: 'string', required: true }, ...LIST_PARAMS },
    handler: ({ ctx, args, services }) => services.docs.getList(ctx, stringArg('doctype', args.doctype), listParamsFrom(args)),
  }),
  defineMethod({
    path: 'frappe.client.get_count',
    summary: 'Count documents matching filters',
    params: { doctype: { type: 'string', required: true }, filters: FILTERS, or_filters: LIST_PARAMS.or_filters },
    handler: ({ ctx, args, services }) => services.docs.getCount(ctx, stringArg('doctype', args.doctype), args.filters, args.or_filters),
  }),
  defineMethod({
    path: 'frappe.client.get',
    summary: 'One document by name, or the first matching filters',
    params: { doctype: { type: 'string', required: true }, name: { type: 'string' }, filters: { ...FILTERS, description: 'used when no name is given' } },
    handler: async (call) => {
      const { ctx, args, services } = call;
      const doctype = stringArg('doctype', args.doctype);
      let name = args.name as string | undefined;
      if (!name) {
        const [first] = (await services.docs.getList(ctx, doctype, { filters: args.filters, limit_page_length: 1 })) as Doc[];
        if (!first) throw new DataError(`No ${doctype} matches the filters`);
        name = String(first.name);
      }
      return wire(call, doctype, await services.docs.getDoc(ctx, doctype, name));
    },
  }),
  defineMethod({
    path: 'frappe.client.get_value',
    summary: 'Field values of the first document matching filters (or the named one)',
    params: {
      doctype: { type: 'string', required: true },
      fieldname: { type: ['array', 'string'], required: true, description: 'a field name or a JSON list of them' },
      filters: { type: ['array', 'object', 'string'], description: 'JSON filters, or a document name' },
      as_dict: { type: 'boolean' },
    },
    handler: async ({ ctx, args, services }) => {
      const doctype = stringArg('doctype', args.doctype);
      const parsed = parseJsonParam('fieldname', args.fieldname);
      const fields = Array.isArray(parsed) ? parsed.map(String) : [stringArg('fieldname', parsed)];
      const rawFilters = parseJsonParam('filters', args.filters);
      const filters = typeof rawFilters === 'string' ? { name: rawFilters } : rawFilters;
      const [row] = (await services.docs.getList(ctx, doctype, { fields, filters, limit_page_length: 1 })) as Doc[];
      if (!row) return undefined;
      return args.as_dict !== false || fields.length > 1 ? row : row[fields[0]];
    },
  }),
  defineMethod({
    path: 'frappe.client.has_permission',
    summary: 'Whether the current user has a right on a document',
    params: { doctype: { type: 'string', required: true }, docname: { type: 'string', required: true }, perm_type: { type: 'string' } },
    handler: async ({ ctx, args, services }) => {
      const right = String(args.perm_type ?? 'read') as PermRight;
      if (!PERM_RIGHTS.includes(right)) throw new DataError(`perm_type must be one of ${PERM_RIGHTS.join(', ')}`);
      return { has_permission: await services.docs.hasPermission(ctx, stringArg('doctype', args.doctype), stringArg('docname', args.docname), right) };
    },
  }),
  defineMethod({
    path: 'frappe.client.insert',
    methods: ['POST', 'PUT'],
    write: true,
    summary: 'Insert a document given as {doc: {doctype, ...}}',
    params: { doc: { type: 'object', required: true } },
    handler: async (call) => {
      const doc = docArg(call.args);
      const doctype = stringArg('doc.doctype', doc.doctype);
      return wire(call, doctype, await call.services.docs.insert(call.ctx, doctype, doc));
    },
  }),
  defineMethod({
    path: 'frappe.client.insert_many',
    methods: ['POST', 'PUT'],
    write: true,
    summary: 'Insert up to 200 documents in one transaction; returns their names',
    params: { docs: { type: 'array', required: true } },
    handler: async ({ ctx, args, services }) => {
      const docs = args.docs as unknown[];
      if (docs.length > 200) throw new DataError('insert_many takes at most 200 documents');
      const names: string[] = [];
      for (const d of docs) {
        const doc = objectArg('doc', d);
        names.push((await services.docs.insert(ctx, stringArg('doc.doctype', doc.doctype), doc)).name);
      }
      return names;
    },
  }),
  defineMethod({
    path: 'frappe.client.save',
    methods: ['POST', 'PUT'],
    write: true,
    summary: 'Save a whole document given as {doc}; a stale modified is refused',
    params: { doc: { type: 'object', required: true } },
    handler: async (call) => {
      const doc = docArg(call.args);
      const doctype = stringArg('doc.doctype', doc.doctype);
      if (!doc.name) return wire(call, doctype, await call.services.docs.insert(call.ctx, doctype, doc));
      return wire(call, doctype, await call.services.docs.update(call.ctx, doctype, String(doc.name), doc));
    },
  }),
  defineMethod({
    path: 'frappe.client.set_value',
    methods: ['POST', 'PUT'],
    write: true,
    summary: 'Set one field (or an object of fields) of a document',
    params: {
      doctype: { type: 'string', required: true },
      name: { type: 'string', required: true },
      fieldname: { type: ['object', 'string'], required: true, description: 'a field name, or a JSON object of field values' },
      value: { type: ['string', 'number', 'boolean', 'array', 'object'], description: 'the value, when fieldname is a field name' },
    },
    handler: async (call) => {
      const { args } = call;
      const doctype = stringArg('doctype', args.doctype);
      const parsed = parseJsonParam('fieldname', args.fieldname);
      if (Array.isArray(parsed)) throw new DataError('fieldname must be a field name or a JSON object of field values');
      const patch = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : { [stringArg('fieldname', parsed)]: args.value };
      return wire(call, doctype, await call.services.docs.update(call.ctx, doctype, stringArg('name', args.name), patch));
    },
  }),
  defineMethod({
    path: 'frappe.client.submit',
    methods: ['POST', 'PUT'],
    write: true,
    summary: 'Submit a document given as {doc} (its modified must be current)',
    params: { doc: { type: 'object', required: true } },
    handler: async (call) => {
      const doc = docArg(call.args);
      const doctype = stringArg('doc.doctype', doc.doctype);
      return wire(call, doctype, await call.services.docs.submit(call.ctx, doctype, stringArg('doc.name', doc.name), doc));
    },
  }),
  defineMethod({
    path: 'frappe.client.cancel',
    methods: ['POST', 'PUT'],
    write: true,
    summary: 'Cancel a submitted document',
    params: { doctype: { type: 'string', required: true }, name: { type: 'string', required: true } },
    handler: async (call) => {
      const doctype = stringArg('doctype', call.args.doctype);
      await call.services.docs.cancel(call.ctx, doctype, stringArg('name', call.args.name));
      return undefined;
    },
  }),
  defineMethod({
    path: 'frappe.client.delete',
    methods: ['POST', 'DELETE'],
    write: true,
    summary: 'Delete a document',
    params: { doctype: { type: 'string', required: true }, name: { type: 'string', required: true } },
    handler: async ({ ctx, args, services }) => {
      await services.docs.delete(ctx, stringArg('doctype', args.doctype), stringArg('name', args.name));
      return undefined;
    },
  }),
  defineMethod({
    path: 'docket.client.amend',
    methods: ['POST'],
    write: true,
    summary: 'Create the amendment (a draft copy named NAME-1) of a cancelled document',
    params: { doctype: { type: 'string', required: true }, name: { type: 'string', required: true } },
    handler: async (call) => {
      const doctype = stringArg('doctype', call.args.doctype);
      return wire(call, doctype, await call.services.docs.amend(call.ctx, doctype, stringArg('name', call.args.name)));
    },
  }),
];

