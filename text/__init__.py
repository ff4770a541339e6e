"""Pure-text tools for media monitoring in Bahasa Indonesia: plain text, tokens, topics, sentiment."""
