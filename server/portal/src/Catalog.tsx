import { Anchor, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useCallback } from 'react';
import { TICKET_TYPE_LABELS } from '../../../shared/domain/ticket-type';
import type { PortalApi } from './api';
import { hrefOf } from './route';
import { LoadError, Loading } from './Status';
import { useLoad } from './use-load';

/** The service catalog by category; each item's name links to its form. */
export function Catalog({ api }: { api: PortalApi }) {
  const [catalog] = useLoad(useCallback(() => api.catalog(), [api]));
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>What do you need?</Title>
        <Text c="dimmed">Pick a request below. We will keep you posted under My requests.</Text>
      </div>
      {catalog.state === 'loading' && <Loading label="Loading the catalog" />}
      {catalog.state === 'error' && <LoadError error={catalog.error} />}
      {catalog.state === 'ready' && (
        <SimpleGrid
          cols={{ base: 1, sm: 2, md: 3 }}
          spacing="sm"
          component="ul"
          className="plain-list"
          aria-label="Catalog"
        >
          {catalog.value.items.map((item) => (
            <Card key={item.id} withBorder padding="md" component="li" className="catalog-card">
              <Text size="xs" tt="uppercase" fw={600} c="dimmed">
                {item.category} · {TICKET_TYPE_LABELS[item.ticketType]}
              </Text>
              <Title order={2} size="h4" mt={4}>
                <Anchor href={hrefOf({ page: 'request', itemId: item.id })} className="card-link">
                  {item.name}
                </Anchor>
              </Title>
              <Text size="sm" c="dimmed" mt={4}>
                {item.description}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
