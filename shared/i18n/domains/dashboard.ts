import type { English } from '../english';
/** The dashboard's period-to-date comparison, its 34-unit coverage and its follow-ups (issue 15), Vietnamese first. */
export const vi = {
  overview: {
    toDate: '{{period}} (đến ngày {{date}})',
    toDateNote:
      'Kỳ này chưa kết thúc: số liệu tính từ đầu kỳ đến ngày {{date}} và được so sánh với cùng kỳ năm trước đến ngày {{previousDate}}, không so với cả kỳ năm trước.',
    previousToDate: 'Cùng kỳ đến ngày {{date}}: {{value}}',
    coverageTitle: 'Hỗ trợ 34 tỉnh, thành phố',
    coverageSummary: 'Đã hỗ trợ {{supported}}/{{units}} tỉnh, thành phố (có hoạt động hoặc thỏa thuận); cùng kỳ năm trước: {{previous}}/{{units}}.',
    unit: 'Tỉnh, thành phố',
    activities: 'Hoạt động',
    agreements: 'Thỏa thuận',
    previousShort: 'Cùng kỳ',
    notSupported_other: 'Chưa được hỗ trợ trong kỳ ({{count}})',
    noneSupported: 'Chưa hỗ trợ tỉnh, thành phố nào trong kỳ này.',
    allSupported: 'Cả {{units}} tỉnh, thành phố đều được hỗ trợ trong kỳ.',
    openTodo: 'Mở Việc cần làm',
  },
};

export const en: English<typeof vi> = {
  overview: {
    toDate: '{{period}} (to {{date}})',
    toDateNote:
      'This period has not ended: the figures run from its start to {{date}} and are compared with the same days a year earlier, to {{previousDate}}, not with the whole of last year’s period.',
    previousToDate: 'To {{date}}: {{value}}',
    coverageTitle: 'Support to the 34 provinces and cities',
    coverageSummary:
      '{{supported}} of {{units}} provinces and cities supported (an activity or an agreement); same period last year: {{previous}} of {{units}}.',
    unit: 'Province or city',
    activities: 'Activities',
    agreements: 'Agreements',
    previousShort: 'Last year',
    notSupported_one: 'Not supported this period ({{count}})',
    notSupported_other: 'Not supported this period ({{count}})',
    noneSupported: 'No province or city supported in this period yet.',
    allSupported: 'All {{units}} provinces and cities were supported in this period.',
    openTodo: 'Open Follow-ups',
  },
};
