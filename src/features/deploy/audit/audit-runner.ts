/** The audit as the worker runs it (and the page, where a worker cannot start). */
import { catalog } from '@/core/catalog/catalog';
import { auditEndpoints } from '@/core/deploy/audit';
import { readDescribeVpcEndpoints } from '@/core/deploy/describe-endpoints';
import { loadIamIndex } from '@/core/iam/iam-index';
import type { AuditRequest, AuditResponse } from './audit-protocol';

export async function runAudit(
  request: AuditRequest,
  post: (response: AuditResponse) => void,
): Promise<void> {
  const { id } = request;
  try {
    post({ type: 'progress', id, phase: 'reading', done: 0, total: request.files.length });
    const read = readDescribeVpcEndpoints(request.files, catalog);
    const iamIndex = await loadIamIndex();
    const report = auditEndpoints(request.config, read.endpoints, {
      catalog,
      iamIndex,
      onProgress: (done, total) => post({ type: 'progress', id, phase: 'auditing', done, total }),
    });
    post({ type: 'result', id, outcome: { report, files: read.diagnostics } });
  } catch (error) {
    post({ type: 'failure', id, message: error instanceof Error ? error.message : String(error) });
  }
}
