/**
 * The template workbook of the partner, activity and agreement imports: the columns the import reads
 * (headed by their Vietnamese labels, which the import recognises) and one example row
 * written the way missions write. The same workbooks are shipped in resources/templates/
 * (written by `cau-noi activity template` / `agreement template` / `partner template`).
 */
import ExcelJS from 'exceljs';
import { IMPORT_FIELDS } from '../../shared/domain/partner-import';
import { type ImportTemplateEntity as TemplateEntity, RECORD_IMPORT_FIELDS } from '../../shared/domain/record-import';
import { translate } from '../../shared/i18n';

/** The template's columns in order, each with its example cell. */
const EXAMPLES: {
  [E in TemplateEntity]: Record<E extends 'partner' ? (typeof IMPORT_FIELDS)[number] : (typeof RECORD_IMPORT_FIELDS)[Exclude<E, 'partner'>][number], string>;
} = {
  activity: {
    startDate: '15/03/2024',
    title: 'Hội chợ Thực phẩm và Đồ uống FOODEX Nhật Bản 2024',
    kind: 'Xúc tiến thương mại',
    status: 'Đã thực hiện',
    format: 'Trực tiếp',
    sectors: 'Chế biến thực phẩm; Thủy sản',
    country: 'Nhật Bản',
    city: 'Tokyo',
    provinces: 'Bình Dương, TP HCM',
    organisations: 'JETRO; Phòng Thương mại và Công nghiệp Tokyo',
    dealValueUsd: '1,5 triệu USD',
    businessesSupported: '12',
    outcomes: 'Ký 3 hợp đồng xuất khẩu cà phê',
    notes: 'Dòng ví dụ: xóa trước khi nhập',
  },
  agreement: {
    signedDate: '20/05/2024',
    title: 'Biên bản ghi nhớ hợp tác đầu tư khu công nghiệp',
    kind: 'MOU',
    foreignOrg: 'Tập đoàn Sumitomo',
    vnParty: 'Sở Công Thương tỉnh Quảng Nam',
    province: 'Quảng Nam',
    valueUsd: '25 triệu USD',
    status: 'Đang triển khai',
    nextReviewDate: '20/11/2024',
    notes: 'Dòng ví dụ: xóa trước khi nhập',
  },
  partner: {
    orgName: 'Phòng Thương mại và Công nghiệp Osaka',
    orgKind: 'Phòng thương mại, hiệp hội',
    orgCountry: 'Nhật Bản',
    orgSectors: 'Thương mại, phân phối; Logistics, vận tải',
    orgWebsite: 'https://www.osaka.cci.or.jp',
    orgAddress: '2-8 Honmachibashi, Chuo-ku, Osaka',
    orgNotes: '',
    contactName: 'Tanaka Hiroshi',
    contactTitle: 'Trưởng phòng Hợp tác quốc tế',
    contactEmail: 'tanaka@example.jp',
    contactPhone: '+81 6 6944 6400',
    contactLanguage: 'Tiếng Nhật, tiếng Anh',
    contactNotes: 'Dòng ví dụ: xóa trước khi nhập',
  },
};

/** The template's file name, as the dialog offers it and resources/templates/ ships it. */
export const TEMPLATE_FILES: Record<TemplateEntity, string> = {
  activity: 'mau-nhap-hoat-dong.xlsx',
  agreement: 'mau-nhap-thoa-thuan.xlsx',
  partner: 'mau-nhap-doi-tac.xlsx',
};

const labelKey = (entity: TemplateEntity, field: string) => (entity === 'partner' ? `partnerImport.field.${field}` : `recordImport.${entity}Field.${field}`);

export async function importTemplate(entity: TemplateEntity): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(translate('vi', `recordImport.sheet.${entity}`));
  const example: Record<string, string> = EXAMPLES[entity];
  const fields = Object.keys(example);
  const width = (f: string) =>
    ['title', 'orgName'].includes(f) ? 48 : ['vnParty', 'outcomes', 'notes', 'organisations', 'orgAddress', 'contactNotes'].includes(f) ? 32 : 18;
  sheet.columns = fields.map((f) => ({ header: translate('vi', labelKey(entity, f)), width: width(f) }));
  sheet.getRow(1).font = { bold: true };
  // Text cells, so that Excel keeps 15/03/2024 and 1,5 triệu as typed whatever its locale.
  sheet.addRow(fields.map((f) => example[f]));
  for (let c = 1; c <= fields.length; c++) sheet.getColumn(c).numFmt = '@';
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.pageSetup = { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  return Buffer.from(await book.xlsx.writeBuffer());
}
