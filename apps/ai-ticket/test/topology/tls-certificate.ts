import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Certificate {
  certFile: string;
  keyFile: string;
  /** PEM, for clients to verify the front with (no `rejectUnauthorized: false` anywhere). */
  pem: string;
}

/** A throw-away self-signed certificate for 127.0.0.1 and localhost, made with openssl. */
export function selfSignedCertificate(dir: string): Certificate {
  const certFile = join(dir, 'tls.crt');
  const keyFile = join(dir, 'tls.key');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', keyFile, '-out', certFile],
    { stdio: 'pipe' },
  );
  return { certFile, keyFile, pem: readFileSync(certFile, 'utf8') };
}
