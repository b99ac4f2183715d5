import { describe, expect, it } from 'vitest';
import { resources } from '../i18n';
import { CASE_CREATE_REJECTIONS, CaseAttachArgsSchema, CaseCreateArgsSchema } from './case-create-protocol';
import { isSyncCommandName } from './protocol';

const caseId = '0190b4a2-7c1e-4f3a-9d2b-5e6f7a8b9c0d';

describe('case.create and case.attach arguments', () => {
  it('are named sync commands', () => {
    expect(isSyncCommandName('case.create')).toBe(true);
    expect(isSyncCommandName('case.attach')).toBe(true);
  });

  it('take a client-drawn UUID, a category and a description; place optional but whole', () => {
    expect(CaseCreateArgsSchema.safeParse({ caseId, serviceCode: 'traffic', description: ' Ùn tắc ' }).data).toEqual({
      caseId,
      serviceCode: 'traffic',
      description: 'Ùn tắc',
    });
    const bad = [
      { caseId: 'k1', serviceCode: 'traffic', description: 'x' },
      { caseId: caseId.toUpperCase(), serviceCode: 'traffic', description: 'x' },
      { caseId, serviceCode: 'traffic', description: '   ' },
      { caseId, serviceCode: 'a b', description: 'x' },
      { caseId, serviceCode: 'traffic', description: 'x', lat: 10 },
      { caseId, serviceCode: 'traffic', description: 'x', lat: 91, long: 0 },
      { caseId, serviceCode: 'traffic', description: 'x', state: 'closed' },
      { caseId, serviceCode: 'traffic', description: 'x'.repeat(4001) },
    ];
    for (const args of bad) expect(CaseCreateArgsSchema.safeParse(args).success).toBe(false);
  });

  it('name the file by its SHA-256 and its type', () => {
    const sha256 = 'ab'.repeat(32);
    const ok = { caseId, sha256, fileName: 'cam.jpg', mime: 'image/jpeg' };
    expect(CaseAttachArgsSchema.safeParse(ok).success).toBe(true);
    expect(CaseAttachArgsSchema.safeParse({ ...ok, sha256: sha256.toUpperCase() }).success).toBe(false);
    expect(CaseAttachArgsSchema.safeParse({ ...ok, mime: 'text/html' }).success).toBe(false);
    expect(CaseAttachArgsSchema.safeParse({ ...ok, extra: 1 }).success).toBe(false);
  });
});

describe('case.create rejections', () => {
  // The conflicts inbox words a rejection by its code (sync.rejection.<code>); an unworded code shows the
  // server's English message to a Vietnamese operator.
  it('are each worded in Vietnamese and English', () => {
    for (const code of Object.values(CASE_CREATE_REJECTIONS)) {
      for (const lang of [resources.vi, resources.en]) {
        const words = (lang.sync.rejection as Record<string, string | undefined>)[code];
        expect(words, `${code}`).toMatch(/\S/);
      }
    }
  });
});
