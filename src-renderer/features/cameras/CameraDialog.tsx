import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { commands, type Camera, type CommandOutput, type Site } from '../../../src-shared/contract';
import { core, type ClientError } from '../../bridge';
import { Notice } from '../../ui';
import {
  fieldIssues,
  formFromCamera,
  placementAfterAdd,
  toAddInput,
  toTestInput,
  toUpdateInput,
  type CameraFormValues,
  type FormField as FieldName,
} from './cameraForm';
import { Dialog } from './Dialog';
import { FormField } from './FormField';
import { TestResultView } from './TestResultView';

export type DialogMode = { kind: 'add'; initial: CameraFormValues } | { kind: 'edit'; camera: Camera };

interface CameraDialogProps {
  mode: DialogMode;
  sites: readonly Site[];
  onClose: () => void;
  onSaved: (camera: Camera) => void;
}

type TestState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; result: CommandOutput<'cameras.test'> }
  | { status: 'failed'; error: ClientError };

/** invalid_input with issues: the schema named fields. Without: the camera refused what was typed. */
function isFieldError(error: ClientError): boolean {
  return error.code === 'invalid_input' && (error.issues?.length ?? 0) > 0;
}

/** Failures a connection test can explain better than the add's own error (password, address, clock…). */
function isDiagnosable(error: ClientError): boolean {
  return !isFieldError(error) && !['forbidden', 'unauthenticated', 'conflict', 'rate_limited'].includes(error.code);
}

