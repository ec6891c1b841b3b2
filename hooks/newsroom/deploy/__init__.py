"""Self-hosting: the nginx configuration, atomic releases and their verification."""
