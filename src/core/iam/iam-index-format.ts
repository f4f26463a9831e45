/**
 * The compact format of the IAM reference index shipped with the product: every action name of
 * every service prefix, every condition key with its type, and the resource shapes of every ARN
 * service. Names are split into words (`Get`, `Object`, `:`, ...) and each word is replaced by a
 * one- or two-character code, which makes the index about a third of the size of the plain names.
 * The build script encodes; `iam-index.ts` decodes.
 */

/** Characters that codes are made of: printable ASCII without the quote, backslash and comma. */
export const CODE_ALPHABET = Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i))
  .filter((c) => c !== '"' && c !== '\\' && c !== ',')
  .join('');

/** Splits a name into words at case changes and punctuation; joining the words gives the name back. */
export function splitIntoWords(name: string): string[] {
  // Run on AWS's action names when the index is built, never on a policy's text.
  // eslint-disable-next-line regexp/no-super-linear-move
  return name.match(/[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z0-9]+|[A-Z0-9]+|[^A-Za-z0-9]/g) ?? [];
}

/** Condition key types as one character each (lower case: a multivalued key, `ArrayOf...`). */
export const CONDITION_TYPE_CODES = {
  String: 'S',
  ARN: 'A',
  Bool: 'B',
  Numeric: 'N',
  Date: 'D',
  IPAddress: 'I',
  Binary: 'Y',
  ArrayOfString: 's',
  ArrayOfARN: 'a',
  ArrayOfBool: 'b',
  ArrayOfNumeric: 'n',
  ArrayOfDate: 'd',
  ArrayOfIPAddress: 'i',
  ArrayOfBinary: 'y',
} as const;
export type ConditionKeyType = keyof typeof CONDITION_TYPE_CODES;

/**
 * How a resource type's ARN looks, as one string: a digit with bit 1 set when the ARN has a region,
 * bit 2 when it has an account and bit 4 when the resource part is fixed text (no variable), then
 * the resource part up to its first variable.
 */
export type ArnResourceShapeCode = string;

export interface IamIndexData {
  /** Where the data comes from, for the about page and the report. */
  source: { package: string; version: string; license: string; updatedAt: string };
  /** How many codes are one character long; the others are two. */
  oneCharacterCodes: number;
  /** The words, most frequent first, separated by spaces; a word's position is its code. */
  words: string;
  /** Action names per service prefix, encoded, separated by commas. */
  actions: Record<string, string>;
  /** Every condition key (global and per service), each a type character and the encoded key. */
  conditionKeys: string;
  /** Resource shapes per ARN service (the third field of an ARN), separated by commas. */
  arnResources: Record<string, string>;
}

/** The code of the word at `index`. */
export function encodeWordIndex(index: number, oneCharacterCodes: number): string {
  if (index < oneCharacterCodes) return CODE_ALPHABET[index]!;
  const rest = index - oneCharacterCodes;
  const base = CODE_ALPHABET.length;
  const first = oneCharacterCodes + Math.floor(rest / base);
  if (first >= base) throw new Error(`word index ${index} does not fit in two characters`);
  return CODE_ALPHABET[first]! + CODE_ALPHABET[rest % base]!;
}

/** Decodes one encoded name back into its text. */
export function decodeName(
  encoded: string,
  words: readonly string[],
  oneCharacterCodes: number,
  codeIndex: ReadonlyMap<string, number>,
): string {
  let out = '';
  for (let i = 0; i < encoded.length; i++) {
    const first = codeIndex.get(encoded[i]!) ?? 0;
    if (first < oneCharacterCodes) {
      out += words[first] ?? '';
    } else {
      const second = codeIndex.get(encoded[++i] ?? '') ?? 0;
      out +=
        words[oneCharacterCodes + (first - oneCharacterCodes) * CODE_ALPHABET.length + second] ??
        '';
    }
  }
  return out;
}
