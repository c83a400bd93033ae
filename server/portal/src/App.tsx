import { Anchor, Box, Button, Container, Group, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { PortalApi, type Session, savedSession } from './api';
import { Catalog } from './Catalog';
import { MyTickets } from './MyTickets';
import { RequestForm } from './RequestForm';
import { hrefOf, type Route, useRoute } from './route';
import { SignIn } from './SignIn';
import { TicketPage } from './TicketPage';

/** Sign-in, then the portal: a header with the two places a requester goes, and the page of the current route. */
export function App() {
  const [session, setSession] = useState<Session | null>(savedSession);
  const [notice, setNotice] = useState<string | undefined>();
  const route = useRoute();
  const api = useMemo(
    () =>
      session
        ? new PortalApi(session, (message) => {
            setNotice(message);
            setSession(null);
          })
        : null,
    [session],
  );

  if (!session || !api) {
    return (
      <SignIn
        notice={notice}
        onSignedIn={(next) => {
          setNotice(undefined);
          setSession(next);
        }}
      />
    );
  }

  const signOut = async () => {
    await api.signOut();
    setSession(null);
  };

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Box component="header" bg="indigo.7" c="white" py="sm">
        <Container size="md">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Group gap="lg" wrap="wrap">
              <Anchor href={hrefOf({ page: 'catalog' })} c="white" fw={700} fz="lg" underline="never">
                IT Help
              </Anchor>
              <Box component="nav" aria-label="Portal">
                <Group gap="md">
                  <NavLink route={{ page: 'catalog' }} current={route} label="Request something" />
                  <NavLink route={{ page: 'tickets' }} current={route} label="My requests" />
                </Group>
              </Box>
            </Group>
            <Group gap="sm">
              <Text size="sm">{session.user.name}</Text>
              <Button variant="white" color="indigo" size="xs" onClick={signOut}>
                Sign out
              </Button>
            </Group>
          </Group>
        </Container>
      </Box>
      <Container size="md" py="lg" component="main" id="main">
        <Page route={route} api={api} />
      </Container>
    </>
  );
}

function NavLink({ route, current, label }: { route: Route; current: Route; label: string }) {
  const active =
    route.page === current.page ||
    (route.page === 'tickets' && current.page === 'ticket') ||
    (route.page === 'catalog' && current.page === 'request');
  return (
    <Anchor
      href={hrefOf(route)}
      c="white"
      fw={active ? 700 : 400}
      underline={active ? 'always' : 'hover'}
      aria-current={active ? 'page' : undefined}
    >
      {label}
    </Anchor>
  );
}

function Page({ route, api }: { route: Route; api: PortalApi }) {
  switch (route.page) {
    case 'catalog':
      return <Catalog api={api} />;
    case 'request':
      return <RequestForm key={route.itemId} api={api} itemId={route.itemId} />;
    case 'tickets':
      return <MyTickets api={api} />;
    case 'ticket':
      return <TicketPage key={route.ticketId} api={api} ticketId={route.ticketId} />;
  }
}
