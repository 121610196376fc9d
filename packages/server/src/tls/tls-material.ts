import { X509Certificate } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { LatheError } from '@lathe/core';
import { isLoopbackHost, isWildcardHost } from '../security/host-allow-list.js';
import type { TlsSettings } from '../server-config.js';
import { createCertificateAuthority, issueServerCertificate, type PemPair } from './certificate-authority.js';

/** What the TLS listener serves, and where a client finds the CA to trust. */
export interface TlsMaterial {
  certPem: string;
  keyPem: string;
  /** `<home>/tls/ca.pem`, or `undefined` for the operator's own certificate (their CA is theirs to hand out). */
  caFile?: string;
  /** The names the certificate was made for (generated certificates only). */
  names: string[];
  /** What this start did: `created` a CA and certificate, `renewed` the certificate, `reused` both, or used the operator's `own`. */
  action: 'created' | 'renewed' | 'reused' | 'own';
}

/** A server certificate is renewed when it has less than this left. */
const RENEW_BEFORE_MS = 30 * 86_400_000;

/** The names a generated certificate carries: loopback, the host name, the listening address and `LATHE_TLS_NAMES`. */
export function certificateNames(settings: Pick<TlsSettings, 'names'>, listenHost: string): string[] {
  const host = listenHost.replace(/^\[|\]$/g, '').toLowerCase();
  const extra = isWildcardHost(host) || isLoopbackHost(host) ? [] : [host];
  return [...new Set(['127.0.0.1', '::1', 'localhost', hostname().toLowerCase(), ...extra, ...settings.names])];
}

/**
 * The certificate and key for the TLS listener. With `certFile`/`keyFile`, reads the operator's.
 * Otherwise keeps a local CA and a server certificate under `<home>/tls/` (`ca.pem`,
 * `ca-key.pem`, `server.pem`, `server-key.pem`; keys 0600 in a 0700 folder): made on first start,
 * reused after, and the server certificate re-issued by the same CA when it has under 30 days
 * left, names a different set of names, or was not issued by that CA. Clients that trust
 * `ca.pem` keep trusting the server through renewals.
 */
export async function loadOrCreateTlsMaterial(home: string, settings: TlsSettings, listenHost: string, now = Date.now()): Promise<TlsMaterial> {
  if (settings.certFile !== undefined && settings.keyFile !== undefined) return readOwn(settings.certFile, settings.keyFile);
  const folder = join(home, 'tls');
  await mkdir(folder, { recursive: true, mode: 0o700 });
  await chmod(folder, 0o700);
  const names = certificateNames(settings, listenHost);
  const caFile = join(folder, 'ca.pem');
  let ca = await readPair(caFile, join(folder, 'ca-key.pem'));
  let action: TlsMaterial['action'] = 'reused';
  if (ca === undefined) {
    ca = await createCertificateAuthority(hostname(), now);
    await writePair(ca, caFile, join(folder, 'ca-key.pem'));
    action = 'created';
  }
  let server = await readPair(join(folder, 'server.pem'), join(folder, 'server-key.pem'));
  if (server === undefined || !isCurrent(server, ca, names, now)) {
    server = await issueServerCertificate(ca, names, now);
    await writePair(server, join(folder, 'server.pem'), join(folder, 'server-key.pem'));
    if (action === 'reused') action = 'renewed';
  }
  return { certPem: server.certPem, keyPem: server.keyPem, caFile, names, action };
}

function isCurrent(server: PemPair, ca: PemPair, names: readonly string[], now: number): boolean {
  const cert = new X509Certificate(server.certPem);
  const authority = new X509Certificate(ca.certPem);
  if (!cert.checkIssued(authority) || !cert.verify(authority.publicKey)) return false;
  if (Date.parse(cert.validTo) - now < RENEW_BEFORE_MS) return false;
  const listed = (cert.subjectAltName ?? '').split(', ').filter((entry) => entry !== '');
  return listed.length === names.length && names.every((name) => (isIP(name) ? cert.checkIP(name) : cert.checkHost(name, { wildcards: false })) !== undefined);
}

async function readPair(certFile: string, keyFile: string): Promise<PemPair | undefined> {
  try {
    return { certPem: await readFile(certFile, 'utf8'), keyPem: await readFile(keyFile, 'utf8') };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

// Each file appears whole (written beside it, then renamed); keys are 0600 from their first byte.
async function writePair(pair: PemPair, certFile: string, keyFile: string): Promise<void> {
  const suffix = `.${process.pid}.tmp`;
  await writeFile(keyFile + suffix, pair.keyPem, { mode: 0o600 });
  await writeFile(certFile + suffix, pair.certPem, { mode: 0o644 });
  await rename(keyFile + suffix, keyFile);
  await rename(certFile + suffix, certFile);
}

async function readOwn(certFile: string, keyFile: string): Promise<TlsMaterial> {
  const own = await readPair(certFile, keyFile).catch((error: Error) => {
    throw new LatheError('LATHE_BAD_REQUEST', `LATHE_TLS_CERT/LATHE_TLS_KEY: cannot read ${certFile} or ${keyFile}: ${error.message}`);
  });
  if (own === undefined) throw new LatheError('LATHE_BAD_REQUEST', `LATHE_TLS_CERT/LATHE_TLS_KEY: ${certFile} or ${keyFile} does not exist`);
  try {
    new X509Certificate(own.certPem);
  } catch {
    throw new LatheError('LATHE_BAD_REQUEST', `LATHE_TLS_CERT: ${certFile} holds no PEM certificate`);
  }
  return { certPem: own.certPem, keyPem: own.keyPem, names: [], action: 'own' };
}
