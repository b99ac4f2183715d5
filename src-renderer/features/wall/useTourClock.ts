import { useEffect, useState } from 'react';

/** The current time while `running`, refreshed every `everyMs`: a running tour changes step on time. */
export function useTourClock(running: boolean, everyMs = 500): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [running, everyMs]);
  return now;
}
