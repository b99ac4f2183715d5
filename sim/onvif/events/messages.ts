// Motion notifications in each vendor's shape, derived from the captures: agsh's PullMessages template (topic
// with its surrounding whitespace, SubscriptionReference, `000` tokens), Pelco's captured PullMessages
// (`Value`="True", Concrete dialect), and the topic descriptions in Hikvision's and Axis's GetEventProperties.
import type { SubscriptionStyle } from '../personalities';
import { NS } from '../soap/ns';
import { escapeXml } from '../soap/xml';

export type PropertyOperation = 'Initialized' | 'Changed';

export interface MotionMessage {
  /** The topic with prefixes stripped, for filters: `RuleEngine/CellMotionDetector/Motion`. */
  readonly topic: string;
  readonly xml: string;
}

const CONCRETE_SET = 'http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet';
const CONCRETE = 'http://docs.oasis-open.org/wsn/t-1/TopicExpression/Concrete';
const AXIS_TOPICS = 'http://www.axis.com/2009/event/topics';

const item = (name: string, value: string) => `<tt:SimpleItem Name="${name}" Value="${escapeXml(value)}"/>`;

export function motionMessage(
  style: SubscriptionStyle,
  active: boolean,
  operation: PropertyOperation,
  utcTime: string,
  subscriptionAddress: string,
): MotionMessage {
  const ns = `xmlns:wsnt="${NS.wsnt}" xmlns:tt="${NS.tt}" xmlns:tns1="${NS.tns1}"`;
  const wrap = (topic: string, dialect: string, message: string, extra = '') =>
    `<wsnt:NotificationMessage ${ns}${extra}>${topic.replace('DIALECT', dialect)}<wsnt:Message>${message}</wsnt:Message></wsnt:NotificationMessage>`;
  switch (style) {
    case 'agsh':
      return {
        topic: 'RuleEngine/CellMotionDetector/Motion',
        xml: wrap(
          `<wsnt:SubscriptionReference><wsa5:Address>${escapeXml(subscriptionAddress)}</wsa5:Address></wsnt:SubscriptionReference>` +
            '<wsnt:Topic Dialect="DIALECT">\n                    tns1:RuleEngine/CellMotionDetector/Motion\n                </wsnt:Topic>',
          CONCRETE_SET,
          `<tt:Message UtcTime="${utcTime}"><tt:Source>${item('VideoSourceConfigurationToken', '000')}` +
            `${item('VideoAnalyticsConfigurationToken', '000')}${item('Rule', '000')}</tt:Source>` +
            `<tt:Data>${item('IsMotion', String(active))}</tt:Data></tt:Message>`,
          ` xmlns:wsa5="${NS.wsa5}"`,
        ),
      };
    case 'hikvision':
      return {
        topic: 'RuleEngine/CellMotionDetector/Motion',
        xml: wrap(
          '<wsnt:Topic Dialect="DIALECT">tns1:RuleEngine/CellMotionDetector/Motion</wsnt:Topic>',
          CONCRETE_SET,
          `<tt:Message UtcTime="${utcTime}" PropertyOperation="${operation}"><tt:Source>` +
            `${item('VideoSourceConfigurationToken', 'VideoSourceToken')}` +
            `${item('VideoAnalyticsConfigurationToken', 'VideoAnalyticsToken')}${item('Rule', 'MyMotionDetectorRule')}` +
            `</tt:Source><tt:Data>${item('IsMotion', String(active))}</tt:Data></tt:Message>`,
        ),
      };
    case 'pelco':
      return {
        topic: 'RuleEngine/CellMotionDetector/Motion',
        xml: wrap(
          '<wsnt:Topic Dialect="DIALECT">tns1:RuleEngine/CellMotionDetector/Motion\n        </wsnt:Topic>',
          CONCRETE,
          `<tt:Message PropertyOperation="${operation}" UtcTime="${utcTime}">` +
            `<tt:Data><tt:SimpleItem Value="${active ? 'True' : 'False'}" Name="Value"></tt:SimpleItem></tt:Data></tt:Message>`,
        ),
      };
    case 'axis':
      return {
        topic: 'VideoAnalytics/MotionDetection',
        xml: wrap(
          '<wsnt:Topic Dialect="DIALECT">tns1:VideoAnalytics/tnsaxis:MotionDetection</wsnt:Topic>',
          CONCRETE_SET,
          `<tt:Message UtcTime="${utcTime}" PropertyOperation="${operation}"><tt:Source>${item('window', '0')}</tt:Source>` +
            `<tt:Data>${item('motion', active ? '1' : '0')}</tt:Data></tt:Message>`,
          ` xmlns:tnsaxis="${AXIS_TOPICS}"`,
        ),
      };
  }
}

/** `tns1:RuleEngine//.`, `RuleEngine/CellMotionDetector/Motion|tns1:Device//.` → match functions on bare topics. */
export function topicFilter(expression: string): (topic: string) => boolean {
  const parts = expression
    .split('|')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const wildcard = /(\/\/\.|\/\*|\/\/\*)$/.test(p);
      const bare = p
        .replace(/(\/\/\.|\/\/\*|\/\*)$/, '')
        .split('/')
        .map((seg) => seg.replace(/^[\w.-]+:/, ''))
        .join('/');
      return { bare, wildcard };
    });
  return (topic) => parts.some(({ bare, wildcard }) => topic === bare || (wildcard && topic.startsWith(`${bare}/`)));
}
