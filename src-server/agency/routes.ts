import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import type { WorkingCalendar } from '../../src-shared/domain/cases/calendar';
import type { Attachments } from '../attachments/attachments';
import { MediaError } from '../attachments/media-error';
import { mediaErrorText } from '../attachments/messages';
import { MultipartBody } from '../attachments/multipart';
import type { TransitionError } from '../cases/transition-case';
import type { ServerDatabase } from '../db/schema';
import { formFields } from '../tracking/form-fields';
import { FormGuard, isSameOrigin } from '../tracking/form-guard';
import { sendPage } from '../tracking/html';
import { actAsAgency, actionFromForm, AGENCY_FORM_ACTIONS, type AgencyFormAction } from './agency-actions';
import { agencyCase, agencyInbox } from './inbox-queries';
import { checkAgencyLogin } from './login';
import { LoginThrottle } from './login-throttle';
import { at } from './messages';
import { type Notice, type Prefill, renderCase, renderInbox, renderLogin, renderMessage } from './render-inbox';
import type { UploadGates } from '../attachments/upload-gate';
import { AGENCY_PREFIX, AgencySessions, type AgencyStaff } from './session';

export interface AgencyDeps {
  db: Kysely<ServerDatabase>;
  calendar: WorkingCalendar;
  now: () => Date;
  /** Photos sent with progress notes and results; the case page shows the public ones. */
  attachments: Attachments;
  /** Where the form routes that take photos say who may send files (a signed-in agency member). */
  uploadGates?: UploadGates;
}

/** Actions whose form takes photos, and what the photos become. */
const PHOTO_KINDS: Partial<Record<AgencyFormAction, 'progress' | 'result'>> = {
  progress: 'progress',
  resolve: 'result',
};

const STATUS: Readonly<Record<TransitionError['code'], number>> = {
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  illegal_transition: 409,
  invalid: 400,
};

const LOGIN_PURPOSE = 'agency-login';
const actPurpose = (staff: AgencyStaff) => `agency:${staff.session}`;

function isFormAction(name: string): name is AgencyFormAction {
  return (AGENCY_FORM_ACTIONS as readonly string[]).includes(name);
}

