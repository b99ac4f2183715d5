import { z } from 'zod';
import { UserSummarySchema, type UserSummary } from '../../src-shared/contract';
import { errorFromReply, requestJson, type HttpTarget } from './http';
import { fail, ok, type Result } from './result';

export type AuthUser = UserSummary;

const LoginReplySchema = z.object({ token: z.string().min(1), user: UserSummarySchema });
const SessionReplySchema = z.object({ user: UserSummarySchema });

export interface LoginSuccess {
  token: string;
  user: AuthUser;
}

/** The form's values go to the core as typed, so its validation (not ours) decides what is acceptable. */
export async function postLogin(target: HttpTarget, username: string, password: string): Promise<Result<LoginSuccess>> {
  const reply = await requestJson(target, 'POST', '/api/auth/login', { username, password });
  if (!reply.ok) return reply;
  if (reply.value.status !== 200) return errorFromReply(reply.value);
  const parsed = LoginReplySchema.safeParse(reply.value.body);
  return parsed.success ? ok(parsed.data) : fail('bad_response', parsed.error.message);
}

export async function getSession(target: HttpTarget): Promise<Result<AuthUser>> {
  const reply = await requestJson(target, 'GET', '/api/auth/session');
  if (!reply.ok) return reply;
  if (reply.value.status !== 200) return errorFromReply(reply.value);
  const parsed = SessionReplySchema.safeParse(reply.value.body);
  return parsed.success ? ok(parsed.data.user) : fail('bad_response', parsed.error.message);
}

export async function postLogout(target: HttpTarget): Promise<Result<null>> {
  const reply = await requestJson(target, 'POST', '/api/auth/logout');
  if (!reply.ok) return reply;
  return reply.value.status < 300 ? ok(null) : errorFromReply(reply.value);
}
