"""Letters to the complainant: rendered as tagged PDF, sent by e-mail or printed for post."""
