import type { English } from '../english';
/** readers texts: the threads that hold the database (electron/data-host, electron/db/read-pool.ts). Vietnamese first. */
export const vi = {
  errors: {
    READER_FAILED: 'Không đọc được dữ liệu vì luồng đọc đã dừng ({{reason}}). Dữ liệu không bị ảnh hưởng; hãy thử lại.',
    DATA_THREAD_STOPPED:
      'Luồng dữ liệu đã dừng ({{reason}}) và đang được khởi động lại. Dữ liệu đã lưu vẫn còn nguyên; thao tác vừa làm có thể chưa được lưu, hãy kiểm tra rồi thử lại.',
    SHELL_FAILED: 'Hệ thống không thực hiện được yêu cầu này: {{reason}}',
    UPGRADING: 'Đang sao lưu rồi nâng cấp dữ liệu cho phiên bản mới. Với dữ liệu lớn (như của Bộ), việc này có thể mất vài phút; xin đừng tắt ứng dụng.',
  },
};

export const en: English<typeof vi> = {
  errors: {
    READER_FAILED: 'The data could not be read because the reader stopped ({{reason}}). Nothing was lost; try again.',
    DATA_THREAD_STOPPED:
      'The data thread stopped ({{reason}}) and is being restarted. What was saved is intact; the last action may not have been saved: check, then try again.',
    SHELL_FAILED: 'The system could not do this: {{reason}}',
    UPGRADING:
      'Backing up, then upgrading the data for this version. With large data (such as the Ministry’s), this can take a few minutes; please do not close the application.',
  },
};
