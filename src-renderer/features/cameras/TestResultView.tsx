import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandOutput } from '../../../src-shared/contract';
import { useLanguage } from '../../stores/language';
import { formatOffsetSeconds, isReachable } from './cameraView';
import { Glyph } from './Glyph';
import { StatusAdvice } from './StatusAdvice';

type TestResult = CommandOutput<'cameras.test'>;

/** Clock offsets above this are worth a warning even when the camera still accepts us. */
const CLOCK_WARN_MS = 5_000;

function Check({ ok, label, value, testId }: { ok: boolean | null; label: string; value: ReactNode; testId: string }) {
  return (
    <li className="cam-check" data-ok={ok === null ? undefined : ok} data-testid={testId}>
      <span className="cam-check__mark" aria-hidden="true">
        {ok === null ? '·' : <Glyph name={ok ? 'check' : 'cross'} size={14} />}
      </span>
      <span className="cam-check__label">{label}</span>
      <span className="cam-check__value">{value}</span>
    </li>
  );
}

/** What a connection test found: the verdict with advice, then each capability it could or could not read. */
export function TestResultView({ result }: { result: TestResult }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const answered = isReachable(result.status);
  const unknown = t('cameras.test.unknown');
  const yesNo = (value: boolean): string => (value ? t('cameras.test.yes') : t('cameras.test.no'));
  const device = [result.manufacturer, result.model].filter(Boolean).join(' ');
  const clockOk = result.clockOffsetMs === null ? null : Math.abs(result.clockOffsetMs) <= CLOCK_WARN_MS;

  return (
    <section
      className="cam-test"
      aria-label={t('cameras.test.title')}
      data-testid="camera-test-result"
      data-status={result.status}
    >
      <StatusAdvice status={result.status} detail={result.detail} testId="camera-test-verdict" />
      <ul className="cam-checks">
        <Check
          ok={device ? true : answered ? false : null}
          label={t('cameras.test.device')}
          value={device || unknown}
          testId="test-device"
        />
        <Check
          ok={answered ? result.profiles.length > 0 : null}
          label={t('cameras.test.profiles')}
          value={answered ? t('cameras.test.profilesCount', { count: result.profiles.length }) : unknown}
          testId="test-profiles"
        />
        <Check
          ok={answered ? result.ptz : null}
          label={t('cameras.test.ptz')}
          value={answered ? yesNo(result.ptz) : unknown}
          testId="test-ptz"
        />
        <Check
          ok={answered ? result.events : null}
          label={t('cameras.test.events')}
          value={answered ? yesNo(result.events) : unknown}
          testId="test-events"
        />
        <Check
          ok={clockOk}
          label={t('cameras.test.clock')}
          value={
            result.clockOffsetMs === null
              ? unknown
              : t('cameras.test.clockOffset', { value: formatOffsetSeconds(result.clockOffsetMs, language) })
          }
          testId="test-clock"
        />
      </ul>
    </section>
  );
}
