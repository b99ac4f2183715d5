import type { ReactNode } from 'react';

interface FieldProps {
  label: ReactNode;
  /** One control (input, select, textarea): the label wraps it, so it names it and a click on it focuses it. */
  children: ReactNode;
}

/** A form control under its label, in the look every form shares. */
export function Field({ label, children }: FieldProps) {
  return (
    <label className="field">
      <span className="field__label">{label}</span>
      {children}
    </label>
  );
}
