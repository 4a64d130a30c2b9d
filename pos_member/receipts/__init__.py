"""One receipt document model and its renderers (PDF, ESC/POS, text)."""
