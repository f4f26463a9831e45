/** How a service's endpoint-policy support is said: unsupported is a warning, unknown is said as such. */
import WarningAmber from '@mui/icons-material/WarningAmber';
import Box from '@mui/material/Box';
import type { EndpointService } from '@/core/catalog/schema';

export const POLICY_SUPPORT_TEXT: Record<EndpointService['endpointPolicy'], string> = {
  supported: 'Enforces endpoint policies',
  unsupported: 'Does not enforce endpoint policies: every request through its endpoint is allowed',
  unknown: 'Endpoint-policy support unknown: no source we rely on says',
};

export function PolicySupportNote({ support }: { support: EndpointService['endpointPolicy'] }) {
  if (support === 'supported') return null;
  return (
    <Box
      component="span"
      sx={{
        display: 'inline-flex',
        alignItems: 'center',
        gap: 0.5,
        color: support === 'unsupported' ? 'warning.main' : 'text.secondary',
        fontSize: '0.75rem',
      }}
    >
      {support === 'unsupported' && <WarningAmber sx={{ fontSize: '1rem' }} aria-hidden />}
      {support === 'unsupported' ? 'Endpoint policies not enforced' : 'Policy support unknown'}
    </Box>
  );
}
