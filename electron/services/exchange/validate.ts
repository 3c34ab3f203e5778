/**
 * Change lines are checked with the same schemas as the forms (shared/domain), so a trusted
 * device cannot store what a person could not type: each line's value against its field's
 * schema (losing lines are kept in the log and travel onwards too), then each changed record
 * as it would be once the batch's winning values are merged in (cross-field rules such as an
 * end date before the start). A failure refuses the batch, naming the line and the field.
 */
import { z } from 'zod';
import { ActivityFields } from '../../../shared/domain/activity';
import { AgreementFields, AgreementLogFields } from '../../../shared/domain/agreement';
import { ContactFields } from '../../../shared/domain/contact';
import { DELETED_FIELD, type Entity } from '../../../shared/domain/enums';
import { FollowupFields } from '../../../shared/domain/followup';
import { MissionInput } from '../../../shared/domain/mission';
import { OrganisationFields } from '../../../shared/domain/organisation';
import { REPORT_STATUSES, ReportFields, ReportHeaderFields } from '../../../shared/domain/report';
import { AppError, fieldIssues } from '../../../shared/errors';
import type { ChangeLine } from './format';

const isoTime = z.iso.datetime({ error: 'invalid_date' }).nullable();

/** Per entity: the form's schema, and the fields the app sets itself (not on the form). */
const RULES: Record<Entity, { form: z.ZodObject; own: Record<string, z.ZodType> }> = {
  mission: { form: MissionInput, own: {} },
  activity: { form: ActivityFields, own: {} },
  organisation: { form: OrganisationFields, own: {} },
  contact: { form: ContactFields, own: {} },
  agreement: { form: AgreementFields, own: {} },
  'agreement-log': { form: AgreementLogFields, own: {} },
  followup: { form: FollowupFields, own: { doneAt: isoTime } },
  report: {
    form: ReportFields,
    own: {
      status: z.enum(REPORT_STATUSES, { error: 'invalid_choice' }),
      figures: z.record(z.string(), z.json()).nullable(),
      header: ReportHeaderFields.nullable(),
      finalisedAt: isoTime,
    },
  },
};

function invalid(n: number, line: ChangeLine, field: string, reason: string): AppError {
  return new AppError('BATCH_LINE_INVALID', `Line ${n}: ${line.entity} ${line.record}, field ${field}: ${reason}`, {
    params: { line: n, entity: line.entity, record: line.record, field, reason },
  });
}

function schemaOf(entity: Entity, field: string): z.ZodType | undefined {
  if (field === DELETED_FIELD) return isoTime;
  const { form, own } = RULES[entity];
  if (Object.hasOwn(form.shape, field)) return form.shape[field] as z.ZodType;
  return Object.hasOwn(own, field) ? own[field] : undefined;
}

/** Line n's field exists for its entity and its value passes that field's schema. */
export function checkLine(line: ChangeLine, n: number): void {
  const schema = schemaOf(line.entity, line.field);
  if (!schema) throw invalid(n, line, line.field, 'unknown_field');
  const result = schema.safeParse(line.value);
  if (!result.success) throw invalid(n, line, line.field, fieldIssues(result.error)[0]?.code ?? 'invalid_choice');
}

/**
 * The record as it would be after the batch (values: the store's mergedValues) passes the form's
 * schema; a failure names the line that brought the failing field, or the record's first line.
 */
export function checkMerged(entity: Entity, values: Record<string, unknown>, lineOf: (field: string) => { line: ChangeLine; n: number }): void {
  const result = RULES[entity].form.safeParse(values);
  if (result.success) return;
  const issue = fieldIssues(result.error)[0]!;
  const field = issue.path.split('.')[0] || '(record)';
  const { line, n } = lineOf(field);
  throw invalid(n, line, field, issue.code);
}
