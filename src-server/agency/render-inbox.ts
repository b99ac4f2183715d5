import { formatDate, formatDateTime } from '../../src-shared/i18n/format';
import type { CaseAttachment } from '../attachments/attachments';
import { html, page, type SafeHtml } from '../tracking/html';
import { mediaGallery } from '../tracking/media-gallery';
import { stateLabel } from '../tracking/messages';
import type { AgencyFormAction } from './agency-actions';
import type { AgencyCase, InboxRow } from './inbox-queries';
import { at } from './messages';
import { AGENCY_PREFIX, type AgencyStaff } from './session';

export type Notice = { kind: 'notice' | 'error'; text: string } | null;

function inboxPage(title: string, staff: AgencyStaff | null, token: string | null, body: SafeHtml): SafeHtml {
  const who =
    staff && token
      ? html`<section>
          <p>${at('signed_in_as', { name: staff.displayName, agency: staff.agencyName })}</p>
          <form method="post" action="${AGENCY_PREFIX}/logout">
            <input type="hidden" name="token" value="${token}" /><button type="submit">${at('logout')}</button>
          </form>
        </section>`
      : '';
  return page({
    title: `${title} — ${at('title')}`,
    home: AGENCY_PREFIX,
    homeLabel: at('title'),
    body: html`${who}${body}`,
  });
}

function noticeOf(notice: Notice): SafeHtml | string {
  return notice ? html`<section class="${notice.kind}"><p>${notice.text}</p></section>` : '';
}

export function renderLogin(token: string, notice: Notice): SafeHtml {
  return inboxPage(
    at('login_title'),
    null,
    null,
    html`<h1>${at('login_title')}</h1>
      ${noticeOf(notice)}
      <section>
        <form method="post" action="${AGENCY_PREFIX}/login">
          <input type="hidden" name="token" value="${token}" />
          <label for="username">${at('username')}</label
          ><input type="text" id="username" name="username" autocomplete="username" required />
          <label for="password">${at('password')}</label
          ><input type="password" id="password" name="password" autocomplete="current-password" required />
          <button type="submit">${at('login')}</button>
        </form>
      </section>`,
  );
}

