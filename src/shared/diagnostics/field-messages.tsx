/** The messages under a field: the engine's findings, errors first, each on its own line. */
import Box from '@mui/material/Box';
import type { ReactNode } from 'react';
import type { Severity } from '@/core/diagnostics';

/** One message under a field, in the user's words. */
export interface FieldMessage {
  severity: Severity;
  text: string;
}

export function FieldMessages({
  messages,
  fallback,
}: {
  messages: FieldMessage[];
  fallback?: ReactNode;
}) {
  return (
    <Box
      component="span"
      aria-live="polite"
      sx={{ display: 'flex', flexDirection: 'column', gap: 0.25 }}
    >
      {messages.length === 0 && fallback}
      {messages.map((message, index) => (
        <Box
          component="span"
          key={index}
          sx={{
            color:
              message.severity === 'error'
                ? 'error.main'
                : message.severity === 'warning'
                  ? 'warning.main'
                  : 'text.secondary',
          }}
        >
          {message.text}
        </Box>
      ))}
    </Box>
  );
}
