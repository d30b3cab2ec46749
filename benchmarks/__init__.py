"""Performance benchmarks: ``python -m benchmarks`` (``make bench``) runs them all.

Each figure is printed beside a baseline measured in the same run: a plain Python loop calling
pymcdm once per sample, as one would write SMAA or a weight sweep without a vectorised engine.
Performance is measured here and never asserted in the tests.
"""
