"""Who is calling and what they may do: authentication of every token kind, the principal, the
caller's access to a store, and the guards that pages and API operations declare (R18, R19, S3)."""
