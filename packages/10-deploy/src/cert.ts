import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import forge from 'node-forge';

// A certificate authority of our own, and a certificate it signs for
// localhost and 127.0.0.1: what `pnpm lesson deploy cert` makes. Browsers
// trust a server's certificate when a CA they trust signed it, so the learner
// trusts this CA once (the page says how) and the lesson's https:// and
// wss:// work without warnings. In production a public CA (Let's Encrypt …)
// signs the certificate and every browser already trusts it.
//
// node-forge builds the X.509 structures (RFC 5280): a dependency-free,
// long-lived library, where the alternative, @peculiar/x509, needs a global
// reflect-metadata polyfill for its dependency injection. Its key generation
// uses Node's own crypto when it runs on Node.

export interface CertificateFiles {
  /** The CA's certificate: the one file a browser or client is told to trust. */
  caPath: string;
  /** The server's certificate (for localhost and 127.0.0.1) followed by nothing else. */
  certPath: string;
  /** The server's private key. Whoever has it can pretend to be this server. */
  keyPath: string;
}

export function certificateFiles(dir: string): CertificateFiles {
  const at = resolve(dir);
  return {
    caPath: join(at, 'ca.pem'),
    certPath: join(at, 'server.pem'),
    keyPath: join(at, 'server-key.pem'),
  };
}

export interface Tls {
  ca: string;
  cert: string;
  key: string;
}

/** The files as node:https wants them, or one line saying how to make them. */
export function loadTls(dir: string): Tls {
  const files = certificateFiles(dir);
  if (!existsSync(files.certPath) || !existsSync(files.keyPath) || !existsSync(files.caPath)) {
    throw new Error(
      `no certificate in ${resolve(dir)}: run \`pnpm lesson deploy cert\` first (or set CERT_DIR)`,
    );
  }
  return {
    ca: readFileSync(files.caPath, 'utf8'),
    cert: readFileSync(files.certPath, 'utf8'),
    key: readFileSync(files.keyPath, 'utf8'),
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

// #region make-certificates
/**
 * Makes a CA and a server certificate signed by it, and writes them to `dir`.
 * The CA's private key is never written anywhere: once the server certificate
 * is signed it is thrown away. A CA you trust whose key sits in a folder lets
 * anyone who reads that folder sign a certificate for your bank that your
 * browser would believe; a CA without a key can sign nothing more.
 */
export function makeCertificates(dir: string, now = new Date()): CertificateFiles {
  const caKeys = forge.pki.rsa.generateKeyPair({ bits: 2048 });
  const ca = newCertificate(caKeys.publicKey, now, 365);
  const caName = [{ name: 'commonName', value: 'Sockets Step by Step local CA' }];
  ca.setSubject(caName);
  ca.setIssuer(caName);
  ca.setExtensions([
    // RFC 5280 §4.2.1.9: a CA, and one that signs server certificates only
    // (pathLenConstraint 0: no CA below it).
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  ca.sign(caKeys.privateKey, forge.md.sha256.create());

  const serverKeys = forge.pki.rsa.generateKeyPair({ bits: 2048 });
  // Browsers cap a server certificate at 398 days; ours lasts 90, as Let's Encrypt's do.
  const server = newCertificate(serverKeys.publicKey, now, 90);
  server.setSubject([{ name: 'commonName', value: 'localhost' }]);
  server.setIssuer(ca.subject.attributes);
  server.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    // RFC 6125 §6.4.4: clients match the host against subjectAltName and
    // ignore the commonName when SANs are present. type 2 is a DNS name, 7 an IP.
    {
      name: 'subjectAltName',
      altNames: [
        { type: 2, value: 'localhost' },
        { type: 7, ip: '127.0.0.1' },
        { type: 7, ip: '::1' },
      ],
    },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes() },
  ]);
  server.sign(caKeys.privateKey, forge.md.sha256.create());

  const files = certificateFiles(dir);
  mkdirSync(resolve(dir), { recursive: true });
  writeFileSync(files.caPath, forge.pki.certificateToPem(ca));
  writeFileSync(files.certPath, forge.pki.certificateToPem(server));
  // 0o600: readable by you alone (on Windows the mode is mostly ignored).
  writeFileSync(files.keyPath, forge.pki.privateKeyToPem(serverKeys.privateKey), { mode: 0o600 });
  return files;
}
// #endregion make-certificates

function newCertificate(publicKey: forge.pki.PublicKey, now: Date, days: number) {
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = publicKey;
  // RFC 5280 §4.1.2.2: a positive serial number, unique per CA; random is the usual way.
  certificate.serialNumber = `01${forge.util.bytesToHex(forge.random.getBytesSync(15))}`;
  // A minute in the past, so a clock a little behind ours still finds it valid.
  certificate.validity.notBefore = new Date(now.getTime() - 60_000);
  certificate.validity.notAfter = new Date(now.getTime() + days * DAY_MS);
  return certificate;
}
