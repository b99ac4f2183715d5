import { silentLogger } from '../../src-main/core/logger';
import {
  type CameraReporter,
  type CameraReporterOptions,
  createCameraReporter,
  type ServerLink,
} from '../../src-main/services/alerts';
import { openStore, type Store } from '../../src-main/services/store';

type ReportedCamera = NonNullable<Awaited<ReturnType<CameraReporterOptions['describeCamera']>>>;

export interface TestReporterOptions {
  /** The workstation's SQLite file. */
  path: string;
  link: ServerLink;
  /** What a camera says about itself beyond the defaults: a Hikvision at 127.0.0.1:80 with serial `SN-<id>`. */
  camera?: (cameraId: string) => Partial<ReportedCamera>;
  /** The workstation's clock. */
  now?: () => Date;
}

export interface TestReporter {
  store: Store;
  reporter: CameraReporter;
}

/**
 * A workstation's camera reporter on its own store, started, retrying fast; every camera is found. The caller
 * disposes the reporter, then the store.
 */
export function testReporter(options: TestReporterOptions): TestReporter {
  const store = openStore({ path: options.path });
  const reporter = createCameraReporter({
    link: options.link,
    sqlite: store.sqlite,
    describeCamera: async (id) => ({
      name: `Camera ${id}`,
      location: null,
      manufacturer: 'Hikvision',
      model: 'DS-2CD2143G0-I',
      serial: `SN-${id}`,
      host: '127.0.0.1',
      port: 80,
      ...options.camera?.(id),
    }),
    logger: silentLogger,
    timing: { retryBaseMs: 20, retryCapMs: 200 },
    ...(options.now ? { now: options.now } : {}),
  });
  reporter.start();
  return { store, reporter };
}
