/**
 * The simulator's form: a request as the text the user types, and the saved request it stands
 * for. Reading a draft validates it with the engine's request schema (through
 * `parseSavedRequests`, the reader of the CLI's `--requests` files), so that the message next to
 * each field is the one a pipeline would print, without the path the user does not see.
 */
import {
  DECISIONS,
  type Decision,
  type RequestPrincipal,
  type SavedRequest,
  type SimulatedRequest,
} from '@/core/config/request-schema';
import { requestShapeProblems } from '@/core/evaluate/request-shape';
import { parseSavedRequests } from '@/core/evaluate/suite';
import { splitArn } from '@/core/policy/arn';
import { diagnosticsAt, fieldMessage } from '@/shared/diagnostics/field-diagnostics';

export const PRINCIPAL_KINDS = [
  'iam',
  'service',
  'anonymous',
] as const satisfies readonly RequestPrincipal['type'][];
export type PrincipalKind = (typeof PRINCIPAL_KINDS)[number];

/** What the user types; an empty text means "not given". */
export interface RequestDraft {
  name: string;
  service: string;
  /** The endpoint's region; empty for the first selected region. */
  region: string;
  principalType: PrincipalKind;
  principalArn: string;
  principalAccount: string;
  /** An organization id, `none` for an account in no organization, or empty when not given. */
  principalOrganization: string;
  /** One `KEY=VALUE` a line. */
  principalTags: string;
  servicePrincipal: string;
  action: string;
  resource: string;
  resourceAccount: string;
  /** As `principalOrganization`. */
  resourceOrganization: string;
  /** One `KEY=VALUE` a line; a key repeated on several lines has several values. */
  context: string;
  expect: Decision;
}

export type DraftField = Exclude<keyof RequestDraft, 'principalType'>;

/** The label of each field, as the form shows it and messages name it. */
export const FIELD_LABELS: Record<DraftField, string> = {
  name: 'Name',
  service: 'Endpoint service',
  region: 'Endpoint region',
  principalArn: 'Principal ARN',
  principalAccount: 'Principal account',
  principalOrganization: "Principal's organization",
  principalTags: 'Principal tags',
  servicePrincipal: 'Service principal',
  action: 'Action',
  resource: 'Resource ARN',
  resourceAccount: 'Resource account',
  resourceOrganization: "Resource's organization",
  context: 'Other context keys',
  expect: 'Expected verdict',
};

/** Where each field lands in a saved request, as the schema's paths name it. */
const FIELD_PATHS: Record<DraftField, string> = {
  name: 'name',
  service: 'service',
  region: 'region',
  principalArn: 'request.principal.arn',
  principalAccount: 'request.principal.account',
  principalOrganization: 'request.principal.organizationId',
  principalTags: 'request.principal.tags',
  servicePrincipal: 'request.principal.service',
  action: 'request.action',
  resource: 'request.resource',
  resourceAccount: 'request.resourceAccount',
  resourceOrganization: 'request.resourceOrganizationId',
  context: 'request.context',
  expect: 'expect',
};

export type DraftMessages = Partial<Record<DraftField, string[]>>;

export interface DraftReading {
  /** Present when the draft has no errors. */
  saved?: SavedRequest;
  /** Messages by field; a field without messages is absent. */
  messages: DraftMessages;
  /** Problems no field stands for (none are expected; kept so that nothing is silently dropped). */
  otherProblems: string[];
}

const organizationText = (value: string | null | undefined) =>
  value === null ? 'none' : (value ?? '');

function keyValueLines(record: Record<string, string | string[]> | undefined): string {
  if (!record) return '';
  return Object.entries(record)
    .flatMap(([key, value]) => (Array.isArray(value) ? value : [value]).map((v) => `${key}=${v}`))
    .join('\n');
}

/** The form's text for a saved request (or a ready-made one). */
export function draftOf(saved: SavedRequest): RequestDraft {
  const { principal } = saved.request;
  return {
    name: saved.name,
    service: saved.service,
    region: saved.region ?? '',
    principalType: principal.type,
    principalArn: principal.type === 'iam' ? (principal.arn ?? '') : '',
    principalAccount: principal.type === 'iam' ? principal.account : '',
    principalOrganization:
      principal.type === 'iam' ? organizationText(principal.organizationId) : '',
    principalTags: principal.type === 'iam' ? keyValueLines(principal.tags) : '',
    servicePrincipal: principal.type === 'service' ? principal.service : '',
    action: saved.request.action,
    resource: saved.request.resource,
    resourceAccount: saved.request.resourceAccount ?? '',
    resourceOrganization: organizationText(saved.request.resourceOrganizationId),
    context: keyValueLines(saved.request.context),
    expect: saved.expect,
  };
}

/** `KEY=VALUE` lines as a record; a repeated key collects its values in a list. */
function readKeyValueLines(
  text: string,
  what: string,
): { record?: Record<string, string | string[]>; problems: string[] } {
  const record: Record<string, string | string[]> = {};
  const problems: string[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const eq = line.indexOf('=');
    if (eq <= 0) {
      problems.push(
        `Line ${index + 1} ("${line.length > 40 ? `${line.slice(0, 37)}...` : line}"): expected ${what} as KEY=VALUE.`,
      );
      return;
    }
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    const previous = record[key];
    record[key] =
      previous === undefined
        ? value
        : [...(Array.isArray(previous) ? previous : [previous]), value];
  });
  return { ...(Object.keys(record).length > 0 ? { record } : {}), problems };
}

