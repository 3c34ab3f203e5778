/**
 * The template workbook of the activity and agreement imports: the columns the import reads
 * (headed by their Vietnamese labels, which the import recognises) and one example row
 * written the way missions write. The same workbooks are shipped in resources/templates/
 * (written by `cau-noi activity template` / `agreement template`).
 */
import ExcelJS from 'exceljs';
import { RECORD_IMPORT_FIELDS, type RecordImportEntity } from '../../shared/domain/record-import';
import { translate } from '../../shared/i18n';

const EXAMPLES: Record<RecordImportEntity, string[]> = {
  activity: [
    '15/03/2024',
    'Hội chợ Thực phẩm và Đồ uống FOODEX Nhật Bản 2024',
    'Xúc tiến thương mại',
    'Bình Dương, TP HCM',
    '1,5 triệu USD',
    '12',
    'Tokyo',
    'Ký 3 hợp đồng xuất khẩu cà phê',
    'Dòng ví dụ: xóa trước khi nhập',
  ],
  agreement: [
    '20/05/2024',
    'Biên bản ghi nhớ hợp tác đầu tư khu công nghiệp',
    'MOU',
    'Sở Công Thương tỉnh Quảng Nam',
    'Quảng Nam',
    '25 triệu USD',
    'Đang triển khai',
    '20/11/2024',
    'Dòng ví dụ: xóa trước khi nhập',
  ],
};

export async function importTemplate(entity: RecordImportEntity): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(translate('vi', `recordImport.sheet.${entity}`));
  const fields = RECORD_IMPORT_FIELDS[entity];
  const width = (f: string) => (f === 'title' ? 48 : ['vnParty', 'outcomes', 'notes'].includes(f) ? 32 : 18);
  sheet.columns = fields.map((f) => ({ header: translate('vi', `recordImport.${entity}Field.${f}`), width: width(f) }));
  sheet.getRow(1).font = { bold: true };
  // Text cells, so that Excel keeps 15/03/2024 and 1,5 triệu as typed whatever its locale.
  sheet.addRow(EXAMPLES[entity]);
  for (let c = 1; c <= fields.length; c++) sheet.getColumn(c).numFmt = '@';
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.pageSetup = { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  return Buffer.from(await book.xlsx.writeBuffer());
}
