import type { Language } from './messages';

/**
 * What each timeline step says in the public `servicerequestupdates` feed: a sentence per action (the agency by
 * name), then the step's public note. Internal notes and the names of centre staff never appear here.
 */
const vi = {
  receive: 'Trung tâm đã tiếp nhận phản ánh.',
  triage: 'Trung tâm đã xem xét và phân loại phản ánh.',
  reject: 'Phản ánh không được tiếp nhận xử lý.',
  mark_duplicate: 'Phản ánh trùng với một phản ánh khác đang được xử lý.',
  forward: 'Đã chuyển đến {{agency}} để xử lý.',
  accept: '{{agency}} đã nhận xử lý.',
  return: '{{agency}} đã trả lại Trung tâm để chuyển đơn vị phù hợp.',
  start: '{{agency}} đã bắt đầu xử lý.',
  progress: '{{agency}} cập nhật tiến độ xử lý.',
  request_extension: '{{agency}} đề nghị gia hạn thời gian xử lý.',
  grant_extension: 'Thời gian xử lý được gia hạn.',
  deny_extension: 'Đề nghị gia hạn không được chấp thuận; tiếp tục xử lý theo hạn cũ.',
  resolve: 'Đã xử lý xong.',
  close: 'Phản ánh đã được đóng.',
  reopen: 'Phản ánh được mở lại để xử lý tiếp.',
  comment: 'Trung tâm đã bổ sung ghi chú xử lý nội bộ.',
  assign: 'Trung tâm đã phân công cán bộ theo dõi phản ánh.',
  rating: 'Người phản ánh đã đánh giá mức độ hài lòng.',
  other: 'Phản ánh có cập nhật mới.',
  an_agency: 'Đơn vị xử lý',
};
type UpdateKey = keyof typeof vi;

const en: Record<UpdateKey, string> = {
  receive: 'The centre received the report.',
  triage: 'The centre reviewed and categorised the report.',
  reject: 'The report was not accepted for handling.',
  mark_duplicate: 'The report duplicates another one already being handled.',
  forward: 'Forwarded to {{agency}} for handling.',
  accept: '{{agency}} accepted the report.',
  return: '{{agency}} returned the report to the centre to route it elsewhere.',
  start: '{{agency}} started work.',
  progress: '{{agency}} posted progress.',
  request_extension: '{{agency}} asked for more time.',
  grant_extension: 'The deadline was extended.',
  deny_extension: 'The extension was not granted; the original deadline stands.',
  resolve: 'Resolved.',
  close: 'The report was closed.',
  reopen: 'The report was reopened for further work.',
  comment: 'The centre added an internal working note.',
  assign: 'The centre assigned an officer to follow the report up.',
  rating: 'The reporter rated their satisfaction.',
  other: 'The report was updated.',
  an_agency: 'The agency',
};

const TABLES: Record<Language, Record<UpdateKey, string>> = { vi, en };

function isUpdateKey(action: string): action is Exclude<UpdateKey, 'an_agency'> {
  return Object.hasOwn(vi, action) && action !== 'an_agency';
}

export interface UpdateStep {
  action: string;
  publicNote: string | null;
  /** The agency the step concerns (forwarded to, acting, or returning), by name; null when unknown. */
  agencyName: string | null;
}

export function describeUpdate(language: Language, step: UpdateStep): string {
  const table = TABLES[language];
  const sentence = table[isUpdateKey(step.action) ? step.action : 'other'].replace(
    '{{agency}}',
    step.agencyName ?? table.an_agency,
  );
  const note = step.publicNote?.trim();
  return note ? `${sentence} ${note}` : sentence;
}
