import { Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useUi } from '../ui-state';

/** The result of the last action, shown briefly and read out by screen readers (a polite live region). */
export function Announcer() {
  const announcement = useUi((s) => s.announcement);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    if (!announcement) return;
    setVisible(true);
    const t = setTimeout(() => setVisible(false), 4000);
    return () => clearTimeout(t);
  }, [announcement]);
  return (
    <Text
      size="xs"
      c="dimmed"
      role="status"
      aria-live="polite"
      data-testid="announcer"
      style={{ minWidth: 120, textAlign: 'right' }}
    >
      {visible ? announcement?.text : ''}
    </Text>
  );
}
