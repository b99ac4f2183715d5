import { events, isEventName, type EventName, type EventPayload } from '../../src-shared/contract';

type Listener = (payload: unknown) => void;

/** Typed fan-out of the core's push events; payloads are checked against the contract before delivery. */
export class EventHub {
  private readonly listeners = new Map<EventName, Set<Listener>>();

  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.listeners.get(name) ?? new Set<Listener>();
    this.listeners.set(name, set);
    // Payloads reach `wrapped` only after events[name].payload accepted them, so the narrowing is sound.
    const wrapped: Listener = (payload) => listener(payload as EventPayload<E>);
    set.add(wrapped);
    return () => set.delete(wrapped);
  }

  emit(name: string, payload: unknown): void {
    if (!isEventName(name)) return;
    const parsed = events[name].payload.safeParse(payload);
    if (!parsed.success) {
      console.warn(`[core socket] event ${name} with an unexpected payload`, parsed.error.issues);
      return;
    }
    for (const listener of this.listeners.get(name) ?? []) listener(parsed.data);
  }
}