/** The lean agency inbox: agency staff see the cases forwarded to them and act on them through the lifecycle. */
export function registerAgency(app: FastifyInstance, deps: AgencyDeps): void {
  const guard = new FormGuard(deps.now);
  const sessions = new AgencySessions(deps.db, guard, deps.now);
  const throttle = new LoginThrottle(deps.now);
  deps.uploadGates?.add(
    new RegExp(`^${AGENCY_PREFIX}/cases/[^/?]+/(progress|resolve)(\\?|$)`),
    async (req) => (await sessions.current(req)) !== null,
  );
  const loginPage = (reply: FastifyReply, status: number, notice: Notice) =>
    sendPage(reply, status, renderLogin(guard.token(LOGIN_PURPOSE), notice));

  /** The signed-in staff member, or a redirect to the login page (already sent). */
  async function staffOf(req: FastifyRequest, reply: FastifyReply): Promise<AgencyStaff | null> {
    const staff = await sessions.current(req);
    if (!staff) await reply.redirect(`${AGENCY_PREFIX}/login`, 303);
    return staff;
  }

  async function showCase(
    reply: FastifyReply,
    staff: AgencyStaff,
    caseId: string,
    status: number,
    notice: Notice,
    prefill: Prefill = null,
  ) {
    const c = await agencyCase(deps.db, caseId, staff.agencyId);
    const token = guard.token(actPurpose(staff));
    if (!c) return sendPage(reply, 404, renderMessage(staff, token, at('refused_not_found')));
    if (c.agencyId !== staff.agencyId)
      return sendPage(reply, 403, renderMessage(staff, token, at('refused_forbidden')));
    const media = await deps.attachments.listForCase(c.id, { publicOnly: true });
    const view = { media, photoLimitMb: Math.round(deps.attachments.limits.maxImageBytes / (1024 * 1024)), prefill };
    return sendPage(reply, status, renderCase(staff, token, c, notice, view));
  }

  app.get(`${AGENCY_PREFIX}/login`, async (_req, reply) => loginPage(reply, 200, null));

  app.post(`${AGENCY_PREFIX}/login`, async (req, reply) => {
    const f = formFields(req.body);
    if (!isSameOrigin(req) || !guard.checkToken(LOGIN_PURPOSE, f?.token)) {
      return loginPage(reply, 403, { kind: 'error', text: at('form_expired') });
    }
    const username = f?.username ?? '';
    const password = f?.password ?? '';
    if (throttle.isLocked(username)) return loginPage(reply, 429, { kind: 'error', text: at('login_locked') });
    const userId =
      username.length > 0 && username.length <= 100 && password.length <= 1000
        ? await checkAgencyLogin(deps.db, username, password)
        : null;
    if (!userId) {
      throttle.fail(username);
      return loginPage(reply, 401, { kind: 'error', text: at('login_failed') });
    }
    throttle.succeed(username);
    sessions.start(reply, req, userId);
    return reply.redirect(AGENCY_PREFIX, 303);
  });

  app.post(`${AGENCY_PREFIX}/logout`, async (req, reply) => {
    const staff = await sessions.current(req);
    const f = formFields(req.body);
    if (staff && (!isSameOrigin(req) || !guard.checkToken(actPurpose(staff), f?.token))) {
      return sendPage(reply, 403, renderMessage(null, null, at('form_expired')));
    }
    sessions.end(reply, req);
    return reply.redirect(`${AGENCY_PREFIX}/login`, 303);
  });

  app.get(AGENCY_PREFIX, async (req, reply) => {
    const staff = await staffOf(req, reply);
    if (!staff) return reply;
    const rows = await agencyInbox(deps.db, staff.agencyId);
    return sendPage(reply, 200, renderInbox(staff, guard.token(actPurpose(staff)), rows, deps.now()));
  });

  app.get<{ Params: { id: string } }>(`${AGENCY_PREFIX}/cases/:id`, async (req, reply) => {
    const staff = await staffOf(req, reply);
    if (!staff) return reply;
    return showCase(reply, staff, req.params.id, 200, null);
  });

  app.post<{ Params: { id: string; action: string } }>(`${AGENCY_PREFIX}/cases/:id/:action`, async (req, reply) => {
    const staff = await sessions.current(req);
    if (!staff) return loginPage(reply, 401, { kind: 'error', text: at('form_expired') });
    const { id, action } = req.params;
    if (!isFormAction(action)) return showCase(reply, staff, id, 404, { kind: 'error', text: at('refused_invalid') });
    const body = req.body;
    if (body instanceof MultipartBody && body.problem !== null) {
      const limit = Math.round(deps.attachments.limits.maxImageBytes / (1024 * 1024)) + 1;
      const text =
        body.problem === 'too_large'
          ? at('photos_too_large', { limit })
          : at(body.problem === 'too_many_files' ? 'photos_too_many' : 'refused_invalid');
      return showCase(reply, staff, id, body.problem === 'too_large' ? 413 : 400, { kind: 'error', text });
    }
    const f = formFields(body);
    if (!f || !isSameOrigin(req) || !guard.checkToken(actPurpose(staff), f.token)) {
      return showCase(reply, staff, id, 403, { kind: 'error', text: at('form_expired') });
    }
    const files = body instanceof MultipartBody ? body.files : [];
    const photoKind = PHOTO_KINDS[action];
    if (files.length > 0 && (!photoKind || files.some((file) => file.field !== 'photos'))) {
      return showCase(reply, staff, id, 400, { kind: 'error', text: at('refused_invalid') });
    }
    // Every file is checked before anything is written: one refused photo leaves the case as it was.
    const media: { sha256: string; fileName: string }[] = [];
    for (const file of files) {
      try {
        media.push({
          sha256: (await deps.attachments.ingestBuffer(file.data, deps.now())).sha256,
          fileName: file.fileName,
        });
      } catch (error) {
        if (!(error instanceof MediaError)) throw error;
        const reason = mediaErrorText(error.code, error.params);
        return showCase(
          reply,
          staff,
          id,
          error.code === 'too_large' ? 413 : 400,
          { kind: 'error', text: at('photos_refused', { name: file.fileName, reason }) },
          { action, fields: f },
        );
      }
    }
    const attach = async (trx: Transaction<ServerDatabase>) => {
      for (const m of media) {
        await deps.attachments.link(
          {
            caseId: id,
            mediaSha256: m.sha256,
            kind: photoKind!,
            public: true,
            fileName: m.fileName,
            addedBy: `agency:${staff.id}`,
            now: deps.now(),
          },
          trx,
        );
      }
    };
    let outcome;
    if (action === 'progress') {
      outcome = await actAsAgency(
        deps.db,
        deps.calendar,
        staff,
        id,
        { kind: 'progress', text: f.text ?? '' },
        deps.now(),
        attach,
      );
    } else {
      const parsed = actionFromForm(action, f);
      outcome = parsed
        ? await actAsAgency(deps.db, deps.calendar, staff, id, { kind: 'action', action: parsed }, deps.now(), attach)
        : ({ ok: false, error: { code: 'invalid', message: 'invalid form' } } as const);
    }
    if (!outcome.ok) {
      const { code } = outcome.error;
      const prefill = { action, fields: f };
      return showCase(reply, staff, id, STATUS[code], { kind: 'error', text: at(`refused_${code}`) }, prefill);
    }
    // A returned case is no longer this agency's: back to the inbox.
    return reply.redirect(action === 'return' ? AGENCY_PREFIX : `${AGENCY_PREFIX}/cases/${id}`, 303);
  });
}
