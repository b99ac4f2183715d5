import { formatDate, formatDateTime } from '../../src-shared/i18n/format';
import type { CaseAttachment } from '../attachments/attachments';
import { html, page, type SafeHtml } from './html';
import { mediaGallery } from './media-gallery';
import { type PageMessageKey, stateLabel, t } from './messages';
import type { PublicCase, PublicEvent } from './public-case';

export const TRACK_PREFIX = '/track';

function trackPage(title: string, body: SafeHtml): SafeHtml {
  return page({ title: `${title} — ${t('site_title')}`, home: TRACK_PREFIX, homeLabel: t('home'), body });
}

function lookupForm(value = ''): SafeHtml {
  return html`<form method="get" action="${TRACK_PREFIX}">
    <label for="code">${t('lookup_label')}</label>
    <input
      type="text"
      id="code"
      name="code"
      value="${value}"
      autocomplete="off"
      autocapitalize="characters"
      inputmode="text"
      maxlength="40"
      placeholder="DT-7K3M-9Q"
      required
    />
    <button type="submit">${t('lookup_button')}</button>
  </form>`;
}

export function renderLookup(): SafeHtml {
  return trackPage(
    t('lookup_title'),
    html`<h1>${t('lookup_title')}</h1>
      <section>
        <p>${t('lookup_intro')}</p>
        ${lookupForm()}
      </section>`,
  );
}

export function renderNotFound(input: string): SafeHtml {
  const shown = input.slice(0, 40);
  return trackPage(
    t('not_found_title'),
    html`<h1>${t('not_found_title')}</h1>
      <section class="error">
        <p>${t('not_found_body', { code: shown })}</p>
        <p>${t('not_found_help')}</p>
      </section>
      <section>${lookupForm(shown)}</section>`,
  );
}

const KNOWN_EVENTS: ReadonlySet<string> = new Set([
  'triage',
  'reject',
  'mark_duplicate',
  'forward',
  'accept',
  'return',
  'start',
  'progress',
  'request_extension',
  'grant_extension',
  'deny_extension',
  'resolve',
  'close',
  'reopen',
  'rating',
]);

function eventTitle(e: PublicEvent): string {
  if (e.action === 'receive') return t('event_received');
  if (!KNOWN_EVENTS.has(e.action)) return t('event_other');
  return t(`event_${e.action}` as PageMessageKey, {
    agency: e.agencyName ?? t('agency'),
    due: e.dueAt ? formatDate(new Date(e.dueAt)) : '',
    rating: e.rating ?? '',
  });
}

function timelineItem(e: PublicEvent): SafeHtml {
  const note = e.action === 'resolve' ? null : e.publicNote;
  return html`<li>
    <time datetime="${e.at}">${formatDateTime(new Date(e.at))}</time><br /><strong>${eventTitle(e)}</strong>${note
      ? html`<br />${note}`
      : ''}
  </li>`;
}

export interface CasePageOptions {
  ratingToken: string | null;
  notice: { kind: 'notice' | 'error'; text: string } | null;
  /** Public attachments only: their published copies carry no EXIF. */
  media: readonly CaseAttachment[];
}

function ratingSection(c: PublicCase, options: CasePageOptions): SafeHtml | string {
  if (c.rating !== null) return html`<section><p>${t('rating_done', { rating: c.rating })}</p></section>`;
  if (!options.ratingToken) return '';
  const levels = [5, 4, 3, 2, 1].map(
    (n) =>
      html`<label
        ><input type="radio" name="rating" value="${n}" required /> ${t(`rating_${n}` as PageMessageKey)}</label
      >`,
  );
  return html`<section>
    <h2>${t('rating_title')}</h2>
    <form method="post" action="${TRACK_PREFIX}/${c.code}/rating">
      <input type="hidden" name="token" value="${options.ratingToken}" />
      <fieldset>
        <legend>${t('rating_label')}</legend>
        ${levels}
      </fieldset>
      <label for="comment">${t('rating_comment')}</label>
      <textarea id="comment" name="comment" rows="3" maxlength="1000"></textarea>
      <button type="submit">${t('rating_button')}</button>
    </form>
  </section>`;
}

export function renderCase(c: PublicCase, options: CasePageOptions): SafeHtml {
  const resolved = c.state === 'resolved' || c.state === 'closed';
  const title = t('case_title', { code: c.code });
  const byKind = (kind: CaseAttachment['kind']) => options.media.filter((m) => m.kind === kind);
  return trackPage(
    title,
    html`<h1>${title}</h1>
      ${options.notice ? html`<section class="${options.notice.kind}"><p>${options.notice.text}</p></section>` : ''}
      <section>
        <dl>
          <dt>${t('state')}</dt>
          <dd><span class="state">${stateLabel(c.state)}</span></dd>
          <dt>${t('category')}</dt>
          <dd>${c.serviceName}</dd>
          <dt>${t('received')}</dt>
          <dd>${formatDate(new Date(c.receivedAt))}</dd>
          <dt>${t('agency')}</dt>
          <dd>${c.agencyName ?? t('agency_none')}</dd>
          ${resolved
            ? ''
            : html`<dt>${t('due')}</dt>
                <dd>${formatDate(new Date(c.dueAt))}</dd>`}
          ${c.addressString
            ? html`<dt>${t('address')}</dt>
                <dd>${c.addressString}</dd>`
            : ''}
        </dl>
      </section>
      ${c.description || byKind('citizen').length > 0
        ? html`<section>
            <h2>${t('description')}</h2>
            ${c.description ? html`<p>${c.description}</p>` : ''} ${mediaGallery(byKind('citizen'), t('photo_citizen'))}
          </section>`
        : ''}
      ${resolved && c.publicResult
        ? html`<section class="notice">
            <h2>${t('result')}</h2>
            <p>${c.publicResult}</p>
            ${mediaGallery(byKind('result'), t('result_photo'))}
            ${c.resolvedAt ? html`<p>${t('resolved_on')}: ${formatDate(new Date(c.resolvedAt))}</p>` : ''}
          </section>`
        : ''}
      ${byKind('progress').length > 0
        ? html`<section>
            <h2>${t('photos_progress')}</h2>
            ${mediaGallery(byKind('progress'), t('photo_progress'))}
          </section>`
        : ''}
      ${c.state === 'rejected' && c.rejectionReason
        ? html`<section class="error">
            <h2>${t('rejected_reason')}</h2>
            <p>${c.rejectionReason}</p>
          </section>`
        : ''}
      ${resolved ? ratingSection(c, options) : ''}
      <section>
        <h2>${t('timeline')}</h2>
        <ol class="timeline">
          ${c.timeline.map(timelineItem)}
        </ol>
      </section>`,
  );
}
