// Which cameras' rtsps certificate waits for a technician: loaded once, then kept current by `camera.certificate`
// events, and loaded again when the socket comes back (events missed meanwhile are not replayed).
import { useEffect, useState } from 'react';
import { core } from '../../bridge';
import { applyCertificate, awaitingFrom, type CertificatesAwaiting } from './certificatePinAwaiting';

/** `enabled` false (no cameras.read): nothing is asked and the map stays empty. */
export function useCertificatesAwaiting(enabled = true): CertificatesAwaiting {
  const [awaiting, setAwaiting] = useState<CertificatesAwaiting>(new Map());
  const [round, setRound] = useState(0);

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void core.call('cameras.certificatesAwaiting', {}).then((result) => {
      if (live && result.ok) setAwaiting(awaitingFrom(result.value));
    });
    return () => {
      live = false;
    };
  }, [enabled, round]);

  useEffect(() => {
    if (!enabled) return;
    const off = core.onEvent('camera.certificate', (certificate) =>
      setAwaiting((current) => applyCertificate(current, certificate)),
    );
    let wasConnected = core.connection().state === 'connected';
    const offConnection = core.onConnection((snapshot) => {
      const connected = snapshot.state === 'connected';
      if (connected && !wasConnected) setRound((n) => n + 1);
      wasConnected = connected;
    });
    return () => {
      off();
      offConnection();
    };
  }, [enabled]);

  return awaiting;
}
