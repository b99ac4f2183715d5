import { mediaTexts } from '../attachments/messages';

/**
 * Texts of the Open311 API, mostly error descriptions. The spec says they are "meant to be seen by the user", so they are
 * Vietnamese by default and English when the client's Accept-Language asks for it; both tables have the same
 * keys (checked by the type). They belong in src-shared/i18n once the server's strings move there.
 */
const vi = {
  api_key_missing: 'Thiếu api_key: gửi phản ánh cần khóa API do Trung tâm cấp.',
  api_key_invalid: 'api_key không hợp lệ hoặc đã bị thu hồi.',
  api_key_before_media:
    'Tệp media chỉ được nhận sau một api_key hợp lệ: gửi trường api_key trước phần media của biểu mẫu (hoặc trong chuỗi truy vấn).',
  jurisdiction_not_found: 'Máy chủ này không phục vụ jurisdiction_id “{{value}}”.',
  service_code_missing: 'Thiếu service_code (loại phản ánh).',
  service_code_not_found: 'Không có loại phản ánh với service_code “{{value}}”.',
  request_not_found: 'Không tìm thấy phản ánh “{{value}}”.',
  resource_not_found: 'API GeoReport v2 không có tài nguyên “{{value}}”.',
  method_not_allowed: 'Không dùng được phương thức {{method}} cho “{{value}}”.',
  body_too_large: 'Dữ liệu gửi lên quá lớn (tối đa {{limit}} byte).',
  body_malformed: 'Dữ liệu gửi lên không đúng định dạng JSON hoặc biểu mẫu (x-www-form-urlencoded).',
  body_not_object: 'Dữ liệu JSON gửi lên phải là một đối tượng.',
  content_type_unsupported:
    'Chỉ nhận dữ liệu application/x-www-form-urlencoded, multipart/form-data (kèm tệp media) hoặc application/json.',
  forbidden_key: 'Không chấp nhận tên trường “{{field}}”.',
  too_many_fields: 'Quá nhiều trường (tối đa {{max}}).',
  field_repeated: 'Trường {{field}} được gửi nhiều lần.',
  field_type: 'Trường {{field}} phải là chuỗi ký tự.',
  field_too_long: 'Trường {{field}} dài quá {{max}} ký tự.',
  field_bad_text: 'Trường {{field}} chứa ký tự không hợp lệ.',
  location_missing: 'Cần vị trí: lat và long, hoặc address_string, hoặc address_id.',
  lat_long_pair: 'lat và long phải được gửi cùng nhau.',
  lat_invalid: 'lat phải là số thập phân từ -90 đến 90.',
  long_invalid: 'long phải là số thập phân từ -180 đến 180.',
  email_invalid: 'Địa chỉ email không hợp lệ.',
  phone_invalid: 'Số điện thoại không hợp lệ.',
  media_url_invalid: 'media_url phải là một địa chỉ http hoặc https hợp lệ.',
  attribute_unknown: 'Loại phản ánh “{{service}}” không có thuộc tính “{{code}}”.',
  attribute_informational: 'Thuộc tính “{{code}}” chỉ để hiển thị thông tin, không nhận giá trị.',
  attribute_required: 'Thiếu thuộc tính bắt buộc “{{code}}” ({{description}}).',
  attribute_single: 'Thuộc tính “{{code}}” chỉ nhận một giá trị.',
  attribute_value_invalid: 'Giá trị “{{value}}” không có trong danh sách của thuộc tính “{{code}}”.',
  attribute_number: 'Thuộc tính “{{code}}” phải là một số (giá trị tuyệt đối không quá 9007199254740991).',
  attribute_datetime: 'Thuộc tính “{{code}}” phải là ngày giờ ISO 8601 có múi giờ.',
  attribute_line_break: 'Thuộc tính “{{code}}” không được xuống dòng.',
  date_invalid: '{{field}} phải là ngày giờ ISO 8601 có múi giờ, ví dụ 2026-03-01T00:00:00+07:00.',
  date_range_order: 'start_date phải trước end_date.',
  date_range_too_long: 'Khoảng thời gian tìm kiếm không được dài quá 90 ngày.',
  status_invalid: 'status chỉ nhận open hoặc closed.',
  too_many_ids: 'Tối đa {{max}} service_request_id mỗi lần tìm.',
  general_error: 'Hệ thống đang gặp lỗi, vui lòng thử lại sau.',
  discovery_contact: 'Trung tâm Giám sát điều hành thông minh',
  discovery_key_service: 'Khóa API (api_key) do Trung tâm cấp cho ứng dụng gửi phản ánh.',
  media_field_unknown: 'Tệp chỉ được gửi ở trường media (một tệp).',
  media_upload_unknown: 'Không có tệp đã tải lên xong với mã “{{value}}” của khóa API này.',
  media_form_malformed: 'Biểu mẫu multipart/form-data không đúng định dạng.',
  ...mediaTexts('vi'),
} as const;

