import type { CommandName, CommandOutput, ParsedInput } from '../../../src-shared/contract';
import type { LayoutsService } from './service';

/** What these handlers need of the core's CallContext (structurally the same). */
export interface LayoutsCallContext {
  principal: { userId: string; username?: string };
}

type LayoutCommand = Extract<CommandName, `layouts.${string}` | `tours.${string}` | `walls.${string}`>;
type LayoutsHandlers = {
  [N in LayoutCommand]: (input: ParsedInput<N>, ctx: LayoutsCallContext) => CommandOutput<N>;
};

const actor = (ctx: LayoutsCallContext) => ({ userId: ctx.principal.userId, username: ctx.principal.username });
const removed = { removed: true as const };

export function layoutsHandlers(service: LayoutsService): LayoutsHandlers {
  const { layouts, tours, walls } = service;
  return {
    'layouts.list': () => layouts.list(),
    'layouts.get': (input) => layouts.get(input.id),
    'layouts.save': (input, ctx) => layouts.save(input, actor(ctx)),
    'layouts.rename': (input, ctx) => layouts.rename(input.id, input.name, input.expectedVersion, actor(ctx)),
    'layouts.duplicate': (input, ctx) => layouts.duplicate(input.id, input.name, actor(ctx)),
    'layouts.remove': (input, ctx) => {
      layouts.remove(input.id, actor(ctx));
      return removed;
    },
    'tours.list': () => tours.list(),
    'tours.save': (input, ctx) => tours.save(input, actor(ctx)),
    'tours.remove': (input, ctx) => {
      tours.remove(input.id, actor(ctx));
      return removed;
    },
    'walls.list': () => walls.list(),
    'walls.get': (input) => walls.get(input.displayId),
    'walls.assign': (input, ctx) => walls.assign(input.displayId, input.source, actor(ctx)),
    'walls.tour': (input, ctx) => walls.setTourRunning(input.displayId, input.running, actor(ctx)),
    'walls.setAlarmPolicy': (input, ctx) => walls.setAlarmPolicy(input.displayId, input.policy, actor(ctx)),
    'walls.popup': (input, ctx) => walls.popup(input, actor(ctx)),
    'walls.acknowledge': (input, ctx) => walls.acknowledge(input.displayId, input.alarmId, actor(ctx)),
    'walls.report': (input) => {
      const { displayId, ...report } = input;
      walls.report(displayId, report);
      return { ok: true as const };
    },
    'walls.links': (input) => walls.links(input.cameraId),
    'walls.setLinks': (input, ctx) => walls.setLinks(input.cameraId, input.linked, actor(ctx)),
  };
}
