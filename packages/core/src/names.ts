const ADJECTIVES = [
  'amber',
  'bold',
  'brave',
  'bright',
  'calm',
  'clever',
  'crisp',
  'eager',
  'gentle',
  'happy',
  'honest',
  'jolly',
  'keen',
  'lively',
  'lucid',
  'mellow',
  'nimble',
  'plucky',
  'quiet',
  'rapid',
  'sharp',
  'sincere',
  'steady',
  'sunny',
  'swift',
  'tidy',
  'vivid',
  'warm',
  'wise',
  'zesty',
];
const NOUNS = [
  'apple',
  'beet',
  'carrot',
  'cherry',
  'date',
  'fig',
  'grape',
  'guava',
  'kettle',
  'lemon',
  'lime',
  'mango',
  'melon',
  'olive',
  'onion',
  'peach',
  'pear',
  'pepper',
  'plum',
  'quince',
  'radish',
  'rhubarb',
  'squash',
  'tangelo',
  'tomato',
  'turnip',
  'walnut',
  'yam',
  'leek',
  'kale',
];
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A fresh job name in Azure ML's style, e.g. `sincere_tangelo_4kqjw8vbcs`. */
export function generateJobName(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const pick = <T>(list: readonly T[], byte: number): T => list[byte % list.length] as T;
  let suffix = '';
  for (let i = 2; i < 12; i++) suffix += pick([...ALPHABET], bytes[i] ?? 0);
  return `${pick(ADJECTIVES, bytes[0] ?? 0)}_${pick(NOUNS, bytes[1] ?? 0)}_${suffix}`;
}

/** Names of jobs, outputs and workspaces: a letter or digit, then letters, digits, `_`, `-`. */
export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,254}$/;

/** True when `value` is a usable resource name. */
export function isValidName(value: string): boolean {
  return NAME_PATTERN.test(value);
}
