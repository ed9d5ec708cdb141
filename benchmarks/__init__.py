"""Benchmark scripts: speed ratios against a plain baseline, notebook run time and memory."""
