import { describe, expect, it } from 'vitest';
import { fixture } from '../../../../tests/netns/onvif-fixtures';
import { screenXml } from '../xml/guard';
import { parseSoap } from '../xml/parse';
import { kindOf, normalizeTopic, parsePullMessages, remainingMs } from './messages';
import { referenceParameters, subscriptionHeaders } from './reference';

const NOW = new Date('2026-11-27T01:00:00Z');
const body = (text: string) => parseSoap(screenXml(text)).body;

/** The agsh PullMessages template with its doT conditionals resolved: both motion messages present. */
function agshPull(): string {
  return fixture('agsh-onvif/PullMessages.xml')
    .replace(/\{\{\?[^}]*\}\}/g, '')
    .replace(/\{\{=it\.hostname\}\}/g, '192.168.68.111')
    .replace(/\{\{=it\.port\}\}/g, '80')
    .replace(/\{\{=it\.pullPointUrl\}\}/g, '/onvif/pullpoint')
    .replace(/\{\{=new Date\(\)\.toISOString\(\)\}\}/g, '2026-11-27T00:59:59.500Z');
}

describe('PullMessages', () => {
  it('maps the agsh capture: padded topic, IsMotion, source items, UtcTime', () => {
    const events = parsePullMessages(body(agshPull()), NOW);
    expect(events).toHaveLength(2);
    expect(events[0]).toEqual({
      kind: 'motion',
      topic: 'tns1:RuleEngine/CellMotionDetector/Motion',
      active: true,
      at: '2026-11-27T00:59:59.500Z',
      operation: '',
      source: { VideoSourceConfigurationToken: '000', VideoAnalyticsConfigurationToken: '000', Rule: '000' },
    });
  });

  it('reads Pelco Initialized property messages and an empty Hikvision answer', () => {
    const pelco = parsePullMessages(body(fixture('onvif-nvt/pelco/events/PullMessages.Response.xml')), NOW);
    expect(pelco.length).toBeGreaterThan(1);
    expect(pelco[0]).toMatchObject({
      topic: 'tns1:Monitoring/ProcessorUsage',
      operation: 'Initialized',
      kind: 'other',
    });
    const hik = body(fixture('onvif-nvt/hikvision/events/PullMessages.Response.xml'));
    expect(parsePullMessages(hik, NOW)).toEqual([]);
    expect(remainingMs(hik, 'pullMessagesResponse')).toBe(10 * 60_000);
  });

  it('classifies topics', () => {
    expect(kindOf('tns1:VideoSource/MotionAlarm')).toBe('motion');
    expect(kindOf('tns1:VideoAnalytics/tnsaxis:MotionDetection')).toBe('motion');
    expect(kindOf('tns1:RuleEngine/TamperDetector/Tamper')).toBe('tamper');
    expect(kindOf('tns1:VideoSource/GlobalSceneChange/ImagingService')).toBe('tamper');
    expect(kindOf('tns1:Device/Trigger/DigitalInput')).toBe('input');
    expect(kindOf('tns1:Monitoring/ProcessorUsage')).toBe('other');
    expect(normalizeTopic('\n   tns1:RuleEngine/CellMotionDetector/Motion\n   ')).toBe(
      'tns1:RuleEngine/CellMotionDetector/Motion',
    );
  });
});

describe('subscription ReferenceParameters', () => {
  it('echoes Axis and Pelco SubscriptionIds with their own namespaces; Hikvision has none', () => {
    const axis = referenceParameters(fixture('onvif-nvt/axis/events/CreatePullPointSubscription.Response.xml'));
    expect(axis).toEqual([{ local: 'SubscriptionId', namespace: 'http://www.axis.com/2009/event', value: '5' }]);
    const pelco = referenceParameters(fixture('onvif-nvt/pelco/events/CreatePullPointSubscription.Response.xml'));
    expect(pelco).toEqual([
      {
        local: 'SubscriptionId',
        namespace: 'urn:schemas-pelco-com:ws:addressing:1',
        value: 'urn:uuid:90c6d153-d40a-ce00-565f-26bed81b5b83',
      },
    ]);
    expect(referenceParameters(fixture('onvif-nvt/hikvision/events/CreatePullPointSubscription.Response.xml'))).toEqual(
      [],
    );
    expect(subscriptionHeaders('http://192.168.0.19/onvif/services', axis)).toBe(
      '<a:To s:mustUnderstand="1">http://192.168.0.19/onvif/services</a:To>' +
        '<SubscriptionId xmlns="http://www.axis.com/2009/event" a:IsReferenceParameter="true">5</SubscriptionId>',
    );
  });

  it('resolves a prefix declared on the envelope and escapes what it echoes', () => {
    const text =
      '<e:Envelope xmlns:e="x" xmlns:v="urn:vendor"><e:Body><R><a:ReferenceParameters><v:Id>a&amp;&lt;b</v:Id></a:ReferenceParameters></R></e:Body></e:Envelope>';
    const params = referenceParameters(text);
    expect(params).toEqual([{ local: 'Id', namespace: 'urn:vendor', value: 'a&<b' }]);
    expect(subscriptionHeaders('x', params)).toContain('>a&amp;&lt;b</Id>');
  });
});
