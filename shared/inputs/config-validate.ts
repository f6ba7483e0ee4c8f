import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { FILE_QUOTE_MAX, quote } from './input-error.js';
import { schemaProblems, type SchemaProblem } from './config-schema.js';

/** One problem of a config file, where it is (1-based line and column) and one sentence. */
export interface ConfigProblem {
  line: number;
  column: number;
  /** Keys and list indexes from the top, joined with "." ('' for the file as a whole). Raw file text: print `message`, which quotes it escaped. */
  path: string;
  /** The sentence, house style: what the file holds is quoted short and escaped, so it can be printed as it is. */
  message: string;
}

/**
 * `shipgate validate`: every problem of a config file's text, YAML syntax first (then nothing
 * else, as the schema cannot be checked on a file that does not parse), else every way it breaks
 * schema/shipgate.schema.json, each at the line and column of the node it is about: the unknown
 * key itself, the map that lacks a required key, the value otherwise. A clean file gives [].
 */
export function validateConfigText(text: string): ConfigProblem[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, logLevel: 'error' });
  const at = (offset: number) => {
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  if (doc.errors.length > 0) {
    return doc.errors.map((e) => ({ ...at(e.pos[0]), path: '', message: yamlMessage(e.message) }));
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    // An alias whose anchor is missing (or aliases that would blow up): yaml says so only when converting.
    const alias = unresolvedAlias(doc);
    return [{ ...(alias ? at(alias) : { line: 1, column: 1 }), path: '', message: yamlMessage(err instanceof Error ? err.message : String(err)) }];
  }
  return schemaProblems(value ?? {}).map((p) => ({ ...at(locate(doc, p)), path: p.path.join('.'), message: p.message }));
}

/** The first problem of a parsed file's text with its place, or null: what the action's sentence names. */
export function firstConfigProblem(text: string): ConfigProblem | null {
  return validateConfigText(text)[0] ?? null;
}

/** The offset in the text of the node a problem is about (the nearest one that exists). */
function locate(doc: Document, problem: SchemaProblem): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  const path = problem.path;
  for (let i = 0; i < path.length; i++) {
    node = resolve(doc, node);
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyText(p.key) === path[i]);
      if (!pair) break;
      if (last && problem.at === 'key') return rangeStart(pair.key) ?? offset;
      node = pair.value;
      // A key with no value (`judge:`) points at its key.
      offset = rangeStart(node) ?? rangeStart(pair.key) ?? offset;
    } else if (isSeq(node)) {
      const item = node.items[Number(path[i])];
      if (item === undefined) break;
      node = item;
      offset = rangeStart(node) ?? offset;
    } else break;
  }
  return offset;
}

function resolve(doc: Document, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return Array.isArray(range) ? range[0] : undefined;
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return typeof key === 'string' ? key : undefined;
}

/** The offset of the first alias whose anchor does not exist. */
function unresolvedAlias(doc: Document): number | undefined {
  let found: number | undefined;
  visit(doc, {
    Alias(_, alias) {
      if (alias.resolve(doc) === undefined) {
        found = alias.range?.[0];
        return visit.BREAK;
      }
      return undefined;
    }
  });
  return found;
}

/**
 * yaml's message in one line without the file's text: what it quotes from the file (an alias
 * name, a token: after the last ": ") cut to a short escaped prefix.
 */
export function yamlMessage(message: string): string {
  let text = message.split(/\r?\n/)[0].replace(/\s+at line \d+, column \d+:?$/, '');
  const colon = text.lastIndexOf(': ');
  if (colon >= 0) text = `${text.slice(0, colon)}: ${quote(text.slice(colon + 2), FILE_QUOTE_MAX)}`;
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]/g, ' ');
}
