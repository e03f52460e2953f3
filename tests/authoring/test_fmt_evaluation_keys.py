"""`argmap fmt` puts the evaluation's keys after a node's words and before its lists."""

from __future__ import annotations

import textwrap

from argmap.authoring.fmt import canonical_text


def test_evaluation_keys_come_before_the_lists() -> None:
    written = textwrap.dedent(
        """\
        argmap: 1
        id: essay
        title: Essay
        conclusions:
          - id: recycle
            counterexamples:
              - id: annoying
                conceded: true
                text: Separating rubbish is annoying.
                implicit: true
            outweighs: [annoying]
            text: Households should separate their rubbish.
            standard: preponderance
            implicit: true
        """
    )
    assert canonical_text(written) == textwrap.dedent(
        """\
        argmap: 1
        id: essay
        title: Essay
        conclusions:
          - id: recycle
            text: Households should separate their rubbish.
            implicit: true
            standard: preponderance
            outweighs:
              - annoying
            counterexamples:
              - id: annoying
                text: Separating rubbish is annoying.
                implicit: true
                conceded: true
        """
    )
