/**
 * The report as it prints, drawn from the same document model the .docx is written from
 * (shared/domain/report-document.ts): beside the editor on screen, and alone when printed
 * (window.print, "save as PDF").
 */
import type { DocTable, ReportDocumentModel } from '../../../shared/domain/report-document';

function Table({ table }: { table: DocTable }) {
  const sum = table.widths.reduce((a, b) => a + b, 0);
  return (
    <>
      <p className="rp-caption">{table.caption}</p>
      <table className="rp-table">
        <colgroup>
          {table.widths.map((w, i) => (
            <col key={i} style={{ width: `${(w / sum) * 100}%` }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {table.head.map((h, i) => (
              <th key={i}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r} className={table.total && r === table.rows.length - 1 ? 'rp-total' : undefined}>
              {row.map((v, i) => (
                <td key={i} className={table.numeric[i] ? 'num' : i === 0 ? 'centre' : undefined}>
                  {v}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function ReportPreview({ model }: { model: ReportDocumentModel }) {
  const { header } = model;
  return (
    <article className="report-print" lang="vi" data-testid="report-preview">
      {model.draftMark && <div className="rp-draft">{model.draftMark}</div>}
      <div className="rp-header">
        <div>
          {header.superiorBody && <span>{header.superiorBody}</span>}
          <strong>{header.issuer}</strong>
          <hr className="rp-rule issuer" />
          {header.number && <span>{header.number}</span>}
        </div>
        <div>
          <strong>{header.nation}</strong>
          <strong className="rp-motto">{header.motto}</strong>
          <em>{header.dateLine}</em>
        </div>
      </div>
      <h1 className="rp-title">{model.title}</h1>
      <p className="rp-summary">{model.summary}</p>
      <hr className="rp-rule summary" />
      {model.sections.map((section) => (
        <section key={section.key}>
          {section.heading && <h2>{section.heading}</h2>}
          {section.blocks.map((block, i) =>
            block.kind === 'table' ? (
              <Table key={i} table={block.table} />
            ) : (
              <p key={i} className={block.italics ? 'rp-note' : undefined}>
                {block.text}
              </p>
            ),
          )}
        </section>
      ))}
      {model.signer && (
        <div className="rp-sign">
          <div className="rp-recipients">
            <strong>
              <em>{model.recipientsLabel}</em>
            </strong>
            {model.recipients.map((line) => (
              <div key={line}>{line}</div>
            ))}
          </div>
          <div className="rp-signer">
            <strong>{model.signer.title}</strong>
            <strong className="rp-name">{model.signer.name}</strong>
          </div>
        </div>
      )}
    </article>
  );
}
