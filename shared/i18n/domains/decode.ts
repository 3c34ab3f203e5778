import type { English } from '../english';
/** decode texts: a batch whose reader (the batch worker) stopped or stalled. Vietnamese first. */
export const vi = {
  errors: {
    BATCH_DECODE_STOPPED:
      'Không đọc được tệp lô: bộ đọc tệp dừng lại hoặc quá lâu không tiến triển. Tệp không được nhập, dữ liệu không thay đổi. Hãy nhập lại tệp; nếu vẫn không được, đề nghị người gửi gửi lại.',
  },
};

export const en: English<typeof vi> = {
  errors: {
    BATCH_DECODE_STOPPED:
      'The batch file could not be read: its reader stopped or made no progress for too long. Nothing was imported and no data changed. Import the file again; if it fails again, ask the sender to send it again.',
  },
};
