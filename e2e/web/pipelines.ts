/** Pipelines the browser tests run. */

export const DAG_PIPELINE = `name: ci
jobs:
  build:
    steps:
      - run: sleep 1 && echo built
  test:
    needs: [build]
    strategy:
      matrix:
        shard: [1, 2, 3]
    steps:
      - run: echo "shard \${{ matrix.shard }}"
  lint:
    needs: [build]
    steps:
      - run: echo lint
  deploy:
    needs: [test, lint]
    steps:
      - run: echo deploy
`;

/** One job printing 1,000,000 lines, every thousandth in green, one of them a needle to search for. */
export const BIG_LOG_PIPELINE = `name: big
jobs:
  big:
    steps:
      - name: print a million lines
        run: >-
          awk 'BEGIN { for (i = 1; i <= 1000000; i++) { if (i == 777777) print "needle-777777 found";
          else if (i % 1000 == 0) printf "\\033[32mline %d ok\\033[0m\\n", i; else printf "line %d\\n", i } }'
`;

export const SLOW_PIPELINE = `name: slow
jobs:
  slow:
    steps:
      - run: for i in $(seq 1 240); do echo "tick $i"; sleep 0.5; done
`;

/** Fails the first time (it leaves a marker file), succeeds when retried. */
export function flakyPipeline(marker: string): string {
  return `name: flaky
jobs:
  flaky:
    steps:
      - run: if [ -f '${marker}' ]; then echo recovered; else touch '${marker}'; echo 'first attempt fails'; exit 1; fi
  after:
    needs: [flaky]
    steps:
      - run: echo after
`;
}

export const REPO_PIPELINE = `name: from-git
jobs:
  hello:
    steps:
      - run: cat README.md
`;
