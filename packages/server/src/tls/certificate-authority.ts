import { generateKeyPair, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { promisify } from 'node:util';

/** A certificate and its private key, both PEM. */
export interface PemPair {
  certPem: string;
  keyPem: string;
}

const DAY_MS = 86_400_000;
/** The local CA lasts ten years: users add it to trust stores once. */
export const CA_DAYS = 3650;
/** Server certificates last 397 days, the most browsers accept, and are renewed before they end. */
export const SERVER_DAYS = 397;

type Forge = typeof import('node-forge');

// node-forge is loaded only when a certificate is made (first start, renewal), never by the CLI.
async function loadForge(): Promise<Forge> {
  return ((await import('node-forge')) as unknown as { default: Forge }).default;
}

async function rsaKeyPair(): Promise<{ publicKeyPem: string; privateKeyPem: string }> {
  // Node's native generator: node-forge's own is pure JavaScript and takes seconds.
  const { publicKey, privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  return { publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string, privateKeyPem: privateKey.export({ type: 'pkcs1', format: 'pem' }) as string };
}

// A positive serial number of 16 random bytes (the top bit cleared, as DER integers are signed).
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}

function validity(days: number, now: number): { notBefore: Date; notAfter: Date } {
  // A minute of slack for clocks that differ a little between server and client.
  return { notBefore: new Date(now - 60_000), notAfter: new Date(now + days * DAY_MS) };
}

/** Makes a self-signed certificate authority named `Lathe local CA (<label>)`, for {@link issueServerCertificate}. */
export async function createCertificateAuthority(label: string, now = Date.now()): Promise<PemPair> {
  const forge = await loadForge();
  const keys = await rsaKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicKeyPem);
  cert.serialNumber = serialNumber();
  Object.assign(cert.validity, validity(CA_DAYS, now));
  const subject = [
    { name: 'commonName', value: `Lathe local CA (${label})` },
    { name: 'organizationName', value: 'Lathe' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }, { name: 'subjectKeyIdentifier' }]);
  cert.sign(forge.pki.privateKeyFromPem(keys.privateKeyPem), forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privateKeyPem };
}

/**
 * Issues a server certificate for `names` (host names and IP addresses; the first is its common
 * name) signed by `ca`, valid for {@link SERVER_DAYS} days from `now`.
 */
export async function issueServerCertificate(ca: PemPair, names: readonly string[], now = Date.now()): Promise<PemPair> {
  const forge = await loadForge();
  const keys = await rsaKeyPair();
  const caCert = forge.pki.certificateFromPem(ca.certPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicKeyPem);
  cert.serialNumber = serialNumber();
  Object.assign(cert.validity, validity(SERVER_DAYS, now));
  cert.setSubject([{ name: 'commonName', value: names[0] ?? 'localhost' }]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: names.map((name) => (isIP(name) ? { type: 7, ip: name } : { type: 2, value: name })) },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(ca.keyPem), forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privateKeyPem };
}
