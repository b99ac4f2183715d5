import { randomUUID } from 'node:crypto';
import { CommandError, type CommandOutput, type DiscoveredDevice } from '../../../src-shared/contract';
import { SecretsError } from '../secrets';
import { createCameraCertificates } from './certificates';
import { asCommand } from './command-errors';
import { probeNetwork, type Discovered } from './discovery/probe';
import { isCameraError, statusOf } from './errors';
import { OnvifDevice, type DeviceProbe } from './onvif/device';
import { createPtzControl } from './ptz-control';
import { createCameraPublisher } from './publisher';
import { createCameraRepo, folded, toCamera, type CameraPatch, type CameraRow } from './repo';
import { newCameraRow, probeStatus, type NewCamera } from './rows';
import { CameraRuntime, DEFAULT_TIMING, type StatusChange } from './runtime';
import { createTlsPinStore } from './tls-pins';
import type { CameraService, CameraServiceDeps } from './types';

const secretIdOf = (cameraId: string) => `camera:${cameraId}`;

export function createCameraService(deps: CameraServiceDeps): CameraService {
  const timing = { ...DEFAULT_TIMING, ...deps.timing };
  const now = deps.now ?? (() => new Date());
  const repo = createCameraRepo(deps.store);
  const runtimes = new Map<string, CameraRuntime>();
  const inFlight = new Set<OnvifDevice>();
  const discoveries = new Set<AbortController>();
  let disposed = false;

  const password = (row: CameraRow): string | null => {
    if (!row.secret_id) return null;
    try {
      return deps.secrets.get(row.secret_id);
    } catch (error) {
      deps.logger.error('stored camera password is unreadable', {
        cameraId: row.id,
        error: error instanceof SecretsError ? error.code : 'unknown',
      });
      return null;
    }
  };

  const certificates = createCameraCertificates({
    pins: createTlsPinStore(deps.store.sqlite),
    audit: deps.audit,
    logger: deps.logger,
    now,
    publish: deps.publish,
  });
  const hasRtsps = (row: CameraRow) => toCamera(row).profiles.some((p) => p.streamUri?.startsWith('rtsps:'));
  const rowOf = async (id: string) => {
    const row = await repo.get(id);
    if (!row) throw new CommandError('not_found', `There is no camera "${id.slice(0, 64)}".`);
    return row;
  };

  const publisher = createCameraPublisher({ repo, publish: deps.publish, logger: deps.logger, now });

  function startRuntime(row: CameraRow): CameraRuntime {
    const runtime: CameraRuntime = new CameraRuntime(
      row,
      {
        password: (): string | null => password(runtime.row),
        onStatus: (change) => publisher.applyStatus(runtime, change),
        onEvent: (event) => publisher.publishEvent(runtime.id, event),
        onError: (message, fields) => deps.logger.warn(message, fields),
      },
      timing,
    );
    runtimes.set(row.id, runtime);
    runtime.start();
    return runtime;
  }

  /** A short-lived device for a probe; disposed with the service if it is still running. */
  async function withDevice<T>(
    options: ConstructorParameters<typeof OnvifDevice>[0],
    run: (d: OnvifDevice) => Promise<T>,
  ) {
    if (disposed) throw new CommandError('unavailable', 'The camera service is shutting down.');
    const device = new OnvifDevice({ timeoutMs: timing.requestTimeoutMs, ...options });
    inFlight.add(device);
    try {
      return await run(device);
    } finally {
      inFlight.delete(device);
      device.dispose();
    }
  }

  /** Stores a new camera and its password (encrypted); the secret is removed again if the row is refused. */
  async function insertCamera(
    fields: Omit<NewCamera, 'secretId'> & { password: string },
    outcome: { probe: DeviceProbe } | { failure: unknown },
    extra: Partial<CameraRow>,
  ): Promise<CameraRow> {
    const secretId = secretIdOf(fields.id);
    deps.secrets.put(secretId, fields.password);
    const row = newCameraRow({ ...fields, secretId }, outcome, extra, {
      at: now().toISOString(),
      skewMs: timing.clockSkewMs,
    });
    try {
      await repo.insert(row);
    } catch (error) {
      deps.secrets.delete(secretId);
      if (/UNIQUE/.test(String(error))) {
        throw new CommandError('conflict', `A camera at ${fields.host}:${fields.port} has already been added.`);
      }
      throw error;
    }
    return row;
  }

  const ptz = createPtzControl({
    runtimeOf: async (id) => {
      const runtime = runtimes.get(id);
      if (!runtime) throw new CommandError('not_found', `There is no camera "${id.slice(0, 64)}".`);
      return runtime;
    },
    audit: deps.audit,
  });

  const service: CameraService = {
    ptz,

    async start() {
      for (const row of await repo.all()) if (!runtimes.has(row.id)) startRuntime(row);
    },

    async discover(timeoutMs) {
      const controller = new AbortController();
      discoveries.add(controller);
      let found: Discovered[];
      try {
        found = await probeNetwork({ timeoutMs, interfaces: deps.discoveryInterfaces, signal: controller.signal });
      } finally {
        discoveries.delete(controller);
      }
      const out: DiscoveredDevice[] = [];
      for (const d of found) {
        const existing = await repo.byAddress(d.host, d.port);
        out.push({
          urn: d.urn,
          xaddrs: d.xaddrs,
          host: d.host,
          port: d.port,
          scopes: d.scopes,
          name: d.name,
          hardware: d.hardware,
          cameraId: existing?.id ?? null,
        });
      }
      return out.sort((a, b) => a.host.localeCompare(b.host) || a.port - b.port);
    },

    async add(input, actor) {
      const host = input.host.toLowerCase();
      const existing = await repo.byAddress(host, input.port);
      if (existing) throw new CommandError('conflict', `This camera was already added as "${existing.name}".`);
      const probe = await asCommand(
        () =>
          withDevice(
            { host, port: input.port, credentials: { username: input.username, password: input.password } },
            (d) => d.probe(),
          ),
        true,
      );
      const extra: Partial<CameraRow> = input.location ? { lat: input.location.lat, lon: input.location.lon } : {};
      const row = await insertCamera(
        {
          id: randomUUID(),
          name: input.name,
          siteId: input.siteId ?? null,
          host,
          port: input.port,
          username: input.username,
          password: input.password,
        },
        { probe },
        extra,
      );
      deps.audit.record({
        userId: actor.userId,
        action: 'cameras.add',
        subject: row.id,
        detail: { host, port: input.port, manufacturer: probe.manufacturer, model: probe.model },
      });
      startRuntime(row);
      return toCamera(row);
    },

    async ensure(camera) {
      const host = camera.host.toLowerCase();
      if (await repo.byAddress(host, camera.port)) return 'exists';
      let outcome: { probe: DeviceProbe } | { failure: unknown };
      try {
        outcome = {
          probe: await withDevice(
            { host, port: camera.port, credentials: { username: camera.username, password: camera.password } },
            (d) => d.probe(),
          ),
        };
      } catch (error) {
        if (disposed) throw error;
        outcome = { failure: error };
      }
      const id = camera.id && !(await repo.get(camera.id)) ? camera.id : randomUUID();
      const row = await insertCamera({ ...camera, id, host }, outcome, {
        lat: camera.location?.lat ?? null,
        lon: camera.location?.lon ?? null,
        heading_deg: camera.headingDeg,
        fov_deg: camera.fovDeg,
      });
      deps.audit.record({
        userId: null,
        action: 'cameras.add',
        subject: row.id,
        detail: { host, port: camera.port, demo: true },
      });
      if ('failure' in outcome)
        deps.logger.warn('camera stored without answering', {
          cameraId: row.id,
          status: row.status,
          detail: row.status_detail,
        });
      startRuntime(row);
      return 'probe' in outcome ? 'added' : 'offline';
    },

    async get(id) {
      const row = await repo.get(id);
      return row ? toCamera(row) : null;
    },

    async list(filter) {
      return (await repo.list(filter)).map(toCamera);
    },

    async update(input, actor) {
      const row = await repo.get(input.id);
      if (!row) throw new CommandError('not_found', `There is no camera "${input.id}".`);
      const patch: CameraPatch = { updated_at: now().toISOString() };
      if (input.name !== undefined) Object.assign(patch, { name: input.name, name_folded: folded(input.name) });
      if (input.siteId !== undefined) patch.site_id = input.siteId;
      if (input.location !== undefined)
        Object.assign(patch, { lat: input.location?.lat ?? null, lon: input.location?.lon ?? null });
      if (input.headingDeg !== undefined) patch.heading_deg = input.headingDeg;
      if (input.fovDeg !== undefined) patch.fov_deg = input.fovDeg;
      const credentialsChanged = input.username !== undefined || input.password !== undefined;
      if (input.username !== undefined) patch.username = input.username;
      if (input.password !== undefined) {
        const secretId = row.secret_id ?? secretIdOf(row.id);
        deps.secrets.put(secretId, input.password);
        patch.secret_id = secretId;
      }
      if (credentialsChanged) Object.assign(patch, { status: 'unknown', status_detail: null, auth_mode: 'both' });
      await repo.update(row.id, patch);
      const updated = (await repo.get(row.id))!;
      deps.audit.record({
        userId: actor.userId,
        action: 'cameras.update',
        subject: row.id,
        // Which fields changed, never their values for credentials.
        detail: { fields: Object.keys(input).filter((k) => k !== 'id') },
      });
      const runtime = runtimes.get(row.id);
      if (runtime) {
        if (credentialsChanged) await runtime.reset(updated);
        else runtime.row = updated;
      }
      return toCamera(updated);
    },

    async remove(id, actor) {
      const row = await repo.get(id);
      if (!row) throw new CommandError('not_found', `There is no camera "${id}".`);
      const runtime = runtimes.get(id);
      runtimes.delete(id);
      await runtime?.dispose(() => ptz.stopNow(runtime));
      await repo.remove(id);
      if (row.secret_id) deps.secrets.delete(row.secret_id);
      deps.audit.record({
        userId: actor.userId,
        action: 'cameras.remove',
        subject: id,
        detail: { host: row.host, port: row.port },
      });
    },

    async test(input) {
      let target: {
        host: string;
        port: number;
        username: string;
        password: string;
        devicePath?: string;
        mode?: 'both' | 'digest';
      };
      const runtime = 'id' in input ? runtimes.get(input.id) : undefined;
      if ('id' in input) {
        const row = await repo.get(input.id);
        if (!row) throw new CommandError('not_found', `There is no camera "${input.id}".`);
        target = {
          host: row.host,
          port: row.port,
          username: row.username,
          password: password(row) ?? '',
          devicePath: row.device_path,
          mode: row.auth_mode,
        };
      } else {
        target = { ...input, host: input.host.toLowerCase() };
      }
      const { host, port, username, devicePath, mode } = target;
      let result: CommandOutput<'cameras.test'>;
      let change: StatusChange;
      try {
        const probe = await withDevice(
          { host, port, devicePath, mode, credentials: { username, password: target.password } },
          (d) => d.probe(),
        );
        const { status, detail } = probeStatus(probe.clockOffsetMs, timing.clockSkewMs);
        result = {
          status,
          detail,
          clockOffsetMs: probe.clockOffsetMs,
          manufacturer: probe.manufacturer,
          model: probe.model,
          profiles: probe.profiles,
          ptz: probe.ptz,
          events: probe.events,
        };
        change = { status: result.status, detail, clockOffsetMs: probe.clockOffsetMs, probe, seen: true };
      } catch (error) {
        if (!isCameraError(error)) throw error;
        const detail = error.message.slice(0, 500);
        result = {
          status: statusOf(error),
          detail,
          clockOffsetMs: null,
          manufacturer: null,
          model: null,
          profiles: [],
          ptz: false,
          events: false,
        };
        change = { status: result.status, detail, seen: false };
      }
      // Testing a stored camera also refreshes what the wall shows about it.
      if (runtime) await publisher.applyStatus(runtime, change);
      return result;
    },

    async snapshot(id, profileToken, actor) {
      const runtime = runtimes.get(id);
      const camera = runtime ? toCamera(runtime.row) : null;
      if (!runtime || !camera) throw new CommandError('not_found', `There is no camera "${id}".`);
      const profile = profileToken
        ? camera.profiles.find((p) => p.token === profileToken)
        : (camera.profiles.find((p) => p.role === 'main' && p.snapshotUri) ??
          camera.profiles.find((p) => p.snapshotUri));
      if (!profile) throw new CommandError('not_found', 'The camera has no such profile.');
      if (!profile.snapshotUri)
        throw new CommandError('invalid_input', 'The camera offers no snapshot for this profile.');
      const uri = profile.snapshotUri;
      const shot = await asCommand(() => runtime.device().snapshot(uri));
      deps.audit.record({
        userId: actor.userId,
        action: 'cameras.snapshot',
        subject: id,
        detail: { profile: profile.token },
      });
      return {
        contentType: shot.contentType,
        dataBase64: shot.data.toString('base64'),
        width: shot.width,
        height: shot.height,
      };
    },

    async streamSource(cameraId, profile) {
      const runtime = runtimes.get(cameraId);
      if (!runtime) throw new CommandError('not_found', `There is no camera "${cameraId.slice(0, 64)}".`);
      const streams = toCamera(runtime.row).profiles.filter((p) => p.streamUri);
      const chosen = streams.find((p) => p.role === profile) ?? streams.find((p) => p.role === 'main') ?? streams[0];
      if (!chosen?.streamUri) throw new CommandError('not_found', 'The camera reports no stream for this profile.');
      return {
        url: chosen.streamUri,
        username: runtime.row.username,
        password: password(runtime.row) ?? '',
        codec: chosen.codec,
        ...(chosen.streamUri.startsWith('rtsps:') ? { certificate: certificates.forSource(cameraId) } : {}),
      };
    },

    async certificate(id) {
      const row = await rowOf(id);
      return certificates.get(row.id, hasRtsps(row));
    },

    async trustCertificate(id, fingerprint, actor) {
      const row = await rowOf(id);
      return certificates.trust(row.id, hasRtsps(row), fingerprint, actor);
    },

    async certificatesAwaiting(sites) {
      const visible = new Set((await service.list({ sites })).map((camera) => camera.id));
      return certificates.awaiting().filter((certificate) => visible.has(certificate.cameraId));
    },

    async dispose() {
      disposed = true;
      for (const controller of discoveries) controller.abort();
      for (const device of inFlight) device.dispose();
      const all = [...runtimes.values()];
      runtimes.clear();
      await Promise.all(all.map((r) => r.dispose(() => ptz.stopNow(r))));
    },
  };
  return service;
}
