/**
 * Impact on real traffic: the user picks CloudTrail files (or a folder, or a query result), the
 * worker reads them into request shapes, and the panel shows what the designed policies would
 * deny, why, and the change that admits each legitimate-looking request, applied in one click.
 * Loaded only when the panel is opened.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { ConfigEdit } from '@/core/config/config-edits';
import { countOf, formatCount } from '@/core/text/format-count';
import { focusIfLost } from '@/shared/react/focus-if-lost';
import { parseAccountsText } from '@/core/impact/accounts';
import { parseEndpointsText, type EndpointEntry } from '@/core/impact/endpoints';
import { impactReportCsv, impactReportJson } from '@/core/impact/export';
import type { ImpactReport } from '@/core/impact/report';
import { DropArea, takeFiles } from '@/shared/browser-io/file-drop-zone';
import { saveFile } from '@/shared/browser-io/save-file';
import { useBuilder, useBuilderActions } from '@/state/builder-store';
import type { ReadProgress } from '../impact-protocol';
import { useImpactRun } from '../use-impact-run';
import { ImpactShapeList } from './impact-shape-list';
import { ImpactTimeline } from './impact-timeline';

const MAX_ACCOUNTS_FILE = 20_000_000;

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(bytes < 10_000_000 ? 1 : 0)} MB`;
}

function progressText(p: ReadProgress): string {
  return `Read ${formatCount(p.files)} of ${formatCount(p.totalFiles)} files, ${megabytes(p.bytes)} of ${megabytes(p.totalBytes)}: ${formatCount(p.events)} events, ${formatCount(p.shapes)} request shapes`;
}

function FilePicker({ onFiles, disabled }: { onFiles(files: File[]): void; disabled: boolean }) {
  const input = (directory: boolean) => (
    <input
      hidden
      type="file"
      multiple
      {...(directory ? { webkitdirectory: '' } : { accept: '.json,.gz,.csv,.jsonl,.txt' })}
      aria-label={directory ? 'Choose a folder of CloudTrail logs' : 'Choose CloudTrail log files'}
      onChange={(event) => onFiles(takeFiles(event.target))}
    />
  );
  return (
    <DropArea
      ariaLabel="CloudTrail logs"
      prompt="Drop CloudTrail log files (.json, .json.gz), lookup-events output or an Athena or CloudTrail Lake result here, or"
      onDrop={(transfer) => onFiles([...transfer.files])}
    >
      <Box sx={{ display: 'flex', gap: 1, justifyContent: 'center', flexWrap: 'wrap' }}>
        <Button variant="outlined" component="label" disabled={disabled}>
          Choose files
          {input(false)}
        </Button>
        <Button variant="outlined" component="label" disabled={disabled}>
          Choose a folder
          {input(true)}
        </Button>
      </Box>
    </DropArea>
  );
}

/** A small button that reads one file the user picks. */
function LoadFileButton(props: {
  label: string;
  accept: string;
  ariaLabel: string;
  onFile(file: File): void;
}) {
  return (
    <Button variant="text" component="label" size="small">
      {props.label}
      <input
        hidden
        type="file"
        accept={props.accept}
        aria-label={props.ariaLabel}
        onChange={(event) => {
          const [file] = takeFiles(event.target);
          if (file) props.onFile(file);
        }}
      />
    </Button>
  );
}

function Summary({ report, seconds }: { report: ImpactReport; seconds?: number }) {
  const t = report.totals;
  return (
    <Box role="status" aria-label="Impact summary" tabIndex={-1} sx={{ mt: 1 }}>
      {t.legitimateDenied.shapes > 0 ? (
        <Alert severity="error">
          {countOf(t.legitimateDenied.shapes, 'legitimate-looking request shape')} (
          {countOf(t.legitimateDenied.events, 'event')}) would be denied.
        </Alert>
      ) : (
        <Alert severity="success">No legitimate-looking request would be denied.</Alert>
      )}
      <Typography variant="body2" sx={{ mt: 1 }}>
        {countOf(t.events, 'event')}
        {seconds !== undefined ? ` read in ${seconds.toFixed(1)} s` : ''}; {formatCount(t.analyzed)}{' '}
        through an endpoint, in {countOf(t.shapes, 'request shape')}:{' '}
        {formatCount(t.allowed.events)} allowed, {formatCount(t.denied.events)} denied (
        {formatCount(t.flagged.events)} flagged as intended)
        {t.undetermined.events > 0 ? `, ${formatCount(t.undetermined.events)} undetermined` : ''}.
        Organization {report.organizationId}, {countOf(report.organizationAccounts, 'account')}{' '}
        known.
      </Typography>
      {report.notes.map((note) => (
        <Alert key={note} severity="warning" sx={{ mt: 1 }}>
          {note}
        </Alert>
      ))}
    </Box>
  );
}

