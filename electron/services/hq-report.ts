/**
 * HQ's documents: the consolidated half-year report (the data it is written from, its
 * narrative drafted from the consolidated figures) and the digest of one locality (.docx and
 * .xlsx) to send to that province. Both are the one document model (shared/domain/
 * report-document.ts) written by the one .docx writer (report-docx.ts).
 */
import ExcelJS from 'exceljs';
import type { Figures } from '../../shared/contract/figures';
import type { ConsolidatedFigures, ConsolidatedReportData, LocalityDigest } from '../../shared/contract/hq';
import type { GeneratedFile } from '../../shared/contract/reports';
import type { ReportSection } from '../../shared/domain/report';
import { buildDigestModel, periodInSentence } from '../../shared/domain/report-document';
import { regionName } from '../../shared/regions';
import { AppError } from '../../shared/errors';
import { translate } from '../../shared/i18n';
import { parsePeriod } from '../../shared/period';
import { province } from '../../shared/reference';
import type { AppContext } from '../context';
import type { Db } from '../db/open';
import { agreementRows } from './figures';
import { hqMissions } from './exchange/missions';
import { consolidatedFigures } from './hq-figures';
import { localToday } from './partners';
import { agreementLine, businessesLines, change, emptySections, followThrough, joinSections, kindLines, localitiesLines, previousYear } from './report-compose';
import { day } from './report-xlsx';
import { writeReportDocx } from './document-writer';
import { annexSheet, dateCell, finishAnnexSheet } from './report-xlsx';

const t = (key: string, params?: Record<string, string | number>) => translate('vi', key, params);
const integer = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const money = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

export function requireHq(app: AppContext): void {
  if (app.mode() !== 'hq') throw new AppError('HQ_ONLY', "Only HQ's computer makes the consolidated report and the locality digests");
}

/** Per locality, the codes of the missions whose done activities or agreements of the period name it. */
function provinceMissions(db: Db, period: { start: string; end: string }): Record<string, string[]> {
  const rows = db
    .prepare(
      `SELECT DISTINCT j.value AS province, m.code FROM activities a CROSS JOIN json_each(a.provinces) j JOIN missions m ON m.id = a.mission_id
       WHERE a.deleted_at IS NULL AND a.status = 'done' AND a.start_date BETWEEN @start AND @end
       UNION
       SELECT g.province_id, m.code FROM agreements g JOIN missions m ON m.id = g.mission_id
       WHERE g.deleted_at IS NULL AND g.province_id IS NOT NULL AND g.signed_date BETWEEN @start AND @end
       ORDER BY 2`,
    )
    .raw()
    .all({ start: period.start, end: period.end }) as [string, string][];
  const byProvince: Record<string, string[]> = {};
  for (const [id, code] of rows) (byProvince[id] ??= []).push(code);
  return byProvince;
}

/** The consolidated figures of a period with what the report prints beside them. */
export function consolidatedReportData(
  app: AppContext,
  period: string,
  figures: ConsolidatedFigures = consolidatedFigures(app.db, period, app.missionId()),
): ConsolidatedReportData {
  const ids = figures.total.key.agreementsForLocalities.drill.agreementIds ?? [];
  const missionOf = new Map(
    app.db
      .prepare(`SELECT g.id, m.code FROM agreements g JOIN missions m ON m.id = g.mission_id WHERE g.id IN (SELECT value FROM json_each(?))`)
      .raw()
      .all(JSON.stringify(ids)) as [string, string][],
  );
  return {
    figures,
    provinceMissions: provinceMissions(app.db, parsePeriod(period)!),
    localityAgreements: agreementRows(app.db, ids).map((g) => ({ ...g, missionCode: missionOf.get(g.id) ?? '' })),
  };
}

/**
 * A final consolidated report keeps its data in the report's frozen figures: the total (a
 * Figures like any report's) carrying the rest beside it, so the store stays as it is.
 */
type FrozenConsolidated = Figures & { consolidated: Omit<ConsolidatedReportData, 'figures'> & Omit<ConsolidatedFigures, 'total'> };

export function freezeConsolidated(data: ConsolidatedReportData): Figures {
  const { total, ...rest } = data.figures;
  const frozen: FrozenConsolidated = {
    ...total,
    consolidated: { ...rest, provinceMissions: data.provinceMissions, localityAgreements: data.localityAgreements },
  };
  return frozen;
}

export function thawConsolidated(figures: Figures): ConsolidatedReportData | null {
  if (!('consolidated' in figures)) return null;
  const { consolidated, ...total } = figures as FrozenConsolidated;
  const { provinceMissions: byProvince, localityAgreements, ...rest } = consolidated;
  return { figures: { ...rest, total }, provinceMissions: byProvince, localityAgreements };
}

/**
 * "Soạn từ số liệu" for HQ's report: the mission report's sentences over the consolidated
 * figures, with what only HQ sees (missions and regions, the missions behind each agreement,
 * the deals several missions reported, counted once). Every number comes from the data.
 */
