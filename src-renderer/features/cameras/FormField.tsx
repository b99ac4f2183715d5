import { useId, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormField as FieldName } from './cameraForm';

interface FormFieldProps {
  name: FieldName;
  label: string;
  hint?: string;
  /** The core's message for this field, if it rejected it. */
  issue: string | undefined;
  className?: string;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) => ReactElement;
}

/** A labelled input whose core-side rejection is explained in the UI language, the core's words kept as detail. */
export function FormField({ name, label, hint, issue, className, children }: FormFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const noteId = `${id}-note`;
  const note = issue !== undefined || hint !== undefined;
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children({ id, 'aria-invalid': issue !== undefined, 'aria-describedby': note ? noteId : undefined })}
      {issue !== undefined ? (
        <span className="cam-field__error" id={noteId} data-testid={`field-error-${name}`}>
          {t(`cameras.field.${name}`)} <span className="cam-field__server">({issue})</span>
        </span>
      ) : hint !== undefined ? (
        <span className="cam-field__hint" id={noteId}>
          {hint}
        </span>
      ) : null}
    </div>
  );
}
