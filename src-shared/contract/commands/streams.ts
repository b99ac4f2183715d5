import { z } from 'zod';
import { defineCommand } from '../define';
import { LiveStreamStatsSchema, OpenStreamInputSchema, OpenStreamResultSchema } from '../streams';

/**
 * Live video over /api/ws. After `streams.open` replies, the socket receives binary media frames on the
 * channel (media-frame.ts): the init segment, then the cached GOP starting at a keyframe, then live
 * fragments. A new init frame (after the camera reconnects) means: reset the decoder and start over.
 */
export const streamsCommands = {
  'streams.open': defineCommand({
    summary: 'Start receiving a camera’s live stream on this socket (not over HTTP); audited as a view',
    input: OpenStreamInputSchema,
    output: OpenStreamResultSchema,
    permission: 'wall.view',
  }),
  'streams.close': defineCommand({
    summary: 'Stop receiving a channel opened on this socket',
    input: z.object({ channel: z.number().int().min(1).max(0xffffffff) }).strict(),
    output: z.object({ closed: z.boolean() }),
    permission: 'wall.view',
  }),
  'streams.stats': defineCommand({
    summary: 'State, frame rate, bitrate, restarts and viewers of every running live stream',
    input: z.object({}).strict(),
    output: z.array(LiveStreamStatsSchema),
    permission: 'wall.view',
  }),
} as const;
