"""The local console and what it needs: the REPL (`repl`), Block Kit as terminal text (`render`),
a fake Slack Web API on loopback (`localslack`) and the Slack payloads it sends (`payloads`).

The tests and the benchmarks use `localslack` and `payloads` too."""
