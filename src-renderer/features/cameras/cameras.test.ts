import { describe, expect, test } from 'vitest';
import type { StreamProfile } from '../../../src-shared/contract';
import { countByStatus, filterCameras, NO_FILTER, NO_SITE, sortCameras } from './cameraFilter';
import {
  EMPTY_FORM,
  fieldIssues,
  formFromCamera,
  parseNumber,
  placementAfterAdd,
  toAddInput,
  toTestInput,
  toUpdateInput,
} from './cameraForm';
import { addressLabel, headlineOf, mainProfile, needsTranscode, subProfile } from './cameraView';
import { testCamera } from '../../../tests/renderer/camera';

function profile(over: Partial<StreamProfile>): StreamProfile {
  return {
    token: 'p',
    name: 'p',
    role: 'other',
    codec: 'H264',
    width: 1920,
    height: 1080,
    fps: 25,
    bitrateKbps: 4096,
    streamUri: null,
    snapshotUri: null,
    ...over,
  };
}

const camera = testCamera;

const SITES: Record<string, string> = { 'cao-lanh': 'Trung tâm IOC Cao Lãnh', 'sa-dec': 'Trung tâm IOC Sa Đéc' };
const siteName = (id: string): string | undefined => SITES[id];

describe('camera list filter', () => {
  const cameras = [
    camera({ id: 'a', name: 'Ngã tư Nguyễn Huệ – Lý Thường Kiệt', siteId: 'cao-lanh' }),
    camera({ id: 'b', name: 'Chợ Sa Đéc', siteId: 'sa-dec', status: 'auth_failed', manufacturer: 'Hikvision' }),
    camera({ id: 'c', name: 'Bến phà Hồng Ngự', siteId: null, host: '10.0.0.7', port: 8000 }),
  ];
  const ids = (filter: Partial<typeof NO_FILTER>): string[] =>
    filterCameras(cameras, { ...NO_FILTER, ...filter }, siteName).map((c) => c.id);

  test('search ignores diacritics and case, every word must match', () => {
    expect(ids({ query: 'nguyen hue' })).toEqual(['a']);
    expect(ids({ query: 'NGÃ TƯ ly thuong' })).toEqual(['a']);
    expect(ids({ query: 'cho dec' })).toEqual(['b']);
    expect(ids({ query: 'nguyen sa' })).toEqual([]);
  });
  test('search covers address, make and the site name', () => {
    expect(ids({ query: '10.0.0.7:8000' })).toEqual(['c']);
    expect(ids({ query: 'hikvision' })).toEqual(['b']);
    expect(ids({ query: 'cao lanh' })).toEqual(['a']);
  });
  test('site and status filters, including cameras without a site', () => {
    expect(ids({ siteId: 'sa-dec' })).toEqual(['b']);
    expect(ids({ siteId: NO_SITE })).toEqual(['c']);
    expect(ids({ status: 'auth_failed' })).toEqual(['b']);
    expect(ids({})).toEqual(['a', 'b', 'c']);
  });
  test('counts and worst-first order', () => {
    expect(countByStatus(cameras).get('online')).toBe(2);
    expect(countByStatus(cameras).get('unreachable')).toBe(0);
    expect(sortCameras(cameras).map((c) => c.id)).toEqual(['b', 'c', 'a']);
  });
});