export function renderInbox(staff: AgencyStaff, token: string, rows: InboxRow[], now: Date): SafeHtml {
  const body = rows.length
    ? html`<section>
        <table>
          <thead>
            <tr>
              <th>${at('code')}</th>
              <th>${at('category')}</th>
              <th>${at('state')}</th>
              <th>${at('due')}</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (r) =>
                html`<tr>
                  <td><a href="${AGENCY_PREFIX}/cases/${r.id}">${r.code}</a></td>
                  <td>${r.serviceName}${r.addressString ? html`<br /><small>${r.addressString}</small>` : ''}</td>
                  <td>${stateLabel(r.state)}</td>
                  <td>
                    ${formatDate(new Date(r.dueAt))}${Date.parse(r.dueAt) < now.getTime() &&
                    r.state !== 'resolved' &&
                    r.state !== 'closed'
                      ? html` <strong>(${at('overdue')})</strong>`
                      : ''}
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </section>`
    : html`<section><p>${at('empty')}</p></section>`;
  return inboxPage(
    at('title'),
    staff,
    token,
    html`<h1>${at('title')}</h1>
      ${body}`,
  );
}

/** What a refused form held, written back into it so nothing typed is lost. */
export type Prefill = { action: AgencyFormAction; fields: Readonly<Record<string, string>> } | null;

export interface CaseView {
  /** The case's public photos and videos (published copies). */
  media: readonly CaseAttachment[];
  photoLimitMb: number;
  prefill: Prefill;
}

type Values = Readonly<Record<string, string>>;

function field(
  name: string,
  label: string,
  kind: 'text' | 'area' | 'days',
  required: boolean,
  values: Values,
): SafeHtml {
  const id = `f-${name}`;
  const value = values[name] ?? '';
  const input =
    kind === 'area'
      ? html`<textarea id="${id}" name="${name}" rows="3" maxlength="4000" ${required ? html` required` : ''}>
${value}</textarea
        >`
      : kind === 'days'
        ? html`<input type="number" id="${id}" name="${name}" min="1" max="30" value="${value}" required />`
        : html`<input
            type="text"
            id="${id}"
            name="${name}"
            maxlength="4000"
            value="${value}"
            ${required ? html` required` : ''}
          />`;
  return html`<label for="${id}">${label}</label>${input}`;
}

const FIELDS: Readonly<Record<AgencyFormAction, (v: Values) => SafeHtml[]>> = {
  accept: (v) => [
    field('publicNote', at('public_note'), 'text', false, v),
    field('note', at('note'), 'text', false, v),
  ],
  return: (v) => [field('reason', at('reason'), 'area', true, v), field('note', at('note'), 'text', false, v)],
  start: (v) => [field('publicNote', at('public_note'), 'text', false, v)],
  progress: (v) => [field('text', at('progress_text'), 'area', true, v)],
  request_extension: (v) => [
    field('days', at('days'), 'days', true, v),
    field('reason', at('reason'), 'area', true, v),
  ],
  resolve: (v) => [field('result', at('result'), 'area', true, v), field('note', at('note'), 'text', false, v)],
};

const TAKES_PHOTOS: ReadonlySet<AgencyFormAction> = new Set(['progress', 'resolve']);

function actionForm(c: AgencyCase, action: AgencyFormAction, token: string, view: CaseView): SafeHtml {
  const values = view.prefill?.action === action ? view.prefill.fields : {};
  const photos = TAKES_PHOTOS.has(action);
  const photoId = `f-photos-${action}`;
  return html`<section>
    <h2>${at(`act_${action}`)}</h2>
    <form
      method="post"
      action="${AGENCY_PREFIX}/cases/${c.id}/${action}"
      ${photos ? html`enctype="multipart/form-data"` : ''}
    >
      <input type="hidden" name="token" value="${token}" />
      ${FIELDS[action](values)}
      ${photos
        ? html`<label for="${photoId}">${at('photos', { limit: view.photoLimitMb })}</label
            ><input
              type="file"
              id="${photoId}"
              name="photos"
              multiple
              accept="image/jpeg,image/png,image/webp,video/mp4,video/quicktime,video/webm"
            />`
        : ''}
      <button type="submit">${at(`act_${action}`)}</button>
    </form>
  </section>`;
}

export function renderCase(staff: AgencyStaff, token: string, c: AgencyCase, notice: Notice, view: CaseView): SafeHtml {
  const forms = (['accept', 'start', 'progress', 'request_extension', 'resolve', 'return'] as const).filter((a) =>
    a === 'progress' ? c.state === 'in_progress' || c.state === 'extension_requested' : c.allowed.includes(a),
  );
  return inboxPage(
    c.code,
    staff,
    token,
    html`<p><a href="${AGENCY_PREFIX}">${at('back')}</a></p>
      <h1>${c.code}</h1>
      ${noticeOf(notice)}
      <section>
        <dl>
          <dt>${at('state')}</dt>
          <dd>${stateLabel(c.state)}</dd>
          <dt>${at('category')}</dt>
          <dd>${c.serviceName}</dd>
          <dt>${at('received')}</dt>
          <dd>${formatDateTime(new Date(c.receivedAt))}</dd>
          <dt>${at('due')}</dt>
          <dd>${formatDate(new Date(c.dueAt))}</dd>
          ${c.addressString
            ? html`<dt>${at('address')}</dt>
                <dd>${c.addressString}</dd>`
            : ''}
          ${c.lat !== null && c.long !== null
            ? html`<dt>${at('location')}</dt>
                <dd>${c.lat}, ${c.long}</dd>`
            : ''}
        </dl>
        ${c.pendingExtensionDays ? html`<p>${at('pending_extension', { days: c.pendingExtensionDays })}</p>` : ''}
      </section>
      ${c.description
        ? html`<section>
            <h2>${at('description')}</h2>
            <p>${c.description}</p>
          </section>`
        : ''}
      ${view.media.length > 0
        ? html`<section>
            <h2>${at('photos_title')}</h2>
            ${mediaGallery(view.media, at('photos_title'))}
          </section>`
        : ''}
      ${forms.map((a) => actionForm(c, a, token, view))}
      <section>
        <h2>${at('timeline')}</h2>
        <ol class="timeline">
          ${c.events.map(
            (e) =>
              html`<li>
                <time datetime="${e.at}">${formatDateTime(new Date(e.at))}</time> —
                ${stateLabel(e.toState)}${e.publicNote ? html`<br />${e.publicNote}` : ''}${e.internalNote
                  ? html`<br /><em>${at('internal')}: ${e.internalNote}</em>`
                  : ''}
              </li>`,
          )}
        </ol>
      </section>`,
  );
}

export function renderMessage(staff: AgencyStaff | null, token: string | null, text: string): SafeHtml {
  return inboxPage(
    at('title'),
    staff,
    token,
    html`<section class="error"><p>${text}</p></section>
      <p><a href="${AGENCY_PREFIX}">${at('back')}</a></p>`,
  );
}
