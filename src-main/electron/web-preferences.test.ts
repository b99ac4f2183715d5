import { describe, expect, it } from 'vitest';
import { secureWebPreferences } from './web-preferences';
import { controlWindowOptions, wallWindowOptions } from './window-options';

const input = { preload: '/app/dist/electron/preload.cjs', devTools: false };

const CHECKLIST = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
};

describe('secureWebPreferences', () => {
  it('sets every security checklist item explicitly', () => {
    const prefs = secureWebPreferences(input);
    for (const [key, value] of Object.entries(CHECKLIST)) {
      expect(Object.hasOwn(prefs, key), key).toBe(true);
      expect(prefs[key as keyof typeof prefs], key).toBe(value);
    }
    expect(Object.hasOwn(prefs, 'enableBlinkFeatures')).toBe(true);
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(prefs.preload).toBe(input.preload);
  });

  it('passes devTools through and never sets insecure extras', () => {
    expect(secureWebPreferences({ ...input, devTools: true }).devTools).toBe(true);
    const prefs = secureWebPreferences(input);
    expect(prefs.devTools).toBe(false);
    expect(prefs.partition).toBeUndefined();
    expect(prefs.additionalArguments).toBeUndefined();
  });
});

describe('window options', () => {
  it('control and wall windows both use the secure preferences', () => {
    const placement = { displayId: '7', bounds: { x: 1920, y: 0, width: 1920, height: 1080 }, kiosk: true };
    for (const options of [controlWindowOptions(input), wallWindowOptions(input, placement)]) {
      expect(options.webPreferences).toEqual(secureWebPreferences(input));
      expect(options.show).toBe(false);
    }
  });

  it('places a wall window on its display', () => {
    const wall = wallWindowOptions(input, {
      displayId: '7',
      bounds: { x: 1920, y: 0, width: 1920, height: 1080 },
      kiosk: false,
    });
    expect(wall).toMatchObject({ x: 1920, y: 0, width: 1920, height: 1080, frame: false });
  });
});
