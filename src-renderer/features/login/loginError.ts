import type { TFunction } from 'i18next';
import type { ClientError } from '../../bridge';

export interface LoginErrorView {
  message: string;
  hint: string | null;
  /** Form fields the core named as wrong, so they can be marked invalid. */
  fields: string[];
}

const FIELDS = ['username', 'password'] as const;
type Field = (typeof FIELDS)[number];

function isField(value: string): value is Field {
  return FIELDS.some((f) => f === value);
}

/** What to tell the operator for each way a sign-in can fail. */
export function describeLoginError(error: ClientError, t: TFunction): LoginErrorView {
  switch (error.code) {
    case 'unauthenticated':
      return { message: t('login.wrongCredentials'), hint: null, fields: [] };
    case 'invalid_input': {
      // The core reports paths such as "username"; keep the first segment and name it in the UI language.
      const fields = [...new Set((error.issues ?? []).map((issue) => issue.path.split('.')[0] ?? ''))].filter(isField);
      const first = fields[0];
      return {
        message: first ? t('login.invalidField', { field: t(`login.${first}`) }) : t('login.invalidInput'),
        hint: fields.length > 1 ? fields.map((f) => t(`login.${f}`)).join(', ') : null,
        fields,
      };
    }
    case 'network':
      return { message: t('login.network'), hint: t('login.networkHint'), fields: [] };
    case 'rate_limited':
      return { message: t('login.rateLimited'), hint: null, fields: [] };
    default:
      return { message: t('login.other', { message: t(`errors.${error.code}`) }), hint: null, fields: [] };
  }
}
