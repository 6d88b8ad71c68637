/**
 * A comment body on screen: React text nodes (so "<b>" shows as the three characters), http(s)
 * addresses as links opening in a new tab, line breaks kept by CSS (`white-space: pre-wrap`).
 */
import { splitLinks } from './linkify.ts';

export function CommentText({ body }: { body: string }) {
  return (
    <p className="comment-body">
      {splitLinks(body).map((part, i) =>
        part.kind === 'link' ? (
          <a key={i} href={part.href} target="_blank" rel="noopener noreferrer nofollow">{part.text}</a>
        ) : (
          part.text
        ),
      )}
    </p>
  );
}
