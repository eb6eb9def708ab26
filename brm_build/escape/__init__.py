"""Escaping for each place brm's output is read as markup: one small module per target
(spreadsheet cells, Markdown, HTML attributes, log lines), used by every writer to it."""
