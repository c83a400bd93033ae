import { Alert, Anchor, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import type { PortalTicketDetail } from '../../../shared/server-api/portal';
import type { PortalApi } from './api';
import { PageTitle } from './PageTitle';
import { hrefOf } from './route';
import { LoadError, Loading, StatusBadge, when } from './Status';
import { justSubmitted } from './submitted';
import { useLoad } from './use-load';

const REFRESH_MS = 10_000;

/** One ticket: what was asked, its status, the public conversation, a reply box, and confirm/reopen once resolved. */
export function TicketPage({ api, ticketId }: { api: PortalApi; ticketId: string }) {
  const [ticket, reload, setTicket] = useLoad(useCallback(() => api.ticket(ticketId), [api, ticketId]));
  const [fresh] = useState(() => justSubmitted.delete(ticketId));
  useEffect(() => {
    // Replies from the service desk appear without a reload while the page is visible.
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void reload();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  if (ticket.state === 'loading') return <Loading label="Loading the request" />;
  if (ticket.state === 'error') return <LoadError error={ticket.error} />;
  const t = ticket.value;
  return (
    <Stack gap="lg">
      <div>
        <Anchor href={hrefOf({ page: 'tickets' })} size="sm">
          ← My requests
        </Anchor>
        <PageTitle>
          {t.label} · {t.title}
        </PageTitle>
        <Group gap="sm" mt={4}>
          <StatusBadge status={t.status} />
          <Text size="sm" c="dimmed">
            {t.catalogItemName ? `${t.catalogItemName} · ` : ''}asked {when(t.createdAt)}
            {t.assigneeName ? ` · handled by ${t.assigneeName}` : ''}
          </Text>
        </Group>
      </div>
      {fresh && (
        <Alert color="green" role="status" title="Request submitted">
          Thank you. Your request {t.label} is with the service desk; you will see their replies here.
        </Alert>
      )}
      {t.awaitingConfirmation && <Resolution api={api} ticket={t} onAnswered={setTicket} />}
      <Details ticket={t} />
      <Conversation ticket={t} />
      {t.status === 'closed' ? (
        <Text c="dimmed">
          This request is closed. If you need more help,{' '}
          <Anchor href={hrefOf({ page: 'catalog' })}>submit a new request</Anchor>.
        </Text>
      ) : (
        <Reply api={api} ticket={t} onSent={setTicket} />
      )}
    </Stack>
  );
}

function Details({ ticket }: { ticket: PortalTicketDetail }) {
  if (ticket.form.length === 0 && ticket.description === '') return null;
  return (
    <section aria-labelledby="details-title">
      <Title order={2} size="h4" id="details-title" mb="xs">
        Your request
      </Title>
      <Paper withBorder p="md">
        <dl style={{ margin: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '0.35rem 1rem' }}>
          {ticket.form.map((entry) => (
            <div key={entry.label} style={{ display: 'contents' }}>
              <Text component="dt" fw={600} size="sm">
                {entry.label}
              </Text>
              <Text component="dd" size="sm" m={0}>
                {typeof entry.value === 'boolean' ? (entry.value ? 'Yes' : 'No') : String(entry.value)}
              </Text>
            </div>
          ))}
        </dl>
        {ticket.description !== '' && (
          <Text size="sm" mt={ticket.form.length > 0 ? 'sm' : 0} className="comment-body">
            {ticket.description}
          </Text>
        )}
      </Paper>
    </section>
  );
}

function Conversation({ ticket }: { ticket: PortalTicketDetail }) {
  return (
    <section aria-labelledby="conversation-title">
      <Title order={2} size="h4" id="conversation-title" mb="xs">
        Conversation
      </Title>
      {ticket.comments.length === 0 ? (
        <Text c="dimmed" size="sm">
          No replies yet.
        </Text>
      ) : (
        <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Conversation">
          {ticket.comments.map((comment) => (
            <Paper key={comment.id} component="li" withBorder p="sm" bg={comment.author.you ? 'gray.0' : 'indigo.0'}>
              <Text size="sm" fw={600}>
                {comment.author.you ? 'You' : comment.author.name}
                {comment.author.staff ? ' (service desk)' : ''}
                <Text span c="dimmed" fw={400} size="xs">
                  {' '}
                  · {when(comment.createdAt)}
                </Text>
              </Text>
              <Text size="sm" mt={4} className="comment-body">
                {comment.body}
              </Text>
            </Paper>
          ))}
        </Stack>
      )}
    </section>
  );
}

function Reply({
  api,
  ticket,
  onSent,
}: {
  api: PortalApi;
  ticket: PortalTicketDetail;
  onSent(t: PortalTicketDetail): void;
}) {
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  // One id per reply being written, so a retry after a lost answer is stored once.
  const replyId = useRef(crypto.randomUUID());
  const input = useRef<HTMLTextAreaElement>(null);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (body.trim() === '') {
      setError('Write your reply first');
      input.current?.focus();
      return;
    }
    setBusy(true);
    const result = await api.reply(ticket.id, { id: replyId.current, body });
    setBusy(false);
    if (!result.ok) {
      setError(result.error.fields.body ?? result.error.message);
      input.current?.focus();
      return;
    }
    replyId.current = crypto.randomUUID();
    setBody('');
    setError(undefined);
    onSent(result.value);
  };

  return (
    <form onSubmit={send} noValidate aria-labelledby="reply-title">
      <Stack gap="xs">
        <Title order={2} size="h4" id="reply-title">
          Reply
        </Title>
        <Textarea
          ref={input}
          label="Your message to the service desk"
          autosize
          minRows={3}
          maxLength={10_000}
          value={body}
          error={error}
          onChange={(e) => {
            setBody(e.currentTarget.value);
            setError(undefined);
          }}
        />
        <Group>
          <Button type="submit" loading={busy}>
            Send reply
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Resolution({
  api,
  ticket,
  onAnswered,
}: {
  api: PortalApi;
  ticket: PortalTicketDetail;
  onAnswered(t: PortalTicketDetail): void;
}) {
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const answer = async (accept: boolean) => {
    setBusy(true);
    const result = await api.resolve(ticket.id, accept ? { accept } : { accept, comment: reason.trim() || undefined });
    setBusy(false);
    if (result.ok) onAnswered(result.value);
    else setError(result.error.message);
  };

  return (
    <Paper withBorder p="md" bg="green.0" component="section" aria-labelledby="resolution-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="resolution-title">
          Is your problem solved?
        </Title>
        <Text size="sm">
          The service desk marked this request as resolved. Please confirm, or tell us what is still wrong.
        </Text>
        {error && (
          <Text c="red" size="sm" role="alert">
            {error}
          </Text>
        )}
        {reopening ? (
          <>
            <Textarea
              label="What is still not working?"
              autosize
              minRows={2}
              maxLength={10_000}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              data-autofocus
              autoFocus
            />
            <Group>
              <Button color="red.9" loading={busy} onClick={() => void answer(false)}>
                Reopen request
              </Button>
              <Button variant="default" onClick={() => setReopening(false)}>
                Back
              </Button>
            </Group>
          </>
        ) : (
          <Group>
            <Button loading={busy} onClick={() => void answer(true)}>
              Yes, it is solved
            </Button>
            <Button variant="default" onClick={() => setReopening(true)}>
              No, reopen it
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
