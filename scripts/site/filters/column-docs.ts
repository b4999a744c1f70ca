/** `{{ dataset.columns | columnDocs }}`: the documentation (COLUMN_DOCS) of the columns a dataset publishes, in order. */
import { COLUMN_DOCS, type ColumnDoc } from '../../pipeline/columns.ts';

export function columnDocs(columns: string[] | undefined): ColumnDoc[] {
  return (columns ?? []).flatMap((name) => COLUMN_DOCS.filter((doc) => doc.name === name));
}
