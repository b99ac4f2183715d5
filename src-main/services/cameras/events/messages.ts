import type { CameraEvent } from '../../../../src-shared/contract';
import { textOf } from '../xml/parse';

export type EventKind = CameraEvent['kind'];

/** One notification from a PullMessagesResponse, before it is tied to a camera id. */
export interface PulledEvent {
  kind: EventKind;
  topic: string;
  active: boolean;
  at: string;
  /** `Initialized` (current state right after subscribing), `Changed`, `Deleted`, or '' when not a property. */
  operation: string;
  source: Record<string, string>;
}

/**
 * ONVIF topic → kind. Vendor topics vary (Hikvision/Pelco `RuleEngine/CellMotionDetector/Motion`, Axis
 * `VideoAnalytics/tnsaxis:MotionDetection`, `VideoSource/MotionAlarm`); tamper shows up as `Tamper…` or a
 * global scene change (the camera was covered, moved or defocused).
 */
export function kindOf(topic: string): EventKind {
  if (/tamper|GlobalSceneChange|ImageTooBlurry|ImageTooDark|ImageTooBright|SignalLoss/i.test(topic)) return 'tamper';
  if (/motion/i.test(topic)) return 'motion';
  if (/DigitalInput|Trigger\/Relay|\bIO\b|\/Input/i.test(topic)) return 'input';
  return 'other';
}

/** `tns1:RuleEngine/CellMotionDetector/Motion` with whitespace and newlines removed (agsh pads its topics). */
export function normalizeTopic(raw: string): string {
  return raw.replace(/\s+/g, '').slice(0, 300);
}

const STATE_NAMES = ['IsMotion', 'State', 'IsTamper', 'LogicalState', 'motion', 'Value', 'Active', 'IsActive'];

function truthy(value: string): boolean | null {
  const v = value.trim().toLowerCase();
  if (v === 'true' || v === '1' || v === 'active' || v === 'on') return true;
  if (v === 'false' || v === '0' || v === 'inactive' || v === 'off') return false;
  return null;
}

function simpleItems(container: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const items = field(container, 'simpleItem');
  for (const item of (Array.isArray(items) ? items : items === undefined ? [] : [items]).slice(0, 32)) {
    const attrs = field(item, '$');
    const name = textOf(field(attrs, 'Name'));
    if (name && !Object.hasOwn(out, name)) out[name.slice(0, 64)] = textOf(field(attrs, 'Value')).slice(0, 200);
  }
  return out;
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** Notifications of a flattened PullMessages body; `now` dates messages that carry no UtcTime. */
export function parsePullMessages(body: unknown, now: Date): PulledEvent[] {
  const response = field(body, 'pullMessagesResponse');
  const raw = field(response, 'notificationMessage');
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const out: PulledEvent[] = [];
  for (const notification of list.slice(0, 100)) {
    const topic = normalizeTopic(textOf(field(notification, 'topic')));
    const message = field(field(notification, 'message'), 'message');
    if (!topic || message === undefined) continue;
    const attrs = field(message, '$');
    const data = simpleItems(field(message, 'data'));
    const stateName = STATE_NAMES.find((n) => Object.hasOwn(data, n) && truthy(data[n]!) !== null);
    const anyState = stateName ?? Object.keys(data).find((n) => truthy(data[n]!) !== null);
    const utc = textOf(field(attrs, 'UtcTime'));
    const at = Number.isNaN(Date.parse(utc)) ? now : new Date(utc);
    out.push({
      kind: kindOf(topic),
      topic,
      active: anyState !== undefined ? truthy(data[anyState]!) === true : false,
      at: at.toISOString(),
      operation: textOf(field(attrs, 'PropertyOperation')),
      source: simpleItems(field(message, 'source')),
    });
  }
  return out;
}

/** Time left on a subscription per the camera's own clock (CurrentTime → TerminationTime), or null. */
export function remainingMs(body: unknown, responseName: string): number | null {
  const response = field(body, responseName);
  const current = Date.parse(textOf(field(response, 'currentTime')));
  const termination = Date.parse(textOf(field(response, 'terminationTime')));
  if (Number.isNaN(current) || Number.isNaN(termination)) return null;
  return termination - current;
}
