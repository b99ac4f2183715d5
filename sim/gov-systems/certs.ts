import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DemoCertificates {
  caFile: string;
  /** Key and certificate for 127.0.0.1/localhost, valid `days` days. */
  server(name: string, days: number): { key: string; cert: string };
}

/** Whether the `openssl` command is here; without it the TLS arm of the simulation is skipped (and says so). */
export function opensslAvailable(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * A private CA and server certificates made with the openssl CLI (node:crypto cannot issue X.509 certificates),
 * so the uptime probes can check a certificate that expires in a few days. Keys stay in `dir` (0700).
 */
export function createDemoCertificates(dir: string): DemoCertificates {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  run(['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '3650', '-subj', '/CN=IOC Wall demo CA']);
  writeFileSync(join(dir, 'san.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  return {
    caFile: join(dir, 'ca.pem'),
    server(name, days) {
      run(['req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', '/CN=127.0.0.1']);
      run([
        'x509',
        '-req',
        '-in',
        `${name}.csr`,
        '-CA',
        'ca.pem',
        '-CAkey',
        'ca.key',
        '-CAcreateserial',
        '-out',
        `${name}.pem`,
        '-days',
        String(days),
        '-extfile',
        'san.cnf',
      ]);
      return { key: join(dir, `${name}.key`), cert: join(dir, `${name}.pem`) };
    },
  };
}
