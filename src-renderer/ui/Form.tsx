import type { ReactNode } from 'react';

interface FormProps {
  className: string;
  /** Runs on Enter or the submit button; the page itself never reloads. Errors are the handler's to show. */
  onSubmit(): Promise<void>;
  children: ReactNode;
  testId?: string;
}

export function Form({ className, onSubmit, children, testId }: FormProps) {
  return (
    <form
      className={className}
      data-testid={testId}
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
    >
      {children}
    </form>
  );
}
