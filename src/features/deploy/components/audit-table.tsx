/**
 * The audited endpoints, a page at a time (an organization has thousands): state, endpoint,
 * region, service, type, whether the service enforces policies and what the validator found. A
 * row opens to show why: the statements that differ and the findings. Everything is text.
 */
import KeyboardArrowDown from '@mui/icons-material/KeyboardArrowDown';
import KeyboardArrowRight from '@mui/icons-material/KeyboardArrowRight';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { Fragment, useState } from 'react';
import { AUDIT_STATE_LABELS, type AuditRow, type AuditState } from '@/core/deploy/audit';
import { describeChange } from '@/core/deploy/audit-report';

export const STATE_COLORS: Record<
  AuditState,
  'success' | 'error' | 'warning' | 'default' | 'info'
> = {
  matches: 'success',
  differs: 'error',
  'default-policy': 'warning',
  'not-in-design': 'default',
  missing: 'info',
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const ENFORCEMENT = { yes: 'Enforced', no: 'Ignored', unknown: 'Unknown' } as const;

/**
 * A state as a chip: the border carries the state's colour, the text stays the theme's text
 * colour, since white or coloured text on the warning and info colours is below contrast.
 */
export function StateChip({
  state,
  label,
  selected,
  onClick,
}: {
  state: AuditState | undefined;
  label: string;
  selected?: boolean;
  onClick?: () => void;
}) {
  return (
    <Chip
      size="small"
      label={label}
      variant={selected ? 'filled' : 'outlined'}
      color={selected || state === undefined ? 'default' : STATE_COLORS[state]}
      sx={{ color: 'text.primary', borderWidth: 2, borderStyle: 'solid' }}
      {...(onClick ? { onClick, 'aria-pressed': selected ?? false } : {})}
    />
  );
}

function Details({ row }: { row: AuditRow }) {
  return (
    <Box sx={{ py: 1, display: 'flex', flexDirection: 'column', gap: 0.5 }}>
      {row.note && <Typography variant="body2">{row.note}</Typography>}
      {row.serviceName && (
        <Typography variant="body2">
          Service name: <code>{row.serviceName}</code>
          {row.vpcId ? ` · VPC ${row.vpcId}` : ''}
          {row.ownerId ? ` · account ${row.ownerId}` : ''}
        </Typography>
      )}
      {row.designedPolicyFile && (
        <Typography variant="body2">
          Designed policy: <code>{row.designedPolicyFile}</code>
        </Typography>
      )}
      {row.changes && row.changes.length > 0 && (
        <Box component="ul" aria-label="Statement changes" sx={{ m: 0, pl: 3 }}>
          {row.changes.map((change, i) => (
            <li key={i}>
              <Typography variant="body2" component="span" sx={{ fontFamily: 'monospace' }}>
                {describeChange(change)}
              </Typography>
            </li>
          ))}
        </Box>
      )}
      {row.version && (
        <Typography variant="body2">
          Version {row.version.deployed ?? '(none)'} on the endpoint,{' '}
          {row.version.designed ?? '(none)'} in the design.
        </Typography>
      )}
      {row.validation && row.validation.diagnostics.length > 0 && (
        <Box component="ul" aria-label="Findings on the deployed policy" sx={{ m: 0, pl: 3 }}>
          {row.validation.diagnostics.map((d, i) => (
            <li key={i}>
              <Typography variant="body2" component="span">
                {d.severity} {d.code}: {d.message}
              </Typography>
            </li>
          ))}
        </Box>
      )}
      {row.source && (
        <Typography variant="caption" color="text.secondary">
          Read from {row.source.file}, {row.source.path}
        </Typography>
      )}
    </Box>
  );
}

export function AuditTable({ rows }: { rows: readonly AuditRow[] }) {
  const [page, setPage] = useState(0);
  const [perPage, setPerPage] = useState(25);
  const [open, setOpen] = useState<number>();
  const lastPage = Math.max(0, Math.ceil(rows.length / perPage) - 1);
  const shown = Math.min(page, lastPage);
  const visible = rows.slice(shown * perPage, shown * perPage + perPage);
  return (
    <>
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small" aria-label="Audited endpoints">
          <TableHead>
            <TableRow>
              <TableCell padding="checkbox" />
              <TableCell>State</TableCell>
              <TableCell>Endpoint</TableCell>
              <TableCell>Region</TableCell>
              <TableCell>Service</TableCell>
              <TableCell>Type</TableCell>
              <TableCell>Policies</TableCell>
              <TableCell>Findings</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {visible.map((row, i) => {
              const index = shown * perPage + i;
              const expanded = open === index;
              const label =
                row.endpointId ?? `${row.service ?? ''} in ${row.region ?? 'every region'}`;
              return (
                <Fragment key={index}>
                  <TableRow hover>
                    <TableCell padding="checkbox">
                      <IconButton
                        size="small"
                        aria-label={`${expanded ? 'Hide' : 'Show'} details of ${label}`}
                        aria-expanded={expanded}
                        onClick={() => setOpen(expanded ? undefined : index)}
                      >
                        {expanded ? <KeyboardArrowDown /> : <KeyboardArrowRight />}
                      </IconButton>
                    </TableCell>
                    <TableCell>
                      <StateChip state={row.state} label={AUDIT_STATE_LABELS[row.state]} />
                    </TableCell>
                    <TableCell sx={{ fontFamily: 'monospace' }}>
                      {row.endpointId ?? '—'}
                      {row.name ? (
                        <Typography variant="caption" component="span" sx={{ display: 'block' }}>
                          {row.name}
                        </Typography>
                      ) : null}
                    </TableCell>
                    <TableCell>{row.region ?? '—'}</TableCell>
                    <TableCell>{row.service ?? row.serviceName ?? '—'}</TableCell>
                    <TableCell>{row.type ?? '—'}</TableCell>
                    <TableCell>{ENFORCEMENT[row.enforcesPolicies]}</TableCell>
                    <TableCell>
                      {row.validation
                        ? `${plural(row.validation.errors, 'error')}, ${plural(row.validation.warnings, 'warning')}`
                        : '—'}
                      {row.open ? ' · open to everyone' : ''}
                    </TableCell>
                  </TableRow>
                  {expanded && (
                    <TableRow>
                      <TableCell />
                      <TableCell colSpan={7}>
                        <Details row={row} />
                      </TableCell>
                    </TableRow>
                  )}
                </Fragment>
              );
            })}
          </TableBody>
        </Table>
      </Box>
      <TablePagination
        component="div"
        count={rows.length}
        page={shown}
        rowsPerPage={perPage}
        rowsPerPageOptions={[25, 100, 500]}
        onPageChange={(_event, next) => {
          setPage(next);
          setOpen(undefined);
        }}
        onRowsPerPageChange={(event) => {
          setPerPage(Number(event.target.value));
          setPage(0);
          setOpen(undefined);
        }}
      />
    </>
  );
}
