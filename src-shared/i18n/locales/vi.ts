/** Vietnamese, the default language. Every user-facing string has a key here; en.ts must have the same keys. */
export const vi = {
  app: {
    name: 'IOC Wall',
    centre: 'Trung tâm Giám sát điều hành thông minh',
  },
  errors: {
    invalid_input: 'Dữ liệu không hợp lệ',
    unauthenticated: 'Chưa đăng nhập hoặc phiên đã hết hạn',
    forbidden: 'Bạn không có quyền thực hiện thao tác này',
    not_found: 'Không tìm thấy',
    unknown_command: 'Lệnh không tồn tại',
    conflict: 'Xung đột dữ liệu',
    payload_too_large: 'Dữ liệu gửi lên quá lớn',
    rate_limited: 'Quá nhiều yêu cầu, vui lòng thử lại sau',
    internal: 'Lỗi hệ thống',
    unavailable: 'Dịch vụ tạm thời không khả dụng',
    network: 'Không kết nối được tới máy chủ',
  },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof vi>;
