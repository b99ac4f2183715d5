import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AssetImportProgress, AssetImportStep } from '../../src-shared/contract/alerts';
import { CommandError } from '../../src-shared/contract/errors';
import { makeTempDir } from '../integration/tmp-dir';
import { openWorkstation, type Workstation } from './workstation-harness';

const ID = '5d0f6c1e-8a53-4b8e-9f57-2f0d7d5b9a11';
const at = '2026-11-27T08:00:00.000Z';
const progress = (status: AssetImportProgress['status'], processedRows: number, totalRows: number) => ({
  ok: true,
  import: {
    id: ID,
    fileName: 'den.csv',
    format: 'csv',
    status,
    totalRows,
    processedRows,
    importedRows: status === 'imported' ? totalRows : 0,
    errors: [],
    startedAt: at,
    finishedAt: status === 'imported' ? at : null,
  },
});

/**
 * The workstation's import against scripted central servers on loopback: one older than the progress stream
 * (202, then polled), and streams cut anywhere or broken.
 */
describe('the workstation following an import on the central server', () => {
  let server: Server;
  let url: string;
  let handle: (req: IncomingMessage, res: ServerResponse) => void;
  let workstation: Workstation | null = null;
  const tmp = makeTempDir();
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => handle(req, res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await workstation?.close();
    workstation = null;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    tmp.remove();
  });

  const importWith = () => {
    workstation = openWorkstation(tmp.dir, {
      serverUrl: null,
      link: { serverUrl: url, authorization: () => 'Bearer device.secret' },
      alertsTiming: { importPollMs: 1 },
    });
    const steps: AssetImportStep[] = [];
    const done = workstation.alerts.importAssets('csv', 'den.csv', Buffer.from('id,kind,name\n'), 'technician', (s) =>
      steps.push(s),
    );
    return { steps, done };
  };

  it('polls a server that does not stream, and tells each step it reads', async () => {
    const polls = [progress('writing', 5, 10), progress('writing', 10, 10), progress('imported', 10, 10)];
    const seen: { method?: string; accept?: string }[] = [];
    handle = (req, res) => {
      seen.push({ method: req.method, accept: req.headers.accept });
      res.writeHead(req.method === 'POST' ? 202 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(req.method === 'POST' ? progress('validating', 0, 0) : polls.shift()));
    };
    const { steps, done } = importWith();
    expect(await done).toMatchObject({ status: 'imported', importedRows: 10 });
    expect(steps).toEqual([
      { status: 'validating', processedRows: 0, totalRows: 0 },
      { status: 'writing', processedRows: 5, totalRows: 10 },
      { status: 'writing', processedRows: 10, totalRows: 10 },
    ]);
    expect(seen[0]).toMatchObject({ method: 'POST', accept: expect.stringMatching(/^application\/x-ndjson/) });
    expect(seen.slice(1).every((s) => s.method === 'GET')).toBe(true);
  });

  it('reads a stream cut inside its lines, and its outcome', async () => {
    const text = [progress('validating', 0, 0), progress('imported', 3, 3)].map((l) => JSON.stringify(l)).join('\n');
    let steps: AssetImportStep[] = [];
    handle = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8' });
      // The first line and the second up to the middle of a two-byte letter; the rest only once the workstation
      // has told the first step, so the two parts cannot reach it as one.
      const bytes = Buffer.from(text.replaceAll('den.csv', 'đèn.csv'));
      const cut = bytes.indexOf(Buffer.from('đ'), bytes.indexOf('\n')) + 1;
      res.write(bytes.subarray(0, cut));
      const rest = () => (steps.length > 0 ? res.end(bytes.subarray(cut)) : setImmediate(rest));
      rest();
    };
    const started = importWith();
    steps = started.steps;
    const done = started.done;
    expect(await done).toMatchObject({ status: 'imported', importedRows: 3, fileName: 'đèn.csv' });
    expect(steps.map((s) => [s.status, s.processedRows, s.totalRows])).toEqual([['validating', 0, 0]]);
  });

  it('fails as unavailable on a line that is not JSON, or a refusal keeps its code', async () => {
    handle = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.end(`${JSON.stringify(progress('writing', 0, 3))}\n<html>\n`);
    };
    const broken = importWith().done;
    await expect(broken).rejects.toBeInstanceOf(CommandError);
    await expect(broken).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/not JSON/) });
    await workstation?.close();
    handle = (_req, res) => {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: { code: 'forbidden', message: 'technician may not import' } }));
    };
    await expect(importWith().done).rejects.toMatchObject({ code: 'forbidden' });
  });
});