export function CameraDialog({ mode, sites, onClose, onSaved }: CameraDialogProps) {
  const { t } = useTranslation();
  const editing = mode.kind === 'edit' ? mode.camera : null;
  const [values, setValues] = useState<CameraFormValues>(() =>
    mode.kind === 'edit' ? formFromCamera(mode.camera) : mode.initial,
  );
  const [issues, setIssues] = useState<Partial<Record<FieldName, string>>>({});
  const [error, setError] = useState<ClientError | null>(null);
  const [saving, setSaving] = useState(false);
  const [test, setTest] = useState<TestState>({ status: 'idle' });

  const set = (field: keyof CameraFormValues) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: event.target.value }));

  function fail(failure: ClientError): void {
    setError(failure);
    setIssues(fieldIssues(failure));
  }

  async function runTest(): Promise<void> {
    setTest({ status: 'running' });
    const result = await core.call('cameras.test', toTestInput(values, editing?.id ?? null));
    if (!result.ok && result.error.code === 'invalid_input') setIssues(fieldIssues(result.error));
    setTest(result.ok ? { status: 'done', result: result.value } : { status: 'failed', error: result.error });
  }

  async function add(): Promise<void> {
    // Heading and field of view go in a second call; check them first so an add is never left half done.
    const placement = placementAfterAdd('pending', values);
    if (placement) {
      const parsed = commands['cameras.update'].input.safeParse(placement);
      if (!parsed.success) {
        const localIssues = parsed.error.issues.map((i) => ({
          path: i.path.map(String).join('.'),
          message: i.message,
        }));
        return fail({ code: 'invalid_input', message: '', issues: localIssues });
      }
    }
    const result = await core.call('cameras.add', toAddInput(values));
    if (!result.ok) {
      fail(result.error);
      if (isDiagnosable(result.error)) await runTest();
      return;
    }
    let camera = result.value;
    const update = placementAfterAdd(camera.id, values);
    if (update) {
      const placed = await core.call('cameras.update', update);
      if (placed.ok) camera = placed.value;
    }
    onSaved(camera);
  }

  async function save(camera: Camera): Promise<void> {
    const result = await core.call('cameras.update', toUpdateInput(camera.id, values));
    if (!result.ok) return fail(result.error);
    onSaved(result.value);
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setError(null);
    setIssues({});
    try {
      await (editing ? save(editing) : add());
    } finally {
      setSaving(false);
    }
  }

  const input =
    (field: FieldName & keyof CameraFormValues, extra: Record<string, string | number | boolean> = {}) =>
    (props: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) => (
      <input
        {...props}
        {...extra}
        className="input"
        value={values[field]}
        data-testid={`camera-field-${field}`}
        onChange={set(field)}
      />
    );

  const title = editing ? t('cameras.dialog.editTitle', { name: editing.name }) : t('cameras.dialog.addTitle');
  return (
    <Dialog title={title} onClose={onClose} testId="camera-dialog" wide>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <div className="cam-dialog__body cam-form">
          <fieldset className="cam-form__group">
            <legend>{t('cameras.dialog.connection')}</legend>
            <div className="cam-form__row">
              <FormField
                name="host"
                label={t('cameras.dialog.host')}
                issue={issues.host}
                className="cam-form__grow"
                hint={editing ? t('cameras.dialog.addressFixed') : undefined}
              >
                {input('host', {
                  autoComplete: 'off',
                  spellCheck: false,
                  readOnly: editing !== null,
                  placeholder: '192.168.1.64',
                })}
              </FormField>
              <FormField name="port" label={t('cameras.dialog.port')} issue={issues.port} className="cam-form__port">
                {input('port', { inputMode: 'numeric', readOnly: editing !== null })}
              </FormField>
            </div>
            <div className="cam-form__row">
              <FormField
                name="username"
                label={t('cameras.dialog.username')}
                issue={issues.username}
                className="cam-form__grow"
              >
                {input('username', { autoComplete: 'off', spellCheck: false })}
              </FormField>
              <FormField
                name="password"
                label={t('cameras.dialog.password')}
                issue={issues.password}
                className="cam-form__grow"
                hint={editing ? t('cameras.dialog.passwordKeep') : t('cameras.dialog.passwordNote')}
              >
                {input('password', {
                  type: 'password',
                  autoComplete: 'new-password',
                  placeholder: editing ? '••••••' : '',
                })}
              </FormField>
            </div>
            <div className="cam-form__test">
              <button
                type="button"
                className="btn"
                disabled={test.status === 'running' || saving}
                data-testid="camera-dialog-test"
                onClick={() => void runTest()}
              >
                {test.status === 'running' ? t('cameras.dialog.testing') : t('cameras.dialog.test')}
              </button>
            </div>
            {test.status === 'done' ? <TestResultView result={test.result} /> : null}
            {test.status === 'failed' && test.error.code !== 'invalid_input' ? (
              <Notice tone="error">{t('cameras.test.failed', { message: t(`errors.${test.error.code}`) })}</Notice>
            ) : null}
          </fieldset>

          <fieldset className="cam-form__group">
            <legend>{t('cameras.dialog.placement')}</legend>
            <FormField
              name="name"
              label={t('cameras.dialog.name')}
              issue={issues.name}
              hint={t('cameras.dialog.nameHint')}
            >
              {input('name', { placeholder: t('cameras.dialog.namePlaceholder'), maxLength: 200 })}
            </FormField>
            <FormField name="siteId" label={t('cameras.dialog.site')} issue={issues.siteId}>
              {(props) => (
                <select
                  {...props}
                  className="input"
                  value={values.siteId}
                  data-testid="camera-field-siteId"
                  onChange={set('siteId')}
                >
                  <option value="">{t('cameras.noSite')}</option>
                  {sites.map((site) => (
                    <option key={site.id} value={site.id}>
                      {site.name}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
            <div className="cam-form__row">
              <FormField name="lat" label={t('cameras.dialog.lat')} issue={issues.lat} className="cam-form__grow">
                {input('lat', { inputMode: 'decimal', placeholder: '10.4602' })}
              </FormField>
              <FormField name="lon" label={t('cameras.dialog.lon')} issue={issues.lon} className="cam-form__grow">
                {input('lon', { inputMode: 'decimal', placeholder: '105.6329' })}
              </FormField>
            </div>
            <div className="cam-form__row">
              <FormField
                name="headingDeg"
                label={t('cameras.dialog.heading')}
                issue={issues.headingDeg}
                className="cam-form__grow"
              >
                {input('headingDeg', { inputMode: 'decimal' })}
              </FormField>
              <FormField name="fovDeg" label={t('cameras.dialog.fov')} issue={issues.fovDeg} className="cam-form__grow">
                {input('fovDeg', { inputMode: 'decimal' })}
              </FormField>
            </div>
          </fieldset>

          {error ? <SaveError error={error} adding={editing === null} diagnosed={test.status === 'done'} /> : null}
        </div>
        <footer className="cam-dialog__footer">
          <button type="button" className="btn" onClick={onClose}>
            {t('cameras.dialog.cancel')}
          </button>
          <button type="submit" className="btn btn--primary" disabled={saving} data-testid="camera-dialog-submit">
            {saving
              ? editing
                ? t('cameras.dialog.saving')
                : t('cameras.dialog.adding')
              : editing
                ? t('cameras.dialog.submitEdit')
                : t('cameras.dialog.submitAdd')}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}

function SaveError({ error, adding, diagnosed }: { error: ClientError; adding: boolean; diagnosed: boolean }) {
  const { t } = useTranslation();
  if (isFieldError(error)) {
    return (
      <Notice tone="error" testId="camera-dialog-error">
        {t('cameras.dialog.invalid')}
      </Notice>
    );
  }
  const reason = t(`errors.${error.code}`);
  return (
    <Notice
      tone="error"
      testId="camera-dialog-error"
      hint={error.message ? t('cameras.dialog.serverSays', { message: error.message }) : undefined}
    >
      {adding
        ? diagnosed
          ? t('cameras.dialog.addFailedSeeTest')
          : t('cameras.dialog.addFailed', { message: reason })
        : t('cameras.dialog.failed', { message: reason })}
    </Notice>
  );
}
