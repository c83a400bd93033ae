import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useKeyed } from './use-keyed';

describe('useKeyed', () => {
  it('keeps the first of equal values and takes a new one when its content changes', () => {
    const first = { selector: { queueId: 'q-1' } };
    const { result, rerender } = renderHook(({ value }) => useKeyed(value), { initialProps: { value: first } });
    rerender({ value: { selector: { queueId: 'q-1' } } });
    expect(result.current).toBe(first);
    const next = { selector: { queueId: 'q-2' } };
    rerender({ value: next });
    expect(result.current).toBe(next);
  });

  it('follows the key it is given', () => {
    const { result, rerender } = renderHook(({ value, key }) => useKeyed(value, key), {
      initialProps: { value: [1, 2], key: 'a' },
    });
    rerender({ value: [3], key: 'a' });
    expect(result.current).toEqual([1, 2]);
    rerender({ value: [3], key: 'b' });
    expect(result.current).toEqual([3]);
  });
});
