import { DocTypeMeta } from '../../kernel/metadata/meta';
import { PermRight } from '../../kernel/metadata/types';
import {
  docNameRef,
  errorResponses,
  GUEST_ALLOWED,
  idempotencyKeyRef,
  listParameterRefs,
  replayedHeader,
  schemaRef,
} from './components';
import { aOrAn, createComponentOf, inputComponentOf, pascalOf, readComponentOf } from './names';
import { JsonSchema, OperationObject, PathItemObject, ResponseObject, SecurityRequirement } from './types';

function dataEnvelope(data: JsonSchema): JsonSchema {
  return { type: 'object', required: ['data'], properties: { data } };
}

function jsonResponse(description: string, schema: JsonSchema, write: boolean): ResponseObject {
  return { description, ...(write ? { headers: replayedHeader() } : {}), content: { 'application/json': { schema } } };
}

/** Rights the doctype grants to Guest at permlevel 0 (those operations answer anonymous callers). */
function guestRights(meta: DocTypeMeta): Set<PermRight> {
  return new Set(meta.permissions.filter((p) => p.role === 'Guest' && (p.permlevel ?? 0) === 0).flatMap((p) => p.rights));
}

/** Frappe's /api/resource routes of one (non-child) doctype. */
export function resourcePaths(meta: DocTypeMeta): Record<string, PathItemObject> {
  const doctype = meta.name;
  const p = pascalOf(doctype);
  const tags = [meta.def.module];
  const guest = guestRights(meta);
  const security = (right: PermRight): { security?: SecurityRequirement[] } => (guest.has(right) ? { security: GUEST_ALLOWED } : {});
  const docReply = (description: string, write: boolean) => jsonResponse(description, dataEnvelope(schemaRef(readComponentOf(doctype))), write);
  const submitNote = meta.isSubmittable ? ' Send "docstatus": 1 to insert and submit at once.' : '';

  const list: OperationObject = {
    operationId: `list${p}`,
    summary: `List ${doctype} documents`,
    description: 'Rows the caller may read, filtered, sorted and paged (frappe.client.get_list).',
    tags,
    parameters: listParameterRefs(),
    responses: {
      '200': jsonResponse(
        `The matching ${doctype} rows`,
        dataEnvelope({
          type: 'array',
          items: {
            anyOf: [schemaRef(readComponentOf(doctype)), { type: 'array', description: 'With as_dict=false: the values in the order of fields' }],
          },
        }),
        false,
      ),
      ...errorResponses(false),
    },
    ...security('read'),
  };
  const create: OperationObject = {
    operationId: `create${p}`,
    summary: `Create ${aOrAn(doctype)}`,
    description: `Inserts the document given as the JSON body (a form field "data" holding the JSON is also accepted).${submitNote}`,
    tags,
    parameters: [idempotencyKeyRef()],
    requestBody: { required: true, content: { 'application/json': { schema: schemaRef(createComponentOf(doctype)) } } },
    responses: { '200': docReply(`The new ${doctype}`, true), ...errorResponses(true) },
    ...security('create'),
  };
  const get: OperationObject = {
    operationId: `get${p}`,
    summary: `Get ${aOrAn(doctype)}`,
    description: 'The document with its child tables; fields above the permlevels the caller may read are left out.',
    tags,
    responses: { '200': docReply(`The ${doctype}`, false), ...errorResponses(false) },
    ...security('read'),
  };
  const docstatusNote = meta.isSubmittable ? ' "docstatus": 1 submits a draft and 2 cancels a submitted document.' : '';
  const update: OperationObject = {
    operationId: `update${p}`,
    summary: `Update ${aOrAn(doctype)}`,
    description: `Changes the fields given; a child table given replaces the rows held (rows matched by name are changed in place). Send the modified value read earlier to refuse stale writes.${docstatusNote}`,
    tags,
    parameters: [idempotencyKeyRef()],
    requestBody: { required: true, content: { 'application/json': { schema: schemaRef(inputComponentOf(doctype)) } } },
    responses: { '200': docReply(`The updated ${doctype}`, true), ...errorResponses(true) },
    ...security('write'),
  };
  const remove: OperationObject = {
    operationId: `delete${p}`,
    summary: `Delete ${aOrAn(doctype)}`,
    description: 'Deletes a draft or cancelled document (a submitted one must be cancelled first) that no submitted document links to.',
    tags,
    parameters: [idempotencyKeyRef()],
    responses: {
      '202': jsonResponse('Deleted', dataEnvelope({ type: 'string', const: 'ok' }), true),
      ...errorResponses(true),
    },
    ...security('delete'),
  };
  const base = `/api/resource/${doctype}`;
  return {
    [base]: { get: list, post: create },
    [`${base}/{name}`]: { parameters: [docNameRef()], get, put: update, delete: remove },
  };
}