const organizationValue = (text: string): string | null | undefined => {
  const value = text.trim();
  if (value === '') return undefined;
  return value.toLowerCase() === 'none' ? null : value;
};

/** The account a principal ARN holds, as the CLI takes it when no account is given. */
export function accountOfArn(arn: string): string | undefined {
  const account = splitArn(arn.trim())?.account;
  return account && /^\d{12}$/.test(account) ? account : undefined;
}

/** A name for a request the user did not name. */
export function defaultRequestName(request: Pick<SimulatedRequest, 'action' | 'resource'>): string {
  const name = `${request.action} on ${request.resource}`;
  return name.length > 200 ? `${name.slice(0, 197)}...` : name;
}

/**
 * Reads the form: the saved request it describes, or the problems of each field. An empty name
 * is given a default one, so that a request can be tried before it is named.
 */
export function readDraft(draft: RequestDraft): DraftReading {
  const messages: DraftMessages = {};
  const add = (field: DraftField, message: string) => (messages[field] ??= []).push(message);
  const required = (field: DraftField, example: string) => {
    if (draft[field].trim() === '')
      add(field, `${FIELD_LABELS[field]} is required, e.g. ${example}.`);
  };

  let principal: Record<string, unknown>;
  if (draft.principalType === 'iam') {
    const arn = draft.principalArn.trim();
    const account = draft.principalAccount.trim() || accountOfArn(arn);
    if (account === undefined)
      add(
        'principalAccount',
        'Give the 12-digit account id of the principal, or a principal ARN that holds it.',
      );
    principal = { type: 'iam', account: account ?? '' };
    if (arn !== '') principal.arn = arn;
    const organizationId = organizationValue(draft.principalOrganization);
    if (organizationId !== undefined) principal.organizationId = organizationId;
    const tags = readKeyValueLines(draft.principalTags, 'a tag');
    for (const problem of tags.problems) add('principalTags', problem);
    if (tags.record) {
      const repeated = Object.entries(tags.record).filter(([, value]) => Array.isArray(value));
      for (const [key] of repeated)
        add(
          'principalTags',
          `The tag "${key}" is given more than once; a principal has one value per tag.`,
        );
      principal.tags = tags.record;
    }
  } else if (draft.principalType === 'service') {
    required('servicePrincipal', 'cloudformation.amazonaws.com');
    principal = { type: 'service', service: draft.servicePrincipal.trim() };
  } else {
    principal = { type: 'anonymous' };
  }
  required('action', 's3:GetObject');
  required('resource', 'arn:aws:s3:::example-bucket/key, or * for actions without resources');

  const request: Record<string, unknown> = {
    principal,
    action: draft.action.trim(),
    resource: draft.resource.trim(),
  };
  if (draft.resourceAccount.trim() !== '') request.resourceAccount = draft.resourceAccount.trim();
  const resourceOrganizationId = organizationValue(draft.resourceOrganization);
  if (resourceOrganizationId !== undefined) request.resourceOrganizationId = resourceOrganizationId;
  const context = readKeyValueLines(draft.context, 'a context key');
  for (const problem of context.problems) add('context', problem);
  if (context.record) request.context = context.record;

  const value: Record<string, unknown> = {
    name:
      draft.name.trim() ||
      defaultRequestName({ action: draft.action.trim(), resource: draft.resource.trim() }),
    service: draft.service,
    request,
    expect: (DECISIONS as readonly string[]).includes(draft.expect) ? draft.expect : 'Allowed',
  };
  if (draft.region !== '') value.region = draft.region;

  const parsed = parseSavedRequests([value]);
  const placed = new Set<unknown>();
  const checkedAlready = new Set(Object.keys(messages));
  for (const field of Object.keys(FIELD_PATHS) as DraftField[]) {
    const path = `[0].${FIELD_PATHS[field]}`;
    for (const diagnostic of diagnosticsAt(parsed.diagnostics, path)) {
      placed.add(diagnostic);
      // A field that already says what is wrong (e.g. that it is required) keeps its own message.
      if (!checkedAlready.has(field))
        add(
          field,
          fieldMessage(diagnostic, path, (i) => `Item ${i + 1}`, FIELD_LABELS[field]),
        );
    }
  }
  const otherProblems = parsed.diagnostics.filter((d) => !placed.has(d)).map((d) => d.message);
  // A request of the right shape that still cannot exist: no ARN, another account's principal.
  const typed = parsed.requests?.[0]?.request;
  for (const problem of typed ? requestShapeProblems(typed) : []) {
    const text = problem.field === 'resource' ? draft.resource : draft.principalArn;
    add(problem.field, `${FIELD_LABELS[problem.field]} ("${text.trim()}"): ${problem.message}.`);
  }
  if (Object.keys(messages).length > 0 || otherProblems.length > 0 || !parsed.requests)
    return { messages, otherProblems };
  return { saved: parsed.requests[0]!, messages, otherProblems };
}