function Details({ report }: { report: ImpactReport }) {
  const observed = report.observedDenials;
  return (
    <Box sx={{ mt: 2 }}>
      {observed.events > 0 && (
        <Typography variant="body2" component="p">
          Requests the endpoints denied at the time (VpceAccessDenied):{' '}
          {formatCount(observed.events)}; the design would still deny{' '}
          {formatCount(observed.stillDenied)} and allow {formatCount(observed.nowAllowed)}.
        </Typography>
      )}
      {report.foreignAccounts.length > 0 && (
        <Box component="section" aria-labelledby="impact-foreign-heading" sx={{ mt: 1 }}>
          <Typography variant="h3" id="impact-foreign-heading">
            Accounts outside the organization
          </Typography>
          <Box component="ul" sx={{ pl: 2, my: 0.5 }}>
            {report.foreignAccounts.slice(0, 50).map((a) => (
              <Typography component="li" variant="body2" key={a.account}>
                {a.account}: caller in {formatCount(a.asPrincipal)} events, resource owner in{' '}
                {formatCount(a.asResource)}
              </Typography>
            ))}
          </Box>
        </Box>
      )}
      {report.totals.withoutEndpoint > 0 && (
        <Typography variant="body2" component="p" sx={{ mt: 1 }}>
          Not through a VPC endpoint, not evaluated: {formatCount(report.totals.withoutEndpoint)}{' '}
          events (
          {report.withoutEndpoint
            .slice(0, 5)
            .map((w) => `${w.eventSource} ${formatCount(w.events)}`)
            .join(', ')}
          ).
        </Typography>
      )}
      {report.unmapped.length > 0 && (
        <Box component="section" aria-labelledby="impact-unmapped-heading" sx={{ mt: 1 }}>
          <Typography variant="h3" id="impact-unmapped-heading">
            Events not read as a request ({formatCount(report.totals.unmapped)})
          </Typography>
          <Box component="ul" sx={{ pl: 2, my: 0.5 }}>
            {report.unmapped.slice(0, 20).map((u) => (
              <Typography component="li" variant="body2" key={u.reason}>
                {formatCount(u.count)}: {u.reason}
                {u.examples.length > 0 ? ` (e.g. ${u.examples.join('; ')})` : ''}
              </Typography>
            ))}
          </Box>
        </Box>
      )}
    </Box>
  );
}

