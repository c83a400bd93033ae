import { Alert, Anchor, Button, Group, List, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import type { PortalCatalogItem } from '../../../shared/server-api/portal';
import type { PortalApi } from './api';
import { FormField } from './FormField';
import { type Draft, type FieldValue, initialValues, inputId, intakeBody, validateDraft } from './form-values';
import { PageTitle } from './PageTitle';
import { hrefOf, navigate } from './route';
import { LoadError, Loading } from './Status';
import { justSubmitted } from './submitted';
import { useLoad } from './use-load';

/** The form of one catalog item. */
export function RequestForm({ api, itemId }: { api: PortalApi; itemId: string }) {
  const [catalog] = useLoad(useCallback(() => api.catalog(), [api]));
  if (catalog.state === 'loading') return <Loading label="Loading the form" />;
  if (catalog.state === 'error') return <LoadError error={catalog.error} />;
  const item = catalog.value.items.find((candidate) => candidate.id === itemId);
  if (!item) {
    return (
      <Alert color="yellow" role="alert" title="Not offered">
        This request is not in the catalog (any more). <Anchor href={hrefOf({ page: 'catalog' })}>See what is.</Anchor>
      </Alert>
    );
  }
  return <ItemForm api={api} item={item} />;
}

const TITLE_MAX = 200;
const DESCRIPTION_MAX = 10_000;

function ItemForm({ api, item }: { api: PortalApi; item: PortalCatalogItem }) {
  const [draft, setDraft] = useState<Draft>({ title: '', description: '', values: initialValues(item.fields) });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [focusRequest, setFocusRequest] = useState<{ path: string | null } | null>(null);
  // One key per request being written: a double click or a retry after a lost answer creates one ticket.
  const idempotencyKey = useRef(crypto.randomUUID());
  const summaryRef = useRef<HTMLDivElement>(null);

  const labels: Record<string, string> = {
    title: 'Short summary',
    description: 'Anything else we should know?',
    ...Object.fromEntries(item.fields.map((field) => [`formData.${field.key}`, field.label])),
  };
  const fieldOrder = ['title', ...item.fields.map((field) => `formData.${field.key}`), 'description'];
  const fieldErrors = fieldOrder.filter((path) => errors[path]);

  // After a failed submit, focus goes to the first field to fix (or to the summary when no field is named).
  useEffect(() => {
    if (!focusRequest) return;
    const target = focusRequest.path ? document.getElementById(inputId(focusRequest.path)) : summaryRef.current;
    target?.focus();
  }, [focusRequest]);

  const fail = (found: Record<string, string>) => {
    setErrors(found);
    setFocusRequest({ path: fieldOrder.find((path) => found[path]) ?? null });
  };

  const setValue = (key: string, value: FieldValue) => {
    setDraft((current) => ({ ...current, values: { ...current.values, [key]: value } }));
    setErrors(({ [`formData.${key}`]: _fixed, ...rest }) => rest);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const body = intakeBody(item, draft, idempotencyKey.current);
    const found = validateDraft(item, body);
    setProblem(null);
    if (Object.keys(found).length > 0) {
      fail(found);
      return;
    }
    setBusy(true);
    const result = await api.submit(body);
    setBusy(false);
    if (result.ok) {
      justSubmitted.add(result.value.ticket.id);
      navigate({ page: 'ticket', ticketId: result.value.ticket.id });
      return;
    }
    const known = Object.fromEntries(Object.entries(result.error.fields).filter(([path]) => path in labels));
    if (Object.keys(known).length === 0) setProblem(result.error.message);
    fail(known);
  };

  return (
    <Stack gap="md" maw={640}>
      <div>
        <Anchor href={hrefOf({ page: 'catalog' })} size="sm">
          ← All requests
        </Anchor>
        <PageTitle>{item.name}</PageTitle>
        <Text c="dimmed">{item.description}</Text>
      </div>
      <div ref={summaryRef} tabIndex={-1}>
        {(fieldErrors.length > 0 || problem) && (
          <Alert
            color="red"
            role="alert"
            title={problem ? 'Not sent' : `Please check ${fieldErrors.length === 1 ? 'this field' : 'these fields'}`}
          >
            {problem ?? (
              <List size="sm">
                {fieldErrors.map((path) => (
                  <List.Item key={path}>
                    <Anchor
                      component="button"
                      type="button"
                      size="sm"
                      c="red.9"
                      underline="always"
                      onClick={() => document.getElementById(inputId(path))?.focus()}
                    >
                      {labels[path]}: {errors[path]}
                    </Anchor>
                  </List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
      </div>
      <form onSubmit={submit} noValidate aria-label={`${item.name} request`}>
        <Stack gap="md">
          <TextInput
            id={inputId('title')}
            label={labels.title}
            description={`Optional: we call it “${item.name}” otherwise`}
            value={draft.title}
            maxLength={TITLE_MAX}
            error={errors.title}
            onChange={(e) => {
              const title = e.currentTarget.value;
              setDraft((current) => ({ ...current, title }));
            }}
          />
          {item.fields.map((field) => (
            <FormField
              key={field.key}
              field={field}
              value={draft.values[field.key] ?? ''}
              error={errors[`formData.${field.key}`]}
              onChange={(value) => setValue(field.key, value)}
            />
          ))}
          <Textarea
            id={inputId('description')}
            label={labels.description}
            autosize
            minRows={3}
            maxLength={DESCRIPTION_MAX}
            value={draft.description}
            error={errors.description}
            onChange={(e) => {
              const description = e.currentTarget.value;
              setDraft((current) => ({ ...current, description }));
            }}
          />
          <Text size="sm" c="dimmed">
            Files cannot be attached here: describe the problem in words, and the person handling your request will ask
            if they need more.
          </Text>
          <Group>
            <Button type="submit" loading={busy}>
              Submit request
            </Button>
            <Anchor href={hrefOf({ page: 'catalog' })}>Cancel</Anchor>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
