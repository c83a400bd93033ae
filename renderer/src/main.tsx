import '@mantine/core/styles.css';
import { MantineProvider, Text, Title } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <MantineProvider defaultColorScheme="auto">
      <main style={{ padding: 24 }}>
        <Title order={1}>ITSM Workstation</Title>
        <Text c="dimmed">The agent workspace is being built.</Text>
      </main>
    </MantineProvider>
  </StrictMode>,
);