export default function ImpactPanel() {
  const config = useBuilder((state) => state.config);
  const { applyConfigEdits } = useBuilderActions();
  const [loadedAccounts, setLoadedAccounts] = useState<string[]>([]);
  const [accountsMessage, setAccountsMessage] = useState<string>();
  const [endpoints, setEndpoints] = useState<ReadonlyMap<string, EndpointEntry>>(new Map());
  const [endpointsMessage, setEndpointsMessage] = useState<string>();
  const deferredConfig = useDeferredValue(config);
  const { run, start, cancel } = useImpactRun(deferredConfig, loadedAccounts);
  const reading = run.phase === 'reading';
  const problemFiles = useMemo(() => run.files.filter((f) => f.problems.length > 0), [run.files]);
  const configAccounts = config.organizationAccounts?.length ?? 0;

  const loadAccounts = useCallback(async (file: File) => {
    if (file.size > MAX_ACCOUNTS_FILE) {
      setAccountsMessage(
        `${file.name} is ${megabytes(file.size)}; an account list is far smaller.`,
      );
      return;
    }
    const read = parseAccountsText(await file.text());
    setLoadedAccounts(read.accounts);
    setAccountsMessage(
      read.accounts.length > 0
        ? `${countOf(read.accounts.length, 'account')} loaded from ${file.name}${read.problems.length > 0 ? `; ${read.problems[0]}` : ''}.`
        : `${file.name}: ${read.problems[0] ?? 'no account found'}.`,
    );
  }, []);
  const loadEndpoints = useCallback(async (file: File) => {
    if (file.size > MAX_ACCOUNTS_FILE) {
      setEndpointsMessage(`${file.name} is ${megabytes(file.size)}; an inventory is far smaller.`);
      return;
    }
    const read = parseEndpointsText(await file.text());
    setEndpoints(read.endpoints);
    setEndpointsMessage(
      read.endpoints.size > 0
        ? `${countOf(read.endpoints.size, 'endpoint')} loaded from ${file.name}; ${read.endpoints.size === 1 ? 'it applies' : 'they apply'} to the next files read${read.problems.length > 0 ? `; ${read.problems[0]}` : ''}.`
        : `${file.name}: ${read.problems[0] ?? 'no endpoint found'}.`,
    );
  }, []);
  const readFiles = useCallback((files: File[]) => start(files, endpoints), [start, endpoints]);
  // The fixed row leaves the list with its button once the report is computed again: the focus
  // then goes to the summary, which says what is left, instead of falling to the page.
  const focusAfterApply = useRef(false);
  const apply = useCallback(
    (edits: ConfigEdit[]) => {
      focusAfterApply.current = true;
      applyConfigEdits(edits);
    },
    [applyConfigEdits],
  );
  useEffect(() => {
    if (
      focusAfterApply.current &&
      focusIfLost(document.querySelector<HTMLElement>('[aria-label="Impact summary"]'))
    )
      focusAfterApply.current = false;
  }, [run.report]);

  return (
    <Box component="section" aria-labelledby="impact-heading" sx={{ p: 1 }}>
      <Typography id="impact-heading" variant="h2">
        Impact on real traffic
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5, mb: 1 }}>
        Which requests of your CloudTrail logs would the designed policies deny, why, and what would
        admit the legitimate ones? The files are read in this page only.
      </Typography>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap', mb: 1 }}>
        <LoadFileButton
          label="Load organization accounts"
          accept=".json,.txt,.csv"
          ariaLabel="Load the organization's accounts (aws organizations list-accounts output)"
          onFile={(file) => void loadAccounts(file)}
        />
        <Typography variant="caption" color="text.secondary">
          {formatCount(configAccounts)} in the configuration, {formatCount(loadedAccounts.length)}{' '}
          loaded
        </Typography>
        {loadedAccounts.length > 0 && (
          <Button
            size="small"
            onClick={() => apply([{ kind: 'organization-accounts', add: loadedAccounts }])}
          >
            Keep in the configuration
          </Button>
        )}
      </Box>
      {accountsMessage && (
        <Typography variant="caption" component="p" role="status" sx={{ mb: 1 }}>
          {accountsMessage}
        </Typography>
      )}
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap', mb: 1 }}>
        <LoadFileButton
          label="Load endpoint inventory"
          accept=".json"
          ariaLabel="Load the endpoint inventory (aws ec2 describe-vpc-endpoints output)"
          onFile={(file) => void loadEndpoints(file)}
        />
        <Typography variant="caption" color="text.secondary">
          optional: which service and region each endpoint serves
        </Typography>
      </Box>
      {endpointsMessage && (
        <Typography variant="caption" component="p" role="status" sx={{ mb: 1 }}>
          {endpointsMessage}
        </Typography>
      )}
      <FilePicker onFiles={readFiles} disabled={reading} />
      {reading && (
        <Box sx={{ mt: 1 }}>
          <LinearProgress
            variant={run.progress ? 'determinate' : 'indeterminate'}
            value={
              run.progress && run.progress.totalBytes > 0
                ? (100 * run.progress.bytes) / run.progress.totalBytes
                : 0
            }
            aria-label="Reading the logs"
          />
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mt: 0.5 }}>
            <Typography variant="caption" role="status" sx={{ flex: 1 }}>
              {run.progress ? progressText(run.progress) : 'Starting…'}
            </Typography>
            <Button size="small" onClick={cancel}>
              Cancel
            </Button>
          </Box>
        </Box>
      )}
      {run.phase === 'cancelled' && (
        <Alert severity="info" sx={{ mt: 1 }}>
          Cancelled{run.progress ? ` after ${progressText(run.progress).toLowerCase()}` : ''}.
        </Alert>
      )}
      {run.error && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {run.error}
        </Alert>
      )}
      {problemFiles.length > 0 && (
        <Alert severity="warning" sx={{ mt: 1 }} aria-label="Files with problems">
          {problemFiles.slice(0, 20).map((f) => (
            <Typography variant="body2" key={f.name}>
              {f.name}: {f.problems.join('; ')}
            </Typography>
          ))}
          {problemFiles.length > 20 && (
            <Typography variant="body2">… and {problemFiles.length - 20} more files</Typography>
          )}
        </Alert>
      )}
      {run.report && run.phase === 'done' && (
        <Box aria-busy={run.evaluating}>
          <Summary
            report={run.report}
            {...(run.seconds !== undefined ? { seconds: run.seconds } : {})}
          />
          <ImpactTimeline days={run.report.timeline} />
          <Box sx={{ display: 'flex', gap: 1, mt: 1 }}>
            <Button
              size="small"
              variant="outlined"
              onClick={() =>
                saveFile('impact-report.csv', impactReportCsv(run.report!), 'text/csv')
              }
            >
              Export CSV
            </Button>
            <Button
              size="small"
              variant="outlined"
              onClick={() => saveFile('impact-report.json', impactReportJson(run.report!))}
            >
              Export JSON
            </Button>
          </Box>
          <ImpactShapeList report={run.report} onApply={apply} />
          <Details report={run.report} />
        </Box>
      )}
    </Box>
  );
}
