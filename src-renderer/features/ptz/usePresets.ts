import { useCallback, useEffect, useState } from 'react';
import type { Preset } from '../../../src-shared/contract';
import { core, type ClientError } from '../../bridge';

export type PresetsState =
  | { status: 'loading' }
  | { status: 'failed'; error: ClientError }
  | { status: 'ready'; presets: Preset[] };

export function usePresets(cameraId: string): { state: PresetsState; added: (preset: Preset) => void } {
  const [state, setState] = useState<PresetsState>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    void core.call('ptz.presets', { cameraId }).then((result) => {
      if (!live) return;
      setState(result.ok ? { status: 'ready', presets: result.value } : { status: 'failed', error: result.error });
    });
    return () => {
      live = false;
    };
  }, [cameraId]);

  const added = useCallback((preset: Preset) => {
    setState((current) => {
      const presets = current.status === 'ready' ? current.presets.filter((p) => p.token !== preset.token) : [];
      return { status: 'ready', presets: [...presets, preset] };
    });
  }, []);

  return { state, added };
}
