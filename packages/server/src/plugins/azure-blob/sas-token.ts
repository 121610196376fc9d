import { serviceStringToSign } from '../../shared/service-sas.js';
import { signatureMatches } from './shared-key.js';

/** What a request asks of a SAS: the resource it touches and the permission it needs. */
export interface SasCheck {
  /** The query parameters, decoded; the SAS fields are among them. */
  query: ReadonlyMap<string, string>;
  /** Names the account may be signed under (see `BlobAccounts.signingNames`). */
  accountNames: readonly string[];
  key: string;
  container: string;
  /** The blob's name, or `undefined` for a container operation. */
  blob: string | undefined;
  /** One of Azure's permission letters: `r` read, `w` write, `c` create, `l` list. */
  permission: 'r' | 'w' | 'c' | 'l';
  /** Whether the request came over TLS (`spr=https` refuses plain HTTP). */
  https: boolean;
  /** The client's IP address, checked against `sip`. */
  ip: string;
  now: Date;
}

/** The oldest `sv` whose string to sign this server builds (the one with `ses` and `sr`). */
export const OLDEST_SAS_VERSION = '2020-12-06';

/**
 * Why a SAS does not allow the request, or `undefined` when it does. Accepts a service SAS
 * (`sr=b` for the blob, `sr=c` for its container) and an account SAS (`ss` with `b`), each
 * signed with the account key as Azure signs them for `sv` 2020-12-06 and later; checks `se`,
 * `st`, `sp`, `spr` and `sip`. Stored access policies (`si`) and user delegation keys are refused.
 */
export function sasRefusal(check: SasCheck): string | undefined {
  const q = (name: string): string => check.query.get(name) ?? '';
  const sv = q('sv');
  if (sv === '' || q('sig') === '' || q('se') === '') return 'a SAS needs sv, se and sig';
  if (sv < OLDEST_SAS_VERSION) return `sv ${sv} is older than ${OLDEST_SAS_VERSION}, the oldest SAS version this server verifies`;
  if (q('si') !== '' || q('skoid') !== '') return 'stored access policies (si) and user delegation SAS are not supported';
  const expiry = Date.parse(q('se'));
  if (Number.isNaN(expiry)) return `se '${q('se')}' is not a date`;
  if (expiry <= check.now.getTime()) return `the SAS expired at ${q('se')}`;
  if (q('st') !== '' && !(Date.parse(q('st')) <= check.now.getTime())) return `the SAS is valid only from ${q('st')}`;
  if (q('spr') === 'https' && !check.https) return 'the SAS allows HTTPS only (spr=https)';
  if (q('sip') !== '' && !ipAllowed(q('sip'), check.ip)) return `the SAS does not allow address ${check.ip}`;
  const scopeRefusal = q('ss') !== '' ? accountScopeRefusal(check) : serviceScopeRefusal(check);
  if (scopeRefusal !== undefined) return scopeRefusal;
  if (!allows(q('sp'), check.permission)) return `the SAS permissions '${q('sp')}' do not include '${check.permission}' for this operation`;
  const signed = check.accountNames.some((name) => signatureMatches(check.key, (q('ss') !== '' ? accountStringToSign : serviceStringToSign)(check, name), q('sig')));
  return signed ? undefined : 'the SAS signature does not match (sig)';
}

// Write covers create, as Azure's does.
function allows(permissions: string, needed: SasCheck['permission']): boolean {
  return permissions.includes(needed) || (needed === 'c' && permissions.includes('w'));
}

function accountScopeRefusal(check: SasCheck): string | undefined {
  const q = (name: string): string => check.query.get(name) ?? '';
  if (!q('ss').includes('b')) return `the account SAS services '${q('ss')}' do not include the Blob service (b)`;
  const needed = check.blob === undefined ? 'c' : 'o';
  return q('srt').includes(needed) ? undefined : `the account SAS resource types '${q('srt')}' do not include '${needed}'`;
}

function serviceScopeRefusal(check: SasCheck): string | undefined {
  const sr = check.query.get('sr') ?? '';
  if (sr === 'c') return undefined;
  if (sr === 'b') return check.blob === undefined ? 'a blob SAS (sr=b) does not cover container operations' : undefined;
  return `sr '${sr}' is not a resource this server signs for (b, c)`;
}

/** Azure's account SAS string to sign (version 2020-12-06 and later). */
export function accountStringToSign(check: Pick<SasCheck, 'query'>, account: string): string {
  const q = (name: string): string => check.query.get(name) ?? '';
  return [account, ...['sp', 'ss', 'srt', 'st', 'se', 'sip', 'spr', 'sv', 'ses'].map(q)].join('\n') + '\n';
}

// `sip` is one IPv4 address or a range `a-b`.
function ipAllowed(sip: string, ip: string): boolean {
  const value = ipv4(ip.replace(/^::ffff:/, ''));
  const [low, high = low] = sip.split('-').map(ipv4);
  return value !== undefined && low !== undefined && high !== undefined && value >= low && value <= high;
}

function ipv4(text: string | undefined): number | undefined {
  const parts = (text ?? '').split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + p, 0);
}