export function composeConsolidated(app: AppContext, data: ConsolidatedReportData): Record<ReportSection, string> {
  const c = data.figures;
  const f = c.total;
  const { key } = f;
  const year = previousYear(f);
  const period = periodInSentence(c.period);
  const sections = emptySections();
  const active = c.byMission.filter((m) => m.key.activitiesDone.value > 0);

  if (key.activitiesDone.value > 0) {
    sections.generalSituation.push(
      t('hqReport.composeOverall', {
        period,
        missions: integer.format(active.length),
        n: integer.format(key.activitiesDone.value),
        change: change(key.activitiesDone, t('compose.activityUnit'), year),
      }),
    );
    const regions = c.byRegion.filter((r) => (r.key.activitiesDone?.value ?? 0) > 0);
    if (regions.length) {
      sections.generalSituation.push(
        t('hqReport.composeByRegionIntro'),
        ...regions.map((r) =>
          t('hqReport.composeByRegion', { region: regionName(r.region), missions: integer.format(r.missions), n: integer.format(r.key.activitiesDone!.value) }),
        ),
      );
    }
    const top = [...active].sort((a, b) => b.key.activitiesDone.value - a.key.activitiesDone.value || a.code.localeCompare(b.code)).slice(0, 3);
    sections.generalSituation.push(
      t('hqReport.composeTopMissions', {
        list: top.map((m) => t('hqReport.composeTopMission', { mission: m.nameVi, n: integer.format(m.key.activitiesDone.value) })).join('; '),
      }),
    );
  } else {
    sections.generalSituation.push(t('hqReport.composeNoActivities', { period }));
  }
  sections.generalSituation.push(...missingLines(app, c, f.asOf));

  sections.mainResults.push(...kindLines(f));
  if (key.localityActivities.value > 0) {
    sections.mainResults.push(
      t('hqReport.composeLocalityActivities', {
        n: integer.format(key.localityActivities.value),
        change: change(key.localityActivities, t('compose.activityUnit'), year),
      }),
    );
  }
  sections.mainResults.push(...localitiesLines(f), ...businessesLines(f));
  if (key.dealValueUsd.value > 0) {
    sections.mainResults.push(
      t('hqReport.composeDeals', { value: money.format(key.dealValueUsd.value), change: change(key.dealValueUsd, t('hqReport.usdUnit'), year) }),
    );
  }
  if (c.shared.length) {
    const list = c.shared.map((r) => t('hqReport.composeSharedItem', { title: r.title, missions: r.reportedBy.map((m) => m.code).join(', ') }));
    sections.mainResults.push(t('hqReport.composeShared', { n: integer.format(c.shared.length), list: list.join('; ') }));
  }
  if (key.agreementsSigned.value > 0) {
    sections.mainResults.push(
      t('hqReport.composeAgreements', {
        n: integer.format(key.agreementsSigned.value),
        change: change(key.agreementsSigned, t('hqReport.agreementUnit'), year),
      }),
    );
  }
  if (data.localityAgreements.length) {
    const keys = { partner: 'hqReport.composeAgreement', noPartner: 'hqReport.composeAgreementNoPartner' };
    sections.mainResults.push(
      t('compose.agreementsIntro', { n: integer.format(data.localityAgreements.length) }),
      ...data.localityAgreements.map((g) => agreementLine(g, keys, { mission: g.missionCode })),
    );
  }
  followThrough(app.db, f, sections);
  return joinSections(sections);
}

/**
 * The register's missions that have not sent the period's data by the figures' day, read as
 * the missions card reads it (a batch applied that was written after the period ended). One whose
 * records already count in these figures sent part of it, and is named apart: the reader sees
 * why a mission in the tables is still awaited.
 */
function missingLines(app: AppContext, c: ConsolidatedFigures, asOf: string): string[] {
  const expected = hqMissions(app, { period: c.period, asOf }).filter((m) => m.registered);
  const missing = expected.filter((m) => m.state !== 'reported');
  const params = { date: day(asOf), period: periodInSentence(c.period) };
  if (!missing.length) return [t('hqPolish.composeAllSent', { ...params, n: integer.format(expected.length) })];
  const counted = new Set(c.byMission.filter((m) => Object.values(m.key).some((f) => f.value > 0)).map((m) => m.code));
  const named = (list: typeof missing) => list.map((m) => `${m.nameVi} (${m.code})`).join('; ');
  const none = missing.filter((m) => !counted.has(m.code));
  const part = missing.filter((m) => counted.has(m.code));
  return [
    ...(none.length ? [t('hqPolish.composeMissing', { ...params, n: integer.format(none.length), list: named(none) })] : []),
    ...(part.length ? [t('hqPolish.composePartial', { ...params, n: integer.format(part.length), list: named(part) })] : []),
  ];
}

