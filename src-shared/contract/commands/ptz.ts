import { z } from 'zod';
import { PresetSchema, PtzStatusSchema } from '../cameras';
import { defineCommand } from '../define';

const CameraId = z.string().min(1).max(64);
const Speed = z.number().min(-1).max(1);
const Done = z.object({ ok: z.literal(true) });

/** Every PTZ action is written to the audit log by its handler. */
export const ptzCommands = {
  'ptz.move': defineCommand({
    summary: 'Continuous move at the given velocities; stops by itself after timeoutMs',
    input: z
      .object({
        cameraId: CameraId,
        pan: Speed,
        tilt: Speed,
        zoom: Speed.default(0),
        timeoutMs: z.number().int().min(100).max(10_000).default(1000),
      })
      .strict(),
    output: Done,
    permission: 'ptz.control',
  }),
  'ptz.stop': defineCommand({
    summary: 'Stop pan, tilt and zoom',
    input: z.object({ cameraId: CameraId }).strict(),
    output: Done,
    permission: 'ptz.control',
  }),
  'ptz.status': defineCommand({
    summary: 'Current PTZ position',
    input: z.object({ cameraId: CameraId }).strict(),
    output: PtzStatusSchema,
    permission: 'ptz.control',
  }),
  'ptz.presets': defineCommand({
    summary: 'Presets of the camera, keyed by token',
    input: z.object({ cameraId: CameraId }).strict(),
    output: z.array(PresetSchema),
    permission: 'ptz.control',
  }),
  'ptz.gotoPreset': defineCommand({
    summary: 'Move to a preset by its token',
    input: z.object({ cameraId: CameraId, presetToken: z.string().min(1).max(64) }).strict(),
    output: Done,
    permission: 'ptz.control',
  }),
  'ptz.setPreset': defineCommand({
    summary: 'Save the current position as a preset (new, or overwrite by token)',
    input: z
      .object({
        cameraId: CameraId,
        name: z.string().trim().min(1).max(64),
        presetToken: z.string().max(64).optional(),
      })
      .strict(),
    output: PresetSchema,
    permission: 'ptz.control',
  }),
  'ptz.home': defineCommand({
    summary: 'Move to the home position',
    input: z.object({ cameraId: CameraId }).strict(),
    output: Done,
    permission: 'ptz.control',
  }),
} as const;
