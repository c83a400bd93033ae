import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { Comment } from '../../../shared/domain/comment';
import { useRxQuery } from '../rx/hooks';
import { useWorkspace } from '../rx/StoreContext';
import { conversationOf } from '../rx/store-api';

/** The ticket's conversation as the replica holds it, live. */
export function Conversation({ ticketId }: { ticketId: string }) {
  const { store } = useWorkspace();
  const { docs, loading } = useRxQuery<Comment>(store.db.comments, conversationOf(ticketId));
  return (
    <CommentList
      comments={docs}
      empty={loading ? null : 'No conversation yet. Press R to reply to the requester or N to add an internal note.'}
    />
  );
}

/**
 * Public replies and internal notes in order (the replica's, or a server copy's); notes are tinted and labelled so
 * they are never mistaken for replies.
 */
export function CommentList({
  comments,
  empty,
}: {
  comments: readonly Comment[];
  /** What an empty conversation says (null: nothing yet, while it is read). */
  empty: string | null;
}) {
  const { userName } = useWorkspace();
  if (comments.length === 0 && empty !== null)
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  return (
    <Stack gap={6} component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Conversation">
      {comments.map((c) => (
        <Paper
          key={c.id}
          component="li"
          withBorder
          p="xs"
          className={c.visibility === 'internal' ? 'comment-internal' : 'comment-public'}
        >
          <Group justify="space-between" gap="xs" mb={2}>
            <Group gap={6}>
              <Text size="sm" fw={600}>
                {userName(c.authorId)}
              </Text>
              {c.visibility === 'internal' ? (
                <Badge color="yellow" variant="light" size="xs">
                  Internal note
                </Badge>
              ) : (
                <Badge color="indigo" variant="light" size="xs">
                  Public reply
                </Badge>
              )}
            </Group>
            <Text size="xs" c="dimmed">
              {new Date(c.createdAt).toLocaleString()}
            </Text>
          </Group>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {c.body}
          </Text>
        </Paper>
      ))}
    </Stack>
  );
}
