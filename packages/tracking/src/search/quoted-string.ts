import { badRequest } from '../bad-request.js';
import type { ListValue } from './read-clauses.js';
import type { Token } from './tokenize.js';

/**
 * The text of a quoted right-hand side. An unquoted or backtick-quoted word gets MLflow's "not
 * quoted" message; a number, keyword or list gets `otherwise`.
 * @internal
 */
export function quotedString(token: Token | ListValue, otherwise: string): string {
  if (token.kind === 'string') return token.value;
  if (token.kind === 'ident') {
    throw badRequest(`Parameter value is either not quoted or unidentified quote types used for string value ${token.text}. Use either single or double quotes.`);
  }
  throw badRequest(otherwise);
}
