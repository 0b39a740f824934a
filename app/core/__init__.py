"""What every module shares: workflow, permissions, audit, Markdown, pagination, htmx rendering."""
