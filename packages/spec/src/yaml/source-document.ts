import { LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node, type Scalar } from 'yaml';
import { LatheError } from '@lathe/core';
import { formatPath, type FieldPath } from '../validate/issue.js';

/** A 1-based place in a source file. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** The largest spec file read, in characters: specs are a few KB; this bounds the parse. */
export const MAX_SPEC_CHARS = 1 << 20;
/** The most YAML nodes (keys, values, list items) a spec may hold. */
export const MAX_SPEC_NODES = 10_000;
/** The most aliases a spec may expand; an alias bomb ("billion laughs") needs far more. */
export const MAX_SPEC_ALIASES = 100;

/**
 * A parsed YAML file that remembers where every node came from, so that a validation issue found
 * on the plain JS value can be reported as `file:line:column`. Values set from the command line
 * (`--set`) have no place in the file; they are reported by the `--set` argument that made them.
 */
export class SourceDocument {
  private readonly overrides = new Map<string, string>();

  private constructor(
    readonly file: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
    readonly text: string,
  ) {}

  /**
   * Parses YAML text. Throws `LATHE_INVALID_SPEC` naming file:line:column for syntax errors and
   * duplicate keys, and for a file over {@link MAX_SPEC_CHARS} characters or
   * {@link MAX_SPEC_NODES} nodes. The work is linear in the size of the file.
   */
  static parse(text: string, file: string): SourceDocument {
    const lines = new LineCounter();
    if (text.length > MAX_SPEC_CHARS) {
      throw specError(file, lines, 0, `the file has ${text.length} characters; a spec may have at most ${MAX_SPEC_CHARS}`, 'too large');
    }
    // The yaml package's own duplicate-key check compares each key with every other: quadratic.
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
    const [first] = doc.errors;
    if (first) {
      const message = first.message.split('\n')[0] ?? 'invalid YAML';
      throw specError(
        file,
        lines,
        first.pos[0],
        `invalid YAML: ${message}`,
        doc.errors.map((e) => e.message.split('\n')[0]),
      );
    }
    checkNodes(doc, file, lines);
    return new SourceDocument(file, doc, lines, text);
  }

  /**
   * The document as plain data. Throws `LATHE_INVALID_SPEC` at the first alias when aliases
   * would expand past {@link MAX_SPEC_ALIASES} copies.
   */
  toJS(): unknown {
    try {
      return this.doc.toJS({ maxAliasCount: MAX_SPEC_ALIASES });
    } catch (error) {
      if (!(error instanceof ReferenceError) || !/alias/i.test(error.message)) throw error;
      const offset = firstAlias(this.doc)?.range?.[0] ?? 0;
      throw specError(this.file, this.lines, offset, `invalid YAML: aliases expand to too many nodes (more than ${MAX_SPEC_ALIASES} copies)`, 'alias expansion');
    }
  }

  /**
   * Sets a value at `path` (creating mappings on the way) and remembers `origin` for reports.
   * A digit part replaces an existing list item. Throws `LATHE_INVALID_SPEC` when a value on the
   * way is neither a mapping nor a list with that item.
   */
  setIn(path: FieldPath, value: unknown, origin: string): void {
    // Only an empty file gets a fresh mapping: replacing a list would hide that the file is wrong.
    if (this.doc.contents === null) this.doc.contents = this.doc.createNode({});
    const blocked = this.blockedAt(path);
    if (blocked !== undefined) {
      const node = blocked.length === 0 ? this.doc.contents : this.doc.getIn(blocked, true);
      const part = String(path[blocked.length]);
      const why = isSeq(node) && /^\d+$/.test(part) ? `has no item ${part}` : 'is not a mapping';
      const message = `--set ${origin}: cannot set ${formatPath(path)}, because ${formatPath(blocked)} ${why}`;
      throw new LatheError('LATHE_INVALID_SPEC', message, { details: { set: origin, field: formatPath(blocked) } });
    }
    this.doc.setIn(path, this.doc.createNode(value));
    this.overrides.set(overrideKey(path), origin);
  }

  /**
   * Makes the number at `path`, if one is there, the string it was written as: `version: 1.10`
   * is `"1.10"`, not `1.1`. Other values are left alone.
   */
  keepNumberText(path: FieldPath): void {
    const node: unknown = this.doc.getIn(path, true);
    if (isScalar(node) && typeof node.value === 'number' && node.source !== undefined) node.value = node.source;
  }

  /** The `--set` argument that produced the value at `path` or an ancestor, if any. */
  overrideOf(path: FieldPath): string | undefined {
    for (let n = path.length; n >= 1; n--) {
      const origin = this.overrides.get(overrideKey(path.slice(0, n)));
      if (origin !== undefined) return origin;
    }
    return undefined;
  }

