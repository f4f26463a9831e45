/** The list of what an action discards, under its question. */
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';

export function DiscardList({ lines, label }: { lines: readonly string[]; label: string }) {
  return (
    <>
      <Typography variant="body2" sx={{ mt: 1, fontWeight: 600 }}>
        {label}
      </Typography>
      <Box component="ul" aria-label={label} sx={{ mt: 0.5, mb: 0, pl: 2.5 }}>
        {lines.map((line) => (
          <li key={line}>
            <Typography variant="body2" component="span">
              {line}
            </Typography>
          </li>
        ))}
      </Box>
    </>
  );
}
