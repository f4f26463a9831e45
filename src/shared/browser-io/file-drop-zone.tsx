/** A dashed area that takes a dropped file (or text) and has a button to pick one. */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useState, type DragEvent, type ReactNode } from 'react';

export interface FileDropZoneProps {
  /** What the area says before its button, e.g. "Drop a file here, or". */
  prompt: string;
  buttonLabel: string;
  buttonIcon?: ReactNode;
  /** The file picker's `accept`. */
  accept: string;
  /** Names the area for assistive technology; without it the area is not a landmark. */
  ariaLabel?: string;
  onDrop(transfer: DataTransfer): void;
  onPick(file: File): void;
  /** Lets the picker take several files, handed over together. */
  onPickFiles?(files: File[]): void;
}

export function FileDropZone(props: FileDropZoneProps) {
  const [dragging, setDragging] = useState(false);
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    event.stopPropagation();
    setDragging(false);
    props.onDrop(event.dataTransfer);
  };
  return (
    <Box
      {...(props.ariaLabel ? { role: 'group', 'aria-label': props.ariaLabel } : {})}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      sx={{
        border: 2,
        borderStyle: 'dashed',
        borderColor: dragging ? 'primary.main' : 'divider',
        borderRadius: 1,
        p: 1.5,
        textAlign: 'center',
      }}
    >
      <Typography variant="body2" sx={{ mb: 1 }}>
        {props.prompt}
      </Typography>
      <Button variant="outlined" component="label" startIcon={props.buttonIcon}>
        {props.buttonLabel}
        <input
          hidden
          type="file"
          accept={props.accept}
          multiple={props.onPickFiles !== undefined}
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            // Cleared so that picking the same file again is noticed.
            event.target.value = '';
            if (props.onPickFiles) {
              if (files.length > 0) props.onPickFiles(files);
            } else if (files[0]) props.onPick(files[0]);
          }}
        />
      </Button>
    </Box>
  );
}
