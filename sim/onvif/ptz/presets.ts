import { createHash, randomUUID } from 'node:crypto';
import type { PresetTokenStyle } from '../personalities';
import { attrLocal, child, type XmlElement } from '../soap/xml';
import type { PtzVector } from './motion';

export interface Preset {
  readonly token: string;
  name: string | null;
  /** The stored position; null when the capture listed the preset without one. */
  position: PtzVector | null;
  /** A vendor special-function preset (Hikvision): callable, never moved to, never overwritten. */
  readonly function: boolean;
}

export type PresetError = 'no-token' | 'function-preset' | 'too-many';

/** Presets keyed by token, in the order the camera lists them. */
export class PresetStore {
  private readonly byToken = new Map<string, Preset>();

  constructor(
    private readonly style: PresetTokenStyle,
    private readonly max: number,
    initial: readonly Preset[],
  ) {
    for (const preset of initial) this.byToken.set(preset.token, { ...preset });
  }

  list(): readonly Preset[] {
    return [...this.byToken.values()];
  }

  get(token: string): Preset | undefined {
    return this.byToken.get(token);
  }

  /** Where GotoPreset goes: the stored position, or a fixed one derived from the token when none was captured. */
  target(preset: Preset): PtzVector {
    if (preset.position) return preset.position;
    const h = createHash('sha1').update(preset.token).digest();
    const unit = (k: number) => (h.readUInt16BE(k) / 0xffff) * 2 - 1;
    return { pan: unit(0), tilt: unit(2) * 0.9, zoom: (unit(4) + 1) / 4 };
  }

  /** SetPreset: overwrite an existing token, or create one named the vendor's way. */
  set(token: string | undefined, name: string | undefined, position: PtzVector): Preset | PresetError {
    if (token !== undefined) {
      const existing = this.byToken.get(token);
      if (!existing) return 'no-token';
      if (existing.function) return 'function-preset';
      if (name !== undefined) existing.name = name;
      existing.position = position;
      return existing;
    }
    if (this.byToken.size >= this.max) return 'too-many';
    const created: Preset = { token: this.nextToken(), name: name ?? null, position, function: false };
    if (created.token === '') return 'too-many';
    this.byToken.set(created.token, created);
    return created;
  }

  remove(token: string): true | PresetError {
    const existing = this.byToken.get(token);
    if (!existing) return 'no-token';
    if (existing.function) return 'function-preset';
    this.byToken.delete(token);
    return true;
  }

  private nextToken(): string {
    const style = this.style;
    const numbers = [...this.byToken.keys()].map(Number).filter(Number.isInteger);
    switch (style.kind) {
      case 'uuid':
        return randomUUID();
      case 'next-number':
        return String(Math.max(0, ...numbers) + 1);
      case 'lowest-free': {
        const used = new Set(numbers);
        for (let n = 1; n <= style.max; n++) if (!used.has(n)) return String(n);
        return '';
      }
      case 'prefixed': {
        const used = [...this.byToken.keys()]
          .filter((t) => t.startsWith(style.prefix))
          .map((t) => Number(t.slice(style.prefix.length)))
          .filter(Number.isInteger);
        return style.prefix + String(Math.max(0, ...used) + 1).padStart(style.width, '0');
      }
    }
  }
}

/** Presets from a captured GetPresets answer. */
export function readPresets(response: XmlElement, functionTokens: ReadonlySet<string>): Preset[] {
  return response.children
    .filter((el) => el.local === 'Preset')
    .map((el) => {
      const token = el.attrs.token ?? '';
      const position = child(el, 'PTZPosition');
      const panTilt = child(position, 'PanTilt');
      const zoom = child(position, 'Zoom');
      return {
        token,
        name: child(el, 'Name')?.text.trim() ?? null,
        position: position
          ? {
              pan: Number(attrLocal(panTilt, 'x') ?? 0),
              tilt: Number(attrLocal(panTilt, 'y') ?? 0),
              zoom: Number(attrLocal(zoom, 'x') ?? 0),
            }
          : null,
        function: functionTokens.has(token),
      };
    });
}
