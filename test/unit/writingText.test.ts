import * as assert from 'node:assert/strict';
import { MAX_WRITING_CHARS, writingText } from '../../src/core/recs/writingText';

const words = (text: string) => writingText(text).split(/\s+/).filter(Boolean);

describe('Papers for this document: the words of a manuscript', () => {
  it('keeps the prose of LaTeX and drops its commands, keys, labels and comments', () => {
    const tex = String.raw`\section{Diffusion samplers} % TODO: cut this
We follow \citet{ho2020denoising} and \emph{denoise} latents, see Fig.~\ref{fig:sampler}.
\begin{equation}\label{eq:score} x \end{equation} 100\% of runs; \url{https://x.org/a}`;
    assert.deepEqual(words(tex), [
      '{Diffusion',
      'samplers}',
      'We',
      'follow',
      'and',
      '{denoise}',
      'latents,',
      'see',
      'Fig.~',
      '.',
      'x',
      '100\\%',
      'of',
      'runs;',
    ]);
  });

  it('drops pandoc citations, code blocks and links from Markdown', () => {
    const md =
      'Retrieval helps [@lewis2020; @guu2020, p. 3].\n```python\nimport torch\n```\nSee https://example.org/x.';
    assert.deepEqual(words(md), ['Retrieval', 'helps', '[', ';', ',', 'p.', '3].', 'See']);
  });

  it('reads at most the first half-megabyte of a 2 MB document', () => {
    const big = 'word '.repeat(400_000);
    assert.equal(big.length, 2_000_000);
    assert.equal(writingText(big).length, MAX_WRITING_CHARS);
  });
});
