import { create } from 'zustand';

/**
 * A case some page asked to show (the "open the case" link after creating one on the wall): the Cases page takes
 * it when it opens and selects that case.
 */
export const useCaseFocus = create<{ caseId: string | null }>(() => ({ caseId: null }));

export function focusCase(caseId: string): void {
  useCaseFocus.setState({ caseId });
}

/** The case to select, once: taking it clears it. */
export function takeFocusedCase(): string | null {
  const { caseId } = useCaseFocus.getState();
  if (caseId !== null) useCaseFocus.setState({ caseId: null });
  return caseId;
}
