// The words a Mermaid diagram should show, read from its Markdown source,
// without Mermaid: if Mermaid's own parser were asked, a label it cuts short
// would be cut short on both sides of the comparison. Mermaid once drew
// `C->>S: hello, server! #1` as "hello, server!": in a sequence diagram `#`
// starts a comment, unless it is written as the entity `#35;`. The site test
// compares these labels with the text of the drawn diagrams (visit.ts).

/** The source of each ```mermaid block of a page, in page order. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid[ \t]*\r?\n([\s\S]*?)^```[ \t]*$/gm)].map(
    (block) => block[1] ?? '',
  );
}

// Mermaid's entity syntax: `#35;` (a character code) or `#quot;` (an HTML
// entity's name). These are the names the pages use.
const namedEntities: Record<string, string> = {
  quot: '"',
  amp: '&',
  lt: '<',
  gt: '>',
  nbsp: '\u00a0',
};

/** A label as drawn: entities decoded, `<br/>` as line breaks, one line each. */
export function labelLines(label: string): string[] {
  const decoded = label.replace(/#(\d+|[a-z]+);/gi, (entity, code: string) =>
    /^\d+$/.test(code) ? String.fromCodePoint(Number(code)) : (namedEntities[code] ?? entity),
  );
  return decoded
    .split(/<br\s*\/?>/i)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '');
}

// Sequence diagrams: `A->>B: label`, `Note over A,B: label`, `participant A as
// label`, and the label of a box such as `alt label` (drawn as `[label]`).
const sequenceMessage = /^[\w-]+\s*(?:<<)?-{1,2}(?:>>|>|x|\))[+-]?\s*[\w-]+\s*:(.*)$/;
const sequenceNote = /^note\s+(?:over|left of|right of)\s[^:]*:(.*)$/i;
const sequenceParticipant = /^(?:participant|actor)\s+[\w-]+\s+as\s+(.*)$/;
const sequenceBox = /^(?:alt|else|loop|opt|par|and|critical|option|break)\s+(.+)$/;
// State diagrams: `a --> b: label`.
const stateTransition = /^\S+\s*-->\s*\S+\s*:(.*)$/;

/** Every label a diagram's source gives, one line of text each. */
export function diagramLabels(source: string): string[] {
  // A front-matter block (`---` … `---`) configures the diagram; it draws nothing.
  const body = source.replace(/^---\r?\n[\s\S]*?^---\r?\n/m, '');
  const lines = body
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('%%'));
  const [kind = '', ...rest] = lines;
  const labels: string[] = [];
  for (const line of rest) {
    if (/^title\s/.test(line)) labels.push(line.slice('title'.length));
    else if (kind.startsWith('sequenceDiagram')) {
      const box = line.match(sequenceBox)?.[1];
      const label =
        line.match(sequenceMessage)?.[1] ??
        line.match(sequenceNote)?.[1] ??
        line.match(sequenceParticipant)?.[1] ??
        (box === undefined ? undefined : `[${box}]`);
      if (label !== undefined) labels.push(label);
    } else if (kind.startsWith('stateDiagram')) {
      const label = line.match(stateTransition)?.[1];
      if (label !== undefined) labels.push(label);
    } else {
      // Flowcharts and packet diagrams quote their labels: `a["label"]`, `|"label"|`, `0: "FIN"`.
      for (const quoted of line.matchAll(/"([^"]*)"/g)) labels.push(quoted[1] ?? '');
    }
  }
  return labels.flatMap(labelLines);
}
