/**
 * The audit of deployed endpoints: drop the output of `aws ec2 describe-vpc-endpoints` (one file
 * per region, or several) and every endpoint is compared with the policy the choices generate for
 * it, in a worker with its progress shown. The table filters by state; the result downloads as
 * CSV or JSON. Self-contained: it reads the choices from the store and keeps its files to itself.
 */
import FactCheckOutlined from '@mui/icons-material/FactCheckOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import { inertWhileBusy } from '@/shared/react/inert-while-busy';
import { catalog } from '@/core/catalog/catalog';
import type { PerimeterConfig } from '@/core/config/schema';
import { AUDIT_STATE_LABELS, AUDIT_STATES, type AuditState } from '@/core/deploy/audit';
import { auditCsv, auditJson, auditSummary } from '@/core/deploy/audit-report';
import type { DescribeFile } from '@/core/deploy/describe-endpoints';
import { FileDropZone } from '@/shared/browser-io/file-drop-zone';
import { saveFile } from '@/shared/browser-io/save-file';
import { useBuilder, useBuilderStoreApi } from '@/state/builder-store';
import { useAudit } from '../audit/use-audit';
import {
  describeFileProblem,
  isRefused,
  readDescribeFile,
  type DroppedFile,
} from '../read-describe-files';
import { AuditTable, StateChip } from './audit-table';

export default function AuditPanel() {
  const store = useBuilderStoreApi();
  const { status, start } = useAudit();
  const [files, setFiles] = useState<DescribeFile[]>([]);
  const [refused, setRefused] = useState<string[]>([]);
  const [filter, setFilter] = useState<AuditState | undefined>();
  const [auditedConfig, setAuditedConfig] = useState<PerimeterConfig>();
  const config = useBuilder((state) => state.config);

  const audit = (next: DescribeFile[]) => {
    setFiles(next);
    setFilter(undefined);
    if (next.length === 0) return;
    const current = store.getState().config;
    setAuditedConfig(current);
    start(current, next);
  };

  const addFiles = async (dropped: readonly DroppedFile[]) => {
    const readings = await Promise.all(dropped.map(readDescribeFile));
    setRefused(readings.filter(isRefused).map((r) => r.refused));
    const taken = readings.filter((r): r is DescribeFile => !isRefused(r));
    if (taken.length === 0) return;
    // A file dropped again replaces its earlier copy.
    const names = new Set(taken.map((f) => f.name));
    audit([...files.filter((f) => !names.has(f.name)), ...taken]);
  };

  const outcome = status.kind === 'done' ? status.outcome : undefined;
  const rows = useMemo(
    () =>
      outcome ? outcome.report.rows.filter((r) => filter === undefined || r.state === filter) : [],
    [outcome, filter],
  );
  const problems = [
    ...refused,
    ...(outcome?.files.flatMap(({ file, diagnostics }) =>
      diagnostics.filter((d) => d.severity !== 'info').map((d) => describeFileProblem(file, d)),
    ) ?? []),
  ];

  return (
    <Paper
      component="section"
      aria-labelledby="audit-title"
      sx={{ p: { xs: 1, sm: 2 }, minWidth: 0 }}
    >
      <Typography id="audit-title" variant="h2" sx={{ mb: 0.5 }}>
        Audit deployed endpoints
      </Typography>
      <Typography variant="body2" sx={{ mb: 1 }}>
        Compare the endpoints you run with this design: save{' '}
        <code>aws ec2 describe-vpc-endpoints --region …</code> to a file per region and drop them
        here. Each endpoint is checked by the validator and compared, statement by statement, with
        the policy the choices generate for its service and region. Nothing leaves this page.
      </Typography>
      <FileDropZone
        prompt="Drop describe-vpc-endpoints output (one or many regions), or"
        buttonLabel="Choose files"
        buttonIcon={<FactCheckOutlined />}
        accept=".json,application/json"
        ariaLabel="Endpoints to audit"
        onDrop={(transfer) => void addFiles([...transfer.files])}
        onPick={(file) => void addFiles([file])}
        onPickFiles={(picked) => void addFiles(picked)}
      />
      {files.length > 0 && (
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mt: 1, alignItems: 'center' }}>
          {files.map((f) => (
            <Chip
              key={f.name}
              label={f.name}
              onDelete={() => audit(files.filter((g) => g !== f))}
            />
          ))}
          <Button size="small" {...inertWhileBusy(status.kind === 'running', () => audit(files))}>
            Audit again with the current choices
          </Button>
        </Box>
      )}
      {status.kind === 'running' && (
        <Box role="status" sx={{ mt: 2 }}>
          <Typography variant="body2">
            {status.phase === 'reading'
              ? `Reading ${status.total} file${status.total === 1 ? '' : 's'}…`
              : `Auditing endpoint ${status.done} of ${status.total}…`}
          </Typography>
          <LinearProgress
            aria-label="Audit progress"
            variant={status.phase === 'reading' ? 'indeterminate' : 'determinate'}
            value={status.total > 0 ? (100 * status.done) / status.total : 0}
          />
        </Box>
      )}
      {status.kind === 'failed' && (
        <Alert severity="error" sx={{ mt: 2 }}>
          The audit failed: {status.message}
        </Alert>
      )}
      {problems.length > 0 && (
        <Box
          sx={{ mt: 2, display: 'flex', flexDirection: 'column', gap: 0.5 }}
          aria-label="Problems with the files"
        >
          {problems.slice(0, 12).map((p, i) => (
            <Alert key={i} severity="warning" role="none">
              {p}
            </Alert>
          ))}
          {problems.length > 12 && (
            <Typography variant="caption">and {problems.length - 12} more.</Typography>
          )}
        </Box>
      )}
      {outcome && auditedConfig !== config && (
        <Alert severity="info" sx={{ mt: 2 }}>
          The choices changed since this audit: audit again to compare with the current design.
        </Alert>
      )}
      {outcome && (
        <Box sx={{ mt: 2 }}>
          <Typography role="status" variant="body2" sx={{ mb: 1 }}>
            {auditSummary(outcome.report)}
          </Typography>
          <Box
            role="group"
            aria-label="Show endpoints by state"
            sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mb: 1 }}
          >
            <StateChip
              state={undefined}
              label={`All (${outcome.report.rows.length})`}
              selected={filter === undefined}
              onClick={() => setFilter(undefined)}
            />
            {AUDIT_STATES.filter((s) => outcome.report.counts[s] > 0).map((s) => (
              <StateChip
                key={s}
                state={s}
                label={`${AUDIT_STATE_LABELS[s]} (${outcome.report.counts[s]})`}
                selected={filter === s}
                onClick={() => setFilter(filter === s ? undefined : s)}
              />
            ))}
            <Box sx={{ flex: 1 }} />
            <Button
              size="small"
              onClick={() => saveFile('endpoint-audit.csv', auditCsv(outcome.report), 'text/csv')}
            >
              Download CSV
            </Button>
            <Button
              size="small"
              onClick={() => saveFile('endpoint-audit.json', auditJson(outcome.report, catalog))}
            >
              Download JSON
            </Button>
          </Box>
          <AuditTable key={filter ?? 'all'} rows={rows} />
        </Box>
      )}
    </Paper>
  );
}
