"""Cross-cutting security checks: the permission matrix, link guessing, fuzzing and rate limits (tests only)."""