  // The first node on `path` that cannot hold the next part: a scalar, or a list whose item
  // the part does not index (`--set resources.locations.0=x` replaces an item).
  private blockedAt(path: FieldPath): FieldPath | undefined {
    for (let n = 0; n < path.length; n++) {
      const node: unknown = n === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, n), true);
      if (node === undefined) return undefined;
      const index = Number(path[n]);
      const isItem = isSeq(node) && Number.isInteger(index) && index >= 0 && index < node.items.length;
      if (!isMap(node) && !isItem) return path.slice(0, n);
    }
    return undefined;
  }

  /**
   * The position of the node at `path`: its key for `at: 'key'`, the nearest existing ancestor
   * for a path that does not exist, the value otherwise. `offsetInValue` moves into a string
   * scalar's source text, whether plain, quoted, literal or folded.
   */
  positionOf(path: FieldPath, at: 'key' | 'value' | 'container', offsetInValue?: number): SourcePosition {
    const target = at === 'container' ? path.slice(0, -1) : path;
    const { key, value } = this.locate(target);
    const node = at === 'key' ? (key ?? value) : (value ?? key);
    const start = node?.range?.[0] ?? 0;
    const offset = offsetInValue !== undefined && node && isScalar(node) ? this.sourceOffset(node, offsetInValue) : start;
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  private locate(path: FieldPath): { key?: Node; value?: Node } {
    let value: Node | undefined = this.doc.contents ?? undefined;
    let key: Node | undefined;
    for (const part of path) {
      if (isMap(value)) {
        const pair = value.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(part));
        if (!pair) return { key, value };
        key = pair.key as Node;
        value = (pair.value as Node | null) ?? key;
      } else if (isSeq(value) && typeof part === 'number' && value.items[part]) {
        key = undefined;
        value = value.items[part] as Node;
      } else {
        return { key, value };
      }
    }
    return { key, value };
  }

  // Finds the value's characters in the raw source. Folding, indentation and escapes change the
  // text between words but not the words, so the n-th occurrence of the word at `offsetInValue`
  // in the value is its n-th occurrence in the source (a block scalar's header line skipped).
  private sourceOffset(node: Scalar, offsetInValue: number): number {
    const [start, end] = node.range ?? [0, 0];
    const raw = this.text.slice(start, end);
    const value = String(node.value ?? '');
    const word = /^[^\s"'\\]+/.exec(value.slice(offsetInValue))?.[0];
    if (word === undefined) return start;
    const body = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED' ? raw.indexOf('\n') + 1 : 0;
    const nth = indexesOf(value, word, 0).filter((i) => i < offsetInValue).length;
    const found = indexesOf(raw, word, body)[nth];
    return found === undefined ? start : start + found;
  }
}

// `--set` paths are text (`locations.0`) while validator paths hold numbers (`locations[0]`).
function overrideKey(path: FieldPath): string {
  return JSON.stringify(path.map(String));
}

/** Every start offset of `word` in `text` from `from` on, overlapping ones included. */
function indexesOf(text: string, word: string, from: number): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(word, from); i >= 0; i = text.indexOf(word, i + 1)) out.push(i);
  return out;
}

function specError(file: string, lines: LineCounter, offset: number, message: string, errors: string | (string | undefined)[]): LatheError {
  const { line, col } = offset === 0 && lines.lineStarts.length === 0 ? { line: 1, col: 1 } : lines.linePos(offset);
  return new LatheError('LATHE_INVALID_SPEC', `${file}:${line}:${col}: ${message}`, {
    details: { file, line, column: col, errors: Array.isArray(errors) ? errors : [errors] },
  });
}

// One pass over every node, breadth first: counts them and finds a key repeated in a mapping,
// in linear time.
function checkNodes(doc: Document, file: string, lines: LineCounter): void {
  const queue: unknown[] = [doc.contents];
  let count = 0;
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i];
    if (node === null || node === undefined) continue;
    if (++count > MAX_SPEC_NODES) {
      const offset = (node as Node).range?.[0] ?? 0;
      throw specError(file, lines, offset, `the file has more than ${MAX_SPEC_NODES} YAML nodes; a spec may have at most ${MAX_SPEC_NODES}`, 'too many nodes');
    }
    if (isMap(node)) {
      const keys = new Set<string>();
      for (const pair of node.items) {
        if (isScalar(pair.key)) {
          const key = `${typeof pair.key.value}:${String(pair.key.value)}`;
          if (keys.has(key)) throw specError(file, lines, pair.key.range?.[0] ?? 0, 'invalid YAML: Map keys must be unique', 'Map keys must be unique');
          keys.add(key);
        }
        queue.push(pair.key, pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) queue.push(item);
    }
  }
}

function firstAlias(doc: Document): Node | undefined {
  const queue: unknown[] = [doc.contents];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i];
    if (isAlias(node)) return node;
    if (isMap(node)) for (const pair of node.items) queue.push(pair.key, pair.value);
    else if (isSeq(node)) for (const item of node.items) queue.push(item);
  }
  return undefined;
}

/**
 * Any YAML file (a conda file) as plain data, with the same bounds and errors as a spec:
 * `LATHE_INVALID_SPEC` naming `file:line:column` for bad YAML, duplicate keys, a file too large
 * or an alias bomb.
 */
export function parseYamlData(text: string, file: string): unknown {
  return SourceDocument.parse(text, file).toJS();
}