export type MessageKey = keyof typeof vi;

const en: Record<MessageKey, string> = {
  api_key_missing: 'api_key was not provided: posting a request needs an API key issued by the centre.',
  api_key_invalid: 'Invalid or revoked api_key.',
  api_key_before_media:
    'Media is accepted only after a valid api_key: send the api_key field before the media part of the form (or in the query string).',
  jurisdiction_not_found: 'jurisdiction_id "{{value}}" is not served here.',
  service_code_missing: 'service_code was not provided.',
  service_code_not_found: 'service_code "{{value}}" was not found.',
  request_not_found: 'service_request_id "{{value}}" was not found.',
  resource_not_found: 'GeoReport v2 has no resource "{{value}}".',
  method_not_allowed: '{{method}} is not allowed on "{{value}}".',
  body_too_large: 'The request body is too large (at most {{limit}} bytes).',
  body_malformed: 'The request body is not valid JSON or form (x-www-form-urlencoded) data.',
  body_not_object: 'A JSON request body must be an object.',
  content_type_unsupported:
    'Only application/x-www-form-urlencoded, multipart/form-data (with a media file) or application/json bodies are accepted.',
  forbidden_key: 'The field name "{{field}}" is not accepted.',
  too_many_fields: 'Too many fields (at most {{max}}).',
  field_repeated: '{{field}} was given more than once.',
  field_type: '{{field}} must be a string.',
  field_too_long: '{{field}} is longer than {{max}} characters.',
  field_bad_text: '{{field}} contains characters that are not allowed.',
  location_missing: 'A location is required: lat and long, or address_string, or address_id.',
  lat_long_pair: 'lat and long must be sent together.',
  lat_invalid: 'lat must be a decimal number from -90 to 90.',
  long_invalid: 'long must be a decimal number from -180 to 180.',
  email_invalid: 'The email address is not valid.',
  phone_invalid: 'The phone number is not valid.',
  media_url_invalid: 'media_url must be a valid http or https URL.',
  attribute_unknown: 'Service "{{service}}" has no attribute "{{code}}".',
  attribute_informational: 'Attribute "{{code}}" is informational and takes no value.',
  attribute_required: 'Required attribute "{{code}}" is missing ({{description}}).',
  attribute_single: 'Attribute "{{code}}" takes a single value.',
  attribute_value_invalid: '"{{value}}" is not a listed value of attribute "{{code}}".',
  attribute_number: 'Attribute "{{code}}" must be a number (at most 9007199254740991 in absolute value).',
  attribute_datetime: 'Attribute "{{code}}" must be an ISO 8601 date and time with a time zone.',
  attribute_line_break: 'Attribute "{{code}}" must not contain line breaks.',
  date_invalid: '{{field}} must be an ISO 8601 date and time with a time zone, e.g. 2026-03-01T00:00:00+07:00.',
  date_range_order: 'start_date must be before end_date.',
  date_range_too_long: 'The search range may not span more than 90 days.',
  status_invalid: 'status takes open or closed.',
  too_many_ids: 'At most {{max}} service_request_id values per search.',
  general_error: 'General service error; please try again later.',
  discovery_contact: 'Smart Operations Monitoring Centre',
  discovery_key_service: 'API keys (api_key) are issued by the centre to reporting applications.',
  media_field_unknown: 'Files are taken only in the media field (one file).',
  media_upload_unknown: 'This API key has no finished upload "{{value}}".',
  media_form_malformed: 'The multipart/form-data body is malformed.',
  ...mediaTexts('en'),
};

export type Language = 'vi' | 'en';
const TABLES: Record<Language, Record<MessageKey, string>> = { vi, en };

/** `en` when the client prefers English, otherwise Vietnamese. */
export function languageOf(acceptLanguage: string | undefined): Language {
  return /^\s*en\b/i.test(acceptLanguage ?? '') ? 'en' : 'vi';
}

export function describe(language: Language, key: MessageKey, params: Record<string, string | number> = {}): string {
  return TABLES[language][key].replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = params[name];
    // Echoed input is shortened: an error must not become a way to reflect megabytes back.
    return value === undefined ? '' : String(value).slice(0, 80);
  });
}