/** Everything the missions did for one locality in a period: done activities naming it, agreements signed for it. */
export function localityDigest(db: Db, provinceId: string, period: string): LocalityDigest {
  const p = parsePeriod(period);
  if (!p || !province(provinceId)) throw new AppError('VALIDATION', `Not a period and locality: ${period}, ${provinceId}`);
  const scope = { start: p.start, end: p.end, province: provinceId };
  const activities = db
    .prepare(
      `SELECT m.code AS missionCode, m.name_vi AS missionName, a.start_date AS startDate, a.kind, a.title, a.businesses_supported AS businessesSupported,
              a.deal_value_usd AS dealValueUsd, a.outcomes
       FROM activities a JOIN missions m ON m.id = a.mission_id
       WHERE a.deleted_at IS NULL AND a.status = 'done' AND a.start_date BETWEEN @start AND @end
         AND EXISTS (SELECT 1 FROM json_each(a.provinces) j WHERE j.value = @province)
       ORDER BY a.start_date, m.code, a.title`,
    )
    .all(scope) as LocalityDigest['activities'];
  const agreements = db
    .prepare(
      `SELECT m.code AS missionCode, m.name_vi AS missionName, g.signed_date AS signedDate, g.title, g.kind, g.status, g.vn_party AS vnParty,
              o.name AS partner, g.value_usd AS valueUsd
       FROM agreements g JOIN missions m ON m.id = g.mission_id LEFT JOIN organisations o ON o.id = g.foreign_org_id
       WHERE g.deleted_at IS NULL AND g.province_id = @province AND g.signed_date BETWEEN @start AND @end
       ORDER BY g.signed_date, m.code, g.title`,
    )
    .all(scope) as LocalityDigest['agreements'];
  return { provinceId, period: p.id, activities, agreements };
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The digest as .docx (HQ's header, the summary, the two tables) or .xlsx (one sheet each, printable). */
export async function digestDocument(
  app: AppContext,
  input: { provinceId: string; period: string; format: 'docx' | 'xlsx'; date?: string },
  header: { superiorBody: string; issuer: string },
): Promise<GeneratedFile> {
  requireHq(app);
  const digest = localityDigest(app.db, input.provinceId, input.period);
  const name = `BanTin-${input.provinceId}-${digest.period}.${input.format}`;
  if (input.format === 'docx') {
    const mission = app.missions.get(app.requireMissionId());
    const model = buildDigestModel({ digest, header, place: mission?.city ?? '', date: input.date ?? localToday() });
    return { fileName: name, mimeType: DOCX_MIME, base64: (await writeReportDocx(model)).toString('base64') };
  }
  return { fileName: name, mimeType: XLSX_MIME, base64: (await digestXlsx(digest, header.issuer)).toString('base64') };
}

/** The digest's workbook: activities and agreements, printable like a report's annex (A4 landscape, one page wide, STT, totals). */
async function digestXlsx(digest: LocalityDigest, issuer: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Cầu Nối';
  const heading = {
    title: t('hqReport.digestSummaryLine', { province: province(digest.provinceId)?.name ?? digest.provinceId, period: periodInSentence(digest.period) }),
    attachedTo: issuer,
  };
  const activities = annexSheet(book, t('hqReport.digestActivitiesSheet'), heading, [
    { header: t('annex.startDate'), width: 12, format: 'date' },
    { header: t('hqReport.mission'), width: 30, wrap: true },
    { header: t('annex.kind'), width: 20, wrap: true },
    { header: t('annex.name'), width: 40, wrap: true },
    { header: t('annex.outcomes'), width: 34, wrap: true },
    { header: t('annex.businesses'), width: 12, format: 'number', wrap: true },
    { header: t('annex.valueUsd'), width: 16, format: 'number', wrap: true },
  ]);
  for (const a of digest.activities) {
    activities.addRow([
      null,
      dateCell(a.startDate),
      a.missionName,
      t(`enum.activityKind.${a.kind}`),
      a.title,
      a.outcomes,
      a.businessesSupported,
      a.dealValueUsd,
    ]);
  }
  finishAnnexSheet(activities, 8, t('annex.total'), 3, [7, 8]);
  const agreements = annexSheet(book, t('hqReport.digestAgreementsSheet'), heading, [
    { header: t('annex.signedDate'), width: 12, format: 'date' },
    { header: t('hqReport.mission'), width: 30, wrap: true },
    { header: t('annex.name'), width: 40, wrap: true },
    { header: t('annex.kind'), width: 18, wrap: true },
    { header: t('annex.vnParty'), width: 24, wrap: true },
    { header: t('annex.partners'), width: 24, wrap: true },
    { header: t('annex.status'), width: 14, wrap: true },
    { header: t('annex.valueUsd'), width: 16, format: 'number', wrap: true },
  ]);
  for (const g of digest.agreements) {
    agreements.addRow([
      null,
      dateCell(g.signedDate),
      g.missionName,
      g.title,
      t(`enum.agreementKind.${g.kind}`),
      g.vnParty,
      g.partner ?? '',
      t(`enum.agreementStatus.${g.status}`),
      g.valueUsd,
    ]);
  }
  finishAnnexSheet(agreements, 9, t('annex.total'), 3, [9]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
