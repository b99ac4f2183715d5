import { useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { padVelocity } from './keys';
import { STILL, type Velocity } from './velocity';

interface Offset {
  x: number;
  y: number;
}

/**
 * On-screen joystick: press anywhere on the pad and hold; the further from the centre, the faster. The
 * pointer is captured, so dragging outside the pad keeps steering and releasing anywhere stops.
 */
export function Joystick({ onVelocity }: { onVelocity: (v: Velocity) => void }) {
  const { t } = useTranslation();
  const [knob, setKnob] = useState<Offset | null>(null);

  const steer = (event: PointerEvent<HTMLDivElement>): void => {
    const rect = event.currentTarget.getBoundingClientRect();
    const radius = rect.width / 2;
    const dx = (event.clientX - rect.left - radius) / radius;
    const dy = (event.clientY - rect.top - rect.height / 2) / radius;
    const length = Math.hypot(dx, dy);
    const k = length > 1 ? 1 / length : 1;
    setKnob({ x: dx * k, y: dy * k });
    onVelocity(padVelocity(dx, dy));
  };
  const release = (): void => {
    setKnob(null);
    onVelocity(STILL);
  };

  return (
    <div
      className="ptz-pad"
      role="group"
      aria-label={t('ptz.pad')}
      title={t('ptz.pad')}
      tabIndex={0}
      data-testid="ptz-pad"
      data-active={knob !== null || undefined}
      onPointerDown={(event) => {
        if (event.button !== 0) return;
        event.currentTarget.setPointerCapture(event.pointerId);
        steer(event);
      }}
      onPointerMove={(event) => {
        if (event.currentTarget.hasPointerCapture(event.pointerId)) steer(event);
      }}
      onPointerUp={release}
      onPointerCancel={release}
      onLostPointerCapture={release}
    >
      <span className="ptz-pad__arrow ptz-pad__arrow--up" aria-hidden="true">
        ▲
      </span>
      <span className="ptz-pad__arrow ptz-pad__arrow--down" aria-hidden="true">
        ▼
      </span>
      <span className="ptz-pad__arrow ptz-pad__arrow--left" aria-hidden="true">
        ◀
      </span>
      <span className="ptz-pad__arrow ptz-pad__arrow--right" aria-hidden="true">
        ▶
      </span>
      <span
        className="ptz-pad__knob"
        aria-hidden="true"
        style={
          knob
            ? { transform: `translate(calc(${knob.x} * var(--pad-travel)), calc(${knob.y} * var(--pad-travel)))` }
            : undefined
        }
      />
    </div>
  );
}
