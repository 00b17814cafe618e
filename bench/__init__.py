"""Benchmarks, run by hand (`make bench`): numbers printed beside a bare Bolt app measured in the
same run."""
