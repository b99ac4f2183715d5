import { describe, expect, it } from 'vitest';
import { parseDuration, parseTerminationTime, formatDateTime, hasFractionalSeconds } from './clock';
import { renderAgshTemplate } from './captures';
import { attrLocal, child, decodeEntities, escapeXml, parseXml, textAt, XmlError } from './soap/xml';

describe('parseXml', () => {
  it('resolves prefixes and default namespaces and decodes text', () => {
    const root = parseXml(
      '<?xml version="1.0"?><s:Envelope xmlns:s="urn:s"><s:Body><Op xmlns="urn:op" a:x="1" xmlns:a="urn:a">' +
        '<Name>Ngã tư &amp; &#x1F4F7; &lt;3</Name><![CDATA[<raw>]]></Op></s:Body></s:Envelope>',
    );
    expect(root.ns).toBe('urn:s');
    const op = child(child(root, 'Body'), 'Op');
    expect(op?.ns).toBe('urn:op');
    expect(attrLocal(op, 'x')).toBe('1');
    expect(textAt(op, 'Name')).toBe('Ngã tư & 📷 <3');
    expect(op?.text).toBe('<raw>');
  });

  it('refuses DTDs, unknown entities, mismatched tags and runaway nesting', () => {
    expect(() => parseXml('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')).toThrow(XmlError);
    expect(() => parseXml('<x>&nbsp;</x>')).toThrow(XmlError);
    expect(() => parseXml('<x><y></x></y>')).toThrow(XmlError);
    expect(() => parseXml('<a>'.repeat(200) + '</a>'.repeat(200))).toThrow(/deep/);
    expect(() => parseXml('<x a="1" a="2"/>')).toThrow(XmlError);
    expect(() => parseXml('<x/><y/>')).toThrow(XmlError);
  });

  it('escapes what it decodes', () => {
    const nasty = `<&>"' Hồng Ngự`;
    expect(decodeEntities(escapeXml(nasty))).toBe(nasty);
  });
});

describe('durations and times', () => {
  it('parses xsd:duration as ONVIF clients send it', () => {
    expect(parseDuration('PT1S')).toBe(1000);
    expect(parseDuration('PT0.5S')).toBe(500);
    expect(parseDuration('PT1M30S')).toBe(90_000);
    expect(parseDuration('PT2147S')).toBe(2_147_000);
    expect(parseDuration('P1D')).toBe(86_400_000);
    expect(parseDuration('PT')).toBeNull();
    expect(parseDuration('1S')).toBeNull();
    expect(hasFractionalSeconds('PT1.5S')).toBe(true);
    expect(hasFractionalSeconds('PT1.0S')).toBe(false);
    expect(hasFractionalSeconds('PT10S')).toBe(false);
  });

  it('reads termination times as durations or absolute device times', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(parseTerminationTime('PT60S', now)).toBe(now + 60_000);
    expect(parseTerminationTime('2026-01-01T00:02:00Z', now)).toBe(now + 120_000);
    expect(parseTerminationTime('soon', now)).toBeNull();
  });

  it('prints times with each vendor precision', () => {
    const t = Date.UTC(2018, 1, 27, 18, 28, 52, 67);
    expect(formatDateTime(t, 0)).toBe('2018-02-27T18:28:52Z');
    expect(formatDateTime(t, 3)).toBe('2018-02-27T18:28:52.067Z');
    expect(formatDateTime(t, 6)).toBe('2018-02-27T18:28:52.067000Z');
  });
});

describe('agsh templates', () => {
  it('keeps ordinary blocks, drops the it.bad failure blocks and empties expressions', () => {
    const out = renderAgshTemplate(
      '<a>{{? !it.one }}<b/>{{?}}{{? it.bad }}<fault/>{{?}}<t>{{=new Date().toISOString()}}</t></a>',
    );
    expect(out).toBe('<a><b/><t></t></a>');
  });
});
