import { FormBody } from '../open311/post-body';

/** The first value of each field of an urlencoded form (a repeated field keeps its first value); null otherwise. */
export function formFields(body: unknown): Record<string, string> | null {
  if (!(body instanceof FormBody)) return null;
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, value] of body.entries) if (!(key in fields)) fields[key] = value;
  return fields;
}
