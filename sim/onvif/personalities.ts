import type { CaptureLayout } from './captures';

export const PERSONALITIES = ['agsh', 'axis', 'hikvision', 'pelco'] as const;
export type Personality = (typeof PERSONALITIES)[number];

/** How a vendor names a preset created without a token. */
export type PresetTokenStyle =
  | { kind: 'next-number' } // Axis: highest + 1 (capture: 2…22 present, SetPreset → 23)
  | { kind: 'lowest-free'; max: number } // Hikvision: first free slot (capture lacks 6, SetPreset → 6)
  | { kind: 'uuid' } // Pelco
  | { kind: 'prefixed'; prefix: string; width: number }; // agsh mock: P001…

export type SubscriptionStyle = 'agsh' | 'axis' | 'hikvision' | 'pelco';

/** What the captures do not say by themselves, per vendor. Everything else is read from the capture files. */
export interface PersonalitySpec {
  readonly name: Personality;
  /** Folder under the fixtures root. */
  readonly dir: string;
  readonly layout: CaptureLayout;
  /** The camera's own (private) address, as it appears in the captured URIs. */
  readonly capturedHost: string;
  /** Where a technician points the client: the conventional device service path. */
  readonly devicePath: string;
  readonly digestRealm: string;
  readonly presetTokens: PresetTokenStyle;
  /** Whether GetPresets carries each preset's PTZPosition (the captures differ). */
  readonly presetPositions: boolean;
  /** Hikvision's special-function presets: listed, callable, never moved or overwritten. */
  readonly functionPresets: ReadonlySet<string>;
  readonly subscriptions: SubscriptionStyle;
  readonly defaultSubscriptionMs: number;
  /** How this vendor prints xsd:dateTime: whole seconds, milliseconds or microseconds. */
  readonly timeDigits: 0 | 3 | 6;
  /** Decimals in PTZ coordinates (Hikvision prints %f); null = shortest round trip. */
  readonly coordDecimals: number | null;
}

const range = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, k) => String(from + k));

export const PERSONALITY_SPECS: Readonly<Record<Personality, PersonalitySpec>> = {
  agsh: {
    name: 'agsh',
    dir: 'agsh-onvif',
    layout: 'agsh',
    capturedHost: '192.168.68.111',
    devicePath: '/onvif/device_service',
    digestRealm: 'Mockup Camera',
    presetTokens: { kind: 'prefixed', prefix: 'P', width: 3 },
    presetPositions: false,
    functionPresets: new Set(),
    subscriptions: 'agsh',
    defaultSubscriptionMs: 60_000,
    timeDigits: 3,
    coordDecimals: null,
  },
  axis: {
    name: 'axis',
    dir: 'onvif-nvt/axis',
    layout: 'nvt',
    capturedHost: '192.168.0.19',
    devicePath: '/onvif/device_service',
    digestRealm: 'AXIS_00408CFAB754',
    presetTokens: { kind: 'next-number' },
    presetPositions: true,
    functionPresets: new Set(),
    subscriptions: 'axis',
    defaultSubscriptionMs: 60_000,
    timeDigits: 0,
    coordDecimals: null,
  },
  hikvision: {
    name: 'hikvision',
    dir: 'onvif-nvt/hikvision',
    layout: 'nvt',
    capturedHost: '10.10.1.60',
    devicePath: '/onvif/device_service',
    digestRealm: 'IP Camera(C4298)',
    presetTokens: { kind: 'lowest-free', max: 256 },
    presetPositions: false,
    functionPresets: new Set([...range(33, 44), ...range(92, 105)]),
    subscriptions: 'hikvision',
    defaultSubscriptionMs: 60_000,
    timeDigits: 0,
    coordDecimals: 6,
  },
  pelco: {
    name: 'pelco',
    dir: 'onvif-nvt/pelco',
    layout: 'nvt',
    capturedHost: '10.10.1.66',
    devicePath: '/onvif/device_service',
    digestRealm: 'Pelco',
    presetTokens: { kind: 'uuid' },
    presetPositions: true,
    functionPresets: new Set(),
    subscriptions: 'pelco',
    defaultSubscriptionMs: 90_000,
    timeDigits: 6,
    coordDecimals: null,
  },
};

export function isPersonality(value: string): value is Personality {
  return (PERSONALITIES as readonly string[]).includes(value);
}
