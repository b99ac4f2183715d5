import { highlight } from './highlight';

/** Text with the words of the search marked, matched without diacritics. */
export function Highlighted({ text, query }: { text: string; query: string }) {
  return (
    <>{highlight(text, query).map((s, i) => (s.hit ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}</>
  );
}
