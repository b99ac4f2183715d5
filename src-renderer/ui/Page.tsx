import { useEffect, useRef, type ReactNode } from 'react';

interface PageProps {
  /** Route name; also the test hook `page-<name>`. */
  name: string;
  title: string;
  children: ReactNode;
}

/** One page of the control frame. Focus moves to its title on arrival so keyboard and screen-reader users land here. */
export function Page({ name, title, children }: PageProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, [name]);
  return (
    <section className="page" data-testid={`page-${name}`} aria-labelledby={`page-title-${name}`}>
      <header className="page__header">
        <h1 className="page__title" id={`page-title-${name}`} ref={heading} tabIndex={-1}>
          {title}
        </h1>
      </header>
      {children}
    </section>
  );
}
