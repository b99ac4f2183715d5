import { describe, expect, it } from 'vitest';
import { maskEmail, maskName, maskPhone, maskReporter } from './mask';

describe('reporter masking', () => {
  it('keeps initials, the last three digits and the shape of an e-mail address', () => {
    expect(maskName('Thị Lan', 'Nguyễn')).toBe('N*** T*** L***');
    expect(maskName('  ', null)).toBeNull();
    expect(maskPhone('0912 345 678')).toBe('*******678');
    expect(maskPhone('113')).toBe('***113');
    expect(maskPhone('không có')).toBeNull();
    expect(maskEmail('lan.nguyen@example.vn')).toBe('l***@e***.vn');
    expect(maskEmail('not-an-address')).toBe('***');
  });

  it('never lets a full value through', () => {
    const r = { first_name: 'Lan', last_name: 'Nguyễn', email: 'lan@example.vn', phone: '0912345678' };
    const masked = JSON.stringify(maskReporter(r));
    for (const value of Object.values(r)) expect(masked).not.toContain(value);
    expect(maskReporter({ first_name: null, last_name: null, email: null, phone: null })).toBeNull();
    expect(maskReporter(null)).toBeNull();
  });
});
