import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { core } from '../../bridge';
import { Field, Form, Notice } from '../../ui';

export function CommentBox({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (): Promise<void> => {
    setBusy(true);
    const r = await core.call('case.comment', { caseId, text: text.trim() });
    setBusy(false);
    if (r.ok) {
      setText('');
      setError(null);
      onDone();
    } else setError(t('cases.detail.actionFailed', { message: r.error.message }));
  };
  return (
    <Form className="case-comment" onSubmit={submit}>
      <Field label={t('cases.detail.comment')}>
        <textarea
          className="input"
          rows={2}
          maxLength={4000}
          placeholder={t('cases.detail.commentPlaceholder')}
          data-testid="case-comment"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </Field>
      <button
        type="submit"
        className="btn btn--small"
        disabled={busy || text.trim() === ''}
        data-testid="case-comment-send"
      >
        {t('cases.detail.send')}
      </button>
      {error ? <Notice tone="error">{error}</Notice> : null}
    </Form>
  );
}
