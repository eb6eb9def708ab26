"""The published site: pages generated from the public view of the records, built with MkDocs."""
