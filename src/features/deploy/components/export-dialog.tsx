/**
 * "Export as": the policies of the choices as JSON files, a Terraform module, CloudFormation
 * templates or an AWS CLI script, in a zip with `manifest.json` and the configuration: the files
 * `vpce-policy build --format ... --out` writes. The endpoints that receive the policies come from
 * the configuration's inventory, which can be imported here.
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { inertWhileBusy } from '@/shared/react/inert-while-busy';
import { countOf } from '@/shared/format/format-count';
import { catalog } from '@/core/catalog/catalog';
import {
  EXPORT_FORMAT_LABELS,
  EXPORT_FORMATS,
  type ExportFormat,
} from '@/core/deploy/export/types';
import { canonicalRegions, canonicalServices } from '@/core/generate/selection';
import { saveFile } from '@/shared/browser-io/save-file';
import { useBuilder, useBuilderStoreApi } from '@/state/builder-store';
import { zipExport } from '@/shared/export/export-zip';
import { InventorySection } from './inventory-section';

const DESCRIPTIONS: Record<ExportFormat, string> = {
  json: 'The policy files as Download all gives them, with manifest.json.',
  terraform:
    'A module: one provider alias per region, an aws_vpc_endpoint_policy per service and region on its endpoints, and the terraform-aws-modules vpc-endpoints shape.',
  cloudformation:
    'Per region, a template (YAML and JSON) of AWS::EC2::VPCEndpoint resources with their policies; gateway endpoints for S3 and DynamoDB.',
  cli: 'A script of aws ec2 modify-vpc-endpoint per endpoint and region, with a dry run.',
};

export default function ExportDialog({ onClose }: { onClose: () => void }) {
  const store = useBuilderStoreApi();
  const services = useBuilder((state) => canonicalServices(state.config.services, catalog).length);
  const regions = useBuilder((state) => canonicalRegions(state.config.regions, catalog).length);
  const [format, setFormat] = useState<ExportFormat>('terraform');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{
    severity: 'success' | 'warning' | 'error';
    text: string;
  }>();

  const download = async () => {
    setBusy(true);
    setMessage(undefined);
    try {
      const zip = await zipExport(store.getState().config, format);
      saveFile(zip.fileName, zip.bytes, 'application/zip');
      setMessage({
        severity: zip.hasErrors ? 'warning' : 'success',
        text: `Downloaded ${zip.fileName}: ${zip.files} files, ${zip.policies} ${zip.policies === 1 ? 'policy' : 'policies'}.${zip.hasErrors ? ' Some policies have errors: manifest.json lists them.' : ''}`,
      });
    } catch (error) {
      setMessage({
        severity: 'error',
        text: `Could not build the export: ${(error as Error).message}`,
      });
    } finally {
      setBusy(false);
    }
  };

  const perRegion = format !== 'json';
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="export-title">
      <DialogTitle id="export-title">Export as</DialogTitle>
      <DialogContent>
        <FormControl>
          <FormLabel id="export-format-label">Format</FormLabel>
          <RadioGroup
            aria-labelledby="export-format-label"
            value={format}
            onChange={(event) => setFormat(event.target.value as ExportFormat)}
          >
            {EXPORT_FORMATS.map((f) => (
              <FormControlLabel
                key={f}
                value={f}
                control={<Radio />}
                label={
                  <>
                    {EXPORT_FORMAT_LABELS[f]}
                    <Typography variant="caption" component="span" sx={{ display: 'block' }}>
                      {DESCRIPTIONS[f]}
                    </Typography>
                  </>
                }
                sx={{ alignItems: 'flex-start', mb: 1, '& .MuiRadio-root': { pt: 0.25 } }}
              />
            ))}
          </RadioGroup>
        </FormControl>
        <Typography variant="body2" sx={{ mt: 1 }}>
          {perRegion
            ? `${countOf(services * regions, 'policy', 'policies')}: ${countOf(services, 'service')} × ${countOf(regions, 'region')}, one per region since an endpoint lives in one region.`
            : 'The policies in the shape chosen in the preview (one for all regions, or one per region).'}
        </Typography>
        {perRegion && <InventorySection />}
        {message && (
          <Alert severity={message.severity} role="status" sx={{ mt: 2 }}>
            {message.text}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
        <Button
          variant="contained"
          disabled={services === 0}
          {...inertWhileBusy(busy, () => void download())}
        >
          {busy ? 'Preparing…' : 'Download zip'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
