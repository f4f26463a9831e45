/** A dashed area that takes dropped files (or text), with buttons to pick them. */
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

/**
 * The dashed area itself: highlights while something is dragged over it and hands over what is
 * dropped; `children` are its buttons.
 */
export function DropArea({
  prompt,
  ariaLabel,
  onDrop,
  children,
}: {
  prompt: ReactNode;
  ariaLabel?: string;
  onDrop(transfer: DataTransfer): void;
  children: ReactNode;
}) {
  const [dragging, setDragging] = useState(false);
  const drop = (event: DragEvent) => {
    event.preventDefault();
    event.stopPropagation();
    setDragging(false);
    onDrop(event.dataTransfer);
  };
  return (
    <Box
      {...(ariaLabel ? { role: 'group', 'aria-label': ariaLabel } : {})}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={drop}
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
        {prompt}
      </Typography>
      {children}
    </Box>
  );
}

/** The files a file input holds, cleared so that picking the same file again is noticed. */
export function takeFiles(input: HTMLInputElement): File[] {
  const files = [...(input.files ?? [])];
  input.value = '';
  return files;
}

export function FileDropZone(props: FileDropZoneProps) {
  return (
    <DropArea
      prompt={props.prompt}
      {...(props.ariaLabel ? { ariaLabel: props.ariaLabel } : {})}
      onDrop={props.onDrop}
    >
      <Button variant="outlined" component="label" startIcon={props.buttonIcon}>
        {props.buttonLabel}
        <input
          hidden
          type="file"
          accept={props.accept}
          multiple={props.onPickFiles !== undefined}
          onChange={(event) => {
            const files = takeFiles(event.target);
            if (props.onPickFiles) {
              if (files.length > 0) props.onPickFiles(files);
            } else if (files[0]) props.onPick(files[0]);
          }}
        />
      </Button>
    </DropArea>
  );
}
