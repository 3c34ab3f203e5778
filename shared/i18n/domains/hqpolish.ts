import type { English } from '../english';
/** HQ's report and Reports page after issue 15: missions yet to send, one period, the digest's date, reports received. Vietnamese first. */
export const vi = {
  hqPolish: {
    // The consolidated narrative, as of the figures' day.
    composeMissing: 'Đến ngày {{date}}, {{n}} Cơ quan đại diện chưa gửi số liệu {{period}}: {{list}}.',
    composeAllSent: 'Đến ngày {{date}}, cả {{n}} Cơ quan đại diện đã gửi số liệu {{period}}.',
    composePartial:
      'Đến ngày {{date}}, {{n}} Cơ quan đại diện đã gửi một phần, chưa gửi số liệu cuối kỳ {{period}} (số liệu đã nhận được tính trong báo cáo này): {{list}}.',
    // The HQ card follows the figures table's period.
    cardPeriod: 'Kỳ báo cáo: {{period}} (kỳ đã chọn ở bảng số liệu phía trên)',
    digestDate: 'Ngày bản tin',
    // The Reports page at HQ.
    ownReports: 'Báo cáo của Bộ',
    receivedReports: 'Báo cáo các Cơ quan đại diện gửi về',
    receivedEmpty: 'Chưa nhận báo cáo nào của Cơ quan đại diện.',
    receivedFrom: 'Nhận từ {{mission}}',
    receivedNotice: 'Báo cáo của {{mission}}, nhận qua gói dữ liệu: chỉ xem, không sửa tại Bộ.',
  },
  errors: {
    REPORT_RECEIVED: 'Báo cáo này do Cơ quan đại diện gửi về nên chỉ xem được, không sửa hoặc xóa tại đây.',
  },
};

export const en: English<typeof vi> = {
  hqPolish: {
    composeMissing: 'Missions that had not sent their figures for {{period}} by {{date}} ({{n}}): {{list}}.',
    composeAllSent: 'By {{date}}, all {{n}} missions had sent their figures for {{period}}.',
    composePartial:
      'Missions that had sent part of their figures for {{period}} by {{date}}, not yet the end of the period ({{n}}; what arrived counts in this report): {{list}}.',
    cardPeriod: 'Period: {{period}} (the one chosen for the figures above)',
    digestDate: 'Digest date',
    ownReports: "HQ's reports",
    receivedReports: 'Reports received from missions',
    receivedEmpty: 'No mission report received yet.',
    receivedFrom: 'Received from {{mission}}',
    receivedNotice: "{{mission}}'s report, received in a batch: read only, not edited at HQ.",
  },
  errors: {
    REPORT_RECEIVED: 'This report was received from a mission: it can be read here, not changed or deleted.',
  },
};
