import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { fieldsBeforeFiles } from '../../src-server/attachments/multipart';
import { plainJpeg } from './attachments-media';
import { multipartBody } from './attachments-harness';
import { describeOnEachDatabase } from './databases';
import { caseCount, useMediaServer } from './media-suite';
import { TEST_API_KEY } from './server-harness';

const REPORT = {
  service_code: 'lighting',
  lat: '10.46',
  long: '105.63',
  description: 'Đèn đường không sáng',
  'attribute[tinh_trang]': 'khong_sang',
};
const CT = 'multipart/form-data; boundary=b0';
const part = (name: string, value: string) =>
  `--b0\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
const fileHead =
  '--b0\r\ncontent-disposition: form-data; name="media"; filename="a.jpg"\r\ncontent-type: image/jpeg\r\n\r\n';

describe('fieldsBeforeFiles', () => {
  it('reads the text fields up to the first file part, and says when it has seen that part', () => {
    const head = Buffer.from(part('api_key', 'k1') + part('service_code', 'lighting') + fileHead + 'JPEGDATA');
    expect(fieldsBeforeFiles(head, CT)).toEqual({
      fields: [
        ['api_key', 'k1'],
        ['service_code', 'lighting'],
      ],
      complete: true,
    });
  });

  it('waits for more bytes while a field or the next part header is cut short', () => {
    const whole = part('api_key', 'k1') + fileHead;
    for (const cut of [3, 20, part('api_key', 'k1').length - 4, whole.length - 3]) {
      const scan = fieldsBeforeFiles(Buffer.from(whole.slice(0, cut)), CT);
      expect(scan?.complete, `cut at ${cut}`).toBe(false);
    }
    expect(fieldsBeforeFiles(Buffer.from(part('a', '1') + '--b0--\r\n'), CT)).toEqual({
      fields: [['a', '1']],
      complete: true,
    });
  });

  it('is null without a boundary or with a part that has no disposition', () => {
    expect(fieldsBeforeFiles(Buffer.from('x'), 'multipart/form-data')).toBeNull();
    expect(fieldsBeforeFiles(Buffer.from('--b0\r\nx-other: 1\r\n\r\nv\r\n--b0--'), CT)).toBeNull();
  });
});

describeOnEachDatabase('upload gate: files only from senders who may send them', (dialect) => {
  const t = useMediaServer(dialect);

  const photo = () => [{ field: 'media', fileName: 'den.jpg', type: 'image/jpeg', data: plainJpeg(320, 240) }];
  const post = async (query: string, fields: Record<string, string>, files = photo()) => {
    const res = await fetch(`${t.url}/open311/v2/requests.json${query}`, {
      method: 'POST',
      headers: { 'accept-language': 'en' },
      body: multipartBody(fields, files),
    });
    return { status: res.status, body: (await res.json()) as { code: number; description: string }[] };
  };

  it('refuses media without a valid api_key before it, and creates nothing', async () => {
    const before = await caseCount(t);
    for (const fields of [REPORT, { ...REPORT, api_key: 'not-a-key-of-ours-at-all' }]) {
      const res = await post('', fields);
      expect(res.status).toBe(403);
      expect(res.body[0]!.description).toMatch(/api_key field before the media part/);
    }
    // The key sent after the file part is not read: the gate has decided by then.
    const form = multipartBody(REPORT, photo());
    form.append('api_key', TEST_API_KEY);
    const late = await fetch(`${t.url}/open311/v2/requests.json`, { method: 'POST', body: form });
    expect(late.status).toBe(403);
    expect(await caseCount(t)).toBe(before);
  });

  it('takes media after the api_key field, or with api_key in the query string', async () => {
    const inForm = await post('', { api_key: TEST_API_KEY, ...REPORT });
    expect(inForm.status).toBe(201);
    const inQuery = await post(`?api_key=${encodeURIComponent(TEST_API_KEY)}`, REPORT);
    expect(inQuery.status).toBe(201);
  });

  it('answers an anonymous upload at once, while the sender is still sending its file', async () => {
    const url = new URL(`${t.url}/open311/v2/requests.json`);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': CT } },
        (res) => {
          res.resume();
          req.destroy();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', (error) => (error.message.includes('socket hang up') ? undefined : reject(error)));
      // The head of a form whose file never finishes: the reply must not wait for the end of the body.
      req.write(part('service_code', 'lighting') + fileHead + 'x'.repeat(1024));
    });
    expect(status).toBe(403);
  });

  it('sends agency photo forms without a session to the login page before reading the photos', async () => {
    const res = await fetch(`${t.url}/agency/cases/any-case/progress`, {
      method: 'POST',
      body: multipartBody({ text: 'đã sửa' }, [
        { field: 'photos', fileName: 'p.jpg', type: 'image/jpeg', data: plainJpeg(320, 240) },
      ]),
    });
    expect(res.status).toBe(401);
  });
});
