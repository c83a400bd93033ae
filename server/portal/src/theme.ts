import { createTheme } from '@mantine/core';

/** The workstation's palette (indigo, small radius), with roomier controls for people who use it now and then. */
export const theme = createTheme({
  primaryColor: 'indigo',
  // Shade 7 keeps white button labels above 4.5:1 contrast (shade 6 is 4.1:1).
  primaryShade: 7,
  defaultRadius: 'sm',
  components: {
    Button: { defaultProps: { size: 'sm' } },
    // Light fills with dark text (autoContrast): readable at badge size whatever the status colour.
    Badge: { defaultProps: { radius: 'sm', variant: 'filled', autoContrast: true } },
  },
});

export const STATUS_COLORS = {
  new: 'blue.2',
  open: 'indigo.2',
  pending: 'yellow.3',
  on_hold: 'gray.3',
  resolved: 'green.3',
  closed: 'gray.2',
} as const;
