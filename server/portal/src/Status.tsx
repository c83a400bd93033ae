import { Alert, Badge, Center, Loader } from '@mantine/core';
import { STATUS_LABELS, type Status } from '../../../shared/domain/lifecycle';
import type { ApiError } from './api';
import { STATUS_COLORS } from './theme';

export function StatusBadge({ status }: { status: Status }) {
  return <Badge color={STATUS_COLORS[status]}>{STATUS_LABELS[status]}</Badge>;
}

export function Loading({ label }: { label: string }) {
  return (
    <Center py="xl" role="status" aria-label={label}>
      <Loader size="sm" />
    </Center>
  );
}

export function LoadError({ error }: { error: ApiError }) {
  return (
    <Alert color="red" role="alert" title="Something went wrong">
      {error.message}
    </Alert>
  );
}

/** "25 Nov 2026, 14:05" in the requester's locale and time zone. */
export function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
