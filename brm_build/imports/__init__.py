"""``brm import`` from the tools where measurements are collected (imports.md): mapping
files, readers of each source's export, and writing all files or none."""
