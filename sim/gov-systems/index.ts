import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { hashHeartbeatTokenForSim } from './heartbeat';
import { createDemoCertificates, opensslAvailable } from './certs';
import { type SimSystem, startTcpSystem, startWebSystem } from './systems';

export { SLOW_MS, type SimSystem, type SystemMode } from './systems';
export { opensslAvailable } from './certs';
export { startHeartbeat, type Heartbeat } from './heartbeat';

export interface GovSystems {
  readonly systems: Readonly<Record<'dvc' | 'idesk' | 'mail' | 'web' | 'vc', SimSystem>>;
  /** The private CA of the HTTPS systems, or null when openssl was missing (then they speak plain HTTP). */
  readonly caFile: string | null;
  /** The push token of the video-conferencing heartbeat monitor (kept out of argv and logs). */
  readonly heartbeatToken: string;
  /** The central server's monitors file for these systems (IOC_MONITORS_FILE). */
  monitors(options: { intervalS: number; downAfter: number }): { monitors: unknown[] };
  dispose(): Promise<void>;
}

/**
 * The shared government software of the demo, on loopback: the online public-services portal, iDesk, official
 * e-mail (SMTP port), the city website (its certificate expires in 5 days) and video conferencing (a push
 * heartbeat). Each can be put down, slowed or brought back.
 */
export async function startGovSystems(options: { dir: string }): Promise<GovSystems> {
  const tls = opensslAvailable() ? createDemoCertificates(join(options.dir, 'tls')) : null;
  const started: SimSystem[] = [];
  try {
    const web = async (id: string, name: string, keyword: string, days: number) => {
      const s = await startWebSystem({ id, name, keyword, ...(tls ? { tls: tls.server(id, days) } : {}) });
      started.push(s);
      return s;
    };
    const dvc = await web('dvc', 'Cổng dịch vụ công trực tuyến', 'Dịch vụ công trực tuyến', 365);
    const idesk = await web('idesk', 'Phần mềm quản lý văn bản iDesk', 'iDesk', 365);
    const site = await web('web', 'Cổng thông tin điện tử thành phố', 'Cổng thông tin điện tử', 5);
    const vc = await web('vc', 'Hội nghị truyền hình trực tuyến', 'Hội nghị truyền hình', 365);
    const mail = await startTcpSystem({
      id: 'mail',
      name: 'Thư công vụ (SMTP)',
      banner: '220 mail.dongthap.gov.vn ESMTP',
    });
    started.push(mail);
    const heartbeatToken = randomBytes(24).toString('base64url');
    const systems = { dvc, idesk, mail, web: site, vc };
    return {
      systems,
      caFile: tls?.caFile ?? null,
      heartbeatToken,
      monitors({ intervalS, downAfter }) {
        const http = (s: SimSystem, extra: object = {}) => ({
          id: s.id,
          name: s.name,
          kind: 'http',
          url: s.address,
          keyword: s.keyword,
          intervalS,
          downAfter,
          // Long enough to tell "slow" (SLOW_MS) from "down" even with 1-second test intervals.
          timeoutS: Math.max(3, Math.min(10, intervalS * 0.8)),
          ...(tls ? { caFile: tls.caFile } : {}),
          ...extra,
        });
        return {
          monitors: [
            http(dvc),
            http(idesk),
            http(site, { slowMs: 800 }),
            { id: 'mail', name: mail.name, kind: 'tcp', host: '127.0.0.1', port: mail.port, intervalS, downAfter },
            {
              id: 'vc-heartbeat',
              name: 'Hội nghị truyền hình (tín hiệu từ máy chủ MCU)',
              kind: 'heartbeat',
              tokenSha256: hashHeartbeatTokenForSim(heartbeatToken),
              intervalS,
              downAfter,
            },
          ],
        };
      },
      async dispose() {
        for (const s of started.reverse()) await s.dispose();
      },
    };
  } catch (error) {
    for (const s of started.reverse()) await s.dispose();
    throw error;
  }
}
