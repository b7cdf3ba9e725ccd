import { describe, expect, it } from 'vitest';
import { diagramLabels, labelLines, mermaidBlocks } from './mermaid-labels.ts';

// The labels the site test expects to see drawn (visit.ts), read from the source.
describe('the labels of a Mermaid diagram', () => {
  it('finds every ```mermaid block of a page, in order', () => {
    const page = [
      '# A',
      '```mermaid',
      'flowchart LR',
      '```',
      'text',
      '```mermaid',
      'sequenceDiagram',
      '```',
    ];
    expect(mermaidBlocks(page.join('\n'))).toEqual(['flowchart LR\n', 'sequenceDiagram\n']);
  });

  it('reads a sequence diagram: messages, notes, participants and boxes', () => {
    const source = [
      'sequenceDiagram',
      '  %% a comment draws nothing',
      '  participant C as client',
      '  C->>S: hello, server! #35;1\\n',
      '  S--)C: FIN',
      '  C-xS: lost',
      '  alt acceptable',
      '  Note over C,S: first line<br/>second #quot;line#quot;',
      '  end',
    ].join('\n');
    expect(diagramLabels(source)).toEqual([
      'client',
      'hello, server! #1\\n',
      'FIN',
      'lost',
      '[acceptable]',
      'first line',
      'second "line"',
    ]);
  });

  it('reads transitions of a state diagram and quoted labels elsewhere', () => {
    expect(diagramLabels('stateDiagram-v2\n  open --> closed: TCP ends\n  closed --> [*]')).toEqual(
      ['TCP ends'],
    );
    expect(diagramLabels('flowchart LR\n  a["01 TCP<br/>byte stream"] -->|"next"| b')).toEqual([
      '01 TCP',
      'byte stream',
      'next',
    ]);
    expect(
      diagramLabels('---\nconfig:\n  x: "no"\n---\npacket-beta\n  title T\n  0: "FIN"'),
    ).toEqual(['T', 'FIN']);
  });

  it('keeps what it cannot decode, so the comparison shows it', () => {
    expect(labelLines('a #unknown; b')).toEqual(['a #unknown; b']);
  });
});
