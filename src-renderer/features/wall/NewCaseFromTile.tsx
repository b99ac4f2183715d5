import { useCallback, useState } from 'react';
import type { Camera } from '../../../src-shared/contract';
import { useCan } from '../../stores/session';
import { CaseCreatedNotice, NewCaseDialog, type CaseCreated } from '../case-create';

/**
 * The tile's ＋ and the N key: a new case from the tile's camera, with its snapshot. Shared by the control
 * window's wall and the wall display windows. `onNewCase` is absent without cases.write (no ＋, N does nothing).
 */
export function useNewCaseFromTile(cameras: ReadonlyMap<string, Camera>) {
  const canCreateCase = useCan('cases.write');
  const [camera, setCamera] = useState<Camera | null>(null);
  const [created, setCreated] = useState<CaseCreated | null>(null);
  const open = useCallback(
    (cameraId: string) => {
      const found = cameras.get(cameraId);
      if (found) setCamera(found);
    },
    [cameras],
  );
  return {
    onNewCase: canCreateCase ? open : undefined,
    /** The wall keys rest while the form is open. */
    open: camera !== null,
    camera,
    created,
    close: () => setCamera(null),
    finish: (result: CaseCreated) => {
      setCamera(null);
      setCreated(result);
    },
    dismiss: () => setCreated(null),
  };
}

/**
 * The form and, once sent, what became of the case. `openable`: the notice links to the Cases page (not in a
 * wall display window, which shows only the wall).
 */
export function NewCaseFromTile({
  state,
  openable = true,
}: {
  state: ReturnType<typeof useNewCaseFromTile>;
  openable?: boolean;
}) {
  return (
    <>
      {state.created ? (
        <CaseCreatedNotice created={state.created} onDismiss={state.dismiss} openable={openable} />
      ) : null}
      {state.camera ? <NewCaseDialog camera={state.camera} onClose={state.close} onCreated={state.finish} /> : null}
    </>
  );
}
