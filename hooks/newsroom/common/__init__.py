"""The basics every other folder uses: text folding, the wording catalogue and its date
formatter, the one catalogue of issue codes and the issue shape, the clock and the content cache.
"""
