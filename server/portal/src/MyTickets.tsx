import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useCallback } from 'react';
import type { PortalApi } from './api';
import { PageTitle } from './PageTitle';
import { hrefOf } from './route';
import { LoadError, Loading, StatusBadge, when } from './Status';
import { useLoad } from './use-load';

/** The requester's tickets, most recently changed first. */
export function MyTickets({ api }: { api: PortalApi }) {
  const [tickets, reload] = useLoad(useCallback(() => api.tickets(), [api]));
  return (
    <Stack gap="md">
      <Group justify="space-between" align="end">
        <PageTitle>My requests</PageTitle>
        <Button variant="default" size="xs" onClick={() => void reload()}>
          Refresh
        </Button>
      </Group>
      {tickets.state === 'loading' && <Loading label="Loading your requests" />}
      {tickets.state === 'error' && <LoadError error={tickets.error} />}
      {tickets.state === 'ready' && tickets.value.tickets.length === 0 && (
        <Text>
          You have not asked for anything yet. <Anchor href={hrefOf({ page: 'catalog' })}>Request something.</Anchor>
        </Text>
      )}
      {tickets.state === 'ready' && tickets.value.tickets.length > 0 && (
        <Table striped highlightOnHover verticalSpacing="sm" aria-label="My requests">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Request</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col">Last change</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tickets.value.tickets.map((ticket) => (
              <Table.Tr key={ticket.id}>
                <Table.Td>
                  <Anchor href={hrefOf({ page: 'ticket', ticketId: ticket.id })}>
                    {ticket.label} · {ticket.title}
                  </Anchor>
                  {ticket.catalogItemName && (
                    <Text size="xs" c="dimmed">
                      {ticket.catalogItemName}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={ticket.status} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{when(ticket.updatedAt)}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
