import { Button, CloseButton, Group, Paper, Stack, Text } from '@mantine/core';
import { useEffect } from 'react';
import { keepButtonKeys } from '../app/button-keys';
import { restoreFocus } from '../keyboard/focus';
import { type Toast, useToasts } from './toasts';

const TONE_COLOR: Record<Toast['tone'], string> = {
  info: 'var(--mantine-color-indigo-5)',
  warning: 'var(--mantine-color-orange-6)',
  danger: 'var(--mantine-color-red-6)',
};

/** The toasts, bottom centre (SLA escalations keep the bottom right). */
export function ToastStack() {
  const toasts = useToasts((s) => s.toasts);
  if (toasts.length === 0) return null;
  return (
    <section
      aria-label="Notices"
      onKeyDown={keepButtonKeys}
      style={{ position: 'fixed', bottom: 16, left: '50%', transform: 'translateX(-50%)', zIndex: 300, width: 460 }}
    >
      <Stack gap="xs">
        {toasts.map((t) => (
          <ToastCard key={t.id} toast={t} />
        ))}
      </Stack>
    </section>
  );
}

function ToastCard({ toast }: { toast: Toast }) {
  const dismiss = useToasts((s) => s.dismiss);
  const { id, until } = toast;
  useEffect(() => {
    const timer = setTimeout(() => dismiss(id), Math.max(0, until - Date.now()));
    return () => clearTimeout(timer);
  }, [dismiss, id, until]);
  return (
    <Paper
      withBorder
      shadow="md"
      px="sm"
      py={8}
      data-testid="toast"
      data-tone={toast.tone}
      style={{ borderLeft: `4px solid ${TONE_COLOR[toast.tone]}` }}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text size="sm" style={{ minWidth: 0 }}>
          {toast.text}
        </Text>
        <Group gap={4} wrap="nowrap">
          {toast.action && (
            <Button
              size="compact-sm"
              variant="light"
              onClick={() => {
                dismiss(id);
                toast.action?.run();
                restoreFocus();
              }}
            >
              {toast.action.label}
              {toast.action.keys && (
                <kbd className="key" style={{ marginLeft: 6 }}>
                  {toast.action.keys}
                </kbd>
              )}
            </Button>
          )}
          <CloseButton
            size="sm"
            aria-label="Dismiss notice"
            onClick={() => {
              dismiss(id);
              restoreFocus();
            }}
          />
        </Group>
      </Group>
    </Paper>
  );
}
