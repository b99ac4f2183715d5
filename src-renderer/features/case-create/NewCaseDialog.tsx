import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandOutput } from '../../../src-shared/contract';
import { core, useCommand } from '../../bridge';
import { Field, Form, Notice } from '../../ui';
import { initialForm, newCaseInput, type NewCaseForm, type NewCaseProblem } from './newCaseForm';
import './case-create.css';

export interface NewCaseCamera {
  id: string;
  name: string;
  location: { lat: number; lon: number } | null;
}

export type CaseCreated = CommandOutput<'case.create'>;

const COORDINATES = ['lat', 'long'] as const;

interface NewCaseDialogProps {
  /** The tile's camera: its position prefilled, its snapshot offered. Null: the Cases page's plain form. */
  camera: NewCaseCamera | null;
  onClose(): void;
  onCreated(created: CaseCreated): void;
}

/** A new case of the centre: category, description, place, and (from a camera) its snapshot. Works offline. */
export function NewCaseDialog({ camera, onClose, onCreated }: NewCaseDialogProps) {
  const { t } = useTranslation();
  const services = useCommand('case.services', {});
  const [form, setForm] = useState<NewCaseForm>(() => initialForm(camera));
  const [problem, setProblem] = useState<NewCaseProblem | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);

  const groups = useMemo(() => {
    if (services.state.status !== 'done' || !services.state.result.ok) return [];
    const byGroup = new Map<string, { code: string; name: string }[]>();
    for (const s of services.state.result.value.items) {
      byGroup.set(s.group, [...(byGroup.get(s.group) ?? []), { code: s.serviceCode, name: s.serviceName }]);
    }
    return [...byGroup];
  }, [services.state]);
  const servicesError =
    services.state.status === 'done' && !services.state.result.ok ? services.state.result.error.message : null;

  const set = <K extends keyof NewCaseForm>(key: K, value: NewCaseForm[K]) => setForm((f) => ({ ...f, [key]: value }));

  async function submit(): Promise<void> {
    const built = newCaseInput(form, camera?.id ?? null);
    if (!built.ok) return setProblem(built.problem);
    setProblem(null);
    setBusy(true);
    const result = await core.call('case.create', built.input);
    setBusy(false);
    if (result.ok) onCreated(result.value);
    else setFailure(t('caseCreate.failed', { message: result.error.message }));
  }

  return (
    <div className="overlay" onClick={onClose}>
      <div
        className="dialog newcase"
        role="dialog"
        aria-modal="true"
        aria-label={camera ? t('caseCreate.titleFromCamera', { camera: camera.name }) : t('caseCreate.title')}
        data-testid="new-case-dialog"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onClose();
          }
        }}
      >
        <header className="dialog__header">
          <h2>{camera ? t('caseCreate.titleFromCamera', { camera: camera.name }) : t('caseCreate.title')}</h2>
        </header>
        <Form className="newcase__form" onSubmit={submit}>
          <Field label={t('caseCreate.category')}>
            <select
              ref={first}
              className="input"
              data-testid="new-case-category"
              value={form.serviceCode}
              aria-invalid={problem === 'needCategory'}
              onChange={(e) => set('serviceCode', e.target.value)}
            >
              <option value="">{t('caseCreate.categoryPick')}</option>
              {groups.map(([group, items]) => (
                <optgroup key={group} label={group}>
                  {items.map((s) => (
                    <option key={s.code} value={s.code}>
                      {s.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </Field>
          {servicesError ? (
            <Notice tone="error">{t('caseCreate.categoriesFailed', { message: servicesError })}</Notice>
          ) : null}
          <Field label={t('caseCreate.description')}>
            <textarea
              className="input newcase__text"
              rows={4}
              maxLength={4000}
              placeholder={t('caseCreate.descriptionHint')}
              data-testid="new-case-description"
              value={form.description}
              aria-invalid={problem === 'needDescription'}
              onChange={(e) => set('description', e.target.value)}
            />
          </Field>
          <Field label={t('caseCreate.address')}>
            <input
              className="input"
              maxLength={500}
              data-testid="new-case-address"
              value={form.address}
              onChange={(e) => set('address', e.target.value)}
            />
          </Field>
          <div className="newcase__place">
            {COORDINATES.map((key) => (
              <Field key={key} label={t(`caseCreate.${key}`)}>
                <input
                  className="input mono"
                  inputMode="decimal"
                  data-testid={`new-case-${key}`}
                  value={form[key]}
                  aria-invalid={problem === 'badLocation'}
                  onChange={(e) => set(key, e.target.value)}
                />
              </Field>
            ))}
          </div>
          {camera?.location ? <p className="muted newcase__hint">{t('caseCreate.locationFromCamera')}</p> : null}
          {camera ? (
            <label className="newcase__check">
              <input
                type="checkbox"
                data-testid="new-case-snapshot"
                checked={form.attachSnapshot}
                onChange={(e) => set('attachSnapshot', e.target.checked)}
              />
              {t('caseCreate.attachSnapshot')}
            </label>
          ) : null}
          {problem ? (
            <Notice tone="error" testId="new-case-problem">
              {t(`caseCreate.${problem}`)}
            </Notice>
          ) : null}
          {failure ? (
            <Notice tone="error" testId="new-case-failed">
              {failure}
            </Notice>
          ) : null}
          <div className="newcase__actions">
            <button type="button" className="btn btn--ghost" onClick={onClose}>
              {t('caseCreate.cancel')}
            </button>
            <button type="submit" className="btn btn--primary" disabled={busy} data-testid="new-case-submit">
              {busy ? t('caseCreate.submitting') : t('caseCreate.submit')}
            </button>
          </div>
        </Form>
      </div>
    </div>
  );
}
