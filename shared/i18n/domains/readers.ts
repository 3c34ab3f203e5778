import type { English } from '../english';
/** readers texts: the worker threads that answer the expensive reads (electron/db/read-pool.ts). Vietnamese first. */
export const vi = {
  errors: {
    READER_FAILED: 'Không đọc được dữ liệu vì luồng đọc đã dừng ({{reason}}). Dữ liệu không bị ảnh hưởng; hãy thử lại.',
  },
};

export const en: English<typeof vi> = {
  errors: {
    READER_FAILED: 'The data could not be read because the reader stopped ({{reason}}). Nothing was lost; try again.',
  },
};