describe('profiles', () => {
  test('main and sub by role, else by size; non-H.264 needs transcoding', () => {
    const big = profile({ token: 'big', codec: 'H265', width: 2560, height: 1440 });
    const small = profile({ token: 'small', width: 640, height: 360 });
    const mid = profile({ token: 'mid', width: 1280, height: 720 });
    expect(mainProfile({ profiles: [small, big, mid] })?.token).toBe('big');
    expect(subProfile({ profiles: [small, big, mid] })?.token).toBe('small');
    const named = [
      profile({ token: 'm', role: 'main', width: 1280 }),
      profile({ token: 's', role: 'sub', width: 1920 }),
    ];
    expect(mainProfile({ profiles: named })?.token).toBe('m');
    expect(subProfile({ profiles: named })?.token).toBe('s');
    expect(subProfile({ profiles: [big] })).toBeNull();
    expect(needsTranscode(big)).toBe(true);
    expect(needsTranscode(small)).toBe(false);
  });
  test('addresses: port 80 implied, IPv6 bracketed', () => {
    expect(addressLabel({ host: '10.1.2.3', port: 80 })).toBe('10.1.2.3');
    expect(addressLabel({ host: '10.1.2.3', port: 8000 })).toBe('10.1.2.3:8000');
    expect(addressLabel({ host: 'fe80::1', port: 8080 })).toBe('[fe80::1]:8080');
  });
  test('an unreachable camera that timed out gets the timeout advice', () => {
    expect(headlineOf('unreachable', 'GetProfiles timed out after 8000 ms')).toBe('timeout');
    expect(headlineOf('unreachable', 'connect ECONNREFUSED 127.0.0.1:1')).toBe('unreachable');
    expect(headlineOf('auth_failed', 'timeout')).toBe('auth_failed');
  });
});

describe('camera form', () => {
  const values = {
    ...EMPTY_FORM,
    host: ' 127.0.0.1 ',
    port: '8081',
    username: 'admin',
    password: 'mật khẩu',
    name: '  Chợ Cao Lãnh ',
    siteId: 'cao-lanh',
    lat: '10,4602',
    lon: '105.6329',
    headingDeg: '90',
  };

  test('add: trimmed, decimal comma accepted, empty optional fields left out', () => {
    expect(toAddInput(values)).toEqual({
      host: '127.0.0.1',
      port: 8081,
      username: 'admin',
      password: 'mật khẩu',
      name: 'Chợ Cao Lãnh',
      siteId: 'cao-lanh',
      location: { lat: 10.4602, lon: 105.6329 },
    });
    expect(toAddInput({ ...EMPTY_FORM, host: 'cam', port: '' })).toEqual({
      host: 'cam',
      port: undefined,
      username: '',
      password: '',
    });
    expect(placementAfterAdd('x', values)).toEqual({ id: 'x', headingDeg: 90, fovDeg: null });
    expect(placementAfterAdd('x', EMPTY_FORM)).toBeNull();
  });
  test('garbage numbers are sent as NaN for the core to reject by field', () => {
    expect(parseNumber('abc')).toBeNaN();
    expect(toAddInput({ ...values, lon: '' }).location?.lon).toBeNaN();
  });
  test('edit: an empty password keeps the stored one; cleared fields become null', () => {
    const c = camera({ id: 'c9', name: 'Cũ', siteId: 'sa-dec', location: { lat: 10.3, lon: 105.7 }, fovDeg: 60 });
    const form = formFromCamera(c);
    expect(form.password).toBe('');
    const update = toUpdateInput('c9', { ...form, siteId: '', lat: '', lon: '', fovDeg: '' });
    expect(update).toEqual({
      id: 'c9',
      name: 'Cũ',
      siteId: null,
      username: 'admin',
      location: null,
      headingDeg: null,
      fovDeg: null,
    });
    expect(toUpdateInput('c9', { ...form, password: 'mới' }).password).toBe('mới');
    expect(toTestInput(form, 'c9')).toEqual({ id: 'c9' });
    expect(toTestInput({ ...form, password: 'mới' }, 'c9')).toMatchObject({ host: '127.0.0.1', password: 'mới' });
  });
  test('invalid_input issues land on their fields', () => {
    const issues = fieldIssues({
      code: 'invalid_input',
      message: 'bad',
      issues: [
        { path: 'host', message: 'a host name or IP address' },
        { path: 'location.lon', message: 'Too big' },
        { path: 'port', message: 'Expected number' },
        { path: 'somethingElse', message: 'x' },
      ],
    });
    expect(issues).toEqual({ host: 'a host name or IP address', lon: 'Too big', port: 'Expected number' });
    expect(fieldIssues({ code: 'invalid_input', message: '', issues: [{ path: 'location', message: 'm' }] })).toEqual({
      lat: 'm',
      lon: 'm',
    });
    expect(fieldIssues({ code: 'forbidden', message: '' })).toEqual({});
  });
});
