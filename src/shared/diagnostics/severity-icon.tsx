/** The icon of a finding's severity, in its colour, named for screen readers. */
import ErrorOutlineOutlined from '@mui/icons-material/ErrorOutlineOutlined';
import InfoOutlined from '@mui/icons-material/InfoOutlined';
import WarningAmber from '@mui/icons-material/WarningAmber';
import type { Severity } from '@/core/diagnostics';

const icons: Record<Severity, typeof InfoOutlined> = {
  error: ErrorOutlineOutlined,
  warning: WarningAmber,
  info: InfoOutlined,
};
const colours: Record<Severity, string> = {
  error: 'error.main',
  warning: 'warning.main',
  info: 'text.secondary',
};

export function SeverityIcon({ severity }: { severity: Severity }) {
  const Icon = icons[severity];
  return (
    <Icon
      fontSize="small"
      sx={{ color: colours[severity], mt: 0.25, flexShrink: 0 }}
      titleAccess={severity}
    />
  );
}
