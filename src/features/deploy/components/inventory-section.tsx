/**
 * The endpoint inventory of the configuration: how many endpoints each region lists, and an import
 * of `describe-vpc-endpoints` output (one file per region, or several) that replaces the regions
 * it covers. The result is validated like every other field before it replaces anything.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { catalog } from '@/core/catalog/catalog';
import { validateConfigValue } from '@/core/config/parse';
import { readDescribeVpcEndpoints, type DescribeFile } from '@/core/deploy/describe-endpoints';
import { importInventory } from '@/core/deploy/inventory';
import { FileDropZone } from '@/shared/browser-io/file-drop-zone';
import { useBuilder, useBuilderActions, useBuilderStoreApi } from '@/state/builder-store';
import {
  describeFileProblem,
  isRefused,
  readDescribeFile,
  type DroppedFile,
} from '../read-describe-files';
import { InventoryEntryForm } from './inventory-entry-form';

interface ImportOutcome {
  summary?: string;
  problems: string[];
}

export function InventorySection() {
  const inventory = useBuilder((state) => state.config.inventory);
  const store = useBuilderStoreApi();
  const { replaceConfig } = useBuilderActions();
  const [outcome, setOutcome] = useState<ImportOutcome>();
  const regions = Object.entries(inventory ?? {});
  const total = regions.reduce((n, [, list]) => n + list.length, 0);

  const importFiles = async (files: readonly DroppedFile[]) => {
    const readings = await Promise.all(files.map(readDescribeFile));
    const problems = readings.filter(isRefused).map((r) => r.refused);
    const read = readDescribeVpcEndpoints(
      readings.filter((r): r is DescribeFile => !isRefused(r)),
      catalog,
    );
    for (const { file, diagnostics } of read.diagnostics)
      for (const d of diagnostics)
        if (d.severity !== 'info') problems.push(describeFileProblem(file, d));
    const config = store.getState().config;
    const result = importInventory(read.endpoints, config.inventory, catalog);
    for (const s of result.skipped) problems.push(`${s.id} is not listed: ${s.reason}.`);
    if (result.regions.length === 0) {
      setOutcome({ problems: problems.length > 0 ? problems : ['The files list no endpoint.'] });
      return;
    }
    const checked = validateConfigValue({ ...config, inventory: result.inventory }, catalog);
    if (!checked.config) {
      setOutcome({
        problems: [
          ...problems,
          ...checked.diagnostics
            .filter((d) => d.severity === 'error')
            .map((d) => `${d.path ?? ''}: ${d.message}`),
        ],
      });
      return;
    }
    replaceConfig(checked.config);
    setOutcome({
      summary: `Listed ${result.regions.map((r) => `${r.endpoints} endpoint${r.endpoints === 1 ? '' : 's'} in ${r.region}`).join(', ')}.`,
      problems: [
        ...problems,
        ...checked.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message),
      ],
    });
  };

  return (
    <Box component="section" aria-labelledby="inventory-title" sx={{ mt: 2 }}>
      <Typography id="inventory-title" variant="h3" sx={{ mb: 0.5 }}>
        Endpoints
      </Typography>
      <Typography variant="body2" sx={{ mb: 1 }}>
        {total === 0
          ? 'The configuration lists no endpoint: the files take the endpoint ids as variables.'
          : `The configuration lists ${total} endpoint${total === 1 ? '' : 's'}: ${regions.map(([r, list]) => `${r} (${list.length})`).join(', ')}. Regions it does not list take their endpoint ids as variables.`}
      </Typography>
      <FileDropZone
        prompt="Drop the output of aws ec2 describe-vpc-endpoints (one file per region, or several), or"
        buttonLabel="Import endpoints"
        accept=".json,application/json"
        ariaLabel="Import endpoints from describe-vpc-endpoints output"
        onDrop={(transfer) => void importFiles([...transfer.files])}
        onPick={(file) => void importFiles([file])}
        onPickFiles={(files) => void importFiles(files)}
      />
      {total > 0 && (
        <Button
          size="small"
          sx={{ mt: 1 }}
          onClick={() => {
            const { inventory: _dropped, ...rest } = store.getState().config;
            replaceConfig(rest);
            setOutcome({ summary: 'The endpoint list is cleared.', problems: [] });
          }}
        >
          Clear the endpoint list
        </Button>
      )}
      <InventoryEntryForm />
      {outcome && (
        <Box role="status" sx={{ mt: 1, display: 'flex', flexDirection: 'column', gap: 0.5 }}>
          {outcome.summary && <Alert severity="success">{outcome.summary}</Alert>}
          {outcome.problems.slice(0, 12).map((p, i) => (
            <Alert key={i} severity="warning">
              {p}
            </Alert>
          ))}
          {outcome.problems.length > 12 && (
            <Typography variant="caption">and {outcome.problems.length - 12} more.</Typography>
          )}
        </Box>
      )}
    </Box>
  );
}
