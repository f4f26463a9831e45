/**
 * Typing one endpoint into the inventory: its id, service, region, type and VPC. The entry is
 * checked with the whole configuration, as an imported one would be, and added only when valid;
 * what is wrong is said next to the form.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { catalog } from '@/core/catalog/catalog';
import { validateConfigValue } from '@/core/config/parse';
import type { InventoryEndpointDocument } from '@/core/config/schema';
import { VPC_ENDPOINT_TYPES, type VpcEndpointType } from '@/core/catalog/endpoint-ids';
import { useBuilderActions, useBuilderStoreApi } from '@/state/builder-store';

export function InventoryEntryForm() {
  const store = useBuilderStoreApi();
  const { replaceConfig } = useBuilderActions();
  const [id, setId] = useState('');
  const [service, setService] = useState('');
  const [region, setRegion] = useState('');
  const [type, setType] = useState<VpcEndpointType>('Interface');
  const [vpcId, setVpcId] = useState('');
  const [problems, setProblems] = useState<string[]>([]);

  const add = () => {
    const config = store.getState().config;
    // What the user typed is text: the configuration's check makes it an endpoint, or says why not.
    const entry: InventoryEndpointDocument = { id: id.trim(), service: service.trim(), type };
    if (vpcId.trim() !== '') entry.vpcId = vpcId.trim();
    const where = region.trim();
    const current: Readonly<Record<string, readonly InventoryEndpointDocument[]>> =
      config.inventory ?? {};
    const inventory = { ...current, [where]: [...(current[where] ?? []), entry] };
    const checked = validateConfigValue({ ...config, inventory }, catalog);
    const prefix = `inventory.${where}[`;
    const mine = checked.diagnostics.filter(
      (d) =>
        d.path === `inventory.${where}` || d.path?.startsWith(prefix) || d.path === 'inventory',
    );
    const errors = checked.diagnostics.filter((d) => d.severity === 'error');
    if (!checked.config || errors.length > 0) {
      setProblems(
        (mine.length > 0 ? mine : errors).map((d) => `${d.message}${d.hint ? ` ${d.hint}` : ''}`),
      );
      return;
    }
    replaceConfig(checked.config);
    setProblems(mine.filter((d) => d.severity === 'warning').map((d) => d.message));
    setId('');
    setVpcId('');
  };

  return (
    <Box
      component="form"
      aria-label="Add an endpoint"
      onSubmit={(e) => {
        e.preventDefault();
        add();
      }}
      sx={{ mt: 2 }}
    >
      <Box sx={{ display: 'grid', gap: 1, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
        <TextField
          size="small"
          label="Endpoint id"
          placeholder="vpce-0123456789abcdef0"
          value={id}
          onChange={(e) => setId(e.target.value)}
        />
        <TextField
          size="small"
          label="Service"
          placeholder="s3"
          value={service}
          onChange={(e) => setService(e.target.value)}
        />
        <TextField
          size="small"
          label="Region"
          placeholder="eu-west-1"
          value={region}
          onChange={(e) => setRegion(e.target.value)}
        />
        <TextField
          size="small"
          select
          label="Endpoint type"
          value={type}
          onChange={(e) => setType(e.target.value as VpcEndpointType)}
        >
          {VPC_ENDPOINT_TYPES.map((t) => (
            <MenuItem key={t} value={t}>
              {t}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          size="small"
          label="VPC id (optional)"
          placeholder="vpc-0123456789abcdef0"
          value={vpcId}
          onChange={(e) => setVpcId(e.target.value)}
        />
        <Button
          type="submit"
          variant="outlined"
          disabled={id.trim() === '' || service.trim() === '' || region.trim() === ''}
        >
          Add the endpoint
        </Button>
      </Box>
      {problems.length > 0 && (
        <Box role="status" sx={{ mt: 1, display: 'flex', flexDirection: 'column', gap: 0.5 }}>
          {problems.slice(0, 6).map((p, i) => (
            <Alert key={i} severity="warning">
              {p}
            </Alert>
          ))}
        </Box>
      )}
    </Box>
  );
}
