import { textPieces } from "../text-pieces.ts";

/**
 * Text an agent or a person wrote (a title, a message, a name, a persona): React text, never markup,
 * never a link; isolated from the text around it (`bdi`), its hidden characters shown by name.
 */
export function AgentText({ text, className }: { text: string; className?: string }) {
  const pieces = textPieces(text);
  return (
    <bdi className={className}>
      {pieces.map((piece, index) =>
        piece.hidden ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one immutable string, in order
          <span key={index} className="hidden-char" title="A hidden character, shown by its code">
            {piece.text}
          </span>
        ) : (
          piece.text
        ),
      )}
    </bdi>
  );
}
