/**
 * The last line of defence against a blank page: a part that fails to render is replaced by a
 * message saying what happened, with a way to start again from the defaults.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';

interface Props {
  children: ReactNode;
  /** Shown in the message, e.g. "The preview". */
  area?: string;
  onReset?: () => void;
}

interface State {
  error?: Error;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = {};

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`${this.props.area ?? 'The page'} failed to render`, error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <Box role="alert" sx={{ p: 2, border: 1, borderColor: 'error.main', borderRadius: 1, m: 2 }}>
        <Typography variant="h2" component="p" gutterBottom>
          {this.props.area ?? 'The page'} could not be shown.
        </Typography>
        <Typography variant="body2" gutterBottom>
          {error.message}
        </Typography>
        <Box sx={{ display: 'flex', gap: 1 }}>
          <Button
            variant="outlined"
            onClick={() => {
              this.props.onReset?.();
              this.setState({ error: undefined });
            }}
          >
            Try again
          </Button>
          {/* A part that failed to download stays failed until the page is loaded again. */}
          <Button onClick={() => window.location.reload()}>Reload the page</Button>
        </Box>
      </Box>
    );
  }
}
