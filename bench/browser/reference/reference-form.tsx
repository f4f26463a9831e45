/**
 * The controls of the builder's first screen, bare: what React and MUI alone cost for a form of
 * this kind, with no catalog, no store and no policy logic behind it.
 */
import { useState, type ReactNode } from 'react';
import DarkModeOutlined from '@mui/icons-material/DarkModeOutlined';
import FileDownloadOutlined from '@mui/icons-material/FileDownloadOutlined';
import Alert from '@mui/material/Alert';
import AppBar from '@mui/material/AppBar';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';

interface GroupedOption {
  id: string;
  group: string;
}

const serviceOptions: GroupedOption[] = [
  'athena',
  'cloudformation',
  'dynamodb',
  'ec2',
  'ecr.api',
  'ecr.dkr',
  'ecs',
  'elasticloadbalancing',
  'events',
  'execute-api',
  'glue',
  'kinesis-streams',
  'kms',
  'lambda',
  'logs',
  'monitoring',
  'rds',
  's3',
  'secretsmanager',
  'sns',
  'sqs',
  'ssm',
  'ssmmessages',
  'sts',
].map((id) => ({ id, group: id.charAt(0).toUpperCase() }));

const regionOptions: GroupedOption[] = [
  ...[
    'us-east-1',
    'us-east-2',
    'us-west-1',
    'us-west-2',
    'eu-west-1',
    'eu-central-1',
    'ap-southeast-1',
    'ap-northeast-1',
  ].map((id) => ({ id, group: 'aws' })),
  ...['cn-north-1', 'cn-northwest-1'].map((id) => ({ id, group: 'aws-cn' })),
  ...['us-gov-west-1', 'us-gov-east-1'].map((id) => ({ id, group: 'aws-us-gov' })),
];

const statementSids = [
  'AllowRequestsByOrgsIdentitiesToOrgsResources',
  'AllowRequestsByAWSServicePrincipals',
  'AllowRequestsToAWSOwnedResources',
  'AllowRequestsByOrgsIdentitiesToAWSResources',
  'AllowRequestsByThirdPartyIdentitiesToThirdPartyResources',
  'AllowRequestsByOrgsIdentitiesToThirdPartyResources',
  'AllowRequestsByOrgsIdentitiesToAnyResources',
];

function GroupedMultiSelect({
  label,
  options,
  initial,
}: {
  label: string;
  options: GroupedOption[];
  initial: string[];
}) {
  const [value, setValue] = useState(() => options.filter((option) => initial.includes(option.id)));
  return (
    <Autocomplete
      multiple
      options={options}
      value={value}
      onChange={(_event, next) => setValue(next)}
      groupBy={(option) => option.group}
      getOptionLabel={(option) => option.id}
      isOptionEqualToValue={(option, selected) => option.id === selected.id}
      renderValue={(selected, getItemProps) =>
        selected.map((option, index) => {
          const { key, ...itemProps } = getItemProps({ index });
          return <Chip key={key} label={option.id} size="small" {...itemProps} />;
        })
      }
      renderInput={(params) => <TextField {...params} label={label} />}
    />
  );
}

/** The form, with a slot for the preview that the Monaco variant fills. */
export function ReferenceForm({ preview }: { preview?: ReactNode }) {
  const [organizationId, setOrganizationId] = useState('o-a1b2c3d4e5');
  const [statements, setStatements] = useState(() => new Set(statementSids.slice(0, 4)));
  const [tab, setTab] = useState(0);
  const [format, setFormat] = useState('pretty');
  const organizationIdValid = /^o-[a-z0-9]{10,32}$/.test(organizationId);
  return (
    <>
      <AppBar position="static" elevation={0}>
        <Toolbar>
          <Typography variant="h6" component="h1" sx={{ flexGrow: 1 }}>
            VPC endpoint policy builder
          </Typography>
          <Button color="inherit">Share link</Button>
          <IconButton color="inherit" aria-label="Dark theme">
            <DarkModeOutlined />
          </IconButton>
        </Toolbar>
      </AppBar>
      <Box
        component="main"
        sx={{
          display: 'grid',
          gridTemplateColumns: { md: 'minmax(320px, 420px) 1fr' },
          gap: 2,
          p: 2,
        }}
      >
        <Stack spacing={2} component="section" aria-label="Choices">
          <GroupedMultiSelect label="Endpoint services" options={serviceOptions} initial={['s3']} />
          <GroupedMultiSelect
            label="Regions"
            options={regionOptions}
            initial={['us-east-1', 'eu-west-1']}
          />
          <TextField
            label="Organization ID"
            value={organizationId}
            onChange={(event) => setOrganizationId(event.target.value)}
            error={!organizationIdValid}
            helperText={
              organizationIdValid ? ' ' : 'expected "o-" and 10 to 32 lowercase letters or digits'
            }
          />
          <Stack>
            {statementSids.map((sid) => (
              <FormControlLabel
                key={sid}
                label={sid}
                control={
                  <Switch
                    checked={statements.has(sid)}
                    onChange={(_event, checked) =>
                      setStatements((current) => {
                        const next = new Set(current);
                        if (checked) next.add(sid);
                        else next.delete(sid);
                        return next;
                      })
                    }
                  />
                }
              />
            ))}
          </Stack>
        </Stack>
        <Paper component="section" aria-label="Preview" variant="outlined" sx={{ minWidth: 0 }}>
          <Tabs value={tab} onChange={(_event, next: number) => setTab(next)}>
            <Tab label="s3" />
            <Tab label="ec2" />
          </Tabs>
          <Stack direction="row" spacing={1} sx={{ p: 1 }}>
            <Button variant="contained">Copy</Button>
            <Button variant="outlined" startIcon={<FileDownloadOutlined />}>
              Download
            </Button>
            <ToggleButtonGroup
              exclusive
              value={format}
              onChange={(_event, next: string | null) => next && setFormat(next)}
              aria-label="Output format"
            >
              <ToggleButton value="pretty">Pretty</ToggleButton>
              <ToggleButton value="minified">Minified</ToggleButton>
            </ToggleButtonGroup>
          </Stack>
          <Alert severity="info" sx={{ mx: 1 }}>
            One policy for all selected regions.
          </Alert>
          {preview}
        </Paper>
      </Box>
    </>
  );
}
